/*
 * #M: the 9P2000 client.  mount(fd, ...) attaches to the file server on
 * the other end of fd (a pipe, a /srv entry, a serial line) and every
 * operation on files under the mount point becomes a 9P transaction.
 * Many processes may have requests in flight on one connection, told
 * apart by tag; whichever waiting process finds no reader reads the next
 * reply and hands it to its owner.  A process interrupted by a note
 * flushes its request (Tflush).  A server that hangs up, or sends a reply
 * that is malformed or does not fit the request, breaks the mount: every
 * pending and later call gets an error; the kernel never trusts a reply.
 *
 * On a pipe the client asks for 9P2000.x (pages(5)): a read or write of
 * a page-aligned user buffer then moves whole pages by page exchange,
 * shared copy-on-write (exchange.c), and only the rest in the message.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

typedef struct Mnt Mnt;
typedef struct Mntrpc Mntrpc;

struct Mntrpc {
	Mntrpc *next;
	Mnt *m;
	int tag;
	int done;
	Fcall req;
	Fcall rep;
	uchar *rbuf;	/* the reply message, rep points into it */
	uint rlen;
	char *err;	/* set instead of a reply when the mount breaks */
	int flushed;
	int sent;
	Xfer *out;	/* Twritepg: the pages, until queued in the pipe */
	int offered;	/* they were: withdraw what the server did not take */
	Xfer *in;	/* Rreadpg: the pages the server gave */
};

struct Mnt {
	Mnt *next;
	int ref;
	int id;
	Chan *c;	/* to the server */
	uint msize;
	uint nextfid;
	int tagmap[1024/32];
	Mntrpc *queue;	/* requests waiting for replies */
	Proc *rip;	/* the process reading replies now */
	Rendez r;	/* waiting for replies or the reader's role */
	Proc *wip;	/* the process writing a request now: one at a time,
			   as a pipe write may stop halfway and wbuf is shared */
	Rendez wr;	/* waiting to write */
	char *dead;	/* why the mount broke */
	uchar *wbuf;
	int pg;		/* 9P2000.x agreed */
};

enum {
	Msize = 65536 + IOHDRSZ,	/* what we ask for */
	Minmsize = 256,
	Ntags = 1024,
};
static char Vpg[] = "9P2000.x";

static Mnt *mnts;
static int mntid;
static char Ebroken[] = "mount rpc error";

static int
alloctag(Mnt *m)
{
	int i;

	for(i = 0; i < Ntags; i++)
		if((m->tagmap[i/32] & (1<<(i%32))) == 0){
			m->tagmap[i/32] |= 1<<(i%32);
			return i;
		}
	error("mount: too many requests in flight");
}

static void
freetag(Mnt *m, int t)
{
	m->tagmap[t/32] &= ~(1<<(t%32));
}

static void
mntfree(Mnt *m)
{
	Mnt **l;

	for(l = &mnts; *l; l = &(*l)->next)
		if(*l == m){
			*l = m->next;
			break;
		}
	cclose(m->c);
	free(m->wbuf);
	free(m->dead);
	free(m);
}

static void
mntput(Mnt *m)
{
	if(--m->ref == 0)
		mntfree(m);
}

/* The mount breaks: every waiter gets why. */
static void
mntbreak(Mnt *m, char *why)
{
	Mntrpc *r;

	if(m->dead == nil){
		m->dead = malloc(ERRMAX);
		if(m->dead)
			snprint(m->dead, ERRMAX, "%s: %s", Ebroken, why);
	}
	for(r = m->queue; r; r = r->next)
		if(!r->done){
			r->done = 1;
			r->err = m->dead ? m->dead : Ebroken;
		}
	wakeup(&m->r);
}

static void
readn(Chan *c, uchar *a, long n)
{
	long m, r;

	for(m = 0; m < n; m += r){
		r = devtabread(c, a + m, n - m, c->offset);
		if(r <= 0)
			error(Ehungup);
		c->offset += r;
	}
}

