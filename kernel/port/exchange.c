/*
 * Page exchange: processes hand each other page-aligned ranges of their
 * memory over a pipe, by editing page tables only; no byte is copied.
 *
 *	pgsend(fd, va, len, mode)	offer the range and wait for the receiver
 *	pgrecv(fd, &va, max, &mode)	accept the next offer; the kernel picks va
 *	pgreturn(va)			a borrower gives a lent range back
 *
 * A move gives the frames to the receiver; the sender's entries become
 * "moved" markers.  A shared lend makes the owner's mapping read-only and
 * maps the frames read-only for each borrower; a mutable lend takes the
 * owner's mapping away (a "lent" marker keeps the frame) and maps it
 * read-write for its one borrower.  The owner gets its access back when
 * the last borrower returns.  Each frame's record (Page) holds its owner,
 * state and count of borrowers; any access against those rules faults
 * and the process gets the note "sys: trap: page ownership violation".
 *
 * An offer is taken whole or not at all: the receiver checks every page
 * before changing any.  The sender waits while its offer is pending, so
 * its address space cannot change under the offer.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

enum {
	Maxxpages = 1<<20,	/* 4 GiB in one exchange */
};

static char Enotowned[] = "range not owned by the process";
static char Erefused[] = "exchange refused";
static char Eviolation[] = "sys: trap: page ownership violation";

/*
 * The leaf entry for va after the one for va-BY2PG (prev): the next slot
 * of the same table unless va starts a new table, so a range costs one
 * walk per 2 MiB rather than one per page.
 */
static inline uintptr*
nextpte(uintptr pml4, uintptr va, uintptr *prev, int alloc)
{
	if(prev != nil && (va & (512*BY2PG - 1)) != 0)
		return prev + 1;
	return mmuwalk(pml4, va, alloc);
}

/* The frame record of a present (or marked) leaf entry. */
static inline Page*
pteframe(uintptr e)
{
	uintptr f;

	f = PTEFRAME(e) >> PGSHIFT;
	if(f >= (uintptr)npages)
		return nil;
	return &pagetab[f];
}

/*
 * Can p offer [va, va+n pages) with mode?  Every page must be present,
 * its frame owned by p, and (for a move or a mutable lend) not lent.
 */
static char*
checkrange(Proc *p, uintptr va, int n, int mode)
{
	uintptr *pte, f, nf, e;
	Page *tab, *pg;
	int i, k, pid;

	tab = pagetab;		/* in locals: the loop runs once a page */
	nf = npages;
	pid = p->pid;
	for(i = 0; i < n; i += k){
		/* one walk, then the rest of this table's entries in a row */
		pte = mmuwalk(p->pml4, va + (uintptr)i*BY2PG, 0);
		if(pte == nil)
			return Enotowned;
		k = 512 - (((va >> PGSHIFT) + i) & 511);
		if(k > n - i)
			k = n - i;
		for(; k > 0; k--, i++, pte++){
			e = *pte;
			if((e & (PTEVALID|PTEUSER)) != (PTEVALID|PTEUSER))
				return Enotowned;
			f = PTEFRAME(e) >> PGSHIFT;
			if(f >= nf)
				return Enotowned;
			pg = &tab[f];
			if(e & PTEXCOW)
				return "range is shared copy-on-write";
			if(pg->state != Puser || pg->owner != pid)
				return Enotowned;
			if(mode == PGLEND){
				if(pg->xstate == Xlentmut)
					return "range is lent";
			}else if(pg->xstate != Xowned || pg->nborrow != 0)
				return "range is lent";
			else if((e & PTEWRITE) == 0)
				return Enotowned;
		}
		k = 0;
	}
	return nil;
}

/*
 * Answer the sender of x, which waits in pgsend.  After this the sender
 * does not look at x again: a refused or moved offer is freed here, a
 * lend lives on in the lender's and borrower's lists.
 */
