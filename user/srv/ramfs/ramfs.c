/*
 * ramfs: files and directories in memory.  lib/9p does the protocol;
 * this file is the tree and its rules: permissions of the attaching
 * user against owner, group (a group is just a name: a user belongs to
 * the group of the same name) and other bits, append-only and
 * exclusive-use files, truncation, rename and chmod through wstat.
 *
 * A file's ref counts its fids, its place in a directory, and its
 * children (each holds its parent), so a removed file lives on while
 * a fid still points at it, and ".." from it still works.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ramfs.h"

struct Ramfile {
	Dir d;
	Ramfs *fs;
	uint8_t *data;
	uint64_t cap;
	Ramfile *parent;
	Ramfile *child;
	Ramfile *next;
	int ref;
	int nopen;
	int removed;
};

enum {
	Maxname = 255,
	Pagesize = 4096,
	Modebits = DMDIR|DMAPPEND|DMEXCL|DMTMP|0777,
};

static char Eexist[] = "file already exists";
static char Enotempty[] = "directory is not empty";
static char Einuse[] = "exclusive use file already open";
static char Enomem[] = "out of memory";
static char Elong[] = "name too long";
static char Ebig[] = "file too big";
static char Efull[] = "file system is full";

static void
filedecref(Ramfile *f)
{
	Ramfile *p;

	while(f != NULL && --f->ref == 0){
		p = f->parent;
		free(f->d.name);
		free(f->d.uid);
		free(f->d.gid);
		free(f->d.muid);
		f->fs->bytes -= f->cap;
		free(f->data);
		free(f);
		f = p;
	}
}

static int
setstr(char **s, const char *v)
{
	char *n;

	n = strdup(v);
	if(n == NULL)
		return -1;
	free(*s);
	*s = n;
	return 0;
}

static Ramfile *
lookup(Ramfile *dir, const char *name)
{
	Ramfile *f;

	for(f = dir->child; f != NULL; f = f->next)
		if(strcmp(f->d.name, name) == 0)
			return f;
	return NULL;
}

static void
touch(Ramfs *fs, Ramfile *f, const char *uid)
{
	f->d.mtime = f->d.atime = fs->now();
	f->d.qid.vers++;
	setstr(&f->d.muid, uid);
}

static void
fileunlink(Ramfile *f)
{
	Ramfile **l;

	for(l = &f->parent->child; *l != NULL; l = &(*l)->next)
		if(*l == f){
			*l = f->next;
			break;
		}
	f->removed = 1;
	filedecref(f);
}

static Ramfile *
filenew(Ramfs *fs, Ramfile *dir, const char *name, const char *uid,
	const char *gid, uint32_t mode)
{
	Ramfile *f;

	f = calloc(1, sizeof *f);
	if(f == NULL)
		return NULL;
	f->fs = fs;
	f->d.name = strdup(name);
	f->d.uid = strdup(uid);
	f->d.gid = strdup(gid);
	f->d.muid = strdup(uid);
	if(!f->d.name || !f->d.uid || !f->d.gid || !f->d.muid){
		f->ref = 1;
		filedecref(f);
		return NULL;
	}
	f->d.mode = mode;
	f->d.qid.path = fs->nextpath++;
	f->d.qid.type = mode>>24 & (QTDIR|QTAPPEND|QTEXCL|QTTMP);
	f->d.atime = f->d.mtime = fs->now();
	f->ref = 1;
	if(dir != NULL){
		f->parent = dir;
		dir->ref++;
		f->next = dir->child;
		dir->child = f;
	}
	return f;
}

/* Set f's length, growing its buffer; nil or why not. */
static char *
resize(Ramfs *fs, Ramfile *f, uint64_t len)
{
	uint64_t cap;
	uint8_t *p;

	if(len > fs->maxfile)
		return Ebig;
	if(len > f->cap){
		cap = f->cap < 4096 ? 4096 : f->cap;
		while(cap < len)
			cap *= 2;
		if(cap > fs->maxfile)
			cap = fs->maxfile;
		if(fs->bytes - f->cap + cap > fs->maxbytes)
			return Efull;
		/* page-aligned, so whole pages can go by exchange (pages(5)) */
		p = aligned_alloc(Pagesize, cap);
		if(p == NULL)
			return Enomem;
		if(f->data != NULL)
			memcpy(p, f->data, f->d.length);
		free(f->data);
		fs->bytes += cap - f->cap;
		f->data = p;
		f->cap = cap;
	}
	if(len > f->d.length)
		memset(f->data + f->d.length, 0, len - f->d.length);
	f->d.length = len;
	return NULL;
}

