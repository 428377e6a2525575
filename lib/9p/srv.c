/*
 * 9P2000 server library: reads T-messages through the Srv's transport,
 * does the protocol's own checks and bookkeeping (fids, tags, open
 * modes, directory offsets, msize) and hands the rest to the server's
 * callbacks.  A callback answers with srvrespond, at once or later, so
 * a server may keep requests waiting; Tflush then asks it to give up.
 * Fids are counted references: a request holds its fid until it is
 * answered, so a Tclunk or a new session cannot free one in use.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "9psrv.h"

char Ebadfid[] = "fid unknown or out of range";
char Efidinuse[] = "fid already in use";
char Enotfound[] = "file does not exist";
char Eperm[] = "permission denied";
char Eisdir[] = "is a directory";
char Enotdir[] = "not a directory";
char Ebadoffset[] = "bad offset in directory read";
char Ebotch[] = "9P protocol botch";
char Eopen[] = "fid already open";
char Ebadmode[] = "illegal mode";
char Etoobig[] = "message larger than msize";
char Ebadusefid[] = "bad use of fid";
char Enoauth[] = "authentication not required";
char Etaginuse[] = "tag in use";
static char Enomem[] = "out of memory";
static char Enoversion[] = "Tversion must come first";
static char Ebadmsg[] = "malformed 9P message";
static char Enofunc[] = "operation not supported";
static char Ebadname[] = "bad file name";
static char Ewalknodir[] = "walk in a non-directory";
static char Ereplybig[] = "reply larger than msize";
static char Epages[] = "page exchange failed";

enum {
	Defmsize = 8192 + IOHDRSZ,
	Minmsize = 256,
	Nhash = 64,
};

static Fid *
fidlookup(Srv *s, uint32_t fid)
{
	Fid *f;

	for(f = s->fids[fid % Nhash]; f != NULL; f = f->next)
		if(f->fid == fid)
			return f;
	return NULL;
}

static Fid *
fidnew(Srv *s, uint32_t fid, const char *uid)
{
	Fid *f;

	f = calloc(1, sizeof *f);
	if(f == NULL)
		return NULL;
	f->uid = strdup(uid != NULL ? uid : "");
	if(f->uid == NULL){
		free(f);
		return NULL;
	}
	f->fid = fid;
	f->omode = -1;
	f->srv = s;
	f->ref = 1;
	return f;
}

static void
fidput(Fid *f)
{
	if(f == NULL || --f->ref > 0)
		return;
	if(f->srv->clunk != NULL)
		f->srv->clunk(f);
	free(f->uid);
	free(f);
}

/* The table takes over the caller's reference. */
static void
fidinsert(Srv *s, Fid *f)
{
	f->next = s->fids[f->fid % Nhash];
	s->fids[f->fid % Nhash] = f;
	f->intable = 1;
}

/* Takes the fid out of the table and drops the table's reference. */
static void
fidremove(Srv *s, Fid *f)
{
	Fid **l;

	if(!f->intable)
		return;
	for(l = &s->fids[f->fid % Nhash]; *l != NULL; l = &(*l)->next)
		if(*l == f){
			*l = f->next;
			f->intable = 0;
			fidput(f);
			return;
		}
}

static Fid *
fidget(Srv *s, uint32_t fid)
{
	Fid *f;

	f = fidlookup(s, fid);
	if(f != NULL)
		f->ref++;
	return f;
}

static uint32_t
maxmsg(Srv *s)
{
	if(s->maxmsg != 0)
		return s->maxmsg;
	return s->msize != 0 ? s->msize : Defmsize;
}

static int
writeall(Srv *s, const uint8_t *p, uint32_t n)
{
	long m;

	while(n > 0){
		m = s->writefn(s, p, n);
		if(m <= 0)
			return -1;
		p += m;
		n -= m;
	}
	return 0;
}

