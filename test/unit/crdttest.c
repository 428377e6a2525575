/*
 * Unit tests for lib/crdt: block encoding round trip and refusals, the
 * move operation's cycle rule, conflict names, and undo/redo: applying
 * random reorderings incrementally must equal a fresh replay.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "crdt.h"
#include "hostcrypto.h"

static int fails;
static Crypto *cr;
static uint8_t pk[32], sk[64], pk2[32], sk2[64];
static uint64_t rng = 0x243f6a8885a308d3ULL;

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void
result(const char *name, int ok)
{
	printf("%s: %s\n", ok ? "PASS" : "FAIL", name);
	if(!ok)
		fails++;
}

/* a signed block of ops; returns its encoding */
static uint8_t *
mk(Cop *ops, int nops, const uint8_t *author, const uint8_t *key, size_t *n)
{
	Cblock b;
	uint8_t *raw;

	memset(&b, 0, sizeof b);
	b.npar = 1;
	memset(b.par[0], 7, 32);
	memcpy(b.author, author, 32);
	b.seq = 1;
	b.ops = ops;
	b.nops = nops;
	if(blockencode(&b, key, cr, &raw, n) < 0)
		return NULL;
	return raw;
}

static void
testcodec(void)
{
	Cop ops[3];
	Cblock b;
	uint8_t *raw, keys[1][32];
	size_t n, i;
	const char *err;
	int ok, nbad;

	memcpy(keys[0], pk, 32);
	memset(ops, 0, sizeof ops);
	ops[0].type = Omkdir;
	ops[0].parent = Rootid;
	strcpy(ops[0].name, "dir");
	ops[1].type = Owrange;
	ops[1].id = 99;
	ops[1].off = 5;
	ops[1].data = (const uint8_t*)"hello";
	ops[1].ndata = 5;
	ops[2].type = Orename;
	ops[2].id = 99;
	ops[2].parent = Rootid;
	strcpy(ops[2].name, "x");
	raw = mk(ops, 3, pk, sk, &n);
	ok = raw != NULL && blockdecode(raw, n, cr, (const uint8_t (*)[32])keys, 1, &b, &err) == 0;
	ok = ok && b.nops == 3 && b.ops[0].type == Omkdir && strcmp(b.ops[0].name, "dir") == 0
		&& b.ops[0].id > Trashid && b.ops[1].ndata == 5 && memcmp(b.ops[1].data, "hello", 5) == 0
		&& b.ops[2].parent == Rootid && strcmp(b.ops[2].name, "x") == 0;
	result("block round trip", ok);
	if(ok)
		blockclear(&b);
	/* every single-byte change and every truncation is refused or re-signed */
	nbad = 0;
	for(i = 0; raw && i < n; i++){
		raw[i] ^= 0x41;
		if(blockdecode(raw, n, cr, (const uint8_t (*)[32])keys, 1, &b, &err) == 0){
			blockclear(&b);
			nbad++;
		}
		raw[i] ^= 0x41;
		if(blockdecode(raw, i, cr, (const uint8_t (*)[32])keys, 1, &b, &err) == 0){
			blockclear(&b);
			nbad++;
		}
	}
	result("tampered or truncated blocks refused", raw && nbad == 0);
	ok = blockdecode(raw, n, cr, (const uint8_t (*)[32])keys, 0, &b, &err) < 0
		&& strcmp(err, "author not authorised") == 0;
	free(raw);
	raw = mk(ops, 3, pk, sk2, &n);
	ok = ok && blockdecode(raw, n, cr, (const uint8_t (*)[32])keys, 1, &b, &err) < 0
		&& strcmp(err, "bad signature") == 0;
	result("unauthorised author and forged signature refused", ok);
	free(raw);
	strcpy(ops[0].name, "a/b");
	result("bad name refused by the encoder", mk(ops, 3, pk, sk, &n) == NULL);
}

static Cblock *
blk(int i, Cop *ops, int nops)
{
	Cblock *b;
	int k;

	b = calloc(1, sizeof *b);
	memset(b->hash, 0, 32);
	memcpy(b->hash, &i, sizeof i);
	b->ops = calloc(nops, sizeof b->ops[0]);
	memcpy(b->ops, ops, nops * sizeof ops[0]);
	b->nops = nops;
	for(k = 0; k < nops; k++)
		if(b->ops[k].type == Ocreate || b->ops[k].type == Omkdir)
			b->ops[k].id = blockopid(cr, b->hash, k);
	return b;
}

