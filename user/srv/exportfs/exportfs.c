/*
 * exportfs: serve a part of this process's namespace over 9P2000, with
 * lib/9p doing the protocol and the local system calls doing the
 * work.  Each fid remembers the path it names; a walk stats the new
 * path, an open opens it, reads and writes go to that descriptor.
 *	exportfs [-r root] [-s srvname]
 * Without -s it serves the channel on fd 0 (read) and fd 1 (write), so
 *	exportfs -r / </dev/eia1 >/dev/eia1
 * serves the namespace over the second serial line.  With -s it posts
 * one end of a pipe as /srv/srvname and serves the other end in the
 * background.  See exportfs(4).
 */
#include <u.h>
#include <libc.h>
#include <9psrv.h>
#include "srvpipe.h"

typedef struct Xfid Xfid;
struct Xfid {
	char *path;		/* in the exporting namespace, cleaned */
	int fd;			/* -1 until opened */
	Dir *ents;		/* an open directory's entries */
	long nents;
};

enum {
	Maxpath = 4096,
};

static char *root;
static int rfd = 0, wfd = 1;
static char errbuf[ERRMAX];

/* The local error string, for a reply. */
static char *
syserr(void)
{
	rerrstr(errbuf, sizeof errbuf);
	if(errbuf[0] == 0)
		strecpy(errbuf, errbuf + sizeof errbuf, "i/o error");
	return errbuf;
}

/*
 * Files of different devices may share qid paths (two ramfs trees
 * both have a 1), and a 9P client takes the qid path for the file's
 * identity (Linux makes it the inode number): fold the device in.
 */
static Qid
xqid(const Dir *d)
{
	Qid q;

	q = d->qid;
	q.path ^= (uint64_t)d->type << 56 ^ (uint64_t)(d->dev & 0xffffff) << 32;
	return q;
}

static Xfid *
xfidnew(char *path)
{
	Xfid *x;

	x = mallocz(sizeof *x, 1);
	if(x == nil){
		free(path);
		return nil;
	}
	x->path = path;
	x->fd = -1;
	return x;
}

static void
xfidfree(Xfid *x)
{
	if(x == nil)
		return;
	if(x->fd >= 0)
		close(x->fd);
	free(x->ents);
	free(x->path);
	free(x);
}

/* path/name, refusing paths too long to be sane. */
static char *
pathjoin(const char *path, const char *name)
{
	if(strlen(path) + strlen(name) + 2 > Maxpath){
		werrstr("file name too long");
		return nil;
	}
	if(strcmp(path, "/") == 0)
		return smprint("/%s", name);
	return smprint("%s/%s", path, name);
}

static void
xattach(Req *r)
{
	char *aname, *p;
	Xfid *x;
	Dir *d;

	aname = r->ifcall.aname;
	/* an aname picks a tree below the root, never above it */
	if(aname[0] != 0 && (strcmp(aname, "..") == 0 || strncmp(aname, "../", 3) == 0 ||
	   strstr(aname, "/../") != nil || (strlen(aname) >= 3 &&
	   strcmp(aname + strlen(aname) - 3, "/..") == 0))){
		srvrespond(r, "bad attach name");
		return;
	}
	if(aname[0] != 0)
		p = pathjoin(root, aname);
	else
		p = estrdup(root);
	if(p == nil){
		srvrespond(r, syserr());
		return;
	}
	cleanname(p);
	d = dirstat(p);
	if(d == nil){
		free(p);
		srvrespond(r, syserr());
		return;
	}
	if((d->mode & DMDIR) == 0){
		free(d);
		free(p);
		srvrespond(r, Enotdir);
		return;
	}
	x = xfidnew(p);
	if(x == nil){
		free(d);
		srvrespond(r, "out of memory");
		return;
	}
	r->fid->aux = x;
	r->fid->qid = xqid(d);
	r->ofcall.qid = r->fid->qid;
	free(d);
	srvrespond(r, nil);
}

static char *
xclone(Fid *old, Fid *new)
{
	Xfid *o;

	o = old->aux;
	new->aux = xfidnew(estrdup(o->path));
	if(new->aux == nil)
		return "out of memory";
	return nil;
}