/* The server's offer of pages keyed by tag; nil if there is none. */
static Xfer*
mnttake(Mnt *m, int tag)
{
	Xfer **q;
	Rendez *rz;

	if(pipexchange(m->c, 1, &q, &rz) < 0)
		return nil;
	return xcowtake(q, tag);
}

/* Queue r's pages for the server, keyed by r's tag. */
static void
mntoffer(Mnt *m, Mntrpc *r)
{
	Xfer **q, *x;
	Rendez *rz;

	x = r->out;
	r->out = nil;
	if(pipexchange(m->c, 0, &q, &rz) != 0){
		xcowfree(x);
		error(Ehungup);
	}
	xcowqueue(q, x, r->tag);
	r->offered = 1;
}

/* Withdraw r's pages if the server has not taken them. */
static void
mntwithdraw(Mnt *m, Mntrpc *r)
{
	Xfer **q, *x;
	Rendez *rz;

	if(!r->offered)
		return;
	r->offered = 0;
	if(pipexchange(m->c, 0, &q, &rz) >= 0 && (x = xcowtake(q, r->tag)) != nil)
		xcowfree(x);
}

/* Read one reply and give it to its request.  Called by the reader. */
static void
mntreadreply(Mnt *m)
{
	uchar hdr[4];
	uchar *volatile buf;	/* set after waserror */
	uint n;
	Fcall f;
	Mntrpc *r;
	char *why;

	buf = nil;
	if(waserror()){
		free(buf);
		if(strcmp(up->errstr, Eintr) == 0)
			nexterror();
		mntbreak(m, up->errstr);
		return;
	}
	readn(m->c, hdr, 4);
	n = fcallpeeksize(hdr);
	if(n < MSGHDRSZ || n > m->msize)
		error("reply size out of range");
	buf = smalloc(n);
	memmove(buf, hdr, 4);
	readn(m->c, buf + 4, n - 4);
	poperror();

	why = nil;
	if(fcallunpack(buf, n, &f) != n)
		why = "malformed reply";
	else{
		for(r = m->queue; r; r = r->next)
			if(r->tag == f.tag && !r->done)
				break;
		if(r == nil)
			why = "reply with an unknown tag";
		else if(f.type != Rerror && f.type != r->req.type + 1 &&
		   !(r->req.type == Tflush && f.type == Rflush))
			why = "reply of the wrong type";
		else if(f.type == Rreadpg && f.npages > 0 && (r->in = mnttake(m, f.tag)) == nil)
			why = "reply without its pages";
		else if(r->in != nil && r->in->npages != (int)f.npages){
			xcowfree(r->in);
			r->in = nil;
			why = "reply with the wrong pages";
		}
	}
	if(why){
		free(buf);
		mntbreak(m, why);
		return;
	}
	r->rep = f;
	r->rbuf = buf;
	r->rlen = n;
	r->done = 1;
	wakeup(&m->r);
}

static int
canwrite(void *a)
{
	return ((Mnt*)a)->wip == nil;
}

static int
rpcready(void *a)
{
	Mntrpc *r;

	r = a;
	return r->done || r->m->rip == nil;
}

static void mntflush(Mnt*, Mntrpc*);

static void
unqueue(Mnt *m, Mntrpc *r)
{
	Mntrpc **l;

	for(l = &m->queue; *l; l = &(*l)->next)
		if(*l == r){
			*l = r->next;
			break;
		}
	freetag(m, r->tag);
}

/*
 * Send r's request and wait for its reply.  On return r->rep is the
 * reply (not Rerror: that becomes an error).  The caller frees r->rbuf.
 */
