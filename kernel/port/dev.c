/*
 * Helpers shared by the devices: attach, walk, stat, directory reads and
 * open over a table of names (Dirtab) or a generator function (Devgen),
 * and the stat entry encoding.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

char *eve = "lux9";

void
mkqid(Qid *q, vlong path, ulong vers, int type)
{
	q->path = path;
	q->vers = vers;
	q->type = type;
}

void
devdir(Chan *c, Qid qid, char *n, vlong length, char *user, long perm, Dir *db)
{
	db->name = n;
	db->qid = qid;
	db->type = devtab[c->type]->dc;
	db->dev = c->dev;
	db->mode = perm;
	if(qid.type & QTDIR)
		db->mode |= DMDIR;
	db->atime = db->mtime = seconds();
	db->length = length;
	db->uid = user;
	db->gid = eve;
	db->muid = user;
}

/*
 * The default generator: entry i of the table; i == -1 (DEVDOTDOT) means
 * the directory itself.
 */
int
devgen(Chan *c, char *name, Dirtab *tab, int ntab, int i, Dir *dp)
{
	USED(name);
	if(tab == nil)
		return -1;
	if(i == -1){
		devdir(c, (Qid){0, 0, QTDIR}, "#", 0, eve, 0555, dp);
		dp->name = devtab[c->type]->name;
		return 1;
	}
	/* a table may start with "." for the directory: it is not listed */
	if(ntab > 0 && strcmp(tab->name, ".") == 0){
		tab++;
		ntab--;
	}
	if(i >= ntab)
		return -1;
	tab += i;
	devdir(c, tab->qid, tab->name, tab->length, eve, tab->perm, dp);
	return 1;
}

Chan*
devattach(int dc, char *spec)
{
	Chan *c;
	char *buf;
	int n;

	c = newchan();
	mkqid(&c->qid, 0, 0, QTDIR);
	c->type = devno(dc);
	n = 2 + strlen(spec) + 1;
	buf = smalloc(n);
	snprint(buf, n, "#%c%s", dc, spec);
	c->path = buf;
	return c;
}

/*
 * Walk c one element to nc by asking gen for each entry in turn
 * (nil name: a clone).  Lexical ".." never gets here.
 */
void
devwalk(Chan *c, Chan *nc, char *name, Dirtab *tab, int ntab, Devgen *gen)
{
	Dir d;
	int i;

	nc->qid = c->qid;
	nc->aux = c->aux;
	nc->aux2 = c->aux2;
	if(name == nil)
		return;
	if((c->qid.type & QTDIR) == 0)
		error(Enotdir);
	if(strcmp(name, ".") == 0)
		return;
	for(i = 0; ; i++){
		switch(gen(c, name, tab, ntab, i, &d)){
		case -1:
			error(Enonexist);
		case 0:
			continue;
		case 1:
			if(strcmp(name, d.name) == 0){
				nc->qid = d.qid;
				return;
			}
		}
	}
}

static int
statreply(Dir *d, uchar *db, int n)
{
	uint m;

	m = dirsize(d);
	if(n < 2)
		error(Eshort);
	if((uint)n < m){
		/* tell the caller how much is needed, as Plan 9 does */
		db[0] = m;
		db[1] = m >> 8;
		return 2;
	}
	return dirpack(d, db, n);
}

int
devstat(Chan *c, uchar *db, int n, Dirtab *tab, int ntab, Devgen *gen)
{
	Dir d;
	int i;
	char *p;

	for(i = 0; ; i++)
		switch(gen(c, nil, tab, ntab, i, &d)){
		case -1:
			if(c->qid.type & QTDIR){
				p = strrchr(c->path, '/');
				p = p && p[1] ? p+1 : devtab[c->type]->name;
				devdir(c, c->qid, p, 0, eve, DMDIR|0555, &d);
				return statreply(&d, db, n);
			}
			error(Enonexist);
		case 0:
			break;
		case 1:
			if(d.qid.path == c->qid.path)
				return statreply(&d, db, n);
			break;
		}
}

/*
 * Read directory entries: the offset counts bytes of packed entries, so a
 * read continues where the last one stopped; entries are never split.
 * aux2 remembers the index of the next entry for sequential reads.
 */
long
devdirread(Chan *c, char *va, long n, Dirtab *tab, int ntab, Devgen *gen)
{
	long m, dsz;
	Dir d;
	int i;
	vlong off;

	/* find the entry at c->offset (sequential readers: cached in aux2) */
	off = 0;
	i = 0;
	if(c->offset != 0 && (vlong)(c->aux2 >> 32) == c->offset){
		i = c->aux2 & 0xffffffff;
		off = c->offset;
	}
	for(; off < c->offset; i++){
		switch(gen(c, nil, tab, ntab, i, &d)){
		case -1:
			return 0;
		case 0:
			continue;
		}
		off += dirsize(&d);
	}
	for(m = 0; ; i++){
		switch(gen(c, nil, tab, ntab, i, &d)){
		case -1:
			goto done;
		case 0:
			continue;
		}
		dsz = dirsize(&d);
		if(m + dsz > n)
			break;
		dirpack(&d, (uchar*)va + m, n - m);
		m += dsz;
	}
	if(m == 0)
		error(Eshort);
done:
	c->aux2 = (uvlong)(c->offset + m) << 32 | (uint)i;
	return m;
}

/* Check the open mode against perm for the user. */
void
devpermcheck(char *fileuid, ulong perm, int omode)
{
	ulong t;
	static int access[] = { 0400, 0200, 0600, 0100 };

	if(strcmp(up->user, fileuid) == 0)
		perm <<= 0;
	else if(strcmp(up->user, eve) == 0)
		perm <<= 3;
	else
		perm <<= 6;
	t = access[omode & 3];
	if(omode & OTRUNC)
		t |= 0200;
	if((t & perm) != t)
		error(Eperm);
}

Chan*
devopen(Chan *c, int omode, Dirtab *tab, int ntab, Devgen *gen)
{
	Dir d;
	int i;

	for(i = 0; ; i++)
		switch(gen(c, nil, tab, ntab, i, &d)){
		case -1:
			goto done;
		case 0:
			break;
		case 1:
			if(d.qid.path == c->qid.path){
				devpermcheck(d.uid, d.mode, omode);
				goto done;
			}
			break;
		}
done:
	if((c->qid.type & QTDIR) && (omode & 3) != OREAD)
		error(Eisdir);
	c->mode = omode & 3;
	c->flag |= COPEN;
	c->offset = 0;
	c->aux2 = 0;
	return c;
}

void
devcreate(Chan *c, char *name, int mode, ulong perm)
{
	USED(c, name, mode, perm);
	error(Eperm);
}

void
devremove(Chan *c)
{
	USED(c);
	error(Eperm);
}

int
devwstat(Chan *c, uchar *db, int n)
{
	USED(c, db, n);
	error(Eperm);
}