static void
sendreply(Srv *s, Fcall *f)
{
	uint32_t n;
	uint8_t *buf;
	Fcall e;

	if(s->dead)
		return;
	buf = s->wbuf;
	if(buf == NULL){
		buf = s->wbuf = malloc(maxmsg(s));
		if(buf == NULL){
			s->dead = 1;
			return;
		}
	}
	n = fcallpack(f, buf, maxmsg(s));
	if(n == 0){
		memset(&e, 0, sizeof e);
		e.type = Rerror;
		e.tag = f->tag;
		e.ename = Ereplybig;
		n = fcallpack(&e, buf, maxmsg(s));
	}
	if(n == 0 || writeall(s, buf, n) < 0)
		s->dead = 1;
}

static void
reqfree(Req *r)
{
	free(r->in);
	free(r->rbuf);
	free(r->pgbuf);
	free(r->ofcall.stat);
	free(r);
}

static void
requnlink(Srv *s, Req *r)
{
	Req **l;

	for(l = &s->reqs; *l != NULL; l = &(*l)->next)
		if(*l == r){
			*l = r->next;
			return;
		}
}

static void
packstat(Req *r)
{
	uint32_t n;

	n = dirsize(&r->d);
	if(n > STATMAX){
		r->ofcall.type = Rerror;
		r->ofcall.ename = Ereplybig;
		return;
	}
	r->ofcall.stat = malloc(n);
	if(r->ofcall.stat == NULL || dirpack(&r->d, r->ofcall.stat, n) != n){
		r->ofcall.type = Rerror;
		r->ofcall.ename = Enomem;
		return;
	}
	r->ofcall.nstat = n;
}

/*
 * The pages of a Treadpg's reply go first, so the client finds them
 * with the reply; if they cannot go, they are copied into it after all.
 */
static void
offerpages(Srv *s, Req *r)
{
	Fcall *f;
	uint32_t np, tail;

	f = &r->ofcall;
	np = f->npages * XPAGE;
	if(s->pgofferfn(s, r->tag, r->pgdata, np) == 0)
		return;
	tail = f->count - np;
	memmove(r->rbuf + np, r->rbuf, tail);
	memcpy(r->rbuf, r->pgdata, np);
	f->npages = 0;
	f->data = r->rbuf;
}

void
srvrespond(Req *r, const char *err)
{
	Srv *s;
	Fid *f;
	Req *fl, *next;

	s = r->srv;
	r->ofcall.tag = r->tag;
	if(err != NULL){
		r->ofcall.type = Rerror;
		r->ofcall.ename = (char*)err;
	}else
		r->ofcall.type = r->ifcall.type + 1;
	f = r->fid;
	/* what a success changes in the fid */
	if(err == NULL && f != NULL)
		switch(r->ifcall.type){
		case Tattach:
			f->qid = r->ofcall.qid;
			break;
		case Topen:
		case Tcreate:
			f->qid = r->ofcall.qid;
			f->omode = r->ifcall.mode;
			if(r->ofcall.iounit == 0)
				r->ofcall.iounit = maxmsg(s) - IOHDRSZ;
			break;
		case Tread:
		case Treadpg:
			r->ofcall.data = r->rbuf;
			if(f->qid.type & QTDIR)
				f->diroffset = r->ifcall.offset + r->ofcall.count;
			break;
		case Tstat:
			packstat(r);
			break;
		}
	if(f != NULL && r->session == s->session)
		switch(r->ifcall.type){
		case Tattach:
			if(err != NULL)
				fidremove(s, f);
			break;
		case Tclunk:
		case Tremove:
			fidremove(s, f);
			break;
		}
	/* effects such as a remove on close are done before the reply */
	fidput(r->fid);
	fidput(r->newfid);
	r->fid = r->newfid = NULL;
	requnlink(s, r);
	if(r->session == s->session){
		if(r->ofcall.type == Rreadpg && r->ofcall.npages > 0)
			offerpages(s, r);
		sendreply(s, &r->ofcall);
	}
	for(fl = r->flushes; fl != NULL; fl = next){
		next = fl->next;
		fl->oldreq = NULL;
		srvrespond(fl, NULL);
	}
	reqfree(r);
}

