/*
 * sed - stream editor, the common core: addresses (a line number, $,
 * /regexp/ in Plan 9 syntax, and ranges a1,a2, optionally negated with
 * !) and the commands s/re/replacement/[gpN], d, p, q and =, separated
 * by ; or newlines.  The script is parsed whole before any input is
 * read, so a bad script fails before it does anything.
 */
#include <u.h>
#include <libc.h>
#include <bio.h>
#include <regexp.h>

enum {
	Maxcmd = 256,
	Nsub = 10,	/* & and \1 to \9 */

	Anone = 0,
	Aline,
	Alast,
	Are,
};

typedef struct Addr Addr;
struct Addr {
	int type;
	vlong line;
	Reprog *re;
};

typedef struct Cmd Cmd;
struct Cmd {
	Addr a1, a2;
	int neg;	/* ! */
	int active;	/* inside its range */
	int op;		/* s d p q = */
	Reprog *re;	/* s */
	char *repl;	/* s: the replacement, escapes still in it */
	int gflag;	/* s: every match */
	int pflag;	/* s: print if replaced */
	int nth;	/* s: only (with g: from) the nth match */
};

static Cmd cmds[Maxcmd];
static int ncmd;
static int nflag;
static Reprog *lastre;
static Biobuf out;

/* the growing output line of a substitution */
static char *sbuf;
static long slen, scap;

static void
usage(void)
{
	fprint(2, "usage: sed [-n] [-e script] ... [-f file] [script] [file ...]\n");
	exits("usage");
}

static void
nomem(void)
{
	fprint(2, "sed: out of memory\n");
	exits("no memory");
}

static void
bad(char *msg, char *at)
{
	fprint(2, "sed: %s at %q\n", msg, at);
	exits("bad script");
}

/*
 * delimited takes the text up to an unescaped delim from *sp, turning
 * \delim into delim and keeping other escapes for regcomp or the
 * replacement; *sp ends past the delimiter.  cmd is for errors.
 */
static char*
delimited(char **sp, int delim, char *cmd)
{
	char *s, *t, *r;

	s = *sp;
	r = malloc(strlen(s) + 1);
	if(r == nil)
		nomem();
	t = r;
	for(; *s != delim; s++){
		if(*s == 0 || *s == '\n'){
			free(r);
			bad("unterminated expression", cmd);
		}
		if(*s == '\\' && s[1] == delim)
			s++;
		else if(*s == '\\' && s[1] != 0)
			*t++ = *s++;
		*t++ = *s;
	}
	*t = 0;
	*sp = s + 1;
	return r;
}

static Reprog*
sedcomp(char *re, char *at)
{
	Reprog *p;

	if(*re == 0){
		if(lastre == nil)
			bad("no previous expression", at);
		return lastre;
	}
	p = regcomp(re);
	if(p == nil){
		fprint(2, "sed: bad expression %q: %r\n", re);
		exits("bad script");
	}
	lastre = p;
	return p;
}

/* parseaddr reads an address, if there is one, at *sp */
static void
parseaddr(char **sp, Addr *a)
{
	char *s, *re;
	int delim;

	s = *sp;
	a->type = Anone;
	if(*s >= '0' && *s <= '9'){
		a->type = Aline;
		a->line = 0;
		while(*s >= '0' && *s <= '9'){
			a->line = a->line*10 + *s++ - '0';
			if(a->line > 1000000000000LL)
				bad("line number too large", *sp);
		}
	}else if(*s == '$'){
		a->type = Alast;
		s++;
	}else if(*s == '/' || (*s == '\\' && s[1] != 0 && s[1] != '\n')){
		delim = *s == '/' ? '/' : s[1];
		s += *s == '/' ? 1 : 2;
		re = delimited(&s, delim, *sp);
		a->type = Are;
		a->re = sedcomp(re, *sp);
		free(re);
	}
	*sp = s;
}

