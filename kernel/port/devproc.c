/*
 * #p: processes as files.  /proc holds a directory per process; in it:
 *	status	name, user, state, times and memory, as ps reads it
 *	ctl	write "kill", "pri N" or "hang"
 *	note	write to post a note to the process
 *	args	the argument list
 *	ns	the mount table, as bind and mount commands
 *	fd	the open files
 *	segment	the address-space segments
 *	noteid	the note group (read; write to join another group of the same user)
 *	pages	the page ranges it has lent or borrowed (see exchange.c)
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

enum {
	Qdir, Qpiddir, Qstatus, Qctl, Qnote, Qargs, Qns, Qfd, Qsegment, Qnoteid, Qpages,
	Qmax,
};

static Dirtab procdir[] = {
	{"status", {Qstatus}, 0, 0444},
	{"ctl", {Qctl}, 0, 0200},
	{"note", {Qnote}, 0, 0200},
	{"args", {Qargs}, 0, 0444},
	{"ns", {Qns}, 0, 0444},
	{"fd", {Qfd}, 0, 0444},
	{"segment", {Qsegment}, 0, 0444},
	{"noteid", {Qnoteid}, 0, 0664},
	{"pages", {Qpages}, 0, 0444},
};

#define QID(pid, t)	((vlong)(pid) << 5 | (t))
#define QPID(q)	((int)((q).path >> 5))
#define QTYPE(q)	((int)((q).path & 31))

static char *statename[] = {
	"Dead", "Running", "Ready", "Wakeme", "Moribund", "Broken",
};

static int
procgen(Chan *c, char *name, Dirtab *tab, int ntab, int s, Dir *dp)
{
	static char pidname[16];	/* one generated name at a time */
	Proc *p;
	Qid q;
	int pid;

	if(s == -1){
		devdir(c, (Qid){Qdir, 0, QTDIR}, "#p", 0, eve, DMDIR|0555, dp);
		return 1;
	}
	if(QTYPE(c->qid) == Qdir){
		if(name != nil){
			/* walking: look the pid up directly */
			pid = strtol(name, nil, 10);
			p = pidproc(pid);
			if(p == nil || s > 0)
				return -1;
		}else{
			for(p = procs; p && s > 0; p = p->next)
				if(p->state != Moribund)
					s--;
			while(p && p->state == Moribund)
				p = p->next;
			if(p == nil)
				return -1;
		}
		snprint(pidname, sizeof pidname, "%d", p->pid);
		mkqid(&q, QID(p->pid, Qpiddir), 0, QTDIR);
		devdir(c, q, pidname, 0, p->user, DMDIR|0555, dp);
		return 1;
	}
	if(s >= (int)nelem(procdir))
		return -1;
	p = pidproc(QPID(c->qid));
	if(p == nil)
		return -1;
	mkqid(&q, QID(p->pid, procdir[s].qid.path), 0, QTFILE);
	devdir(c, q, procdir[s].name, 0, p->user, procdir[s].perm, dp);
	return 1;
}

static Chan*
procattach(char *spec)
{
	return devattach('p', spec);
}

static void
procwalk(Chan *c, Chan *nc, char *name)
{
	devwalk(c, nc, name, nil, 0, procgen);
}

static int
procstat(Chan *c, uchar *db, int n)
{
	return devstat(c, db, n, nil, 0, procgen);
}

static Chan*
procopen(Chan *c, int omode)
{
	if(QTYPE(c->qid) != Qdir && pidproc(QPID(c->qid)) == nil)
		error(Eprocdied);
	return devopen(c, omode, nil, 0, procgen);
}

static void
procclose(Chan *c)
{
	USED(c);
}

static char*
nsline(char *s, char *e, Mhead *m, Mount *f)
{
	char flags[5], *p;

	p = flags;
	if(f->mflag & MAFTER)
		*p++ = 'a';
	if(f->mflag & MBEFORE)
		*p++ = 'b';
	if(f->mflag & MCREATE)
		*p++ = 'c';
	*p = 0;
	return seprint(s, e, "%s %s%s%s%s %s\n", devtab[f->to->type]->dc == 'M' ? "mount" : "bind",
		flags[0] ? "-" : "", flags, flags[0] ? " " : "", f->to->path, m->from->path);
}