static void
answer(Xfer *x, int state, char *err)
{
	Xwait *w;

	w = x->w;
	x->w = nil;
	x->state = state;
	if(state != Xaccepted || x->mode == PGMOVE)
		free(x);
	w->state = state;
	w->err = err;
	wakeup(&w->r);
}

/* The receiving end has closed: every offer waiting there is refused. */
void
xrefuseall(Xfer **q)
{
	Xfer *x;

	while((x = *q) != nil){
		*q = x->next;
		if(x->mode == PGCOW)
			xcowfree(x);
		else
			answer(x, Xrefused, Erefused);
	}
}

static int
offerdone(void *a)
{
	Xwait *w;

	w = a;
	return w->state != Xoffered;
}

static void
unlinkoffer(Xfer **q, Xfer *x)
{
	for(; *q; q = &(*q)->next)
		if(*q == x){
			*q = x->next;
			return;
		}
}

/* Check a user range for an exchange; its number of pages. */
static int
xrange(uintptr va, uintptr len)
{
	if((va & (BY2PG-1)) || (len & (BY2PG-1)) || len == 0 || len / BY2PG > Maxxpages ||
	   va >= UADDRMAX || len > UADDRMAX - va)
		error("range not page aligned");
	return len / BY2PG;
}

/* The offers queue and receivers of the pipe end c sends to. */
static void
sendto(Chan *c, Xfer ***q, Rendez **r)
{
	switch(pipexchange(c, 0, q, r)){
	case -1:
		error("exchange needs a pipe");
	case 1:
		error(Erefused);	/* nobody at the other end */
	}
}

uintptr
syspgsend(uintptr *arg)
{
	Chan *c;
	Xfer *x, **q;
	Xwait w;
	Rendez *r;
	uintptr va;
	int mode, n;
	char *err;

	va = arg[1];
	mode = arg[3];
	if(mode != PGMOVE && mode != PGLEND && mode != PGLENDMUT)
		error(Ebadarg);
	n = xrange(va, arg[2]);
	if((err = checkrange(up, va, n, mode)) != nil)
		error(err);
	c = fdtochan(arg[0], OWRITE);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	sendto(c, &q, &r);
	x = smalloc(sizeof(Xfer));
	x->mode = mode;
	x->state = Xoffered;
	x->sender = up;
	x->senderpid = up->pid;
	x->sva = va;
	x->npages = n;
	memset(&w, 0, sizeof w);
	w.state = Xoffered;
	x->w = &w;
	x->next = *q;
	*q = x;
	wakeup(r);
	if(waserror()){
		/* interrupted while the offer was still pending: withdraw it */
		unlinkoffer(q, x);
		free(x);
		nexterror();
	}
	sleep(&w.r, offerdone, &w);
	poperror();
	poperror();
	cclose(c);
	if(w.state != Xaccepted)
		error(w.err ? w.err : Erefused);
	return 0;
}

/* Take the offer x into up's address space at va. */
static void
accept(Xfer *x, uintptr va)
{
	Proc *s;
	uintptr *spte, *rpte, sa, e, a, end, rflags;
	Page *tab, *pg;
	int i, k, rpid, mode;

	s = x->sender;
	/* first make every table the receiver needs, so nothing below fails */
	end = va + (uintptr)x->npages*BY2PG;
	for(a = va; a < end; a = (a + 512*BY2PG) & ~(uintptr)(512*BY2PG - 1))
		if(mmuwalk(up->pml4, a, 1) == nil)
			error(Enomem);
	rflags = PTEVALID | PTEUSER | PTENX | (x->mode == PGLEND ? 0 : PTEWRITE);
	tab = pagetab;
	rpid = up->pid;
	mode = x->mode;
	for(i = 0; i < x->npages; ){
		/* a run of entries that stays within one table on both sides */
		sa = x->sva + (uintptr)i*BY2PG;
		a = va + (uintptr)i*BY2PG;
		spte = mmuwalk(s->pml4, sa, 0);
		rpte = mmuwalk(up->pml4, a, 0);
		k = 512 - ((sa >> PGSHIFT) & 511);
		if(k > 512 - (int)((a >> PGSHIFT) & 511))
			k = 512 - ((a >> PGSHIFT) & 511);
		if(k > x->npages - i)
			k = x->npages - i;
		i += k;
		for(; k > 0; k--, spte++, rpte++){
			e = *spte;
			*rpte = PTEFRAME(e) | rflags;
			pg = &tab[PTEFRAME(e) >> PGSHIFT];	/* checkrange vouched for it */
			if(mode == PGMOVE){
				*spte = PTEXMOVED;
				pg->owner = rpid;
			}else if(mode == PGLEND){
				*spte = e & ~PTEWRITE;
				pg->xstate = Xlentshared;
				pg->nborrow++;
			}else{
				*spte = (e & ~PTEVALID) | PTEXLENT;
				pg->xstate = Xlentmut;
				pg->nborrow = 1;
			}
		}
	}
	/* the sender is asleep: its TLB is flushed when it runs again */
	x->receiverpid = up->pid;
	x->rva = va;
	if(x->mode != PGMOVE){
		x->lnext = s->lent;
		s->lent = x;
		x->bnext = up->borrowed;
		up->borrowed = x;
	}
}

