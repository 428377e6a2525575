/*
 * File system calls: open, create, close, pread, pwrite, seek, stat,
 * fstat, wstat, fwstat, remove, chdir, dup, pipe, fd2path, bind, mount,
 * unmount.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

/*
 * Offsets stay below Maxoff, so offset arithmetic (offset + count) can
 * never wrap around to a negative number in any device.
 */
enum { Maxname = 4096, Maxio = 1<<30 };
#define Maxoff	(1LL<<60)

static char*
namearg(uintptr a)
{
	return validstr(a, Maxname);
}

static int
openmode(ulong o)
{
	if(o & ~(OTRUNC|OCEXEC|ORCLOSE|OEXCL|3))
		error(Ebadarg);
	return o;
}

/* Open (or create) name and give it a descriptor. */
static int
openfd(char *name, int amode, int mode, ulong perm)
{
	Chan *c;
	int fd;

	c = namec(name, amode, mode, perm);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	fd = newfd(c);
	poperror();
	return fd;
}

uintptr
sysopen(uintptr *arg)
{
	return openfd(namearg(arg[0]), Aopen, openmode(arg[1]), 0);
}

uintptr
syscreate(uintptr *arg)
{
	return openfd(namearg(arg[0]), Acreate, openmode(arg[1]), arg[2]);
}

uintptr
sysclose(uintptr *arg)
{
	Fgrp *f;
	Chan *c;
	int fd;

	fd = arg[0];
	f = up->fgrp;
	if(fd < 0 || fd > f->maxfd || (c = f->fd[fd]) == nil)
		error(Ebadfd);
	f->fd[fd] = nil;
	while(f->maxfd >= 0 && f->fd[f->maxfd] == nil)
		f->maxfd--;
	cclose(c);
	return 0;
}

long
devtabread(Chan *c, void *a, long n, vlong off)
{
	if(c->umh != nil && (c->qid.type & QTDIR))
		return unionread(c, a, n);
	return devtab[c->type]->read(c, a, n, off);
}

long
devtabwrite(Chan *c, void *a, long n, vlong off)
{
	return devtab[c->type]->write(c, a, n, off);
}

static long
rw(uintptr *arg, int write)
{
	Chan *c;
	void *a;
	long n, r;
	vlong off;
	int seq;

	n = arg[2];
	if(n < 0 || n > Maxio)
		error(Ebadarg);
	a = uva(arg[1], n, !write);
	c = fdtochan(arg[0], write ? OWRITE : OREAD);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	off = arg[3];
	seq = off == -1;
	if(seq)
		off = c->offset;
	if(off < 0 || off > Maxoff)
		error(Ebadarg);
	if((c->qid.type & QTDIR) && write)
		error(Eisdir);
	if((c->qid.type & QTDIR) && !seq && off != c->offset){
		/* directories are read in order; only a rewind is allowed */
		if(off != 0)
			error(Ebadarg);
		c->offset = 0;
		c->aux2 = 0;
		if(c->ucur){
			cclose(c->ucur);
			c->ucur = nil;
		}
	}
	if(write)
		r = devtabwrite(c, a, n, off);
	else
		r = devtabread(c, a, n, off);
	if(seq || (c->qid.type & QTDIR))
		c->offset = off + r;
	poperror();
	cclose(c);
	return r;
}

uintptr
syspread(uintptr *arg)
{
	return rw(arg, 0);
}

uintptr
syspwrite(uintptr *arg)
{
	return rw(arg, 1);
}

