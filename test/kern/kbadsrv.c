/*
 * A file server that lies.  For each case a child process speaks 9P on
 * a pipe, answers honestly up to one request, and then breaks the
 * protocol in one way: a reply with the wrong tag or type, a malformed
 * or short reply, an Rwalk with more qids than names, an Rread with more
 * data than asked, an Rstat of garbage, a size beyond msize, a hangup in
 * the middle of a reply or of a request.  The process that mounted it
 * must get an error each time and the kernel must go on.  Last, a server
 * that never answers: an alarm on the waiting client must give
 * "interrupted", and the server must see a Tflush for that request.
 * A second run of every case gives back every page it takes.
 */
#include <u.h>
#include <libc.h>
#include "ktest.h"

enum {
	Msize = 8192,
	Hdr = 7,	/* size[4] type[1] tag[2] */
};

/* What the server does to its victim request. */
enum {
	Wrongtag, Wrongtype, Malformed, Toomanyqids, Bigread, Badstat,
	Oversize, Cutreply, Hangup, Silent,
};

typedef struct Case Case;
struct Case {
	char *name;
	int lie;
	int victim;	/* the T-message type lied to */
	int (*op)(void);
	char *want;	/* in the client's error string */
	int breaks;	/* the lie breaks the whole mount */
};

static uchar out[Msize];
static int nout;

static void
put(uvlong v, int n)
{
	while(n-- > 0){
		out[nout++] = v;
		v >>= 8;
	}
}

static void
putqid(int dir, uvlong path)
{
	put(dir ? QTDIR : QTFILE, 1);
	put(0, 4);
	put(path, 8);
}

static void
putstr(char *s)
{
	put(strlen(s), 2);
	memmove(out + nout, s, strlen(s));
	nout += strlen(s);
}

/* Start a reply; send() fills in its size. */
static void
begin(int type, int tag)
{
	nout = 0;
	put(0, 4);
	put(type, 1);
	put(tag, 2);
}

static int
send(int fd)
{
	out[0] = nout;
	out[1] = nout>>8;
	out[2] = nout>>16;
	out[3] = nout>>24;
	return write(fd, out, nout) == nout ? 0 : -1;
}

/* One whole T-message into buf, unpacked into f; 0 at the end. */
static int
getmsg(int fd, uchar *buf, Fcall *f)
{
	uint n;

	if(readn(fd, buf, 4) != 4)
		return 0;
	n = fcallpeeksize(buf);
	if(n < Hdr || n > Msize)
		return -1;
	if(readn(fd, buf + 4, n - 4) != n - 4)
		return 0;
	if(fcallunpack(buf, n, f) != n)
		return -1;
	return 1;
}

/* The honest answer to f. */
static int
honest(int fd, Fcall *f)
{
	int i;

	switch(f->type){
	case Tversion:
		begin(Rversion, f->tag);
		put(f->msize < Msize ? f->msize : Msize, 4);
		putstr("9P2000");
		break;
	case Tattach:
		begin(Rattach, f->tag);
		putqid(1, 0);
		break;
	case Twalk:
		begin(Rwalk, f->tag);
		put(f->nwname, 2);
		for(i = 0; i < f->nwname; i++)
			putqid(0, 1 + i);
		break;
	case Topen:
		begin(Ropen, f->tag);
		putqid(0, 1);
		put(0, 4);
		break;
	case Tclunk:
		begin(Rclunk, f->tag);
		break;
	default:
		begin(Rerror, f->tag);
		putstr("not in this server");
		break;
	}
	return send(fd);
}

/*
 * Serve fd until the victim request arrives, then lie.  The exit
 * string says whether the server saw what it should have.
 */
static void
liar(int fd, Case *c)
{
	static uchar buf[Msize];
	Fcall f;
	int i, tag;

	for(;;){
		i = getmsg(fd, buf, &f);
		if(i <= 0)
			exits(i < 0 ? "client sent a bad message" : "client hung up first");
		if(f.type == c->victim)
			break;
		if(honest(fd, &f) < 0)
			exits("write failed");
	}
	tag = f.tag;
	switch(c->lie){
	case Wrongtag:
		begin(f.type + 1, tag ^ 0x5a);
		if(f.type == Twalk)
			put(0, 2);
		send(fd);
		break;
	case Wrongtype:
		begin(Rclunk, tag);
		send(fd);
		break;
	case Malformed:
		/* an Rwalk that promises a qid and ends before it */
		begin(Rwalk, tag);
		put(1, 2);
		put(0, 5);
		send(fd);
		break;
	case Toomanyqids:
		begin(Rwalk, tag);
		put(f.nwname + 1, 2);
		for(i = 0; i <= f.nwname; i++)
			putqid(0, 1 + i);
		send(fd);
		break;
	case Bigread:
		begin(Rread, tag);
		put(f.count + 100, 4);
		for(i = 0; i < (int)f.count + 100; i++)
			put('x', 1);
		send(fd);
		break;
	case Badstat:
		begin(Rstat, tag);
		put(40, 2);
		for(i = 0; i < 40; i++)
			put(0xff, 1);
		send(fd);
		break;
	case Oversize:
		/* a reply header claiming 1 MiB, beyond any msize */
		begin(Rwalk, tag);
		out[2] = 0x10;
		write(fd, out, Hdr);
		break;
	case Cutreply:
		/* a header promising 100 bytes, 10 of them, then gone */
		begin(Rwalk, tag);
		put(0, 3);
		out[0] = 100;
		write(fd, out, 10);
		break;
	case Hangup:
		break;
	case Silent:
		/* never answer; the client's Tflush must name this tag */
		i = getmsg(fd, buf, &f);
		if(i <= 0)
			exits("no Tflush");
		if(f.type != Tflush)
			exits(smprint("got type %d, not Tflush", f.type));
		if(f.oldtag != tag)
			exits(smprint("Tflush of tag %d, not %d", f.oldtag, tag));
		begin(Rflush, f.tag);
		send(fd);
		break;
	}
	if(c->lie == Cutreply || c->lie == Hangup)
		exits(nil);
	/*
	 * Stay until the client lets go: a server gone early would make
	 * the client's next write (a Tclunk) hit a closed pipe.
	 */
	while((i = getmsg(fd, buf, &f)) > 0)
		if(honest(fd, &f) < 0)
			exits("write failed");
	exits(i < 0 ? "client sent a bad message" : nil);
}

