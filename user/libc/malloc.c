/*
 * malloc(2): one heap per process, grown with sbrk.
 *
 * Chunks carry boundary tags: a header of two words, the size of the
 * chunk below (meaningful only while that chunk is free) and this
 * chunk's size with two state bits and a 16-bit tag.  Free chunks sit in
 * bins by size (exact bins every 16 bytes below 1 KiB, then four bins
 * per power of two) with a bitmap of the non-empty ones, so malloc is
 * one bin lookup in the common case; free merges a chunk with free
 * neighbours.  Small chunks first wait, unmerged, in a short LIFO list
 * per size (the quick lists), so the common free-then-malloc of the
 * same size reuses memory still in the cache; the lists are emptied
 * into the bins before the heap grows.  The tags catch double frees,
 * frees of pointers malloc never gave and many overruns: those abort
 * with a message.
 */
#include <u.h>
#include <libc.h>

typedef struct Chunk Chunk;
struct Chunk {
	usize prevsize;		/* size of the chunk below, if it is free */
	usize head;		/* size | tag<<48 | Cinuse | Pinuse */
	Chunk *next;		/* free chunks only: the bin's list */
	Chunk *prev;
};

enum {
	Hdr = 16,		/* bytes of header before the user's data */
	Align = 16,
	Minchunk = 32,
	Cinuse = 1,		/* this chunk is in use */
	Pinuse = 2,		/* the chunk below is in use */
	Nsmall = 64,		/* exact bins: sizes below Nsmall*Align */
	Nbin = Nsmall + 37*4,
	Grow = 64*1024,		/* least sbrk increment */
	Trim = 1024*1024,	/* a free top chunk this big gives memory back */
	Nquick = 33,		/* quick lists for chunks up to 512 bytes */
	Maxquick = 32,		/* chunks each may hold */
};

#define Sizemask	0x0000FFFFFFFFFFF0ULL
#define Tagmask		0xFFFF000000000000ULL
#define Tagused		(0xA11CULL<<48)
#define Tagfree		(0xF4EEULL<<48)
#define Tagquick	(0x9C1CULL<<48)	/* freed, waiting in a quick list */
#define Maxalloc	(1ULL<<40)

static Chunk *bins[Nbin];
static u64int binmap[(Nbin + 63)/64];
static char *heaplo, *heaphi;	/* the heap's span, for cheap pointer checks */
static Chunk *fence;		/* the zero-size in-use chunk at the top */
static Chunk *quick[Nquick];	/* by size/Align; linked through next */
static int nquick[Nquick];

static void release(Chunk*);
static void trim(Chunk*);
static usize chunksize(usize);

static usize
csize(Chunk *c)
{
	return c->head & Sizemask;
}

static Chunk*
cnext(Chunk *c)
{
	return (Chunk*)((char*)c + csize(c));
}

static _Noreturn void
heapfault(const char *what, void *p)
{
	fprint(2, "%s: malloc: %s %p\n", argv0 != nil ? argv0 : "libc", what, p);
	abort();
}

static int
binof(usize sz)
{
	int k;

	if(sz < Nsmall*Align)
		return sz / Align;
	k = 63 - __builtin_clzll(sz);	/* 10 and up */
	return Nsmall + (k - 10)*4 + ((sz >> (k - 2)) & 3);
}

static void
binput(Chunk *c)
{
	int b;

	b = binof(csize(c));
	c->prev = nil;
	c->next = bins[b];
	if(c->next != nil)
		c->next->prev = c;
	bins[b] = c;
	binmap[b/64] |= 1ULL << (b%64);
}

static void
bintake(Chunk *c)
{
	int b;

	b = binof(csize(c));
	if(c->prev != nil)
		c->prev->next = c->next;
	else
		bins[b] = c->next;
	if(c->next != nil)
		c->next->prev = c->prev;
	if(bins[b] == nil)
		binmap[b/64] &= ~(1ULL << (b%64));
}

/* setfree makes c a free chunk of sz bytes (its lower neighbour in use) and bins it */
static void
setfree(Chunk *c, usize sz)
{
	Chunk *n;

	c->head = sz | Tagfree | Pinuse;
	n = cnext(c);
	n->prevsize = sz;
	n->head &= ~(usize)Pinuse;
	binput(c);
}

/* carve takes nb bytes from the front of c (unbinned) and frees the rest if big enough */
static void*
carve(Chunk *c, usize nb)
{
	usize sz;

	sz = csize(c);
	if(sz - nb >= Minchunk){
		c->head = nb | Tagused | Cinuse | (c->head & Pinuse);
		setfree(cnext(c), sz - nb);
	}else{
		c->head = sz | Tagused | Cinuse | (c->head & Pinuse);
		cnext(c)->head |= Pinuse;
	}
	return (char*)c + Hdr;
}

