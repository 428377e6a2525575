/*
 * Unit tests of the 9P2000 codec (lib/9p/fcall.c): every message packs
 * and unpacks back to the same bytes; truncated, oversized and
 * malformed messages are refused.  Prints PASS:/FAIL: lines.
 * With -seeds DIR it also writes each packed message as a file there,
 * the fuzzer's starting corpus.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "9p.h"

enum { Bufsz = 70000 };

static int failed;
static const char *seeddir;
static int nseed;

static void
check(int ok, const char *name)
{
	printf("%s: 9p-codec-%s\n", ok ? "PASS" : "FAIL", name);
	if(!ok)
		failed++;
}

static void
seed(const uint8_t *buf, uint32_t n)
{
	char path[512];
	FILE *f;

	if(seeddir == NULL)
		return;
	snprintf(path, sizeof path, "%s/seed%03d", seeddir, nseed++);
	f = fopen(path, "wb");
	if(f == NULL)
		return;
	fwrite(buf, 1, n, f);
	fclose(f);
}

static uint8_t statbuf[256];
static uint8_t data[] = "some file data\0with a NUL";

static Fcall *
messages(int *np)
{
	static Fcall m[48];
	static char *names[MAXWELEM];
	Dir d;
	int n, i;

	memset(m, 0, sizeof m);
	n = 0;
	for(i = 0; i < MAXWELEM; i++)
		names[i] = i % 2 ? "usr" : "a-longer-name";
	d.type = 'M';
	d.dev = 7;
	d.qid = (Qid){0x0102030405060708ull, 0x090a0b0c, QTFILE};
	d.mode = DMAPPEND|0644;
	d.atime = 1700000000;
	d.mtime = 1700000001;
	d.length = 0x1122334455ull;
	d.name = "file";
	d.uid = "glenda";
	d.gid = "sys";
	d.muid = "";

	m[n++] = (Fcall){.type = Tversion, .tag = NOTAG, .msize = 8216, .version = "9P2000"};
	m[n++] = (Fcall){.type = Rversion, .tag = NOTAG, .msize = 8192, .version = "9P2000"};
	m[n++] = (Fcall){.type = Tauth, .tag = 1, .afid = 5, .uname = "glenda", .aname = ""};
	m[n++] = (Fcall){.type = Rauth, .tag = 1, .qid = {9, 1, QTAUTH}};
	m[n++] = (Fcall){.type = Tattach, .tag = 2, .fid = 1, .afid = NOFID, .uname = "glenda", .aname = "/"};
	m[n++] = (Fcall){.type = Rattach, .tag = 2, .qid = {0, 0, QTDIR}};
	m[n++] = (Fcall){.type = Rerror, .tag = 3, .ename = "file does not exist"};
	m[n++] = (Fcall){.type = Tflush, .tag = 4, .oldtag = 3};
	m[n++] = (Fcall){.type = Rflush, .tag = 4};
	m[n] = (Fcall){.type = Twalk, .tag = 5, .fid = 1, .newfid = 2, .nwname = MAXWELEM};
	memcpy(m[n++].wname, names, sizeof names);
	m[n++] = (Fcall){.type = Twalk, .tag = 5, .fid = 1, .newfid = 1, .nwname = 0};
	m[n] = (Fcall){.type = Rwalk, .tag = 5, .nwqid = MAXWELEM};
	for(i = 0; i < MAXWELEM; i++)
		m[n].wqid[i] = (Qid){i * 1000003ull, i, i ? QTDIR : QTFILE};
	n++;
	m[n++] = (Fcall){.type = Topen, .tag = 6, .fid = 2, .mode = ORDWR|OTRUNC};
	m[n++] = (Fcall){.type = Ropen, .tag = 6, .qid = {77, 3, QTAPPEND}, .iounit = 8192};
	m[n++] = (Fcall){.type = Tcreate, .tag = 7, .fid = 2, .name = "new", .perm = DMDIR|0755, .mode = OREAD};
	m[n++] = (Fcall){.type = Rcreate, .tag = 7, .qid = {78, 0, QTDIR}, .iounit = 0};
	m[n++] = (Fcall){.type = Tread, .tag = 8, .fid = 2, .offset = 1ull<<40, .count = 8192};
	m[n++] = (Fcall){.type = Rread, .tag = 8, .count = sizeof data, .data = data};
	m[n++] = (Fcall){.type = Rread, .tag = 8, .count = 0, .data = NULL};
	m[n++] = (Fcall){.type = Twrite, .tag = 9, .fid = 2, .offset = 12, .count = sizeof data, .data = data};
	m[n++] = (Fcall){.type = Rwrite, .tag = 9, .count = sizeof data};
	m[n++] = (Fcall){.type = Tclunk, .tag = 10, .fid = 2};
	m[n++] = (Fcall){.type = Rclunk, .tag = 10};
	m[n++] = (Fcall){.type = Tremove, .tag = 11, .fid = 3};
	m[n++] = (Fcall){.type = Rremove, .tag = 11};
	m[n++] = (Fcall){.type = Tstat, .tag = 12, .fid = 4};
	m[n++] = (Fcall){.type = Rstat, .tag = 12, .nstat = dirpack(&d, statbuf, sizeof statbuf), .stat = statbuf};
	m[n++] = (Fcall){.type = Twstat, .tag = 13, .fid = 4, .nstat = dirpack(&d, statbuf, sizeof statbuf), .stat = statbuf};
	m[n++] = (Fcall){.type = Rwstat, .tag = 13};
	/* 9P2000.x: data after npages exchanged pages */
	m[n++] = (Fcall){.type = Treadpg, .tag = 14, .fid = 2, .offset = 8192, .count = 65536};
	m[n++] = (Fcall){.type = Rreadpg, .tag = 14, .count = 2*XPAGE + sizeof data, .npages = 2, .data = data};
	m[n++] = (Fcall){.type = Rreadpg, .tag = 14, .count = sizeof data, .npages = 0, .data = data};
	m[n++] = (Fcall){.type = Rreadpg, .tag = 14, .count = 16*XPAGE, .npages = 16, .data = NULL};
	m[n++] = (Fcall){.type = Twritepg, .tag = 15, .fid = 2, .offset = 1ull<<33, .count = XPAGE + sizeof data,
		.npages = 1, .data = data};
	m[n++] = (Fcall){.type = Rwritepg, .tag = 15, .count = XPAGE + sizeof data};
	*np = n;
	return m;
}

