/*
 * Channels and names.  namec turns a path into a Chan: it starts at the
 * process's root, its dot, or a device ("#c"), cleans the name lexically
 * (so ".." is textual, as in Plan 9), and walks element by element,
 * following the mount table of the process's namespace (Pgrp) at each step.
 * A mount point with several members is a union: walks try the members in
 * order, and directory reads concatenate them.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

enum { Maxpath = 4096 };

void
incref(int *r)
{
	(*r)++;
}

Chan*
newchan(void)
{
	Chan *c;

	c = smalloc(sizeof(Chan));
	c->ref = 1;
	c->fid = NOFID;
	return c;
}

void
cnameset(Chan *c, char *s)
{
	char *p;

	p = kstrdup(s);
	free(c->path);
	c->path = p;
}

static void
chanfree(Chan *c)
{
	if(c->ucur)
		cclose(c->ucur);
	if(c->umh)
		putmhead(c->umh);
	free(c->path);
	free(c);
}

void
cclose(Chan *c)
{
	if(c == nil)
		return;
	if(c->ref <= 0)
		panic("cclose: ref %d", c->ref);
	if(--c->ref > 0)
		return;
	if(!waserror()){
		devtab[c->type]->close(c);
		poperror();
	}
	chanfree(c);
}

/* A new, unopened channel to the same file. */
Chan*
cclone(Chan *c)
{
	Chan *nc;

	nc = newchan();
	nc->type = c->type;
	nc->dev = c->dev;
	nc->qid = c->qid;
	nc->path = kstrdup(c->path ? c->path : "");
	if(waserror()){
		chanfree(nc);
		nexterror();
	}
	devtab[c->type]->walk(c, nc, nil);
	poperror();
	return nc;
}

int
eqchan(Chan *a, Chan *b)
{
	return a->type == b->type && a->dev == b->dev && a->qid.path == b->qid.path;
}

int
devno(int dc)
{
	int i;

	for(i = 0; devtab[i]; i++)
		if(devtab[i]->dc == dc)
			return i;
	return -1;
}

void
chandevreset(void)
{
	int i;

	for(i = 0; devtab[i]; i++)
		if(devtab[i]->reset)
			devtab[i]->reset();
}

/* Namespaces */

Pgrp*
newpgrp(void)
{
	Pgrp *p;

	p = smalloc(sizeof(Pgrp));
	p->ref = 1;
	return p;
}

void
putmhead(Mhead *m)
{
	Mount *f, *n;

	if(--m->ref > 0)
		return;
	for(f = m->mount; f; f = n){
		n = f->next;
		cclose(f->to);
		free(f);
	}
	cclose(m->from);
	free(m);
}

static Mount*
newmount(Chan *to, int flag)
{
	Mount *m;

	m = smalloc(sizeof(Mount));
	m->to = to;
	incref(&to->ref);
	m->mflag = flag;
	return m;
}

/* A copy of a namespace (or an empty one for nil). */
Pgrp*
dupgrp(Pgrp *from)
{
	Pgrp *p;
	Mhead *m, *nm, **l;
	Mount *f, **fl;

	p = newpgrp();
	if(from == nil)
		return p;
	p->noattach = from->noattach;
	l = &p->mnt;
	for(m = from->mnt; m; m = m->next){
		nm = malloc(sizeof(Mhead));
		if(nm == nil){
			closepgrp(p);
			error(Enomem);
		}
		nm->ref = 1;
		nm->from = m->from;
		incref(&m->from->ref);
		*l = nm;
		l = &nm->next;
		fl = &nm->mount;
		for(f = m->mount; f; f = f->next){
			*fl = newmount(f->to, f->mflag);
			fl = &(*fl)->next;
		}
	}
	return p;
}

void
closepgrp(Pgrp *p)
{
	Mhead *m, *n;

	if(--p->ref > 0)
		return;
	for(m = p->mnt; m; m = n){
		n = m->next;
		putmhead(m);
	}
	free(p);
}

Mhead*
findmount(Chan *c)
{
	Mhead *m;

	if(up->pgrp == nil)
		return nil;
	for(m = up->pgrp->mnt; m; m = m->next)
		if(eqchan(m->from, c))
			return m;
	return nil;
}

