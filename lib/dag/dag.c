/*
 * GHOSTDAG (Sompolinsky, Wyborski, Zohar) with Kaspa's conventions:
 * the selected parent is the parent of greatest (blue work, hash); the
 * mergeset is found by searching back from the other parents until the
 * selected parent's past; candidates are coloured in ascending (blue work,
 * hash) order, each blue only if its blue anticone stays within k and no
 * blue in that anticone already has k blues in its own anticone.
 */
#include <stdlib.h>
#include <string.h>
#include "dag.h"
#include "dagimpl.h"

int
dagcmp(Dblock *a, Dblock *b)
{
	int c;

	c = u256cmp(&a->bluework, &b->bluework);
	if(c != 0)
		return c;
	return memcmp(a->h.b, b->h.b, 32);
}

static uint32_t
hashidx(Dhash *h, uint32_t mask)
{
	uint64_t x, w;
	int i;

	x = 0x9e3779b97f4a7c15ULL;
	for(i = 0; i < 32; i += 8){
		memcpy(&w, h->b + i, 8);
		x = (x ^ w) * 0xff51afd7ed558ccdULL;
		x ^= x >> 32;
	}
	return (uint32_t)x & mask;
}

Dag *
dagnew(Dparam *p)
{
	Dag *d;

	if(p->k < 0 || p->k > 65535)
		return NULL;
	d = calloc(1, sizeof *d);
	if(d == NULL)
		return NULL;
	d->p = *p;
	d->tabsz = 1024;
	d->tab = calloc(d->tabsz, sizeof d->tab[0]);
	/* slot 0 is never used, so a zero Dref means "none" */
	d->aslots = 64;
	d->slots = calloc(d->aslots, sizeof d->slots[0]);
	d->gens = calloc(d->aslots, sizeof d->gens[0]);
	d->nslots = 1;
	d->root.lo = 0;
	d->root.hi = UINT64_MAX;
	d->root.next = 0;
	if(d->tab == NULL || d->slots == NULL || d->gens == NULL){
		dagfree(d);
		return NULL;
	}
	return d;
}

void
dagghostfree(Dghost *g)
{
	free(g->ms);
	free(g->blue);
	free(g->asz);
	g->ms = NULL;
	g->blue = NULL;
	g->asz = NULL;
}

static void
blockfree(Dblock *b)
{
	dagghostfree(&b->g);
	free(b->par);
	free(b->kids);
	free(b->fcs);
	free(b);
}

void
dagfree(Dag *d)
{
	uint32_t i;

	if(d == NULL)
		return;
	for(i = 1; i < d->nslots; i++)
		if(d->slots[i] != NULL)
			blockfree(d->slots[i]);
	free(d->slots);
	free(d->gens);
	free(d->freeslots);
	free(d->tab);
	free(d->tips);
	free(d->q);
	free(d->lb);
	free(d->touched);
	free(d->root.kids);
	free(d);
}

Dblock *
daglookup(Dag *d, Dhash *h)
{
	uint32_t i, mask;

	mask = d->tabsz - 1;
	for(i = hashidx(h, mask); d->tab[i] != NULL; i = (i+1) & mask)
		if(memcmp(d->tab[i]->h.b, h->b, 32) == 0)
			return d->tab[i];
	return NULL;
}

Dblock *
dagderef(Dag *d, Dref r)
{
	if(r.slot == 0 || r.slot >= d->nslots || d->gens[r.slot] != r.gen)
		return NULL;
	return d->slots[r.slot];
}

static int
tabgrow(Dag *d)
{
	Dblock **old, **t;
	uint32_t i, j, n, mask;

	n = d->tabsz * 2;
	t = calloc(n, sizeof t[0]);
	if(t == NULL)
		return -1;
	old = d->tab;
	mask = n - 1;
	for(i = 0; i < d->tabsz; i++){
		if(old[i] == NULL)
			continue;
		for(j = hashidx(&old[i]->h, mask); t[j] != NULL; j = (j+1) & mask)
			;
		t[j] = old[i];
	}
	free(old);
	d->tab = t;
	d->tabsz = n;
	return 0;
}

static void
tabdel(Dag *d, Dblock *b)
{
	uint32_t i, j, k, mask;

	mask = d->tabsz - 1;
	for(i = hashidx(&b->h, mask); d->tab[i] != b; i = (i+1) & mask)
		if(d->tab[i] == NULL)
			return;
	/* backward-shift deletion keeps probe chains unbroken */
	d->tab[i] = NULL;
	for(j = (i+1) & mask; d->tab[j] != NULL; j = (j+1) & mask){
		k = hashidx(&d->tab[j]->h, mask);
		if((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))){
			d->tab[i] = d->tab[j];
			d->tab[j] = NULL;
			i = j;
		}
	}
	d->nblocks--;
}

