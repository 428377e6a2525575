/*
 * Physical page frames (a buddy allocator over the frames the boot loader
 * reported free) and the kernel allocator on top of it: small objects come
 * from power-of-two size classes carved out of pages; anything above
 * half a page gets whole frames.  Out of memory returns nil, never panics:
 * callers turn it into an error.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

enum {
	MAXORDER = 10,		/* 4 MiB blocks */
	NOFRAME = 0xffffffff,
	MINCLASS = 4,		/* 16 bytes */
	MAXCLASS = 11,		/* 2048 bytes */
};

Page *pagetab;
int npages;		/* frames described by pagetab */
int nfreepages;
int totalpages;		/* frames that are RAM the allocator manages */
static uint freelist[MAXORDER+1];

/*
 * Small blocks come from slab pages of one size class each.  A slab
 * page's record keeps its count of blocks in use (owner), the offset of
 * its first free block (pad, in 16-byte units; Nofree if none) and links
 * on its class's list of pages with free blocks, so an empty page goes
 * back to the buddy allocator at once.
 */
typedef struct Hdr Hdr;
struct Hdr {
	uint size;	/* usable bytes */
	uint class;	/* size class, or 0 for a whole-frame block */
	uvlong magic;
};
enum {
	Hmagic = 0x4c7539616c6c6f63ULL,
	Nofree = 0xffff,
	Pslab = Preserved + 1,
};
static uint partial[MAXCLASS+1];	/* frames with free blocks */

static void
listadd(uint f, int o)
{
	Page *p;

	p = &pagetab[f];
	p->state = Pfree;
	p->order = o;
	p->prev = NOFRAME;
	p->next = freelist[o];
	if(freelist[o] != NOFRAME)
		pagetab[freelist[o]].prev = f;
	freelist[o] = f;
}

static void
listdel(uint f, int o)
{
	Page *p;

	p = &pagetab[f];
	if(p->prev != NOFRAME)
		pagetab[p->prev].next = p->next;
	else
		freelist[o] = p->next;
	if(p->next != NOFRAME)
		pagetab[p->next].prev = p->prev;
	p->state = Pkernel;
}

/* Give frames [f, f+n) to the allocator, in the largest aligned blocks. */
void
pagefreerange(uint f, uint n)
{
	int o;

	while(n > 0){
		for(o = MAXORDER; o > 0; o--)
			if((f & ((1u<<o)-1)) == 0 && (1u<<o) <= n)
				break;
		pagetab[f].state = Pkernel;
		totalpages += 1<<o;
		freeframes(f, o);
		f += 1<<o;
		n -= 1<<o;
	}
}

void
pageinit(Page *tab, int n)
{
	int i;

	pagetab = tab;
	npages = n;
	for(i = 0; i <= MAXORDER; i++)
		freelist[i] = NOFRAME;
	for(i = 0; i <= MAXCLASS; i++)
		partial[i] = NOFRAME;
	for(i = 0; i < n; i++)
		pagetab[i].state = Preserved;
}

/* Allocate 2^order contiguous frames; NOFRAME-style -1 when none. */
long
allocframes(int order)
{
	int o;
	uint f, b;

	for(o = order; o <= MAXORDER; o++)
		if(freelist[o] != NOFRAME)
			break;
	if(o > MAXORDER)
		return -1;
	f = freelist[o];
	listdel(f, o);
	while(o > order){
		o--;
		b = f + (1u<<o);
		listadd(b, o);
	}
	for(b = 0; b < (1u<<order); b++){
		pagetab[f+b].state = Pkernel;
		pagetab[f+b].owner = 0;
		pagetab[f+b].xstate = Xowned;
		pagetab[f+b].nborrow = 0;
	}
	nfreepages -= 1<<order;
	return f;
}

void
freeframes(uint f, int order)
{
	uint b;

	if(f >= (uint)npages || pagetab[f].state == Pfree || pagetab[f].state == Preserved)
		panic("freeframes: bad frame %ud state %d", f, f < (uint)npages ? pagetab[f].state : -1);
	nfreepages += 1<<order;
	for(b = 1; b < (1u<<order); b++)
		pagetab[f+b].state = Pkernel;
	while(order < MAXORDER){
		b = f ^ (1u<<order);
		if(b >= (uint)npages || pagetab[b].state != Pfree || pagetab[b].order != order)
			break;
		listdel(b, order);
		pagetab[b].state = Pkernel;
		if(b < f)
			f = b;
		order++;
	}
	listadd(f, order);
}