static int
opwalk(void)
{
	return open("/tmp/x", OREAD);
}

static int
opread(void)
{
	char buf[16];
	int fd;
	long n;

	fd = open("/tmp/x", OREAD);
	if(fd < 0)
		return -2;
	n = read(fd, buf, sizeof buf);
	close(fd);
	return n < 0 ? -1 : 0;
}

static int
opstat(void)
{
	Dir *d;

	d = dirstat("/tmp/x");
	free(d);
	return d == nil ? -1 : 0;
}

static void
onalarm(void *v, char *note)
{
	USED(v);
	if(strcmp(note, "alarm") == 0)
		noted(NCONT);
	noted(NDFLT);
}

static int
opwait(void)
{
	int fd;

	notify(onalarm);
	alarm(200);
	fd = open("/tmp/x", OREAD);
	alarm(0);
	return fd;
}

static Case cases[] = {
	{"wrong tag", Wrongtag, Twalk, opwalk, "mount rpc error: reply with an unknown tag", 1},
	{"wrong type", Wrongtype, Twalk, opwalk, "mount rpc error: reply of the wrong type", 1},
	{"malformed", Malformed, Twalk, opwalk, "mount rpc error: malformed reply", 1},
	{"too many qids", Toomanyqids, Twalk, opwalk, "walk returned too many qids", 0},
	{"read too long", Bigread, Tread, opread, "count larger than asked for", 0},
	{"stat garbage", Badstat, Tstat, opstat, "malformed", 0},
	{"beyond msize", Oversize, Twalk, opwalk, "reply size out of range", 1},
	{"cut reply", Cutreply, Twalk, opwalk, "i/o on hungup channel", 1},
	{"hangup", Hangup, Twalk, opwalk, "i/o on hungup channel", 1},
	{"silent", Silent, Twalk, opwait, "interrupted", 0},
};

/* In a child with its own namespace: mount the liar on /tmp, try. */
static void
runcase(void *arg)
{
	Case *c;
	char err[ERRMAX], *s;
	int p[2], pid, r;

	c = arg;
	if(pipe(p) < 0)
		exits("pipe failed");
	pid = rfork(RFPROC|RFFDG);
	if(pid < 0)
		exits("fork failed");
	if(pid == 0){
		close(p[0]);
		liar(p[1], c);
	}
	close(p[1]);
	if(mount(p[0], -1, "/tmp", MREPL, "") < 0)
		exits(smprint("mount: %r"));
	r = c->op();
	rerrstr(err, sizeof err);
	if(r == -2)
		exits(smprint("open before the lie failed: %s", err));
	if(r >= 0)
		exits("no error");
	if(strstr(err, c->want) == nil)
		exits(smprint("error '%s', want '%s'", err, c->want));
	/* a broken mount stays broken, with an error, not a hang */
	if(c->breaks && opstat() >= 0)
		exits("the broken mount still answers");
	unmount(nil, "/tmp");
	close(p[0]);
	s = waitfor(pid);
	if(*s != 0)
		exits(smprint("server: %s", s));
	exits(nil);
}

/* Every case once, each in its own child and namespace. */
static void
allcases(int pass)
{
	char *s;
	Dir *d;
	int i;

	for(i = 0; i < (int)nelem(cases); i++){
		s = inchild(runcase, &cases[i]);
		check(*s == 0, "pass %d, %s: %s", pass, cases[i].name, s);
		if(*s == 0 && pass == 2)
			print("%s: ok\n", cases[i].name);
		d = dirstat("/");
		check(d != nil, "after %s: stat / failed: %r", cases[i].name);
		free(d);
	}
}

void
main(void)
{
	long before, after;

	/*
	 * The first pass settles the kernel's heap (it grows once on the
	 * first breakage); the second must give back all it takes.
	 */
	allcases(1);
	sleep(50);
	before = freepages();
	allcases(2);
	sleep(50);
	after = freepages();
	check(after == before, "free pages: %ld before, %ld after", before, after);
	done();
}
