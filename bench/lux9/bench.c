/*
 * bench: Lux9's side of `make bench`.  Under qemu -icount shift=0 the
 * guest TSC advances once per guest instruction, so rdtsc differences
 * count instructions (kernel and user, all processes).  Each figure is
 * the median of 7 runs, printed as "name instructions", as the Linux
 * reference programs in bench/linux do.
 */
#include <u.h>
#include <libc.h>

enum { Runs = 7 };

static uvlong
tsc(void)
{
	uint lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uvlong)hi << 32 | lo;
}

static int
cmp(const void *a, const void *b)
{
	uvlong x = *(const uvlong*)a, y = *(const uvlong*)b;

	return x < y ? -1 : x > y;
}

static void
report(char *name, uvlong *v)
{
	qsort(v, Runs, sizeof v[0], cmp);
	print("%s %llud\n", name, v[Runs/2]);
}

static void
fail(char *what)
{
	fprint(2, "bench: %s: %r\n", what);
	exits(what);
}

static void
nullsys(void)
{
	uvlong v[Runs], t;
	int r, i;

	for(r = 0; r < Runs; r++){
		t = tsc();
		for(i = 0; i < 1000; i++)
			errstr(nil, 0);	/* the cheapest call: nothing to do */
		v[r] = (tsc() - t) / 1000;
	}
	report("nullsys", v);
}

static void
pipert(void)
{
	uvlong v[Runs], t;
	int to[2], from[2], r, i, pid;
	char c;

	if(pipe(to) < 0 || pipe(from) < 0)
		fail("pipe");
	pid = rfork(RFPROC|RFFDG);
	if(pid < 0)
		fail("fork");
	if(pid == 0){
		close(to[1]);
		close(from[0]);
		while(read(to[0], &c, 1) == 1)
			if(write(from[1], &c, 1) != 1)
				exits("write");
		exits(nil);
	}
	close(to[0]);
	close(from[1]);
	c = 'x';
	if(write(to[1], &c, 1) != 1 || read(from[0], &c, 1) != 1)
		fail("round trip");
	for(r = 0; r < Runs; r++){
		t = tsc();
		for(i = 0; i < 200; i++)
			if(write(to[1], &c, 1) != 1 || read(from[0], &c, 1) != 1)
				fail("round trip");
		v[r] = (tsc() - t) / 200;
	}
	close(to[1]);
	close(from[0]);
	waitpid();
	report("pipert", v);
}

static void
forkexec(int doexec)
{
	uvlong v[Runs], t;
	int r, pid;
	char *argv[] = {"tiny", nil};

	for(r = 0; r < Runs; r++){
		t = tsc();
		pid = rfork(RFPROC|RFFDG);
		if(pid < 0)
			fail("fork");
		if(pid == 0){
			if(doexec)
				exec("/test/bin/tiny", argv);
			_exits(nil);
		}
		if(waitpid() != pid)
			fail("wait");
		v[r] = tsc() - t;
	}
	report(doexec ? "forkexec" : "fork", v);
}

static void
mkfile(char *name, long size)
{
	char *buf;
	long n;
	int fd;

	buf = malloc(65536);
	memset(buf, 'a', 65536);
	fd = create(name, OWRITE, 0666);
	if(fd < 0)
		fail("create");
	for(n = 0; n < size; n += 65536)
		if(write(fd, buf, 65536) != 65536)
			fail("write");
	close(fd);
	free(buf);
}

static void
pread8k(void)
{
	uvlong v[Runs], t;
	char *buf;
	int r, i, fd;

	mkfile("/tmp/bench8k", 65536);
	buf = malloc(8192);
	fd = open("/tmp/bench8k", OREAD);
	if(fd < 0)
		fail("open");
	pread(fd, buf, 8192, 0);
	for(r = 0; r < Runs; r++){
		t = tsc();
		for(i = 0; i < 100; i++)
			if(pread(fd, buf, 8192, 0) != 8192)
				fail("pread");
		v[r] = (tsc() - t) / 100;
	}
	close(fd);
	remove("/tmp/bench8k");
	report("pread8k", v);
}

/* Read a new 16 MiB file in 64 KiB reads into buf. */
static void
timeread(char *name, char *file, char *buf)
{
	uvlong v[Runs], t;
	int r, fd;

	mkfile(file, 16<<20);
	for(r = 0; r < Runs; r++){
		fd = open(file, OREAD);
		if(fd < 0)
			fail("open");
		t = tsc();
		while(read(fd, buf, 65536) > 0)
			;
		v[r] = tsc() - t;
		close(fd);
	}
	remove(file);
	report(name, v);
}

static void
read16m(void)
{
	char *buf;

	buf = malloc(65536);
	timeread("read16m", "/tmp/bench16m", buf);
	free(buf);
}

/*
 * 16 MiB through 9P in 64 KiB reads into a page-aligned buffer: from
 * ramfs on /tmp, which moves the pages (pages(5)), and from a ramfs -c,
 * which copies every byte.
 */
