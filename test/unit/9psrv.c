/*
 * Unit tests of the lib/9p server library with ramfs behind it, driven
 * by hand-built T-messages through srvmsg (and srvrun over an in-memory
 * transport).  Prints PASS:/FAIL: lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "9psrv.h"
#include "ramfs.h"

enum { Msize = 8192 + IOHDRSZ, Outsz = 1<<18 };

static int failed;
static Srv srv;
static uint8_t out[Outsz];
static uint32_t nout;
static uint8_t rep[Outsz];
static uint8_t in[Outsz];
static uint32_t nin, inoff;

static void
check(int ok, const char *name)
{
	printf("%s: 9p-srv-%s\n", ok ? "PASS" : "FAIL", name);
	if(!ok)
		failed++;
}

static long
memwrite(Srv *s, const void *buf, long n)
{
	(void)s;
	if(nout + n > Outsz)
		return -1;
	memcpy(out + nout, buf, n);
	nout += n;
	return n;
}

static long
memread(Srv *s, void *buf, long n)
{
	(void)s;
	if(n > (long)(nin - inoff))
		n = nin - inoff;
	memcpy(buf, in + inoff, n);
	inoff += n;
	return n;
}

static uint32_t
clock0(void)
{
	return 1000;
}

/* Unpack the reply at out[off]; returns its size, 0 if none. */
static uint32_t
reply(uint32_t off, Fcall *r)
{
	uint32_t n;

	if(nout - off < 4)
		return 0;
	n = fcallpeeksize(out + off);
	if(n > nout - off)
		return 0;
	memcpy(rep, out + off, n);
	return fcallunpack(rep, n, r);
}

static void
send(Fcall *t)
{
	static uint8_t buf[Outsz];
	uint32_t n;

	n = fcallpack(t, buf, sizeof buf);
	if(n == 0){
		fprintf(stderr, "cannot pack type %d\n", t->type);
		exit(1);
	}
	srvmsg(&srv, buf, n);
}

/* One T-message, one reply: nil on success, else the error string. */
static char *
rpc(Fcall *t, Fcall *r)
{
	static char err[256];

	if(t->tag == 0)
		t->tag = 1;
	nout = 0;
	send(t);
	if(reply(0, r) == 0 || r->tag != t->tag)
		return "no reply";
	if(r->type == Rerror){
		snprintf(err, sizeof err, "%s", r->ename);
		return err;
	}
	if(r->type != t->type + 1)
		return "wrong reply type";
	return NULL;
}

static int
iserr(char *err, const char *want)
{
	if(err == NULL || strstr(err, want) == NULL){
		fprintf(stderr, "\twanted error '%s', got '%s'\n", want, err ? err : "success");
		return 0;
	}
	return 1;
}

static int
ok(char *err)
{
	if(err != NULL)
		fprintf(stderr, "\tunexpected error '%s'\n", err);
	return err == NULL;
}

static char *
version(uint32_t msize, char *v, Fcall *r)
{
	Fcall t = {.type = Tversion, .tag = NOTAG, .msize = msize, .version = v};

	return rpc(&t, r);
}

static char *
attach(uint32_t fid, char *user)
{
	Fcall t = {.type = Tattach, .fid = fid, .afid = NOFID, .uname = user, .aname = ""}, r;

	return rpc(&t, &r);
}

/* Walk newfid to a /-separated path; *n gets the qids returned. */
static char *
walkn(uint32_t fid, uint32_t newfid, const char *path, int *n)
{
	static char p[256];
	Fcall t = {.type = Twalk, .fid = fid, .newfid = newfid}, r;
	char *s, *e, *err;

	snprintf(p, sizeof p, "%s", path);
	for(s = p; (e = strsep(&s, "/")) != NULL;)
		if(e[0] != 0)
			t.wname[t.nwname++] = e;
	err = rpc(&t, &r);
	if(n != NULL)
		*n = err == NULL ? r.nwqid : -1;
	if(err == NULL && r.nwqid != t.nwname)
		return "short walk";
	return err;
}

static char *simple(int type, uint32_t fid);

static char *
walk(uint32_t fid, uint32_t newfid, const char *path)
{
	return walkn(fid, newfid, path, NULL);
}

/* newfid afresh at path from the root fid 1, whatever it was before */
static char *
at(uint32_t newfid, const char *path)
{
	simple(Tclunk, newfid);
	return walk(1, newfid, path);
}

static char *
open9(uint32_t fid, int mode)
{
	Fcall t = {.type = Topen, .fid = fid, .mode = mode}, r;

	return rpc(&t, &r);
}

