/*
 * syncsim - N replicas of the file-tree CRDT exchanging signed blocks by
 * gossip with random delays, drops, a partition and crash-restarts, each
 * issuing conflicting operations.  After healing it checks that every
 * replica holds every block, that all tree hashes agree, that each
 * incrementally maintained tree equals a fresh replay of the final order,
 * and that every op of every block was applied or skipped.  See syncsim(1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "dag.h"
#include "crdt.h"
#include "hostcrypto.h"

enum {
	Maxtips = 16,
	Fanout = 3,
	Maxdelay = 4,
	Wheel = 16,
};

enum {
	Mblock,
	Mwant,
	Mtips,
};

typedef struct Msg Msg;
typedef struct Node Node;

struct Msg {
	int to, from, type;
	uint8_t *raw;		/* block bytes, or hashes */
	size_t n;
	Msg *next;
};

struct Node {
	Dag *d;
	Crdt *c;
	Cblock **store;		/* accepted blocks, in acceptance order */
	int nstore, astore;
	Cblock **orph;
	int norph;
	uint64_t seq;
	int down;		/* ticks until restart */
	int dirty;
	uint8_t pk[32], sk[64];
};

static Node *nodes;
static int nnodes, now, partitioned, verbose;
static Msg *wheel[Wheel];
static uint8_t (*keys)[32];
static Crypto *cr;
static Cblock genesis;
static uint64_t rng, nsent, ndropped, ncrash, nrejected, nreplay;
static double droprate = 0.1;
static int keepundo = 128;	/* blocks of undo history each replica keeps */
static uint64_t nundone;
/*
 * The mergeset limit is far above Kaspa's 10(k+1): a partition of a
 * hundred ticks must still be merged whole, or its ops would be lost.
 */
static const Dparam dparam = {.k = 18, .mergesetlimit = 8192, .maxparents = Maxtips};

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void *
emalloc(size_t n)
{
	void *p;

	p = calloc(1, n ? n : 1);
	if(p == NULL){
		fprintf(stderr, "syncsim: out of memory\n");
		exit(1);
	}
	return p;
}

static void
send(int from, int to, int type, const uint8_t *raw, size_t n)
{
	Msg *m;
	int at;

	if(to == from)
		return;
	nsent++;
	if((partitioned && from % 2 != to % 2) || (double)(rnd() % 1000) < droprate * 1000){
		ndropped++;
		return;
	}
	m = emalloc(sizeof *m);
	m->to = to;
	m->from = from;
	m->type = type;
	m->raw = emalloc(n);
	memcpy(m->raw, raw, n);
	m->n = n;
	at = (now + 1 + rnd() % Maxdelay) % Wheel;
	m->next = wheel[at];
	wheel[at] = m;
}

static void
gossip(int from, Cblock *b)
{
	int i;

	for(i = 0; i < Fanout; i++)
		send(from, rnd() % nnodes, Mblock, b->raw, b->nraw);
}

static int
missing(Node *nd, Cblock *b, int *which)
{
	int i;

	for(i = 0; i < b->npar; i++)
		if(daglookup(nd->d, (Dhash*)b->par[i]) == NULL){
			*which = i;
			return 1;
		}
	return 0;
}

/* add a decoded block whose parents are all known; 0 ok */
static int
accept(Node *nd, Cblock *b)
{
	Dblock *db;
	const char *err;
	U256 one;

	u256set(&one, 1);
	db = dagadd(nd->d, (Dhash*)b->hash, (Dhash*)b->par, b->npar, &one, &err);
	if(db == NULL){
		if(verbose)
			fprintf(stderr, "syncsim: block refused: %s\n", err);
		nrejected++;
		return -1;
	}
	db->aux = b;
	if(nd->nstore == nd->astore){
		nd->astore = nd->astore ? 2*nd->astore : 64;
		nd->store = realloc(nd->store, nd->astore * sizeof nd->store[0]);
		if(nd->store == NULL)
			exit(1);
	}
	nd->store[nd->nstore++] = b;
	nd->dirty = 1;
	return 0;
}

