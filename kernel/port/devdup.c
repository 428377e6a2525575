/*
 * #d: the process's file descriptors as files.  Opening #d/N gives a
 * copy of descriptor N (as dup does); #d/Nctl reads as a line describing
 * it, in the format of /proc/N/fd.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

static int
dupgen(Chan *c, char *name, Dirtab *tab, int ntab, int s, Dir *dp)
{
	static char buf[16];
	Fgrp *f;
	Chan *fc;
	Qid q;
	int fd;

	if(s == -1){
		devdir(c, (Qid){0, 0, QTDIR}, "#d", 0, eve, DMDIR|0555, dp);
		return 1;
	}
	f = up->fgrp;
	fd = s / 2;
	if(fd > f->maxfd)
		return -1;
	fc = f->fd[fd];
	if(fc == nil)
		return 0;
	snprint(buf, sizeof buf, (s & 1) ? "%dctl" : "%d", fd);
	mkqid(&q, s + 1, 0, QTFILE);
	devdir(c, q, buf, 0, eve, (s & 1) ? 0400 : ((fc->mode & 3) == OREAD ? 0400 :
		(fc->mode & 3) == OWRITE ? 0200 : 0600), dp);
	return 1;
}

static Chan*
dupattach(char *spec)
{
	return devattach('d', spec);
}

static void
dupwalk(Chan *c, Chan *nc, char *name)
{
	devwalk(c, nc, name, nil, 0, dupgen);
}

static int
dupstat(Chan *c, uchar *db, int n)
{
	return devstat(c, db, n, nil, 0, dupgen);
}

static Chan*
dupopen(Chan *c, int omode)
{
	Chan *f;
	int fd;

	if(c->qid.type & QTDIR)
		return devopen(c, omode, nil, 0, dupgen);
	fd = (c->qid.path - 1) / 2;
	if((c->qid.path - 1) & 1){
		if((omode & 3) != OREAD)
			error(Eperm);
		c->aux2 = fd;
		c->mode = OREAD;
		c->flag |= COPEN;
		c->offset = 0;
		return c;
	}
	f = fdtochan(fd, -1);
	if((omode & 3) != (f->mode & 3) && (f->mode & 3) != ORDWR){
		cclose(f);
		error(Eperm);
	}
	cclose(c);
	return f;
}

static void
dupclose(Chan *c)
{
	USED(c);
}

static long
dupread(Chan *c, void *a, long n, vlong off)
{
	char buf[256];
	Chan *f;

	if(c->qid.type & QTDIR)
		return devdirread(c, a, n, nil, 0, dupgen);
	f = fdtochan(c->aux2, -1);
	fdline(buf, buf + sizeof buf, c->aux2, f);
	cclose(f);
	return readstr(off, a, n, buf);
}

static long
dupwrite(Chan *c, void *a, long n, vlong off)
{
	error(Eperm);
}

Dev dupdevtab = {
	'd', "dup",
	nil, dupattach, dupwalk, dupstat, dupopen, devcreate,
	dupclose, dupread, dupwrite, devremove, devwstat,
};
