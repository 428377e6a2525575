/*
 * #s: the service registry.  Creating /srv/NAME and writing a file
 * descriptor's number into it posts that descriptor's channel under
 * NAME; opening /srv/NAME then gives that channel to anyone (a file
 * server's pipe end, for mount).  Removing the file withdraws it.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

typedef struct Srv Srv;
struct Srv {
	Srv *next;
	char *name;
	char *owner;
	ulong perm;
	Chan *chan;
	uvlong path;
};

static Srv *srvs;
static uvlong srvpath;

static Srv*
srvlookup(char *name, uvlong path)
{
	Srv *s;

	for(s = srvs; s; s = s->next)
		if(name ? strcmp(s->name, name) == 0 : s->path == path)
			return s;
	return nil;
}

static int
srvgen(Chan *c, char *name, Dirtab *tab, int ntab, int i, Dir *dp)
{
	Srv *s;
	Qid q;

	if(i == -1){
		devdir(c, (Qid){0, 0, QTDIR}, "#s", 0, eve, DMDIR|0777, dp);
		return 1;
	}
	for(s = srvs; s && i > 0; s = s->next)
		i--;
	if(s == nil)
		return -1;
	mkqid(&q, s->path, 0, QTFILE);
	devdir(c, q, s->name, 0, s->owner, s->perm, dp);
	return 1;
}

static Chan*
srvattach(char *spec)
{
	return devattach('s', spec);
}

static void
srvwalk(Chan *c, Chan *nc, char *name)
{
	devwalk(c, nc, name, nil, 0, srvgen);
}

static int
srvstat(Chan *c, uchar *db, int n)
{
	return devstat(c, db, n, nil, 0, srvgen);
}

static Chan*
srvopen(Chan *c, int omode)
{
	Srv *s;
	Chan *nc;

	if(c->qid.type & QTDIR)
		return devopen(c, omode, nil, 0, srvgen);
	s = srvlookup(nil, c->qid.path);
	if(s == nil)
		error(Enonexist);
	devpermcheck(s->owner, s->perm, omode);
	if(s->chan == nil)
		error(Eshort);	/* created but not yet posted */
	if(omode & OTRUNC)
		error(Eexist);
	nc = s->chan;
	if((nc->mode & 3) != ORDWR && (omode & 3) != (nc->mode & 3))
		error(Eperm);
	incref(&nc->ref);
	cclose(c);
	return nc;
}

static void
srvcreate(Chan *c, char *name, int omode, ulong perm)
{
	Srv *s;

	if(perm & DMDIR)
		error(Eperm);
	if(strlen(name) == 0 || strlen(name) >= KNAMELEN*4 || strchr(name, '/'))
		error(Ebadchar);
	if(srvlookup(name, 0))
		error(Eexist);
	s = smalloc(sizeof(Srv));
	s->name = kstrdup(name);
	s->owner = up->user;
	s->perm = perm & 0777;
	s->path = ++srvpath;
	s->next = srvs;
	srvs = s;
	mkqid(&c->qid, s->path, 0, QTFILE);
	c->mode = omode & 3;
	c->flag |= COPEN;
	c->offset = 0;
}

static void
srvremove(Chan *c)
{
	Srv *s, **l;

	if(c->qid.type & QTDIR)
		error(Eperm);
	for(l = &srvs; (s = *l) != nil; l = &s->next)
		if(s->path == c->qid.path){
			if(strcmp(s->owner, up->user) != 0 && strcmp(up->user, eve) != 0)
				error(Eperm);
			*l = s->next;
			if(s->chan)
				cclose(s->chan);
			free(s->name);
			free(s);
			return;
		}
	error(Enonexist);
}

static void
srvclose(Chan *c)
{
	if((c->flag & COPEN) && (c->flag & CRCLOSE))
		if(!waserror()){
			srvremove(c);
			poperror();
		}
}

static long
srvread(Chan *c, void *a, long n, vlong off)
{
	if(c->qid.type & QTDIR)
		return devdirread(c, a, n, nil, 0, srvgen);
	error(Eperm);
}

/* Writing a descriptor number posts its channel. */
static long
srvwrite(Chan *c, void *a, long n, vlong off)
{
	Srv *s;
	char buf[32];
	Chan *fc;
	int fd;

	s = srvlookup(nil, c->qid.path);
	if(s == nil)
		error(Enonexist);
	if(s->chan)
		error(Einuse);
	if(n <= 0 || n >= (long)sizeof buf)
		error(Ebadarg);
	memmove(buf, a, n);
	buf[n] = 0;
	fd = strtol(buf, nil, 10);
	fc = fdtochan(fd, -1);
	if((fc->flag & COPEN) == 0){
		cclose(fc);
		error(Ebadusefd);
	}
	if(devtab[fc->type]->dc == 's' && !(fc->qid.type & QTDIR)){
		cclose(fc);
		error(Ebadarg);
	}
	s->chan = fc;
	return n;
}

Dev srvdevtab = {
	's', "srv",
	nil, srvattach, srvwalk, srvstat, srvopen, srvcreate,
	srvclose, srvread, srvwrite, srvremove, devwstat,
};
