/*
 * Commands rc runs itself, because they change the shell: cd, ., eval,
 * exit, flag, return, shift, wait, whatis.  (builtin and exec are
 * prefixes handled where simple commands run, in exec.c.)
 */
#include "rc.h"

static void
usage(char *s)
{
	rcerror("usage", s, nil);
	setstatus("usage");
}

static void
bcd(List *a)
{
	List *home, *cdpath;
	char *dir, *s;
	int i;

	if(a->n > 2){
		usage("cd [directory]");
		return;
	}
	if(a->n == 2)
		dir = a->w[1];
	else{
		home = vval("home");
		if(home == nil || home->n == 0){
			rcerror("cd", "no home directory", nil);
			setstatus("no home directory");
			return;
		}
		dir = home->w[0];
	}
	if(chdir(dir) == 0){
		setstatus("");
		return;
	}
	cdpath = vval("cdpath");
	if(dir[0] != '/' && dir[0] != '#' && cdpath != nil)
		for(i = 0; i < cdpath->n; i++){
			if(cdpath->w[i][0] == 0)
				continue;
			s = smprint("%s/%s", cdpath->w[i], dir);
			if(chdir(s) == 0){
				oputs(1, s);
				oputc(1, '\n');
				free(s);
				setstatus("");
				return;
			}
			free(s);
		}
	chdir(dir);
	s = estrdup(syserr());
	rcerror("cd", dir, s);
	setstatus(s);
	free(s);
}

/* run io with $* set to the words of a from index first on */
static void
runwithargs(Io *io, List *a, int first)
{
	Var *star;
	List *old;
	int i;

	star = vlook("*");
	old = star->val;
	star->val = newlist();
	for(i = first; i < a->n; i++)
		ladd(star->val, a->w[i]);
	if(runio(io) < 0 && !truestatus())
		setstatus("syntax error");
	returning = 0;
	lfree(star->val);
	star->val = old;
}

static void
bdot(List *a)
{
	int fd, i, iflag;
	char file[512], *err;
	Io *io;

	iflag = a->n > 1 && strcmp(a->w[1], "-i") == 0;
	i = 1 + iflag;
	if(a->n <= i){
		usage(". [-i] file [arg ...]");
		return;
	}
	fd = open(a->w[i], OREAD);
	if(fd < 0){
		err = estrdup(syserr());
		if(strchr(a->w[i], '/') == nil && findexec(a->w[i], file, sizeof file))
			fd = open(file, OREAD);
		if(fd < 0){
			rcerror(a->w[i], err, nil);
			setstatus(err);
			free(err);
			return;
		}
		free(err);
	}
	io = iofd(fd, a->w[i], iflag);
	runwithargs(io, a, i + 1);
	iofree(io);
	close(fd);
}

static void
beval(List *a)
{
	List rest;
	char *s;
	Io *io;

	rest.n = a->n - 1;
	rest.w = a->w + 1;
	s = lflat(&rest, " ");
	io = iostr(s, "eval");
	free(s);
	if(runio(io) < 0)
		setstatus("syntax error");
	iofree(io);
}

static void
bexit(List *a)
{
	rcexit(a->n > 1 ? a->w[1] : getstatus());
}

static void
breturn(List *a)
{
	if(a->n > 1)
		setstatus(a->w[1]);
	returning = 1;
}

static void
bshift(List *a)
{
	List *star;
	long n;
	int i;
	char *p;

	n = 1;
	if(a->n > 2){
		usage("shift [n]");
		return;
	}
	if(a->n == 2){
		n = 0;
		for(p = a->w[1]; *p >= '0' && *p <= '9' && n < 100000; p++)
			n = n * 10 + *p - '0';
		if(*p != 0 || p == a->w[1]){
			usage("shift [n]");
			return;
		}
	}
	star = vval("*");
	if(star == nil || star->n < n){
		rcerror("shift", "not enough arguments", nil);
		setstatus("not enough arguments");
		setvar("*", nil);
		return;
	}
	for(i = 0; i < n; i++)
		free(star->w[i]);
	memmove(star->w, star->w + n, (star->n - n) * sizeof star->w[0]);
	star->n -= n;
	setvar("*", lcopy(star));
	setstatus("");
}

static void
bwait(List *a)
{
	long pid;
	char *p;

	if(a->n == 1){
		waitall();
		return;
	}
	pid = 0;
	for(p = a->w[1]; *p >= '0' && *p <= '9' && pid < 1000000000; p++)
		pid = pid * 10 + *p - '0';
	if(*p != 0 || a->n > 2){
		usage("wait [pid]");
		return;
	}
	if(waitfor(pid) < 0){
		rcerror("wait", a->w[1], "no such child");
		setstatus("no such child");
	}
}

static void
bflag(List *a)
{
	int c;

	if(a->n < 2 || a->n > 3 || strlen(a->w[1]) != 1 ||
	   (a->n == 3 && strcmp(a->w[2], "+") != 0 && strcmp(a->w[2], "-") != 0)){
		usage("flag f [+-]");
		return;
	}
	c = (uchar)a->w[1][0] & 0x7f;
	if(a->n == 3){
		flags[c] = a->w[2][0] == '+';
		setstatus("");
		return;
	}
	setstatus(flags[c] ? "" : "flag not set");
}

static void
showvar(Var *v)
{
	int i;

	if(v->val != nil){
		oquote(1, v->name);
		oputc(1, '=');
		if(v->val->n == 1)
			oquote(1, v->val->w[0]);
		else{
			oputc(1, '(');
			for(i = 0; i < v->val->n; i++){
				if(i > 0)
					oputc(1, ' ');
				oquote(1, v->val->w[i]);
			}
			oputc(1, ')');
		}
		oputc(1, '\n');
	}
}

static void
showfn(Var *v)
{
	char *s;

	if(v->fn != nil){
		s = deparse(v->fn);
		oputs(1, "fn ");
		oquote(1, v->name);
		oputs(1, " {");
		oputs(1, s);
		oputs(1, "}\n");
		free(s);
	}
}

static void
showall(Var *v)
{
	showvar(v);
	showfn(v);
}

static void
bwhatis(List *a)
{
	Var *v;
	char file[512];
	int i, found;

	setstatus("");
	if(a->n == 1){
		vforeach(showall);
		return;
	}
	for(i = 1; i < a->n; i++){
		v = vget(a->w[i]);
		found = 0;
		if(v != nil && (v->val != nil || v->fn != nil)){
			showvar(v);
			showfn(v);
			found = 1;
		}
		if(findbuiltin(a->w[i]) != nil || strcmp(a->w[i], "builtin") == 0 ||
		   strcmp(a->w[i], "exec") == 0){
			oputs(1, "builtin ");
			oputs(1, a->w[i]);
			oputc(1, '\n');
			found = 1;
		}else if(!found && findexec(a->w[i], file, sizeof file)){
			oputs(1, file);
			oputc(1, '\n');
			found = 1;
		}
		if(!found){
			rcerror(a->w[i], "not found", nil);
			setstatus("not found");
		}
	}
}

static struct {
	char *name;
	Builtin *f;
} builtins[] = {
	{"cd", bcd},
	{".", bdot},
	{"eval", beval},
	{"exit", bexit},
	{"flag", bflag},
	{"return", breturn},
	{"shift", bshift},
	{"wait", bwait},
	{"whatis", bwhatis},
};

Builtin*
findbuiltin(char *name)
{
	uint i;

	for(i = 0; i < nelem(builtins); i++)
		if(strcmp(builtins[i].name, name) == 0)
			return builtins[i].f;
	return nil;
}