static void
fsattach(Req *r)
{
	Ramfs *fs = r->srv->aux;

	if(r->ifcall.aname[0] != 0 && strcmp(r->ifcall.aname, "/") != 0){
		srvrespond(r, "no such tree");
		return;
	}
	if(strlen(r->ifcall.uname) > Maxname){
		srvrespond(r, "unknown user");
		return;
	}
	/* a client that names no user is the anonymous one */
	if(r->ifcall.uname[0] == 0 && setstr(&r->fid->uid, "none") < 0){
		srvrespond(r, Enomem);
		return;
	}
	r->fid->aux = fs->root;
	fs->root->ref++;
	r->ofcall.qid = fs->root->d.qid;
	srvrespond(r, NULL);
}

static char *
fsclone(Fid *old, Fid *new)
{
	Ramfile *f = old->aux;

	new->aux = f;
	f->ref++;
	return NULL;
}

static char *
fswalk1(Fid *fid, char *name, Qid *qid)
{
	Ramfile *f = fid->aux, *n;

	if(!srvperm(&f->d, fid->uid, DMEXEC))
		return Eperm;
	if(strcmp(name, "..") == 0)
		n = f->parent != NULL ? f->parent : f;
	else if((n = lookup(f, name)) == NULL)
		return Enotfound;
	n->ref++;
	filedecref(f);
	fid->aux = n;
	*qid = n->d.qid;
	return NULL;
}

static void
fsopen(Req *r)
{
	Ramfs *fs = r->srv->aux;
	Ramfile *f = r->fid->aux;
	int mode = r->ifcall.mode;

	if(!srvperm(&f->d, r->fid->uid, srvopenneed(mode)) || (mode&ORCLOSE &&
	   (f->parent == NULL || !srvperm(&f->parent->d, r->fid->uid, DMWRITE)))){
		srvrespond(r, Eperm);
		return;
	}
	if(f->d.mode & DMEXCL && f->nopen > 0){
		srvrespond(r, Einuse);
		return;
	}
	if(mode&OTRUNC && f->d.length > 0){
		f->d.length = 0;
		touch(fs, f, r->fid->uid);
	}
	f->nopen++;
	r->ofcall.qid = f->d.qid;
	srvrespond(r, NULL);
}

static void
fscreate(Req *r)
{
	Ramfs *fs = r->srv->aux;
	Ramfile *dir = r->fid->aux, *f;
	uint32_t perm = r->ifcall.perm;

	if(!srvperm(&dir->d, r->fid->uid, DMWRITE)){
		srvrespond(r, Eperm);
		return;
	}
	if(dir->removed){
		srvrespond(r, Enotfound);
		return;
	}
	/* 9P's create is always exclusive: an existing name is an error */
	if(lookup(dir, r->ifcall.name) != NULL){
		srvrespond(r, Eexist);
		return;
	}
	if(strlen(r->ifcall.name) > Maxname){
		srvrespond(r, Elong);
		return;
	}
	if(perm & DMDIR)
		perm &= ~0777 | (dir->d.mode & 0777);
	else
		perm &= ~0666 | (dir->d.mode & 0666);
	f = filenew(fs, dir, r->ifcall.name, r->fid->uid, dir->d.gid,
		perm & Modebits);
	if(f == NULL){
		srvrespond(r, Enomem);
		return;
	}
	touch(fs, dir, r->fid->uid);
	f->ref++;
	f->nopen++;
	r->fid->aux = f;
	filedecref(dir);
	r->ofcall.qid = f->d.qid;
	srvrespond(r, NULL);
}

