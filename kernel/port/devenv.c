/*
 * #e: environment variables, one file per variable in the process's
 * environment group (Egrp).  rfork(RFENVG) copies the group,
 * rfork(RFCENVG) starts an empty one.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

enum {
	Maxenvsize = 1<<20,
	Maxenvs = 4096,
};

Egrp*
dupegrp(Egrp *from)
{
	Egrp *e;
	Evar *v, *nv, **l;

	e = smalloc(sizeof(Egrp));
	e->ref = 1;
	e->path = 1;
	if(from == nil)
		return e;
	e->path = from->path;
	l = &e->vars;
	for(v = from->vars; v; v = v->next){
		nv = malloc(sizeof(Evar));
		if(nv == nil){
			closeegrp(e);
			error(Enomem);
		}
		*l = nv;
		nv->name = malloc(strlen(v->name) + 1);
		nv->val = malloc(v->len ? v->len : 1);
		if(nv->name == nil || nv->val == nil){
			closeegrp(e);
			error(Enomem);
		}
		memmove(nv->name, v->name, strlen(v->name) + 1);
		memmove(nv->val, v->val, v->len);
		nv->len = v->len;
		nv->qid = v->qid;
		l = &nv->next;
	}
	return e;
}

void
closeegrp(Egrp *e)
{
	Evar *v, *n;

	if(e == nil || --e->ref > 0)
		return;
	for(v = e->vars; v; v = n){
		n = v->next;
		free(v->name);
		free(v->val);
		free(v);
	}
	free(e);
}

static Evar*
envlookup(Egrp *e, char *name, uvlong path)
{
	Evar *v;

	for(v = e->vars; v; v = v->next)
		if(name ? strcmp(v->name, name) == 0 : v->qid.path == path)
			return v;
	return nil;
}

static int
envgen(Chan *c, char *name, Dirtab *tab, int ntab, int i, Dir *dp)
{
	Evar *v;

	USED(name, tab, ntab);
	if(i == -1){
		devdir(c, (Qid){0, 0, QTDIR}, "#e", 0, up->user, DMDIR|0775, dp);
		return 1;
	}
	for(v = up->egrp->vars; v && i > 0; v = v->next)
		i--;
	if(v == nil)
		return -1;
	devdir(c, v->qid, v->name, v->len, up->user, 0666, dp);
	return 1;
}

static Chan*
envattach(char *spec)
{
	return devattach('e', spec);
}

static void
envwalk(Chan *c, Chan *nc, char *name)
{
	Evar *v;

	nc->qid = c->qid;
	if(name == nil)
		return;
	if((c->qid.type & QTDIR) == 0)
		error(Enotdir);
	v = envlookup(up->egrp, name, 0);
	if(v == nil)
		error(Enonexist);
	nc->qid = v->qid;
}

static int
envstat(Chan *c, uchar *db, int n)
{
	return devstat(c, db, n, nil, 0, envgen);
}

static Chan*
envopen(Chan *c, int omode)
{
	Evar *v;

	if(c->qid.type & QTDIR){
		if((omode & 3) != OREAD)
			error(Eperm);
	}else if(omode & OTRUNC){
		v = envlookup(up->egrp, nil, c->qid.path);
		if(v == nil)
			error(Enonexist);
		free(v->val);
		v->val = nil;
		v->len = 0;
		v->qid.vers++;
	}
	c->mode = omode & 3;
	c->flag |= COPEN;
	c->offset = 0;
	return c;
}

static void
envcreate(Chan *c, char *name, int omode, ulong perm)
{
	Egrp *e;
	Evar *v, *n;
	int i;

	if(perm & DMDIR)
		error(Eperm);
	if(strchr(name, '/') || strlen(name) == 0 || strlen(name) >= 256)
		error(Ebadchar);
	e = up->egrp;
	if(envlookup(e, name, 0))
		error(Eexist);
	i = 0;
	for(n = e->vars; n; n = n->next)
		i++;
	if(i >= Maxenvs)
		error(Enomem);
	v = smalloc(sizeof(Evar));
	v->name = malloc(strlen(name) + 1);
	if(v->name == nil){
		free(v);
		error(Enomem);
	}
	memmove(v->name, name, strlen(name) + 1);
	mkqid(&v->qid, ++e->path, 0, QTFILE);
	v->next = e->vars;
	e->vars = v;
	c->qid = v->qid;
	c->mode = omode & 3;
	c->flag |= COPEN;
	c->offset = 0;
}

static void
envremove(Chan *c)
{
	Evar *v, **l;

	if(c->qid.type & QTDIR)
		error(Eperm);
	for(l = &up->egrp->vars; (v = *l) != nil; l = &v->next)
		if(v->qid.path == c->qid.path){
			*l = v->next;
			free(v->name);
			free(v->val);
			free(v);
			return;
		}
	error(Enonexist);
}

static void
envclose(Chan *c)
{
	if(c->flag & CRCLOSE)
		if(!waserror()){
			envremove(c);
			poperror();
		}
}

static long
envread(Chan *c, void *a, long n, vlong off)
{
	Evar *v;

	if(c->qid.type & QTDIR)
		return devdirread(c, a, n, nil, 0, envgen);
	v = envlookup(up->egrp, nil, c->qid.path);
	if(v == nil)
		error(Enonexist);
	if(off < 0 || off >= v->len)
		return 0;
	if(off + n > v->len)
		n = v->len - off;
	memmove(a, v->val + off, n);
	return n;
}

static long
envwrite(Chan *c, void *a, long n, vlong off)
{
	Evar *v;
	char *s;
	vlong end;

	v = envlookup(up->egrp, nil, c->qid.path);
	if(v == nil)
		error(Enonexist);
	if(off < 0 || off > Maxenvsize || n > Maxenvsize)
		error(Etoobig);
	end = off + n;
	if(end > Maxenvsize)
		error(Etoobig);
	if(end > v->len){
		s = malloc(end);
		if(s == nil)
			error(Enomem);
		memmove(s, v->val, v->len);
		memset(s + v->len, 0, end - v->len);
		free(v->val);
		v->val = s;
		v->len = end;
	}
	memmove(v->val + off, a, n);
	v->qid.vers++;
	return n;
}

Dev envdevtab = {
	'e', "env",
	nil, envattach, envwalk, envstat, envopen, envcreate,
	envclose, envread, envwrite, envremove, devwstat,
};
