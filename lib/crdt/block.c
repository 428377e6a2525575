/*
 * Canonical block encoding, little-endian:
 *	"LX9B" version[1] npar[1] parents[32*npar] author[32] seq[8] nops[2]
 *	ops... signature[64]
 * An op is type[1] then, by type:
 *	create, mkdir	parent[8] perm[4] namelen[1] name
 *	write		id[8] len[8] hash[32]
 *	wrange		id[8] off[8] ndata[4] data
 *	trunc		id[8] len[8]
 *	remove		id[8]
 *	rename		id[8] parent[8] namelen[1] name
 *	wstat		id[8] perm[4]
 * The signature (ed25519 by the author) covers everything before it; the
 * block hash (BLAKE2b-256) covers every byte.  The genesis block is the
 * one block with no parents: zero author, no ops, zero signature.
 * Ids of created nodes are not in the block: they are derived from the
 * block hash and the op's index, so no author can choose them.
 */
#include <stdlib.h>
#include <string.h>
#include "crdt.h"

typedef struct Rd Rd;
struct Rd {
	const uint8_t *p;
	size_t n, i;
	int bad;
};

static uint64_t
rd(Rd *r, int w)
{
	uint64_t v;
	int k;

	if(r->bad || r->n - r->i < (size_t)w){
		r->bad = 1;
		return 0;
	}
	v = 0;
	for(k = 0; k < w; k++)
		v |= (uint64_t)r->p[r->i + k] << (8*k);
	r->i += w;
	return v;
}

static const uint8_t *
rdbytes(Rd *r, size_t w)
{
	const uint8_t *p;

	if(r->bad || r->n - r->i < w){
		r->bad = 1;
		return NULL;
	}
	p = r->p + r->i;
	r->i += w;
	return p;
}

uint64_t
blockopid(Crypto *cr, const uint8_t hash[32], int i)
{
	uint8_t m[36], h[32];
	uint64_t id;
	int k;

	memcpy(m, hash, 32);
	for(k = 0; k < 4; k++)
		m[32+k] = i >> (8*k);
	cr->hash(h, m, sizeof m);
	id = 0;
	for(k = 0; k < 8; k++)
		id |= (uint64_t)h[k] << (8*k);
	/* keep clear of the fixed ids */
	if(id <= Trashid)
		id += Trashid + 1;
	return id;
}