static int
dirgen(uint32_t n, Dir *d, void *aux)
{
	Ramfile *f;

	for(f = ((Ramfile*)aux)->child; f != NULL && n > 0; f = f->next)
		n--;
	if(f == NULL)
		return -1;
	*d = f->d;
	return 0;
}

static void
fsread(Req *r)
{
	Ramfs *fs = r->srv->aux;
	Ramfile *f = r->fid->aux;

	f->d.atime = fs->now();
	if(f->d.mode & DMDIR){
		srvrespond(r, srvdirread(r, dirgen, f));
		return;
	}
	srvreadbuf(r, f->data, f->d.length);
	srvrespond(r, NULL);
}

/*
 * A Twritepg's pages go straight into the file where they line up with
 * its pages; fswrite then finds the data in place.
 */
static void *
fspagedest(Req *r)
{
	Ramfs *fs = r->srv->aux;
	Ramfile *f = r->fid->aux;
	uint64_t off = r->ifcall.offset, end;

	if(f->d.mode & DMDIR)
		return NULL;
	if(f->d.mode & DMAPPEND)
		off = f->d.length;
	end = off + r->ifcall.count;
	if((off & (Pagesize - 1)) != 0 || end < off)
		return NULL;
	if(end > f->d.length && resize(fs, f, end) != NULL)
		return NULL;	/* fswrite says why */
	return f->data + off;
}

static void
fswrite(Req *r)
{
	Ramfs *fs = r->srv->aux;
	Ramfile *f = r->fid->aux;
	uint64_t off = r->ifcall.offset, end;
	char *err;

	r->ofcall.count = 0;
	if(r->ifcall.count == 0){
		srvrespond(r, NULL);
		return;
	}
	if(f->d.mode & DMAPPEND)
		off = f->d.length;
	end = off + r->ifcall.count;
	err = end < off ? Ebig : NULL;
	if(err == NULL && end > f->d.length)
		err = resize(fs, f, end);
	if(err != NULL){
		srvrespond(r, err);
		return;
	}
	if(r->ifcall.data != f->data + off)	/* not already there (fspagedest) */
		memcpy(f->data + off, r->ifcall.data, r->ifcall.count);
	touch(fs, f, r->fid->uid);
	r->ofcall.count = r->ifcall.count;
	srvrespond(r, NULL);
}

static char *
removable(Ramfile *f, const char *uid)
{
	if(f->parent == NULL)
		return "cannot remove root";
	if(f->removed)
		return Enotfound;
	if(!srvperm(&f->parent->d, uid, DMWRITE))
		return Eperm;
	if(f->child != NULL)
		return Enotempty;
	return NULL;
}

static void
fsremove(Req *r)
{
	Ramfs *fs = r->srv->aux;
	Ramfile *f = r->fid->aux;
	char *err;

	err = removable(f, r->fid->uid);
	if(err == NULL){
		touch(fs, f->parent, r->fid->uid);
		fileunlink(f);
	}
	srvrespond(r, err);
}

static void
fsstat(Req *r)
{
	Ramfile *f = r->fid->aux;

	r->d = f->d;
	if(f->d.mode & DMDIR)
		r->d.length = 0;
	srvrespond(r, NULL);
}