static char *
create(uint32_t fid, char *name, uint32_t perm, int mode)
{
	Fcall t = {.type = Tcreate, .fid = fid, .name = name, .perm = perm, .mode = mode}, r;

	return rpc(&t, &r);
}

static char *
write9(uint32_t fid, uint64_t off, const char *s)
{
	Fcall t = {.type = Twrite, .fid = fid, .offset = off, .count = strlen(s),
		.data = (uint8_t*)s}, r;
	char *err;

	err = rpc(&t, &r);
	if(err == NULL && r.count != t.count)
		return "short write";
	return err;
}

/* Read up to count bytes at off into buf (NUL-terminated). */
static char *
read9(uint32_t fid, uint64_t off, uint32_t count, char *buf, uint32_t *n)
{
	Fcall t = {.type = Tread, .fid = fid, .offset = off, .count = count}, r;
	char *err;

	err = rpc(&t, &r);
	if(err == NULL){
		memcpy(buf, r.data, r.count);
		buf[r.count] = 0;
		if(n != NULL)
			*n = r.count;
	}
	return err;
}

static char *
simple(int type, uint32_t fid)
{
	Fcall t = {.type = type, .fid = fid}, r;

	return rpc(&t, &r);
}

static char *
stat9(uint32_t fid, Dir *d)
{
	static uint8_t buf[STATMAX];
	Fcall t = {.type = Tstat, .fid = fid}, r;
	char *err;

	err = rpc(&t, &r);
	if(err != NULL)
		return err;
	memcpy(buf, r.stat, r.nstat);
	if(dirunpack(buf, r.nstat, d) != r.nstat)
		return "bad stat";
	return NULL;
}

static char *
wstat9(uint32_t fid, Dir *d)
{
	static uint8_t buf[STATMAX];
	Fcall t = {.type = Twstat, .fid = fid, .stat = buf}, r;

	t.nstat = dirpack(d, buf, sizeof buf);
	return rpc(&t, &r);
}

static void
newsrv(void)
{
	Ramfs *fs;
	Fcall r;

	srvreset(&srv);
	if(srv.aux != NULL)
		ramfsfree(srv.aux);
	memset(&srv, 0, sizeof srv);
	fs = ramfsnew("glenda", clock0);
	ramfssrv(&srv, fs);
	srv.writefn = memwrite;
	srv.readfn = memread;
	srv.msize = Msize;
	version(Msize, "9P2000", &r);
}

static void
testversion(void)
{
	Fcall r;
	char *err;

	newsrv();
	srvreset(&srv);
	check(iserr(attach(1, "glenda"), "Tversion must come first"), "attach-before-version");
	err = version(1<<20, "9P2000", &r);
	check(ok(err) && r.msize == Msize && strcmp(r.version, "9P2000") == 0, "version-msize-capped");
	err = version(4096, "9P2000", &r);
	check(ok(err) && r.msize == 4096, "version-msize-smaller");
	err = version(Msize, "9P2000.L", &r);
	check(ok(err) && strcmp(r.version, "9P2000") == 0, "version-dialect");
	err = version(Msize, "HTTP/1.1", &r);
	check(ok(err) && strcmp(r.version, "unknown") == 0, "version-unknown");
	check(iserr(version(100, "9P2000", &r), "msize"), "version-msize-too-small");

	newsrv();
	check(ok(attach(1, "glenda")) && ok(walk(1, 2, "")), "attach");
	version(Msize, "9P2000", &r);
	check(iserr(walk(1, 2, ""), "fid unknown"), "version-resets-fids");
}

static void
testattach(void)
{
	Fcall t = {.type = Tattach, .fid = 2, .afid = 7, .uname = "glenda", .aname = ""}, r;

	newsrv();
	check(ok(attach(1, "glenda")), "attach-ok");
	check(iserr(attach(1, "glenda"), "fid already in use"), "attach-fid-in-use");
	check(iserr(rpc(&t, &r), "authentication not required"), "attach-afid");
	t = (Fcall){.type = Tauth, .afid = 7, .uname = "glenda", .aname = ""};
	check(iserr(rpc(&t, &r), "authentication not required"), "auth-refused");
	t = (Fcall){.type = Tattach, .fid = 3, .afid = NOFID, .uname = "glenda", .aname = "other"};
	check(iserr(rpc(&t, &r), "no such tree"), "attach-bad-aname");
	check(iserr(walk(3, 4, ""), "fid unknown"), "attach-failed-no-fid");
}

