/*
 * The interpreter: walks a command tree.  Programs, pipeline stages,
 * subshells, background commands and command substitutions each run in
 * a child made by forkrc, which copies the file descriptors and the
 * environment so the child's redirections and assignments stay its own.
 * A child that has nothing left to do after one program execs it in
 * place ("last") instead of forking again.
 */
#include "rc.h"

int inchild;
int returning;
int incond;
int flags[128];
int mainpid;

static int ifnot;		/* the last if's condition was false */
static int fndepth;

enum { NREAPED = 64, NSAVED = 32, NPSUB = 16 };

/* children reaped while waiting for another one */
static struct {
	int pid;
	char *msg;
} reaped[NREAPED];
static int nreaped;

static int bgpid[NREAPED];
static int nbg;

static int psubfd[NPSUB];
static int npsub;

typedef struct Saved Saved;
struct Saved {
	int fd;
	int copy;	/* a dup of what fd was, or -1 if it was closed */
};

void
setstatus(char *s)
{
	Var *v;

	/* most commands leave it as it was: save the allocations */
	if(strcmp(getstatus(), s) == 0 && vval("status") != nil)
		return;
	setvar1("status", s);
	v = vlook("status");
	v->changed = 0;
}

char*
getstatus(void)
{
	List *l;

	l = vval("status");
	return l != nil && l->n > 0 ? l->w[0] : "";
}

/* true if every |-separated part of $status is empty or 0 */
int
truestatus(void)
{
	char *s;

	for(s = getstatus(); *s; s++)
		if(*s != '|' && *s != '0')
			return 0;
	return 1;
}

_Noreturn void
rcexit(char *s)
{
	char *m;

	m = estrdup(s);
	oflush(1);
	oflush(2);
	exits(*m ? m : nil);
}

static void
failed(char *a, char *b)
{
	char *e;

	e = estrdup(syserr());
	rcerror(a, b, e);
	setstatus(e);
	free(e);
}

/* fork a copy of this shell; flags are added to RFPROC|RFFDG|RFENVG */
static int
forkrc(int fl)
{
	int pid;

	oflush(1);
	oflush(2);
	updenv();
	pid = rfork(RFPROC | RFFDG | RFENVG | fl);
	if(pid < 0){
		failed("fork", nil);
		return -1;
	}
	if(pid == 0){
		inchild = 1;
		notify(nil);
		npsub = 0;
		nbg = 0;
	}
	return pid;
}

void
addbg(int pid)
{
	if(nbg < NREAPED)
		bgpid[nbg++] = pid;
}

static void
dropbg(int pid)
{
	int i;

	for(i = 0; i < nbg; i++)
		if(bgpid[i] == pid){
			bgpid[i] = bgpid[--nbg];
			return;
		}
}

static void
keepreaped(int pid, char *msg)
{
	if(nreaped == NREAPED){
		free(reaped[0].msg);
		memmove(reaped, reaped + 1, (NREAPED - 1) * sizeof reaped[0]);
		nreaped--;
	}
	reaped[nreaped].pid = pid;
	reaped[nreaped].msg = estrdup(msg);
	nreaped++;
}

/*
 * Parse an await message, "pid utime stime rtime msg" with msg quoted
 * as by %q, into the pid and the message (in place).
 */
static int
parsewait(char *b, char **msg)
{
	char *p, *q;
	int i, pid;

	pid = 0;
	for(p = b; *p >= '0' && *p <= '9'; p++)
		pid = pid * 10 + *p - '0';
	for(i = 0; i < 3; i++){
		while(*p == ' ')
			p++;
		while(*p && *p != ' ')
			p++;
	}
	while(*p == ' ')
		p++;
	*msg = p;
	if(*p == '\''){
		*msg = q = ++p;
		for(; *p; p++){
			if(*p == '\''){
				if(p[1] != '\'')
					break;
				p++;
			}
			*q++ = *p;
		}
		*q = 0;
	}
	return pid;
}

