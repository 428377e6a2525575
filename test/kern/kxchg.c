/*
 * Page exchange: move, shared lend, mutable lend and return between
 * processes over a pipe; every illegal case with its error or note;
 * exits that leave nothing dangling; /proc/N/pages; and a stress run
 * after which every frame is accounted for.
 */
#include <u.h>
#include <libc.h>
#include "ktest.h"


enum { PG = 4096 };

static uchar*
pages(int n, int fill)
{
	uchar *p;

	p = sbrk(0);
	if((uintptr)p & (PG-1))
		sbrk(PG - ((uintptr)p & (PG-1)));
	p = sbrk(n*PG);
	check(p != (void*)-1, "sbrk: %r");
	memset(p, fill, n*PG);
	return p;
}

static char *errs;

/* run f(arg) in a child and return how it ended */
static void
touchread(void *a)
{
	print("%d\n", *(volatile uchar*)a);
}

static void
touchwrite(void *a)
{
	*(volatile uchar*)a = 1;
}

static int fds[2];

static char*
trap(void (*f)(void*), void *a)
{
	int pid;

	pid = rfork(RFPROC|RFFDG);
	if(pid == 0){
		f(a);
		exits(nil);
	}
	return waitfor(pid);
}

static int
viol(char *s)
{
	return strcmp(s, "sys: trap: page ownership violation") == 0;
}

static void
onalarm(void *u, char *note)
{
	USED(u);
	noted(strcmp(note, "alarm") == 0 ? NCONT : NDFLT);
}

/* read one byte, giving up after 10 s (a partner that died early) */
static int
await1(int fd)
{
	char c;
	int n;

	alarm(10000);
	n = read(fd, &c, 1);
	alarm(0);
	return n == 1;
}

static void
testmove(void)
{
	uchar *p, *q;
	int r, sdr, mode, i;
	long n;
	char *s;

	check(pipe(fds) == 0, "pipe");
	r = rfork(RFPROC|RFFDG);
	if(r == 0){
		n = pgrecv(fds[1], (void**)&q, 1<<20, &mode);
		if(n != 4*PG || mode != PGMOVE)
			exits("recv");
		for(i = 0; i < 4*PG; i++)
			if(q[i] != 0x5a)
				exits("contents");
		q[0] = 1;	/* the receiver owns it now */
		exits(nil);
	}
	sdr = rfork(RFPROC|RFFDG);
	if(sdr == 0){
		p = pages(4, 0x5a);
		if(pgsend(fds[0], p, 4*PG, PGMOVE) < 0)
			exits(lasterr());
		if(pgsend(fds[0], p, 4*PG, PGMOVE) >= 0 || strstr(lasterr(), "not owned") == nil)
			exits("double move");
		print("%d\n", p[0]);	/* must not return */
		exits("read a moved page");
	}
	s = waitfor(sdr);
	check(viol(s), "sender after move: %s", s);
	s = waitfor(r);
	check(*s == 0, "move receiver: %s", s);
	close(fds[0]);
	close(fds[1]);
}