static int
goodname(const char *s, int n)
{
	int i;

	if(n < 1 || n > Namemax)
		return 0;
	if((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
		return 0;
	for(i = 0; i < n; i++)
		if(s[i] == '/' || s[i] == 0)
			return 0;
	return 1;
}

static int
rdname(Rd *r, char *name)
{
	int l;
	const uint8_t *p;

	l = rd(r, 1);
	p = rdbytes(r, l);
	if(p == NULL)
		return -1;
	memcpy(name, p, l);
	name[l] = 0;
	return goodname(name, l) ? 0 : -1;
}

void
blockclear(Cblock *b)
{
	free(b->ops);
	free(b->raw);
	memset(b, 0, sizeof *b);
}

static int
decodeop(Rd *r, Cop *o, const char **err)
{
	memset(o, 0, sizeof *o);
	o->type = rd(r, 1);
	switch(o->type){
	case Ocreate:
	case Omkdir:
		o->parent = rd(r, 8);
		o->perm = rd(r, 4);
		if(!r->bad && rdname(r, o->name) < 0){
			*err = "bad name";
			return -1;
		}
		break;
	case Owrite:
		o->id = rd(r, 8);
		o->len = rd(r, 8);
		if(rdbytes(r, 32) != NULL)
			memcpy(o->hash, r->p + r->i - 32, 32);
		break;
	case Owrange:
		o->id = rd(r, 8);
		o->off = rd(r, 8);
		o->ndata = rd(r, 4);
		if(!r->bad && (o->ndata > Maxdata || o->off > Maxfile || o->off + o->ndata > Maxfile)){
			*err = "range write too large";
			return -1;
		}
		o->data = rdbytes(r, o->ndata);
		break;
	case Otrunc:
		o->id = rd(r, 8);
		o->len = rd(r, 8);
		if(!r->bad && o->len > Maxfile){
			*err = "truncate beyond the file size limit";
			return -1;
		}
		break;
	case Oremove:
		o->id = rd(r, 8);
		break;
	case Orename:
		o->id = rd(r, 8);
		o->parent = rd(r, 8);
		if(!r->bad && rdname(r, o->name) < 0){
			*err = "bad name";
			return -1;
		}
		break;
	case Owstat:
		o->id = rd(r, 8);
		o->perm = rd(r, 4);
		break;
	default:
		if(!r->bad){
			*err = "unknown op";
			return -1;
		}
	}
	if(r->bad){
		*err = "truncated op";
		return -1;
	}
	return 0;
}

/* decode, check the signature and that the author is one of keys */
int
blockdecode(const uint8_t *p, size_t n, Crypto *cr, const uint8_t (*keys)[Keysize], int nkeys, Cblock *b, const char **err)
{
	Rd r;
	int i, k, zero;
	const uint8_t *sig;
	size_t body;

	memset(b, 0, sizeof *b);
	r.p = p;
	r.n = n;
	r.i = 0;
	r.bad = 0;
	if(n < 4 || memcmp(p, "LX9B", 4) != 0){
		*err = "not a block";
		return -1;
	}
	r.i = 4;
	if(rd(&r, 1) != 1){
		*err = r.bad ? "truncated header" : "unknown version";
		return -1;
	}
	b->npar = rd(&r, 1);
	if(b->npar > Maxparents){
		*err = "too many parents";
		return -1;
	}
	for(i = 0; i < b->npar; i++)
		if(rdbytes(&r, 32) != NULL)
			memcpy(b->par[i], p + r.i - 32, 32);
	if(rdbytes(&r, Keysize) != NULL)
		memcpy(b->author, p + r.i - Keysize, Keysize);
	b->seq = rd(&r, 8);
	b->nops = rd(&r, 2);
	if(r.bad){
		*err = "truncated header";
		return -1;
	}
	if(b->nops > Maxops){
		*err = "too many ops";
		return -1;
	}
	/* the smallest op (remove) takes 9 bytes: refuse before allocating */
	if((size_t)b->nops * 9 + Sigsize > n - r.i){
		*err = "truncated ops";
		return -1;
	}
	for(i = 0; i < b->npar; i++)
		for(k = 0; k < i; k++)
			if(memcmp(b->par[i], b->par[k], 32) == 0){
				*err = "duplicate parent";
				return -1;
			}
	b->ops = calloc(b->nops ? b->nops : 1, sizeof b->ops[0]);
	if(b->ops == NULL){
		*err = "out of memory";
		return -1;
	}
	for(i = 0; i < b->nops; i++)
		if(decodeop(&r, &b->ops[i], err) < 0)
			goto bad;
	body = r.i;
	sig = rdbytes(&r, Sigsize);
	if(sig == NULL){
		*err = "truncated signature";
		goto bad;
	}
	if(r.i != n){
		*err = "trailing bytes";
		goto bad;
	}
	if(b->npar == 0){
		zero = b->nops == 0 && b->seq == 0;
		for(i = 0; i < Keysize; i++)
			zero &= b->author[i] == 0;
		for(i = 0; i < Sigsize; i++)
			zero &= sig[i] == 0;
		if(!zero){
			*err = "block without parents is not the genesis";
			goto bad;
		}
	}else{
		for(i = 0; i < nkeys; i++)
			if(memcmp(keys[i], b->author, Keysize) == 0)
				break;
		if(i == nkeys){
			*err = "author not authorised";
			goto bad;
		}
		if(cr->verify(sig, p, body, b->author) != 0){
			*err = "bad signature";
			goto bad;
		}
	}
	b->raw = malloc(n);
	if(b->raw == NULL){
		*err = "out of memory";
		goto bad;
	}
	memcpy(b->raw, p, n);
	b->nraw = n;
	/* data pointers must point into our copy */
	for(i = 0; i < b->nops; i++)
		if(b->ops[i].data != NULL)
			b->ops[i].data = b->raw + (b->ops[i].data - p);
	cr->hash(b->hash, p, n);
	for(i = 0; i < b->nops; i++)
		if(b->ops[i].type == Ocreate || b->ops[i].type == Omkdir)
			b->ops[i].id = blockopid(cr, b->hash, i);
	return 0;
bad:
	blockclear(b);
	return -1;
}

typedef struct Wr Wr;
struct Wr {
	uint8_t *p;
	size_t n, a;
	int bad;
};

static void
wbytes(Wr *w, const void *v, size_t k)
{
	uint8_t *np;
	size_t a;

	if(w->bad)
		return;
	if(w->n + k > w->a){
		a = w->a ? w->a : 256;
		while(a < w->n + k)
			a *= 2;
		np = realloc(w->p, a);
		if(np == NULL){
			w->bad = 1;
			return;
		}
		w->p = np;
		w->a = a;
	}
	memcpy(w->p + w->n, v, k);
	w->n += k;
}

static void
wint(Wr *w, uint64_t v, int k)
{
	uint8_t b[8];
	int i;

	for(i = 0; i < k; i++)
		b[i] = v >> (8*i);
	wbytes(w, b, k);
}

static void
wname(Wr *w, const char *s)
{
	size_t l;

	l = strlen(s);
	if(!goodname(s, l)){
		w->bad = 1;
		return;
	}
	wint(w, l, 1);
	wbytes(w, s, l);
}

/* encode and sign b with sk (nil for the genesis); fills b->hash */
int
blockencode(Cblock *b, const uint8_t *sk, Crypto *cr, uint8_t **out, size_t *n)
{
	Wr w;
	Cop *o;
	uint8_t sig[Sigsize];
	int i;

	memset(&w, 0, sizeof w);
	if(b->npar < 0 || b->npar > Maxparents || b->nops < 0 || b->nops > Maxops
	|| (b->npar == 0) != (sk == NULL))
		return -1;
	wbytes(&w, "LX9B", 4);
	wint(&w, 1, 1);
	wint(&w, b->npar, 1);
	for(i = 0; i < b->npar; i++)
		wbytes(&w, b->par[i], 32);
	wbytes(&w, b->author, Keysize);
	wint(&w, b->seq, 8);
	wint(&w, b->nops, 2);
	for(i = 0; i < b->nops; i++){
		o = &b->ops[i];
		wint(&w, o->type, 1);
		switch(o->type){
		case Ocreate:
		case Omkdir:
			wint(&w, o->parent, 8);
			wint(&w, o->perm, 4);
			wname(&w, o->name);
			break;
		case Owrite:
			wint(&w, o->id, 8);
			wint(&w, o->len, 8);
			wbytes(&w, o->hash, 32);
			break;
		case Owrange:
			if(o->ndata > Maxdata || o->off + o->ndata > Maxfile)
				w.bad = 1;
			wint(&w, o->id, 8);
			wint(&w, o->off, 8);
			wint(&w, o->ndata, 4);
			wbytes(&w, o->data, o->ndata);
			break;
		case Otrunc:
			if(o->len > Maxfile)
				w.bad = 1;
			wint(&w, o->id, 8);
			wint(&w, o->len, 8);
			break;
		case Oremove:
			wint(&w, o->id, 8);
			break;
		case Orename:
			wint(&w, o->id, 8);
			wint(&w, o->parent, 8);
			wname(&w, o->name);
			break;
		case Owstat:
			wint(&w, o->id, 8);
			wint(&w, o->perm, 4);
			break;
		default:
			w.bad = 1;
		}
	}
	memset(sig, 0, sizeof sig);
	if(!w.bad && sk != NULL)
		cr->sign(sig, w.p, w.n, sk);
	wbytes(&w, sig, Sigsize);
	if(w.bad){
		free(w.p);
		return -1;
	}
	cr->hash(b->hash, w.p, w.n);
	*out = w.p;
	*n = w.n;
	return 0;
}

/* the genesis block every replica starts from */
int
blockgenesis(Crypto *cr, Cblock *b)
{
	uint8_t *p;
	size_t n;
	const char *err;
	Cblock g;

	memset(&g, 0, sizeof g);
	if(blockencode(&g, NULL, cr, &p, &n) < 0)
		return -1;
	if(blockdecode(p, n, cr, NULL, 0, b, &err) < 0){
		free(p);
		return -1;
	}
	free(p);
	return 0;
}