static void
testwalk(void)
{
	Dir d;
	int n;

	newsrv();
	attach(1, "glenda");
	check(iserr(walk(1, 2, "nonesuch"), "file does not exist"), "walk-missing");
	check(ok(walk(1, 2, "")), "walk-clone");
	check(ok(create(2, "a", DMDIR|0777, OREAD)) && ok(simple(Tclunk, 2)), "mkdir");
	check(iserr(walkn(1, 3, "a/zz/yy", &n), "short walk") && n == 1, "walk-partial");
	check(iserr(simple(Tstat, 3), "fid unknown"), "walk-partial-no-newfid");
	check(iserr(walk(9, 3, "a"), "fid unknown"), "walk-bad-fid");
	at(3, "a");
	check(iserr(walk(1, 3, "a"), "fid already in use"), "walk-newfid-in-use");
	check(ok(walk(3, 3, "..")) && ok(stat9(3, &d)) && d.qid.path == 0, "walk-dotdot");
	check(ok(walk(3, 3, "..")) && ok(stat9(3, &d)) && d.qid.path == 0 &&
		strcmp(d.name, "/") == 0, "walk-dotdot-root");
	check(iserr(walk(3, 3, "."), "bad file name"), "walk-dot");
	at(4, "a");
	create(4, "f", 0666, OWRITE);
	check(iserr(walk(1, 5, "a/f/g"), "short walk"), "walk-through-file");
	at(5, "a/f");
	check(iserr(walk(5, 6, "x"), "walk in a non-directory"), "walk-from-file");
	check(iserr(walk(4, 5, ""), "cannot walk an open fid"), "walk-open-fid");
	check(ok(simple(Tclunk, 4)) && iserr(simple(Tclunk, 4), "fid unknown"), "clunk-twice");
}

static void
testfiles(void)
{
	char buf[Outsz];
	Dir d;
	uint32_t n;

	newsrv();
	attach(1, "glenda");
	at(2, "");
	check(ok(create(2, "f", 0664, ORDWR)), "create-file");
	check(ok(write9(2, 0, "hello, world")) && ok(read9(2, 0, 100, buf, &n)) &&
		strcmp(buf, "hello, world") == 0, "write-read");
	check(ok(read9(2, 7, 3, buf, &n)) && strcmp(buf, "wor") == 0, "read-offset");
	check(ok(read9(2, 100, 10, buf, &n)) && n == 0, "read-past-end");
	check(ok(write9(2, 20, "x")) && ok(read9(2, 0, 100, buf, &n)) && n == 21 &&
		buf[15] == 0, "write-hole-zeroed");
	check(iserr(write9(2, 256<<20, "x"), "file too big"), "write-too-big");
	((Ramfs*)srv.aux)->maxbytes = 64<<10;
	check(iserr(write9(2, 100<<10, "x"), "file system is full") && ok(stat9(2, &d)) &&
		d.length == 21, "write-fs-full");
	((Ramfs*)srv.aux)->maxbytes = 1<<30;
	check(ok(write9(2, 5000, "")) && ok(read9(2, 0, 100, buf, &n)) && n == 21, "write-empty");
	check(ok(stat9(2, &d)) && strcmp(d.name, "f") == 0 && strcmp(d.uid, "glenda") == 0 &&
		strcmp(d.gid, "glenda") == 0 && d.length == 21 && d.mode == 0664 &&
		d.qid.type == QTFILE && d.mtime == 1000, "stat-fields");
	check(iserr(open9(2, OREAD), "fid already open"), "open-twice");
	simple(Tclunk, 2);
	at(2, "");
	check(iserr(create(2, "f", 0666, OWRITE), "file already exists"), "create-exclusive");
	check(iserr(create(2, "a/b", 0666, OWRITE), "bad file name") &&
		iserr(create(2, "..", 0666, OWRITE), "bad file name"), "create-bad-name");
	check(iserr(open9(2, OWRITE), "is a directory") &&
		iserr(open9(2, OREAD|OTRUNC), "is a directory"), "open-dir-for-write");
	check(iserr(open9(2, 0x80), "illegal mode"), "open-bad-mode");
	at(3, "f");
	check(iserr(create(3, "g", 0666, OWRITE), "create in a non-directory"), "create-in-file");
	check(iserr(read9(3, 0, 10, buf, &n), "bad use of fid"), "read-unopened");
	check(iserr(write9(3, 0, "x"), "bad use of fid"), "write-unopened");
	open9(3, OREAD);
	check(iserr(write9(3, 0, "x"), "bad use of fid"), "write-readonly");
	simple(Tclunk, 3);
	at(3, "f");
	check(ok(open9(3, OWRITE|OTRUNC)) && ok(stat9(3, &d)) && d.length == 0 &&
		d.qid.vers > 0, "open-truncate");
	simple(Tclunk, 3);
	check(iserr(simple(Tclunk, 77), "fid unknown") && iserr(simple(Tstat, 77), "fid unknown") &&
		iserr(open9(77, OREAD), "fid unknown"), "bad-fid");
}

