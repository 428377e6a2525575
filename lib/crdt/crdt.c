/*
 * The replicated file tree.  Blocks are applied in the DAG's total order;
 * every op leaves an undo record, so when a late block changes the order
 * of recent history the tree is undone to the first difference and the new
 * suffix applied (Kleppmann et al., "A highly-available move operation for
 * replicated trees": moves that would make a cycle are skipped, and a skip
 * is itself a deterministic outcome of the order).  Every op of every
 * applied block is counted as applied or skipped, never dropped.
 *
 * Concurrent creates of one name in one directory all survive: the node
 * with the smallest id keeps the name, the others show as name~ID.
 */
#include <stdlib.h>
#include <string.h>
#include "crdt.h"

static uint32_t
idslot(uint64_t id, uint32_t mask)
{
	id ^= id >> 33;
	id *= 0xff51afd7ed558ccdULL;
	id ^= id >> 33;
	return (uint32_t)id & mask;
}

Cnode *
crdtlookup(Crdt *c, uint64_t id)
{
	uint32_t i, mask;

	mask = c->tabsz - 1;
	for(i = idslot(id, mask); c->tab[i] != NULL; i = (i+1) & mask)
		if(c->tab[i]->id == id)
			return c->tab[i];
	return NULL;
}

static int
tabput(Crdt *c, Cnode *n)
{
	Cnode **t, **old;
	uint32_t i, j, sz;

	if(c->nnodes + 1 > c->tabsz / 2){
		sz = c->tabsz * 2;
		t = calloc(sz, sizeof t[0]);
		if(t == NULL)
			return -1;
		old = c->tab;
		for(i = 0; i < c->tabsz; i++)
			if(old[i] != NULL){
				for(j = idslot(old[i]->id, sz-1); t[j] != NULL; j = (j+1) & (sz-1))
					;
				t[j] = old[i];
			}
		free(old);
		c->tab = t;
		c->tabsz = sz;
	}
	for(i = idslot(n->id, c->tabsz-1); c->tab[i] != NULL; i = (i+1) & (c->tabsz-1))
		;
	c->tab[i] = n;
	c->nnodes++;
	return 0;
}

static void
tabdel(Crdt *c, Cnode *n)
{
	uint32_t i, j, k, mask;

	mask = c->tabsz - 1;
	for(i = idslot(n->id, mask); c->tab[i] != n; i = (i+1) & mask)
		if(c->tab[i] == NULL)
			return;
	c->tab[i] = NULL;
	for(j = (i+1) & mask; c->tab[j] != NULL; j = (j+1) & mask){
		k = idslot(c->tab[j]->id, mask);
		if((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))){
			c->tab[i] = c->tab[j];
			c->tab[j] = NULL;
			i = j;
		}
	}
	c->nnodes--;
}

static Cnode *
mknode(Crdt *c, uint64_t id, uint64_t parent, const char *name, int isdir)
{
	Cnode *n;

	n = calloc(1, sizeof *n);
	if(n == NULL)
		return NULL;
	n->id = id;
	n->parent = parent;
	strcpy(n->name, name);
	n->isdir = isdir;
	n->perm = isdir ? 0775 : 0664;
	n->live = 1;
	if(tabput(c, n) < 0){
		free(n);
		return NULL;
	}
	return n;
}

Crdt *
crdtnew(Crypto *cr)
{
	Crdt *c;

	c = calloc(1, sizeof *c);
	if(c == NULL)
		return NULL;
	c->cr = cr;
	c->tabsz = 64;
	c->tab = calloc(c->tabsz, sizeof c->tab[0]);
	if(c->tab == NULL || mknode(c, Rootid, Rootid, "/", 1) == NULL
	|| mknode(c, Trashid, Trashid, "trash", 1) == NULL){
		crdtfree(c);
		return NULL;
	}
	return c;
}

void
crdtfree(Crdt *c)
{
	uint32_t i;
	int k;

	if(c == NULL)
		return;
	for(i = 0; i < c->tabsz; i++)
		if(c->tab && c->tab[i]){
			free(c->tab[i]->data);
			free(c->tab[i]);
		}
	for(k = 0; k < c->nundo; k++)
		free(c->undo[k].old.data);
	free(c->tab);
	free(c->undo);
	free(c->log);
	free(c);
}