uintptr
sysseek(uintptr *arg)
{
	Chan *c;
	vlong off, n;
	uchar buf[STATFIXLEN + 4*KNAMELEN*8];
	Dir d;

	c = fdtochan(arg[0], -1);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	if(devtab[c->type]->dc == '|')
		error(Eisstream);
	off = arg[1];
	switch(arg[2]){
	case SEEKSET:
		n = off;
		break;
	case SEEKCUR:
		if(off > Maxoff || off < -Maxoff)
			error(Ebadarg);
		n = c->offset + off;
		break;
	case SEEKEND:
		n = devtab[c->type]->stat(c, buf, sizeof buf);
		if(n <= 2 || dirunpack(buf, n, &d) == 0)
			error(Ebadstat);
		if(off > Maxoff || off < -Maxoff || d.length > (uvlong)Maxoff)
			error(Ebadarg);
		n = d.length + off;
		break;
	default:
		error(Ebadarg);
	}
	if(n < 0 || n > Maxoff || ((c->qid.type & QTDIR) && n != 0))
		error(Ebadarg);
	c->offset = n;
	poperror();
	cclose(c);
	return n;
}

/* Stat c into the user's buffer; c is closed either way. */
static long
chanstat(Chan *c, uintptr ua, long n)
{
	uchar *db;

	if(waserror()){
		cclose(c);
		nexterror();
	}
	if(n < 0)
		error(Ebadarg);
	db = uva(ua, n, 1);
	n = devtab[c->type]->stat(c, db, n);
	poperror();
	cclose(c);
	return n;
}

uintptr
sysfstat(uintptr *arg)
{
	return chanstat(fdtochan(arg[0], -1), arg[1], arg[2]);
}

uintptr
sysstat(uintptr *arg)
{
	return chanstat(namec(namearg(arg[0]), Aaccess, 0, 0), arg[1], arg[2]);
}

/* Change c's stat from the user's buffer; c is closed either way. */
static long
chanwstat(Chan *c, uintptr ua, long n)
{
	uchar *volatile db;
	Dir d;

	db = nil;
	if(waserror()){
		free(db);
		cclose(c);
		nexterror();
	}
	if(n < STATFIXLEN || n > STATMAX)
		error(Ebadstat);
	db = smalloc(n);
	memmove(db, uva(ua, n, 0), n);
	if(dirunpack(db, n, &d) == 0)
		error(Ebadstat);
	memmove(db, uva(ua, n, 0), n);	/* unpack rewrote the strings */
	devtab[c->type]->wstat(c, db, n);
	poperror();
	free(db);
	cclose(c);
	return 0;
}

uintptr
sysfwstat(uintptr *arg)
{
	return chanwstat(fdtochan(arg[0], -1), arg[1], arg[2]);
}

uintptr
syswstat(uintptr *arg)
{
	return chanwstat(namec(namearg(arg[0]), Aaccess, 0, 0), arg[1], arg[2]);
}

uintptr
sysremove(uintptr *arg)
{
	Chan *c;

	c = namec(namearg(arg[0]), Aremove, 0, 0);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	devtab[c->type]->remove(c);
	/* the device has released c's file; only the Chan remains */
	c->type = devno('/');
	c->flag &= ~COPEN;
	poperror();
	cclose(c);
	return 0;
}

uintptr
syschdir(uintptr *arg)
{
	Chan *c;

	c = namec(namearg(arg[0]), Atodir, 0, 0);
	cclose(up->dot);
	up->dot = c;
	return 0;
}

uintptr
sysdup(uintptr *arg)
{
	Chan *c, *oc;
	Fgrp *f;
	int fd, nfd;

	fd = arg[0];
	nfd = arg[1];
	c = fdtochan(fd, -1);
	f = up->fgrp;
	if(nfd == -1){
		if(waserror()){
			cclose(c);
			nexterror();
		}
		nfd = newfd(c);
		poperror();
		return nfd;
	}
	if(nfd < 0 || nfd >= 4096){
		cclose(c);
		error(Ebadfd);
	}
	if(nfd >= f->nfd){
		Chan **n;
		int nn;

		nn = (nfd + 32) & ~31;
		n = malloc(nn * sizeof(Chan*));
		if(n == nil){
			cclose(c);
			error(Enomem);
		}
		memmove(n, f->fd, f->nfd * sizeof(Chan*));
		free(f->fd);
		f->fd = n;
		f->nfd = nn;
	}
	oc = f->fd[nfd];
	f->fd[nfd] = c;
	if(nfd > f->maxfd)
		f->maxfd = nfd;
	if(oc)
		cclose(oc);
	return nfd;
}

