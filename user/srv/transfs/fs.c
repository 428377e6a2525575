/*
 * The translated tree over 9P.  A fid names a path in the source tree;
 * reading a file translates the whole source file with the read chain,
 * once per source version: translations are cached by the source's
 * qid (path and version; length and mtime too, for servers that never
 * bump the version).  A file opened for writing collects what is
 * written, and when it is clunked the write chain translates it and the
 * result replaces the source file.  The root holds one extra file,
 * .transfs, with the counters.
 */
#include <u.h>
#include <libc.h>
#include <9psrv.h>
#include "transfs.h"

typedef struct Entry Entry;
typedef struct Tfid Tfid;

/* A cached translation of one version of one source file. */
struct Entry {
	Qid qid;
	ushort type;
	uint dev;
	uint mtime;
	uvlong length;
	uchar *data;
	ulong n;
	int ref;		/* the cache's and each reader's */
	int incache;
	Entry *next;
};

struct Tfid {
	char *path;		/* in the source tree */
	int root;
	int stats;		/* the .transfs file */
	Entry *e;		/* what this open reads */
	int writing;
	int dirty;
	Buf w;			/* what this open writes */
	Dir *dirs;		/* a directory's entries, read at open */
	long ndirs;
	char *text;		/* .transfs as of the open */
};

static char Estats[] = ".transfs";
static char Enomem[] = "out of memory";
static char Eronly[] = "read-only: no write chain (trans -w)";
static char ebuf[ERRMAX];
static Entry *cache;	/* most recently used first */

/* The counters' file cannot clash with a source qid: sources use small paths. */
#define Qstats (~0ULL)

static char *
syserr(void)
{
	rerrstr(ebuf, sizeof ebuf);
	return ebuf;
}

static void
entryput(Trans *t, Entry *e)
{
	if(e == nil || --e->ref > 0)
		return;
	if(e->incache)
		t->cached -= e->n;
	free(e->data);
	free(e);
}

static void
uncache(Trans *t, Entry *e)
{
	Entry **l;

	for(l = &cache; *l != nil; l = &(*l)->next)
		if(*l == e){
			*l = e->next;
			e->incache = 0;
			t->cached -= e->n;
			entryput(t, e);
			return;
		}
}

static int
samefile(Entry *e, uvlong path, ushort type, uint dev)
{
	return e->qid.path == path && e->type == type && e->dev == dev;
}

/* The cached translation of the source file d describes, or nil. */
static Entry *
lookup(Dir *d)
{
	Entry *e, **l;

	for(l = &cache; (e = *l) != nil; l = &e->next)
		if(samefile(e, d->qid.path, d->type, d->dev) && e->qid.vers == d->qid.vers &&
		   e->mtime == d->mtime && e->length == d->length){
			*l = e->next;
			e->next = cache;
			cache = e;
			return e;
		}
	return nil;
}

static void
insert(Trans *t, Entry *e)
{
	Entry *o, *next, **l;

	/* older versions of the same file are of no more use */
	for(l = &cache; (o = *l) != nil; l = &o->next)
		if(samefile(o, e->qid.path, e->type, e->dev)){
			uncache(t, o);
			break;
		}
	e->incache = 1;
	e->ref++;
	e->next = cache;
	cache = e;
	t->cached += e->n;
	/* over the limit: drop the least recently used, never the new one */
	while(t->cached > t->maxcache){
		for(o = cache; o->next != nil && o->next->next != nil; o = o->next)
			;
		next = o->next;
		if(next == nil)
			break;
		uncache(t, next);
	}
}

