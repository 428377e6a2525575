/*
 * Processes: creation, the scheduler, sleep and wakeup, notes, errors and
 * exit.  The kernel runs with interrupts off; a process leaves the CPU
 * only by calling sched() (to sleep, to yield, or when the timer preempts
 * it on its way back to user mode), so kernel data needs no locks.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

Proc *up;
Proc *procs;
vlong ticks;
static Proc *runq[NPRI];
static Proc *runqtail[NPRI];
static Label schedlabel;
static int nextpid = 1;
static Proc *sleepers;		/* timed sleeps and alarms */
int nproc;
enum { NPROCMAX = 2000 };

int
return0(void *a)
{
	USED(a);
	return 0;
}

void
ready(Proc *p)
{
	int pri;

	pri = p->pri;
	p->state = Ready;
	p->rnext = nil;
	if(runqtail[pri])
		runqtail[pri]->rnext = p;
	else
		runq[pri] = p;
	runqtail[pri] = p;
}

static Proc*
runproc(void)
{
	int i;
	Proc *p;

	for(i = NPRI-1; i >= 0; i--){
		p = runq[i];
		if(p == nil)
			continue;
		runq[i] = p->rnext;
		if(runq[i] == nil)
			runqtail[i] = nil;
		p->rnext = nil;
		return p;
	}
	return nil;
}

/* Unlink p from the list of all processes and free what is left of it. */
void
procdiscard(Proc *p)
{
	Proc **l;

	for(l = &procs; *l; l = &(*l)->next)
		if(*l == p){
			*l = p->next;
			break;
		}
	if(p->pml4){
		mmufreepml4(p->pml4);
		p->pml4 = 0;
	}
	freeframes(PADDR(p->kstack) >> PGSHIFT, 2);
	free(p->args);
	free(p);
	nproc--;
}

static void __attribute__((noinline, noreturn))
schedloop(void)
{
	Proc *p;

	p = up;
	up = nil;
	if(p != nil){
		if(p->state == Running)
			ready(p);
		else if(p->state == Moribund){
			mmuswitch(p);	/* any valid tables: p's are about to go */
			putcr3(mmukernel());
			procdiscard(p);
		}
	}
	for(;;){
		p = runproc();
		if(p != nil)
			break;
		idlehands();
	}
	up = p;
	p->state = Running;
	mmuswitch(p);
	setkstack(p);
	fpurestore(p->fpu);
	gotolabel(&p->sched);
}

void
schedinit(void)
{
	setlabel(&schedlabel);
	schedloop();
}

/* Give up the processor; come back here when chosen again. */
void
sched(void)
{
	fpusave(up->fpu);
	if(setlabel(&up->sched) == 0)
		gotolabel(&schedlabel);
}

void
yield(void)
{
	sched();
}

Proc*
newproc(void)
{
	Proc *p;
	long f;

	if(nproc >= NPROCMAX)
		error(Enoproc);
	p = malloc(sizeof(Proc));
	if(p == nil)
		error(Enomem);
	f = allocframes(2);
	if(f < 0){
		free(p);
		error(Enomem);
	}
	p->kstack = KADDR((uintptr)f << PGSHIFT);
	p->pid = nextpid++;
	p->noteid = p->pid;
	p->state = Dead;
	p->basepri = p->pri = PriNormal;
	p->user = eve;
	p->tstart = ticks;
	fpuclear(p->fpu);
	p->next = procs;
	procs = p;
	nproc++;
	return p;
}

Proc*
pidproc(int pid)
{
	Proc *p;

	for(p = procs; p; p = p->next)
		if(p->pid == pid && p->state != Moribund)
			return p;
	return nil;
}

static void
addsleeper(Proc *p)
{
	Proc **l;

	for(l = &sleepers; *l; l = &(*l)->tlink)
		if(*l == p)
			return;
	p->tlink = sleepers;
	sleepers = p;
}

static void
delsleeper(Proc *p)
{
	Proc **l;

	for(l = &sleepers; *l; l = &(*l)->tlink)
		if(*l == p){
			*l = p->tlink;
			return;
		}
}

static void
rendezdel(Rendez *r, Proc *p)
{
	Proc **l;

	for(l = &r->p; *l; l = &(*l)->wnext)
		if(*l == p){
			*l = p->wnext;
			break;
		}
	p->wnext = nil;
}

/*
 * Wait on r until f(arg) is true.  A note posted meanwhile ends the wait
 * with the error "interrupted".  Any number of processes may wait on r.
 */
void
sleep(Rendez *r, int (*f)(void*), void *arg)
{
	while(!f(arg)){
		if(up->notepending){
			up->notepending = 0;
			error(Eintr);
		}
		up->wnext = r->p;
		r->p = up;
		up->r = r;
		up->state = Wakeme;
		sched();
		if(up->r != nil){
			rendezdel(up->r, up);
			up->r = nil;
		}
	}
}

static int
timedout(void *a)
{
	Proc *p;

	p = a;
	return p->twhen == 0;
}

/* sleep for at most ms milliseconds */
void
tsleep(Rendez *r, int (*f)(void*), void *arg, long ms)
{
	if(f(arg))
		return;
	/* one tick more: the current tick is already partly gone */
	up->twhen = ticks + (ms + 1000/HZ - 1) / (1000/HZ) + 1;
	addsleeper(up);
	if(waserror()){
		up->twhen = 0;
		if(up->alarm == 0)
			delsleeper(up);
		nexterror();
	}
	while(!f(arg) && up->twhen != 0)
		sleep(r, timedout, up);
	up->twhen = 0;
	if(up->alarm == 0)
		delsleeper(up);
	poperror();
}

