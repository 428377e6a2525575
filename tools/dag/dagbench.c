/*
 * dagbench - GHOSTDAG blocks ordered per second on generated DAGs (rounds
 * of W parallel blocks, each pointing at every block of the previous
 * round), with a pruning window so memory stays flat, and CRDT ops applied
 * per second (CPU time of this process).  Prints figures; asserts
 * nothing about time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include "dag.h"
#include "crdt.h"

static double
secs(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static long
maxrss(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void
mkhash(Dhash *h, uint64_t i)
{
	memset(h, 0, sizeof *h);
	memcpy(h->b, &i, 8);
	h->b[8] = i * 0x9e3779b97f4a7c15ULL >> 56;
}

static void
gen(int k, int width, int nblocks)
{
	Dag *d;
	Dhash h, *prev, *cur;
	U256 one;
	const char *err;
	int j, np, n;
	double t0, t;
	long rss1;

	d = dagnew(&(Dparam){.k = k, .mergesetlimit = 10*(k+1) > 2*width ? 10*(k+1) : 2*width + 1,
		.mergedepth = 1000, .window = 3000});
	prev = calloc(width, sizeof prev[0]);
	cur = calloc(width, sizeof cur[0]);
	u256set(&one, 1);
	mkhash(&h, 0);
	dagadd(d, &h, NULL, 0, &one, &err);
	prev[0] = h;
	np = 1;
	n = 1;
	rss1 = 0;
	t0 = secs();
	while(n < nblocks){
		for(j = 0; j < width && n < nblocks; j++){
			mkhash(&cur[j], n++);
			if(dagadd(d, &cur[j], prev, np, &one, &err) == NULL){
				fprintf(stderr, "dagbench: %s\n", err);
				exit(1);
			}
		}
		memcpy(prev, cur, j * sizeof prev[0]);
		np = j;
		if(n >= nblocks/2 && rss1 == 0)
			rss1 = maxrss();
	}
	t = secs() - t0;
	printf("ghostdag K=%d width=%d: %d blocks in %.2f s = %.0f blocks/s; "
		"live %u; maxrss %ld KiB at %d blocks, %ld KiB at %d\n",
		k, width, n, t, n / t, d->nblocks, rss1, nblocks/2, maxrss(), nblocks);
	dagfree(d);
	free(prev);
	free(cur);
}

static void
hash64(uint8_t out[32], const uint8_t *m, size_t n)
{
	uint64_t x;
	size_t i;

	/* not cryptographic: the benchmark measures the tree, not BLAKE2b */
	x = 0xcbf29ce484222325ULL;
	for(i = 0; i < n; i++)
		x = (x ^ m[i]) * 0x100000001b3ULL;
	memset(out, 0, 32);
	memcpy(out, &x, 8);
}

static void
crdtbench(int nops)
{
	Crypto cr = {hash64, NULL, NULL};
	Crdt *c;
	Cblock *blk, **order;
	Cop *o;
	uint8_t data[64];
	uint64_t ids[1024], r;
	int nb, i, j, nid;
	double t0, t;
	long rss0;

	nb = nops / 8;
	blk = calloc(nb, sizeof blk[0]);
	order = calloc(nb, sizeof order[0]);
	memset(data, 'x', sizeof data);
	r = 1;
	nid = 1;
	ids[0] = Rootid;
	for(i = 0; i < nb; i++){
		memcpy(blk[i].hash, &i, sizeof i);
		blk[i].nops = 8;
		blk[i].ops = calloc(8, sizeof(Cop));
		for(j = 0; j < 8; j++){
			o = &blk[i].ops[j];
			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			o->type = nid < 50 ? Omkdir : 1 + (r >> 33) % (Onops - 1);
			o->id = ids[(r >> 20) % nid];
			o->parent = ids[(r >> 40) % nid];
			snprintf(o->name, sizeof o->name, "f%d", (int)(r >> 50) % 64);
			o->off = (r >> 12) % 512;
			o->ndata = sizeof data;
			o->data = data;
			o->len = (r >> 24) % 512;
			if(o->type == Ocreate || o->type == Omkdir){
				o->id = (uint64_t)i * 8 + j + 100;
				if(nid < 1024)
					ids[nid++] = o->id;
			}
		}
		order[i] = &blk[i];
	}
	rss0 = maxrss();
	c = crdtnew(&cr);
	t0 = secs();
	for(i = 0; i < nb; i += 64){
		crdtsync(c, order, i + 64 < nb ? i + 64 : nb);
		crdttrim(c, 1000);
	}
	t = secs() - t0;
	printf("crdt: %d ops in %.2f s = %.0f ops/s (%llu applied, %llu skipped); "
		"maxrss %ld KiB with the input, %ld KiB after applying\n",
		nb * 8, t, nb * 8 / t, (unsigned long long)c->applied,
		(unsigned long long)c->skipped, rss0, maxrss());
	crdtfree(c);
	for(i = 0; i < nb; i++)
		free(blk[i].ops);
	free(blk);
	free(order);
}

static int
usage(void)
{
	fprintf(stderr, "usage: dagbench K WIDTH BLOCKS | dagbench crdt OPS\n");
	return 2;
}

/* one configuration a process, so maxrss is that configuration's own */
int
main(int argc, char **argv)
{
	int k, w, n;

	if(argc == 3 && strcmp(argv[1], "crdt") == 0){
		n = atoi(argv[2]);
		if(n < 64 || n > 100000000)
			return usage();
		crdtbench(n);
		return 0;
	}
	if(argc != 4)
		return usage();
	k = atoi(argv[1]);
	w = atoi(argv[2]);
	n = atoi(argv[3]);
	if(k < 1 || k > 1000 || w < 1 || w > 1000 || n < 100 || n > 100000000)
		return usage();
	gen(k, w, n);
	return 0;
}