/* One zeroed page; its kernel (direct map) address, or nil. */
void*
pagealloc(void)
{
	long f;
	void *v;

	f = allocframes(0);
	if(f < 0)
		return nil;
	v = KADDR((uintptr)f << PGSHIFT);
	memset(v, 0, BY2PG);
	return v;
}

void
pagefree(void *v)
{
	freeframes(PADDR(v) >> PGSHIFT, 0);
}

static int
orderof(uintptr n)
{
	int o;

	for(o = 0; ((uintptr)BY2PG << o) < n; o++)
		;
	return o;
}

static void
slabunlink(uint f, int c)
{
	Page *p;

	p = &pagetab[f];
	if(p->prev != NOFRAME)
		pagetab[p->prev].next = p->next;
	else
		partial[c] = p->next;
	if(p->next != NOFRAME)
		pagetab[p->next].prev = p->prev;
	p->next = p->prev = NOFRAME;
}

static void
slablink(uint f, int c)
{
	Page *p;

	p = &pagetab[f];
	p->prev = NOFRAME;
	p->next = partial[c];
	if(partial[c] != NOFRAME)
		pagetab[partial[c]].prev = f;
	partial[c] = f;
}

static int
slabinit(int c)
{
	uchar *v;
	uint f, i, per;
	Page *p;

	v = pagealloc();
	if(v == nil)
		return -1;
	f = PADDR(v) >> PGSHIFT;
	p = &pagetab[f];
	p->state = Pslab;
	p->order = c;
	p->owner = 0;
	per = BY2PG >> c;
	for(i = 0; i < per; i++)
		*(ushort*)(v + (i<<c)) = i+1 < per ? ((i+1)<<c)/16 : Nofree;
	p->pad = 0;
	slablink(f, c);
	return 0;
}

void*
malloc(uintptr n)
{
	int c, i;
	long f;
	uint fr;
	Hdr *h;
	uchar *v;
	Page *p;

	if(n > (1UL<<30))
		return nil;
	for(c = MINCLASS; c <= MAXCLASS; c++)
		if((1UL<<c) >= n + sizeof(Hdr))
			break;
	if(c > MAXCLASS){
		i = orderof(n + sizeof(Hdr));
		if(i > MAXORDER)
			return nil;
		f = allocframes(i);
		if(f < 0)
			return nil;
		h = KADDR((uintptr)f << PGSHIFT);
		h->size = ((uintptr)BY2PG << i) - sizeof(Hdr);
		h->class = 0;
		h->magic = Hmagic;
		memset(h+1, 0, n);
		return h+1;
	}
	if(partial[c] == NOFRAME && slabinit(c) < 0)
		return nil;
	fr = partial[c];
	p = &pagetab[fr];
	v = KADDR((uintptr)fr << PGSHIFT);
	h = (Hdr*)(v + p->pad*16);
	p->pad = *(ushort*)h;
	p->owner++;
	if(p->pad == Nofree)
		slabunlink(fr, c);
	h->size = (1u<<c) - sizeof(Hdr);
	h->class = c;
	h->magic = Hmagic;
	memset(h+1, 0, n);
	return h+1;
}

/* malloc that raises an error instead of returning nil */
void*
smalloc(uintptr n)
{
	void *v;

	v = malloc(n);
	if(v == nil)
		error(Enomem);
	return v;
}

void
free(void *v)
{
	Hdr *h;
	uint c, f;
	Page *p;

	if(v == nil)
		return;
	h = (Hdr*)v - 1;
	if(h->magic != Hmagic)
		panic("free: bad block %p", v);
	h->magic = 0;
	if(h->class == 0){
		freeframes(PADDR(h) >> PGSHIFT, orderof(h->size + sizeof(Hdr)));
		return;
	}
	c = h->class;
	f = PADDR(h) >> PGSHIFT;
	p = &pagetab[f];
	if(p->state != Pslab || p->order != c)
		panic("free: block %p not in a slab of its class", v);
	if(p->pad == Nofree)
		slablink(f, c);
	*(ushort*)h = p->pad;
	p->pad = ((uintptr)h & (BY2PG-1)) / 16;
	if(--p->owner == 0){
		slabunlink(f, c);
		p->state = Pkernel;
		pagefree(KADDR((uintptr)f << PGSHIFT));
	}
}

uintptr
msize(void *v)
{
	return ((Hdr*)v - 1)->size;
}

char*
kstrdup(char *s)
{
	char *t;
	int n;

	n = strlen(s);
	t = smalloc(n+1);
	memmove(t, s, n+1);
	return t;
}
