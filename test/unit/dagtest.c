/*
 * Unit tests for lib/dag: the reachability index against a brute-force
 * search on random DAGs, the total order, wide integers, pruning and the
 * refusal of bad blocks.  One PASS/FAIL line per case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dag.h"

static int fails;

static void
result(const char *name, int ok)
{
	printf("%s: %s\n", ok ? "PASS" : "FAIL", name);
	if(!ok)
		fails++;
}

static uint64_t rng = 88172645463325252ULL;

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void
mkhash(Dhash *h, int i)
{
	memset(h, 0, sizeof *h);
	h->b[0] = 0xd0;
	memcpy(h->b + 1, &i, sizeof i);
	h->b[31] = rnd();
}

/* random DAG of n blocks, each with 1..maxp parents among the last w */
static Dag *
randdag(int n, int w, int maxp, int k, Dblock **blk, uint8_t *anc)
{
	Dag *d;
	Dhash h, par[16];
	U256 one;
	const char *err;
	int i, j, np, p, dup, q;

	d = dagnew(&(Dparam){.k = k});
	u256set(&one, 1);
	for(i = 0; i < n; i++){
		mkhash(&h, i);
		np = 0;
		if(i > 0){
			q = 1 + rnd() % maxp;
			while(np < q){
				p = i - 1 - rnd() % (i < w ? i : w);
				dup = 0;
				for(j = 0; j < np; j++)
					dup |= memcmp(par[j].b, blk[p]->h.b, 32) == 0;
				if(!dup)
					par[np++] = blk[p]->h;
				if(np >= i)
					break;
			}
			/* keep only an antichain, as the rules demand */
			for(j = 0; j < np; j++){
				Dblock *a = daglookup(d, &par[j]);
				for(p = 0; p < np; p++)
					if(p != j && dagisanc(d, a, daglookup(d, &par[p])))
						break;
				if(p < np)
					par[j--] = par[--np];
			}
		}
		blk[i] = dagadd(d, &h, par, np, &one, &err);
		if(blk[i] == NULL){
			printf("dagadd %d: %s\n", i, err);
			exit(1);
		}
		/* brute force: past(i) = union of parents and their pasts */
		if(anc != NULL){
			anc[(size_t)i*n + i] = 1;
			for(j = 0; j < np; j++){
				Dblock *pb = daglookup(d, &par[j]);
				int pi;
				for(pi = 0; blk[pi] != pb; pi++)
					;
				for(p = 0; p < n; p++)
					anc[(size_t)i*n + p] |= anc[(size_t)pi*n + p];
			}
		}
	}
	return d;
}

static void
testreach(int n, int w, int maxp)
{
	Dblock **blk;
	uint8_t *anc;
	Dag *d;
	int i, j, ok;
	char name[64];

	blk = calloc(n, sizeof blk[0]);
	anc = calloc((size_t)n*n, 1);
	d = randdag(n, w, maxp, 3, blk, anc);
	ok = 1;
	for(i = 0; i < n; i++)
		for(j = 0; j < n; j++)
			if(dagisanc(d, blk[j], blk[i]) != anc[(size_t)i*n + j]){
				if(ok)
					printf("isanc(%d, %d) = %d, want %d\n", j, i,
						dagisanc(d, blk[j], blk[i]), anc[(size_t)i*n + j]);
				ok = 0;
			}
	snprintf(name, sizeof name, "reach n=%d width=%d parents<=%d", n, w, maxp);
	result(name, ok);
	dagfree(d);
	free(blk);
	free(anc);
}

static void
testorder(void)
{
	Dblock **blk, **o;
	Dag *d;
	const char *err;
	int n, m, i, j, ok;

	n = 400;
	blk = calloc(n, sizeof blk[0]);
	d = randdag(n, 12, 4, 4, blk, NULL);
	m = dagorder(d, &o, &err);
	ok = m == n;
	if(!ok)
		printf("order has %d of %d blocks\n", m, n);
	/* a topological order: every block after all of its parents */
	for(i = 0; ok && i < m; i++)
		for(j = i + 1; j < m; j++)
			if(dagisanc(d, o[j], o[i])){
				printf("order: %d (score %llu) after its descendant %d (score %llu)\n", j,
					(unsigned long long)o[j]->g.bluescore, i, (unsigned long long)o[i]->g.bluescore);
				ok = 0;
			}
	for(i = 0; ok && i < n; i++){
		for(j = 0; j < m && o[j] != blk[i]; j++)
			;
		ok = j < m;
	}
	result("order is a topological order of every block", ok);
	free(o);
	dagfree(d);
	free(blk);
}