static int
slotalloc(Dag *d, Dblock *b)
{
	uint32_t s, n, *g, *f;
	Dblock **sl;

	if(d->nfree > 0)
		s = d->freeslots[--d->nfree];
	else{
		if(d->nslots == d->aslots){
			n = d->aslots * 2;
			sl = realloc(d->slots, n * sizeof sl[0]);
			if(sl == NULL)
				return -1;
			d->slots = sl;
			g = realloc(d->gens, n * sizeof g[0]);
			if(g == NULL)
				return -1;
			d->gens = g;
			memset(d->gens + d->aslots, 0, (n - d->aslots) * sizeof g[0]);
			d->aslots = n;
		}
		if(d->afree < d->aslots){
			/* every slot may be freed at once: keep room for all */
			f = realloc(d->freeslots, d->aslots * sizeof f[0]);
			if(f == NULL)
				return -1;
			d->freeslots = f;
			d->afree = d->aslots;
		}
		s = d->nslots++;
	}
	d->gens[s]++;
	d->slots[s] = b;
	b->self.slot = s;
	b->self.gen = d->gens[s];
	return 0;
}

static int
touch(Dag *d, Dblock *b, uint32_t n)
{
	if(b->stamp != d->stamp){
		if(daggrow(&d->touched, &d->atouched, d->ntouched + 1, sizeof d->touched[0]) < 0)
			return -1;
		d->touched[d->ntouched++] = b;
		b->stamp = d->stamp;
	}
	b->tmpasz = n;
	return 0;
}

static Dasz *
aszfind(Dghost *g, uint64_t serial)
{
	int l, r, m;

	l = 0;
	r = g->nasz;
	while(l < r){
		m = (l + r) / 2;
		if(g->asz[m].serial == serial)
			return &g->asz[m];
		if(g->asz[m].serial < serial)
			l = m + 1;
		else
			r = m;
	}
	return NULL;
}

/* blue anticone size of blue b as seen by the block being built (sp first) */
static uint32_t
anticonesize(Dag *d, Dblock *b, Dblock *sp)
{
	Dasz *a;

	if(b->stamp == d->stamp)
		return b->tmpasz;
	while(sp != NULL){
		a = aszfind(&sp->g, b->serial);
		if(a != NULL)
			return a->n;
		sp = dagderef(d, sp->g.sp);
	}
	/* not found: only possible when history was pruned; treat as full */
	return d->p.k;
}


/*
 * Colour cand against the blues chosen so far (blues[0..nb), sp first),
 * then down the selected chain.  Returns 1 blue, 0 red, -1 no memory;
 * for blue, d->lb[0..*nlb) holds the blues in cand's anticone and their
 * anticone sizes, *asz cand's own.
 */
static int
colour(Dag *d, Dblock *cand, Dblock **blues, int nb, Dblock *sp, int *nlb, uint32_t *asz)
{
	Dblock *chain, *b;
	Dghost *cg;
	uint32_t cnt, s;
	int i, n, k;

	k = d->p.k;
	if(nb == k + 1)
		return 0;
	cnt = 0;
	n = 0;
	/* cand's parents are in its past: mark them to spare queries */
	d->pstamp++;
	for(i = 0; i < cand->npar; i++)
		if((b = dagderef(d, cand->par[i])) != NULL)
			b->parmark = d->pstamp;
	chain = NULL;
	for(;;){
		if(chain != NULL && dagisanc(d, chain, cand))
			break;
		cg = chain ? &chain->g : NULL;
		/* the chain block's blues: its sp, then its blue mergeset */
		for(i = -1; cg ? i < cg->nms : i < nb; i++){
			if(cg == NULL){
				if(i < 0)
					continue;
				b = blues[i];
			}else if(i < 0){
				b = dagderef(d, cg->sp);
				if(b == NULL)
					continue;
			}else{
				if(!cg->blue[i])
					continue;
				b = dagderef(d, cg->ms[i]);
				if(b == NULL)
					continue;
			}
			if(b->parmark == d->pstamp || dagisanc(d, b, cand))
				continue;
			s = anticonesize(d, b, sp);
			if(daggrow(&d->lb, &d->alb, n + 1, sizeof d->lb[0]) < 0)
				return -1;
			d->lb[n].b = b;
			d->lb[n].n = s;
			n++;
			cnt++;
			if(cnt > (uint32_t)k || s >= (uint32_t)k)
				return 0;
		}
		chain = chain ? dagderef(d, chain->g.sp) : sp;
		if(chain == NULL)
			break;	/* past genesis or pruned history: all remaining are ancestors */
	}
	*nlb = n;
	*asz = cnt;
	return 1;
}