/* Twstat changes all it asks or nothing, so every check comes first. */
static char *
wstatcheck(Ramfile *f, Dir *d, const char *uid)
{
	int owner = strcmp(uid, f->d.uid) == 0;

	if(d->uid[0] != 0 && strcmp(d->uid, f->d.uid) != 0)
		return "cannot change owner";
	if(d->mode != 0xffffffffu){
		if(!owner)
			return "not owner";
		if(d->mode & ~Modebits)
			return "bad mode";
	}
	if((d->mtime != 0xffffffffu || d->atime != 0xffffffffu ||
	   d->gid[0] != 0) && !owner)
		return "not owner";
	if(strlen(d->gid) > Maxname)
		return Elong;
	if(d->length != ~(uint64_t)0 && d->length != f->d.length){
		if(f->d.mode & DMDIR)
			return Eisdir;
		if(!srvperm(&f->d, uid, DMWRITE))
			return Eperm;
	}
	if(d->name[0] != 0 && strcmp(d->name, f->d.name) != 0){
		if(f->parent == NULL)
			return "cannot rename the root";
		if(!srvperm(&f->parent->d, uid, DMWRITE))
			return Eperm;
		if(strlen(d->name) > Maxname)
			return Elong;
		if(lookup(f->parent, d->name) != NULL)
			return Eexist;
	}
	return NULL;
}

static void
fswstat(Req *r)
{
	Ramfs *fs = r->srv->aux;
	Ramfile *f = r->fid->aux;
	Dir *d = &r->d;
	char *err;

	err = wstatcheck(f, d, r->fid->uid);
	if(err == NULL && d->length != ~(uint64_t)0 && d->length != f->d.length){
		err = resize(fs, f, d->length);
		if(err == NULL)
			touch(fs, f, r->fid->uid);
	}
	if(err == NULL && ((d->name[0] != 0 && setstr(&f->d.name, d->name) < 0) ||
	   (d->gid[0] != 0 && setstr(&f->d.gid, d->gid) < 0)))
		err = Enomem;
	if(err != NULL){
		srvrespond(r, err);
		return;
	}
	if(d->mode != 0xffffffffu){
		f->d.mode = d->mode;
		f->d.qid.type = d->mode>>24 & (QTDIR|QTAPPEND|QTEXCL|QTTMP);
	}
	if(d->mtime != 0xffffffffu)
		f->d.mtime = d->mtime;
	if(d->atime != 0xffffffffu)
		f->d.atime = d->atime;
	srvrespond(r, NULL);
}

static void
fsclunk(Fid *fid)
{
	Ramfs *fs = fid->srv->aux;
	Ramfile *f = fid->aux;

	if(f == NULL)
		return;
	if(fid->omode != -1){
		f->nopen--;
		if(fid->omode & ORCLOSE && removable(f, fid->uid) == NULL){
			touch(fs, f->parent, fid->uid);
			fileunlink(f);
		}
	}
	filedecref(f);
}

Ramfs *
ramfsnew(const char *owner, uint32_t (*now)(void))
{
	Ramfs *fs;

	fs = calloc(1, sizeof *fs);
	if(fs == NULL)
		return NULL;
	fs->now = now;
	fs->maxfile = 256<<20;
	fs->maxbytes = 1<<30;
	fs->root = filenew(fs, NULL, "/", owner, owner, DMDIR|0777);
	if(fs->root == NULL){
		free(fs);
		return NULL;
	}
	return fs;
}

static void
freetree(Ramfile *f)
{
	Ramfile *c, *next;

	for(c = f->child; c != NULL; c = next){
		next = c->next;
		freetree(c);
	}
	f->ref = 1;
	f->parent = NULL;
	filedecref(f);
}

/* Frees the whole tree; no session may be using it. */
void
ramfsfree(Ramfs *fs)
{
	freetree(fs->root);
	free(fs);
}

void
ramfssrv(Srv *s, Ramfs *fs)
{
	s->aux = fs;
	s->attach = fsattach;
	s->clone = fsclone;
	s->walk1 = fswalk1;
	s->open = fsopen;
	s->create = fscreate;
	s->read = fsread;
	s->write = fswrite;
	s->pagedest = fspagedest;
	s->remove = fsremove;
	s->stat = fsstat;
	s->wstat = fswstat;
	s->clunk = fsclunk;
}
