/*
 * 9P2000 message codec.  Every field is little-endian; a string is a
 * two-byte length and that many bytes, no NUL.  Unpacking trusts
 * nothing: every length is checked against the bytes that remain, and
 * a message must be consumed exactly by its fields.  The kernel
 * compiles this file freestanding, so it uses only stdint and the
 * compiler's memcpy/strlen.
 */
#include <stddef.h>
#include <stdint.h>
#include "9p.h"

/* A cursor over a buffer; err is set once anything does not fit. */
typedef struct Cur Cur;
struct Cur {
	uint8_t *p;
	uint8_t *e;
	int err;
};

static int
need(Cur *c, uint32_t n)
{
	if(c->err || (uint64_t)(c->e - c->p) < n){
		c->err = 1;
		return 0;
	}
	return 1;
}

static uint64_t
getn(Cur *c, int n)
{
	uint64_t v;
	int i;

	if(!need(c, n))
		return 0;
	v = 0;
	for(i = n-1; i >= 0; i--)
		v = v<<8 | c->p[i];
	c->p += n;
	return v;
}

static void
putn(Cur *c, uint64_t v, int n)
{
	int i;

	if(!need(c, n))
		return;
	for(i = 0; i < n; i++){
		c->p[i] = v;
		v >>= 8;
	}
	c->p += n;
}

/*
 * Read a string and make it a C string where it lies: its bytes move
 * one down, over the high byte of the length, and a NUL follows.  A
 * string holding a NUL byte is refused, since it could not be told
 * from a shorter one.
 */
static char *
getstr(Cur *c)
{
	uint32_t n, i;
	uint8_t *s, *d;

	n = getn(c, 2);
	if(!need(c, n))
		return NULL;
	s = c->p;
	d = s - 1;
	for(i = 0; i < n; i++){
		if(s[i] == 0){
			c->err = 1;
			return NULL;
		}
		d[i] = s[i];
	}
	d[n] = 0;
	c->p += n;
	return (char*)d;
}

static uint32_t
strsize(const char *s)
{
	return s == NULL ? 0 : __builtin_strlen(s);
}

static void
putstr(Cur *c, const char *s)
{
	uint32_t n;

	n = strsize(s);
	if(n > 0xffff){
		c->err = 1;
		return;
	}
	putn(c, n, 2);
	if(!need(c, n))
		return;
	if(n > 0)
		__builtin_memcpy(c->p, s, n);
	c->p += n;
}

static uint8_t *
getbytes(Cur *c, uint32_t n)
{
	uint8_t *p;

	if(!need(c, n))
		return NULL;
	p = c->p;
	c->p += n;
	return p;
}

static void
putbytes(Cur *c, const uint8_t *b, uint32_t n)
{
	if(!need(c, n))
		return;
	if(n > 0)
		__builtin_memcpy(c->p, b, n);
	c->p += n;
}

static void
getqid(Cur *c, Qid *q)
{
	q->type = getn(c, 1);
	q->vers = getn(c, 4);
	q->path = getn(c, 8);
}

static void
putqid(Cur *c, const Qid *q)
{
	putn(c, q->type, 1);
	putn(c, q->vers, 4);
	putn(c, q->path, 8);
}