static char *
checkmode(Fid *f, uint8_t mode)
{
	if((mode & ~(3|OTRUNC|ORCLOSE|OCEXEC)) != 0)
		return Ebadmode;
	if((f->qid.type & QTDIR) && ((mode&3) != OREAD || (mode & (OTRUNC|ORCLOSE))))
		return Eisdir;
	return NULL;
}

static int
badname(const char *name)
{
	return name[0] == 0 || strcmp(name, ".") == 0 ||
		strcmp(name, "..") == 0 || strchr(name, '/') != NULL;
}

static void
doversion(Srv *s, Req *r)
{
	uint32_t m;

	/* a new session: what went before is forgotten */
	srvreset(s);
	r->session = s->session;
	m = s->msize != 0 ? s->msize : Defmsize;
	if(r->ifcall.msize < m)
		m = r->ifcall.msize;
	if(m < Minmsize){
		srvrespond(r, "msize too small");
		return;
	}
	free(s->wbuf);
	s->wbuf = NULL;
	s->maxmsg = m;
	r->ofcall.msize = m;
	/*
	 * 9P2000 and its dialects (9P2000.L, .u) all get plain 9P2000,
	 * but for 9P2000.x where pages can be exchanged.
	 */
	s->pg = 0;
	if(strncmp(r->ifcall.version, "9P2000", 6) == 0 &&
	   (r->ifcall.version[6] == 0 || r->ifcall.version[6] == '.')){
		r->ofcall.version = "9P2000";
		if(strcmp(r->ifcall.version, "9P2000.x") == 0 && s->pgofferfn != NULL &&
		   s->pgtakefn != NULL && !s->nopages){
			r->ofcall.version = "9P2000.x";
			s->pg = 1;
		}
		s->versioned = 1;
	}else
		r->ofcall.version = "unknown";
	r->session = s->session;
	srvrespond(r, NULL);
}

/*
 * Twalk: the walk happens on a new fid, so a failure leaves the old
 * one as it was; it replaces the old one only when every name walked.
 */
static void
dowalk(Srv *s, Req *r)
{
	Fcall *t;
	Fid *nf;
	char *err;
	uint32_t i;

	t = &r->ifcall;
	if(r->fid->omode != -1){
		srvrespond(r, "cannot walk an open fid");
		return;
	}
	if(t->newfid != t->fid && fidlookup(s, t->newfid) != NULL){
		srvrespond(r, Efidinuse);
		return;
	}
	if(t->nwname > 0 && !(r->fid->qid.type & QTDIR)){
		srvrespond(r, Ewalknodir);
		return;
	}
	nf = fidnew(s, t->newfid, r->fid->uid);
	if(nf == NULL){
		srvrespond(r, Enomem);
		return;
	}
	nf->qid = r->fid->qid;
	err = NULL;
	if(s->clone != NULL)
		err = s->clone(r->fid, nf);
	for(i = 0; err == NULL && i < t->nwname; i++){
		if(!(nf->qid.type & QTDIR)){
			err = Ewalknodir;
			break;
		}
		if(s->walk1 == NULL)
			err = Enotfound;
		else if(strcmp(t->wname[i], ".") == 0 || t->wname[i][0] == 0 ||
		   strchr(t->wname[i], '/') != NULL)
			err = Ebadname;
		else
			err = s->walk1(nf, t->wname[i], &nf->qid);
		if(err != NULL)
			break;
		r->ofcall.wqid[i] = nf->qid;
	}
	r->ofcall.nwqid = i;
	if(i < t->nwname || err != NULL){
		fidput(nf);
		srvrespond(r, i == 0 ? err : NULL);
		return;
	}
	if(t->newfid == t->fid)
		fidremove(s, r->fid);
	fidinsert(s, nf);
	srvrespond(r, NULL);
}

static void
doflush(Srv *s, Req *r)
{
	Req *o;

	for(o = s->reqs; o != NULL; o = o->next)
		if(o != r && o->tag == r->ifcall.oldtag && o->session == s->session)
			break;
	if(o == NULL){
		srvrespond(r, NULL);
		return;
	}
	/* answered when the old request is, after its own answer */
	requnlink(s, r);
	r->oldreq = o;
	r->next = o->flushes;
	o->flushes = r;
	if(s->flush != NULL)
		s->flush(r);
}