static int
cmpblock(const void *a, const void *b)
{
	return dagcmp(*(Dblock**)a, *(Dblock**)b);
}

static int
cmpasz(const void *a, const void *b)
{
	const Dasz *x, *y;

	x = a;
	y = b;
	return x->serial < y->serial ? -1 : x->serial > y->serial;
}

/*
 * The GHOSTDAG data of a block with the given parents.  For the virtual
 * (virt), pruned history and the limits are ignored.
 */
static int
ghostdag(Dag *d, Dblock **par, int npar, int virt, Dghost *g, const char **err)
{
	Dblock *sp, *cur, *p, **blues;
	int i, j, nq, nms, nb, nlb, r;
	uint32_t asz;
	U256 w;

	memset(g, 0, sizeof *g);
	sp = par[0];
	for(i = 1; i < npar; i++)
		if(dagcmp(par[i], sp) > 0)
			sp = par[i];
	g->sp = sp->self;

	/* mergeset: backward search from the other parents */
	d->stamp++;
	d->ntouched = 0;
	nq = 0;
	if(daggrowq(d, npar) < 0)
		goto nomem;
	for(i = 0; i < npar; i++)
		if(par[i] != sp && par[i]->msmark != d->stamp){
			par[i]->msmark = d->stamp;
			d->q[nq++] = par[i];
		}
	for(i = 0; i < nq; i++){
		cur = d->q[i];
		for(j = 0; j < cur->npar; j++){
			p = dagderef(d, cur->par[j]);
			if(p == NULL){
				if(virt)
					continue;
				*err = "mergeset reaches pruned history";
				return -1;
			}
			if(p->msmark == d->stamp || p->pastmark == d->stamp)
				continue;
			if(dagisanc(d, p, sp)){
				p->pastmark = d->stamp;
				continue;
			}
			if(!virt && d->p.mergesetlimit > 0 && nq + 1 > d->p.mergesetlimit){
				*err = "mergeset too big";
				return -1;
			}
			if(daggrowq(d, nq + 1) < 0)
				goto nomem;
			p->msmark = d->stamp;
			d->q[nq++] = p;
		}
	}
	nms = nq;
	if(!virt && d->p.mergesetlimit > 0 && nms + 1 > d->p.mergesetlimit){
		*err = "mergeset too big";
		return -1;
	}
	qsort(d->q, nms, sizeof d->q[0], cmpblock);
	if(!virt && d->p.mergedepth > 0)
		for(i = 0; i < nms; i++)
			if(d->q[i]->g.bluescore + d->p.mergedepth < sp->g.bluescore){
				*err = "merges a block beyond the merge depth";
				return -1;
			}

	g->ms = malloc((nms ? nms : 1) * sizeof g->ms[0]);
	g->blue = malloc(nms ? nms : 1);
	blues = malloc((nms + 1) * sizeof blues[0]);
	if(g->ms == NULL || g->blue == NULL || blues == NULL){
		free(blues);
		goto nomem;
	}
	g->nms = nms;
	nb = 0;
	blues[nb++] = sp;
	if(touch(d, sp, 0) < 0){
		free(blues);
		goto nomem;
	}
	for(i = 0; i < nms; i++){
		cur = d->q[i];
		g->ms[i] = cur->self;
		r = colour(d, cur, blues, nb, sp, &nlb, &asz);
		if(r < 0){
			free(blues);
			goto nomem;
		}
		g->blue[i] = r;
		if(r == 0)
			continue;
		blues[nb++] = cur;
		if(touch(d, cur, asz) < 0){
			free(blues);
			goto nomem;
		}
		for(j = 0; j < nlb; j++)
			if(touch(d, d->lb[j].b, d->lb[j].n + 1) < 0){
				free(blues);
				goto nomem;
			}
	}
	g->nblues = nb;
	g->bluescore = sp->g.bluescore + nb;
	g->bluework = sp->g.bluework;
	for(i = 0; i < nb; i++){
		w = blues[i]->work;
		u256add(&g->bluework, &w);
	}
	free(blues);
	g->asz = malloc((d->ntouched ? d->ntouched : 1) * sizeof g->asz[0]);
	if(g->asz == NULL)
		goto nomem;
	for(i = 0; i < d->ntouched; i++){
		g->asz[i].serial = d->touched[i]->serial;
		g->asz[i].n = d->touched[i]->tmpasz;
	}
	g->nasz = d->ntouched;
	qsort(g->asz, g->nasz, sizeof g->asz[0], cmpasz);
	return 0;
nomem:
	dagghostfree(g);
	*err = "out of memory";
	return -1;
}