/* Translate the source file at path (or take it from the cache). */
static Entry *
translate(Trans *t, char *path, char **err)
{
	Entry *e;
	Dir *d;
	Buf in, out;
	uchar tmp[8192];
	long n;
	int fd;

	fd = open(path, OREAD);
	if(fd < 0){
		*err = syserr();
		return nil;
	}
	d = dirfstat(fd);
	if(d == nil){
		*err = syserr();
		close(fd);
		return nil;
	}
	e = lookup(d);
	if(e != nil){
		t->hits++;
		e->ref++;
		free(d);
		close(fd);
		return e;
	}
	memset(&in, 0, sizeof in);
	in.max = t->rd->maxout;
	while((n = read(fd, tmp, sizeof tmp)) > 0)
		if(bufput(&in, tmp, n) < 0){
			werrstr(in.over ? "source file too big" : Enomem);
			n = -1;
			break;
		}
	close(fd);
	e = nil;
	if(n < 0)
		*err = syserr();
	else if(chainrun(t->rd, in.p, in.n, &out) < 0){
		*err = syserr();
		t->errors++;
		snprint(t->lasterr, sizeof t->lasterr, "%s: %s", path, *err);
	}else if((e = mallocz(sizeof *e, 1)) == nil){
		*err = Enomem;
		buffree(&out);
	}else{
		t->runs++;
		e->qid = d->qid;
		e->type = d->type;
		e->dev = d->dev;
		e->mtime = d->mtime;
		e->length = d->length;
		e->data = out.p;
		e->n = out.n;
		e->ref = 1;
		insert(t, e);
	}
	buffree(&in);
	free(d);
	return e;
}

static Tfid *
tfidnew(const char *path, int root)
{
	Tfid *f;

	f = mallocz(sizeof *f, 1);
	if(f == nil)
		return nil;
	f->path = strdup(path);
	if(f->path == nil){
		free(f);
		return nil;
	}
	f->root = root;
	return f;
}

/* What a client sees of a source entry: no write bits without a write chain. */
static void
fixdir(Trans *t, Dir *d)
{
	Entry *e;

	if(t->wr == nil)
		d->mode &= ~0222;
	if(d->qid.type & QTDIR)
		return;
	/* the translated length is known only once translated */
	e = lookup(d);
	d->length = e != nil ? e->n : 0;
}

static void
statsdir(Dir *d, const char *uid)
{
	memset(d, 0, sizeof *d);
	d->qid.path = Qstats;
	d->mode = 0444;
	d->name = Estats;
	d->uid = d->gid = d->muid = (char*)uid;
}

static char *
statstext(Trans *t)
{
	return smprint("runs %lld\nhits %lld\nwriteruns %lld\nerrors %lld\ncached %lud\nlasterror %s\n",
		t->runs, t->hits, t->wruns, t->errors, t->cached, t->lasterr);
}

static void
fsattach(Req *r)
{
	Trans *t = r->srv->aux;
	Dir *d;
	Tfid *f;

	if(r->ifcall.aname[0] != 0 && strcmp(r->ifcall.aname, "/") != 0){
		srvrespond(r, "no such tree");
		return;
	}
	d = dirstat(t->src);
	if(d == nil){
		srvrespond(r, syserr());
		return;
	}
	f = tfidnew(t->src, 1);
	if(f == nil){
		free(d);
		srvrespond(r, Enomem);
		return;
	}
	r->fid->aux = f;
	r->ofcall.qid = d->qid;
	free(d);
	srvrespond(r, nil);
}

static char *
fsclone(Fid *old, Fid *new)
{
	Tfid *o = old->aux, *f;

	f = tfidnew(o->path, o->root);
	if(f == nil)
		return Enomem;
	f->stats = o->stats;
	new->aux = f;
	return nil;
}

static char *
fswalk1(Fid *fid, char *name, Qid *qid)
{
	Trans *t = fid->srv->aux;
	Tfid *f = fid->aux;
	char *p, *np;
	Dir *d;

	if(strcmp(name, "..") == 0){
		/* never above the source's root */
		np = strdup(f->path);
		if(np != nil && !f->root && (p = strrchr(np, '/')) != nil)
			*p = 0;
	}else if(f->root && strcmp(name, Estats) == 0){
		f->root = 0;
		f->stats = 1;
		memset(qid, 0, sizeof *qid);
		qid->path = Qstats;
		return nil;
	}else
		np = smprint("%s/%s", strcmp(f->path, "/") == 0 ? "" : f->path, name);
	if(np != nil && np[0] == 0){
		free(np);
		np = strdup("/");
	}
	if(np == nil)
		return Enomem;
	d = dirstat(np);
	if(d == nil){
		free(np);
		return syserr();
	}
	free(f->path);
	f->path = np;
	f->root = strcmp(np, t->src) == 0;
	*qid = d->qid;
	free(d);
	return nil;
}