static void
doread(Srv *s, Req *r)
{
	Fcall *t;
	Fid *f;

	t = &r->ifcall;
	f = r->fid;
	if(f->omode == -1 || (f->omode&3) == OWRITE){
		srvrespond(r, Ebadusefid);
		return;
	}
	if(t->count > maxmsg(s) - IOHDRSZ)
		t->count = maxmsg(s) - IOHDRSZ;
	if(f->qid.type & QTDIR){
		if(t->offset == 0)
			f->dirindex = 0;
		else if(t->offset != f->diroffset){
			srvrespond(r, Ebadoffset);
			return;
		}
	}
	r->rbuf = malloc(t->count + 1);
	if(r->rbuf == NULL){
		srvrespond(r, Enomem);
		return;
	}
	if(s->read == NULL){
		srvrespond(r, Enofunc);
		return;
	}
	s->read(r);
}

/*
 * A Twritepg's data: its pages, taken where the server wants them or
 * into a buffer, then the bytes after them; ifcall.data is all of it.
 */
static char *
takepages(Srv *s, Req *r)
{
	Fcall *t;
	uint8_t *dst;
	uint32_t np;

	t = &r->ifcall;
	if(t->count > maxmsg(s) - IOHDRSZ)
		return Etoobig;
	np = t->npages * XPAGE;
	dst = s->pagedest != NULL ? s->pagedest(r) : NULL;
	if(dst == NULL){
		dst = r->pgbuf = aligned_alloc(XPAGE, t->count);
		if(dst == NULL)
			return Enomem;
	}
	if(s->pgtakefn(s, r->tag, dst, np) < 0)
		return Epages;
	memmove(dst + np, t->data, t->count - np);
	t->data = dst;
	return NULL;
}

/* The checks every fid-using message shares, then the callback. */
static void
dispatch(Srv *s, Req *r)
{
	Fcall *t;
	char *err;

	t = &r->ifcall;
	if(t->type != Tversion && t->type != Tattach && t->type != Tauth &&
	   t->type != Tflush){
		r->fid = fidget(s, t->fid);
		if(r->fid == NULL){
			srvrespond(r, Ebadfid);
			return;
		}
	}
	switch(t->type){
	case Tversion:
		doversion(s, r);
		return;
	case Tauth:
		if(s->auth == NULL){
			srvrespond(r, Enoauth);
			return;
		}
		s->auth(r);
		return;
	case Tattach:
		if(t->afid != (uint32_t)NOFID && s->auth == NULL){
			srvrespond(r, Enoauth);
			return;
		}
		if(fidlookup(s, t->fid) != NULL){
			srvrespond(r, Efidinuse);
			return;
		}
		r->fid = fidnew(s, t->fid, t->uname);
		if(r->fid == NULL){
			srvrespond(r, Enomem);
			return;
		}
		fidinsert(s, r->fid);
		r->fid->ref++;
		if(s->attach == NULL){
			srvrespond(r, Enofunc);
			return;
		}
		s->attach(r);
		return;
	case Tflush:
		doflush(s, r);
		return;
	case Twalk:
		dowalk(s, r);
		return;
	case Topen:
	case Tcreate:
		if(r->fid->omode != -1){
			srvrespond(r, Eopen);
			return;
		}
		if(t->type == Tcreate){
			if(!(r->fid->qid.type & QTDIR))
				err = "create in a non-directory";
			else if(badname(t->name))
				err = Ebadname;
			else if(t->perm & DMDIR && (t->mode & ~OCEXEC) != OREAD)
				err = Eisdir;
			else if((t->mode & ~(3|OTRUNC|ORCLOSE|OCEXEC)) != 0)
				err = Ebadmode;
			else
				err = NULL;
		}else
			err = checkmode(r->fid, t->mode);
		if(err != NULL){
			srvrespond(r, err);
			return;
		}
		r->ofcall.qid = r->fid->qid;
		if(t->type == Topen && s->open == NULL)
			srvrespond(r, NULL);
		else if(t->type == Topen)
			s->open(r);
		else if(s->create == NULL)
			srvrespond(r, Eperm);
		else
			s->create(r);
		return;
	case Tread:
	case Treadpg:
		doread(s, r);
		return;
	case Twrite:
	case Twritepg:
		if(r->fid->omode == -1 || (r->fid->omode&3) == OREAD ||
		   (r->fid->omode&3) == OEXEC){
			srvrespond(r, Ebadusefid);
			return;
		}
		if(s->write == NULL){
			srvrespond(r, Eperm);
			return;
		}
		if(t->type == Twritepg && (err = takepages(s, r)) != NULL){
			srvrespond(r, err);
			return;
		}
		s->write(r);
		return;
	case Tclunk:
		srvrespond(r, NULL);
		return;
	case Tremove:
		if(s->remove == NULL){
			srvrespond(r, Eperm);
			return;
		}
		s->remove(r);
		return;
	case Tstat:
		if(s->stat == NULL){
			srvrespond(r, Enofunc);
			return;
		}
		s->stat(r);
		return;
	case Twstat:
		/* the rules no server may bend; the rest is the server's */
		if(dirunpack(t->stat, t->nstat, &r->d) != t->nstat)
			err = Ebadmsg;
		else if(r->d.qid.path != ~(uint64_t)0 && r->d.qid.path != r->fid->qid.path)
			err = "cannot change qid";
		else if(r->d.mode != 0xffffffffu &&
		   ((r->d.mode>>24 ^ r->fid->qid.type) & QTDIR))
			err = "wstat can't convert between files and directories";
		else if(r->d.name[0] != 0 && badname(r->d.name))
			err = Ebadname;
		else
			err = NULL;
		if(err != NULL){
			srvrespond(r, err);
			return;
		}
		if(s->wstat == NULL){
			srvrespond(r, Eperm);
			return;
		}
		s->wstat(r);
		return;
	}
	srvrespond(r, Ebotch);
}