static void
mntrpc(Mnt *m, Mntrpc *r)
{
	uint n;

	if(m->dead)
		error(m->dead);
	r->tag = (r->req.type == Tversion) ? NOTAG : alloctag(m);
	r->req.tag = r->tag;
	r->done = 0;
	r->err = nil;
	r->rbuf = nil;
	r->m = m;
	r->sent = 0;
	r->next = m->queue;
	m->queue = r;
	if(waserror()){
		up->mntwrite = 0;
		if(m->wip == up){
			m->wip = nil;
			wakeup(&m->wr);
		}
		if(m->rip == up){
			m->rip = nil;
			wakeup(&m->r);
		}
		if(strcmp(up->errstr, Eintr) == 0 && r->sent && !r->done && r->req.type != Tflush &&
		   !m->dead)
			mntflush(m, r);
		mntwithdraw(m, r);
		unqueue(m, r);
		if(r->rbuf){
			free(r->rbuf);
			r->rbuf = nil;
		}
		if(r->in){
			xcowfree(r->in);
			r->in = nil;
		}
		nexterror();
	}
	while(m->wip != nil)
		sleep(&m->wr, canwrite, m);
	m->wip = up;
	if(m->dead)
		error(m->dead);
	n = fcallpack(&r->req, m->wbuf, m->msize);
	if(n == 0)
		error(Etoobig);
	if(r->out)
		mntoffer(m, r);
	up->mntwrite = 1;
	r->sent = 1;
	if(devtabwrite(m->c, m->wbuf, n, m->c->offset) != (long)n)
		error(Eshort);
	up->mntwrite = 0;
	m->wip = nil;
	wakeup(&m->wr);
	while(!r->done){
		if(m->rip == nil){
			m->rip = up;
			mntreadreply(m);
			m->rip = nil;
			wakeup(&m->r);
		}else
			sleep(&m->r, rpcready, r);
	}
	poperror();
	mntwithdraw(m, r);
	unqueue(m, r);
	if(r->err)
		error(r->err);
	if(r->rep.type == Rerror){
		strecpy(up->errstr, up->errstr + ERRMAX, r->rep.ename);
		free(r->rbuf);
		r->rbuf = nil;
		nexterror();
	}
}

/* The caller was interrupted: tell the server to forget r. */
static void
mntflush(Mnt *m, Mntrpc *r)
{
	Mntrpc f;
	int pending;

	memset(&f, 0, sizeof f);
	f.req.type = Tflush;
	f.req.oldtag = r->tag;
	pending = up->notepending;
	up->notepending = 0;
	if(!waserror()){
		mntrpc(m, &f);
		poperror();
	}
	free(f.rbuf);
	up->notepending = pending;
}

static Mnt*
mntversion(Chan *c)
{
	Mnt *m;
	Mntrpc r;
	Xfer **q;
	Rendez *rz;

	for(m = mnts; m; m = m->next)
		if(m->c == c && !m->dead){
			m->ref++;
			return m;
		}
	m = smalloc(sizeof(Mnt));
	m->wbuf = malloc(Msize);
	if(m->wbuf == nil){
		free(m);
		error(Enomem);
	}
	m->ref = 1;
	m->id = ++mntid;
	m->c = c;
	incref(&c->ref);
	m->msize = Msize;
	m->nextfid = 1;
	if(waserror()){
		mntfree(m);
		nexterror();
	}
	memset(&r, 0, sizeof r);
	r.req.type = Tversion;
	r.req.msize = Msize;
	r.req.version = "9P2000";
	if(pipexchange(c, 1, &q, &rz) >= 0)
		r.req.version = Vpg;	/* pages can move on a pipe */
	mntrpc(m, &r);
	if(r.rep.msize < Minmsize || r.rep.msize > Msize || strncmp(r.rep.version, "9P2000", 6) != 0){
		free(r.rbuf);
		error("mount: server speaks another version of 9P");
	}
	m->msize = r.rep.msize;
	m->pg = r.req.version == Vpg && strcmp(r.rep.version, Vpg) == 0;
	free(r.rbuf);
	poperror();
	m->next = mnts;
	mnts = m;
	return m;
}

static Mnt*
mntof(Chan *c)
{
	Mnt *m;

	m = c->aux;
	if(m == nil)
		error(Egreg);
	return m;
}

