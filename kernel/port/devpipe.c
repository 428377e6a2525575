/*
 * #|: pipes.  Each attach makes a new pipe with two ends, data and data1;
 * what is written on one is read on the other.  When every channel open
 * on one end is closed, readers of the other end see end of file and its
 * writers get an error (and the note "sys: write on closed pipe").
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

typedef struct Pipe Pipe;
struct Pipe {
	int ref;	/* channels referring to it */
	int open[2];	/* channels open on each end */
	Queue *q[2];	/* q[i] is read by end i */
	int path;
	Xfer *xq[2];	/* page exchange offers to be taken at end i */
	Rendez xr[2];	/* receivers waiting at end i */
};

enum {
	Qdir, Qdata0, Qdata1,
	Pipesize = 64*1024,
};

static Dirtab pipedir[] = {
	{".", {Qdir, 0, QTDIR}, 0, DMDIR|0500},
	{"data", {Qdata0}, 0, 0600},
	{"data1", {Qdata1}, 0, 0600},
};
static int pipepath;

#define PIPETYPE(q)	((q).path & 0xff)
extern Dev pipedevtab;

/* Which end c is: 0 (data), 1 (data1), or -1 (the directory). */
static int
pipeend(Chan *c)
{
	switch(PIPETYPE(c->qid)){
	case Qdata0:
		return 0;
	case Qdata1:
		return 1;
	}
	return -1;
}

static void
pipefree(Pipe *p)
{
	qfree(p->q[0]);
	qfree(p->q[1]);
	free(p);
}

static Chan*
pipeattach(char *spec)
{
	Pipe *p;
	Chan *c;

	p = malloc(sizeof(Pipe));
	if(p == nil)
		error(Enomem);
	p->q[0] = qopen(Pipesize);
	p->q[1] = qopen(Pipesize);
	if(p->q[0] == nil || p->q[1] == nil){
		pipefree(p);
		error(Enomem);
	}
	p->ref = 1;
	p->path = ++pipepath;
	c = devattach('|', spec);
	c->aux = p;
	c->dev = p->path;
	mkqid(&c->qid, (vlong)p->path << 8 | Qdir, 0, QTDIR);
	return c;
}

static int
pipegen(Chan *c, char *name, Dirtab *tab, int ntab, int i, Dir *dp)
{
	Pipe *p;
	Qid q;

	USED(name);
	if(i == -1)
		return devgen(c, name, tab, ntab, i, dp);
	i++;	/* skip "." */
	if(i >= ntab)
		return -1;
	p = c->aux;
	tab += i;
	q = tab->qid;
	q.path |= (vlong)p->path << 8;
	devdir(c, q, tab->name, qlen(p->q[i-1]), eve, tab->perm, dp);
	return 1;
}

static void
pipewalk(Chan *c, Chan *nc, char *name)
{
	Pipe *p;

	devwalk(c, nc, name, pipedir, nelem(pipedir), pipegen);
	p = c->aux;
	nc->aux = p;
	p->ref++;
}

static int
pipestat(Chan *c, uchar *db, int n)
{
	return devstat(c, db, n, pipedir, nelem(pipedir), pipegen);
}

static Chan*
pipeopen(Chan *c, int omode)
{
	Pipe *p;

	if((c->qid.type & QTDIR) && (omode & 3) != OREAD)
		error(Eperm);
	p = c->aux;
	if(pipeend(c) >= 0)
		p->open[pipeend(c)]++;
	c->mode = omode & 3;
	c->flag |= COPEN;
	c->offset = 0;
	return c;
}

static void
pipeclose(Chan *c)
{
	Pipe *p;
	int e;

	p = c->aux;
	if(p == nil)
		return;
	if(c->flag & COPEN){
		e = pipeend(c);
		if(e >= 0 && --p->open[e] == 0){
			qhangup(p->q[!e]);	/* the other end reads EOF */
			qrhangup(p->q[e]);	/* nobody reads this end */
			xrefuseall(&p->xq[e]);	/* nobody takes its offers */
			wakeup(&p->xr[!e]);
		}
	}
	if(--p->ref == 0)
		pipefree(p);
}

static long
piperead(Chan *c, void *a, long n, vlong off)
{
	Pipe *p;

	USED(off);
	p = c->aux;
	if(pipeend(c) < 0)
		return devdirread(c, a, n, pipedir, nelem(pipedir), pipegen);
	return qread(p->q[pipeend(c)], a, n);
}

static long
pipewrite(Chan *c, void *a, long n, vlong off)
{
	Pipe *p;

	USED(off);
	p = c->aux;
	if(pipeend(c) < 0)
		error(Eperm);
	return qwrite(p->q[!pipeend(c)], a, n);
}

/*
 * Page exchange over a pipe channel c: the queue of offers that c's
 * reader takes (recv) or that c's writer adds to, and the Rendez its
 * receivers wait on.  -1 if c is not a pipe end; 1 if the other end is
 * closed (nobody to exchange with); else 0.
 */
int
pipexchange(Chan *c, int recv, Xfer ***q, Rendez **r)
{
	Pipe *p;
	int e, to;

	if(devtab[c->type] != &pipedevtab || !(c->flag & COPEN))
		return -1;
	e = pipeend(c);
	if(e < 0)
		return -1;
	p = c->aux;
	to = recv ? e : !e;
	*q = &p->xq[to];
	*r = &p->xr[to];
	return p->open[!e] == 0;
}

Dev pipedevtab = {
	'|', "pipe",
	nil, pipeattach, pipewalk, pipestat, pipeopen, devcreate,
	pipeclose, piperead, pipewrite, devremove, devwstat,
};