/* room was reserved */
static void
tipadd(Dag *d, Dblock *b)
{
	b->tipidx = d->ntips;
	d->tips[d->ntips++] = b;
}

static void
tipdel(Dag *d, Dblock *b)
{
	Dblock *last;

	if(b->tipidx < 0)
		return;
	last = d->tips[--d->ntips];
	d->tips[b->tipidx] = last;
	last->tipidx = b->tipidx;
	b->tipidx = -1;
}

/* drop blocks that fell out of the window below the sink, oldest first */
static void
prune(Dag *d)
{
	Dblock *b;

	if(d->p.window == 0 || d->sink == NULL)
		return;
	while((b = d->qhead) != NULL && b != d->sink
	&& b->g.bluescore + d->p.window < d->sink->g.bluescore){
		if(dagreachdel(d, b) < 0)
			break;	/* out of memory: keep it for now */
		d->qhead = b->qnext;
		if(d->qhead == NULL)
			d->qtail = NULL;
		tabdel(d, b);
		tipdel(d, b);
		d->slots[b->self.slot] = NULL;
		d->freeslots[d->nfree++] = b->self.slot;
		if(b == d->genesis)
			d->genesis = NULL;
		blockfree(b);
		d->npruned++;
	}
}

/*
 * As in Kaspa, parents must be in each other's anticone.  Sorted by blue
 * work, only a lighter parent can be an ancestor of a heavier one, so
 * parents of equal work (the common case of one round) need no query.
 */
static int
incest(Dag *d, Dblock **pp, int npar)
{
	Dblock **t;
	int i, j, a, g, bad;

	if(npar < 2)
		return 0;
	t = malloc(npar * sizeof t[0]);
	if(t == NULL)
		return 1;
	memcpy(t, pp, npar * sizeof t[0]);
	qsort(t, npar, sizeof t[0], cmpblock);
	bad = 0;
	for(i = 0; i < npar && !bad; i = g){
		for(g = i + 1; g < npar && u256cmp(&t[g]->bluework, &t[i]->bluework) == 0; g++)
			;
		for(a = i; a < g && !bad; a++)
			for(j = g; j < npar && !bad; j++)
				bad = dagisanc(d, t[a], t[j]);
	}
	free(t);
	return bad;
}

static int
reserve(Dag *d, Dblock **ms, int nms)
{
	Dblock *m;
	int i;

	for(i = 0; i < nms; i++){
		m = ms[i];
		if(daggrow(&m->fcs, &m->afcs, m->nfcs + 1, sizeof m->fcs[0]) < 0)
			return -1;
	}
	if(daggrow(&d->tips, &d->atips, d->ntips + 1, sizeof d->tips[0]) < 0)
		return -1;
	if(d->nblocks + 1 > d->tabsz / 2 && tabgrow(d) < 0)
		return -1;
	return 0;
}

static void
tabput(Dag *d, Dblock *b)
{
	uint32_t mask, k;

	mask = d->tabsz - 1;
	for(k = hashidx(&b->h, mask); d->tab[k] != NULL; k = (k+1) & mask)
		;
	d->tab[k] = b;
	d->nblocks++;
}