static void
testremove(void)
{
	char buf[100];

	newsrv();
	attach(1, "glenda");
	at(2, "");
	create(2, "d", DMDIR|0777, OREAD);
	at(2, "d");
	create(2, "f", 0666, OWRITE);
	at(3, "d");
	check(iserr(simple(Tremove, 3), "directory is not empty"), "remove-nonempty");
	check(iserr(simple(Tstat, 3), "fid unknown"), "remove-clunks-fid");
	at(3, "d/f");
	write9(2, 0, "still here");
	at(4, "d/f");
	open9(4, OREAD);
	check(ok(simple(Tremove, 3)) && iserr(walk(1, 5, "d/f"), "short walk"), "remove-file");
	check(ok(read9(4, 0, 100, buf, NULL)) && strcmp(buf, "still here") == 0, "read-removed");
	simple(Tclunk, 4);
	at(3, "d");
	check(ok(simple(Tremove, 3)), "remove-empty-dir");
	at(3, "");
	check(iserr(simple(Tremove, 3), "cannot remove root"), "remove-root");
	at(3, "");
	create(3, "tmp", 0666, ORDWR|ORCLOSE);
	check(ok(walk(1, 4, "tmp")) && ok(simple(Tclunk, 4)) && ok(simple(Tclunk, 3)) &&
		iserr(walk(1, 4, "tmp"), "does not exist"), "orclose");
}

static void
testwstat(void)
{
	char buf[100];
	Dir d;
	uint32_t n;

	newsrv();
	attach(1, "glenda");
	at(2, "");
	create(2, "a", 0666, OWRITE);
	at(2, "");
	create(2, "b", 0666, OWRITE);
	write9(2, 0, "0123456789");
	at(3, "a");
	dirnull(&d);
	d.name = "b";
	check(iserr(wstat9(3, &d), "file already exists"), "wstat-rename-onto-existing");
	d.name = "c";
	check(ok(wstat9(3, &d)) && iserr(walk(1, 4, "a"), "does not exist") &&
		ok(walk(1, 4, "c")), "wstat-rename");
	d.name = "x/y";
	check(iserr(wstat9(3, &d), "bad file name"), "wstat-rename-bad");
	dirnull(&d);
	d.mode = 0600;
	check(ok(wstat9(3, &d)) && ok(stat9(3, &d)) && d.mode == 0600, "wstat-chmod");
	dirnull(&d);
	d.mode = DMDIR|0777;
	check(iserr(wstat9(3, &d), "convert between files"), "wstat-dir-bit");
	dirnull(&d);
	d.qid.path = 999;
	check(iserr(wstat9(3, &d), "cannot change qid"), "wstat-qid");
	dirnull(&d);
	d.uid = "bob";
	check(iserr(wstat9(3, &d), "owner"), "wstat-uid");
	at(5, "b");
	dirnull(&d);
	d.length = 4;
	check(ok(wstat9(5, &d)) && ok(open9(5, OREAD)) && ok(read9(5, 0, 100, buf, &n)) &&
		n == 4 && memcmp(buf, "0123", 4) == 0, "wstat-truncate");
	d.length = 8;
	check(ok(wstat9(5, &d)) && ok(read9(5, 0, 100, buf, &n)) && n == 8 &&
		buf[4] == 0 && buf[7] == 0, "wstat-extend");
	dirnull(&d);
	d.length = 3;
	d.name = "b";
	d.mode = DMDIR;
	check(iserr(wstat9(5, &d), "convert between files") && ok(stat9(5, &d)) && d.length == 8,
		"wstat-all-or-nothing");
	dirnull(&d);
	check(ok(wstat9(5, &d)), "wstat-nothing");
	at(6, "");
	dirnull(&d);
	d.name = "root";
	check(iserr(wstat9(6, &d), "root"), "wstat-rename-root");
	dirnull(&d);
	d.length = 10;
	check(iserr(wstat9(6, &d), "is a directory"), "wstat-dir-length");
	dirnull(&d);
	d.mtime = 42;
	check(ok(wstat9(5, &d)) && ok(stat9(5, &d)) && d.mtime == 42, "wstat-mtime");
}