/* A writer starts from the file's translation, or from nothing with OTRUNC. */
static char *
startwrite(Trans *t, Tfid *f, int trunc)
{
	Entry *e;
	char *err;
	int fd;

	if(t->wr == nil)
		return Eronly;
	/* fail now, not at the clunk, if the source cannot be written */
	fd = open(f->path, OWRITE);
	if(fd < 0)
		return syserr();
	close(fd);
	f->w.max = t->wr->maxout;
	if(!trunc){
		e = translate(t, f->path, &err);
		if(e == nil)
			return err;
		if(bufput(&f->w, e->data, e->n) < 0){
			entryput(t, e);
			return Enomem;
		}
		entryput(t, e);
	}
	f->writing = 1;
	f->dirty = trunc;
	return nil;
}

static void
fsopen(Req *r)
{
	Trans *t = r->srv->aux;
	Tfid *f = r->fid->aux;
	int mode = r->ifcall.mode, fd;
	char *err;

	if(f->stats){
		if((mode&3) != OREAD && (mode&3) != OEXEC)
			srvrespond(r, Eperm);
		else if((f->text = statstext(t)) == nil)
			srvrespond(r, Enomem);
		else
			srvrespond(r, nil);
		return;
	}
	if(r->fid->qid.type & QTDIR){
		fd = open(f->path, OREAD);
		if(fd < 0){
			srvrespond(r, syserr());
			return;
		}
		f->ndirs = dirreadall(fd, &f->dirs);
		close(fd);
		srvrespond(r, f->ndirs < 0 ? syserr() : nil);
		return;
	}
	err = nil;
	if(mode&ORCLOSE && t->wr == nil)
		err = Eronly;
	else if((mode&3) == OWRITE || (mode&3) == ORDWR)
		err = startwrite(t, f, mode&OTRUNC);
	srvrespond(r, err);
}

static void
fscreate(Req *r)
{
	Trans *t = r->srv->aux;
	Tfid *f = r->fid->aux;
	char *np;
	Dir *d;
	int fd;

	if(t->wr == nil){
		srvrespond(r, Eronly);
		return;
	}
	if(f->root && strcmp(r->ifcall.name, Estats) == 0){
		srvrespond(r, Eperm);
		return;
	}
	np = smprint("%s/%s", strcmp(f->path, "/") == 0 ? "" : f->path, r->ifcall.name);
	if(np == nil){
		srvrespond(r, Enomem);
		return;
	}
	fd = create(np, (r->ifcall.perm & DMDIR) ? OREAD : OWRITE, r->ifcall.perm);
	if(fd < 0 || (d = dirfstat(fd)) == nil){
		if(fd >= 0)
			close(fd);
		free(np);
		srvrespond(r, syserr());
		return;
	}
	close(fd);
	free(f->path);
	f->path = np;
	f->root = 0;
	r->ofcall.qid = d->qid;
	free(d);
	if(!(r->ofcall.qid.type & QTDIR)){
		f->w.max = t->wr->maxout;
		f->writing = 1;
		f->dirty = 1;
	}
	srvrespond(r, nil);
}

static int
dirgen(uint32_t n, Dir *d, void *aux)
{
	Fid *fid = aux;
	Trans *t = fid->srv->aux;
	Tfid *f = fid->aux;
	long i;

	if(f->root){
		if(n == 0){
			statsdir(d, fid->uid);
			return 0;
		}
		n--;
	}
	for(i = 0; i < f->ndirs; i++){
		if(f->root && strcmp(f->dirs[i].name, Estats) == 0)
			continue;
		if(n-- == 0){
			*d = f->dirs[i];
			fixdir(t, d);
			return 0;
		}
	}
	return -1;
}

static void
fsread(Req *r)
{
	Trans *t = r->srv->aux;
	Tfid *f = r->fid->aux;
	char *err;

	if(f->stats){
		srvreadstr(r, f->text);
		srvrespond(r, nil);
		return;
	}
	if(r->fid->qid.type & QTDIR){
		srvrespond(r, srvdirread(r, dirgen, r->fid));
		return;
	}
	if(f->writing){
		srvreadbuf(r, f->w.p, f->w.n);
		srvrespond(r, nil);
		return;
	}
	/* one translation per open: a reader sees one version throughout */
	if(f->e == nil && (f->e = translate(t, f->path, &err)) == nil){
		srvrespond(r, err);
		return;
	}
	srvreadbuf(r, f->e->data, f->e->n);
	srvrespond(r, nil);
}