/* The oldest offer in q for pgrecv (copy-on-write ones go to pgtake). */
static Xfer*
oldest(Xfer **q)
{
	Xfer *x, *o;

	o = nil;
	for(x = *q; x; x = x->next)
		if(x->mode != PGCOW)
			o = x;
	return o;
}

static int
hasoffer(void *a)
{
	return oldest(a) != nil;
}

uintptr
syspgrecv(uintptr *arg)
{
	Chan *c;
	Xfer *x, **q;
	Rendez *r;
	uintptr *vap, max, va;
	int *modep, hungup, n;
	char *err;

	vap = uva(arg[1], sizeof(uintptr), 1);
	max = arg[2];
	modep = arg[3] ? uva(arg[3], sizeof(int), 1) : nil;
	c = fdtochan(arg[0], OREAD);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	hungup = pipexchange(c, 1, &q, &r);
	if(hungup < 0)
		error("exchange needs a pipe");
	while((x = oldest(q)) == nil){
		if(pipexchange(c, 1, &q, &r) == 1)
			error(Ehungup);
		sleep(r, hasoffer, q);
	}
	unlinkoffer(q, x);
	err = nil;
	if((uvlong)x->npages * BY2PG > max)
		err = "exchange refused: larger than the receiver accepts";
	else if(x->sender == nil || x->sender->state == Moribund)
		err = Eprocdied;
	/*
	 * No need to check the range again: its sender has waited in
	 * pgsend since checking it, and meanwhile only borrowers returning
	 * pages (which gives access back) can touch its address space.
	 */
	va = ROUNDUP(up->xnext ? up->xnext : UXBASE, BY2PG);
	if(err == nil && va + (uvlong)x->npages*BY2PG >= USTKTOP - USTKSIZE)
		err = "exchange refused: no address space";
	if(err == nil && waserror()){
		answer(x, Xrefused, Erefused);
		nexterror();
	}
	if(err != nil){
		answer(x, Xrefused, err == Eprocdied ? Erefused : err);
		error(err);
	}
	accept(x, va);
	poperror();
	n = x->npages;
	up->xnext = va + (uintptr)n*BY2PG + BY2PG;	/* a guard page between */
	*vap = va;
	if(modep)
		*modep = x->mode;
	answer(x, Xaccepted, nil);
	poperror();
	cclose(c);
	return (uvlong)n * BY2PG;
}