/* wait for pid (or any child if pid is 0); sets $status; -1 if none */
int
waitfor(int pid)
{
	char buf[ERRMAX + 64], *msg;
	int i, n, wpid;

	for(i = 0; i < nreaped; i++)
		if(reaped[i].pid == pid || (pid == 0 && i == 0)){
			wpid = reaped[i].pid;
			setstatus(reaped[i].msg);
			free(reaped[i].msg);
			memmove(reaped + i, reaped + i + 1, (nreaped - i - 1) * sizeof reaped[0]);
			nreaped--;
			dropbg(wpid);
			return wpid;
		}
	for(;;){
		n = await(buf, sizeof buf - 1);
		if(n < 0){
			if(interrupted && !inchild)
				continue;
			return -1;
		}
		buf[n] = 0;
		wpid = parsewait(buf, &msg);
		dropbg(wpid);
		if(wpid == pid || pid == 0){
			setstatus(msg);
			return wpid;
		}
		keepreaped(wpid, msg);
	}
}

void
waitall(void)
{
	while(nbg > 0)
		if(waitfor(bgpid[0]) < 0)
			nbg = 0;
}

/* make fd refer to what newfd does */
static int
dupto(int newfd, int fd)
{
	if(newfd == fd)
		return 0;
	if(dup(newfd, fd) < 0)
		return -1;
	close(newfd);
	return 0;
}