static void
testtree(void)
{
	Crdt *c;
	Cop op;
	Cblock *b[4];
	Cnode *x, *y, *a, *bb;
	char n1[300], n2[300];
	uint64_t ida, idb;

	c = crdtnew(cr);
	memset(&op, 0, sizeof op);
	op.type = Omkdir;
	op.parent = Rootid;
	strcpy(op.name, "a");
	b[0] = blk(0, &op, 1);
	strcpy(op.name, "b");
	b[1] = blk(1, &op, 1);
	crdtsync(c, b, 2);
	ida = b[0]->ops[0].id;
	idb = b[1]->ops[0].id;
	/* move a under b, then b under a: the second would make a cycle */
	memset(&op, 0, sizeof op);
	op.type = Orename;
	op.id = ida;
	op.parent = idb;
	strcpy(op.name, "a");
	b[2] = blk(2, &op, 1);
	op.id = idb;
	op.parent = ida;
	strcpy(op.name, "b");
	b[3] = blk(3, &op, 1);
	crdtsync(c, b, 4);
	a = crdtlookup(c, ida);
	bb = crdtlookup(c, idb);
	result("move that would make a cycle is skipped",
		a && bb && a->parent == idb && bb->parent == Rootid && c->skipped == 1);
	crdtfree(c);
	free(b[2]->ops);
	free(b[3]->ops);
	free(b[2]);
	free(b[3]);

	/* two creates of one name both stay visible */
	c = crdtnew(cr);
	crdtsync(c, b, 2);
	memset(&op, 0, sizeof op);
	op.type = Ocreate;
	op.parent = Rootid;
	strcpy(op.name, "a");
	b[2] = blk(5, &op, 1);
	crdtsync(c, b, 3);
	x = crdtlookup(c, ida);
	y = crdtlookup(c, b[2]->ops[0].id);
	crdtname(c, x, n1, sizeof n1);
	crdtname(c, y, n2, sizeof n2);
	result("concurrent creates of one name get distinct visible names",
		x && y && strcmp(n1, n2) != 0 && (strcmp(n1, "a") == 0 || strcmp(n2, "a") == 0)
		&& (strchr(n1, '~') != NULL || strchr(n2, '~') != NULL));
	crdtfree(c);
	for(int i = 0; i < 3; i++){
		free(b[i]->ops);
		free(b[i]);
	}
}

/* random blocks; apply orders that share growing prefixes, compare with fresh replays */
static void
testundo(void)
{
	enum { N = 120 };
	Cblock *b[N], *o[N], *t;
	Cop ops[4];
	Crdt *inc, *fresh;
	uint8_t h1[32], h2[32];
	uint64_t ids[64];
	int i, j, k, nid, ok, round;
	static uint8_t data[32] = "0123456789abcdef0123456789abcdef";

	nid = 1;
	ids[0] = Rootid;
	for(i = 0; i < N; i++){
		for(k = 0; k < 4; k++){
			memset(&ops[k], 0, sizeof ops[k]);
			ops[k].type = i < 6 ? Omkdir : 1 + rnd() % (Onops - 1);
			ops[k].id = ids[rnd() % nid];
			ops[k].parent = ids[rnd() % nid];
			snprintf(ops[k].name, sizeof ops[k].name, "n%d", (int)(rnd() % 5));
			ops[k].off = rnd() % 40;
			ops[k].data = data;
			ops[k].ndata = rnd() % 32;
			ops[k].len = rnd() % 50;
			ops[k].perm = rnd() & 0777;
		}
		b[i] = blk(1000 + i, ops, 4);
		for(k = 0; k < 4; k++)
			if((b[i]->ops[k].type == Omkdir || b[i]->ops[k].type == Ocreate) && nid < 64)
				ids[nid++] = b[i]->ops[k].id;
	}
	inc = crdtnew(cr);
	ok = 1;
	memcpy(o, b, sizeof o);
	for(round = 0; round < 60 && ok; round++){
		/* shuffle a random suffix, as a late block reordering recent history would */
		j = rnd() % N;
		for(i = N - 1; i > j; i--){
			k = j + rnd() % (i - j + 1);
			t = o[i];
			o[i] = o[k];
			o[k] = t;
		}
		crdtsync(inc, o, N);
		fresh = crdtnew(cr);
		crdtsync(fresh, o, N);
		crdttreehash(inc, h1);
		crdttreehash(fresh, h2);
		ok = memcmp(h1, h2, 32) == 0 && inc->applied == fresh->applied
			&& inc->applied + inc->skipped == 4 * N;
		crdtfree(fresh);
	}
	printf("undo test: %llu blocks undone over 60 reorderings\n", (unsigned long long)inc->undone);
	result("undo/redo after reordering equals a fresh replay", ok && inc->undone > 0);
	crdtfree(inc);
	for(i = 0; i < N; i++){
		free(b[i]->ops);
		free(b[i]);
	}
}

int
main(void)
{
	cr = sodiumcrypto();
	if(cr == NULL)
		return 1;
	crypto_sign_keypair(pk, sk);
	crypto_sign_keypair(pk2, sk2);
	testcodec();
	testtree();
	testundo();
	return fails != 0;
}