static void
parse(char *s)
{
	Cmd *c;
	char *at, *re;
	int delim;

	for(;;){
		while(*s == ' ' || *s == '\t' || *s == '\n' || *s == ';')
			s++;
		if(*s == 0)
			return;
		if(ncmd == Maxcmd)
			bad("too many commands", s);
		c = &cmds[ncmd++];
		memset(c, 0, sizeof *c);
		at = s;
		parseaddr(&s, &c->a1);
		if(c->a1.type != Anone && *s == ','){
			s++;
			parseaddr(&s, &c->a2);
			if(c->a2.type == Anone)
				bad("missing address", at);
		}
		if(c->a1.type == Aline && c->a1.line == 0)
			bad("line 0", at);
		while(*s == ' ' || *s == '\t')
			s++;
		if(*s == '!'){
			c->neg = 1;
			s++;
			while(*s == ' ' || *s == '\t')
				s++;
		}
		c->op = *s;
		switch(*s){
		case 'd':
		case 'p':
		case 'q':
		case '=':
			s++;
			break;
		case 's':
			s++;
			delim = *s;
			if(delim == 0 || delim == '\n' || delim == '\\' || delim == ' ')
				bad("bad delimiter", at);
			s++;
			re = delimited(&s, delim, at);
			c->re = sedcomp(re, at);
			free(re);
			c->repl = delimited(&s, delim, at);
			for(; *s != 0 && strchr("gp0123456789", *s) != nil; s++){
				if(*s == 'g')
					c->gflag = 1;
				else if(*s == 'p')
					c->pflag = 1;
				else{
					c->nth = c->nth*10 + *s - '0';
					if(c->nth == 0 || c->nth > 100000)
						bad("bad count", at);
				}
			}
			break;
		case 0:
			bad("missing command", at);
		default:
			bad("unknown command", s);
		}
		while(*s == ' ' || *s == '\t')
			s++;
		if(*s != 0 && *s != ';' && *s != '\n')
			bad("junk after command", s);
	}
}

static int
matchaddr(Addr *a, vlong lineno, char *line, int last)
{
	switch(a->type){
	case Aline:
		return lineno == a->line;
	case Alast:
		return last;
	case Are:
		return regexec(a->re, line, nil, 0) > 0;
	}
	return 1;
}

/* selected says whether c applies to this line, moving its range along */
static int
selected(Cmd *c, vlong lineno, char *line, int last)
{
	int sel;

	if(c->a1.type == Anone)
		sel = 1;
	else if(c->a2.type == Anone)
		sel = matchaddr(&c->a1, lineno, line, last);
	else if(!c->active){
		sel = matchaddr(&c->a1, lineno, line, last);
		/* a range whose end is a line already reached is one line long */
		if(sel && !(c->a2.type == Aline && c->a2.line <= lineno) &&
		   !(c->a2.type == Alast && last))
			c->active = 1;
	}else{
		sel = 1;
		if(c->a2.type == Aline ? lineno >= c->a2.line : matchaddr(&c->a2, lineno, line, last))
			c->active = 0;
	}
	return c->neg ? !sel : sel;
}

static void
sput(char *s, long n)
{
	char *nb;

	if(slen + n + 1 > scap){
		scap = 2*(slen + n + 1) + 64;
		nb = realloc(sbuf, scap);
		if(nb == nil)
			nomem();
		sbuf = nb;
	}
	memmove(sbuf + slen, s, n);
	slen += n;
	sbuf[slen] = 0;
}

/* expand appends the replacement r for the match m */
static void
expand(char *r, Resub *m)
{
	int k;

	for(; *r != 0; r++){
		k = -1;
		if(*r == '&')
			k = 0;
		else if(*r == '\\' && r[1] >= '1' && r[1] <= '9')
			k = *++r - '0';
		else if(*r == '\\' && r[1] == 'n'){
			r++;
			sput("\n", 1);
			continue;
		}else if(*r == '\\' && r[1] != 0)
			r++;
		if(k < 0)
			sput(r, 1);
		else if(m[k].s.sp != nil && m[k].e.ep != nil)
			sput(m[k].s.sp, m[k].e.ep - m[k].s.sp);
	}
}

/*
 * subst runs c's substitution on *linep (length *lenp); the new line
 * replaces it.  It reports whether anything was replaced.
 */
static int
subst(Cmd *c, char **linep, long *lenp)
{
	Resub m[Nsub];
	char *line;
	long pos, len, ms, me, prevend;
	int n, did, w, r;
	Rune rune;

	line = *linep;
	len = *lenp;
	slen = 0;
	sput("", 0);
	pos = 0;
	prevend = -1;
	n = 0;
	did = 0;
	while(pos <= len){
		memset(m, 0, sizeof m);
		m[0].s.sp = line + pos;
		r = regexec(c->re, line, m, Nsub);
		if(r < 0){
			fprint(2, "sed: %r\n");
			exits("regexp");
		}
		if(r == 0)
			break;
		ms = m[0].s.sp - line;
		me = m[0].e.ep - line;
		if(ms == me && ms == prevend){
			/* no empty match right after the last match */
			if(ms >= len)
				break;
			w = chartorune(&rune, line + ms);
			sput(line + pos, ms + w - pos);
			pos = ms + w;
			continue;
		}
		n++;
		sput(line + pos, ms - pos);
		if(c->nth == 0 ? (c->gflag || n == 1) : (c->gflag ? n >= c->nth : n == c->nth)){
			expand(c->repl, m);
			did = 1;
		}else
			sput(line + ms, me - ms);
		pos = me;
		prevend = me;
		if(did && !c->gflag)
			break;
		if(ms == me){
			if(ms >= len)
				break;
			w = chartorune(&rune, line + ms);
			sput(line + ms, w);
			pos = ms + w;
		}
	}
	if(!did)
		return 0;
	if(pos < len)
		sput(line + pos, len - pos);
	free(line);
	*linep = strdup(sbuf);
	if(*linep == nil)
		nomem();
	*lenp = slen;
	return 1;
}