/* $name in a here document becomes the value of name */
static char*
hereexpand(char *s)
{
	char *b, *p, *q, *name, *v;
	List *val;
	int n, cap;

	b = nil;
	n = cap = 0;
	dsputs(&b, &n, &cap, "");
	for(p = s; *p; p++){
		if(*p != '$'){
			dsputc(&b, &n, &cap, *p);
			continue;
		}
		for(q = p + 1; *q && (strchr("_*", *q) != nil || (uchar)*q >= 0x80 ||
		    (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		    (*q >= '0' && *q <= '9')); q++)
			;
		if(q == p + 1){
			dsputc(&b, &n, &cap, '$');
			continue;
		}
		name = smprint("%.*s", (int)(q - p - 1), p + 1);
		val = lookup(name);
		v = lflat(val, " ");
		dsputs(&b, &n, &cap, v);
		lfree(val);
		free(v);
		free(name);
		p = q - 1;
		if(*q == '^')
			p = q;
	}
	return b;
}

/* a pipe with a child writing the here document into it */
static int
herefd(Tree *r)
{
	int p[2], pid;
	char *body;
	long len, off, w;

	body = r->quoted ? estrdup(r->s) : hereexpand(r->s);
	if(pipe(p) < 0){
		free(body);
		failed("pipe", nil);
		return -1;
	}
	pid = forkrc(RFNOWAIT);
	if(pid < 0){
		free(body);
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if(pid == 0){
		close(p[0]);
		len = strlen(body);
		for(off = 0; off < len; off += w)
			if((w = write(p[1], body + off, len - off)) <= 0)
				break;
		exits(nil);
	}
	free(body);
	close(p[1]);
	return p[0];
}

static int
openredir(Tree *r)
{
	char *name;
	int fd;

	if(r->type == Rhere)
		return herefd(r);
	name = evalone(r->a, Gglob, "redirection to a list of files");
	if(name == nil)
		return -1;
	switch(r->type){
	case Rin:
		fd = open(name, OREAD);
		break;
	case Rrdwr:
		fd = open(name, ORDWR);
		break;
	case Rappend:
		fd = open(name, OWRITE);
		if(fd < 0)
			fd = create(name, OWRITE, 0666);
		else
			seek(fd, 0, SEEKEND);
		break;
	default:
		fd = create(name, OWRITE, 0666);
		break;
	}
	if(fd < 0)
		failed(name, nil);
	free(name);
	return fd;
}

/*
 * Apply redirections; if sv is not nil, remember what each fd was so
 * that restore can put it back.  Returns -1 (status set) on an error.
 */
static int
redirect(Tree *r, Saved *sv, int *nsv)
{
	int fd;

	for(; r != nil; r = r->next){
		if(sv != nil){
			if(*nsv == NSAVED){
				rcerror("too many redirections", nil, nil);
				setstatus("too many redirections");
				return -1;
			}
			sv[*nsv].fd = r->fd0;
			sv[*nsv].copy = dup(r->fd0, -1);
			(*nsv)++;
		}
		switch(r->type){
		case Rclose:
			close(r->fd0);
			continue;
		case Rdup:
			if(dup(r->fd1, r->fd0) < 0){
				failed("dup", nil);
				return -1;
			}
			continue;
		}
		fd = openredir(r);
		if(fd < 0)
			return -1;
		if(dupto(fd, r->fd0) < 0){
			failed("dup", nil);
			close(fd);
			return -1;
		}
	}
	return 0;
}

static void
restore(Saved *sv, int nsv)
{
	oflush(1);
	oflush(2);
	while(--nsv >= 0){
		if(sv[nsv].copy >= 0)
			dupto(sv[nsv].copy, sv[nsv].fd);
		else
			close(sv[nsv].fd);
	}
}

void
closepsub(void)
{
	while(npsub > 0)
		close(psubfd[--npsub]);
}

/* the output of cmd, run in a child; sets $status */
char*
bqrun(Tree *cmd)
{
	int p[2], pid;
	char *s;

	if(pipe(p) < 0){
		failed("pipe", nil);
		return estrdup("");
	}
	pid = forkrc(0);
	if(pid < 0){
		close(p[0]);
		close(p[1]);
		return estrdup("");
	}
	if(pid == 0){
		close(p[0]);
		dupto(p[1], 1);
		rcexec(cmd, 1);
		rcexit(getstatus());
	}
	close(p[1]);
	s = readall(p[0], nil);
	close(p[0]);
	waitfor(pid);
	return s;
}

/* <{cmd} or >{cmd}: a pipe to cmd, named as /fd/N for the command */
char*
psubrun(Tree *t)
{
	int p[2], pid, mine, theirs;

	if(npsub == NPSUB){
		rcerror("too many <{} or >{}", nil, nil);
		setstatus("too many <{} or >{}");
		return nil;
	}
	if(pipe(p) < 0){
		failed("pipe", nil);
		return nil;
	}
	/* <{cmd}: cmd writes, we read */
	mine = t->fd0 == 0 ? p[0] : p[1];
	theirs = t->fd0 == 0 ? p[1] : p[0];
	pid = forkrc(0);
	if(pid < 0){
		close(p[0]);
		close(p[1]);
		return nil;
	}
	if(pid == 0){
		close(mine);
		dupto(theirs, t->fd0 == 0 ? 1 : 0);
		rcexec(t->a, 1);
		rcexit(getstatus());
	}
	close(theirs);
	psubfd[npsub++] = mine;
	return smprint("/fd/%d", mine);
}

/* the candidates for a command name: itself, or each $path entry */
static List*
candidates(char *name)
{
	List *l, *path;
	int i;
	char *s;

	l = newlist();
	path = vval("path");
	if(name[0] == '/' || name[0] == '#' || strncmp(name, "./", 2) == 0 ||
	   strncmp(name, "../", 3) == 0 || path == nil){
		ladd(l, name);
		return l;
	}
	for(i = 0; i < path->n; i++){
		s = path->w[i][0] ? smprint("%s/%s", path->w[i], name) : estrdup(name);
		ladd(l, s);
		free(s);
	}
	return l;
}

/* the file $path finds for name, in buf; 0 if none */
int
findexec(char *name, char *buf, int n)
{
	List *c;
	Dir *d;
	int i, found;

	c = candidates(name);
	found = 0;
	for(i = 0; i < c->n && !found; i++){
		d = dirstat(c->w[i]);
		if(d != nil && !(d->mode & DMDIR)){
			snprint(buf, n, "%s", c->w[i]);
			found = 1;
		}
		free(d);
	}
	lfree(c);
	return found;
}

/* exec args[0] as found on $path; does not return */
_Noreturn void
doexec(List *args)
{
	List *c;
	char **argv, err[ERRMAX], *e;
	int i;

	updenv();
	oflush(1);
	oflush(2);
	argv = emalloc((args->n + 1) * sizeof argv[0]);
	for(i = 0; i < args->n; i++)
		argv[i] = args->w[i];
	argv[i] = nil;
	c = candidates(args->w[0]);
	err[0] = 0;
	for(i = 0; i < c->n; i++){
		exec(c->w[i], argv);
		e = syserr();
		/* the first error, unless a later one says more than "not there" */
		if(err[0] == 0 || (strstr(err, "does not exist") != nil &&
		   strstr(e, "does not exist") == nil))
			snprint(err, sizeof err, "%s", e);
	}
	if(err[0] == 0)
		snprint(err, sizeof err, "file does not exist");
	rcerror(args->w[0], err, nil);
	exits(err);
}

static void
xtrace(List *args)
{
	olist(2, args);
	oputc(2, '\n');
	oflush(2);
}

static void
runfn(Tree *body, List *args)
{
	Var *star;
	List *old;
	int i;

	if(fndepth >= 500){
		rcerror(args->w[0], "function nesting too deep", nil);
		setstatus("function nesting too deep");
		return;
	}
	star = vlook("*");
	old = star->val;
	star->val = newlist();
	for(i = 1; i < args->n; i++)
		ladd(star->val, args->w[i]);
	fndepth++;
	rcexec(body, 0);
	fndepth--;
	returning = 0;
	lfree(star->val);
	star->val = old;
}

static void
runsimple(Tree *t, int last)
{
	List *args;
	Saved sv[NSAVED];
	int nsv, pid, i, exec, usefn;
	Builtin *b;
	Var *v;
	Tree *body;

	args = evalwords(t->a, Gglob);
	if(args == nil){
		closepsub();
		return;
	}
	if(flags['x'] && args->n > 0)
		xtrace(args);
	usefn = 1;
	exec = 0;
	while(args->n > 0 && (strcmp(args->w[0], "builtin") == 0 ||
	      strcmp(args->w[0], "exec") == 0)){
		if(args->w[0][0] == 'b')
			usefn = 0;
		else
			exec = 1;
		free(args->w[0]);
		memmove(args->w, args->w + 1, (args->n - 1) * sizeof args->w[0]);
		args->n--;
	}
	nsv = 0;
	v = args->n > 0 && usefn && !exec ? vget(args->w[0]) : nil;
	b = args->n > 0 && !exec ? findbuiltin(args->w[0]) : nil;
	if(args->n == 0 || (v != nil && v->fn != nil) || b != nil){
		if(redirect(t->r, exec ? nil : sv, &nsv) == 0){
			if(args->n == 0)
				setstatus("");
			else if(v != nil && v->fn != nil){
				/* the function may redefine itself */
				body = treecopy(v->fn);
				runfn(body, args);
				treefree(body);
			}else{
				b(args);
				oflush(1);
				oflush(2);
			}
		}
		restore(sv, nsv);
	}else if(exec || (last && inchild)){
		if(redirect(t->r, nil, nil) < 0)
			rcexit(getstatus());
		doexec(args);
	}else{
		pid = forkrc(0);
		if(pid == 0){
			if(redirect(t->r, nil, nil) < 0)
				rcexit(getstatus());
			doexec(args);
		}
		if(pid > 0)
			waitfor(pid);
	}
	for(i = 0; i < args->n; i++)
		free(args->w[i]);
	args->n = 0;
	lfree(args);
	closepsub();
}

/* run t in a child that ends with its status; returns the pid */
static int
runchild(Tree *t, int fl)
{
	int pid;

	pid = forkrc(fl);
	if(pid == 0){
		rcexec(t, 1);
		rcexit(getstatus());
	}
	return pid;
}

static void
runpipe(Tree *t)
{
	Tree *stage[64], *p;
	int fdout[64], fdin[64], pid[64], n, i, prev, pfd[2];
	char *st, *s;
	int bad;

	/* a | b | c parses as ((a | b) | c) */
	n = 0;
	for(p = t; p->type == Tpipe && n < 63; p = p->a)
		n++;
	if(n >= 63){
		rcerror("pipeline too long", nil, nil);
		setstatus("pipeline too long");
		return;
	}
	i = n;
	for(p = t; p->type == Tpipe; p = p->a){
		stage[i] = p->b;
		fdin[i] = p->fd1;
		fdout[i - 1] = p->fd0;
		i--;
	}
	stage[0] = p;
	n++;
	prev = -1;
	bad = 0;
	for(i = 0; i < n; i++){
		pfd[0] = pfd[1] = -1;
		if(i < n - 1 && pipe(pfd) < 0){
			failed("pipe", nil);
			bad = 1;
		}
		pid[i] = bad ? -1 : forkrc(0);
		if(pid[i] == 0){
			if(prev >= 0)
				dupto(prev, fdin[i]);
			if(i < n - 1){
				close(pfd[0]);
				dupto(pfd[1], fdout[i]);
			}
			rcexec(stage[i], 1);
			rcexit(getstatus());
		}
		if(prev >= 0)
			close(prev);
		if(pfd[1] >= 0)
			close(pfd[1]);
		prev = pfd[0];
		if(pid[i] < 0)
			bad = 1;
	}
	if(prev >= 0)
		close(prev);
	st = estrdup("");
	for(i = 0; i < n; i++){
		if(pid[i] > 0)
			waitfor(pid[i]);
		else
			setstatus("fork failed");
		s = smprint(i == 0 ? "%s%s" : "%s|%s", st, getstatus());
		free(st);
		st = s;
	}
	for(s = st; *s == '|'; s++)
		;
	setstatus(*s ? st : "");
	free(st);
}

/* does any subject word match any pattern? */
static int
anymatch(List *subj, List *pat)
{
	int i, j;

	for(i = 0; i < subj->n; i++)
		for(j = 0; j < pat->n; j++)
			if(match(subj->w[i], pat->w[j]))
				return 1;
	return 0;
}

static void
runswitch(Tree *t)
{
	List *subj, *pat;
	Tree *c, *next;
	int matched;

	subj = evalwords(t->a, Gstrip);
	if(subj == nil)
		return;
	matched = 0;
	for(next = t->b; next != nil && !returning && !interrupted; ){
		/* the body is seq(a, seq(b, ...)) */
		c = next;
		next = nil;
		if(c->type == Tseq){
			next = c->b;
			c = c->a;
		}
		if(c->type == Tsimple && c->a->type == Tword && !c->a->quoted &&
		   strcmp(c->a->s, "case") == 0){
			if(matched)
				break;
			pat = evalwords(c->a->next, Gkeep);
			if(pat == nil)
				continue;
			matched = anymatch(subj, pat);
			lfree(pat);
			continue;
		}
		if(matched)
			rcexec(c, 0);
	}
	lfree(subj);
}

static void
runmatch(Tree *t)
{
	List *subj, *pat;

	subj = evalwords(t->a, Gstrip);
	if(subj == nil)
		return;
	pat = evalwords(t->b, Gkeep);
	if(pat == nil){
		lfree(subj);
		return;
	}
	setstatus(anymatch(subj, pat) ? "" : "no match");
	lfree(subj);
	lfree(pat);
}

static void
runassign(Tree *t, int last)
{
	char *name;
	List *val, *old;
	Var *v;

	name = evalone(t->a, Gstrip, "variable name not singleton");
	if(name == nil)
		return;
	val = evalwords(t->b, Gglob);
	if(val == nil){
		free(name);
		return;
	}
	if(t->c == nil){
		setvar(name, val);
		setstatus("");
		free(name);
		return;
	}
	/* name=value cmd: the value lasts for cmd only */
	v = vlook(name);
	free(name);
	old = v->val;
	v->val = val;
	v->changed = 1;
	rcexec(t->c, last);
	lfree(v->val);
	v->val = old;
	v->changed = 1;
}

static void
runfn1(Tree *t)
{
	List *names;
	int i;

	names = evalwords(t->a, Gstrip);
	if(names == nil)
		return;
	for(i = 0; i < names->n; i++)
		setfn(names->w[i], t->b);
	lfree(names);
	setstatus("");
}

static void
checke(void)
{
	if(flags['e'] && !incond && !truestatus())
		rcexit(getstatus());
}

void
rcexec(Tree *t, int last)
{
	List *l, *star;
	Saved sv[NSAVED];
	int nsv, pid, i;
	char *name;

	if(t == nil || returning || interrupted)
		return;
	switch(t->type){
	case Tempty:
		break;
	case Tseq:
		for(; t->type == Tseq && !returning && !interrupted; t = t->b)
			rcexec(t->a, 0);
		rcexec(t, last);
		break;
	case Tasync:
		pid = runchild(t->a, RFNOTEG);
		if(pid > 0){
			addbg(pid);
			name = smprint("%d", pid);
			setvar1("apid", name);
			free(name);
			setstatus("");
		}
		break;
	case Tand:
	case Tor:
		incond++;
		rcexec(t->a, 0);
		incond--;
		if(truestatus() == (t->type == Tand))
			rcexec(t->b, last);
		break;
	case Tnot:
		incond++;
		rcexec(t->a, 0);
		incond--;
		setstatus(truestatus() ? "false" : "");
		break;
	case Tsubshell:
		pid = runchild(t->a, RFNAMEG);
		if(pid > 0)
			waitfor(pid);
		checke();
		break;
	case Tpipe:
		runpipe(t);
		checke();
		break;
	case Tbrace:
	case Tredir:
		nsv = 0;
		if(redirect(t->r, last && inchild ? nil : sv, &nsv) == 0)
			rcexec(t->a, last);
		restore(sv, nsv);
		break;
	case Tif:
		incond++;
		rcexec(t->a, 0);
		incond--;
		ifnot = !truestatus();
		if(!ifnot)
			rcexec(t->b, last);
		break;
	case Tifnot:
		if(ifnot)
			rcexec(t->a, last);
		else
			setstatus("");
		break;
	case Tfor:
		name = evalone(t->a, Gstrip, "for variable name not singleton");
		if(name == nil)
			break;
		star = vval("*");
		l = t->in ? evalwords(t->b, Gglob) : lcopy(star);
		for(i = 0; l != nil && i < l->n && !returning && !interrupted; i++){
			setvar1(name, l->w[i]);
			rcexec(t->c, 0);
		}
		lfree(l);
		free(name);
		break;
	case Twhile:
		for(;;){
			incond++;
			rcexec(t->a, 0);
			incond--;
			if(!truestatus() || returning || interrupted)
				break;
			rcexec(t->b, 0);
		}
		setstatus("");
		break;
	case Tswitch:
		runswitch(t);
		break;
	case Tmatch:
		runmatch(t);
		checke();
		break;
	case Tfn:
		runfn1(t);
		break;
	case Tassign:
		runassign(t, last);
		break;
	case Tsimple:
		runsimple(t, last);
		checke();
		break;
	}
}

/*
 * Read, parse and run commands from io until its end.  A syntax error
 * ends a script (after a message) but not an interactive shell.
 * Returns -1 after a syntax error, else 0.
 */
int
runio(Io *io)
{
	Lex l;
	Tree *t;
	int st, r;

	lexinit(&l, io);
	r = 0;
	for(;;){
		l.prompted = 0;
		t = parseline(&l, &st);
		if(st == TEOF)
			break;
		if(st == -2){
			setstatus("syntax error");
			if(!io->interactive){
				r = -1;
				break;
			}
		}else if(t != nil && !flags['n'])
			rcexec(t, 0);
		freenodes(l.nodes);
		l.nodes = nil;
		if((st == INTR || interrupted) && io->interactive){
			/* abandon the line; a fresh prompt on a fresh line */
			oputc(2, '\n');
			oflush(2);
			interrupted = 0;
			l.havetok = 0;
		}
		if(returning)
			break;
	}
	freenodes(l.nodes);
	free(l.text);
	return r;
}
