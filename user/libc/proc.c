/* Processes: exits with atexit, fork, execl, wait/waitpid, getpid, time. */
#include <u.h>
#include <libc.h>

enum {
	Natexit = 32,
	Waitbuf = ERRMAX + 64,	/* "pid utime stime rtime 'msg'" */
};

static void (*onexit[Natexit])(void);
static int nonexit;

int
atexit(void (*f)(void))
{
	if(f == nil || nonexit >= Natexit)
		return -1;
	onexit[nonexit++] = f;
	return 0;
}

int
atexitdont(void (*f)(void))
{
	int i;

	for(i = 0; i < nonexit; i++)
		if(onexit[i] == f){
			onexit[i] = nil;
			return 0;
		}
	return -1;
}

void
exits(const char *msg)
{
	void (*f)(void);

	/* last registered runs first; each runs once even if it calls exits */
	while(nonexit > 0){
		f = onexit[--nonexit];
		if(f != nil)
			f();
	}
	_exits(msg);
	for(;;)
		;
}

void
exit(int code)
{
	char buf[16];

	if(code == 0)
		exits(nil);
	snprint(buf, sizeof buf, "%d", code);
	exits(buf);
}

void
_Exit(int code)
{
	char buf[16];

	snprint(buf, sizeof buf, "%d", code);
	_exits(code == 0 ? nil : buf);
	for(;;)
		;
}

void
abort(void)
{
	_exits("sys: abort");
	for(;;)
		;
}

void
_assert(const char *e, const char *file, int line)
{
	fprint(2, "%s: %s:%d: assertion failed: %s\n", argv0 != nil ? argv0 : "assert", file, line, e);
	abort();
}

int
fork(void)
{
	return rfork(RFPROC | RFFDG | RFREND);
}

int
execl(const char *name, ...)
{
	va_list args;
	char **argv;
	int n, r;

	va_start(args, name);
	for(n = 0; va_arg(args, char*) != nil; n++)
		;
	va_end(args);
	argv = malloc((n + 1) * sizeof(char*));
	if(argv == nil)
		return -1;
	va_start(args, name);
	for(n = 0; (argv[n] = va_arg(args, char*)) != nil; n++)
		;
	va_end(args);
	r = exec(name, argv);
	free(argv);
	return r;
}

/*
 * _parsewait turns await's "pid utime stime rtime 'msg'" into a
 * Waitmsg (one allocation); nil if the string is malformed.
 */
Waitmsg*
_parsewait(char *buf)
{
	char *f[5], *e;
	Waitmsg *w;
	long v;
	int i;

	if(tokenize(buf, f, nelem(f)) != 5)
		return nil;
	w = malloc(sizeof *w + strlen(f[4]) + 1);
	if(w == nil)
		return nil;
	for(i = 0; i < 4; i++){
		v = strtol(f[i], &e, 10);
		if(*e != 0 || e == f[i] || v < 0){
			free(w);
			return nil;
		}
		if(i == 0)
			w->pid = v;
		else
			w->time[i-1] = v;
	}
	w->msg = (char*)(w + 1);
	strcpy(w->msg, f[4]);
	return w;
}

Waitmsg*
wait(void)
{
	char buf[Waitbuf];
	Waitmsg *w;
	int n;

	n = await(buf, sizeof buf - 1);
	if(n < 0)
		return nil;
	buf[n] = 0;
	w = _parsewait(buf);
	if(w == nil)
		werrstr("wait: bad await message");
	return w;
}

int
waitpid(void)
{
	Waitmsg *w;
	int pid;

	w = wait();
	if(w == nil)
		return -1;
	pid = w->pid;
	free(w);
	return pid;
}

/* readint reads a decimal number from a small file such as /dev/pid */
static long
readint(const char *file)
{
	char buf[32];
	int fd;
	long n;

	fd = open(file, OREAD);
	if(fd < 0)
		return -1;
	n = pread(fd, buf, sizeof buf - 1, 0);
	close(fd);
	if(n <= 0)
		return -1;
	buf[n] = 0;
	return strtol(buf, nil, 10);
}

int
getpid(void)
{
	return readint("/dev/pid");
}

long
time(long *tp)
{
	long t;

	t = nsec() / 1000000000;
	if(tp != nil)
		*tp = t;
	return t;
}

int
postnote(int group, int pid, const char *note)
{
	char file[64];
	int fd;
	long n;

	snprint(file, sizeof file, "/proc/%d/%s", pid, group == PNGROUP ? "notepg" : "note");
	fd = open(file, OWRITE);
	if(fd < 0)
		return -1;
	n = strlen(note);
	if(write(fd, note, n) != n){
		close(fd);
		return -1;
	}
	return close(fd);
}