static void
fswrite(Req *r)
{
	Tfid *f = r->fid->aux;
	uvlong off = r->ifcall.offset;
	ulong n = r->ifcall.count;

	if(!f->writing){
		srvrespond(r, Eperm);
		return;
	}
	r->ofcall.count = 0;
	if(n == 0){
		srvrespond(r, nil);
		return;
	}
	if(off > f->w.max || n > f->w.max - off){
		srvrespond(r, "file too big for the write chain");
		return;
	}
	if(off + n > f->w.n){
		/* grow (a hole reads as zeros), then overwrite */
		ulong old = f->w.n, grow = off + n - old;
		uchar *z = mallocz(grow, 1);
		if(z == nil || bufput(&f->w, z, grow) < 0){
			free(z);
			srvrespond(r, Enomem);
			return;
		}
		free(z);
	}
	memmove(f->w.p + off, r->ifcall.data, n);
	f->dirty = 1;
	r->ofcall.count = n;
	srvrespond(r, nil);
}

/*
 * 9P's clunk cannot fail, so a write chain's error is kept in
 * .transfs and printed; the source file is left as it was.
 */
static void
writeback(Trans *t, Tfid *f)
{
	Buf out;
	long n;
	int fd;

	if(chainrun(t->wr, f->w.p, f->w.n, &out) < 0)
		goto bad;
	t->wruns++;
	fd = open(f->path, OWRITE|OTRUNC);
	if(fd < 0){
		buffree(&out);
		goto bad;
	}
	n = out.n > 0 ? write(fd, out.p, out.n) : 0;
	close(fd);
	if(n >= 0 && (ulong)n != out.n)
		werrstr("short write");
	if(n < 0 || (ulong)n != out.n){
		buffree(&out);
		goto bad;
	}
	buffree(&out);
	return;
bad:
	t->errors++;
	snprint(t->lasterr, sizeof t->lasterr, "write %s: %r", f->path);
	fprint(2, "transfs: %s\n", t->lasterr);
}

static void
fsremove(Req *r)
{
	Tfid *f = r->fid->aux;
	Trans *t = r->srv->aux;

	if(t->wr == nil){
		srvrespond(r, Eronly);
		return;
	}
	if(f->stats || f->root){
		srvrespond(r, Eperm);
		return;
	}
	/* the clunk that follows must not write the file back */
	f->writing = 0;
	srvrespond(r, remove(f->path) < 0 ? syserr() : nil);
}

static void
fsstat(Req *r)
{
	Trans *t = r->srv->aux;
	Tfid *f = r->fid->aux;
	Dir *d;

	if(f->stats){
		statsdir(&r->d, r->fid->uid);
		srvrespond(r, nil);
		return;
	}
	d = dirstat(f->path);
	if(d == nil){
		srvrespond(r, syserr());
		return;
	}
	fixdir(t, d);
	if(f->writing)
		d->length = f->w.n;
	r->d = *d;
	srvrespond(r, nil);
	free(d);
}

static void
fsclunk(Fid *fid)
{
	Trans *t = fid->srv->aux;
	Tfid *f = fid->aux;

	if(f == nil)
		return;
	if(f->writing && f->dirty)
		writeback(t, f);
	if(fid->omode != -1 && (fid->omode & ORCLOSE) && !f->stats && !f->root &&
	   t->wr != nil && remove(f->path) < 0)
		fprint(2, "transfs: remove %s: %r\n", f->path);
	entryput(t, f->e);
	buffree(&f->w);
	free(f->dirs);
	free(f->text);
	free(f->path);
	free(f);
	fid->aux = nil;
}

void
transsrv(Srv *s, Trans *t)
{
	s->attach = fsattach;
	s->walk1 = fswalk1;
	s->clone = fsclone;
	s->open = fsopen;
	s->create = fscreate;
	s->read = fsread;
	s->write = fswrite;
	s->remove = fsremove;
	s->stat = fsstat;
	s->clunk = fsclunk;
	s->aux = t;
}
