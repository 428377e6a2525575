/*
 * amd64 page tables.  The upper half of every address space is the
 * kernel's: the direct map of all RAM at HHDM (2 MiB pages) and the kernel
 * image at KZERO; those top-level entries are shared by every process.
 * The lower half is the process's own, 4 KiB pages.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

enum {
	NHHDMPD = 64,		/* direct map covers up to 64 GiB */
	PTEADDR = 0x000ffffffffff000ULL,
	PTEPCD = 1<<4,
	PTEPWT = 1<<3,
	PTEGLOBAL = 1<<8,
};

static uvlong kpml4[512] __attribute__((aligned(4096)));
static uvlong hhdmpdpt[512] __attribute__((aligned(4096)));
static uvlong hhdmpd[NHHDMPD][512] __attribute__((aligned(4096)));
static uvlong kzpdpt[512] __attribute__((aligned(4096)));
static uvlong kzpd[512] __attribute__((aligned(4096)));
uintptr maxpa;

/* Build the kernel's own tables and switch to them. */
void
mmuinit(void)
{
	uintptr pa, top;
	int i;

	top = ROUNDUP(maxpa, 1UL<<30);
	if(top < (4UL<<30))
		top = 4UL<<30;	/* local APIC and I/O APIC live below 4 GiB */
	if(top > (uintptr)NHHDMPD<<30)
		top = (uintptr)NHHDMPD<<30;
	for(pa = 0; pa < top; pa += 2UL<<20){
		i = pa >> 30;
		hhdmpd[i][(pa >> 21) & 511] = pa | PTEVALID | PTEWRITE | PTESIZE | PTENX |
			(pa >= 0xfe000000UL && pa < (4UL<<30) ? PTEPCD|PTEPWT : 0);
	}
	for(i = 0; i < (int)(top >> 30); i++)
		hhdmpdpt[i] = PADDR(hhdmpd[i]) | PTEVALID | PTEWRITE;
	for(i = 0; i < 512; i++)
		kzpd[i] = ((uintptr)i << 21) | PTEVALID | PTEWRITE | PTESIZE | PTEGLOBAL;
	kzpdpt[510] = PADDR(kzpd) | PTEVALID | PTEWRITE;
	kpml4[256] = PADDR(hhdmpdpt) | PTEVALID | PTEWRITE;
	kpml4[511] = PADDR(kzpdpt) | PTEVALID | PTEWRITE;
	putcr3(PADDR(kpml4));
}

uintptr
mmunewpml4(void)
{
	uvlong *p;

	p = pagealloc();
	if(p == nil)
		return 0;
	memmove(p + 256, kpml4 + 256, 256*sizeof(uvlong));
	return PADDR(p);
}

/*
 * The level-1 entry for va in the tables rooted at pml4, making missing
 * tables when alloc is set; nil if absent (or no memory).
 */
uintptr*
mmuwalk(uintptr pml4, uintptr va, int alloc)
{
	uvlong *t, e;
	int l, i;
	void *n;

	t = KADDR(pml4);
	for(l = 3; l > 0; l--){
		i = (va >> (12 + 9*l)) & 511;
		e = t[i];
		if((e & PTEVALID) == 0){
			if(!alloc)
				return nil;
			n = pagealloc();
			if(n == nil)
				return nil;
			e = PADDR(n) | PTEVALID | PTEWRITE | PTEUSER;
			t[i] = e;
		}
		t = KADDR(e & PTEADDR);
	}
	return (uintptr*)&t[(va >> 12) & 511];
}

int
mmumap(uintptr pml4, uintptr va, uintptr pa, int flags)
{
	uintptr *pte;

	pte = mmuwalk(pml4, va, 1);
	if(pte == nil)
		return -1;
	*pte = pa | flags;
	return 0;
}