static void
replyerror(Srv *s, uint16_t tag, char *err)
{
	Fcall f;

	memset(&f, 0, sizeof f);
	f.type = Rerror;
	f.tag = tag;
	f.ename = err;
	sendreply(s, &f);
}

void
srvmsg(Srv *s, uint8_t *msg, uint32_t n)
{
	Req *r, *o;
	uint16_t tag;

	if(n < MSGHDRSZ){
		s->dead = 1;
		return;
	}
	tag = msg[5] | msg[6]<<8;
	if(n > maxmsg(s)){
		replyerror(s, tag, Etoobig);
		return;
	}
	r = calloc(1, sizeof *r);
	if(r == NULL || (r->in = malloc(n)) == NULL){
		free(r);
		replyerror(s, tag, Enomem);
		return;
	}
	memcpy(r->in, msg, n);
	r->srv = s;
	r->tag = tag;
	r->session = s->session;
	if(fcallunpack(r->in, n, &r->ifcall) != n ||
	   r->ifcall.type % 2 != 0 || r->ifcall.type == Terror){
		reqfree(r);
		replyerror(s, tag, Ebadmsg);
		return;
	}
	if(!s->versioned && r->ifcall.type != Tversion){
		reqfree(r);
		replyerror(s, tag, Enoversion);
		return;
	}
	if(!s->pg && (r->ifcall.type == Treadpg || r->ifcall.type == Twritepg)){
		reqfree(r);
		replyerror(s, tag, Ebadmsg);
		return;
	}
	for(o = s->reqs; o != NULL; o = o->next)
		if(o->tag == tag && o->session == s->session &&
		   r->ifcall.type != Tversion){
			reqfree(r);
			replyerror(s, tag, Etaginuse);
			return;
		}
	r->next = s->reqs;
	s->reqs = r;
	dispatch(s, r);
}

static int
readfull(Srv *s, uint8_t *p, uint32_t n)
{
	long m;

	while(n > 0){
		m = s->readfn(s, p, n);
		if(m <= 0)
			return -1;
		p += m;
		n -= m;
	}
	return 0;
}

