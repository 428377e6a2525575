/*
 * Host benchmark of lib/9p: the codec alone, and whole requests through
 * the server library into ramfs (srvmsg in process, no transport), so
 * the figures are the library's own cost.  Each figure is the median of
 * seven runs.  It reports; nothing here passes or fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "9psrv.h"
#include "ramfs.h"

enum { Runs = 7, Msize = 8192 + IOHDRSZ };

static Srv srv;
static uint8_t msg[Msize];
static uint8_t filedata[Msize];

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double*)a, y = *(const double*)b;

	return x < y ? -1 : x > y;
}

static long
discard(Srv *s, const void *buf, long n)
{
	(void)s;
	(void)buf;
	return n;
}

static uint32_t
clock0(void)
{
	return 0;
}

static void
send(Fcall *t)
{
	srvmsg(&srv, msg, fcallpack(t, msg, sizeof msg));
}

/* Median over Runs of the seconds per operation of fn(n). */
static double
measure(void (*fn)(long), long n)
{
	double t[Runs], t0;
	int i;

	for(i = 0; i < Runs; i++){
		t0 = now();
		fn(n);
		t[i] = (now() - t0) / n;
	}
	qsort(t, Runs, sizeof t[0], cmpd);
	return t[Runs/2];
}

static void
codec(long n)
{
	static uint8_t buf[256], copy[256];
	Fcall f = {.type = Twalk, .tag = 1, .fid = 1, .newfid = 2, .nwname = 3,
		.wname = {"usr", "glenda", "lib"}}, u;
	uint32_t m;

	while(n-- > 0){
		m = fcallpack(&f, buf, sizeof buf);
		memcpy(copy, buf, m);
		if(fcallunpack(copy, m, &u) != m)
			abort();
	}
}

static void
walkclunk(long n)
{
	Fcall w = {.type = Twalk, .tag = 1, .fid = 1, .newfid = 2, .nwname = 1, .wname = {"big"}};
	Fcall c = {.type = Tclunk, .tag = 1, .fid = 2};

	while(n-- > 0){
		send(&w);
		send(&c);
	}
}

static void
read8k(long n)
{
	Fcall r = {.type = Tread, .tag = 1, .fid = 3, .count = 8192};

	while(n-- > 0){
		r.offset = (uint64_t)(n % 128) * 8192;
		send(&r);
	}
}

static void
write8k(long n)
{
	Fcall w = {.type = Twrite, .tag = 1, .fid = 3, .count = 8192, .data = filedata};

	while(n-- > 0){
		w.offset = (uint64_t)(n % 128) * 8192;
		send(&w);
	}
}

int
main(void)
{
	Fcall t;
	double t8;

	srv.writefn = discard;
	srv.msize = Msize;
	ramfssrv(&srv, ramfsnew("glenda", clock0));
	t = (Fcall){.type = Tversion, .tag = NOTAG, .msize = Msize, .version = "9P2000"};
	send(&t);
	t = (Fcall){.type = Tattach, .tag = 1, .fid = 1, .afid = NOFID, .uname = "glenda", .aname = ""};
	send(&t);
	t = (Fcall){.type = Twalk, .tag = 1, .fid = 1, .newfid = 3};
	send(&t);
	t = (Fcall){.type = Tcreate, .tag = 1, .fid = 3, .name = "big", .perm = 0666, .mode = ORDWR};
	send(&t);
	write8k(128);

	printf("9p codec: pack+unpack Twalk of 3 names   %8.0f ns\n", measure(codec, 1000000) * 1e9);
	printf("9p srv: Twalk+Tclunk into ramfs          %8.0f ns\n", measure(walkclunk, 200000) * 1e9);
	t8 = measure(read8k, 100000);
	printf("9p srv: Tread 8 KiB from ramfs           %8.0f ns (%.0f MB/s)\n",
		t8 * 1e9, 8192 / t8 / 1e6);
	printf("9p srv: Twrite 8 KiB to ramfs            %8.0f ns\n", measure(write8k, 100000) * 1e9);
	srvreset(&srv);
	ramfsfree(srv.aux);
	return 0;
}