static void
testperm(void)
{
	char buf[100];
	Dir d;

	newsrv();
	attach(1, "alice");
	attach(2, "bob");
	attach(3, "glenda");
	at(10, "");
	create(10, "private", 0600, OWRITE);
	write9(10, 0, "secret");
	at(10, "");
	create(10, "grp", 0640, OWRITE);
	at(10, "");
	create(10, "adir", DMDIR|0755, OREAD);
	walk(2, 11, "private");
	check(iserr(open9(11, OREAD), "permission denied"), "perm-other-read");
	walk(2, 12, "grp");
	walk(3, 13, "grp");
	check(iserr(open9(12, OREAD), "permission denied") && ok(open9(13, OREAD)) &&
		ok(simple(Tclunk, 13)), "perm-group");
	walk(3, 13, "grp");
	check(iserr(open9(13, OWRITE), "permission denied"), "perm-group-write");
	at(14, "private");
	check(ok(open9(14, ORDWR)), "perm-owner");
	walk(2, 15, "adir");
	check(iserr(create(15, "x", 0666, OWRITE), "permission denied"), "perm-create");
	walk(2, 22, "private");
	dirnull(&d);
	d.mode = 0666;
	check(iserr(wstat9(22, &d), "not owner"), "perm-chmod-not-owner");
	dirnull(&d);
	d.length = 0;
	check(iserr(wstat9(22, &d), "permission denied"), "perm-truncate");
	at(16, "adir");
	create(16, "f", 0666, OWRITE);
	walk(2, 17, "adir/f");
	check(iserr(simple(Tremove, 17), "permission denied"), "perm-remove");
	at(18, "adir");
	dirnull(&d);
	d.mode = DMDIR|0700;
	wstat9(18, &d);
	check(ok(walk(2, 30, "adir")) && iserr(walk(30, 31, "f"), "permission denied"),
		"perm-walk-search");
	at(19, "adir/f");
	open9(19, OREAD);
	check(ok(read9(19, 0, 10, buf, NULL)), "perm-owner-walk");
	walk(2, 20, "");
	check(ok(create(20, "bobs", 0777, OWRITE)) && ok(stat9(20, &d)) &&
		strcmp(d.uid, "bob") == 0 && strcmp(d.gid, "glenda") == 0 &&
		d.mode == 0777 && strcmp(d.muid, "bob") == 0, "create-owner-group");
	at(21, "adir");
	check(ok(create(21, "masked", 0777, OWRITE)) && ok(stat9(21, &d)) &&
		d.mode == 0711, "create-perm-masked");
}

static void
testmodes(void)
{
	char buf[100];
	uint32_t n;
	Dir d;

	newsrv();
	attach(1, "glenda");
	at(2, "");
	check(ok(create(2, "log", DMAPPEND|0666, OWRITE)) && ok(write9(2, 0, "abc")) &&
		ok(write9(2, 0, "def")), "append-create");
	at(3, "log");
	open9(3, OREAD);
	check(ok(read9(3, 0, 100, buf, &n)) && strcmp(buf, "abcdef") == 0, "append-only");
	check(ok(stat9(3, &d)) && d.qid.type == QTAPPEND && (d.mode & DMAPPEND), "append-qid");
	at(4, "");
	check(ok(create(4, "lock", DMEXCL|0666, ORDWR)), "excl-create");
	at(5, "lock");
	check(iserr(open9(5, OREAD), "exclusive use"), "excl-second-open");
	simple(Tclunk, 4);
	check(ok(open9(5, OREAD)), "excl-after-clunk");
	at(6, "");
	check(ok(create(6, "sub", DMDIR|0777, OREAD)) && ok(stat9(6, &d)) &&
		d.qid.type == QTDIR, "mkdir-qid");
	at(7, "");
	check(iserr(create(7, "bad", DMDIR|0777, OWRITE), "is a directory"), "mkdir-open-write");
}