/* is a an ancestor of (or equal to) n? */
static int
above(Crdt *c, uint64_t a, Cnode *n)
{
	uint32_t steps;

	for(steps = 0; steps <= c->nnodes; steps++){
		if(n->id == a)
			return 1;
		if(n->id == Rootid || n->id == Trashid)
			return 0;
		n = crdtlookup(c, n->parent);
		if(n == NULL)
			return 0;
	}
	return 1;	/* a cycle cannot happen; refuse as if it were one */
}

static int
setlen(Cnode *n, uint64_t len)
{
	uint8_t *d;

	if(len > n->len || n->data == NULL){
		d = realloc(n->data, len ? len : 1);
		if(d == NULL)
			return -1;
		if(len > n->len)
			memset(d + n->len, 0, len - n->len);
		n->data = d;
	}
	n->len = len;
	return 0;
}

/* push an undo record holding n's state (nil: did not exist) */
static int
save(Crdt *c, uint64_t id, Cnode *n)
{
	Cundo *u;
	int a;

	if(c->nundo == c->aundo){
		a = c->aundo ? 2*c->aundo : 256;
		u = realloc(c->undo, a * sizeof u[0]);
		if(u == NULL)
			return -1;
		c->undo = u;
		c->aundo = a;
	}
	u = &c->undo[c->nundo];
	memset(u, 0, sizeof *u);
	u->id = id;
	if(n != NULL){
		u->existed = 1;
		u->old = *n;
		u->old.data = NULL;
		if(n->data != NULL){
			u->old.data = malloc(n->len ? n->len : 1);
			if(u->old.data == NULL)
				return -1;
			memcpy(u->old.data, n->data, n->len);
		}
	}
	c->nundo++;
	return 0;
}

/* apply o; 1 applied, 0 skipped, -1 out of memory */
static int
apply(Crdt *c, Cop *o)
{
	Cnode *n, *p;

	if(o->type == Ocreate || o->type == Omkdir){
		p = crdtlookup(c, o->parent);
		if(crdtlookup(c, o->id) != NULL || p == NULL || !p->isdir || o->parent == Trashid)
			return save(c, 0, NULL) < 0 ? -1 : 0;
		if(save(c, o->id, NULL) < 0)
			return -1;
		n = mknode(c, o->id, o->parent, o->name, o->type == Omkdir);
		if(n == NULL)
			return -1;
		n->perm = o->perm & 0777;
		return 1;
	}
	n = crdtlookup(c, o->id);
	if(n == NULL || n->id == Rootid || n->id == Trashid)
		return save(c, 0, NULL) < 0 ? -1 : 0;
	switch(o->type){
	case Owrite:
	case Owrange:
	case Otrunc:
		if(n->isdir || (n->byhash && o->type != Owrite))
			return save(c, 0, NULL) < 0 ? -1 : 0;
		break;
	case Orename:
		p = crdtlookup(c, o->parent);
		/* Kleppmann: skip a move below itself */
		if(p == NULL || !p->isdir || above(c, n->id, p))
			return save(c, 0, NULL) < 0 ? -1 : 0;
		break;
	}
	if(save(c, n->id, n) < 0)
		return -1;
	switch(o->type){
	case Owrite:
		free(n->data);
		n->data = NULL;
		n->byhash = 1;
		memcpy(n->hash, o->hash, 32);
		n->len = o->len;
		break;
	case Owrange:
		if(o->off + o->ndata > n->len && setlen(n, o->off + o->ndata) < 0)
			return -1;
		if(o->ndata > 0)
			memcpy(n->data + o->off, o->data, o->ndata);
		break;
	case Otrunc:
		if(setlen(n, o->len) < 0)
			return -1;
		break;
	case Oremove:
		n->parent = Trashid;
		break;
	case Orename:
		n->parent = o->parent;
		strcpy(n->name, o->name);
		break;
	case Owstat:
		n->perm = o->perm & 0777;
		break;
	}
	return 1;
}