static const char *tname[] = {
	"Tversion", "Rversion", "Tauth", "Rauth", "Tattach", "Rattach",
	"Terror", "Rerror", "Tflush", "Rflush", "Twalk", "Rwalk", "Topen",
	"Ropen", "Tcreate", "Rcreate", "Tread", "Rread", "Twrite", "Rwrite",
	"Tclunk", "Rclunk", "Tremove", "Rremove", "Tstat", "Rstat", "Twstat",
	"Rwstat", "Treadpg", "Rreadpg", "Twritepg", "Rwritepg",
};

/*
 * Pack, unpack, pack again: the second packing must give the same
 * bytes, which it can only if every field came back.
 */
static void
roundtrips(void)
{
	static uint8_t a[Bufsz], b[Bufsz], c[Bufsz];
	Fcall *m, u;
	uint32_t n, k, bad;
	int nm, i, ok;
	char name[64];

	m = messages(&nm);
	for(i = 0; i < nm; i++){
		n = fcallpack(&m[i], a, sizeof a);
		ok = n != 0 && n == fcallsize(&m[i]) && fcallpeeksize(a) == n;
		memcpy(b, a, n);
		ok = ok && fcallunpack(b, n, &u) == n && u.type == m[i].type && u.tag == m[i].tag;
		ok = ok && fcallpack(&u, c, sizeof c) == n && memcmp(a, c, n) == 0;
		snprintf(name, sizeof name, "roundtrip-%s-%d", tname[m[i].type - Tversion], i);
		check(ok, name);
		seed(a, n);

		/* every proper prefix is refused, whatever its size field says */
		bad = 0;
		for(k = 0; k < n; k++){
			memcpy(b, a, n);
			if(fcallunpack(b, k, &u) != 0)
				bad++;
			if(k >= 4){
				b[0] = k; b[1] = k>>8; b[2] = k>>16; b[3] = k>>24;
				if(fcallunpack(b, k, &u) != 0)
					bad++;
			}
		}
		snprintf(name, sizeof name, "truncated-%s-%d", tname[m[i].type - Tversion], i);
		check(bad == 0, name);

		/* a size field beyond the bytes, or bytes beyond the fields */
		memcpy(b, a, n);
		b[n] = 0;
		b[0] = n+1; b[1] = (n+1)>>8;
		ok = fcallunpack(b, n, &u) == 0 && fcallunpack(b, n+1, &u) == 0;
		snprintf(name, sizeof name, "oversized-%s-%d", tname[m[i].type - Tversion], i);
		check(ok, name);

		/* a buffer one byte short will not take it */
		snprintf(name, sizeof name, "pack-too-small-%s-%d", tname[m[i].type - Tversion], i);
		check(fcallpack(&m[i], c, n-1) == 0, name);
	}
}