static void
receive(int me, int from, const uint8_t *raw, size_t n)
{
	Node *nd;
	Cblock *b;
	const char *err;
	int i, w, progress;

	nd = &nodes[me];
	b = emalloc(sizeof *b);
	if(blockdecode(raw, n, cr, (const uint8_t (*)[32])keys, nnodes, b, &err) < 0){
		fprintf(stderr, "syncsim: node %d: bad block: %s\n", me, err);
		free(b);
		nrejected++;
		return;
	}
	if(daglookup(nd->d, (Dhash*)b->hash) != NULL){
		blockclear(b);
		free(b);
		return;
	}
	for(i = 0; i < nd->norph; i++)
		if(memcmp(nd->orph[i]->hash, b->hash, 32) == 0){
			/* still waiting: the earlier request may have been lost */
			if(missing(nd, nd->orph[i], &w))
				send(me, from, Mwant, nd->orph[i]->par[w], 32);
			blockclear(b);
			free(b);
			return;
		}
	if(missing(nd, b, &w)){
		nd->orph = realloc(nd->orph, (nd->norph + 1) * sizeof nd->orph[0]);
		if(nd->orph == NULL)
			exit(1);
		nd->orph[nd->norph++] = b;
		send(me, from, Mwant, b->par[w], 32);
		return;
	}
	if(accept(nd, b) < 0){
		blockclear(b);
		free(b);
		return;
	}
	gossip(me, b);
	/* orphans whose parents just arrived */
	do{
		progress = 0;
		for(i = 0; i < nd->norph; i++){
			b = nd->orph[i];
			if(missing(nd, b, &w))
				continue;
			nd->orph[i--] = nd->orph[--nd->norph];
			if(daglookup(nd->d, (Dhash*)b->hash) != NULL || accept(nd, b) < 0){
				blockclear(b);
				free(b);
				continue;
			}
			gossip(me, b);
			progress = 1;
		}
	}while(progress);
}

static Cblock *
findblock(Node *nd, const uint8_t *h)
{
	Dblock *db;

	db = daglookup(nd->d, (Dhash*)h);
	return db ? db->aux : NULL;
}

static void
deliver(Msg *m)
{
	Node *nd;
	Cblock *b;
	size_t i;
	int k;

	nd = &nodes[m->to];
	if(nd->down)
		return;
	switch(m->type){
	case Mblock:
		receive(m->to, m->from, m->raw, m->n);
		break;
	case Mwant:
		if((b = findblock(nd, m->raw)) != NULL)
			send(m->to, m->from, Mblock, b->raw, b->nraw);
		else
			for(k = 0; k < nd->norph; k++)
				if(memcmp(nd->orph[k]->hash, m->raw, 32) == 0)
					send(m->to, m->from, Mblock, nd->orph[k]->raw, nd->orph[k]->nraw);
		break;
	case Mtips:
		for(i = 0; i + 32 <= m->n; i += 32)
			if(findblock(nd, m->raw + i) == NULL)
				send(m->to, m->from, Mwant, m->raw + i, 32);
		break;
	}
}

/* the order of nd's DAG as blocks; caller frees */
static int
order(Node *nd, Cblock ***out)
{
	Dblock **o;
	Cblock **cb;
	const char *err;
	int n, i;

	n = dagorder(nd->d, &o, &err);
	if(n < 0){
		fprintf(stderr, "syncsim: order: %s\n", err);
		exit(1);
	}
	cb = emalloc((n + 1) * sizeof cb[0]);
	for(i = 0; i < n; i++)
		cb[i] = o[i]->aux;
	free(o);
	*out = cb;
	return n;
}

static void
sync1(Node *nd)
{
	Cblock **o;
	int n, r;

	if(!nd->dirty)
		return;
	n = order(nd, &o);
	r = crdtsync(nd->c, o, n);
	if(r == -2){
		/* the order changed below the trimmed history: replay it all */
		nreplay++;
		nundone += nd->c->undone;
		crdtfree(nd->c);
		nd->c = crdtnew(cr);
		r = nd->c ? crdtsync(nd->c, o, n) : -1;
	}
	if(r < 0){
		fprintf(stderr, "syncsim: crdtsync: out of memory\n");
		exit(1);
	}
	crdttrim(nd->c, keepundo);
	free(o);
	nd->dirty = 0;
}