static void
read16mpg(char *name, int copy)
{
	char *buf, *argv[5];
	int fd, pid;

	if(copy){
		if((fd = create("/tmp/c", OREAD, DMDIR|0755)) < 0)
			fail("mkdir /tmp/c");
		close(fd);
		argv[0] = "ramfs";
		argv[1] = "-c";
		argv[2] = "-m";
		argv[3] = "/tmp/c";
		argv[4] = nil;
		if((pid = rfork(RFPROC|RFFDG)) == 0){
			exec("/bin/ramfs", argv);
			exits("exec");
		}
		if(pid < 0 || waitpid() != pid)
			fail("ramfs -c");
	}
	buf = aligned_alloc(4096, 65536);
	timeread(name, copy ? "/tmp/c/bench16m" : "/tmp/bench16m", buf);
	free(buf);
	if(copy){
		unmount(nil, "/tmp/c");
		remove("/tmp/c");
	}
}

static void
pipe64m(void)
{
	uvlong v[Runs], t;
	char *buf;
	int p[2], r, pid;
	long n, m;

	buf = malloc(65536);
	memset(buf, 'p', 65536);
	for(r = 0; r < Runs; r++){
		if(pipe(p) < 0)
			fail("pipe");
		t = tsc();
		pid = rfork(RFPROC|RFFDG);
		if(pid == 0){
			close(p[0]);
			for(n = 0; n < 64<<20; n += 65536)
				if(write(p[1], buf, 65536) != 65536)
					exits("write");
			exits(nil);
		}
		close(p[1]);
		for(n = 0; (m = read(p[0], buf, 65536)) > 0; n += m)
			;
		close(p[0]);
		waitpid();
		v[r] = tsc() - t;
		if(n != 64<<20)
			fail("short pipe");
	}
	report("pipe64m", v);
}


/*
 * Hand size bytes from one process to another: by move, by shared lend
 * (and return), or by writing through a pipe.  Timed from the send to the
 * receiver having it (and, for a lend, having given it back).
 */
static void
handover(char *how, long size)
{
	uvlong v[Runs], t;
	int p[2], ack[2], r, pid, mode;
	uchar *buf, *q;
	long n, m;
	char name[32], c;

	buf = sbrk(0);
	if((uintptr)buf & 4095)
		sbrk(4096 - ((uintptr)buf & 4095));
	for(r = 0; r < Runs; r++){
		if(pipe(p) < 0 || pipe(ack) < 0)
			fail("pipe");
		pid = rfork(RFPROC|RFFDG);
		if(pid == 0){
			close(p[0]);
			if(strcmp(how, "pipe") == 0){
				q = malloc(65536);
				for(n = 0; n < size; n += m)
					if((m = read(p[1], q, size - n > 65536 ? 65536 : size - n)) <= 0)
						exits("read");
			}else{
				if(pgrecv(p[1], (void**)&q, size, &mode) != size)
					exits("pgrecv");
				if(mode == PGLEND && pgreturn(q) < 0)
					exits("pgreturn");
			}
			write(ack[1], "k", 1);
			read(p[1], &c, 1);	/* exit only after the timing: at end of file */
			exits(nil);
		}
		/* the buffer is made after the fork, so the child is small */
		buf = sbrk(size);
		if(buf == (void*)-1)
			fail("sbrk");
		memset(buf, r, size);
		close(ack[1]);	/* a receiver that fails gives end of file */
		t = tsc();
		if(strcmp(how, "pipe") == 0){
			for(n = 0; n < size; n += 65536)
				if(write(p[0], buf + n, size - n > 65536 ? 65536 : size - n) <= 0)
					fail("write");
		}else if(pgsend(p[0], buf, size, strcmp(how, "move") == 0 ? PGMOVE : PGLEND) < 0)
			fail("pgsend");
		if(read(ack[0], &c, 1) != 1)
			fail("receiver failed");
		v[r] = tsc() - t;
		close(p[0]);
		close(p[1]);
		close(ack[0]);
		waitpid();
		brk(buf);	/* give the range back (moved pages leave only markers) */
	}
	snprint(name, sizeof name, "x%s%ld", how, size >= 1<<20 ? size >> 20 : size >> 10);
	strcat(name, size >= 1<<20 ? "m" : "k");
	report(name, v);
}

void
main(int argc, char *argv[])
{
	int i;

	if(argc < 2){
		fprint(2, "usage: bench nullsys|pipert|fork|forkexec|pread8k|read16m|read16mx|read16mc|pipe64m|exchange ...\n");
		exits("usage");
	}
	for(i = 1; i < argc; i++){
		if(strcmp(argv[i], "nullsys") == 0)
			nullsys();
		else if(strcmp(argv[i], "pipert") == 0)
			pipert();
		else if(strcmp(argv[i], "fork") == 0)
			forkexec(0);
		else if(strcmp(argv[i], "forkexec") == 0)
			forkexec(1);
		else if(strcmp(argv[i], "pread8k") == 0)
			pread8k();
		else if(strcmp(argv[i], "read16m") == 0)
			read16m();
		else if(strcmp(argv[i], "read16mx") == 0)
			read16mpg("read16mx", 0);
		else if(strcmp(argv[i], "read16mc") == 0)
			read16mpg("read16mc", 1);
		else if(strcmp(argv[i], "pipe64m") == 0)
			pipe64m();
		else if(strcmp(argv[i], "exchange") == 0){
			handover("move", 4096);
			handover("lend", 4096);
			handover("pipe", 4096);
			handover("move", 1<<20);
			handover("lend", 1<<20);
			handover("pipe", 1<<20);
			handover("move", 64<<20);
			handover("lend", 64<<20);
			handover("pipe", 64<<20);
		}
		else{
			fprint(2, "bench: unknown benchmark %s\n", argv[i]);
			exits("usage");
		}
	}
	exits(nil);
}