Dblock *
dagadd(Dag *d, Dhash *h, Dhash *par, int npar, U256 *work, const char **err)
{
	Dblock *b, **pp, *sp;
	int i, j;

	if(daglookup(d, h) != NULL){
		*err = "duplicate block";
		return NULL;
	}
	if(npar < 0 || (npar == 0 && d->serial != 0)){
		*err = "block has no parents";
		return NULL;
	}
	if(npar > 0 && d->serial == 0){
		*err = "first block must be genesis (no parents)";
		return NULL;
	}
	if(u256cmp(work, &(U256){{0, 0, 0, 0}}) == 0){
		*err = "zero work";
		return NULL;
	}
	if(d->p.maxparents > 0 && npar > d->p.maxparents){
		*err = "too many parents";
		return NULL;
	}
	for(i = 0; i < npar; i++)
		for(j = 0; j < i; j++)
			if(memcmp(par[i].b, par[j].b, 32) == 0){
				*err = "duplicate parent";
				return NULL;
			}
	pp = malloc((npar ? npar : 1) * sizeof pp[0]);
	b = calloc(1, sizeof *b);
	if(pp == NULL || b == NULL){
		free(pp);
		free(b);
		*err = "out of memory";
		return NULL;
	}
	for(i = 0; i < npar; i++){
		pp[i] = daglookup(d, &par[i]);
		if(pp[i] == NULL){
			free(pp);
			free(b);
			*err = d->npruned ? "unknown or pruned parent" : "unknown parent";
			return NULL;
		}
	}
	if(incest(d, pp, npar)){
		free(pp);
		free(b);
		*err = "a parent is an ancestor of another parent";
		return NULL;
	}
	b->h = *h;
	b->work = *work;
	b->tipidx = -1;
	if(npar > 0 && ghostdag(d, pp, npar, 0, &b->g, err) < 0){
		free(pp);
		free(b);
		return NULL;
	}
	b->bluework = b->g.bluework;
	b->par = malloc((npar ? npar : 1) * sizeof b->par[0]);
	/* mergeset blocks are d->q[0..nms) still, in ascending order */
	if(b->par == NULL || reserve(d, d->q, b->g.nms) < 0)
		goto nomem;
	for(i = 0; i < npar; i++)
		b->par[i] = pp[i]->self;
	b->npar = npar;
	sp = npar > 0 ? dagderef(d, b->g.sp) : NULL;
	if(dagreachadd(d, b, sp) < 0){
		*err = "reachability index exhausted";
		goto fail;
	}
	if(slotalloc(d, b) < 0){
		/* undo the tree insertion: b is the newest kid of its parent */
		b->tparent->nkids--;
		goto nomem;
	}
	b->serial = ++d->serial;
	/* (d->q was reused by the reachability index: use g.ms) */
	for(i = 0; i < b->g.nms; i++)
		dagfcsadd(d->slots[b->g.ms[i].slot], b);
	for(i = 0; i < npar; i++)
		tipdel(d, pp[i]);
	free(pp);
	tipadd(d, b);
	tabput(d, b);
	if(d->qtail)
		d->qtail->qnext = b;
	else
		d->qhead = b;
	d->qtail = b;
	if(npar == 0)
		d->genesis = b;
	if(d->sink == NULL || dagcmp(b, d->sink) > 0)
		d->sink = b;
	prune(d);
	return b;
nomem:
	*err = "out of memory";
fail:
	free(pp);
	blockfree(b);
	return NULL;
}

/* the GHOSTDAG data of the virtual block whose parents are the tips */
int
dagvirtual(Dag *d, Dghost *g, const char **err)
{
	Dblock **par;
	int i, n;

	memset(g, 0, sizeof *g);
	if(d->ntips == 0){
		*err = "empty dag";
		return -1;
	}
	par = malloc(d->ntips * sizeof par[0]);
	if(par == NULL){
		*err = "out of memory";
		return -1;
	}
	/* tips left behind beyond the merge depth cannot be merged any more */
	n = 0;
	for(i = 0; i < d->ntips; i++)
		if(d->p.mergedepth == 0
		|| d->tips[i]->g.bluescore + d->p.mergedepth >= d->sink->g.bluescore)
			par[n++] = d->tips[i];
	i = ghostdag(d, par, n, 1, g, err);
	free(par);
	return i;
}

/*
 * The total order seen from the virtual: down the selected chain, then
 * from the oldest chain block up, each chain block's mergeset (ascending)
 * followed by the chain block; last the virtual's own mergeset.
 * *out is allocated; returns the number of blocks.
 */
int
dagorder(Dag *d, Dblock ***out, const char **err)
{
	Dghost v;
	Dblock **o, **chain, *c, *m;
	int n, nc, i, j;

	*out = NULL;
	if(dagvirtual(d, &v, err) < 0)
		return -1;
	o = malloc((d->nblocks + 1) * sizeof o[0]);
	chain = malloc((d->nblocks + 1) * sizeof chain[0]);
	if(o == NULL || chain == NULL){
		free(o);
		free(chain);
		dagghostfree(&v);
		*err = "out of memory";
		return -1;
	}
	nc = 0;
	for(c = dagderef(d, v.sp); c != NULL && nc < (int)d->nblocks; c = dagderef(d, c->g.sp))
		chain[nc++] = c;
	n = 0;
	for(i = nc - 1; i >= -1; i--){
		Dghost *g = i >= 0 ? &chain[i]->g : &v;
		for(j = 0; j < g->nms; j++)
			if((m = dagderef(d, g->ms[j])) != NULL && n < (int)d->nblocks)
				o[n++] = m;
		if(i >= 0 && n < (int)d->nblocks)
			o[n++] = chain[i];
	}
	free(chain);
	dagghostfree(&v);
	*out = o;
	return n;
}
