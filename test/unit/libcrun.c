/*
 * libcrun PROGRAM [ARG...] - run a Lux9 amd64 program on the Linux host,
 * for testing libc before the kernel boots.  The program runs under
 * ptrace; each system call stops at entry, where a Lux9 call (numbered
 * as in kernel/port/syscall.tab) is either rewritten into the Linux
 * call that does the same (open, pread, brk...) or done here (errstr,
 * stat, exits...) with the Linux call turned into a harmless getpid.
 * Errors come back Plan 9 style: -1 and an error string.  Calls a Linux
 * process cannot sensibly do (rfork, exec, bind, notes) fail with
 * "not in libcrun".  The exit status is the program's exits string,
 * printed on stderr; libcrun exits 0 for an empty one, else 1.
 * LIBCRUN_TRACE=1 in the environment lists each call on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "sysnum.h"
#include "9p.h"

static pid_t child;
static char kerr[128];		/* the program's error string */

static void
seterr(const char *s)
{
	snprintf(kerr, sizeof kerr, "%s", s);
}

/* plan9err is the Plan 9 phrase for a Linux errno */
static const char*
plan9err(int e)
{
	switch(e){
	case ENOENT: return "file does not exist";
	case EACCES: case EPERM: return "permission denied";
	case EEXIST: return "file already exists";
	case EISDIR: return "is a directory";
	case ENOTDIR: return "not a directory";
	case EBADF: return "bad fd";
	case ENOMEM: return "no memory";
	case ESPIPE: return "illegal seek";
	case ENOTEMPTY: return "directory not empty";
	default: return strerror(e);
	}
}

static int
peek(unsigned long addr, void *buf, size_t n)
{
	struct iovec l = {buf, n}, r = {(void*)addr, n};

	return process_vm_readv(child, &l, 1, &r, 1, 0) == (ssize_t)n ? 0 : -1;
}

static int
poke(unsigned long addr, const void *buf, size_t n)
{
	struct iovec l = {(void*)buf, n}, r = {(void*)addr, n};

	return process_vm_writev(child, &l, 1, &r, 1, 0) == (ssize_t)n ? 0 : -1;
}