static void
start(Node *nd)
{
	nd->d = dagnew((Dparam*)&dparam);
	nd->c = crdtnew(cr);
	if(nd->d == NULL || nd->c == NULL)
		exit(1);
}

/* a crash loses the in-memory DAG and tree; restart replays the store */
static void
restart(Node *nd)
{
	Cblock **st;
	int i, n;

	dagfree(nd->d);
	crdtfree(nd->c);
	start(nd);
	st = nd->store;
	n = nd->nstore;
	nd->store = NULL;
	nd->nstore = nd->astore = 0;
	for(i = 0; i < n; i++)
		if(accept(nd, st[i]) < 0){
			fprintf(stderr, "syncsim: replay after restart refused a stored block\n");
			exit(1);
		}
	free(st);
}

static uint64_t
pickid(Node *nd, int wantdir)
{
	Crdt *c;
	uint32_t i, k;

	c = nd->c;
	for(k = 0; k < 8; k++){
		i = rnd() % c->tabsz;
		for(; i < c->tabsz; i++)
			if(c->tab[i] != NULL && c->tab[i]->id != Trashid
			&& (!wantdir || c->tab[i]->isdir))
				return c->tab[i]->id;
	}
	return Rootid;
}

static Dag *sortdag;

/* qsort: parent hashes by their blocks' (blue work, hash), heaviest first */
static int
cmpheavier(const void *a, const void *b)
{
	return dagcmp(daglookup(sortdag, (Dhash*)b), daglookup(sortdag, (Dhash*)a));
}

static void
mkblock(int me)
{
	static const char *names[] = {"a", "b", "c", "notes", "src", "x"};
	static uint8_t payload[256];
	Node *nd;
	Cblock b, *nb;
	Cop *o;
	uint8_t *raw;
	size_t n;
	const char *err;
	int i, nt, j, best;
	Dblock *t[Maxtips], *tip;

	nd = &nodes[me];
	sync1(nd);
	memset(&b, 0, sizeof b);
	/* parents: up to Maxtips tips, the heaviest first */
	nt = 0;
	for(i = 0; i < nd->d->ntips; i++){
		tip = nd->d->tips[i];
		if(nt < Maxtips)
			t[nt++] = tip;
		else{
			best = 0;
			for(j = 1; j < nt; j++)
				if(dagcmp(t[j], t[best]) < 0)
					best = j;
			if(dagcmp(tip, t[best]) > 0)
				t[best] = tip;
		}
	}
	for(i = 0; i < nt; i++)
		memcpy(b.par[i], t[i]->h.b, 32);
	b.npar = nt;
	memcpy(b.author, nd->pk, 32);
	b.seq = ++nd->seq;
	b.nops = 1 + rnd() % 4;
	b.ops = emalloc(b.nops * sizeof b.ops[0]);
	for(i = 0; i < b.nops; i++){
		o = &b.ops[i];
		o->type = 1 + rnd() % (Onops - 1);
		o->id = pickid(nd, 0);
		o->parent = pickid(nd, 1);
		strcpy(o->name, names[rnd() % 6]);
		o->perm = rnd() & 0777;
		switch(o->type){
		case Owrite:
			o->len = rnd() % 100000;
			for(j = 0; j < 32; j++)
				o->hash[j] = rnd();
			break;
		case Owrange:
			o->off = rnd() % 300;
			o->ndata = rnd() % sizeof payload;
			for(j = 0; j < (int)o->ndata; j++)
				payload[j] = rnd();
			o->data = payload;
			break;
		case Otrunc:
			o->len = rnd() % 400;
			break;
		}
	}
	/* heaviest tips first, so fewer parents still keep the heaviest */
	sortdag = nd->d;
	qsort(b.par, nt, sizeof b.par[0], cmpheavier);
	for(;;){
		if(blockencode(&b, nd->sk, cr, &raw, &n) < 0){
			fprintf(stderr, "syncsim: encode failed\n");
			exit(1);
		}
		nb = emalloc(sizeof *nb);
		if(blockdecode(raw, n, cr, (const uint8_t (*)[32])keys, nnodes, nb, &err) < 0){
			fprintf(stderr, "syncsim: own block refused: %s\n", err);
			exit(1);
		}
		free(raw);
		if(accept(nd, nb) == 0)
			break;
		blockclear(nb);
		free(nb);
		/* a limit refused it: merge less this time */
		if(b.npar == 1){
			fprintf(stderr, "syncsim: node %d cannot build on its heaviest tip\n", me);
			exit(1);
		}
		b.npar /= 2;
	}
	free(b.ops);
	gossip(me, nb);
}

