/*
 * Zero-copy 9P (pages(5)): reads and writes of page-aligned buffers
 * through the mount driver to ramfs move pages, shared copy-on-write,
 * with the same results as the copying path (ramfs -c, unaligned
 * buffers); what each side writes afterwards stays its own; pgoffer and
 * pgtake directly, with every refusal; processes doing random reads and
 * writes at once; and every frame accounted for.
 */
#include <u.h>
#include <libc.h>
#include "ktest.h"

enum {
	PG = 4096,
	Big = 1<<20,
};

static uchar*
abuf(long n)
{
	uchar *p;

	p = aligned_alloc(PG, n);
	check(p != nil && ((uintptr)p & (PG-1)) == 0, "aligned_alloc: %r");
	return p;
}

static void
fill(uchar *p, long n, int seed)
{
	long i;

	for(i = 0; i < n; i++)
		p[i] = i*seed + (i>>12);
}

static long
putfile(char *name, uchar *p, long n)
{
	int fd;
	long m;

	fd = create(name, OWRITE, 0644);
	if(fd < 0)
		return -1;
	m = write(fd, p, n);
	close(fd);
	return m;
}

static long
getfile(char *name, uchar *p, long n, vlong off)
{
	int fd;
	long m, k;

	fd = open(name, OREAD);
	if(fd < 0)
		return -1;
	for(m = 0; m < n; m += k){
		k = pread(fd, p + m, n - m, off + m);
		if(k <= 0)
			break;
	}
	close(fd);
	return m;
}

/*
 * How many of the n bytes at va are copy-on-write pages, by
 * /proc/N/pages; *owner and *shares of the first run there.
 */
static int
cowpages(void *va, long n, int *owner, int *shares)
{
	static char buf[16384];
	char name[32], *p, *e;
	uintptr a, lo, hi;
	int fd, k, tot, np, cnt;

	snprint(name, sizeof name, "/proc/%d/pages", getpid());
	fd = open(name, OREAD);
	if(fd < 0)
		return -1;
	for(tot = 0; tot < (int)sizeof buf - 1 && (k = read(fd, buf + tot, sizeof buf - 1 - tot)) > 0; tot += k)
		;
	close(fd);
	buf[tot] = 0;
	lo = (uintptr)va;
	hi = lo + n;
	cnt = 0;
	*owner = *shares = -1;
	for(p = buf; *p; p = e + 1){
		e = strchr(p, '\n');
		if(e == nil)
			break;
		*e = 0;
		if(strstr(p, "copy-on-write") == nil)
			continue;
		a = strtoull(p, nil, 16);
		np = atoi(p + 17);
		if(a < lo || a >= hi)
			continue;
		if(cnt == 0){
			*owner = atoi(strstr(p, "owner ") + 6);
			*shares = atoi(strstr(p, "shares ") + 7);
		}
		cnt += np;
	}
	return cnt*PG;
}

