/*
 * lib/dag - GHOSTDAG ordering of a block DAG, as Kaspa defines it.
 *
 * Blocks are added in topological order (parents first). For each block
 * the library computes its selected parent, its mergeset (blocks in its
 * past but not in its selected parent's past) sorted by (blue work, hash),
 * the k-cluster colouring of that mergeset into blues and reds, blue score
 * and blue work.  A reachability index (intervals on the selected-parent
 * tree plus future covering sets) answers ancestor queries in O(log n).
 *
 * Memory stays bounded: blocks whose blue score falls more than a window
 * below the sink's are dropped; blocks that would merge beyond the merge
 * depth, or whose mergeset exceeds the size limit, are refused.
 *
 * No OS calls: only malloc/free/realloc and mem* functions.
 */

#include <stddef.h>
#include <stdint.h>

typedef struct Dhash Dhash;
typedef struct U256 U256;
typedef struct Dref Dref;
typedef struct Dasz Dasz;
typedef struct Dblock Dblock;
typedef struct Dparam Dparam;
typedef struct Dghost Dghost;
typedef struct Dag Dag;
typedef struct Dlb Dlb;
typedef struct Dfcs Dfcs;

/* a future covering set entry, with the block's interval copied for speed */
struct Dfcs {
	uint64_t lo, hi;
	Dblock *b;
};

struct Dlb {
	Dblock *b;
	uint32_t n;
};

struct Dhash {
	uint8_t b[32];
};

/* 256-bit unsigned integer, w[0] least significant */
struct U256 {
	uint64_t w[4];
};

/* a reference that survives pruning: deref gives nil once the block is gone */
struct Dref {
	uint32_t slot;
	uint32_t gen;
};

struct Dasz {
	uint64_t serial;
	uint32_t n;
};

struct Dparam {
	int k;			/* GHOSTDAG k */
	int mergesetlimit;	/* refuse larger mergesets; 0: none */
	int maxparents;		/* 0: none */
	uint64_t mergedepth;	/* refuse merging deeper blocks; 0: none */
	uint64_t window;	/* drop blocks this far below the sink; 0: keep all */
};

/* GHOSTDAG data of one block (or of the virtual) */
struct Dghost {
	Dref sp;		/* selected parent; slot 0 gen 0 = none (genesis) */
	uint64_t bluescore;
	U256 bluework;
	Dref *ms;		/* mergeset without sp, ascending (blue work, hash) */
	uint8_t *blue;		/* blue[i]: ms[i] is blue */
	int nms;
	int nblues;		/* blues including sp */
	Dasz *asz;		/* blues' anticone sizes, sorted by serial */
	int nasz;
};

struct Dblock {
	/* hot in ancestor queries and colouring: kept in the first cache line */
	uint64_t lo, hi;	/* reachability: interval on the selected-parent tree */
	uint64_t parmark, msmark, pastmark, stamp;
	Dfcs *fcs;		/* future covering set, sorted by lo */
	int nfcs, afcs;
	U256 bluework;		/* copy of g.bluework, next to the interval */
	uint64_t tmpasz;

	Dhash h;
	uint64_t serial;
	Dref self;
	U256 work;
	Dref *par;
	int npar;
	Dghost g;
	void *aux;		/* the caller's */

	uint64_t next, tsz;
	Dblock *tparent;
	Dblock **kids;
	int nkids, akids;

	/* bookkeeping */
	int tipidx;		/* index in tips, -1 if not a tip */
	Dblock *qnext;		/* insertion order, for pruning */
};

struct Dag {
	Dparam p;
	Dblock root;		/* sentinel above every tree root */
	Dblock **slots;
	uint32_t *gens;
	uint32_t nslots, aslots;
	uint32_t *freeslots;
	uint32_t nfree, afree;
	Dblock **tab;		/* hash table by hash, linear probing */
	uint32_t tabsz, nblocks;
	Dblock **tips;
	int ntips, atips;
	Dblock *genesis, *sink;
	Dblock *qhead, *qtail;
	uint64_t serial, stamp, pstamp;
	uint64_t npruned;
	/* scratch */
	Dblock **q;
	int aq;
	Dlb *lb;
	int alb;
	Dblock **touched;
	int ntouched, atouched;
};

Dag *dagnew(Dparam *p);
void dagfree(Dag *d);
Dblock *dagadd(Dag *d, Dhash *h, Dhash *par, int npar, U256 *work, const char **err);
Dblock *daglookup(Dag *d, Dhash *h);
Dblock *dagderef(Dag *d, Dref r);
int dagisanc(Dag *d, Dblock *a, Dblock *b);
int dagvirtual(Dag *d, Dghost *g, const char **err);
void dagghostfree(Dghost *g);
int dagorder(Dag *d, Dblock ***out, const char **err);
int dagcmp(Dblock *a, Dblock *b);

/* wide integers and compact difficulty */
int u256work(uint32_t bits, U256 *work);
void u256add(U256 *a, U256 *b);
int u256cmp(U256 *a, U256 *b);
void u256set(U256 *a, uint64_t v);
int u256hex(U256 *a, char *s, int n);
int u256parse(U256 *a, const char *s, int n);