/* Wake everyone waiting on r: each checks its condition again. */
int
wakeup(Rendez *r)
{
	Proc *p;
	int n;

	n = 0;
	while((p = r->p) != nil){
		r->p = p->wnext;
		p->wnext = nil;
		p->r = nil;
		if(p->state == Wakeme)
			ready(p);
		n++;
	}
	return n;
}

void
timertick(void)
{
	Proc *p, *n;

	ticks++;
	if(up)
		up->time[up->ureg && up->state == Running ? 0 : 1] += 1000/HZ;
	for(p = sleepers; p; p = n){
		n = p->tlink;
		if(p->twhen && ticks >= p->twhen){
			p->twhen = 0;
			if(p->r)
				wakeup(p->r);
		}
		if(p->alarm && ticks >= p->alarm){
			p->alarm = 0;
			postnote(p, 0, "alarm", NUser);
		}
		if(p->twhen == 0 && p->alarm == 0)
			delsleeper(p);
	}
}

long
procalarm(ulong ms)
{
	long old;

	old = 0;
	if(up->alarm)
		old = (up->alarm - ticks) * (1000/HZ);
	if(ms == 0)
		up->alarm = 0;
	else{
		up->alarm = ticks + (ms + 1000/HZ - 1) / (1000/HZ);
		addsleeper(up);
	}
	return old;
}

void
error(char *err)
{
	strecpy(up->errstr, up->errstr + ERRMAX, err);
	nexterror();
}

void
nexterror(void)
{
	if(up->nerrlab <= 0)
		panic("nexterror: no error label in %s (pid %d): %s", up->text, up->pid, up->errstr);
	gotolabel(&up->errlab[--up->nerrlab]);
}

/*
 * Post a note.  flag NExit cannot be caught.  A process asleep is woken
 * so its system call fails with "interrupted".
 */
int
postnote(Proc *p, int dolock, char *n, int flag)
{
	USED(dolock);
	if(p == nil || p->state == Moribund || p->kp)
		return 0;
	if(flag != NExit && p->nnote >= NNOTE)
		return 0;
	if(p->nnote >= NNOTE)
		p->nnote = NNOTE - 1;
	strecpy(p->note[p->nnote].msg, p->note[p->nnote].msg + ERRMAX, n);
	p->note[p->nnote].flag = flag;
	p->nnote++;
	p->notepending = 1;
	if(p->state == Wakeme && p->r != nil){
		rendezdel(p->r, p);
		p->r = nil;
		ready(p);
	}
	return 1;
}

static void
closeall(void)
{
	Fgrp *f;
	Pgrp *pg;
	Egrp *e;
	Chan *c;

	f = up->fgrp;
	up->fgrp = nil;
	if(f)
		closefgrp(f);
	c = up->dot;
	up->dot = nil;
	if(c)
		cclose(c);
	c = up->slash;
	up->slash = nil;
	if(c)
		cclose(c);
	pg = up->pgrp;
	up->pgrp = nil;
	if(pg)
		closepgrp(pg);
	e = up->egrp;
	up->egrp = nil;
	if(e)
		closeegrp(e);
}

/*
 * End the current process: release its resources, leave its exit
 * message for the parent, and never run again.
 */
void
pexit(char *exitstr, int freemem)
{
	Proc *p, *parent;
	Waitq *w, *nw;
	uvlong rt;

	USED(freemem);
	up->nerrlab = 0;
	if(waserror())
		panic("pexit: error: %s", up->errstr);
	closeall();
	poperror();
	xexit(up);
	if(up->pml4)
		mmufreeuser(up->pml4, up->pid);
	up->alarm = 0;
	up->twhen = 0;
	delsleeper(up);

	parent = up->parent;
	if(parent != nil && parent->state != Moribund && up->ppid == parent->pid){
		w = malloc(sizeof(Waitq));
		if(w != nil){
			rt = (ticks - up->tstart) * (1000/HZ);
			snprint(w->msg, sizeof w->msg, "%d %llud %llud %llud %q", up->pid,
				up->time[0], up->time[1], rt, exitstr ? exitstr : "");
			w->pid = up->pid;
			w->next = nil;
			if(parent->waitq == nil)
				parent->waitq = w;
			else{
				for(nw = parent->waitq; nw->next; nw = nw->next)
					;
				nw->next = w;
			}
		}
		parent->nchild--;
		wakeup(&parent->waitr);
	}
	/* children lose their parent; queued exit messages go away */
	for(p = procs; p; p = p->next)
		if(p->parent == up)
			p->parent = nil;
	for(w = up->waitq; w; w = nw){
		nw = w->next;
		free(w);
	}
	up->waitq = nil;
	up->state = Moribund;
	sched();
	panic("pexit: moribund process ran");
}

/* Deliver notes on the way back to user mode. */
void
notes(Ureg *u)
{
	char msg[ERRMAX];
	int flag;

	if(up->nnote == 0)
		return;
	if(up->notified){
		/* a trap inside a note handler is fatal */
		if(strncmp(up->note[up->nnote-1].msg, "sys:", 4) == 0){
			strecpy(msg, msg + ERRMAX, up->note[up->nnote-1].msg);
			pexit(msg, 1);
		}
		return;
	}
	strecpy(msg, msg + ERRMAX, up->note[0].msg);
	flag = up->note[0].flag;
	up->nnote--;
	memmove(&up->note[0], &up->note[1], up->nnote * sizeof(Note));
	up->notepending = up->nnote > 0;
	if(flag == NExit || up->notify == nil || !notifyuser(u, msg))
		pexit(msg, 1);
}