static void
testlend(void)
{
	uchar *p, *q;
	int b, o, mode, sync[2];
	long n;
	char *s;

	/* shared: the owner reads, cannot write; the borrower keeps it after the owner dies */
	check(pipe(fds) == 0 && pipe(sync) == 0, "pipe");
	b = rfork(RFPROC|RFFDG);
	if(b == 0){
		n = pgrecv(fds[1], (void**)&q, 1<<20, &mode);
		if(n != 2*PG || mode != PGLEND || q[PG] != 0x33)
			exits("recv");
		if(pgreturn(q+PG) >= 0)
			exits("returned a range it does not start");
		write(sync[1], "r", 1);
		if(!await1(sync[1]))
			exits("no go-ahead");
		if(q[0] != 0x33)
			exits("data changed");
		if(pgreturn(q) < 0)
			exits(lasterr());
		exits(nil);
	}
	o = rfork(RFPROC|RFFDG);
	if(o == 0){
		p = pages(2, 0x33);
		if(pgsend(fds[0], p, 2*PG, PGLEND) < 0)
			exits(lasterr());
		if(p[0] != 0x33)
			exits("owner cannot read");
		if(pgreturn(p) >= 0 || strstr(lasterr(), "not a borrowed range") == nil)
			exits("owner returned");
		if(pgsend(fds[0], p, 2*PG, PGMOVE) >= 0 || strstr(lasterr(), "lent") == nil)
			exits("moved a lent range");
		p[0] = 1;	/* must not return */
		exits("wrote a lent page");
	}
	s = waitfor(o);
	check(viol(s), "owner write to a lent page: %s", s);
	check(await1(sync[0]), "borrower not ready");
	write(sync[0], "g", 1);
	s = waitfor(b);
	check(*s == 0, "borrower of a dead lender: %s", s);

	/* a borrower writing a shared page */
	p = pages(1, 9);
	b = rfork(RFPROC|RFFDG);
	if(b == 0){
		if(pgrecv(fds[1], (void**)&q, 1<<20, &mode) != PG)
			exits("recv");
		q[0] = 1;
		exits("wrote a borrowed shared page");
	}
	check(pgsend(fds[0], p, PG, PGLEND) == 0, "lend: %r");
	s = waitfor(b);
	check(viol(s), "borrower write: %s", s);
	p[0] = 10;	/* the dead borrower gave it back */
	check(p[0] == 10, "owner write after the borrower died");

	/* mutable: the owner loses all access; the borrower's writes land in the owner's frames */
	p = pages(2, 0);
	b = rfork(RFPROC|RFFDG);
	if(b == 0){
		if(pgrecv(fds[1], (void**)&q, 1<<20, &mode) != 2*PG || mode != PGLENDMUT)
			exits("recv mut");
		q[5] = 0x77;
		write(sync[1], "r", 1);
		await1(sync[1]);
		exits(nil);	/* without returning: exit returns it */
	}
	check(pgsend(fds[0], p, 2*PG, PGLENDMUT) == 0, "lend mutable: %r");
	check(await1(sync[0]), "mutable borrower not ready");
	s = trap(touchread, p);
	check(viol(s), "owner's read of a mutably lent page: %s", s);
	write(sync[0], "g", 1);
	s = waitfor(b);
	check(*s == 0, "mutable borrower: %s", s);
	check(p[5] == 0x77, "the borrower's write is not in the owner's page");
	close(fds[0]);
	close(fds[1]);
	close(sync[0]);
	close(sync[1]);
}

static void
testrefuse(void)
{
	uchar *p, *q;
	int pid, mode;
	char *s;

	p = pages(8, 1);
	check(pipe(fds) == 0, "pipe");
	/* too large for the receiver */
	pid = rfork(RFPROC|RFFDG);
	if(pid == 0){
		if(pgrecv(fds[1], (void**)&q, PG, &mode) >= 0)
			exits("took a range larger than asked");
		exits(nil);
	}
	check(pgsend(fds[0], p, 8*PG, PGMOVE) < 0 && strstr(lasterr(), "refused"), "oversized: %s", lasterr());
	s = waitfor(pid);
	check(*s == 0, "refusing receiver: %s", s);
	check(p[0] == 1, "refused pages changed");
	/* the receiver goes away without taking it */
	pid = rfork(RFPROC|RFFDG);
	if(pid == 0){
		close(fds[1]);
		close(fds[0]);
		exits(nil);
	}
	waitfor(pid);
	close(fds[1]);
	check(pgsend(fds[0], p, PG, PGLEND) < 0 && strstr(lasterr(), "refused"), "closed receiver: %s", lasterr());
	close(fds[0]);
	/* not owned: unmapped, unaligned, text, borrowed */
	check(pipe(fds) == 0, "pipe");
	check(pgsend(fds[0], (void*)0x7000000000ULL, PG, PGMOVE) < 0 && strstr(lasterr(), "not owned"), "unmapped: %s", lasterr());
	check(pgsend(fds[0], p+1, PG, PGMOVE) < 0, "unaligned");
	check(pgsend(fds[0], p + 7*PG, 2*PG, PGLEND) < 0 && strstr(lasterr(), "not owned"), "past the break: %s", lasterr());
	check(pgsend(fds[0], p, PG, 9) < 0, "bad mode");
	check(pgsend(0, p, PG, PGMOVE) < 0, "not a pipe");
	close(fds[0]);
	close(fds[1]);
}