static Chunk*
binfind(usize nb)
{
	Chunk *c;
	u64int m;
	int b, w;

	b = binof(nb);
	for(c = bins[b]; c != nil; c = c->next)
		if(csize(c) >= nb)
			return c;
	/* any chunk in a higher bin is big enough: the bitmap finds the nearest */
	for(b++; b < Nbin; b = (w + 1)*64){
		w = b / 64;
		m = binmap[w] & (~0ULL << (b % 64));
		if(m != 0)
			return bins[w*64 + __builtin_ctzll(m)];
	}
	return nil;
}

/* grow adds at least nb bytes of free chunk to the heap */
static int
grow(usize nb)
{
	usize req;
	char *p;
	Chunk *c, *below;

	req = (nb + Hdr + Align + Grow - 1) & ~(usize)(Grow - 1);
	p = sbrk(req);
	if(p == (char*)-1)
		return -1;
	if(fence != nil && p == heaphi){
		/* contiguous: the old fence becomes the start of the new chunk */
		c = fence;
		heaphi = p + req;
		fence = (Chunk*)((uintptr)(heaphi - Hdr) & ~(uintptr)(Align - 1));
		fence->head = Tagused | Cinuse;
		c->head = ((char*)fence - (char*)c) | Tagfree | (c->head & Pinuse);
		if(!(c->head & Pinuse)){
			below = (Chunk*)((char*)c - c->prevsize);
			bintake(below);
			below->head = (csize(below) + csize(c)) | Tagfree | Pinuse;
			c = below;
		}
		setfree(c, csize(c));
		return 0;
	}
	/* a new span (the first, or someone else moved the break) */
	c = (Chunk*)(((uintptr)p + Align - 1) & ~(uintptr)(Align - 1));
	if(heaplo == nil || (char*)c < heaplo)
		heaplo = (char*)c;
	if(p + req > heaphi)
		heaphi = p + req;
	fence = (Chunk*)((uintptr)(p + req - Hdr) & ~(uintptr)(Align - 1));
	fence->head = Tagused | Cinuse;
	c->head = Pinuse;
	setfree(c, (char*)fence - (char*)c);
	return 0;
}

/* flushquick frees every chunk in the quick lists into the bins; 0 if there were none */
static int
flushquick(void)
{
	Chunk *c;
	int i, any;

	any = 0;
	for(i = 0; i < Nquick; i++){
		while((c = quick[i]) != nil){
			quick[i] = c->next;
			c->head = (c->head & ~Tagmask) | Tagused;
			release(c);
			any = 1;
		}
		nquick[i] = 0;
	}
	return any;
}

static usize
chunksize(usize n)
{
	usize nb;

	nb = (n + Hdr + Align - 1) & ~(usize)(Align - 1);
	return nb < Minchunk ? Minchunk : nb;
}

void*
malloc(usize n)
{
	Chunk *c;
	usize nb;

	if(n >= Maxalloc){
		werrstr("malloc: %llud bytes is too much", (uvlong)n);
		return nil;
	}
	nb = chunksize(n);
	if(nb/Align < Nquick && (c = quick[nb/Align]) != nil){
		quick[nb/Align] = c->next;
		nquick[nb/Align]--;
		c->head = (c->head & ~Tagmask) | Tagused;
		return (char*)c + Hdr;
	}
	while((c = binfind(nb)) == nil){
		if(flushquick())
			continue;
		if(grow(nb) < 0){
			werrstr("no memory");
			return nil;
		}
	}
	bintake(c);
	return carve(c, nb);
}

/* chunkof checks that p is a live allocation and returns its chunk */
static Chunk*
chunkof(void *p)
{
	Chunk *c;

	c = (Chunk*)((char*)p - Hdr);
	if((uintptr)p % Align != 0 || (char*)c < heaplo || (char*)p >= heaphi)
		heapfault("free of a pointer malloc did not return:", p);
	if((c->head & Tagmask) == Tagfree || (c->head & Tagmask) == Tagquick)
		heapfault("double free of", p);
	if((c->head & Tagmask) != Tagused || !(c->head & Cinuse) ||
	   (char*)cnext(c) > (char*)fence || !(cnext(c)->head & Pinuse))
		heapfault("corrupt heap at", p);
	return c;
}

void
free(void *p)
{
	Chunk *c;
	usize q;

	if(p == nil)
		return;
	c = chunkof(p);
	q = csize(c) / Align;
	if(q < Nquick && nquick[q] < Maxquick){
		c->head = (c->head & ~Tagmask) | Tagquick;
		c->next = quick[q];
		quick[q] = c;
		nquick[q]++;
		return;
	}
	release(c);
}