static char *
xwalk1(Fid *fid, char *name, Qid *qid)
{
	Xfid *x;
	char *np, *s;
	Dir *d;

	x = fid->aux;
	if(strcmp(name, "..") == 0){
		/* the root is its own parent: the client never gets above it */
		if(strcmp(x->path, root) == 0)
			np = estrdup(x->path);
		else{
			np = estrdup(x->path);
			s = strrchr(np, '/');
			if(s == np)
				s[1] = 0;
			else
				*s = 0;
		}
	}else if((np = pathjoin(x->path, name)) == nil)
		return syserr();
	d = dirstat(np);
	if(d == nil){
		free(np);
		return syserr();
	}
	free(x->path);
	x->path = np;
	*qid = xqid(d);
	free(d);
	return nil;
}

static void
xopen(Req *r)
{
	Xfid *x;
	Dir *d;

	x = r->fid->aux;
	x->fd = open(x->path, r->ifcall.mode);
	if(x->fd < 0){
		srvrespond(r, syserr());
		return;
	}
	d = dirfstat(x->fd);
	if(d == nil){
		srvrespond(r, syserr());
		return;
	}
	r->ofcall.qid = xqid(d);
	free(d);
	srvrespond(r, nil);
}

static void
xcreate(Req *r)
{
	Xfid *x;
	char *np;
	Dir *d;
	int fd;

	x = r->fid->aux;
	np = pathjoin(x->path, r->ifcall.name);
	if(np == nil){
		srvrespond(r, syserr());
		return;
	}
	fd = create(np, r->ifcall.mode, r->ifcall.perm);
	if(fd < 0){
		free(np);
		srvrespond(r, syserr());
		return;
	}
	d = dirfstat(fd);
	if(d == nil){
		close(fd);
		free(np);
		srvrespond(r, syserr());
		return;
	}
	free(x->path);
	x->path = np;
	x->fd = fd;
	r->ofcall.qid = xqid(d);
	free(d);
	srvrespond(r, nil);
}

/* An open directory's entries, numbered for srvdirread. */
static int
xdirgen(uint32_t n, Dir *d, void *aux)
{
	Xfid *x;

	x = aux;
	if(n >= (uint32_t)x->nents)
		return -1;
	*d = x->ents[n];
	d->qid = xqid(&x->ents[n]);
	return 0;
}

/* Answer a read or write that moved n bytes, or failed. */
static void
xcount(Req *r, long n)
{
	if(n < 0){
		srvrespond(r, syserr());
		return;
	}
	r->ofcall.count = n;
	srvrespond(r, nil);
}

static void
xread(Req *r)
{
	Xfid *x;
	long n;

	x = r->fid->aux;
	if(r->fid->qid.type & QTDIR){
		/* a read from the start (the first, or a rewind) reads afresh */
		if(r->ifcall.offset == 0){
			free(x->ents);
			x->ents = nil;
			x->nents = 0;
			if(seek(x->fd, 0, 0) < 0){
				srvrespond(r, syserr());
				return;
			}
			n = dirreadall(x->fd, &x->ents);
			if(n < 0){
				x->ents = nil;
				srvrespond(r, syserr());
				return;
			}
			x->nents = n;
		}
		srvrespond(r, srvdirread(r, xdirgen, x));
		return;
	}
	xcount(r, pread(x->fd, r->rbuf, r->ifcall.count, r->ifcall.offset));
}

static void
xwrite(Req *r)
{
	Xfid *x;

	x = r->fid->aux;
	xcount(r, pwrite(x->fd, r->ifcall.data, r->ifcall.count, r->ifcall.offset));
}

static void
xremove(Req *r)
{
	Xfid *x;

	x = r->fid->aux;
	if(strcmp(x->path, root) == 0){
		srvrespond(r, "cannot remove the exported root");
		return;
	}
	if(remove(x->path) < 0){
		srvrespond(r, syserr());
		return;
	}
	srvrespond(r, nil);
}