/* Reads and writes through both servers give the same bytes. */
static void
testsame(void)
{
	uchar *src, *a, *c, *u;
	int owner, shares;
	long n;

	src = abuf(Big);
	a = abuf(Big);
	c = abuf(Big);
	u = malloc(Big + 1);
	fill(src, Big, 7);
	check(putfile("/tmp/f", src, Big) == Big, "write /tmp/f: %r");
	check(cowpages(src, Big, &owner, &shares) == Big && owner == getpid() && shares == 1,
		"the writer's pages are shared with ramfs");
	check(putfile("/tmp/c/f", src, Big) == Big, "write /tmp/c/f: %r");
	n = getfile("/tmp/f", a, Big, 0);
	check(n == Big && memcmp(a, src, Big) == 0, "zero-copy read differs (%ld)", n);
	check(cowpages(a, Big, &owner, &shares) == Big && owner != 0 && shares >= 1,
		"the reader's pages are shared with ramfs");
	n = getfile("/tmp/c/f", c, Big, 0);
	check(n == Big && memcmp(c, src, Big) == 0, "copied read differs (%ld)", n);
	check(cowpages(c, Big, &owner, &shares) == 0, "ramfs -c gave pages");
	n = getfile("/tmp/f", u + 1, Big, 0);
	check(n == Big && memcmp(u + 1, src, Big) == 0, "unaligned read differs");

	/* a file that ends inside a page: the pages, then the rest in the message */
	check(putfile("/tmp/g", src, 10000) == 10000, "write /tmp/g: %r");
	memset(a, 0, 3*PG);
	check(getfile("/tmp/g", a, 3*PG, 0) == 10000 && memcmp(a, src, 10000) == 0, "read of 10000 bytes");
	check(a[10000] == 0, "read past the end of the file changed the buffer");
	check(cowpages(a, 3*PG, &owner, &shares) == 2*PG, "two whole pages of /tmp/g");
	/* an offset that does not line up with the file's pages */
	check(getfile("/tmp/f", a, 8*PG, 100) == 8*PG && memcmp(a, src + 100, 8*PG) == 0,
		"read at offset 100");
	/* a write at an offset inside a page, then in place over the file's pages */
	fill(a, 4*PG, 3);
	check(getfile("/tmp/f", c, Big, 0) == Big, "read");
	free(u);
	u = abuf(Big);
	memmove(u, src, Big);
	memmove(u + 5*PG + 7, a, 4*PG);
	memmove(u + 64*PG, a, 4*PG);
	n = -1;
	{
		int fd;

		fd = open("/tmp/f", OWRITE);
		check(fd >= 0, "open: %r");
		n = pwrite(fd, a, 4*PG, 5*PG + 7);
		check(n == 4*PG, "pwrite at 5 pages + 7: %r");
		n = pwrite(fd, a, 4*PG, 64*PG);
		check(n == 4*PG, "pwrite at 64 pages: %r");
		close(fd);
	}
	check(getfile("/tmp/f", c, Big, 0) == Big && memcmp(c, u, Big) == 0, "file after pwrites");
	free(src);
	free(a);
	free(c);
	free(u);
}

/* What either side writes after an exchange is its own. */
static void
testcow(void)
{
	uchar *src, *a, *b, *saved;
	int p[2], pid, owner, shares;
	char *s;

	src = abuf(16*PG);
	a = abuf(16*PG);
	b = abuf(16*PG);
	saved = malloc(16*PG);
	fill(src, 16*PG, 11);
	memmove(saved, src, 16*PG);
	check(putfile("/tmp/h", src, 16*PG) == 16*PG, "write: %r");
	/* the writer changes its buffer: the file keeps what was written */
	memset(src, 0xee, 16*PG);
	check(cowpages(src, 16*PG, &owner, &shares) == 0, "the writer's buffer is still shared");
	check(getfile("/tmp/h", a, 16*PG, 0) == 16*PG && memcmp(a, saved, 16*PG) == 0,
		"the writer's change reached the file");
	/* the reader changes its buffer: the file does not change */
	a[0] ^= 0xff;
	a[5*PG + 9] ^= 0xff;
	check(getfile("/tmp/h", b, 16*PG, 0) == 16*PG && memcmp(b, saved, 16*PG) == 0,
		"the reader's change reached the file");
	check(cowpages(a, 16*PG, &owner, &shares) == 14*PG, "the reader's two changed pages are its own");
	/* the server changes the file: what was read does not change */
	check(putfile("/tmp/h", src, 16*PG) == 16*PG, "rewrite: %r");
	a[0] ^= 0xff;
	a[5*PG + 9] ^= 0xff;
	check(memcmp(a, saved, 16*PG) == 0 && memcmp(b, saved, 16*PG) == 0,
		"a rewrite of the file changed what was read");
	/* the kernel writes into a shared page: a read(2) from a pipe */
	check(getfile("/tmp/h", a, 16*PG, 0) == 16*PG, "read");
	check(pipe(p) == 0, "pipe");
	check(write(p[0], "pipe data", 9) == 9, "pipe write");
	check(read(p[1], a + 3*PG + 100, 9) == 9 && memcmp(a + 3*PG + 100, "pipe data", 9) == 0,
		"read from a pipe into a shared page");
	close(p[0]);
	close(p[1]);
	check(getfile("/tmp/h", b, 16*PG, 0) == 16*PG && b[3*PG + 100] == 0xee,
		"the kernel's write reached the file");
	/* a child gets a copy of the shared pages */
	pid = rfork(RFPROC|RFFDG);
	if(pid == 0){
		if(b[0] != 0xee)
			exits("child's copy");
		memset(b, 1, 16*PG);
		exits(nil);
	}
	s = waitfor(pid);
	check(*s == 0, "child: %s", s);
	check(b[0] == 0xee && b[16*PG - 1] == 0xee, "the child's write reached the parent");
	free(src);
	free(a);
	free(b);
	free(saved);
}

