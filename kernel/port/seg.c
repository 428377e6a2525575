/*
 * User address spaces.  A process has three segments: text (read and
 * execute), data (data, bss and the heap up to its break) and stack
 * (grows down on demand from USTKTOP).  The page tables hold the frames;
 * each user frame's record names its owning process.  Data and text pages
 * are allocated when created (brk, exec) so running out of memory is an
 * error from the call, not a fault later; stack pages come on first touch.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

Seg*
seglookup(Proc *p, uintptr a)
{
	int i;

	for(i = 0; i < NSEG; i++)
		if(p->seg[i].top > p->seg[i].base && a >= p->seg[i].base && a < p->seg[i].top)
			return &p->seg[i];
	return nil;
}

/* Map a fresh zeroed page owned by p at va; -1 when memory runs out. */
int
segnewpage(Proc *p, uintptr pml4, uintptr va, int flags)
{
	void *v;
	uintptr pa;
	int pte;

	if(nfreepages < Ureserve)
		return -1;
	v = pagealloc();
	if(v == nil)
		return -1;
	pa = PADDR(v);
	pagetab[pa >> PGSHIFT].state = Puser;
	pagetab[pa >> PGSHIFT].owner = p->pid;
	pte = PTEVALID | PTEUSER;
	if(flags & SWrite)
		pte |= PTEWRITE;
	if(mmumap(pml4, va, pa | ((flags & SExec) ? 0 : PTENX), pte) < 0){
		pagefree(v);
		return -1;
	}
	return 0;
}

/*
 * A page fault at a by p.  0 if it was resolved (a stack page made),
 * -1 if the access is not allowed.
 */
int
segfault(Proc *p, uintptr a, int read, int present)
{
	Seg *s;

	if(present && !read && a < UADDRMAX)
		return xcowfault(p, a) == 0 ? 0 : -1;
	if(present || a >= UADDRMAX)
		return -1;
	s = seglookup(p, a);
	if(s == nil || (s->flags & SGrow) == 0)
		return -1;
	if(segnewpage(p, p->pml4, ROUNDDN(a, BY2PG), s->flags) < 0)
		return -1;
	return 0;
}

/*
 * Is [a, a+n) user memory the process may read (write)?  Stack pages not
 * yet touched are made on the way.  A copy-on-write page may be written:
 * the kernel's write faults and copies it (trap.c), if there is memory
 * for every such page now.
 */
int
okaddr(uintptr a, uintptr n, int write)
{
	uintptr va, *pte;
	int ncow;

	if(a >= UADDRMAX || n > UADDRMAX - a)
		return 0;
	if(n == 0)
		return 1;
	ncow = 0;
	for(va = ROUNDDN(a, BY2PG); va < a + n; va += BY2PG){
		pte = mmuwalk(up->pml4, va, 0);
		if(pte == nil || (*pte & PTEVALID) == 0){
			if(segfault(up, va, !write, 0) < 0)
				return 0;
			pte = mmuwalk(up->pml4, va, 0);
			if(pte == nil)
				return 0;
		}
		if((*pte & PTEUSER) == 0)
			return 0;
		if(write && (*pte & PTEWRITE) == 0){
			if((*pte & PTEXCOW) == 0)
				return 0;
			ncow++;
		}
	}
	return ncow == 0 || nfreepages >= Ureserve/2 + ncow;
}

void
validaddr(uintptr a, uintptr n, int write)
{
	if(!okaddr(a, n, write))
		error(Ebadaddr);
}

/* The user address a as a kernel pointer, after checking n bytes. */
void*
uva(uintptr a, uintptr n, int write)
{
	validaddr(a, n, write);
	return (void*)a;
}

/* Check a NUL-terminated user string of at most max bytes. */
char*
validstr(uintptr a, int max)
{
	char *s;
	uintptr va, e;
	int i;

	s = (char*)a;
	for(i = 0; i < max; ){
		va = a + i;
		if(!okaddr(va, 1, 0))
			error(Ebadaddr);
		e = ROUNDUP(va + 1, BY2PG);
		for(; va < e && i < max; va++, i++)
			if(s[i] == 0)
				return s;
	}
	error(Elong);
}

/* Set the end of the data segment. */
uintptr
segbrk(uintptr addr)
{
	Seg *s;
	uintptr old, new, va, *pte;

	s = &up->seg[SData];
	if(addr == 0)
		return s->top;
	if(addr < s->base || addr >= up->seg[SStack].base - BY2PG)
		error(Ebadarg);
	old = ROUNDUP(s->top, BY2PG);
	new = ROUNDUP(addr, BY2PG);
	if(new > old){
		if((uintptr)nfreepages < (new - old) / BY2PG + Ureserve)
			error(Enomem);
		for(va = old; va < new; va += BY2PG)
			if(segnewpage(up, up->pml4, va, s->flags) < 0){
				for(; va > old; va -= BY2PG)
					segunmap(up, va - BY2PG);
				error(Enomem);
			}
	}else{
		for(va = new; va < old; va += BY2PG){
			pte = mmuwalk(up->pml4, va, 0);
			if(pte && (*pte & (PTEXLENT|PTEVALID)) && (*pte & PTEXCOW) == 0 &&
			   pagetab[PTEFRAME(*pte) >> PGSHIFT].nborrow != 0)
				error("range is lent");
		}
		for(va = new; va < old; va += BY2PG){
			pte = mmuwalk(up->pml4, va, 0);
			if(pte && (*pte & PTEVALID))
				segunmap(up, va);
			else if(pte)
				*pte = 0;	/* a moved page's marker */
		}
	}
	s->top = addr;
	return 0;
}

/* Remove the page at va from p's address space and free the frame. */
void
segunmap(Proc *p, uintptr va)
{
	uintptr *pte, e;

	pte = mmuwalk(p->pml4, va, 0);
	if(pte == nil || (*pte & PTEVALID) == 0)
		return;
	e = *pte;
	*pte = 0;
	flushtlb(va);
	xunmap(e, p->pid);
}

/* Give the child a copy of the parent's memory. */
int
segcopy(Proc *from, Proc *to)
{
	memmove(to->seg, from->seg, sizeof to->seg);
	return mmucopyuser(from->pml4, to->pml4, to->pid);
}