static void
undo1(Crdt *c, Cundo *u)
{
	Cnode *n;

	if(u->id == 0)
		return;
	n = crdtlookup(c, u->id);
	if(!u->existed){
		if(n != NULL){
			tabdel(c, n);
			free(n->data);
			free(n);
		}
		return;
	}
	if(n == NULL)
		return;
	free(n->data);
	*n = u->old;
	u->old.data = NULL;
}

/* fold a block hash into an order-sensitive fingerprint */
static uint64_t
fpadd(uint64_t fp, const uint8_t h[32])
{
	uint64_t w, x;
	int i;

	x = 0;
	for(i = 0; i < 32; i += 8){
		memcpy(&w, h + i, 8);
		x = (x ^ w) * 0x9e3779b97f4a7c15ULL;
	}
	/* multiplier = 3 mod 4: a swap changes fp unless hashes collide */
	return fp * 0xd6e8feb86659fd93ULL + x;
}

/*
 * Bring the tree to the given order: undo to the first difference, redo.
 * Returns -1 out of memory, -2 if the order no longer extends the part
 * trimmed by crdttrim (the caller replays into a fresh tree).
 */
int
crdtsync(Crdt *c, Cblock **order, int n)
{
	int p, i, k, r;
	void *l;

	uint64_t fp;

	if(n < c->base)
		return -2;
	/* the trimmed part must be unchanged: it cannot be undone */
	fp = 0;
	for(i = 0; i < c->base; i++)
		fp = fpadd(fp, order[i]->hash);
	if(fp != c->basefp)
		return -2;
	order += c->base;
	n -= c->base;
	for(p = 0; p < c->nlog && p < n; p++)
		if(memcmp(c->log[p].hash, order[p]->hash, 32) != 0)
			break;
	while(c->nlog > p){
		c->nlog--;
		for(k = c->log[c->nlog].firstundo + c->log[c->nlog].nundo - 1;
		    k >= c->log[c->nlog].firstundo; k--){
			undo1(c, &c->undo[k]);
			free(c->undo[k].old.data);
		}
		c->nundo = c->log[c->nlog].firstundo;
		c->applied -= c->log[c->nlog].nops - c->log[c->nlog].skipped;
		c->skipped -= c->log[c->nlog].skipped;
		c->undone++;
	}
	for(i = p; i < n; i++){
		if(c->nlog == c->alog){
			k = c->alog ? 2*c->alog : 64;
			l = realloc(c->log, k * sizeof c->log[0]);
			if(l == NULL)
				return -1;
			c->log = l;
			c->alog = k;
		}
		memcpy(c->log[c->nlog].hash, order[i]->hash, 32);
		c->log[c->nlog].firstundo = c->nundo;
		c->log[c->nlog].nops = order[i]->nops;
		c->log[c->nlog].skipped = 0;
		for(k = 0; k < order[i]->nops; k++){
			r = apply(c, &order[i]->ops[k]);
			if(r < 0)
				return -1;
			if(r == 0)
				c->log[c->nlog].skipped++;
		}
		c->log[c->nlog].nundo = c->nundo - c->log[c->nlog].firstundo;
		c->applied += order[i]->nops - c->log[c->nlog].skipped;
		c->skipped += c->log[c->nlog].skipped;
		c->nlog++;
	}
	return 0;
}

/*
 * Forget the undo records of all but the last keep blocks: history that
 * deep is final, and memory stays bounded however long the log grows.
 */
void
crdttrim(Crdt *c, int keep)
{
	int drop, k, nu, i;

	if(keep < 1 || c->nlog <= keep)
		return;
	drop = c->nlog - keep;
	for(i = 0; i < drop; i++)
		c->basefp = fpadd(c->basefp, c->log[i].hash);
	nu = c->log[drop].firstundo;
	for(k = 0; k < nu; k++)
		free(c->undo[k].old.data);
	memmove(c->undo, c->undo + nu, (c->nundo - nu) * sizeof c->undo[0]);
	c->nundo -= nu;
	memmove(c->log, c->log + drop, keep * sizeof c->log[0]);
	c->nlog = keep;
	for(i = 0; i < keep; i++)
		c->log[i].firstundo -= nu;
	c->base += drop;
}