/* The fields after size[4] type[1] tag[2], in either direction. */
static void
body(Cur *c, Fcall *f, int unpack)
{
	uint32_t i;

#define U8(x)	(unpack ? (void)((x) = getn(c, 1)) : putn(c, (x), 1))
#define U16(x)	(unpack ? (void)((x) = getn(c, 2)) : putn(c, (x), 2))
#define U32(x)	(unpack ? (void)((x) = getn(c, 4)) : putn(c, (x), 4))
#define U64(x)	(unpack ? (void)((x) = getn(c, 8)) : putn(c, (x), 8))
#define STR(x)	(unpack ? (void)((x) = getstr(c)) : putstr(c, (x)))
#define QID(x)	(unpack ? getqid(c, &(x)) : putqid(c, &(x)))
	switch(f->type){
	default:
		c->err = 1;
		break;
	case Tversion:
	case Rversion:
		U32(f->msize);
		STR(f->version);
		break;
	case Tauth:
		U32(f->afid);
		STR(f->uname);
		STR(f->aname);
		break;
	case Rauth:
		QID(f->qid);
		break;
	case Tattach:
		U32(f->fid);
		U32(f->afid);
		STR(f->uname);
		STR(f->aname);
		break;
	case Rattach:
		QID(f->qid);
		break;
	case Rerror:
		STR(f->ename);
		break;
	case Tflush:
		U16(f->oldtag);
		break;
	case Twalk:
		U32(f->fid);
		U32(f->newfid);
		U16(f->nwname);
		if(f->nwname > MAXWELEM){
			c->err = 1;
			break;
		}
		for(i = 0; i < f->nwname; i++)
			STR(f->wname[i]);
		break;
	case Rwalk:
		U16(f->nwqid);
		if(f->nwqid > MAXWELEM){
			c->err = 1;
			break;
		}
		for(i = 0; i < f->nwqid; i++)
			QID(f->wqid[i]);
		break;
	case Topen:
		U32(f->fid);
		U8(f->mode);
		break;
	case Ropen:
	case Rcreate:
		QID(f->qid);
		U32(f->iounit);
		break;
	case Tcreate:
		U32(f->fid);
		STR(f->name);
		U32(f->perm);
		U8(f->mode);
		break;
	case Tread:
	case Treadpg:
		U32(f->fid);
		U64(f->offset);
		U32(f->count);
		break;
	case Twritepg:
		U32(f->fid);
		U64(f->offset);
		/* fallthrough */
	case Rreadpg:
		U32(f->count);
		U32(f->npages);
		if(f->npages > f->count / XPAGE){
			c->err = 1;
			break;
		}
		if(unpack)
			f->data = getbytes(c, f->count - f->npages*XPAGE);
		else
			putbytes(c, f->data, f->count - f->npages*XPAGE);
		break;
	case Twrite:
		U32(f->fid);
		U64(f->offset);
		/* fallthrough */
	case Rread:
		U32(f->count);
		if(unpack)
			f->data = getbytes(c, f->count);
		else
			putbytes(c, f->data, f->count);
		break;
	case Rwrite:
	case Rwritepg:
		U32(f->count);
		break;
	case Tclunk:
	case Tremove:
	case Tstat:
		U32(f->fid);
		break;
	case Twstat:
		U32(f->fid);
		/* fallthrough */
	case Rstat:
		/*
		 * The stat is carried as n[2] and n bytes, and those n bytes
		 * begin with the entry's own size[2]: both must agree.
		 */
		U16(f->nstat);
		if(unpack){
			f->stat = getbytes(c, f->nstat);
			if(!c->err && (f->nstat < STATFIXLEN ||
			   (uint32_t)(f->stat[0] | f->stat[1]<<8) + 2 != f->nstat))
				c->err = 1;
		}else
			putbytes(c, f->stat, f->nstat);
		break;
	case Rflush:
	case Rclunk:
	case Rremove:
	case Rwstat:
		break;
	}
#undef U8
#undef U16
#undef U32
#undef U64
#undef STR
#undef QID
}

uint32_t
fcallpeeksize(const uint8_t *buf)
{
	return buf[0] | buf[1]<<8 | buf[2]<<16 | (uint32_t)buf[3]<<24;
}

uint32_t
fcallunpack(uint8_t *buf, uint32_t n, Fcall *f)
{
	Cur c;
	uint32_t size;

	if(n < MSGHDRSZ)
		return 0;
	size = fcallpeeksize(buf);
	if(size < MSGHDRSZ || size > n)
		return 0;
	c.p = buf + 4;
	c.e = buf + size;
	c.err = 0;
	f->type = getn(&c, 1);
	f->tag = getn(&c, 2);
	body(&c, f, 1);
	if(c.err || c.p != c.e)
		return 0;
	return size;
}

uint32_t
fcallpack(const Fcall *f, uint8_t *buf, uint32_t n)
{
	Cur c;
	uint32_t size;

	size = fcallsize(f);
	if(size == 0 || size > n)
		return 0;
	c.p = buf;
	c.e = buf + size;
	c.err = 0;
	putn(&c, size, 4);
	putn(&c, f->type, 1);
	putn(&c, f->tag, 2);
	body(&c, (Fcall*)f, 0);
	if(c.err || c.p != c.e)
		return 0;
	return size;
}