/*
 * trim gives the kernel back all but Grow bytes of c, the free chunk
 * below the fence, when the break is still where the heap ends.
 */
static void
trim(Chunk *c)
{
	Chunk *nf;
	char *top;

	if(sbrk(0) != heaphi)
		return;
	nf = (Chunk*)((char*)c + Grow);
	top = (char*)nf + Hdr;
	if(brk(top) < 0)
		return;
	bintake(c);
	heaphi = top;
	fence = nf;
	fence->head = Tagused | Cinuse;
	setfree(c, Grow);
}

/* release returns the in-use chunk c to the bins, merged with free neighbours */
static void
release(Chunk *c)
{
	Chunk *n, *below;
	usize sz;

	sz = csize(c);
	n = cnext(c);
	if(n != fence && !(n->head & Cinuse)){
		bintake(n);
		sz += csize(n);
	}
	if(!(c->head & Pinuse)){
		below = (Chunk*)((char*)c - c->prevsize);
		if((below->head & Tagmask) != Tagfree || csize(below) != c->prevsize)
			heapfault("corrupt heap below", (char*)c + Hdr);
		bintake(below);
		sz += csize(below);
		c = below;
	}
	setfree(c, sz);
	if(cnext(c) == fence && sz >= Trim)
		trim(c);
}

/* shrink frees all but nb bytes of the in-use chunk c, if that is a chunk's worth */
static void
shrink(Chunk *c, usize nb)
{
	Chunk *nx;
	usize sz;

	sz = csize(c);
	if(sz - nb >= Minchunk){
		c->head = nb | Tagused | Cinuse | (c->head & Pinuse);
		nx = cnext(c);
		nx->head = (sz - nb) | Tagused | Cinuse | Pinuse;
		release(nx);	/* merges with a free chunk above */
	}
}

/*
 * aligned_alloc: n bytes at a multiple of align (a power of two), as
 * page exchange wants for buffers.  The chunk is cut out of a larger
 * one; the pieces before and after it go back to the heap.
 */
void*
aligned_alloc(usize align, usize n)
{
	char *p, *u;
	Chunk *c, *nc;
	usize front, sz;

	if(align <= Align)
		return malloc(n);
	if((align & (align - 1)) != 0 || align >= Maxalloc || n >= Maxalloc){
		werrstr("aligned_alloc: bad alignment or size");
		return nil;
	}
	p = malloc(n + align + Minchunk);
	if(p == nil)
		return nil;
	c = chunkof(p);
	u = p;
	if((uintptr)p % align != 0){
		/* the piece before must be a chunk itself */
		u = (char*)(((uintptr)p + Minchunk + align - 1) & ~(uintptr)(align - 1));
		front = u - p;
		sz = csize(c);
		nc = (Chunk*)(u - Hdr);
		nc->head = (sz - front) | Tagused | Cinuse;
		c->head = front | Tagused | Cinuse | (c->head & Pinuse);
		release(c);
		c = nc;
	}
	shrink(c, chunksize(n));
	return u;
}

void*
realloc(void *p, usize n)
{
	Chunk *c, *nx;
	usize nb, sz;
	void *q;

	if(p == nil)
		return malloc(n);
	if(n == 0){
		free(p);
		return nil;
	}
	if(n >= Maxalloc){
		werrstr("realloc: %llud bytes is too much", (uvlong)n);
		return nil;
	}
	c = chunkof(p);
	nb = chunksize(n);
	sz = csize(c);
	nx = cnext(c);
	if(sz < nb && nx != fence && !(nx->head & Cinuse) && sz + csize(nx) >= nb){
		/* grow in place into the free chunk above */
		bintake(nx);
		sz += csize(nx);
		c->head = sz | Tagused | Cinuse | (c->head & Pinuse);
		cnext(c)->head |= Pinuse;
	}
	if(sz >= nb){
		shrink(c, nb);
		return p;
	}
	q = malloc(n);
	if(q == nil)
		return nil;
	memmove(q, p, sz - Hdr);
	free(p);
	return q;
}

void*
calloc(usize n, usize sz)
{
	void *p;

	if(sz != 0 && n > (usize)Maxalloc / sz){
		werrstr("calloc: too much");
		return nil;
	}
	p = malloc(n * sz);
	if(p != nil)
		memset(p, 0, n * sz);
	return p;
}

void*
mallocz(ulong n, int clr)
{
	void *p;

	p = malloc(n);
	if(p != nil && clr)
		memset(p, 0, n);
	return p;
}

ulong
msize(void *p)
{
	return csize(chunkof(p)) - Hdr;
}