Chan*
mntattach(int fd, char *spec)
{
	Chan *c, *fc;
	Mnt *m;
	Mntrpc r;

	fc = fdtochan(fd, ORDWR);
	if(waserror()){
		cclose(fc);
		nexterror();
	}
	if((fc->mode & 3) != ORDWR)
		error(Ebadusefd);
	m = mntversion(fc);
	poperror();
	cclose(fc);
	if(waserror()){
		mntput(m);
		nexterror();
	}
	memset(&r, 0, sizeof r);
	r.req.type = Tattach;
	r.req.fid = m->nextfid++;
	r.req.afid = NOFID;
	r.req.uname = up->user;
	r.req.aname = spec;
	mntrpc(m, &r);
	poperror();
	c = devattach('M', spec);
	c->dev = m->id;
	c->aux = m;
	c->fid = r.req.fid;
	c->qid = r.rep.qid;
	c->iounit = m->msize - IOHDRSZ;
	free(r.rbuf);
	return c;
}

static Chan*
mntattachdev(char *spec)
{
	error(Enoattach);
}

static void
mntwalk(Chan *c, Chan *nc, char *name)
{
	Mnt *m;
	Mntrpc r;

	m = mntof(c);
	memset(&r, 0, sizeof r);
	r.req.type = Twalk;
	r.req.fid = c->fid;
	r.req.newfid = m->nextfid++;
	r.req.nwname = name ? 1 : 0;
	r.req.wname[0] = name;
	mntrpc(m, &r);
	if(r.rep.nwqid != r.req.nwname){
		free(r.rbuf);
		if(r.rep.nwqid > r.req.nwname)
			error("mount rpc error: walk returned too many qids");
		error(Enonexist);
	}
	nc->fid = r.req.newfid;
	nc->qid = name ? r.rep.wqid[0] : c->qid;
	nc->aux = m;
	nc->dev = c->dev;
	nc->iounit = c->iounit;
	m->ref++;
	free(r.rbuf);
}

static int
mntstat(Chan *c, uchar *db, int n)
{
	Mnt *m;
	Mntrpc r;
	Dir d;
	uchar *tmp;

	m = mntof(c);
	memset(&r, 0, sizeof r);
	r.req.type = Tstat;
	r.req.fid = c->fid;
	mntrpc(m, &r);
	if(waserror()){
		free(r.rbuf);
		nexterror();
	}
	/* check the entry on a copy: unpacking rewrites the strings */
	tmp = smalloc(r.rep.nstat);
	memmove(tmp, r.rep.stat, r.rep.nstat);
	if(dirunpack(tmp, r.rep.nstat, &d) != r.rep.nstat){
		free(tmp);
		error("mount rpc error: malformed stat");
	}
	free(tmp);
	if(n < r.rep.nstat){
		if(n < 2)
			error(Eshort);
		db[0] = r.rep.nstat;
		db[1] = r.rep.nstat >> 8;
		n = 2;
	}else{
		memmove(db, r.rep.stat, r.rep.nstat);
		n = r.rep.nstat;
	}
	poperror();
	free(r.rbuf);
	return n;
}

/* Send r (a Topen or Tcreate on c's fid); c becomes the open file. */
static void
mntopenrpc(Chan *c, Mntrpc *r, int omode)
{
	Mnt *m;

	m = mntof(c);
	r->req.fid = c->fid;
	mntrpc(m, r);
	c->qid = r->rep.qid;
	c->iounit = m->msize - IOHDRSZ;
	if(r->rep.iounit != 0 && r->rep.iounit < c->iounit)
		c->iounit = r->rep.iounit;
	c->mode = omode & 3;
	c->flag |= COPEN;
	c->offset = 0;
	free(r->rbuf);
}

static Chan*
mntopen(Chan *c, int omode)
{
	Mntrpc r;

	memset(&r, 0, sizeof r);
	r.req.type = Topen;
	r.req.mode = omode & (3|OTRUNC|ORCLOSE);
	mntopenrpc(c, &r, omode);
	return c;
}

static void
mntcreate(Chan *c, char *name, int omode, ulong perm)
{
	Mntrpc r;

	memset(&r, 0, sizeof r);
	r.req.type = Tcreate;
	r.req.name = name;
	r.req.perm = perm;
	r.req.mode = omode & (3|OTRUNC|ORCLOSE|OEXCL);
	mntopenrpc(c, &r, omode);
}