void
flushtlb(uintptr va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static void
freetable(uvlong *t, int level, int pid)
{
	int i;
	uintptr pa;

	for(i = 0; i < 512; i++){
		if((t[i] & PTEVALID) == 0)
			continue;
		pa = t[i] & PTEADDR;
		if(level > 1)
			freetable(KADDR(pa), level-1, pid);
		else
			xunmap(t[i], pid);
		t[i] = 0;
	}
	if(level < 4)
		pagefree(t);
}

/* Free the user half of an address space: frames it owns, then tables. */
void
mmufreeuser(uintptr pml4, int pid)
{
	uvlong *t;
	int i;

	t = KADDR(pml4);
	for(i = 0; i < 256; i++)
		if(t[i] & PTEVALID){
			freetable(KADDR(t[i] & PTEADDR), 3, pid);
			t[i] = 0;
		}
}

void
mmufreepml4(uintptr pml4)
{
	pagefree(KADDR(pml4));
}

/*
 * Copy every user page of one address space into another (rfork without
 * shared memory).  -1 if memory runs out; the caller frees what was made.
 */
static int
copytable(uvlong *t, int level, uintptr va, uintptr to, int pid)
{
	int i;
	uintptr pa, a, flags;
	void *n;

	for(i = 0; i < 512; i++){
		a = va | ((uintptr)i << (12 + 9*(level-1)));
		if(level == 1 && (t[i] & PTEVALID) == 0 && (t[i] & (PTEXMOVED|PTEXLENT))){
			/* given away or lent by the parent: the child has no access either */
			if(mmumap(to, a, 0, PTEXMOVED) < 0)
				return -1;
			continue;
		}
		if((t[i] & PTEVALID) == 0)
			continue;
		pa = t[i] & PTEADDR;
		if(level > 1){
			if(copytable(KADDR(pa), level-1, a, to, pid) < 0)
				return -1;
			continue;
		}
		n = pagealloc();
		if(n == nil)
			return -1;
		memmove(n, KADDR(pa), BY2PG);
		pagetab[PADDR(n) >> PGSHIFT].state = Puser;
		pagetab[PADDR(n) >> PGSHIFT].owner = pid;
		flags = t[i] & ~PTEADDR;
		if((flags & PTEXCOW) ||
		   (pagetab[pa >> PGSHIFT].xstate == Xlentshared && pagetab[pa >> PGSHIFT].owner != pid))
			flags = (flags | PTEWRITE) & ~(uintptr)PTEXCOW;	/* the child's copy is its own */
		if(mmumap(to, a, PADDR(n), flags) < 0){
			pagefree(n);
			return -1;
		}
	}
	return 0;
}

int
mmucopyuser(uintptr from, uintptr to, int pid)
{
	uvlong *t;
	int i;

	t = KADDR(from);
	for(i = 0; i < 256; i++)
		if(t[i] & PTEVALID)
			if(copytable(KADDR(t[i] & PTEADDR), 3, (uintptr)i << 39, to, pid) < 0)
				return -1;
	return 0;
}

static void
leaves(uvlong *t, int level, uintptr va, void (*f)(void*, uintptr, uintptr), void *a)
{
	int i;
	uintptr v;

	for(i = 0; i < 512; i++){
		if((t[i] & PTEVALID) == 0)
			continue;
		v = va | ((uintptr)i << (12 + 9*(level-1)));
		if(level > 1)
			leaves(KADDR(t[i] & PTEADDR), level-1, v, f, a);
		else
			f(a, v, t[i]);
	}
}

/* Call f for every present user leaf entry, in address order. */
void
mmuleaves(uintptr pml4, void (*f)(void*, uintptr va, uintptr pte), void *a)
{
	uvlong *t;
	int i;

	t = KADDR(pml4);
	for(i = 0; i < 256; i++)	/* the user half */
		if(t[i] & PTEVALID)
			leaves(KADDR(t[i] & PTEADDR), 3, (uintptr)i << 39, f, a);
}

void
mmuswitch(Proc *p)
{
	putcr3(p->pml4 ? p->pml4 : PADDR(kpml4));
}

uintptr
mmukernel(void)
{
	return PADDR(kpml4);
}