/* Give back borrowed x: the owner regains access when nobody else has it. */
static void
giveback(Proc *b, Xfer *x)
{
	Proc *s;
	uintptr *rpte, *spte, e;
	Page *pg;
	Xfer **l;
	int i;

	s = x->sender;
	rpte = spte = nil;
	for(i = 0; i < x->npages; i++){
		rpte = nextpte(b->pml4, x->rva + (uintptr)i*BY2PG, rpte, 0);
		if(s != nil)
			spte = nextpte(s->pml4, x->sva + (uintptr)i*BY2PG, spte, 0);
		if(rpte == nil || (*rpte & PTEVALID) == 0)
			continue;
		e = *rpte;
		*rpte = 0;
		pg = pteframe(e);
		if(pg == nil || pg->nborrow == 0)
			continue;
		if(--pg->nborrow > 0)
			continue;
		if(s == nil){
			/* the lender is gone: the frame goes with the last borrower */
			pg->owner = b->pid;
			pg->xstate = Xowned;
			pagefree(KADDR(PTEFRAME(e)));
			continue;
		}
		if(spte != nil)
			*spte = (PTEFRAME(e) | (*spte & PTENX) | PTEVALID | PTEUSER | PTEWRITE) & ~(uintptr)PTEXLENT;
		pg->xstate = Xowned;
	}
	if(b == up)
		mmuswitch(up);	/* flush our stale entries */
	for(l = &b->borrowed; *l; l = &(*l)->bnext)
		if(*l == x){
			*l = x->bnext;
			break;
		}
	if(s != nil)
		for(l = &s->lent; *l; l = &(*l)->lnext)
			if(*l == x){
				*l = x->lnext;
				break;
			}
	free(x);
}

uintptr
syspgreturn(uintptr *arg)
{
	Xfer *x;

	for(x = up->borrowed; x; x = x->bnext)
		if(x->rva == arg[0])
			break;
	if(x == nil)
		error("not a borrowed range");
	giveback(up, x);
	return 0;
}

/*
 * A process exits: it returns what it borrowed; what it lent stays with
 * the borrowers until they return it (then the frames are freed).
 */
void
xexit(Proc *p)
{
	Xfer *x;

	while(p->borrowed)
		giveback(p, p->borrowed);
	for(x = p->lent; x; x = x->lnext)
		x->sender = nil;
	p->lent = nil;
}

/* Does a fault at a by p break the ownership rules? */
int
xviolation(Proc *p, uintptr a, int write)
{
	uintptr *pte;
	Page *pg;

	pte = mmuwalk(p->pml4, ROUNDDN(a, BY2PG), 0);
	if(pte == nil || *pte == 0)
		return 0;
	if((*pte & PTEVALID) == 0)
		return (*pte & (PTEXMOVED|PTEXLENT)) != 0;
	if(!write || (*pte & (PTEWRITE|PTEXCOW)))
		return 0;
	pg = pteframe(*pte);
	return pg != nil && pg->state == Puser && pg->nborrow > 0;
}

char*
xviolationnote(void)
{
	return Eviolation;
}

/* Runs of copy-on-write pages with the same owner and shares, for xpages. */
typedef struct Cowrun Cowrun;
struct Cowrun {
	char *s, *e;
	uintptr va;	/* the run's start */
	int n;		/* its pages; 0: none yet */
	int owner;
	int nborrow;
};

static void
cowrunend(Cowrun *r)
{
	if(r->n > 0)
		r->s = seprint(r->s, r->e, "%016lux %6d %-12s owner %d shares %d\n",
			r->va, r->n, "copy-on-write", r->owner, r->nborrow);
	r->n = 0;
}

static void
cowrunpage(void *a, uintptr va, uintptr e)
{
	Cowrun *r;
	Page *pg;

	r = a;
	if((e & (PTEVALID|PTEXCOW)) != (PTEVALID|PTEXCOW) || (pg = pteframe(e)) == nil)
		return;
	if(r->n > 0 && va == r->va + (uintptr)r->n*BY2PG && pg->owner == r->owner &&
	   pg->nborrow == r->nborrow){
		r->n++;
		return;
	}
	cowrunend(r);
	r->va = va;
	r->n = 1;
	r->owner = pg->owner;
	r->nborrow = pg->nborrow;
}