/* pgoffer and pgtake between two processes, and their refusals. */
static void
testdirect(void)
{
	uchar *src, *dst;
	int p[2], pid, nul;
	char *s;

	src = abuf(4*PG);
	dst = abuf(4*PG);
	fill(src, 4*PG, 5);
	check(pipe(p) == 0, "pipe");
	check(pgtake(p[1], 1, dst, 4*PG) < 0 && strcmp(lasterr(), "no such offer") == 0,
		"take with no offer: %r");
	check(pgoffer(p[0], src + 1, 4*PG, 1) < 0 && strcmp(lasterr(), "range not page aligned") == 0,
		"unaligned offer: %r");
	check(pgoffer(p[0], (void*)0x1000, PG, 1) < 0 && strstr(lasterr(), "not owned") != nil,
		"offer of nothing: %r");
	nul = open("/dev/null", OWRITE);
	check(pgoffer(nul, src, PG, 1) < 0 && strcmp(lasterr(), "exchange needs a pipe") == 0,
		"offer on /dev/null: %r");
	close(nul);
	check(pgoffer(p[0], src, 4*PG, 7) == 0, "offer: %r");
	check(pgtake(p[1], 7, dst, 2*PG) < 0 && strcmp(lasterr(), "exchange refused: size differs") == 0,
		"take of the wrong size: %r");
	check(pgtake(p[1], 7, (void*)((uintptr)lasterr & ~(uintptr)(PG-1)), 4*PG) < 0 && strstr(lasterr(), "not owned") != nil,
		"take over the text: %r");
	check(pgsend(p[0], src, 4*PG, PGMOVE) < 0 && strcmp(lasterr(), "range is shared copy-on-write") == 0,
		"move of a shared range: %r");
	pid = rfork(RFPROC|RFFDG);
	if(pid == 0){
		if(pgtake(p[1], 7, dst, 4*PG) < 0)
			exits(lasterr());
		if(dst[0] != src[0] || memcmp(dst, src, 4*PG) != 0)
			exits("taken pages differ");
		dst[0] ^= 1;	/* a copy for the taker only */
		if(src[0] == dst[0])
			exits("shared write");
		exits(nil);
	}
	s = waitfor(pid);
	check(*s == 0, "taker: %s", s);
	src[1] ^= 1;	/* the taker is gone: the page is ours again, no copy needed */
	check(pgoffer(p[0], src, 4*PG, 8) == 0 && pgtake(p[1], 8, nil, 0) == 0, "refuse: %r");
	close(p[1]);
	check(pgoffer(p[0], src, PG, 9) < 0 && strcmp(lasterr(), "exchange refused") == 0,
		"offer to a closed pipe: %r");
	close(p[0]);
	free(src);
	free(dst);
}

/* The server exits while a reader holds its pages. */
static void
testdeadserver(void)
{
	uchar *src, *a;
	char *argv[6];
	int owner, shares, fd;

	argv[0] = "ramfs";
	argv[1] = "-m";
	argv[2] = "/tmp/d";
	argv[3] = nil;
	fd = create("/tmp/d", OREAD, DMDIR|0755);
	check(fd >= 0, "mkdir /tmp/d: %r");
	close(fd);
	check(run("/bin/ramfs", argv), "ramfs /tmp/d");
	src = malloc(8*PG + 1);
	a = abuf(8*PG);
	fill(src + 1, 8*PG, 13);
	/* an unaligned buffer is copied: the file's frames are the server's */
	check(putfile("/tmp/d/x", src + 1, 8*PG) == 8*PG, "write: %r");
	check(getfile("/tmp/d/x", a, 8*PG, 0) == 8*PG, "read: %r");
	check(cowpages(a, 8*PG, &owner, &shares) == 8*PG && owner != getpid() && owner > 0 &&
		shares == 1, "the server's pages");
	check(unmount(nil, "/tmp/d") == 0, "unmount: %r");
	/* the server ends at end of file on its pipe; its frames stay with us */
	while(access(smprint("/proc/%d/status", owner), 0) == 0)
		sleep(10);
	check(memcmp(a, src + 1, 8*PG) == 0, "pages of a dead server");
	check(cowpages(a, 8*PG, &owner, &shares) == 8*PG && owner == 0 && shares == 1,
		"no owner after the server died");
	a[0] ^= 1;
	check(a[0] != src[1] && cowpages(a, 8*PG, &owner, &shares) == 7*PG,
		"write after the server died: the page is the writer's");
	free(src);
	free(a);
}