static void
mntclunk(Chan *c, int type)
{
	Mnt *m;
	Mntrpc r;

	m = c->aux;
	if(m == nil)
		return;
	c->aux = nil;
	if(waserror()){
		mntput(m);
		nexterror();
	}
	memset(&r, 0, sizeof r);
	r.req.type = type;
	r.req.fid = c->fid;
	if(!m->dead)
		mntrpc(m, &r);
	free(r.rbuf);
	poperror();
	mntput(m);
}

static void
mntclose(Chan *c)
{
	mntclunk(c, Tclunk);
}

static void
mntremove(Chan *c)
{
	mntclunk(c, Tremove);
}

static int
mntwstat(Chan *c, uchar *db, int n)
{
	Mnt *m;
	Mntrpc r;

	m = mntof(c);
	memset(&r, 0, sizeof r);
	r.req.type = Twstat;
	r.req.fid = c->fid;
	r.req.nstat = n;
	r.req.stat = db;
	mntrpc(m, &r);
	free(r.rbuf);
	return n;
}

/*
 * A piece of a read or write of a page-aligned user buffer, with 9P2000.x:
 * its whole pages go by exchange if they can (the reader's pages are its
 * own or copy-on-write, the writer's may be shared).  Sets r's type.
 */
static void
mntpages(Mntrpc *r, uchar *a, long k)
{
	char *why;
	int np;

	np = k / BY2PG;
	if(r->req.type == Tread && xcowdest(up, (uintptr)a, np) == nil)
		r->req.type = Treadpg;
	else if(r->req.type == Twrite && (r->out = xcowoffer(up, (uintptr)a, np, &why)) != nil){
		r->req.type = Twritepg;
		r->req.npages = np;
		r->req.data = a + (uintptr)np*BY2PG;
	}
}

/*
 * Reads and writes in pieces of at most the iounit; a short piece ends
 * the transfer.  All data moves through here.
 */
static long
mntrdwr(int type, Chan *c, uchar *a, long n, vlong off)
{
	Mnt *m;
	Mntrpc r;
	long done, k, got, inl;

	m = mntof(c);
	for(done = 0; done < n; done += got){
		k = n - done;
		if(k > (long)c->iounit)
			k = c->iounit;
		memset(&r, 0, sizeof r);
		r.req.type = type;
		r.req.fid = c->fid;
		r.req.offset = off + done;
		r.req.count = k;
		if(type == Twrite)
			r.req.data = a + done;
		if(m->pg && k >= BY2PG && ((uintptr)(a + done) & (BY2PG-1)) == 0 &&
		   (uintptr)a < UADDRMAX && !(c->qid.type & QTDIR))
			mntpages(&r, a + done, k);
		if(waserror()){
			if(r.out)
				xcowfree(r.out);
			nexterror();
		}
		mntrpc(m, &r);
		poperror();
		got = r.rep.count;
		if(got > k){
			if(r.in)
				xcowfree(r.in);
			free(r.rbuf);
			error("mount rpc error: count larger than asked for");
		}
		inl = got;
		if(r.in){
			/* the destination was checked before the request, and p stayed here */
			xcowmap(up, r.in, (uintptr)(a + done));
			inl -= (long)r.rep.npages*BY2PG;
		}
		if(type == Tread)
			memmove(a + done + (got - inl), r.rep.data, inl);
		free(r.rbuf);
		if(got < k){
			done += got;
			break;
		}
		if(type == Tread && (c->qid.type & QTDIR))
			return done + got;	/* one batch of whole entries */
	}
	return done;
}

static long
mntread(Chan *c, void *a, long n, vlong off)
{
	return mntrdwr(Tread, c, a, n, off);
}

static long
mntwrite(Chan *c, void *a, long n, vlong off)
{
	return mntrdwr(Twrite, c, a, n, off);
}

Dev mntdevtab = {
	'M', "mnt",
	nil, mntattachdev, mntwalk, mntstat, mntopen, mntcreate,
	mntclose, mntread, mntwrite, mntremove, mntwstat,
};
