/*
 * rcshim - the few Lux9 libc calls rc makes, on POSIX, so that rc can
 * run scripts on the host before Lux9 can run it.  A test aid only.
 *
 * /env is emulated by the directory $RCSHIM_ENV (copied for a child
 * forked with RFENVG); exit strings travel through $RCSHIM_DIR/status;
 * an interrupt (SIGINT) is delivered to the notify handler as the note
 * "interrupt".  Errors use Plan 9's strings.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "abi.h"
#include "9p.h"

typedef unsigned long ulong;
typedef unsigned int uint;
typedef unsigned int Rune;

char *p9argv0;
static char errbuf[ERRMAX];
static void (*notehandler)(void*, char*);
static char mapped[4096];

static void
seterr(void)
{
	char *s;

	switch(errno){
	case ENOENT: s = "file does not exist"; break;
	case EACCES: case EPERM: s = "permission denied"; break;
	case ENOTDIR: s = "not a directory"; break;
	case EISDIR: s = "file is a directory"; break;
	case EEXIST: s = "file already exists"; break;
	case EINTR: s = "interrupted"; break;
	case ECHILD: s = "no living children"; break;
	case ENOEXEC: s = "exec header invalid"; break;
	case EBADF: s = "fd out of range or not open"; break;
	case ENAMETOOLONG: s = "file name too long"; break;
	default: s = strerror(errno); break;
	}
	snprintf(errbuf, sizeof errbuf, "%s", s);
}

/* /env and /fd live elsewhere on the host */
static const char*
mappath(const char *name)
{
	char *env;

	env = getenv("RCSHIM_ENV");
	if(env != NULL && strncmp(name, "/env", 4) == 0 &&
	   (name[4] == 0 || name[4] == '/')){
		snprintf(mapped, sizeof mapped, "%s%s", env, name + 4);
		return mapped;
	}
	if(strncmp(name, "/fd/", 4) == 0){
		snprintf(mapped, sizeof mapped, "/dev%s", name);
		return mapped;
	}
	return name;
}

static int
unixmode(int mode)
{
	int m;

	switch(mode & 3){
	case OWRITE: m = O_WRONLY; break;
	case ORDWR: m = O_RDWR; break;
	default: m = O_RDONLY; break;
	}
	if(mode & OTRUNC)
		m |= O_TRUNC;
	if(mode & OCEXEC)
		m |= O_CLOEXEC;
	return m;
}

int
p9open(const char *name, int mode)
{
	int fd;

	fd = open(mappath(name), unixmode(mode));
	if(fd < 0)
		seterr();
	return fd;
}

int
p9create(const char *name, int mode, ulong perm)
{
	int fd;
	const char *p;

	p = mappath(name);
	if(perm & DMDIR){
		if(mkdir(p, perm & 0777) < 0){
			seterr();
			return -1;
		}
		return p9open(name, OREAD);
	}
	fd = open(p, unixmode(mode) | O_CREAT | O_TRUNC, perm & 0777);
	if(fd < 0)
		seterr();
	return fd;
}

int
p9close(int fd)
{
	if(close(fd) < 0){
		seterr();
		return -1;
	}
	return 0;
}

long
p9read(int fd, void *buf, long n)
{
	long r;

	r = read(fd, buf, n);
	if(r < 0)
		seterr();
	return r;
}

long
p9write(int fd, const void *buf, long n)
{
	long r;

	r = write(fd, buf, n);
	if(r < 0)
		seterr();
	return r;
}

long long
p9seek(int fd, long long off, int type)
{
	off_t r;

	r = lseek(fd, off, type == SEEKEND ? SEEK_END : type == SEEKCUR ? SEEK_CUR : SEEK_SET);
	if(r < 0)
		seterr();
	return r;
}

int
p9remove(const char *name)
{
	const char *p;

	p = mappath(name);
	if(unlink(p) < 0 && rmdir(p) < 0){
		seterr();
		return -1;
	}
	return 0;
}

int
p9chdir(const char *name)
{
	if(chdir(mappath(name)) < 0){
		seterr();
		return -1;
	}
	return 0;
}

int
p9dup(int old, int new)
{
	int r;

	r = new < 0 ? dup(old) : dup2(old, new);
	if(r < 0)
		seterr();
	return r;
}