static void
testlenderdies(void)
{
	uchar *q;
	int pid, mode;
	long before;
	char *s;
	char name[64], buf[512];
	int fd, n;

	before = freepages();
	check(pipe(fds) == 0, "pipe");
	pid = rfork(RFPROC|RFFDG);
	if(pid == 0){
		uchar *p = pages(3, 0x42);
		pgsend(fds[0], p, 3*PG, PGLEND);
		exits(nil);	/* dies while lending */
	}
	check(pgrecv(fds[1], (void**)&q, 1<<20, &mode) == 3*PG, "recv: %r");
	snprint(name, sizeof name, "/proc/%d/pages", getpid());
	fd = open(name, OREAD);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	check(strstr(buf, "borrowed") != nil, "/proc/N/pages: %s", buf);
	s = waitfor(pid);
	check(*s == 0, "lender: %s", s);
	check(q[2*PG] == 0x42, "borrowed data gone with the lender");
	check(pgreturn(q) == 0, "return to a dead lender: %r");
	close(fds[0]);
	close(fds[1]);
	/* 3 pages: the tables for the receive area; the frames are back */
	check(freepages() >= before - 3, "frames of a dead lender: %ld -> %ld", before, freepages());
}

/* many processes pass random ranges around a ring of pipes */
static void
stress(void)
{
	int ring[4][2], i, j, k, pid, mode, n;
	uchar *p, *q;
	char *s;
	uvlong r;

	for(i = 0; i < 4; i++)
		check(pipe(ring[i]) == 0, "pipe");
	for(i = 0; i < 4; i++){
		pid = rfork(RFPROC|RFFDG);
		if(pid == 0){
			r = 0x1234567 * (i+1);
			for(j = 0; j < 200; j++){
				r = r * 6364136223846793005ULL + 1;
				n = 1 + (r >> 33) % 16;
				k = (r >> 40) % 3;
				if(i % 2 == 0){
					p = pages(n, j);
					if(pgsend(ring[i][0], p, n*PG, k) < 0)
						exits(lasterr());

				}else{
					if(pgrecv(ring[i-1][1], (void**)&q, 1<<20, &mode) < 0)
						exits(lasterr());
					if(q[0] != (uchar)j)
						exits("data");
					if(mode != PGMOVE && pgreturn(q) < 0)
						exits(lasterr());
				}
			}
			exits(nil);
		}
	}
	for(i = 0; i < 4; i++)
		close(ring[i][0]), close(ring[i][1]);
	for(i = 0; i < 4; i++){
		s = nil;
		n = await(errs = malloc(ERRMAX+64), ERRMAX+64);
		if(n > 0){
			errs[n] = 0;
			s = strrchr(errs, ' ');
		}
		USED(s);
		free(errs);
	}
}

static void
all(void *a)
{
	USED(a);
	notify(onalarm);
	testmove();
	testlend();
	testrefuse();
	testlenderdies();
	stress();
	exits(nfail ? "failed" : nil);
}

void
main(void)
{
	long before, after;
	char *s;

	before = freepages();
	s = inchild(all, nil);
	check(*s == 0, "%s", s);
	after = freepages();
	check(after == before, "free pages %ld at the start, %ld at the end", before, after);
	done();
}