static void
testdirread(void)
{
	char buf[Outsz], name[32];
	int seen[40], i, bad, total;
	uint32_t n, off, k, used;
	Dir d;
	Fcall t, r;

	newsrv();
	attach(1, "glenda");
	for(i = 0; i < 40; i++){
		walk(1, 2, "");
		snprintf(name, sizeof name, "file%02d", i);
		create(2, name, 0666, OWRITE);
		simple(Tclunk, 2);
	}
	at(2, "");
	open9(2, OREAD);
	memset(seen, 0, sizeof seen);
	bad = total = 0;
	for(off = 0;; off += n){
		if(read9(2, off, 200, buf, &n) != NULL){
			bad++;
			break;
		}
		if(n == 0)
			break;
		for(used = 0; used < n; used += k){
			k = dirunpack((uint8_t*)buf + used, n - used, &d);
			if(k == 0 || sscanf(d.name, "file%d", &i) != 1 || i < 0 || i >= 40){
				bad++;
				break;
			}
			seen[i]++;
			total++;
		}
	}
	for(i = 0; i < 40; i++)
		if(seen[i] != 1)
			bad++;
	check(bad == 0 && total == 40, "dirread-whole-entries");
	check(iserr(read9(2, 5, 200, buf, &n), "bad offset"), "dirread-bad-offset");
	check(ok(read9(2, 0, 8000, buf, &n)) && n > 0, "dirread-restart");
	check(ok(read9(2, 0, 10, buf, &n)) && n == 0 && ok(read9(2, 0, 200, buf, &n)) &&
		n > 0, "dirread-count-too-small");
	check(ok(read9(2, n, 10, buf, &k)) && k == 0 && ok(read9(2, n, 200, buf, &k)) &&
		k > 0 && dirunpack((uint8_t*)buf, k, &d) != 0, "dirread-short-then-resume");
	t = (Fcall){.type = Tread, .tag = 1, .fid = 2, .offset = 0, .count = 1<<30};
	nout = 0;
	send(&t);
	check(reply(0, &r) != 0 && r.type == Rread && fcallpeeksize(out) <= Msize, "read-count-clamped");
}

/* A server whose reads wait, to test tags and flushes. */
static Req *waiting;
static int flushcalls;

static void
slowattach(Req *r)
{
	r->ofcall.qid = (Qid){0, 0, QTDIR};
	srvrespond(r, NULL);
}

static void
slowopen(Req *r)
{
	srvrespond(r, NULL);
}

static void
slowread(Req *r)
{
	waiting = r;
}

static void
slowflush(Req *r)
{
	flushcalls++;
	if(r->oldreq == waiting){
		waiting = NULL;
		srvrespond(r->oldreq, "interrupted");
	}
}

/*
 * 9P2000.x with a pretend exchange: pgoffer records what the server
 * offers, pgtake hands over the pages the test put in client[].
 */
static struct {
	uint16_t tag;
	const uint8_t *va;
	uint32_t len;
	int n;
	int fail;
} offered;
static uint8_t client[4*XPAGE];
static int takefail;
static uint8_t *taken;

static int
fakeoffer(Srv *s, uint16_t tag, const void *va, uint32_t len)
{
	(void)s;
	if(offered.fail)
		return -1;
	offered.tag = tag;
	offered.va = va;
	offered.len = len;
	offered.n++;
	return 0;
}

static int
faketake(Srv *s, uint16_t tag, void *va, uint32_t len)
{
	(void)s;
	(void)tag;
	if(takefail || len > sizeof client || ((uintptr_t)va & (XPAGE-1)) != 0)
		return -1;
	memcpy(va, client, len);
	taken = va;
	return 0;
}