static void
xstat(Req *r)
{
	Xfid *x;
	Dir *d;

	x = r->fid->aux;
	d = x->fd >= 0 ? dirfstat(x->fd) : dirstat(x->path);
	if(d == nil){
		srvrespond(r, syserr());
		return;
	}
	r->d = *d;
	r->d.qid = xqid(d);
	/* the exported root is named as the client's root is */
	if(strcmp(x->path, root) == 0)
		r->d.name = "/";
	srvrespond(r, nil);
	free(d);
}

static void
xwstat(Req *r)
{
	Xfid *x;
	char *np, *s;
	int rename;

	x = r->fid->aux;
	rename = r->d.name[0] != 0 && strcmp(r->d.name, strrchr(x->path, '/') + 1) != 0;
	if(rename && strcmp(x->path, root) == 0){
		srvrespond(r, "cannot rename the exported root");
		return;
	}
	np = nil;
	if(rename){
		np = estrdup(x->path);
		s = strrchr(np, '/');
		*s = 0;
		s = pathjoin(s == np ? "/" : np, r->d.name);
		free(np);
		if(s == nil){
			srvrespond(r, syserr());
			return;
		}
		np = s;
	}
	if(dirwstat(x->path, &r->d) < 0){
		free(np);
		srvrespond(r, syserr());
		return;
	}
	if(np != nil){
		free(x->path);
		x->path = np;
	}
	srvrespond(r, nil);
}

static void
xclunk(Fid *fid)
{
	xfidfree(fid->aux);
	fid->aux = nil;
}

static long
chanread(Srv *s, void *buf, long n)
{
	USED(s);
	return read(rfd, buf, n);
}

/* The channel (a serial line, say) may take less than all at once. */
static long
chanwrite(Srv *s, const void *buf, long n)
{
	long m, done;

	USED(s);
	for(done = 0; done < n; done += m){
		m = write(wfd, (const char*)buf + done, n - done);
		if(m <= 0)
			return -1;
	}
	return n;
}

static void
usage(void)
{
	fprint(2, "usage: exportfs [-r root] [-s srvname]\n");
	exits("usage");
}

void
main(int argc, char *argv[])
{
	char *srvname;
	int p[2];
	Dir *d;
	Srv s;

	root = "/";
	srvname = nil;
	ARGBEGIN{
	case 'r':
		root = EARGF(usage());
		break;
	case 's':
		srvname = EARGF(usage());
		break;
	default:
		usage();
	}ARGEND
	if(argc != 0)
		usage();
	if(root[0] != '/')
		sysfatal("root must be an absolute path: %s", root);
	root = cleanname(estrdup(root));
	d = dirstat(root);
	if(d == nil)
		sysfatal("%s: %r", root);
	if((d->mode & DMDIR) == 0)
		sysfatal("%s: not a directory", root);
	free(d);
	if(srvname != nil && (strchr(srvname, '/') != nil || srvname[0] == 0 ||
	   strlen(srvname) > 40))
		sysfatal("bad service name: %s", srvname);

	memset(&s, 0, sizeof s);
	s.attach = xattach;
	s.walk1 = xwalk1;
	s.clone = xclone;
	s.open = xopen;
	s.create = xcreate;
	s.read = xread;
	s.write = xwrite;
	s.remove = xremove;
	s.stat = xstat;
	s.wstat = xwstat;
	s.clunk = xclunk;
	s.readfn = chanread;
	s.writefn = chanwrite;
	s.msize = 65536 + IOHDRSZ;

	if(srvname == nil){
		if(srvrun(&s) < 0)
			exits("protocol error");
		exits(nil);
	}
	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	if(srvpost(srvname, p[0]) < 0)
		sysfatal("%r");
	switch(rfork(RFPROC|RFFDG|RFNOTEG|RFNOWAIT)){
	case -1:
		sysfatal("fork: %r");
	case 0:
		close(p[0]);
		rfd = wfd = p[1];
		if(srvrun(&s) < 0)
			exits("protocol error");
		exits(nil);
	}
	exits(nil);
}