uintptr
sysfd2path(uintptr *arg)
{
	Chan *c;
	char *buf;
	int n;

	n = arg[2];
	if(n <= 0)
		error(Ebadarg);
	buf = uva(arg[1], n, 1);
	c = fdtochan(arg[0], -1);
	strecpy(buf, buf + n, c->path ? c->path : "");
	cclose(c);
	return 0;
}

uintptr
syspipe(uintptr *arg)
{
	int *fd;
	Chan *c[2];
	int i;

	fd = uva(arg[0], 2*sizeof(int), 1);
	c[0] = namec("#|", Atodir, 0, 0);
	c[1] = nil;
	fd[0] = fd[1] = -1;
	if(waserror()){
		cclose(c[0]);
		if(c[1])
			cclose(c[1]);
		if(fd[0] >= 0)
			up->fgrp->fd[fd[0]] = nil;
		if(fd[1] >= 0)
			up->fgrp->fd[fd[1]] = nil;
		nexterror();
	}
	c[1] = cclone(c[0]);
	cwalk1(c[0], "data");
	cwalk1(c[1], "data1");
	c[0] = devtab[c[0]->type]->open(c[0], ORDWR);
	c[1] = devtab[c[1]->type]->open(c[1], ORDWR);
	for(i = 0; i < 2; i++)
		fd[i] = newfd(c[i]);
	poperror();
	return 0;
}

/*
 * Walk c in place to elem (where the kernel knows the names): the device
 * makes the new state in a scratch Chan, lets go of c's old state, and c
 * takes the new one.
 */
void
cwalk1(Chan *c, char *elem)
{
	Chan nc;

	memset(&nc, 0, sizeof nc);
	nc.type = c->type;
	nc.dev = c->dev;
	nc.qid = c->qid;
	nc.fid = NOFID;
	devtab[c->type]->walk(c, &nc, elem);
	devtab[c->type]->close(c);
	c->qid = nc.qid;
	c->aux = nc.aux;
	c->aux2 = nc.aux2;
	c->fid = nc.fid;
}

static int
bindmount(int ismount, int fd, int afd, char *new, char *old, int flag, char *spec)
{
	Chan *c0, *c1;

	USED(afd);
	if(flag & ~MMASK)
		error(Ebadarg);
	if(up->pgrp->noattach)
		error(Enoattach);
	if(ismount){
		c0 = mntattach(fd, spec);
	}else
		c0 = namec(new, Abind, 0, 0);
	if(waserror()){
		cclose(c0);
		nexterror();
	}
	c1 = namec(old, Amount, 0, 0);
	if(waserror()){
		cclose(c1);
		nexterror();
	}
	cmount(c0, c1, flag);
	poperror();
	cclose(c1);
	poperror();
	cclose(c0);
	return 0;
}

uintptr
sysbind(uintptr *arg)
{
	return bindmount(0, -1, -1, namearg(arg[0]), namearg(arg[1]), arg[2], nil);
}

uintptr
sysmount(uintptr *arg)
{
	char *spec;

	spec = arg[4] ? validstr(arg[4], Maxname) : "";
	return bindmount(1, arg[0], arg[1], nil, namearg(arg[2]), arg[3], spec);
}

uintptr
sysunmount(uintptr *arg)
{
	Chan *cmounted, *cmountpt;

	cmountpt = namec(namearg(arg[1]), Amount, 0, 0);
	if(waserror()){
		cclose(cmountpt);
		nexterror();
	}
	/* set before the next waserror: a local changed after one is lost by error() */
	cmounted = arg[0] ? namec(namearg(arg[0]), Aaccess, 0, 0) : nil;
	if(waserror()){
		if(cmounted)
			cclose(cmounted);
		nexterror();
	}
	cunmount(cmounted, cmountpt);
	poperror();
	poperror();
	cclose(cmountpt);
	if(cmounted)
		cclose(cmounted);
	return 0;
}