static void
testpages(void)
{
	static uint8_t file[3*XPAGE + 100], got[3*XPAGE + 100];
	Fcall t, r;
	uint32_t i, n;
	int fd;

	for(i = 0; i < sizeof file; i++)
		file[i] = i*13 + (i>>12);
	/* without an exchange, or with -c, 9P2000.x is plain 9P2000 */
	newsrv();
	check(ok(version(Msize, "9P2000.x", &r)) && strcmp(r.version, "9P2000") == 0, "x-without-exchange");
	attach(1, "glenda");
	t = (Fcall){.type = Treadpg, .fid = 1, .count = 100};
	check(iserr(rpc(&t, &r), "malformed"), "x-treadpg-not-agreed");
	srv.pgofferfn = fakeoffer;
	srv.pgtakefn = faketake;
	srv.nopages = 1;
	check(ok(version(Msize, "9P2000.x", &r)) && strcmp(r.version, "9P2000") == 0, "x-nopages");
	srv.nopages = 0;
	check(ok(version(Msize, "9P2000", &r)) && strcmp(r.version, "9P2000") == 0, "x-plain-asked");
	check(ok(version(Msize, "9P2000.x", &r)) && strcmp(r.version, "9P2000.x") == 0, "x-agreed");

	/* a file of three pages and 100 bytes, written the plain way */
	fd = 1;
	attach(fd, "glenda");
	check(ok(create(fd, "f", 0644, ORDWR)), "x-create");
	for(i = 0; i < sizeof file; i += n){
		n = sizeof file - i < 4000 ? sizeof file - i : 4000;
		t = (Fcall){.type = Twrite, .fid = fd, .offset = i, .count = n, .data = file + i};
		check(ok(rpc(&t, &r)) && r.count == n, "x-write");
	}
	/* Treadpg from 0: two whole pages go by exchange (msize 8K), the rest inline */
	offered.n = 0;
	t = (Fcall){.type = Treadpg, .tag = 7, .fid = fd, .offset = 0, .count = Msize - IOHDRSZ};
	check(ok(rpc(&t, &r)) && r.type == Rreadpg && r.npages == 2 && r.count == 2*XPAGE &&
		offered.n == 1 && offered.tag == 7 && offered.len == 2*XPAGE &&
		((uintptr_t)offered.va & (XPAGE-1)) == 0 && memcmp(offered.va, file, 2*XPAGE) == 0,
		"x-readpg-pages");
	t = (Fcall){.type = Treadpg, .tag = 8, .fid = fd, .offset = 2*XPAGE, .count = Msize - IOHDRSZ};
	check(ok(rpc(&t, &r)) && r.npages == 1 && r.count == XPAGE + 100 && offered.n == 2 &&
		memcmp(offered.va, file + 2*XPAGE, XPAGE) == 0 && memcmp(r.data, file + 3*XPAGE, 100) == 0,
		"x-readpg-page-and-tail");
	/* an offset off the file's pages: all inline */
	t = (Fcall){.type = Treadpg, .tag = 9, .fid = fd, .offset = 5, .count = 5000};
	check(ok(rpc(&t, &r)) && r.npages == 0 && r.count == 5000 && offered.n == 2 &&
		memcmp(r.data, file + 5, 5000) == 0, "x-readpg-unaligned");
	/* the offer fails: the bytes come in the message after all */
	offered.fail = 1;
	t = (Fcall){.type = Treadpg, .tag = 10, .fid = fd, .offset = 0, .count = XPAGE + 10};
	check(ok(rpc(&t, &r)) && r.npages == 0 && r.count == XPAGE + 10 &&
		memcmp(r.data, file, XPAGE + 10) == 0, "x-readpg-offer-fails");
	offered.fail = 0;

	/* Twritepg at a page of the file: the pages land in the file itself */
	memset(client, 0x5c, sizeof client);
	t = (Fcall){.type = Twritepg, .tag = 11, .fid = fd, .offset = XPAGE, .count = XPAGE + 3,
		.npages = 1, .data = (uint8_t*)"xyz"};
	taken = NULL;
	check(ok(rpc(&t, &r)) && r.type == Rwritepg && r.count == XPAGE + 3 && taken != NULL,
		"x-writepg");
	memset(file + XPAGE, 0x5c, XPAGE);
	memcpy(file + 2*XPAGE, "xyz", 3);
	t = (Fcall){.type = Treadpg, .tag = 12, .fid = fd, .offset = 0, .count = 2*XPAGE};
	check(ok(rpc(&t, &r)) && r.npages == 2 && offered.va + XPAGE == taken &&
		memcmp(offered.va, file, 2*XPAGE) == 0, "x-writepg-in-place");
	check(ok(read9(fd, 2*XPAGE, 100, (char*)got, &n)) && n == 100 && memcmp(got, file + 2*XPAGE, 100) == 0,
		"x-writepg-tail");
	/* off the file's pages: into the library's buffer, then copied */
	memset(client, 0x3a, sizeof client);
	t = (Fcall){.type = Twritepg, .tag = 13, .fid = fd, .offset = 10, .count = XPAGE, .npages = 1};
	check(ok(rpc(&t, &r)) && r.count == XPAGE && taken != NULL, "x-writepg-unaligned");
	memset(file + 10, 0x3a, XPAGE);
	check(ok(read9(fd, 0, 5000, (char*)got, &n)) && n == 5000 && memcmp(got, file, 5000) == 0,
		"x-writepg-unaligned-data");
	/* pages that cannot be taken fail the write and change nothing */
	takefail = 1;
	t = (Fcall){.type = Twritepg, .tag = 14, .fid = fd, .offset = 0, .count = XPAGE, .npages = 1};
	check(iserr(rpc(&t, &r), "page exchange failed"), "x-writepg-take-fails");
	takefail = 0;
	check(ok(read9(fd, 0, 5000, (char*)got, &n)) && n == 5000 && memcmp(got, file, 5000) == 0,
		"x-writepg-take-fails-data");
	/* more than the msize allows */
	t = (Fcall){.type = Twritepg, .tag = 15, .fid = fd, .offset = 0, .count = 4*XPAGE, .npages = 4};
	check(iserr(rpc(&t, &r), "msize"), "x-writepg-over-msize");
	srv.pgofferfn = NULL;
	srv.pgtakefn = NULL;
}

