/*
 * lib/crdt - signed blocks of file-tree operations, and the replicated
 * file tree they build when applied in GHOSTDAG order.
 *
 * Crypto is reached through Crypto, which the caller fills (the host
 * with libsodium: BLAKE2b-256 and ed25519).  No OS calls.
 */
#include <stddef.h>
#include <stdint.h>

typedef struct Crypto Crypto;
typedef struct Cop Cop;
typedef struct Cblock Cblock;
typedef struct Cnode Cnode;
typedef struct Cundo Cundo;
typedef struct Crdt Crdt;

enum {
	Namemax = 255,
	Maxparents = 64,
	Maxops = 1024,
	Maxdata = 65536,	/* bytes in one range write */
	Maxfile = 1 << 20,	/* largest inline file */
	Sigsize = 64,
	Keysize = 32,
};

/* operations */
enum {
	Ocreate = 1,
	Omkdir,
	Owrite,		/* whole content by hash */
	Owrange,	/* bytes at an offset */
	Otrunc,
	Oremove,
	Orename,	/* Kleppmann's move: new parent and name */
	Owstat,
	Onops
};

/* fixed node ids */
enum {
	Rootid = 1,
	Trashid = 2,
};

struct Crypto {
	void (*hash)(uint8_t out[32], const uint8_t *m, size_t n);
	void (*sign)(uint8_t sig[Sigsize], const uint8_t *m, size_t n, const uint8_t *sk);
	int (*verify)(const uint8_t sig[Sigsize], const uint8_t *m, size_t n, const uint8_t pk[Keysize]);
};

struct Cop {
	int type;
	uint64_t id;		/* target; for create/mkdir the new id */
	uint64_t parent;
	char name[Namemax+1];
	uint32_t perm;
	uint64_t off, len;
	uint8_t hash[32];
	const uint8_t *data;	/* points into the block's bytes */
	uint32_t ndata;
};

struct Cblock {
	uint8_t hash[32];
	uint8_t par[Maxparents][32];
	int npar;
	uint8_t author[Keysize];
	uint64_t seq;
	Cop *ops;
	int nops;
	uint8_t *raw;		/* the encoding, owned */
	size_t nraw;
};

struct Cnode {
	uint64_t id, parent;
	char name[Namemax+1];
	int isdir;
	uint32_t perm;
	int byhash;		/* content is hash/len, not bytes */
	uint8_t hash[32];
	uint8_t *data;
	uint64_t len;
	int live;
};

struct Cundo {
	uint64_t id;
	Cnode old;		/* old.live == 0 and id 0: node did not exist */
	int existed;
};

struct Crdt {
	Crypto *cr;
	Cnode **tab;		/* open addressing by id */
	uint32_t tabsz, nnodes;
	/* applied blocks, in order, with the undo records of their ops */
	struct {
		uint8_t hash[32];
		int firstundo, nundo, nops, skipped;
	} *log;
	int nlog, alog;
	int base;		/* blocks of the order trimmed from the log */
	uint64_t basefp;	/* fingerprint of those blocks' hashes, in order */
	Cundo *undo;
	int nundo, aundo;
	uint64_t applied, skipped, undone;
};

/* blocks */
int blockencode(Cblock *b, const uint8_t *sk, Crypto *cr, uint8_t **out, size_t *n);
int blockdecode(const uint8_t *p, size_t n, Crypto *cr, const uint8_t (*keys)[Keysize], int nkeys, Cblock *b, const char **err);
void blockclear(Cblock *b);
int blockgenesis(Crypto *cr, Cblock *b);
uint64_t blockopid(Crypto *cr, const uint8_t hash[32], int i);

/* the tree */
Crdt *crdtnew(Crypto *cr);
void crdtfree(Crdt *c);
int crdtsync(Crdt *c, Cblock **order, int n);
void crdttrim(Crdt *c, int keep);
Cnode *crdtlookup(Crdt *c, uint64_t id);
int crdttreehash(Crdt *c, uint8_t out[32]);
int crdtname(Crdt *c, Cnode *n, char *buf, int nbuf);