uint32_t
fcallsize(const Fcall *f)
{
	uint32_t n, i;

	n = MSGHDRSZ;
	switch(f->type){
	default:
		return 0;
	case Tversion:
	case Rversion:
		return n + 4 + 2 + strsize(f->version);
	case Tauth:
		return n + 4 + 2 + strsize(f->uname) + 2 + strsize(f->aname);
	case Tattach:
		return n + 4 + 4 + 2 + strsize(f->uname) + 2 + strsize(f->aname);
	case Rauth:
	case Rattach:
		return n + QIDSZ;
	case Rerror:
		return n + 2 + strsize(f->ename);
	case Tflush:
		return n + 2;
	case Twalk:
		if(f->nwname > MAXWELEM)
			return 0;
		n += 4 + 4 + 2;
		for(i = 0; i < f->nwname; i++)
			n += 2 + strsize(f->wname[i]);
		return n;
	case Rwalk:
		if(f->nwqid > MAXWELEM)
			return 0;
		return n + 2 + f->nwqid*QIDSZ;
	case Topen:
		return n + 4 + 1;
	case Ropen:
	case Rcreate:
		return n + QIDSZ + 4;
	case Tcreate:
		return n + 4 + 2 + strsize(f->name) + 4 + 1;
	case Tread:
	case Treadpg:
		return n + 4 + 8 + 4;
	case Twritepg:
		n += 4 + 8;
		/* fallthrough */
	case Rreadpg:
		if(f->npages > f->count / XPAGE)
			return 0;
		return n + 4 + 4 + (f->count - f->npages*XPAGE);
	case Twrite:
		if(f->count > 0xffffffffu - 32)
			return 0;
		return n + 4 + 8 + 4 + f->count;
	case Rread:
		if(f->count > 0xffffffffu - 32)
			return 0;
		return n + 4 + f->count;
	case Rwrite:
	case Rwritepg:
		return n + 4;
	case Tclunk:
	case Tremove:
	case Tstat:
		return n + 4;
	case Twstat:
		return n + 4 + 2 + f->nstat;
	case Rstat:
		return n + 2 + f->nstat;
	case Rflush:
	case Rclunk:
	case Rremove:
	case Rwstat:
		return n;
	}
}

uint32_t
dirsize(const Dir *d)
{
	return STATFIXLEN + strsize(d->name) + strsize(d->uid) +
		strsize(d->gid) + strsize(d->muid);
}

uint32_t
dirpack(const Dir *d, uint8_t *buf, uint32_t n)
{
	Cur c;
	uint32_t size;

	size = dirsize(d);
	if(size > STATMAX + 2 || size > n)
		return 0;
	c.p = buf;
	c.e = buf + size;
	c.err = 0;
	putn(&c, size - 2, 2);
	putn(&c, d->type, 2);
	putn(&c, d->dev, 4);
	putqid(&c, &d->qid);
	putn(&c, d->mode, 4);
	putn(&c, d->atime, 4);
	putn(&c, d->mtime, 4);
	putn(&c, d->length, 8);
	putstr(&c, d->name);
	putstr(&c, d->uid);
	putstr(&c, d->gid);
	putstr(&c, d->muid);
	if(c.err || c.p != c.e)
		return 0;
	return size;
}

uint32_t
dirunpack(uint8_t *buf, uint32_t n, Dir *d)
{
	Cur c;
	uint32_t size;

	if(n < STATFIXLEN)
		return 0;
	size = (buf[0] | buf[1]<<8) + 2;
	if(size < STATFIXLEN || size > n)
		return 0;
	c.p = buf + 2;
	c.e = buf + size;
	c.err = 0;
	d->type = getn(&c, 2);
	d->dev = getn(&c, 4);
	getqid(&c, &d->qid);
	d->mode = getn(&c, 4);
	d->atime = getn(&c, 4);
	d->mtime = getn(&c, 4);
	d->length = getn(&c, 8);
	d->name = getstr(&c);
	d->uid = getstr(&c);
	d->gid = getstr(&c);
	d->muid = getstr(&c);
	if(c.err || c.p != c.e)
		return 0;
	return size;
}

/* A Dir whose every field means "leave unchanged" in a Twstat. */
void
dirnull(Dir *d)
{
	static char empty[1];

	d->type = 0xffff;
	d->dev = 0xffffffffu;
	d->qid.type = 0xff;
	d->qid.vers = 0xffffffffu;
	d->qid.path = ~(uint64_t)0;
	d->mode = 0xffffffffu;
	d->atime = 0xffffffffu;
	d->mtime = 0xffffffffu;
	d->length = ~(uint64_t)0;
	d->name = empty;
	d->uid = empty;
	d->gid = empty;
	d->muid = empty;
}