static void
testflush(void)
{
	Fcall t, r;
	uint32_t k;
	int good;

	srvreset(&srv);
	if(srv.aux != NULL)
		ramfsfree(srv.aux);
	memset(&srv, 0, sizeof srv);
	srv.attach = slowattach;
	srv.open = slowopen;
	srv.read = slowread;
	srv.flush = slowflush;
	srv.writefn = memwrite;
	srv.msize = Msize;
	version(Msize, "9P2000", &r);
	attach(1, "glenda");
	open9(1, OREAD);
	t = (Fcall){.type = Tread, .tag = 5, .fid = 1, .count = 10};
	nout = 0;
	send(&t);
	check(nout == 0 && waiting != NULL, "deferred-read");
	t = (Fcall){.type = Tstat, .tag = 5, .fid = 1};
	check(iserr(rpc(&t, &r), "tag in use"), "tag-in-use");
	t = (Fcall){.type = Tflush, .tag = 9, .oldtag = 77};
	check(ok(rpc(&t, &r)), "flush-unknown-tag");
	t = (Fcall){.type = Tflush, .tag = 6, .oldtag = 5};
	nout = 0;
	send(&t);
	k = reply(0, &r);
	good = k != 0 && r.type == Rerror && r.tag == 5 && strcmp(r.ename, "interrupted") == 0;
	good = good && reply(k, &r) != 0 && r.type == Rflush && r.tag == 6;
	check(good && flushcalls == 1 && waiting == NULL, "flush-order");

	/* a flush of a request the server does not give up waits for it */
	srv.flush = NULL;
	t = (Fcall){.type = Tread, .tag = 7, .fid = 1, .count = 10};
	send(&t);
	t = (Fcall){.type = Tflush, .tag = 8, .oldtag = 7};
	nout = 0;
	send(&t);
	good = nout == 0 && waiting != NULL;
	waiting->ofcall.count = 0;
	srvrespond(waiting, NULL);
	k = reply(0, &r);
	good = good && k != 0 && r.type == Rread && r.tag == 7;
	check(good && reply(k, &r) != 0 && r.type == Rflush && r.tag == 8, "flush-waits");
	srvreset(&srv);
}

static void
testmsgs(void)
{
	static uint8_t buf[Msize + 100], data[Msize];
	Fcall t, r;
	uint32_t n;

	newsrv();
	attach(1, "glenda");
	/* a message larger than msize */
	memset(buf, 0, sizeof buf);
	t = (Fcall){.type = Twrite, .tag = 3, .fid = 1, .count = Msize, .data = data};
	n = fcallpack(&t, buf, sizeof buf);
	nout = 0;
	srvmsg(&srv, buf, n);
	check(reply(0, &r) != 0 && r.type == Rerror && r.tag == 3 &&
		strstr(r.ename, "msize") != NULL, "message-over-msize");
	/* garbage after a good header */
	t = (Fcall){.type = Tclunk, .tag = 4, .fid = 1};
	n = fcallpack(&t, buf, sizeof buf);
	buf[0]++;
	nout = 0;
	srvmsg(&srv, buf, n + 1);
	check(reply(0, &r) != 0 && r.type == Rerror && r.tag == 4 &&
		strstr(r.ename, "malformed") != NULL, "message-malformed");
	t = (Fcall){.type = Rclunk, .tag = 4};
	check(iserr(rpc(&t, &r), "malformed"), "message-r-type");

	/* srvrun: an oversized message is skipped and the stream stays in step */
	srvreset(&srv);
	nin = inoff = 0;
	t = (Fcall){.type = Tversion, .tag = NOTAG, .msize = 512, .version = "9P2000"};
	nin += fcallpack(&t, in + nin, sizeof in - nin);
	t = (Fcall){.type = Twrite, .tag = 2, .fid = 1, .count = 1000, .data = data};
	nin += fcallpack(&t, in + nin, sizeof in - nin);
	t = (Fcall){.type = Tclunk, .tag = 3, .fid = 1};
	nin += fcallpack(&t, in + nin, sizeof in - nin);
	nout = 0;
	srvrun(&srv);
	n = reply(0, &r);
	check(n != 0 && r.type == Rversion && r.msize == 512, "srvrun-version");
	n += reply(n, &r);
	check(r.type == Rerror && r.tag == 2 && strstr(r.ename, "msize") != NULL, "srvrun-oversized");
	reply(n, &r);
	check(r.type == Rerror && r.tag == 3 && strstr(r.ename, "fid unknown") != NULL, "srvrun-in-step");
}

int
main(void)
{
	testversion();
	testattach();
	testwalk();
	testfiles();
	testremove();
	testwstat();
	testperm();
	testmodes();
	testdirread();
	testmsgs();
	testpages();
	testflush();
	return failed != 0;
}