static void
fields(void)
{
	static uint8_t a[Bufsz];
	Fcall f, u;
	uint32_t n;

	f = (Fcall){.type = Twalk, .tag = 7, .fid = 3, .newfid = 4, .nwname = 2,
		.wname = {"usr", "glenda"}};
	n = fcallpack(&f, a, sizeof a);
	check(n == 7+4+4+2+5+8 && fcallunpack(a, n, &u) == n && u.fid == 3 &&
		u.newfid == 4 && u.nwname == 2 && strcmp(u.wname[0], "usr") == 0 &&
		strcmp(u.wname[1], "glenda") == 0, "twalk-fields");

	f = (Fcall){.type = Twrite, .tag = 1, .fid = 9, .offset = 0xfedcba9876543210ull,
		.count = 5, .data = (uint8_t*)"hello"};
	n = fcallpack(&f, a, sizeof a);
	check(n == 23+5 && fcallunpack(a, n, &u) == n && u.offset == f.offset &&
		u.count == 5 && memcmp(u.data, "hello", 5) == 0, "twrite-fields");

	/* little-endian on the wire */
	f = (Fcall){.type = Tclunk, .tag = 0x0102, .fid = 0x03040506};
	n = fcallpack(&f, a, sizeof a);
	check(n == 11 && memcmp(a, "\x0b\0\0\0\x78\x02\x01\x06\x05\x04\x03", 11) == 0,
		"wire-layout");
}

static void
malformed(void)
{
	static uint8_t a[Bufsz];
	static char big[70000];
	Fcall f, u;
	uint32_t n;
	char *names[MAXWELEM+1];
	int i;

	/* a string whose length runs past the message */
	f = (Fcall){.type = Tattach, .tag = 1, .fid = 1, .afid = NOFID, .uname = "glenda", .aname = ""};
	n = fcallpack(&f, a, sizeof a);
	a[15] = 200;		/* uname's length */
	check(fcallunpack(a, n, &u) == 0, "bad-string-length");

	/* a NUL inside a string */
	n = fcallpack(&f, a, sizeof a);
	a[19] = 0;
	check(fcallunpack(a, n, &u) == 0, "nul-in-string");

	/* more than MAXWELEM names, either way */
	for(i = 0; i <= MAXWELEM; i++)
		names[i] = "x";
	f = (Fcall){.type = Twalk, .tag = 1, .fid = 1, .newfid = 2, .nwname = MAXWELEM};
	memcpy(f.wname, names, sizeof f.wname);
	n = fcallpack(&f, a, sizeof a);
	/* append a 17th name and fix up the counts */
	a[n] = 1; a[n+1] = 0; a[n+2] = 'x';
	n += 3;
	a[0] = n; a[1] = n>>8;
	a[15] = MAXWELEM+1;
	check(fcallunpack(a, n, &u) == 0, "twalk-17-names");
	f.nwname = MAXWELEM+1;
	check(fcallpack(&f, a, sizeof a) == 0 && fcallsize(&f) == 0, "pack-twalk-17-names");
	f = (Fcall){.type = Rwalk, .tag = 1, .nwqid = MAXWELEM+1};
	check(fcallpack(&f, a, sizeof a) == 0, "pack-rwalk-17-qids");
	f.nwqid = MAXWELEM;
	n = fcallpack(&f, a, sizeof a);
	memset(a+n, 0, QIDSZ);
	n += QIDSZ;
	a[0] = n; a[1] = n>>8;
	a[7] = MAXWELEM+1;
	check(fcallunpack(a, n, &u) == 0, "rwalk-17-qids");

	/* a count beyond the bytes that follow (and beyond any msize) */
	f = (Fcall){.type = Twrite, .tag = 1, .fid = 1, .count = 4, .data = (uint8_t*)"abcd"};
	n = fcallpack(&f, a, sizeof a);
	a[19] = 0xff; a[20] = 0xff; a[21] = 0xff; a[22] = 0x7f;
	check(fcallunpack(a, n, &u) == 0, "twrite-count-beyond-message");
	f = (Fcall){.type = Rread, .tag = 1, .count = 4, .data = (uint8_t*)"abcd"};
	n = fcallpack(&f, a, sizeof a);
	a[7] = 5;
	check(fcallunpack(a, n, &u) == 0, "rread-count-beyond-message");

	/* 9P2000.x: more pages than the count holds, and the bytes after them wrong */
	f = (Fcall){.type = Rreadpg, .tag = 1, .count = XPAGE + 4, .npages = 2, .data = (uint8_t*)"abcd"};
	check(fcallpack(&f, a, sizeof a) == 0 && fcallsize(&f) == 0, "pack-rreadpg-pages-beyond-count");
	f.npages = 1;
	n = fcallpack(&f, a, sizeof a);
	check(n == MSGHDRSZ + 8 + 4, "pack-rreadpg");
	a[11] = 2;	/* npages */
	check(fcallunpack(a, n, &u) == 0, "rreadpg-pages-beyond-count");
	n = fcallpack(&f, a, sizeof a);
	a[7] = 3;	/* count: one byte fewer follows */
	check(fcallunpack(a, n, &u) == 0, "rreadpg-count-beyond-message");
	f = (Fcall){.type = Twritepg, .tag = 1, .fid = 1, .count = 3*XPAGE, .npages = 3};
	n = fcallpack(&f, a, sizeof a);
	check(n == MSGHDRSZ + 4 + 8 + 4 + 4 && fcallunpack(a, n, &u) == n && u.npages == 3 &&
		u.count == 3*XPAGE, "twritepg-pages-only");
	a[23] = 0xff; a[24] = 0xff; a[25] = 0xff; a[26] = 0xff;	/* npages */
	check(fcallunpack(a, n, &u) == 0, "twritepg-npages-4g");

	/* size fields that cannot be */
	memset(a, 0, 16);
	a[0] = 6;
	a[4] = Tclunk;
	check(fcallunpack(a, 16, &u) == 0, "size-below-header");
	a[0] = 0xff; a[1] = 0xff; a[2] = 0xff; a[3] = 0xff;
	check(fcallunpack(a, 16, &u) == 0, "size-4g");

	/* types that are not 9P2000 messages */
	f = (Fcall){.type = Tclunk, .tag = 1, .fid = 1};
	n = fcallpack(&f, a, sizeof a);
	a[4] = Terror;
	check(fcallunpack(a, n, &u) == 0, "type-terror");
	a[4] = 99;
	check(fcallunpack(a, n, &u) == 0, "type-unknown");
	f.type = Terror;
	check(fcallpack(&f, a, sizeof a) == 0, "pack-terror");

	/* Rstat: n[2] must agree with the entry's own size[2] */
	f = (Fcall){.type = Rstat, .tag = 1, .nstat = messages(&i)[26].nstat, .stat = statbuf};
	n = fcallpack(&f, a, sizeof a);
	a[9]++;
	check(fcallunpack(a, n, &u) == 0, "rstat-size-mismatch");
	f.nstat = 10;
	n = fcallpack(&f, a, sizeof a);
	check(fcallunpack(a, n, &u) == 0, "rstat-too-short");

	/* a string too long for its two-byte length */
	memset(big, 'a', sizeof big - 1);
	f = (Fcall){.type = Rerror, .tag = 1, .ename = big};
	check(fcallpack(&f, a, sizeof a) == 0, "pack-string-too-long");
}