/* Attach new at old in the current namespace. */
int
cmount(Chan *new, Chan *old, int flag)
{
	Mhead *m, **l;
	Mount *nm, *f, **fl;

	if((old->qid.type & QTDIR) != (new->qid.type & QTDIR))
		error(Emount);
	if(flag & ~MMASK)
		error(Ebadarg);
	m = findmount(old);
	if(m == nil){
		m = smalloc(sizeof(Mhead));
		m->ref = 1;
		m->from = old;
		incref(&old->ref);
		for(l = &up->pgrp->mnt; *l; l = &(*l)->next)
			;
		*l = m;
		/* the old directory itself stays in a union */
		if((flag & MORDER) != MREPL)
			m->mount = newmount(old, 0);
	}
	nm = newmount(new, flag);
	switch(flag & MORDER){
	case MREPL:
		for(f = m->mount; f; f = nm->next){
			nm->next = f->next;
			cclose(f->to);
			free(f);
		}
		nm->next = nil;
		m->mount = nm;
		break;
	case MBEFORE:
		nm->next = m->mount;
		m->mount = nm;
		break;
	case MAFTER:
		for(fl = &m->mount; *fl; fl = &(*fl)->next)
			;
		*fl = nm;
		break;
	default:
		cclose(nm->to);
		free(nm);
		error(Ebadarg);
	}
	return 0;
}

/* Remove what is mounted at old: everything, or just new. */
void
cunmount(Chan *new, Chan *old)
{
	Mhead *m, **l;
	Mount *f, **fl;
	int found;

	for(l = &up->pgrp->mnt; (m = *l) != nil; l = &m->next)
		if(eqchan(m->from, old))
			break;
	if(m == nil)
		error(Eunmount);
	if(new == nil){
		*l = m->next;
		putmhead(m);
		return;
	}
	found = 0;
	for(fl = &m->mount; (f = *fl) != nil; ){
		if(eqchan(f->to, new)){
			*fl = f->next;
			cclose(f->to);
			free(f);
			found = 1;
		}else
			fl = &f->next;
	}
	if(!found)
		error(Eunmount);
	if(m->mount == nil){
		*l = m->next;
		putmhead(m);
	}
}

/*
 * If c is a mount point, the channel for what is mounted there (the first
 * member, with the union remembered in umh); otherwise c.
 */
static Chan*
domount(Chan *c)
{
	Mhead *m;
	Chan *nc;

	m = findmount(c);
	if(m == nil || m->mount == nil)
		return c;
	nc = cclone(m->mount->to);
	cnameset(nc, c->path);
	if(m->mount->next != nil || (m->mount->mflag & MCREATE)){
		nc->umh = m;
		m->ref++;
	}
	cclose(c);
	return nc;
}

/* Walk c (consumed) one element; nil if there is no such file. */
static Chan*
walk1(Chan *c, char *elem, char *err, int nerr)
{
	Chan *nc, *from;
	Mount *f;
	char *path;
	int n;

	n = strlen(c->path);
	path = smalloc(n + 1 + strlen(elem) + 1);
	memmove(path, c->path, n);
	if(n == 0 || c->path[n-1] != '/')
		path[n++] = '/';
	memmove(path + n, elem, strlen(elem) + 1);
	if(waserror()){
		free(path);
		nexterror();
	}
	nc = nil;
	if(c->umh != nil){
		/* a union: the first member that has elem */
		for(f = c->umh->mount; f; f = f->next){
			from = f->to;
			nc = newchan();
			nc->type = from->type;
			nc->dev = from->dev;
			nc->qid = from->qid;
			if(!waserror()){
				devtab[from->type]->walk(from, nc, elem);
				poperror();
				break;
			}
			strecpy(err, err + nerr, up->errstr);
			chanfree(nc);
			nc = nil;
		}
		if(nc == nil){
			free(path);
			poperror();
			return nil;
		}
	}else{
		nc = newchan();
		nc->type = c->type;
		nc->dev = c->dev;
		nc->qid = c->qid;
		if(waserror()){
			strecpy(err, err + nerr, up->errstr);
			chanfree(nc);
			free(path);
			poperror();
			return nil;
		}
		devtab[c->type]->walk(c, nc, elem);
		poperror();
	}
	poperror();
	nc->path = path;
	cclose(c);
	return nc;
}

/*
 * Resolve a name.  amode says what for: Aopen opens it with omode,
 * Acreate creates it (perm), Amount yields the mount point itself
 * (not what is mounted there), the others just walk.
 */