static void
putline(char *line, long len)
{
	Bwrite(&out, line, len);
	Bputc(&out, '\n');
}

/* The input: the files in turn, read a line ahead so $ is known. */
static char **files;
static int nfiles, curfile = -1;
static Biobuf *in;
static char *status;

static char*
nextline(long *lenp)
{
	char *s;
	long n;

	for(;;){
		if(in == nil){
			if(++curfile >= nfiles)
				return nil;
			if(strcmp(files[curfile], "-") == 0)
				in = Bfdopen(0, OREAD);
			else
				in = Bopen(files[curfile], OREAD);
			if(in == nil){
				fprint(2, "sed: %s: %r\n", files[curfile]);
				status = "open";
				continue;
			}
		}
		s = Brdstr(in, '\n', 0);
		if(s != nil){
			n = Blinelen(in);
			if(n > 0 && s[n-1] == '\n')
				s[--n] = 0;
			*lenp = n;
			return s;
		}
		Bterm(in);
		in = nil;
	}
}

/* sedline runs the script on one line; it returns 0 after q */
static int
sedline(char **linep, long *lenp, vlong lineno, int last)
{
	Cmd *c;
	int i, deleted;

	deleted = 0;
	for(i = 0; i < ncmd; i++){
		c = &cmds[i];
		if(!selected(c, lineno, *linep, last))
			continue;
		switch(c->op){
		case 'd':
			deleted = 1;
			break;
		case 'p':
			putline(*linep, *lenp);
			break;
		case '=':
			Bprint(&out, "%lld\n", lineno);
			break;
		case 's':
			if(subst(c, linep, lenp) && c->pflag)
				putline(*linep, *lenp);
			break;
		case 'q':
			if(!nflag)
				putline(*linep, *lenp);
			return 0;
		}
		if(deleted)
			break;
	}
	if(!deleted && !nflag)
		putline(*linep, *lenp);
	return 1;
}

void
main(int argc, char *argv[])
{
	static char *stdinv[] = { "-", nil };
	char *script, *add, *line, *next, *name;
	long len, nlen, n, ns;
	vlong lineno;
	int fd;

	script = nil;
	ns = 0;
	ARGBEGIN{
	case 'n':
		nflag = 1;
		break;
	case 'e':
	case 'f':
		if(ARGC() == 'e')
			add = estrdup(EARGF(usage()));
		else{
			name = EARGF(usage());
			fd = open(name, OREAD);
			if(fd < 0){
				fprint(2, "sed: %s: %r\n", name);
				exits("open");
			}
			add = malloc(65537);
			if(add == nil)
				nomem();
			n = readn(fd, add, 65536);
			close(fd);
			if(n < 0){
				fprint(2, "sed: %s: %r\n", name);
				exits("read error");
			}
			add[n] = 0;
		}
		n = strlen(add);
		script = realloc(script, ns + n + 2);
		if(script == nil)
			nomem();
		memmove(script + ns, add, n);
		ns += n;
		script[ns++] = '\n';
		script[ns] = 0;
		free(add);
		break;
	default:
		usage();
	}ARGEND
	if(script == nil){
		if(argc == 0)
			usage();
		script = argv[0];
		argc--;
		argv++;
	}
	parse(script);
	files = argc > 0 ? argv : stdinv;
	nfiles = argc > 0 ? argc : 1;

	Binit(&out, 1, OWRITE);
	lineno = 0;
	line = nextline(&len);
	while(line != nil){
		next = nextline(&nlen);
		lineno++;
		if(!sedline(&line, &len, lineno, next == nil)){
			free(line);
			free(next);
			break;
		}
		free(line);
		line = next;
		len = nlen;
	}
	if(Bflush(&out) < 0){
		fprint(2, "sed: write error: %r\n");
		exits("write error");
	}
	exits(status);
}
