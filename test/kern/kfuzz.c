/*
 * System calls with random arguments: 100,000 calls spread over child
 * processes that each make up to 1,000 and then exit.  Arguments are
 * drawn from values that tend to find bugs: zero, -1, huge numbers,
 * kernel and unmapped addresses, pointers to the edges of real buffers,
 * real file names and descriptors.  A child that blocks is killed by the
 * watchdog.  Afterwards the kernel must still be running and the free
 * page count must be what it was.  kfuzz SEED [SYSCALL...] repeats the
 * run that printed SEED (with only those system calls).
 */
#include <u.h>
#include <libc.h>
#include <sysnum.h>
#include "ktest.h"

enum {
	Ncalls = 100000,
	Perchild = 1000,
};

static uvlong rng = 0x9e3779b97f4a7c15ULL;
static int only[64], nonly;	/* kfuzz seed calls...: just these system calls */
static char *buf;
static char *names[] = {
	"/dev/null", "/dev/zero", "/tmp/fuzz", "/tmp/fuzzdir", "#|", "/env/fuzz",
	"/proc", ".", "..", "", "/", "/srv/fuzz", "#c/cons", "/dev/random",
	"/bin/echo", "#M", "#/", "/fd/0", "/tmp", "#s",
};

static uvlong
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uvlong
arg(void)
{
	switch(rnd() % 16){
	case 0: return 0;
	case 1: return -1;
	case 2: return rnd();
	case 3: return rnd() & 0xffffffff;
	case 4: return rnd() % 16;		/* descriptors, flags */
	case 5: return 0xffffffff80100000ULL;	/* kernel text */
	case 6: return 0xffff800000000000ULL + (rnd() % (1<<30));
	case 7: return (uvlong)buf + rnd() % 8192;	/* inside a buffer */
	case 8: return (uvlong)buf + 8192 - rnd() % 16;	/* its edge */
	case 9: return 0x7000000000ULL;		/* unmapped */
	case 10: return (uvlong)names[rnd() % nelem(names)];
	case 11: return (uvlong)rnd;		/* read-only text */
	case 12: return 0x7ffffff00000ULL - rnd() % 64;	/* top of the stack */
	case 13: return 1ULL << (rnd() % 64);
	case 14: return rnd() % 70000;
	default: return (uvlong)buf;
	}
}

static long
rawsys(uvlong n, uvlong a0, uvlong a1, uvlong a2, uvlong a3, uvlong a4, uvlong a5)
{
	long r;
	register uvlong r10 __asm__("r10") = a3;
	register uvlong r8 __asm__("r8") = a4;
	register uvlong r9 __asm__("r9") = a5;

	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a0), "S"(a1), "d"(a2),
		"r"(r10), "r"(r8), "r"(r9) : "rcx", "r11", "memory");
	return r;
}

static void
fuzz(int ncalls)
{
	uvlong n, a[6];
	int i, j, fd, p[2];
	long r;

	/* descriptors worth hitting: files, a pipe with data, a directory */
	close(0);
	open("/dev/null", OREAD);
	open("/dev/null", OWRITE);
	open("/dev/null", OWRITE);
	fd = create("/tmp/fuzz", ORDWR, 0666);
	USED(fd);
	pipe(p);
	write(p[1], "data", 4);
	open("/proc", OREAD);
	for(i = 0; i < ncalls; i++){
		n = nonly ? only[rnd() % nonly] : rnd() % (NSYSCALL + 2);
		for(j = 0; j < 6; j++)
			a[j] = arg();
		if(n == SYSexits && rnd() % 8 != 0)
			continue;	/* keep most children going */
		if((n == SYSsleep || n == SYSalarm) && (vlong)a[0] > 50)
			a[0] %= 50;
		r = rawsys(n, a[0], a[1], a[2], a[3], a[4], a[5]);
		if(n == SYSrfork && r == 0)
			exits(nil);	/* a new child: stop there */
	}
	exits(nil);
}

static void
watchdog(void *v, char *note)
{
	USED(v);
	if(strcmp(note, "alarm") == 0)
		noted(NCONT);
	noted(NDFLT);
}

static void
kill(int pid)
{
	char name[64];
	int fd;

	snprint(name, sizeof name, "/proc/%d/ctl", pid);
	fd = open(name, OWRITE);
	if(fd >= 0){
		write(fd, "kill", 4);
		close(fd);
	}
}

/*
 * End every process not in keep[] but this one: random rforks with
 * RFNOWAIT leave grandchildren nobody waits for, some blocked for good.
 * Returns when they are all gone.
 */
static void
reap(int *keep, int nkeep)
{
	int pid[256], n, i, j, left;

	do{
		n = procpids(pid, nelem(pid));
		left = 0;
		for(i = 0; i < n && i < (int)nelem(pid); i++){
			for(j = 0; j < nkeep; j++)
				if(pid[i] == keep[j])
					break;
			if(j == nkeep && pid[i] != getpid()){
				kill(pid[i]);
				left++;
			}
		}
		if(left)
			sleep(20);
	}while(left);
}

void
main(int argc, char *argv[])
{
	long before, after;
	int ncalls, pid, n, killed, children, keep[256], nkeep;
	char msg[ERRMAX+64], *f[5];
	vlong t0;

	buf = malloc(8192);
	memset(buf, 'x', 8192);
	/* kfuzz [seed [syscall-number...]] repeats a run */
	if(argc > 1)
		rng = strtoull(argv[1], nil, 10);
	else
		rng ^= nsec();
	for(nonly = 0; nonly + 2 < argc && nonly < (int)nelem(only); nonly++)
		only[nonly] = atoi(argv[nonly + 2]);
	print("seed %llud\n", rng);
	notify(watchdog);
	/* settle: the first run of a few paths allocates kernel caches */
	remove("/tmp/fuzz");
	nkeep = procpids(keep, nelem(keep));
	before = freepages();
	t0 = nsec();
	killed = children = 0;
	for(ncalls = 0; ncalls < Ncalls; ncalls += Perchild){
		rng += 0x9e3779b97f4a7c15ULL;
		pid = rfork(RFPROC|RFFDG|RFNAMEG|RFENVG|RFNOTEG);
		if(pid < 0){
			check(0, "fork: %r");
			break;
		}
		if(pid == 0)
			fuzz(Perchild);
		children++;
		for(;;){
			alarm(3000);
			n = await(msg, sizeof msg - 1);
			alarm(0);
			if(n < 0){
				/* stuck in a blocking call: kill it and wait again */
				kill(pid);
				killed++;
				continue;
			}
			msg[n] = 0;
			if(tokenize(msg, f, 5) == 5 && atoi(f[0]) == pid)
				break;
		}
	}
	/* grandchildren made by random rforks: some we wait for, some not */
	while(await(msg, sizeof msg) >= 0)
		;
	reap(keep, nkeep);
	remove("/tmp/fuzz");
	remove("/tmp/fuzzdir");
	remove("/srv/fuzz");
	remove("/env/fuzz");
	after = freepages();
	print("%d calls in %d children (%d killed by the watchdog) in %lld ms; free pages %ld -> %ld\n",
		ncalls, children, killed, (nsec() - t0) / 1000000, before, after);
	check(after == before, "free pages: %ld before, %ld after", before, after);
	done();
}