static char*
cowpages(Proc *p, char *s, char *e)
{
	Cowrun r;

	memset(&r, 0, sizeof r);
	r.s = s;
	r.e = e;
	if(p->pml4)
		mmuleaves(p->pml4, cowrunpage, &r);
	cowrunend(&r);
	return r.s;
}

/* /proc/N/pages: the exchanged ranges. */
char*
xpages(Proc *p, char *s, char *e)
{
	Xfer *x, *y;
	Proc *q;

	for(x = p->lent; x; x = x->lnext){
		s = seprint(s, e, "%016lux %6d %-12s owner %d borrowers", x->sva, x->npages,
			x->mode == PGLEND ? "lent-shared" : "lent-mutable", p->pid);
		s = seprint(s, e, " %d", x->receiverpid);
		s = seprint(s, e, "\n");
	}
	for(x = p->borrowed; x; x = x->bnext){
		s = seprint(s, e, "%016lux %6d %-12s owner %d borrowers", x->rva, x->npages,
			x->mode == PGLEND ? "borrowed" : "borrowed-mut", x->sender ? x->senderpid : 0);
		q = x->sender;
		if(q != nil)
			for(y = q->lent; y; y = y->lnext)
				if(y->sva == x->sva && y->mode == x->mode)
					s = seprint(s, e, " %d", y->receiverpid);
		s = seprint(s, e, "\n");
	}
	return cowpages(p, s, e);
}

/*
 * Copy-on-write sharing (PGCOW), for data that must stay with its sender
 * too: a file server's pages given to a reader, a writer's buffer given
 * to a file server.  The frame keeps one owner; every other mapping of
 * it is a share counted in nborrow, and an offer in a pipe holds a share
 * of each of its frames, so the sender need not wait for the receiver:
 * what it offered is a snapshot.  Every mapping is read-only and marked
 * PTEXCOW.  The first writer copies the page, unless its mapping is the
 * only one left, which then simply becomes the writer's own again.
 * When the owner lets go while shares remain the frame has no owner
 * (0) and is freed with its last share.
 */
enum {
	Maxoffers = 2048,	/* copy-on-write offers waiting at one pipe end */
};

static inline uintptr
pteflags(uintptr e)
{
	return e & ~PTEFRAME((uintptr)~0);
}

static inline void*
framekaddr(Page *pg)
{
	return KADDR((uintptr)(pg - pagetab) << PGSHIFT);
}

/* One mapping (or an offer's share, pid -1) of copy-on-write pg is gone. */
static void
cowdrop(Page *pg, int pid)
{
	if(pid > 0 && pg->owner == pid){
		if(pg->nborrow == 0){
			pg->xstate = Xowned;
			pagefree(framekaddr(pg));
		}else
			pg->owner = 0;
		return;
	}
	if(pg->nborrow > 0)
		pg->nborrow--;
	if(pg->nborrow == 0 && pg->owner == 0){
		pg->xstate = Xowned;
		pagefree(framekaddr(pg));
	}
}

/*
 * Process pid's leaf entry e is being removed (unmap, exit, a page
 * taken over it): free the frame if this was its last use.
 */
void
xunmap(uintptr e, int pid)
{
	Page *pg;

	if((e & PTEVALID) == 0 || (pg = pteframe(e)) == nil || pg->state != Puser)
		return;
	if(e & PTEXCOW)
		cowdrop(pg, pid);
	else if(pg->owner == pid && pg->nborrow == 0)
		pagefree(framekaddr(pg));	/* lent frames stay with their borrowers */
}

/*
 * p writes to the copy-on-write page at a.  0 when the page is p's to
 * write now, -1 if it is not a copy-on-write page, -2 if no memory is
 * left for the copy.
 */
