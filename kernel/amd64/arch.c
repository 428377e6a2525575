/*
 * amd64 parts of processes: how a new process first runs, the user
 * register frame after exec and rfork, and the stack frame of a note
 * handler.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

extern char trapret[], kprocstart[];

/* The user register frame at the top of p's kernel stack. */
Ureg*
procureg(Proc *p)
{
	return (Ureg*)(p->kstack + KSTACK - sizeof(Ureg));
}

/* p will start in f(arg) on its own kernel stack. */
void
linkproc(Proc *p, void (*f)(void*), void *arg)
{
	p->sched.pc = (uintptr)kprocstart;
	p->sched.sp = ((uintptr)procureg(p) - 64) & ~15UL;
	p->sched.r12 = (uintptr)f;
	p->sched.r13 = (uintptr)arg;
}

/* The child of rfork returns to user mode with the parent's registers and 0. */
void
forkchild(Proc *p, Ureg *u)
{
	Ureg *cu;

	cu = procureg(p);
	*cu = *u;
	cu->ax = 0;
	p->sched.pc = (uintptr)trapret;
	p->sched.sp = (uintptr)cu;
}

/* Registers for a freshly exec'd program. */
void
execregs(Ureg *u, uintptr entry, uintptr sp, int argc, uintptr argv)
{
	memset(u, 0, sizeof *u);
	u->ip = entry;
	u->sp = sp;
	u->di = argc;
	u->si = argv;
	u->cs = UCSEL;
	u->ss = UDSEL;
	u->flags = 0x202;
	u->trap = VSYSCALL;
}

/* Make a user-supplied register frame safe to return to. */
int
sanitizeureg(Ureg *u)
{
	u->cs = UCSEL;
	u->ss = UDSEL;
	u->flags = (u->flags & 0xcd5) | 0x202;
	if(u->ip >= 0x800000000000ULL || u->sp >= 0x800000000000ULL)
		return -1;
	return 0;
}

/*
 * Call the process's note handler: handler(Ureg*, char *note) on its
 * user stack, with a copy of the registers and the note below the red
 * zone.  0 if the stack cannot take it (the process then dies).
 */
int
notifyuser(Ureg *u, char *msg)
{
	uintptr sp, nmsg, ureg;
	int n;

	sp = u->sp - 128;
	n = strlen(msg) + 1;
	sp -= ROUNDUP(n, 8);
	nmsg = sp;
	sp -= sizeof(Ureg);
	ureg = sp;
	sp = (sp & ~15UL) - 8;
	if(sp > u->sp || !okaddr(sp, u->sp - 128 - sp, 1))
		return 0;
	memmove((void*)nmsg, msg, n);
	memmove((void*)ureg, u, sizeof(Ureg));
	*(uintptr*)sp = 0;
	up->noteureg = ureg;
	up->notified = 1;
	strecpy(up->lastnote, up->lastnote + ERRMAX, msg);
	u->ip = (uintptr)up->notify;
	u->sp = sp;
	u->di = ureg;
	u->si = nmsg;
	return 1;
}

/* The registers a noted() call resumes with; nil if the copy is bad. */
uintptr
sysnoted(uintptr *arg)
{
	Ureg nu;

	if(!up->notified)
		error("noted: not in a note handler");
	if(!okaddr(up->noteureg, sizeof(Ureg), 0))
		pexit("sys: bad address in noted", 1);
	memmove(&nu, (void*)up->noteureg, sizeof nu);
	up->notified = 0;
	switch(arg[0]){
	case NCONT:
	case NRSTR:
		if(sanitizeureg(&nu) < 0)
			pexit("sys: bad registers in noted", 1);
		*up->ureg = nu;
		return nu.ax;
	case NDFLT:
	default:
		pexit(up->lastnote, 1);
	}
}
