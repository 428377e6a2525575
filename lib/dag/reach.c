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
#include "dag.h"
#include "dagimpl.h"

enum { Leafweight = 64 };

int
dagtreeanc(Dblock *a, Dblock *b)
{
	return a->lo <= b->lo && b->hi <= a->hi;
}

int
daggrowq(Dag *d, int n)
{
	Dblock **q;
	int a;

	if(n <= d->aq)
		return 0;
	a = d->aq ? d->aq : 64;
	while(a < n)
		a *= 2;
	q = realloc(d->q, a * sizeof q[0]);
	if(q == NULL)
		return -1;
	d->q = q;
	d->aq = a;
	return 0;
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
	Dblock **k;
	int a;

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
	if(p->nkids == p->akids){
		a = p->akids ? 2*p->akids : 2;
		k = realloc(p->kids, a * sizeof k[0]);
		if(k == NULL)
			return -1;
		p->kids = k;
		p->akids = a;
	}
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
	int i, n;
	Dfcs *f;

	i = fcsfind(a, x);
	if(i >= 0 && a->fcs[i].lo <= x->lo && x->hi <= a->fcs[i].hi)
		return 0;
	if(a->nfcs == a->afcs){
		n = a->afcs ? 2*a->afcs : 2;
		f = realloc(a->fcs, n * sizeof f[0]);
		if(f == NULL)
			return -1;
		a->fcs = f;
		a->afcs = n;
	}
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
	Dblock *r, **k;
	int i, n;

	r = &d->root;
	for(i = 0; i < r->nkids && r->kids[i] != b; i++)
		;
	if(i == r->nkids || b->tparent != r)
		return -1;
	n = r->nkids - 1 + b->nkids;
	if(n > r->akids){
		k = realloc(r->kids, n * sizeof k[0]);
		if(k == NULL)
			return -1;
		r->kids = k;
		r->akids = n;
	}
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