static void
dirs(void)
{
	static uint8_t a[1024], b[1024], c[1024];
	Dir d, u;
	uint32_t n, k, bad;

	d = (Dir){.type = 1, .dev = 2, .qid = {3, 4, QTDIR}, .mode = DMDIR|0755,
		.atime = 5, .mtime = 6, .length = 7, .name = "dir", .uid = "u",
		.gid = "g", .muid = "m"};
	n = dirpack(&d, a, sizeof a);
	check(n == STATFIXLEN + 6 && n == dirsize(&d) && a[0] + 2 == n, "dir-size");
	memcpy(b, a, n);
	check(dirunpack(b, n, &u) == n && u.mode == d.mode && u.qid.path == 3 &&
		u.length == 7 && strcmp(u.name, "dir") == 0 && strcmp(u.muid, "m") == 0 &&
		dirpack(&u, c, sizeof c) == n && memcmp(a, c, n) == 0, "dir-roundtrip");
	bad = 0;
	for(k = 0; k < n; k++){
		memcpy(b, a, n);
		if(dirunpack(b, k, &u) != 0)
			bad++;
	}
	check(bad == 0, "dir-truncated");
	memcpy(b, a, n);
	b[STATFIXLEN - 8] = 100;	/* name's length runs past the entry */
	check(dirunpack(b, n, &u) == 0, "dir-bad-string");
	memcpy(b, a, n);
	b[0]--;				/* the strings overrun the size */
	check(dirunpack(b, n, &u) == 0, "dir-size-short");
	check(dirpack(&d, a, n-1) == 0, "dir-pack-too-small");

	/* a directory read: several entries back to back */
	k = dirpack(&d, a, sizeof a);
	d.name = "second";
	k += dirpack(&d, a+k, sizeof a - k);
	n = dirunpack(a, k, &u);
	check(n != 0 && strcmp(u.name, "dir") == 0 && dirunpack(a+n, k-n, &u) == k-n &&
		strcmp(u.name, "second") == 0, "dir-read-entries");

	dirnull(&u);
	check(u.mode == 0xffffffffu && u.length == ~0ull && u.name[0] == 0 &&
		dirpack(&u, a, sizeof a) == STATFIXLEN, "dirnull");
}

int
main(int argc, char **argv)
{
	if(argc == 3 && strcmp(argv[1], "-seeds") == 0)
		seeddir = argv[2];
	else if(argc != 1){
		fprintf(stderr, "usage: 9pcodec-test [-seeds dir]\n");
		return 2;
	}
	roundtrips();
	fields();
	malformed();
	dirs();
	return failed != 0;
}