int
p9pipe(int *fd)
{
	if(pipe(fd) < 0){
		seterr();
		return -1;
	}
	return 0;
}

/* a private copy of the emulated /env */
static void
copyenv(void)
{
	char *env, *root, dir[4096], src[4096], dst[4096], buf[8192];
	DIR *d;
	struct dirent *e;
	int in, out;
	ssize_t n;
	static int seq;

	env = getenv("RCSHIM_ENV");
	root = getenv("RCSHIM_DIR");
	if(env == NULL || root == NULL)
		return;
	snprintf(dir, sizeof dir, "%s/env.%d.%d", root, (int)getpid(), seq++);
	if(mkdir(dir, 0777) < 0)
		return;
	d = opendir(env);
	while(d != NULL && (e = readdir(d)) != NULL){
		if(e->d_name[0] == '.')
			continue;
		snprintf(src, sizeof src, "%s/%s", env, e->d_name);
		snprintf(dst, sizeof dst, "%s/%s", dir, e->d_name);
		in = open(src, O_RDONLY);
		out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		while(in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
			if(write(out, buf, n) != n)
				break;
		if(in >= 0)
			close(in);
		if(out >= 0)
			close(out);
	}
	if(d != NULL)
		closedir(d);
	setenv("RCSHIM_ENV", dir, 1);
}

int
p9rfork(int flags)
{
	pid_t pid;

	if(!(flags & RFPROC)){
		if(flags & RFENVG)
			copyenv();
		return 0;
	}
	pid = fork();
	if(pid < 0){
		seterr();
		return -1;
	}
	if(pid > 0)
		return pid;
	if(flags & RFENVG)
		copyenv();
	if(flags & RFNOTEG)
		setpgid(0, 0);
	if(flags & RFNOWAIT){
		/* nobody waits for the grandchild: init reaps it */
		pid = fork();
		if(pid != 0)
			_exit(0);
	}
	return 0;
}

int
p9exec(const char *name, char *const *argv)
{
	execv(mappath(name), argv);
	seterr();
	return -1;
}

static char*
statusfile(int pid)
{
	static char b[4096];
	char *root;

	root = getenv("RCSHIM_DIR");
	if(root == NULL)
		return NULL;
	snprintf(b, sizeof b, "%s/status.%d", root, pid);
	return b;
}

static const char*
notename(int sig)
{
	static char b[32];

	switch(sig){
	case SIGINT: return "interrupt";
	case SIGHUP: return "hangup";
	case SIGKILL: return "kill";
	case SIGPIPE: return "sys: write on closed pipe";
	case SIGSEGV: return "sys: trap: fault read";
	case SIGALRM: return "alarm";
	}
	snprintf(b, sizeof b, "sys: signal %d", sig);
	return b;
}

int
p9await(char *buf, int n)
{
	pid_t pid;
	int st, fd, i, j;
	char msg[ERRMAX], q[2 * ERRMAX + 3], *f;
	ssize_t r;

	pid = waitpid(-1, &st, 0);
	if(pid < 0){
		seterr();
		return -1;
	}
	msg[0] = 0;
	f = statusfile(pid);
	if(WIFSIGNALED(st))
		snprintf(msg, sizeof msg, "%s", notename(WTERMSIG(st)));
	else if(WEXITSTATUS(st) != 0){
		snprintf(msg, sizeof msg, "exit %d", WEXITSTATUS(st));
		fd = f != NULL ? open(f, O_RDONLY) : -1;
		if(fd >= 0){
			r = read(fd, msg, sizeof msg - 1);
			msg[r > 0 ? r : 0] = 0;
			close(fd);
		}
	}
	if(f != NULL)
		unlink(f);
	j = 0;
	q[j++] = '\'';
	for(i = 0; msg[i]; i++){
		if(msg[i] == '\'')
			q[j++] = '\'';
		q[j++] = msg[i];
	}
	q[j++] = '\'';
	q[j] = 0;
	return snprintf(buf, n, "%d 0 0 0 %s", (int)pid, q);
}

int
p9errstr(char *buf, uint n)
{
	char tmp[ERRMAX];

	snprintf(tmp, sizeof tmp, "%s", buf);
	snprintf(buf, n, "%s", errbuf);
	snprintf(errbuf, sizeof errbuf, "%s", tmp);
	return 0;
}

void
p9rerrstr(char *buf, uint n)
{
	snprintf(buf, n, "%s", errbuf);
}

_Noreturn void
p9exits(const char *msg)
{
	char *f;
	int fd;

	if(msg != NULL && *msg){
		f = statusfile(getpid());
		fd = f != NULL ? open(f, O_WRONLY | O_CREAT | O_TRUNC, 0666) : -1;
		if(fd >= 0){
			if(write(fd, msg, strlen(msg)) < 0)
				_exit(1);
			close(fd);
		}
		_exit(1);
	}
	_exit(0);
}

int
p9getpid(void)
{
	return getpid();
}

static void
onsignal(int sig)
{
	if(notehandler != NULL)
		notehandler(NULL, (char*)notename(sig));
}

int
p9notify(void (*f)(void*, char*))
{
	struct sigaction sa;

	notehandler = f;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = f != NULL ? onsignal : SIG_DFL;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	return 0;
}

int
p9noted(int v)
{
	if(v == NDFLT){
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		raise(SIGINT);
	}
	return 0;
}

/* one block: the Dirs, then their names */
long
p9dirreadall(int fd, Dir **dp)
{
	DIR *d;
	struct dirent *e;
	struct stat st;
	char **names, *p;
	long n, i, size;
	Dir *dirs;

	*dp = NULL;
	d = fdopendir(dup(fd));
	if(d == NULL){
		seterr();
		return -1;
	}
	names = NULL;
	n = 0;
	size = 0;
	while((e = readdir(d)) != NULL){
		if(strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		names = realloc(names, (n + 1) * sizeof names[0]);
		names[n++] = strdup(e->d_name);
		size += strlen(e->d_name) + 1;
	}
	dirs = calloc(1, n * sizeof(Dir) + size + 1);
	p = (char*)(dirs + n);
	for(i = 0; i < n; i++){
		strcpy(p, names[i]);
		dirs[i].name = p;
		dirs[i].uid = dirs[i].gid = dirs[i].muid = p + strlen(p);
		if(fstatat(dirfd(d), p, &st, 0) == 0){
			dirs[i].mode = st.st_mode & 0777;
			if(S_ISDIR(st.st_mode))
				dirs[i].mode |= DMDIR;
			dirs[i].length = st.st_size;
		}
		p += strlen(p) + 1;
		free(names[i]);
	}
	free(names);
	closedir(d);
	*dp = dirs;
	return n;
}

Dir*
p9dirstat(const char *name)
{
	struct stat st;
	Dir *d;
	char *p;

	if(stat(mappath(name), &st) < 0){
		seterr();
		return NULL;
	}
	d = calloc(1, sizeof *d + strlen(name) + 1);
	p = (char*)(d + 1);
	strcpy(p, name);
	d->name = p;
	d->uid = d->gid = d->muid = p + strlen(p);
	d->mode = st.st_mode & 0777;
	if(S_ISDIR(st.st_mode))
		d->mode |= DMDIR;
	d->length = st.st_size;
	return d;
}

_Noreturn void
p9sysfatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "rc: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	_exit(1);
}

void*
p9emalloc(ulong n)
{
	void *p;

	p = malloc(n ? n : 1);
	if(p == NULL)
		p9sysfatal("out of memory");
	return p;
}

char*
p9estrdup(const char *s)
{
	char *p;

	p = strdup(s);
	if(p == NULL)
		p9sysfatal("out of memory");
	return p;
}

char*
p9smprint(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if(vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

int
p9snprint(char *buf, int n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r < n ? r : n - 1;
}

/* UTF-8, as far as rc needs it; a bad byte is Runeerror, length 1 */
int
p9chartorune(Rune *r, const char *s)
{
	const unsigned char *p;
	int n, i;
	Rune c;

	p = (const unsigned char*)s;
	if(p[0] < 0x80){
		*r = p[0];
		return 1;
	}
	n = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc0 ? 2 : 0;
	c = p[0] & (0x7f >> n);
	for(i = 1; i < n; i++){
		if((p[i] & 0xc0) != 0x80)
			break;
		c = c << 6 | (p[i] & 0x3f);
	}
	if(n == 0 || i < n){
		*r = 0xFFFD;
		return 1;
	}
	*r = c;
	return n;
}