/*
 * Stress: processes each keep a file in step with a model in memory
 * through random reads and writes, aligned (pages move) or not (bytes
 * copied), scribbling over their buffers after each; all at once.
 */
enum {
	Nstress = 6,
	Fsize = 64*PG,
	Maxio = 16*PG,
	Niter = 1500,
};

static uint
rnd(uint *seed)
{
	*seed = *seed * 1103515245 + 12345;
	return *seed >> 8;
}

static void
stressone(int id)
{
	uchar *model, *ab, *ub, *b;
	char name[32];
	uint seed;
	long off, len, i;
	int fd, it, wr;

	seed = id*7919 + 1;
	model = malloc(Fsize);
	ab = abuf(Maxio);
	ub = malloc(Maxio + 1);
	memset(model, 0, Fsize);
	snprint(name, sizeof name, "/tmp/s%d", id);
	fd = create(name, ORDWR, 0644);
	if(fd < 0 || pwrite(fd, model, Fsize, 0) != Fsize)
		exits(smprint("create %s: %r", name));
	for(it = 0; it < Niter; it++){
		wr = rnd(&seed) & 1;
		b = (rnd(&seed) & 3) ? ab : ub + 1;
		if(rnd(&seed) & 1){
			off = (rnd(&seed) % (Fsize/PG - Maxio/PG + 1)) * PG;
			len = (rnd(&seed) % (Maxio/PG) + 1) * PG;
		}else{
			off = rnd(&seed) % (Fsize - Maxio);
			len = rnd(&seed) % Maxio + 1;
		}
		if(wr){
			for(i = 0; i < len; i++)
				b[i] = rnd(&seed);
			if(pwrite(fd, b, len, off) != len)
				exits(smprint("pwrite: %r"));
			memmove(model + off, b, len);
		}else{
			if(pread(fd, b, len, off) != len)
				exits(smprint("pread: %r"));
			if(memcmp(b, model + off, len) != 0)
				exits(smprint("iteration %d: read at %ld of %ld differs", it, off, len));
		}
		memset(b, it, len);	/* the file must not see this */
	}
	if(pread(fd, ab, Maxio, 0) != Maxio || memcmp(ab, model, Maxio) != 0)
		exits("final contents");
	close(fd);
	remove(name);
	exits(nil);
}

static void
teststress(void)
{
	int i, pid[Nstress];
	char *s;

	for(i = 0; i < Nstress; i++){
		pid[i] = rfork(RFPROC|RFFDG);
		if(pid[i] == 0)
			stressone(i);
	}
	for(i = 0; i < Nstress; i++){
		s = waitfor(pid[i]);
		check(*s == 0, "stress process %d: %s", i, s);
	}
}

static void
all(void *arg)
{
	char *argv[8];
	int fd;

	USED(arg);
	argv[0] = "ramfs";
	argv[1] = "-m";
	argv[2] = "/tmp";
	argv[3] = nil;
	check(run("/bin/ramfs", argv), "ramfs /tmp");
	fd = create("/tmp/c", OREAD, DMDIR|0755);
	check(fd >= 0, "mkdir /tmp/c: %r");
	close(fd);
	argv[0] = "ramfs";
	argv[1] = "-c";
	argv[2] = "-m";
	argv[3] = "/tmp/c";
	argv[4] = nil;
	check(run("/bin/ramfs", argv), "ramfs -c /tmp/c");
	testsame();
	testcow();
	testdirect();
	testdeadserver();
	teststress();
	exits(nfail ? "failed" : nil);
}

void
main(void)
{
	long before, after;
	int n;
	char *s;

	n = procpids(nil, 0);
	before = freepages();
	s = inchild(all, nil);
	check(*s == 0, "%s", s);
	/* the servers end when the last mount of them goes with the child */
	while(procpids(nil, 0) > n)
		sleep(10);
	after = freepages();
	check(after == before, "free pages %ld at the start, %ld at the end", before, after);
	done();
}