int
xcowfault(Proc *p, uintptr a)
{
	uintptr *pte, e;
	Page *pg, *npg;
	void *v;

	pte = mmuwalk(p->pml4, ROUNDDN(a, BY2PG), 0);
	if(pte == nil || (*pte & (PTEVALID|PTEXCOW)) != (PTEVALID|PTEXCOW))
		return -1;
	e = *pte;
	pg = pteframe(e);
	if(pg == nil)
		return -1;
	if((pg->owner == p->pid && pg->nborrow == 0) || (pg->owner == 0 && pg->nborrow == 1)){
		/* the only mapping left: it becomes p's own */
		pg->owner = p->pid;
		pg->nborrow = 0;
		pg->xstate = Xowned;
		*pte = (e | PTEWRITE) & ~(uintptr)PTEXCOW;
	}else{
		if(nfreepages < Ureserve/2 || (v = pagealloc()) == nil)
			return -2;
		memmove(v, framekaddr(pg), BY2PG);
		npg = &pagetab[PADDR(v) >> PGSHIFT];
		npg->state = Puser;
		npg->owner = p->pid;
		npg->xstate = Xowned;
		npg->nborrow = 0;
		*pte = PADDR(v) | ((pteflags(e) | PTEWRITE) & ~(uintptr)PTEXCOW);
		cowdrop(pg, p->pid);
	}
	if(p == up)
		flushtlb(ROUNDDN(a, BY2PG));
	return 0;
}

/* The number of copy-on-write pages in [a, a+n) of p (what writing there may copy). */
int
xcowcount(Proc *p, uintptr a, uintptr n)
{
	uintptr va, *pte;
	int k;

	k = 0;
	pte = nil;
	for(va = ROUNDDN(a, BY2PG); va < a + n; va += BY2PG){
		pte = nextpte(p->pml4, va, pte, 0);
		if(pte == nil)
			break;
		if((*pte & (PTEVALID|PTEXCOW)) == (PTEVALID|PTEXCOW))
			k++;
	}
	return k;
}

/*
 * An offer of p's n pages at va, shared copy-on-write; nil and *why if
 * some page may not be offered.  Each page must be present and p's own,
 * writable and not lent, or already copy-on-write (shared once more).
 */
Xfer*
xcowoffer(Proc *p, uintptr va, int n, char **why)
{
	uintptr *pte, e;
	Page *pg;
	Xfer *x;
	int i;

	*why = nil;
	pte = nil;
	for(i = 0; i < n; i++){
		pte = nextpte(p->pml4, va + (uintptr)i*BY2PG, pte, 0);
		if(pte == nil)
			break;
		e = *pte;
		if((e & (PTEVALID|PTEUSER)) != (PTEVALID|PTEUSER) || (pg = pteframe(e)) == nil ||
		   pg->state != Puser)
			break;
		if(e & PTEXCOW)
			continue;
		if(pg->owner != p->pid || (e & PTEWRITE) == 0)
			break;
		if(pg->xstate != Xowned || pg->nborrow != 0){
			*why = "range is lent";
			return nil;
		}
	}
	if(i < n){
		*why = Enotowned;
		return nil;
	}
	x = malloc(sizeof(Xfer) + n*sizeof(uint));
	if(x == nil){
		*why = Enomem;
		return nil;
	}
	memset(x, 0, sizeof(Xfer));
	x->frames = (uint*)(x + 1);
	x->mode = PGCOW;
	x->npages = n;
	x->senderpid = p->pid;
	pte = nil;
	for(i = 0; i < n; i++){
		pte = nextpte(p->pml4, va + (uintptr)i*BY2PG, pte, 0);
		e = *pte;
		pg = pteframe(e);
		if((e & PTEXCOW) == 0){
			*pte = (e & ~(uintptr)PTEWRITE) | PTEXCOW;
			pg->xstate = Xcow;
		}
		pg->nborrow++;
		x->frames[i] = pg - pagetab;
	}
	if(p == up)
		mmuswitch(up);	/* our entries became read-only */
	return x;
}

/* An offer nobody will take: its shares go. */
void
xcowfree(Xfer *x)
{
	int i;

	for(i = 0; i < x->npages; i++)
		cowdrop(&pagetab[x->frames[i]], -1);
	free(x);
}

/*
 * May p take n pages over [va, va+n pages)?  Each page there must be
 * present and p's own (writable, not lent) or copy-on-write: what is
 * there now is let go.  nil or why not.
 */