int
srvrun(Srv *s)
{
	uint8_t hdr[MSGHDRSZ], *buf;
	uint32_t size, left, m;

	s->dead = 0;
	buf = NULL;
	while(!s->dead){
		if(readfull(s, hdr, 4) < 0)
			break;
		size = fcallpeeksize(hdr);
		if(size < MSGHDRSZ){
			s->dead = 1;
			break;
		}
		if(size > maxmsg(s)){
			/*
			 * Skip a message somewhat too large, then say why, so
			 * the stream stays in step; one far too large is a
			 * broken or hostile peer, and the session ends.
			 */
			if(size / 16 > maxmsg(s) || readfull(s, hdr+4, 3) < 0){
				s->dead = 1;
				break;
			}
			free(buf);
			buf = malloc(maxmsg(s));
			if(buf == NULL)
				break;
			for(left = size - MSGHDRSZ; left > 0; left -= m){
				m = left < maxmsg(s) ? left : maxmsg(s);
				if(readfull(s, buf, m) < 0)
					break;
			}
			if(left > 0)
				break;
			replyerror(s, hdr[5] | hdr[6]<<8, Etoobig);
			continue;
		}
		free(buf);
		buf = malloc(size);
		if(buf == NULL)
			return -1;
		memcpy(buf, hdr, 4);
		if(readfull(s, buf+4, size-4) < 0)
			break;
		srvmsg(s, buf, size);
	}
	free(buf);
	srvreset(s);
	return s->dead ? -1 : 0;
}

void
srvreset(Srv *s)
{
	Fid *f;
	int i;

	/* replies to requests of the old session are not sent */
	s->session++;
	for(i = 0; i < Nhash; i++)
		while((f = s->fids[i]) != NULL)
			fidremove(s, f);
	s->versioned = 0;
	s->maxmsg = 0;
	free(s->wbuf);
	s->wbuf = NULL;
}

void
srvreadbuf(Req *r, const void *buf, uint64_t len)
{
	uint64_t off;
	uint32_t n, np;
	const uint8_t *src;

	off = r->ifcall.offset;
	n = 0;
	np = 0;
	if(off < len){
		n = r->ifcall.count;
		if(n > len - off)
			n = len - off;
		src = (const uint8_t*)buf + off;
		if(r->ifcall.type == Treadpg && ((uintptr_t)src & (XPAGE - 1)) == 0)
			np = n / XPAGE;
		r->pgdata = src;
		memcpy(r->rbuf, src + np*XPAGE, n - np*XPAGE);
	}
	r->ofcall.count = n;
	r->ofcall.npages = np;
}

void
srvreadstr(Req *r, const char *s)
{
	srvreadbuf(r, s, strlen(s));
}

char *
srvdirread(Req *r, Dirgen *gen, void *aux)
{
	Fid *f;
	Dir d;
	uint32_t i, n, used;

	f = r->fid;
	used = 0;
	for(i = f->dirindex;; i++){
		memset(&d, 0, sizeof d);
		if(gen(i, &d, aux) < 0)
			break;
		/*
		 * When not even one entry fits, the answer is no bytes, not
		 * an error: Linux fills its buffer with a second, short
		 * Tread and then asks again from the same offset.
		 */
		n = dirpack(&d, r->rbuf + used, r->ifcall.count - used);
		if(n == 0)
			break;
		used += n;
	}
	f->dirindex = i;
	r->ofcall.count = used;
	return NULL;
}

/*
 * Plan 9's permission rule: the user gets the owner's bits if it owns
 * the file, the group's if it is in the group (a user is in the group
 * of its own name), and the other bits always.
 */
int
srvperm(const Dir *d, const char *uid, uint32_t need)
{
	uint32_t m;

	m = d->mode & 7;
	if(strcmp(uid, d->uid) == 0)
		m |= d->mode>>6 & 7;
	if(strcmp(uid, d->gid) == 0)
		m |= d->mode>>3 & 7;
	return (m & need) == need;
}

uint32_t
srvopenneed(int mode)
{
	static const uint32_t need[] = {DMREAD, DMWRITE, DMREAD|DMWRITE, DMEXEC};

	return need[mode&3] | (mode&OTRUNC ? DMWRITE : 0);
}