static void
tick(int makeblocks, int chaos, double rate)
{
	Msg *m, *next;
	Node *nd;
	uint8_t *h;
	int i, k, slot;

	slot = now % Wheel;
	m = wheel[slot];
	wheel[slot] = NULL;
	for(; m != NULL; m = next){
		next = m->next;
		deliver(m);
		free(m->raw);
		free(m);
	}
	for(i = 0; i < nnodes; i++){
		nd = &nodes[i];
		if(nd->down){
			if(--nd->down == 0)
				restart(nd);
			continue;
		}
		if(chaos && rnd() % 400 == 0){
			nd->down = 1 + rnd() % 5;
			ncrash++;
			continue;
		}
		if(makeblocks && (double)(rnd() % 1000) < rate * 1000)
			mkblock(i);
		/* ask a random peer again for a parent an orphan still lacks */
		if(nd->norph > 0){
			Cblock *ob = nd->orph[rnd() % nd->norph];
			int w;
			if(missing(nd, ob, &w))
				send(i, rnd() % nnodes, Mwant, ob->par[w], 32);
		}
		/* anti-entropy: offer our tips to one peer */
		h = emalloc(nd->d->ntips * 32);
		for(k = 0; k < nd->d->ntips; k++)
			memcpy(h + 32*k, nd->d->tips[k]->h.b, 32);
		send(i, rnd() % nnodes, Mtips, h, nd->d->ntips * 32);
		free(h);
	}
	now++;
}

static int
cmpblk(const void *a, const void *b)
{
	return memcmp((*(Cblock**)a)->hash, (*(Cblock**)b)->hash, 32);
}