/* peekstr reads a NUL-terminated string of the program's, a byte at a time at page ends */
static int
peekstr(unsigned long addr, char *buf, size_t n)
{
	size_t i;

	for(i = 0; i < n; i++){
		if(peek(addr + i, buf + i, 1) < 0)
			return -1;
		if(buf[i] == 0)
			return 0;
	}
	return -1;
}

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void
put32(unsigned char *p, uint32_t v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

static void
put64(unsigned char *p, uint64_t v)
{
	put32(p, v);
	put32(p + 4, v >> 32);
}

/* packstat makes the 9P stat entry of st, named name */
static long
packstat(unsigned char *p, const char *name, struct stat *st)
{
	char uid[16], gid[16];
	const char *s[4];
	uint32_t mode;
	long n, k, i;

	snprintf(uid, sizeof uid, "%u", st->st_uid);
	snprintf(gid, sizeof gid, "%u", st->st_gid);
	s[0] = name;
	s[1] = uid;
	s[2] = gid;
	s[3] = uid;
	mode = st->st_mode & 0777;
	if(S_ISDIR(st->st_mode))
		mode |= DMDIR;
	put16(p + 2, 'L');
	put32(p + 4, 0);
	p[8] = S_ISDIR(st->st_mode) ? QTDIR : QTFILE;
	put32(p + 9, 0);
	put64(p + 13, st->st_ino);
	put32(p + 21, mode);
	put32(p + 25, st->st_atime);
	put32(p + 29, st->st_mtime);
	put64(p + 33, S_ISDIR(st->st_mode) ? 0 : st->st_size);
	n = 41;
	for(i = 0; i < 4; i++){
		k = strlen(s[i]);
		put16(p + n, k);
		memcpy(p + n + 2, s[i], k);
		n += 2 + k;
	}
	put16(p, n - 2);
	return n;
}

static long
dostat(struct user_regs_struct *r, int byfd)
{
	char name[4096], path[64], *base;
	unsigned char e[8192];
	struct stat st;
	long n;

	if(byfd){
		snprintf(path, sizeof path, "/proc/%d/fd/%d", child, (int)r->rdi);
		if(stat(path, &st) < 0 || readlink(path, name, sizeof name - 1) < 0){
			seterr(plan9err(errno));
			return -1;
		}
		name[sizeof name - 1] = 0;
	}else{
		if(peekstr(r->rdi, name, sizeof name) < 0){
			seterr("bad address");
			return -1;
		}
		if(stat(name, &st) < 0){
			seterr(plan9err(errno));
			return -1;
		}
	}
	base = basename(name);
	n = packstat(e, base, &st);
	if((long)r->rdx < 2){
		seterr("buffer too small");
		return -1;
	}
	if(n > (long)r->rdx)
		n = 2;	/* only the size: the caller grows its buffer */
	if(poke(r->rsi, e, n) < 0){
		seterr("bad address");
		return -1;
	}
	return n;
}

static long
dofd2path(struct user_regs_struct *r)
{
	char path[64], name[4096];
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/fd/%d", child, (int)r->rdi);
	n = readlink(path, name, sizeof name - 1);
	if(n < 0){
		seterr(plan9err(errno));
		return -1;
	}
	/* as Plan 9 does, a short buffer gets the start of the name */
	if((long)r->rdx <= 0)
		return 0;
	if(n > (long)r->rdx - 1)
		n = r->rdx - 1;
	name[n] = 0;
	return poke(r->rsi, name, n + 1) < 0 ? -1 : 0;
}

static long
doerrstr(struct user_regs_struct *r)
{
	char theirs[128];
	size_t n;

	n = r->rsi;
	if(n > sizeof theirs)
		n = sizeof theirs;
	if(n == 0)
		return 0;
	memset(theirs, 0, sizeof theirs);
	if(peek(r->rdi, theirs, n) < 0)
		return -1;
	theirs[n - 1] = 0;
	if(poke(r->rdi, kerr, strlen(kerr) + 1 > n ? n : strlen(kerr) + 1) < 0)
		return -1;
	if(strlen(kerr) + 1 > n){
		char z = 0;
		poke(r->rdi + n - 1, &z, 1);
	}
	snprintf(kerr, sizeof kerr, "%s", theirs);
	return 0;
}

static int
openflags(long mode)
{
	int f;

	f = (mode & 3) == OREAD || (mode & 3) == OEXEC ? O_RDONLY : (mode & 3) == OWRITE ? O_WRONLY : O_RDWR;
	if(mode & OTRUNC)
		f |= O_TRUNC;
	if(mode & OCEXEC)
		f |= O_CLOEXEC;
	return f;
}

enum { Emulated, Rewritten, Brk };

/*
 * entry looks at the call about to run: it rewrites the registers into
 * a Linux call (returning Rewritten or Brk), or does the work itself,
 * leaving its result in *res (Emulated).
 */
static int
entry(struct user_regs_struct *r, long *res, char *exitmsg, int *exited)
{
	struct timespec ts;

	switch(r->orig_rax){
	case SYSopen:
		r->orig_rax = SYS_openat;
		r->r10 = 0;
		r->rdx = openflags(r->rsi);
		r->rsi = r->rdi;
		r->rdi = AT_FDCWD;
		return Rewritten;
	case SYScreate:
		r->orig_rax = SYS_openat;
		r->r10 = r->rdx & 0777;
		r->rdx = openflags(r->rsi) | O_CREAT | O_TRUNC;
		r->rsi = r->rdi;
		r->rdi = AT_FDCWD;
		return Rewritten;
	case SYSclose:
		r->orig_rax = SYS_close;
		return Rewritten;
	case SYSpread:
		r->orig_rax = (long)r->r10 == -1 ? SYS_read : SYS_pread64;
		return Rewritten;
	case SYSpwrite:
		r->orig_rax = (long)r->r10 == -1 ? SYS_write : SYS_pwrite64;
		return Rewritten;
	case SYSseek:
		r->orig_rax = SYS_lseek;
		return Rewritten;
	case SYSremove:
		r->orig_rax = SYS_unlinkat;
		r->rsi = r->rdi;
		r->rdi = AT_FDCWD;
		r->rdx = 0;
		return Rewritten;
	case SYSchdir:
		r->orig_rax = SYS_chdir;
		return Rewritten;
	case SYSdup:
		r->orig_rax = (long)r->rsi < 0 ? SYS_dup : SYS_dup2;
		return Rewritten;
	case SYSbrk:
		r->orig_rax = SYS_brk;
		return Brk;
	case SYSerrstr:
		*res = doerrstr(r);
		return Emulated;
	case SYSstat:
		*res = dostat(r, 0);
		return Emulated;
	case SYSfstat:
		*res = dostat(r, 1);
		return Emulated;
	case SYSfd2path:
		*res = dofd2path(r);
		return Emulated;
	case SYSnsec:
		clock_gettime(CLOCK_REALTIME, &ts);
		*res = ts.tv_sec * 1000000000LL + ts.tv_nsec;
		return Emulated;
	case SYSsleep:
		ts.tv_sec = (long)r->rdi / 1000;
		ts.tv_nsec = (long)r->rdi % 1000 * 1000000;
		*res = (long)r->rdi > 0 ? nanosleep(&ts, NULL) : 0;
		return Emulated;
	case SYSexits:
		exitmsg[0] = 0;
		if(r->rdi != 0 && peekstr(r->rdi, exitmsg, 128) < 0)
			snprintf(exitmsg, 128, "exits: bad message");
		*exited = 1;
		r->orig_rax = SYS_exit_group;
		r->rdi = exitmsg[0] != 0;
		return Rewritten;
	default:
		seterr("not in libcrun");
		*res = -1;
		return Emulated;
	}
}

int
main(int argc, char **argv)
{
	struct user_regs_struct r;
	char exitmsg[128];
	unsigned long want;
	long res;
	int st, kind, exited, insyscall;

	if(argc < 2){
		fprintf(stderr, "usage: libcrun program [arg...]\n");
		return 2;
	}
	child = fork();
	if(child < 0){
		perror("fork");
		return 2;
	}
	if(child == 0){
		/* a fixed layout, so the break starts right after bss, where libc's sbrk expects it */
		personality(ADDR_NO_RANDOMIZE);
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		execv(argv[1], argv + 1);
		fprintf(stderr, "libcrun: exec %s: %s\n", argv[1], strerror(errno));
		_exit(2);
	}
	if(waitpid(child, &st, 0) < 0 || !WIFSTOPPED(st)){
		fprintf(stderr, "libcrun: %s did not start\n", argv[1]);
		return 2;
	}
	ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	/* Lux9 starts a program with rdi = argc, rsi = argv; Linux leaves them at the stack pointer */
	ptrace(PTRACE_GETREGS, child, 0, &r);
	peek(r.rsp, &res, sizeof res);
	r.rdi = res;
	r.rsi = r.rsp + 8;
	ptrace(PTRACE_SETREGS, child, 0, &r);

	exited = 0;
	insyscall = 0;
	kind = Emulated;
	want = 0;
	res = 0;
	exitmsg[0] = 0;
	for(;;){
		if(ptrace(PTRACE_SYSCALL, child, 0, 0) < 0 || waitpid(child, &st, 0) < 0)
			break;
		if(WIFEXITED(st) || WIFSIGNALED(st))
			break;
		if(!WIFSTOPPED(st))
			continue;
		if(WSTOPSIG(st) != (SIGTRAP | 0x80)){
			/* a real signal (a fault): the program dies of it, as it would of a trap */
			ptrace(PTRACE_GETREGS, child, 0, &r);
			fprintf(stderr, "libcrun: %s: signal %d at pc %#llx\n", argv[1], WSTOPSIG(st), r.rip);
			kill(child, SIGKILL);
			waitpid(child, &st, 0);
			return 1;
		}
		ptrace(PTRACE_GETREGS, child, 0, &r);
		if(!insyscall){
			insyscall = 1;
			want = r.rdi;
			kind = entry(&r, &res, exitmsg, &exited);
			if(kind == Emulated)
				r.orig_rax = SYS_getpid;
			ptrace(PTRACE_SETREGS, child, 0, &r);
			continue;
		}
		insyscall = 0;
		if(getenv("LIBCRUN_TRACE") != NULL)
			fprintf(stderr, "libcrun: call %ld (%#lx) kind %d -> %#llx\n", (long)r.orig_rax, want, kind, r.rax);
		switch(kind){
		case Emulated:
			r.rax = res;
			break;
		case Brk:
			/* Linux answers the break it has; Lux9's brk_ says whether it moved */
			if(r.rax < want){
				seterr("no memory");
				r.rax = -1;
			}else
				r.rax = 0;
			break;
		default:
			if((long)r.rax < 0 && (long)r.rax > -4096){
				seterr(plan9err(-(long)r.rax));
				r.rax = -1;
			}
			break;
		}
		ptrace(PTRACE_SETREGS, child, 0, &r);
	}
	if(!exited){
		fprintf(stderr, "libcrun: %s ended without exits\n", argv[1]);
		return 1;
	}
	fprintf(stderr, "exits: '%s'\n", exitmsg);
	return exitmsg[0] != 0;
}
