/*
 * libFuzzer target for lib/9p.  Each input is tried three ways: as one
 * message for the codec (which must either refuse it or give back the
 * same bytes when it packs what it unpacked), as one stat entry, and
 * as a stream of messages to a ramfs behind the server library, after
 * a Tversion and a Tattach so that the messages reach the file tree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "9psrv.h"
#include "ramfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t
clock0(void)
{
	return 0;
}

static long
discard(Srv *s, const void *buf, long n)
{
	(void)s;
	(void)buf;
	return n;
}

static void
codec(const uint8_t *data, uint32_t n)
{
	uint8_t *a, *b;
	Fcall f;
	Dir d;
	uint32_t m;

	a = malloc(n + 1);
	b = malloc(n + 1);
	if(a == NULL || b == NULL)
		abort();
	memcpy(a, data, n);
	m = fcallunpack(a, n, &f);
	if(m != 0){
		/* unpacking turned the strings to C strings: repacking restores them */
		memcpy(a, data, n);
		fcallunpack(a, n, &f);
		if(fcallsize(&f) != m || fcallpack(&f, b, n) != m || memcmp(b, data, m) != 0)
			abort();
	}
	memcpy(a, data, n);
	m = dirunpack(a, n, &d);
	if(m != 0 && (dirsize(&d) != m || dirpack(&d, b, n) != m || memcmp(b, data, m) != 0))
		abort();
	free(a);
	free(b);
}

static void
server(const uint8_t *data, uint32_t n)
{
	static uint8_t buf[256];
	Srv s;
	Ramfs *fs;
	Fcall t;
	uint32_t m;

	memset(&s, 0, sizeof s);
	fs = ramfsnew("glenda", clock0);
	if(fs == NULL)
		abort();
	fs->maxfile = 1<<20;
	ramfssrv(&s, fs);
	s.writefn = discard;
	s.msize = 4096 + IOHDRSZ;
	t = (Fcall){.type = Tversion, .tag = NOTAG, .msize = 4096 + IOHDRSZ, .version = "9P2000"};
	srvmsg(&s, buf, fcallpack(&t, buf, sizeof buf));
	t = (Fcall){.type = Tattach, .tag = 1, .fid = 0, .afid = NOFID, .uname = "glenda", .aname = ""};
	srvmsg(&s, buf, fcallpack(&t, buf, sizeof buf));
	while(n >= MSGHDRSZ && !s.dead){
		m = fcallpeeksize(data);
		if(m < MSGHDRSZ || m > n)
			break;
		srvmsg(&s, (uint8_t*)data, m);
		data += m;
		n -= m;
	}
	srvreset(&s);
	ramfsfree(fs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if(size > 1<<16)
		return 0;
	codec(data, size);
	server(data, size);
	return 0;
}