static int
usage(void)
{
	fprintf(stderr, "usage: syncsim [-n nodes] [-s seed] [-t ticks] [-r rate] [-k keep] [-v]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	Crdt *fresh;
	Cblock **o, **first;
	uint8_t h0[32], h[32], hf[32];
	uint64_t seed, totops;
	double rate;
	int i, j, n, ticks, heal, ok, total;
	unsigned char s32[32];

	nnodes = 50;
	seed = 1;
	ticks = 60;
	rate = 0.1;
	for(i = 1; i < argc; i++){
		if(strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else if(i + 1 < argc && strcmp(argv[i], "-n") == 0)
			nnodes = atoi(argv[++i]);
		else if(i + 1 < argc && strcmp(argv[i], "-s") == 0)
			seed = strtoull(argv[++i], NULL, 10);
		else if(i + 1 < argc && strcmp(argv[i], "-t") == 0)
			ticks = atoi(argv[++i]);
		else if(i + 1 < argc && strcmp(argv[i], "-k") == 0)
			keepundo = atoi(argv[++i]);
		else if(i + 1 < argc && strcmp(argv[i], "-r") == 0)
			rate = atof(argv[++i]);
		else
			return usage();
	}
	if(nnodes < 2 || nnodes > 10000 || keepundo < 1 || ticks < 1 || ticks > 1000000 || rate <= 0 || rate > 1)
		return usage();
	cr = sodiumcrypto();
	if(cr == NULL)
		return 1;
	rng = seed * 0x9e3779b97f4a7c15ULL + 1;
	nodes = emalloc(nnodes * sizeof nodes[0]);
	keys = emalloc(nnodes * sizeof keys[0]);
	for(i = 0; i < nnodes; i++){
		for(j = 0; j < 32; j++)
			s32[j] = rnd();
		crypto_sign_seed_keypair(nodes[i].pk, nodes[i].sk, s32);
		memcpy(keys[i], nodes[i].pk, 32);
	}
	if(blockgenesis(cr, &genesis) < 0)
		return 1;
	for(i = 0; i < nnodes; i++){
		start(&nodes[i]);
		first = emalloc(sizeof *first);
		*first = emalloc(sizeof **first);
		blockgenesis(cr, *first);
		accept(&nodes[i], *first);
		free(first);
	}
	/* busy phase: blocks, drops, a partition in the middle, crashes */
	for(i = 0; i < ticks; i++){
		partitioned = i >= ticks/4 && i < ticks/2;
		tick(1, 1, rate);
		for(j = 0; j < nnodes; j++)
			if(rnd() % 4 == 0 && !nodes[j].down)
				sync1(&nodes[j]);
	}
	/* heal: no partition, no drops, no new blocks, until all agree */
	partitioned = 0;
	droprate = 0;
	for(heal = 0; heal < 2000; heal++){
		tick(0, 0, rate);
		total = nodes[0].nstore;
		ok = 1;
		for(j = 0; j < nnodes; j++)
			if(nodes[j].down || nodes[j].nstore != total || nodes[j].norph != 0)
				ok = 0;
		if(ok && heal > Maxdelay + 2)
			break;
	}
	ok = 1;
	total = nodes[0].nstore;
	for(i = 0; i < nnodes; i++)
		if(nodes[i].nstore != total){
			printf("node %d has %d blocks, node 0 has %d\n", i, nodes[i].nstore, total);
			ok = 0;
		}
	/* count every op once: over node 0's blocks, deduplicated by hash */
	o = emalloc(total * sizeof o[0]);
	memcpy(o, nodes[0].store, total * sizeof o[0]);
	qsort(o, total, sizeof o[0], cmpblk);
	totops = 0;
	for(i = 0; i < total; i++)
		if(i == 0 || memcmp(o[i]->hash, o[i-1]->hash, 32) != 0)
			totops += o[i]->nops;
	free(o);
	for(i = 0; i < nnodes; i++){
		nodes[i].dirty = 1;
		sync1(&nodes[i]);
		crdttreehash(nodes[i].c, h);
		if(i == 0)
			memcpy(h0, h, 32);
		else if(memcmp(h, h0, 32) != 0){
			printf("node %d: tree hash differs from node 0\n", i);
			ok = 0;
		}
		n = order(&nodes[i], &o);
		fresh = crdtnew(cr);
		if(fresh == NULL || crdtsync(fresh, o, n) < 0)
			return 1;
		crdttreehash(fresh, hf);
		if(memcmp(hf, h, 32) != 0){
			printf("node %d: incremental tree differs from a fresh replay\n", i);
			ok = 0;
		}
		if(nodes[i].c->applied + nodes[i].c->skipped != totops
		|| fresh->applied != nodes[i].c->applied){
			printf("node %d: %llu applied + %llu skipped, want %llu ops\n", i,
				(unsigned long long)nodes[i].c->applied,
				(unsigned long long)nodes[i].c->skipped, (unsigned long long)totops);
			ok = 0;
		}
		crdtfree(fresh);
		free(o);
		nundone += nodes[i].c->undone;
	}
	printf("nodes %d blocks %d ops %llu applied %llu skipped %llu undone %llu "
		"msgs %llu dropped %llu crashes %llu refused %llu replays %llu heal %d: %s\n",
		nnodes, total, (unsigned long long)totops,
		(unsigned long long)nodes[0].c->applied, (unsigned long long)nodes[0].c->skipped,
		(unsigned long long)nundone, (unsigned long long)nsent,
		(unsigned long long)ndropped, (unsigned long long)ncrash,
		(unsigned long long)nrejected, (unsigned long long)nreplay, heal, ok ? "ok" : "FAILED");
	return ok ? 0 : 1;
}
