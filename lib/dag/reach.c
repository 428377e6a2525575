/*
 * Reachability index.  Every block holds an interval [lo,hi] on the tree
 * formed by selected-parent edges: a block's interval contains those of its
 * tree descendants, so tree ancestry is two comparisons.  A block a is in
 * the past of b iff a is a tree ancestor of b, or a was merged (as a
 * non-selected mergeset member) by some block x that is a tree ancestor of
 * b; those x form a's future covering set, kept as an antichain sorted by
 * interval so one binary search answers.
 *
 * All roots hang under a sentinel d->root.  Relabelling keeps the
 * left-to-right order of the tree, so covering sets stay sorted.
 */
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include "dag.h"
#include "dagimpl.h"

enum { Leafweight = 64 };

int
dagtreeanc(Dblock *a, Dblock *b)
{
	return a->lo <= b->lo && b->hi <= a->hi;
}

/*
 * Make room for need elements of elt bytes in the array *pp (any pointer
 * type) of capacity *cap, doubling.  -1 out of memory or too large.
 */
int
daggrow(void *pp, int *cap, int need, size_t elt)
{
	void *p, *np;
	int a;

	if(need <= *cap)
		return 0;
	a = *cap ? *cap : 4;
	while(a < need){
		if(a > INT_MAX / 2)
			return -1;
		a *= 2;
	}
	memcpy(&p, pp, sizeof p);
	np = realloc(p, (size_t)a * elt);
	if(np == NULL)
		return -1;
	memcpy(pp, &np, sizeof np);
	*cap = a;
	return 0;
}

int
daggrowq(Dag *d, int n)
{
	return daggrow(&d->q, &d->aq, n, sizeof d->q[0]);
}

/* post-order sizes, then pre-order intervals in proportion to them */
static int
relabel(Dag *d, Dblock *a)
{
	int n, m, i;
	Dblock *y, *k;
	uint64_t space, lo, share;

	/* collect the subtree in pre-order into q[0..m) */
	m = 0;
	if(daggrowq(d, 1) < 0)
		return -1;
	d->q[m++] = a;
	for(n = 0; n < m; n++){
		y = d->q[n];
		if(daggrowq(d, m + y->nkids) < 0)
			return -1;
		for(i = 0; i < y->nkids; i++)
			d->q[m++] = y->kids[i];
	}
	/* weights: a leaf (a tip, where blocks arrive) counts Leafweight */
	for(n = m-1; n >= 0; n--){
		y = d->q[n];
		y->tsz = y->nkids == 0 ? Leafweight : 1;
		for(i = 0; i < y->nkids; i++)
			y->tsz += y->kids[i]->tsz;
	}
	for(n = 0; n < m; n++){
		y = d->q[n];
		space = y->hi - y->lo;
		lo = y->lo;
		/* y->tsz counts y itself: its own weight stays with it as slack */
		for(i = 0; i < y->nkids; i++){
			k = y->kids[i];
			share = (uint64_t)((unsigned __int128)space * k->tsz / y->tsz);
			if(share == 0)
				return -1;
			k->lo = lo;
			k->hi = lo + share - 1;
			k->next = k->lo;
			lo += share;
		}
		y->next = lo;
	}
	/* the covering sets hold copies of intervals: refresh them */
	for(n = 0; n < m; n++){
		y = d->q[n];
		for(i = 0; i < y->nfcs; i++){
			y->fcs[i].lo = y->fcs[i].b->lo;
			y->fcs[i].hi = y->fcs[i].b->hi;
		}
	}
	return 0;
}

/*
 * Insert b as the newest tree child of p (nil: a new root).  A first child
 * (usually the next chain block) takes most of the free space, later ones
 * an eighth, so a round of a hundred siblings still fits.  When p has none left the whole tree is relabelled: with 2^64
 * labels that leaves every block about 2^64/n of them, so it is rare.
 */
int
dagreachadd(Dag *d, Dblock *b, Dblock *p)
{
	uint64_t free, size;

	if(p == NULL)
		p = &d->root;
	b->tparent = p;
	if(p->hi - p->next < 2 && relabel(d, &d->root) < 0)
		return -1;
	free = p->hi - p->next;
	if(free < 2)
		return -1;
	size = p->nkids == 0 ? free - free/16 : free/8;
	if(size == 0)
		size = 1;
	if(daggrow(&p->kids, &p->akids, p->nkids + 1, sizeof p->kids[0]) < 0)
		return -1;
	b->lo = p->next;
	b->hi = p->next + size - 1;
	b->next = b->lo;
	p->next += size;
	p->kids[p->nkids++] = b;
	return 0;
}

/* index of the last fcs entry with lo <= b->lo, or -1 (branch-free halving) */
static int
fcsfind(Dblock *a, Dblock *b)
{
	const Dfcs *base;
	uint64_t key;
	int n, half;

	n = a->nfcs;
	if(n == 0)
		return -1;
	base = a->fcs;
	key = b->lo;
	while(n > 1){
		half = n / 2;
		base = base[half].lo <= key ? base + half : base;
		n -= half;
	}
	return base->lo <= key ? (int)(base - a->fcs) : -1;
}

/* a was merged by x (x newest): record x in a's future covering set */
int
dagfcsadd(Dblock *a, Dblock *x)
{
	int i;

	i = fcsfind(a, x);
	if(i >= 0 && a->fcs[i].lo <= x->lo && x->hi <= a->fcs[i].hi)
		return 0;
	if(daggrow(&a->fcs, &a->afcs, a->nfcs + 1, sizeof a->fcs[0]) < 0)
		return -1;
	memmove(a->fcs + i + 2, a->fcs + i + 1, (a->nfcs - i - 1) * sizeof a->fcs[0]);
	a->fcs[i+1].lo = x->lo;
	a->fcs[i+1].hi = x->hi;
	a->fcs[i+1].b = x;
	a->nfcs++;
	return 0;
}

/* is a in the past of b, or b itself? */
int
dagisanc(Dag *d, Dblock *a, Dblock *b)
{
	int i;

	(void)d;
	if(a == b)
		return 1;
	/* blue work grows strictly along every edge (work is never zero) */
	if(u256cmp(&a->bluework, &b->bluework) >= 0)
		return 0;
	if(dagtreeanc(a, b))
		return 1;
	i = fcsfind(a, b);
	return i >= 0 && b->hi <= a->fcs[i].hi;
}

/* forget b, a root: its kids take its place among the roots, in order */
int
dagreachdel(Dag *d, Dblock *b)
{
	Dblock *r;
	int i, n;

	r = &d->root;
	for(i = 0; i < r->nkids && r->kids[i] != b; i++)
		;
	if(i == r->nkids || b->tparent != r)
		return -1;
	n = r->nkids - 1 + b->nkids;
	if(daggrow(&r->kids, &r->akids, n, sizeof r->kids[0]) < 0)
		return -1;
	memmove(r->kids + i + b->nkids, r->kids + i + 1, (r->nkids - i - 1) * sizeof r->kids[0]);
	if(b->nkids > 0)
		memcpy(r->kids + i, b->kids, b->nkids * sizeof b->kids[0]);
	r->nkids = n;
	for(i = 0; i < b->nkids; i++)
		b->kids[i]->tparent = r;
	free(b->kids);
	free(b->fcs);
	b->kids = NULL;
	b->fcs = NULL;
	return 0;
}