char*
xcowdest(Proc *p, uintptr va, int n)
{
	uintptr *pte, e;
	Page *pg;
	int i;

	if((va & (BY2PG-1)) || va >= UADDRMAX || (uvlong)n*BY2PG > UADDRMAX - va)
		return "range not page aligned";
	pte = nil;
	for(i = 0; i < n; i++){
		pte = nextpte(p->pml4, va + (uintptr)i*BY2PG, pte, 0);
		if(pte == nil)
			return Enotowned;
		e = *pte;
		if((e & (PTEVALID|PTEUSER)) != (PTEVALID|PTEUSER) || (pg = pteframe(e)) == nil ||
		   pg->state != Puser)
			return Enotowned;
		if(e & PTEXCOW)
			continue;
		if(pg->owner != p->pid || (e & PTEWRITE) == 0 || pg->xstate != Xowned ||
		   pg->nborrow != 0)
			return Enotowned;
	}
	return nil;
}

/*
 * Map offer x's frames over p's pages at va (checked by xcowdest, and
 * unchanged since: p has been in the kernel throughout), read-only and
 * copy-on-write; the offer's shares become p's mappings.  Frees x.
 */
void
xcowmap(Proc *p, Xfer *x, uintptr va)
{
	uintptr *pte, e;
	int i;

	pte = nil;
	for(i = 0; i < x->npages; i++){
		pte = nextpte(p->pml4, va + (uintptr)i*BY2PG, pte, 0);
		e = *pte;
		xunmap(e, p->pid);
		*pte = ((uintptr)x->frames[i] << PGSHIFT) | PTEVALID | PTEUSER | PTEXCOW | (e & PTENX);
	}
	if(p == up)
		mmuswitch(up);
	free(x);
}

/* Queue copy-on-write offer x with key at the pipe end q leads to. */
void
xcowqueue(Xfer **q, Xfer *x, ulong key)
{
	Xfer *y;
	int n;

	n = 0;
	for(y = *q; y; y = y->next)
		if(y->mode == PGCOW && ++n >= Maxoffers){
			xcowfree(x);
			error("too many offers waiting");
		}
	x->key = key;
	x->next = *q;
	*q = x;
}

/* Take the copy-on-write offer with key out of q; nil if there is none. */
Xfer*
xcowtake(Xfer **q, ulong key)
{
	Xfer *x;

	for(; (x = *q) != nil; q = &x->next)
		if(x->mode == PGCOW && x->key == key){
			*q = x->next;
			x->next = nil;
			return x;
		}
	return nil;
}

uintptr
syspgoffer(uintptr *arg)
{
	Chan *c;
	Xfer *x, **q;
	Rendez *r;
	char *why;
	int n;

	n = xrange(arg[1], arg[2]);
	c = fdtochan(arg[0], OWRITE);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	sendto(c, &q, &r);
	x = xcowoffer(up, arg[1], n, &why);
	if(x == nil)
		error(why);
	xcowqueue(q, x, arg[3]);
	poperror();
	cclose(c);
	return 0;
}

uintptr
syspgtake(uintptr *arg)
{
	Chan *c;
	Xfer *x, **q;
	Rendez *r;
	char *why;

	c = fdtochan(arg[0], OREAD);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	if(pipexchange(c, 1, &q, &r) < 0)
		error("exchange needs a pipe");
	x = xcowtake(q, arg[1]);
	if(x == nil)
		error("no such offer");
	if(arg[2] == 0)
		xcowfree(x);	/* refused */
	else{
		why = nil;
		if(arg[3] != (uvlong)x->npages*BY2PG)
			why = "exchange refused: size differs";
		else
			why = xcowdest(up, arg[2], x->npages);
		if(why != nil){
			xcowqueue(q, x, x->key);	/* still there to be taken */
			error(why);
		}
		xcowmap(up, x, arg[2]);
	}
	poperror();
	cclose(c);
	return 0;
}
