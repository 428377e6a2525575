/*
 * test: evaluate a condition, as Plan 9's test(1); the exit status is
 * empty when it holds and "false" when it does not.
 *	expr:	and [-o expr]
 *	and:	prim [-a and]
 *	prim:	! prim | ( expr ) | -unary arg | arg binop arg | arg
 */
#include <u.h>
#include <libc.h>

static char **args;
static int nargs, pos;

static int expr(void);

static _Noreturn void
synerr(char *why)
{
	fprint(2, "test: %s\n", why);
	exits("bad syntax");
}

static char*
next(void)
{
	if(pos >= nargs)
		synerr("argument expected");
	return args[pos++];
}

static int
isint(char *s, vlong *v)
{
	char *e, *p;

	/* more than 18 digits might not fit: call it not a number */
	for(p = s; *p == ' ' || *p == '\t' || *p == '-' || *p == '+'; p++)
		;
	if(strspn(p, "0123456789") > 18)
		return 0;
	*v = strtoll(s, &e, 10);
	while(*e == ' ' || *e == '\t')
		e++;
	return *s != 0 && *e == 0;
}

static vlong
intarg(char *s)
{
	vlong v;

	if(!isint(s, &v)){
		fprint(2, "test: %s: not a number\n", s);
		exits("bad syntax");
	}
	return v;
}

/* a duration like 1y2w3d4h5m6s, in seconds; -1 if malformed */
static vlong
duration(char *s)
{
	vlong t, n;
	int any;

	t = 0;
	any = 0;
	while(*s){
		if(*s < '0' || *s > '9')
			return -1;
		for(n = 0; *s >= '0' && *s <= '9'; s++)
			if((n = n*10 + (*s - '0')) > 1000000000)
				return -1;
		switch(*s++){
		case 'y': n *= 365*86400; break;
		case 'w': n *= 7*86400; break;
		case 'd': n *= 86400; break;
		case 'h': n *= 3600; break;
		case 'm': n *= 60; break;
		case 's': case 0: s -= s[-1] == 0; break;
		default: return -1;
		}
		t += n;
		any = 1;
	}
	return any ? t : -1;
}

static vlong
walltime(void)
{
	char buf[128];
	int fd, n;

	fd = open("/dev/time", OREAD);
	if(fd < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 0)
		return 0;
	buf[n] = 0;
	return strtoll(buf, nil, 10);
}

static int
unary(char *op, char *arg)
{
	char buf[256];
	Dir *d;
	vlong v;
	int r, n;

	switch(op[1]){
	case 'z':
		return *arg == 0;
	case 'n':
		return *arg != 0;
	case 'r':
		return access(arg, AREAD) == 0;
	case 'w':
		return access(arg, AWRITE) == 0;
	case 'x':
		return access(arg, AEXEC) == 0;
	case 't':
		if(!isint(arg, &v) || v < 0 || v > 1000)
			synerr("bad file descriptor");
		/* a console-like file: its name ends in cons */
		if(fd2path(v, buf, sizeof buf) < 0)
			return 0;
		n = strlen(buf);
		return n >= 4 && strcmp(buf + n - 4, "cons") == 0;
	}
	d = dirstat(arg);
	if(d == nil)
		return 0;
	switch(op[1]){
	case 'e':
		r = 1;
		break;
	case 'f':
		r = (d->qid.type & QTDIR) == 0;
		break;
	case 'd':
		r = (d->qid.type & QTDIR) != 0;
		break;
	case 's':
		r = d->length > 0;
		break;
	case 'A':
		r = (d->mode & DMAPPEND) != 0;
		break;
	case 'L':
		r = (d->mode & DMEXCL) != 0;
		break;
	case 'T':
		r = (d->mode & DMTMP) != 0;
		break;
	default:
		r = 0;
	}
	free(d);
	return r;
}

static int
isunary(char *s)
{
	return s[0] == '-' && s[1] != 0 && s[2] == 0 && strchr("zfdrwxsentALT", s[1]) != nil;
}

static int
isbinary(char *s)
{
	static char *ops[] = {"=", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
		"-nt", "-ot", "-older"};
	int i;

	for(i = 0; i < nelem(ops); i++)
		if(strcmp(s, ops[i]) == 0)
			return 1;
	return 0;
}

/* file a newer than file b; a missing file is older than any */
static int
newer(char *a, char *b)
{
	Dir *da, *db;
	int r;

	da = dirstat(a);
	db = dirstat(b);
	r = da != nil && (db == nil || da->mtime > db->mtime);
	free(da);
	free(db);
	return r;
}

static int
binary(char *a, char *op, char *b)
{
	vlong x, y;
	Dir *d;
	int r;

	if(strcmp(op, "=") == 0)
		return strcmp(a, b) == 0;
	if(strcmp(op, "!=") == 0)
		return strcmp(a, b) != 0;
	if(strcmp(op, "-nt") == 0)
		return newer(a, b);
	if(strcmp(op, "-ot") == 0)
		return newer(b, a);
	if(strcmp(op, "-older") == 0){
		/* f -older 2d: f was last changed more than two days ago */
		if((y = duration(b)) < 0){
			fprint(2, "test: %s: bad duration\n", b);
			exits("bad syntax");
		}
		if((d = dirstat(a)) == nil)
			return 0;
		r = d->mtime < walltime() - y;
		free(d);
		return r;
	}
	x = intarg(a);
	y = intarg(b);
	switch(op[1] << 8 | op[2]){
	case 'e' << 8 | 'q': return x == y;
	case 'n' << 8 | 'e': return x != y;
	case 'l' << 8 | 't': return x < y;
	case 'l' << 8 | 'e': return x <= y;
	case 'g' << 8 | 't': return x > y;
	default: return x >= y;
	}
}

static int
prim(void)
{
	char *s;
	int r;

	s = next();
	if(strcmp(s, "!") == 0)
		return !prim();
	if(strcmp(s, "(") == 0){
		r = expr();
		if(pos >= nargs || strcmp(args[pos], ")") != 0)
			synerr("missing )");
		pos++;
		return r;
	}
	/* a binary operator after s makes s an operand, even if it looks like -f */
	if(pos + 1 < nargs && isbinary(args[pos])){
		pos += 2;
		return binary(s, args[pos-2], args[pos-1]);
	}
	if(isunary(s)){
		if(pos >= nargs)
			synerr("argument expected");
		return unary(s, next());
	}
	return *s != 0;
}

static int
and(void)
{
	int r;

	r = prim();
	while(pos < nargs && strcmp(args[pos], "-a") == 0){
		pos++;
		r = prim() & r;
	}
	return r;
}

static int
expr(void)
{
	int r;

	r = and();
	while(pos < nargs && strcmp(args[pos], "-o") == 0){
		pos++;
		r = and() | r;
	}
	return r;
}

void
main(int argc, char **argv)
{
	int r;

	args = argv + 1;
	nargs = argc - 1;
	/* invoked as [ ... ], the last argument must be ] */
	if(argc > 0 && strcmp(argv[0], "[") == 0){
		if(nargs == 0 || strcmp(args[nargs-1], "]") != 0)
			synerr("missing ]");
		nargs--;
	}
	if(nargs == 0)
		exits("false");
	r = expr();
	if(pos != nargs)
		synerr("unexpected argument");
	exits(r ? nil : "false");
}