Chan*
namec(char *aname, int amode, int omode, ulong perm)
{
	char *name, *p, *e, *elem, *spec, err[ERRMAX];
	Chan *volatile c;	/* changes after waserror: keep it in memory */
	Chan *nc, *tmp;
	Mount *f;
	int t, n, last;

	if(aname[0] == 0)
		error(Enonexist);
	n = strlen(aname);
	if(aname[0] != '/' && aname[0] != '#')
		n += strlen(up->dot->path) + 1;
	if(n >= Maxpath)
		error(Elong);
	name = smalloc(n + 1);
	if(aname[0] != '/' && aname[0] != '#'){
		p = seprint(name, name + n + 1, "%s/", up->dot->path);
		strecpy(p, name + n + 1, aname);
	}else
		strecpy(name, name + n + 1, aname);
	cleanname(name);
	c = nil;
	if(waserror()){
		free(name);
		if(c)
			cclose(c);
		nexterror();
	}
	if(name[0] == '#'){
		if(name[1] == 0)
			error(Enonexist);
		t = devno(name[1]);
		if(t < 0)
			error(Enonexist);
		if(up->pgrp->noattach && strchr("|decp", name[1]) == nil)
			error(Enoattach);
		for(p = name + 2; *p && *p != '/'; p++)
			;
		spec = smalloc(p - (name + 2) + 1);
		memmove(spec, name + 2, p - (name + 2));
		if(waserror()){
			free(spec);
			nexterror();
		}
		c = devtab[t]->attach(spec);
		poperror();
		free(spec);
		t = *p;
		*p = 0;
		cnameset(c, name);
		*p = t;
		if(*p == '/')
			p++;
	}else{
		c = cclone(up->slash);
		cnameset(c, "/");
		p = name + 1;
	}
	/* p is the rest: elements separated by '/' */
	if(!(amode == Amount && *p == 0))
		c = domount(c);
	err[0] = 0;
	while(*p){
		for(e = p; *e && *e != '/'; e++)
			;
		last = *e == 0;
		if(*e)
			*e++ = 0;
		elem = p;
		p = e;
		if(strlen(elem) >= KNAMELEN*8)
			error(Elong);
		if(last && amode == Acreate)
			break;
		if((c->qid.type & QTDIR) == 0)
			error(Enotdir);
		nc = walk1(c, elem, err, sizeof err);
		if(nc == nil){
			if(err[0] && strcmp(err, Enonexist) != 0)
				error(err);
			error(Enonexist);
		}
		c = nc;
		if(!(last && amode == Amount))
			c = domount(c);
		elem = nil;
	}

	switch(amode){
	case Atodir:
		if((c->qid.type & QTDIR) == 0)
			error(Enotdir);
		break;
	case Aopen:
		c = devtab[c->type]->open(c, omode);
		if(omode & OCEXEC)
			c->flag |= CCEXEC;
		if(omode & ORCLOSE)
			c->flag |= CRCLOSE;
		break;
	case Acreate:
		if(elem == nil || *elem == 0)
			error(Eexist);
		if((c->qid.type & QTDIR) == 0)
			error(Enotdir);
		/* an existing file is truncated, unless OEXCL */
		tmp = cclone(c);
		cnameset(tmp, c->path);
		tmp->umh = c->umh;
		if(tmp->umh)
			tmp->umh->ref++;
		nc = walk1(tmp, elem, err, sizeof err);
		if(nc == nil)
			cclose(tmp);
		else{
			if(omode & OEXCL){
				cclose(nc);
				error(Eexist);
			}
			cclose(c);
			c = domount(nc);
			c = devtab[c->type]->open(c, omode | OTRUNC);
			break;
		}
		if(c->umh){
			/* create in the first member that allows it */
			for(f = c->umh->mount; f; f = f->next)
				if(f->mflag & MCREATE)
					break;
			if(f == nil)
				error(Eperm);
			nc = cclone(f->to);
			cnameset(nc, c->path);
			cclose(c);
			c = nc;
		}
		n = strlen(c->path) + 1 + strlen(elem) + 1;
		p = smalloc(n);
		snprint(p, n, "%s%s%s", c->path, strcmp(c->path, "/") == 0 ? "" : "/", elem);
		free(c->path);
		c->path = p;
		devtab[c->type]->create(c, elem, omode & ~(OEXCL|OCEXEC), perm);
		if(omode & OCEXEC)
			c->flag |= CCEXEC;
		if(omode & ORCLOSE)
			c->flag |= CRCLOSE;
		break;
	}
	poperror();
	free(name);
	return c;
}