static void
testwork(void)
{
	U256 w, x;
	char s[80];

	result("work of bits 0x1e21bc1c", u256work(0x1e21bc1c, &w) == 0
		&& u256hex(&w, s, sizeof s) > 0 && strcmp(s, "796ae") == 0);
	result("work of bits 0x1d00ffff", u256work(0x1d00ffff, &w) == 0
		&& u256hex(&w, s, sizeof s) > 0 && strcmp(s, "100010001") == 0);
	result("zero and negative targets refused", u256work(0x1d000000, &w) < 0
		&& u256work(0x1d800001, &w) < 0 && u256work(0xff7fffff, &w) < 0);
	u256parse(&x, "ffffffffffffffffffffffffffffffff", 32);
	u256set(&w, 1);
	u256add(&x, &w);
	result("u256 carry", u256hex(&x, s, sizeof s) > 0
		&& strcmp(s, "100000000000000000000000000000000") == 0);
	result("u256parse refuses overflow and bad digits",
		u256parse(&x, "1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 65) < 0
		&& u256parse(&x, "12g", 3) < 0);
}

static void
testbad(void)
{
	Dag *d;
	Dhash g, a, par[2];
	U256 one;
	const char *err;
	int ok;

	d = dagnew(&(Dparam){.k = 3, .maxparents = 1});
	u256set(&one, 1);
	mkhash(&g, 1);
	mkhash(&a, 2);
	par[0] = a;
	ok = dagadd(d, &a, par, 1, &one, &err) == NULL && strstr(err, "genesis") != NULL;
	ok &= dagadd(d, &g, NULL, 0, &one, &err) != NULL;
	ok &= dagadd(d, &g, NULL, 0, &one, &err) == NULL && strcmp(err, "duplicate block") == 0;
	ok &= dagadd(d, &a, NULL, 0, &one, &err) == NULL && strcmp(err, "block has no parents") == 0;
	ok &= dagadd(d, &a, par, 1, &one, &err) == NULL && strcmp(err, "unknown parent") == 0;
	par[0] = g;
	par[1] = g;
	ok &= dagadd(d, &a, par, 2, &one, &err) == NULL && strcmp(err, "too many parents") == 0;
	dagfree(d);
	result("bad blocks refused with a reason", ok);
}

/* a long run with a window: live blocks stay bounded, results unchanged */
static void
testprune(void)
{
	Dag *d, *full;
	Dhash h, par[8];
	Dblock *tips[8], *b, *fb;
	U256 one;
	const char *err;
	int i, j, nt, w, ok, maxlive;

	d = dagnew(&(Dparam){.k = 18, .mergedepth = 100, .window = 300});
	full = dagnew(&(Dparam){.k = 18});
	u256set(&one, 1);
	mkhash(&h, 0);
	tips[0] = dagadd(d, &h, NULL, 0, &one, &err);
	dagadd(full, &h, NULL, 0, &one, &err);
	nt = 1;
	ok = 1;
	maxlive = 0;
	for(i = 1; ok && i < 6000; i += w){
		/* rounds of w parallel blocks, each pointing at all tips */
		w = 1 + rnd() % 6;
		for(j = 0; j < nt; j++)
			par[j] = tips[j]->h;
		for(j = 0; j < w; j++){
			mkhash(&h, i + j);
			b = dagadd(d, &h, par, nt, &one, &err);
			fb = dagadd(full, &h, par, nt, &one, &err);
			if(b == NULL || fb == NULL || b->g.bluescore != fb->g.bluescore
			|| b->g.nms != fb->g.nms){
				ok = 0;
				break;
			}
			tips[j] = b;
		}
		nt = w;
		if((int)d->nblocks > maxlive)
			maxlive = d->nblocks;
	}
	printf("pruned run: %d blocks live at most, %llu pruned\n", maxlive,
		(unsigned long long)d->npruned);
	result("pruning keeps memory bounded and results equal", ok && maxlive < 2500
		&& d->npruned > 0);
	dagfree(d);
	dagfree(full);
}

int
main(void)
{
	testreach(60, 5, 3);
	testreach(300, 20, 5);
	testreach(800, 100, 8);
	testreach(1500, 3, 2);
	testorder();
	testwork();
	testbad();
	testprune();
	return fails != 0;
}