static int
cmpkid(const void *a, const void *b)
{
	const Cnode *x, *y;
	int r;

	x = *(Cnode**)a;
	y = *(Cnode**)b;
	if(x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	r = strcmp(x->name, y->name);
	if(r != 0)
		return r;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* n's name as listed: name, or name~ID when an older id holds the name */
int
crdtname(Crdt *c, Cnode *n, char *buf, int nbuf)
{
	uint32_t i;
	Cnode *m;
	int clash, k, l;

	clash = 0;
	for(i = 0; i < c->tabsz; i++){
		m = c->tab[i];
		if(m && m != n && m->parent == n->parent && m->id < n->id
		&& strcmp(m->name, n->name) == 0)
			clash = 1;
	}
	l = strlen(n->name);
	if(l + 18 > nbuf)
		return -1;
	memcpy(buf, n->name, l);
	if(clash){
		buf[l++] = '~';
		for(k = 15; k >= 0; k--)
			buf[l++] = "0123456789abcdef"[n->id >> (4*k) & 15];
	}
	buf[l] = 0;
	return 0;
}

typedef struct Hctx Hctx;
struct Hctx {
	Crdt *c;
	Cnode **v;	/* all nodes sorted by (parent, name, id) */
	uint32_t n;
};

static uint32_t
firstkid(Hctx *h, uint64_t dir)
{
	uint32_t l, r, m;

	l = 0;
	r = h->n;
	while(l < r){
		m = (l + r) / 2;
		if(h->v[m]->parent < dir)
			l = m + 1;
		else
			r = m;
	}
	return l;
}

/* hash of a directory: its kids in (name, id) order with their contents */
static void
dirhash(Hctx *h, uint64_t dir, uint8_t out[32], int depth)
{
	uint8_t *buf, kh[32];
	size_t nb, ab;
	uint32_t i;
	Cnode *k;
	char name[Namemax+24];
	uint8_t *nbuf;
	size_t need;

	nb = 0;
	ab = 256;
	buf = malloc(ab);
	for(i = firstkid(h, dir); buf && i < h->n && h->v[i]->parent == dir; i++){
		k = h->v[i];
		if(k->id == dir)
			continue;
		/* name~ID for all but the first of equal names */
		if(i > 0 && h->v[i-1]->parent == dir && h->v[i-1]->id != dir
		&& strcmp(h->v[i-1]->name, k->name) == 0)
			crdtname(h->c, k, name, sizeof name);
		else
			strcpy(name, k->name);
		if(k->isdir && depth < 100000)
			dirhash(h, k->id, kh, depth + 1);
		else if(k->byhash)
			memcpy(kh, k->hash, 32);
		else
			h->c->cr->hash(kh, k->data ? k->data : (uint8_t*)"", k->len);
		need = nb + strlen(name) + 1 + 1 + 4 + 8 + 32;
		if(need > ab){
			while(ab < need)
				ab *= 2;
			nbuf = realloc(buf, ab);
			if(nbuf == NULL){
				free(buf);
				buf = NULL;
				break;
			}
			buf = nbuf;
		}
		memcpy(buf + nb, name, strlen(name) + 1);
		nb += strlen(name) + 1;
		buf[nb++] = k->isdir ? 'd' : k->byhash ? 'h' : 'f';
		memcpy(buf + nb, &k->perm, 4);
		nb += 4;
		memcpy(buf + nb, &k->len, 8);
		nb += 8;
		memcpy(buf + nb, kh, 32);
		nb += 32;
	}
	h->c->cr->hash(out, buf ? buf : (uint8_t*)"", buf ? nb : 0);
	free(buf);
}

/* a hash of the visible tree (not the trash); -1 out of memory */
int
crdttreehash(Crdt *c, uint8_t out[32])
{
	Hctx h;
	uint32_t i;

	h.c = c;
	h.n = 0;
	h.v = malloc((c->nnodes + 1) * sizeof h.v[0]);
	if(h.v == NULL)
		return -1;
	for(i = 0; i < c->tabsz; i++)
		if(c->tab[i] != NULL)
			h.v[h.n++] = c->tab[i];
	qsort(h.v, h.n, sizeof h.v[0], cmpkid);
	dirhash(&h, Rootid, out, 0);
	free(h.v);
	return 0;
}