/* Generate a text file into a fresh buffer; the caller frees it. */
static char*
proctext(Proc *p, int t)
{
	char *buf, *s, *e, *a;
	Mhead *m;
	Mount *f;
	Chan *c;
	int i, n, mem;
	static char *segname[] = {"Text", "Data", "Stack"};

	n = 8192;
	if(t == Qargs)
		n = p->nargs * 3 + 16;
	buf = smalloc(n);
	s = buf;
	e = buf + n;
	switch(t){
	case Qstatus:
		mem = 0;
		for(i = 0; i < NSEG; i++)
			mem += (p->seg[i].top - p->seg[i].base) / 1024;
		seprint(s, e, "%-27s %-27s %-11s %11llud %11llud %11llud %11d %11d %11d %11d\n",
			p->text, p->user, p->psstate && p->state == Wakeme ? p->psstate : statename[p->state],
			p->time[0], p->time[1], (ticks - p->tstart) * (1000/HZ),
			mem, p->pri, p->basepri, p->noteid);
		break;
	case Qargs:
		a = p->args;
		for(i = 0; a && i < p->nargs; i += strlen(a + i) + 1)
			s = seprint(s, e, "%s%q", i ? " " : "", a + i);
		seprint(s, e, "\n");
		break;
	case Qns:
		if(p->pgrp == nil)
			break;
		for(m = p->pgrp->mnt; m; m = m->next)
			for(f = m->mount; f; f = f->next)
				if(!eqchan(f->to, m->from))
					s = nsline(s, e, m, f);
		if(p->dot)
			seprint(s, e, "cd %s\n", p->dot->path);
		break;
	case Qfd:
		s = seprint(s, e, "%s\n", p->dot ? p->dot->path : "/");
		for(i = 0; p->fgrp && i <= p->fgrp->maxfd; i++){
			c = p->fgrp->fd[i];
			if(c == nil)
				continue;
			s = fdline(s, e, i, c);
		}
		break;
	case Qsegment:
		for(i = 0; i < NSEG; i++)
			if(p->seg[i].top > p->seg[i].base)
				s = seprint(s, e, "%-6s %c%c %016lux %016lux\n", segname[i],
					(p->seg[i].flags & SWrite) ? 'w' : 'r',
					(p->seg[i].flags & SExec) ? 'x' : ' ',
					p->seg[i].base, ROUNDUP(p->seg[i].top, BY2PG));
		break;
	case Qnoteid:
		seprint(s, e, "%d", p->noteid);
		break;
	case Qpages:
		xpages(p, s, e);
		break;
	}
	return buf;
}

static long
procread(Chan *c, void *a, long n, vlong off)
{
	Proc *p;
	char *buf;

	if(c->qid.type & QTDIR)
		return devdirread(c, a, n, nil, 0, procgen);
	p = pidproc(QPID(c->qid));
	if(p == nil)
		error(Eprocdied);
	switch(QTYPE(c->qid)){
	case Qstatus:
	case Qargs:
	case Qns:
	case Qfd:
	case Qsegment:
	case Qnoteid:
	case Qpages:
		buf = proctext(p, QTYPE(c->qid));
		n = readstr(off, a, n, buf);
		free(buf);
		return n;
	}
	error(Eperm);
}

static long
procwrite(Chan *c, void *a, long n, vlong off)
{
	Proc *p, *q;
	char buf[ERRMAX], *f[3];
	int nf, pri, id;

	USED(off);
	p = pidproc(QPID(c->qid));
	if(p == nil)
		error(Eprocdied);
	if(n >= ERRMAX)
		n = ERRMAX - 1;
	memmove(buf, a, n);
	buf[n] = 0;
	switch(QTYPE(c->qid)){
	case Qnote:
		if(p->kp)
			error(Eperm);
		postnote(p, 0, buf, NUser);
		return n;
	case Qctl:
		nf = tokenize(buf, f, nelem(f));
		if(nf == 1 && strcmp(f[0], "kill") == 0){
			postnote(p, 0, "sys: killed", NExit);
			return n;
		}
		if(nf == 2 && strcmp(f[0], "pri") == 0){
			pri = strtol(f[1], nil, 10);
			if(pri < 0 || pri >= NPRI)
				error(Ebadarg);
			if(pri > p->basepri && strcmp(up->user, eve) != 0)
				error(Eperm);
			p->basepri = p->pri = pri;
			return n;
		}
		error(Ebadctl);
	case Qnoteid:
		id = strtol(buf, nil, 10);
		for(q = procs; q; q = q->next)
			if(q->noteid == id && q->state != Moribund && strcmp(q->user, p->user) == 0)
				break;
		if(q == nil)
			error(Ebadarg);
		p->noteid = id;
		return n;
	}
	error(Eperm);
}

Dev procdevtab = {
	'p', "proc",
	nil, procattach, procwalk, procstat, procopen, devcreate,
	procclose, procread, procwrite, devremove, devwstat,
};