/* Union directories: read the members one after another. */
long
unionread(Chan *c, void *va, long n)
{
	Mount *f;
	Chan *nc;
	long r;
	int i;

	for(;;){
		if(c->ucur == nil){
			i = 0;
			for(f = c->umh->mount; f; f = f->next, i++)
				if(i == (int)c->aux2)
					break;
			if(f == nil)
				return 0;
			nc = cclone(f->to);
			cnameset(nc, c->path);
			if(waserror()){
				cclose(nc);
				c->aux2++;
				continue;
			}
			nc = devtab[nc->type]->open(nc, OREAD);
			poperror();
			nc->offset = 0;
			c->ucur = nc;
		}
		r = devtab[c->ucur->type]->read(c->ucur, va, n, c->ucur->offset);
		if(r > 0){
			c->ucur->offset += r;
			return r;
		}
		cclose(c->ucur);
		c->ucur = nil;
		c->aux2++;
	}
}

/* File descriptors */

Fgrp*
dupfgrp(Fgrp *f)
{
	Fgrp *n;
	int i;

	n = smalloc(sizeof(Fgrp));
	n->ref = 1;
	n->nfd = 32;
	if(f && f->nfd > n->nfd)
		n->nfd = f->nfd;
	n->fd = malloc(n->nfd * sizeof(Chan*));
	if(n->fd == nil){
		free(n);
		error(Enomem);
	}
	n->maxfd = -1;
	if(f == nil)
		return n;
	for(i = 0; i <= f->maxfd; i++)
		if(f->fd[i]){
			n->fd[i] = f->fd[i];
			incref(&n->fd[i]->ref);
			n->maxfd = i;
		}
	return n;
}

void
closefgrp(Fgrp *f)
{
	int i;

	if(f == nil || --f->ref > 0)
		return;
	for(i = 0; i <= f->maxfd; i++)
		if(f->fd[i])
			cclose(f->fd[i]);
	free(f->fd);
	free(f);
}

enum { Maxfd = 4096 };

static int
growfd(Fgrp *f, int fd)
{
	Chan **n;
	int nfd;

	if(fd < f->nfd)
		return 0;
	if(fd >= Maxfd)
		return -1;
	nfd = (fd + 32) & ~31;
	n = malloc(nfd * sizeof(Chan*));
	if(n == nil)
		return -1;
	memmove(n, f->fd, f->nfd * sizeof(Chan*));
	free(f->fd);
	f->fd = n;
	f->nfd = nfd;
	return 0;
}

int
newfd(Chan *c)
{
	Fgrp *f;
	int i;

	f = up->fgrp;
	for(i = 0; i < f->nfd; i++)
		if(f->fd[i] == nil)
			break;
	if(growfd(f, i) < 0)
		error(Enofd);
	f->fd[i] = c;
	if(i > f->maxfd)
		f->maxfd = i;
	return i;
}

/*
 * Describe descriptor fd, open on c, as /proc/N/fd and #d/Nctl do:
 * descriptor, mode, device, device number, qid, offset, name.
 */
char*
fdline(char *s, char *e, int fd, Chan *c)
{
	return seprint(s, e, "%3d %c%c %c %8ud (%16llux %ud %02x) %8lld %s\n",
		fd, (c->mode&3) != OWRITE ? 'r' : '-', (c->mode&3) != OREAD ? 'w' : '-',
		devtab[c->type]->dc, c->dev, c->qid.path, c->qid.vers, c->qid.type,
		c->offset, c->path);
}

/* The channel for fd, checked against the wanted mode (-1: any). */
Chan*
fdtochan(int fd, int mode)
{
	Fgrp *f;
	Chan *c;

	f = up->fgrp;
	if(fd < 0 || fd > f->maxfd || (c = f->fd[fd]) == nil)
		error(Ebadfd);
	if(mode >= 0 && (c->flag & COPEN) == 0)
		error(Ebadusefd);
	if(mode == OREAD && (c->mode & 3) == OWRITE)
		error(Ebadusefd);
	if(mode == OWRITE && ((c->mode & 3) == OREAD || (c->mode & 3) == OEXEC))
		error(Ebadusefd);
	incref(&c->ref);
	return c;
}
