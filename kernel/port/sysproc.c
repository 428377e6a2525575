/*
 * Process system calls: rfork, exec, exits, await, notify, sleep, alarm,
 * brk, errstr, nsec; and the first process.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

enum {
	Maxargs = 128*1024,	/* bytes of exec arguments */
	Maxargc = 4096,
};

typedef struct Ehdr Ehdr;
struct Ehdr {
	uchar ident[16];
	ushort type;
	ushort machine;
	uint version;
	uvlong entry;
	uvlong phoff;
	uvlong shoff;
	uint flags;
	ushort ehsize;
	ushort phentsize;
	ushort phnum;
	ushort shentsize;
	ushort shnum;
	ushort shstrndx;
};

typedef struct Phdr Phdr;
struct Phdr {
	uint type;
	uint flags;
	uvlong offset;
	uvlong vaddr;
	uvlong paddr;
	uvlong filesz;
	uvlong memsz;
	uvlong align;
};

uintptr
sysrfork(uintptr *arg)
{
	Proc *p;
	int flag, i;
	Fgrp *ofg;
	Pgrp *opg;
	Egrp *oeg;

	flag = arg[0];
	if(flag & RFMEM)
		error("rfork: RFMEM: Lux9 processes share no memory");
	if((flag & (RFFDG|RFCFDG)) == (RFFDG|RFCFDG) ||
	   (flag & (RFNAMEG|RFCNAMEG)) == (RFNAMEG|RFCNAMEG) ||
	   (flag & (RFENVG|RFCENVG)) == (RFENVG|RFCENVG))
		error(Ebadarg);
	if((flag & RFPROC) == 0){
		/* change the current process's resources */
		if(flag & (RFFDG|RFCFDG)){
			ofg = up->fgrp;
			up->fgrp = dupfgrp((flag & RFFDG) ? ofg : nil);
			closefgrp(ofg);
		}
		if(flag & (RFNAMEG|RFCNAMEG)){
			opg = up->pgrp;
			up->pgrp = dupgrp((flag & RFNAMEG) ? opg : nil);
			closepgrp(opg);
			if(flag & RFCNAMEG){
				cclose(up->dot);
				up->dot = cclone(up->slash);
			}
		}
		if(flag & (RFENVG|RFCENVG)){
			oeg = up->egrp;
			up->egrp = dupegrp((flag & RFENVG) ? oeg : nil);
			closeegrp(oeg);
		}
		if(flag & RFNOMNT)
			up->pgrp->noattach = 1;
		if(flag & RFNOTEG)
			up->noteid = up->pid;
		return 0;
	}

	p = newproc();
	p->pml4 = mmunewpml4();
	if(waserror()){
		/* undo: the half-made child goes away without running */
		if(p->fgrp)
			closefgrp(p->fgrp);
		if(p->pgrp)
			closepgrp(p->pgrp);
		if(p->egrp)
			closeegrp(p->egrp);
		if(p->slash)
			cclose(p->slash);
		if(p->dot)
			cclose(p->dot);
		if(p->pml4)
			mmufreeuser(p->pml4, p->pid);
		procdiscard(p);
		nexterror();
	}
	if(p->pml4 == 0)
		error(Enomem);
	if(segcopy(up, p) < 0)
		error(Enomem);
	if(flag & RFCFDG)
		p->fgrp = dupfgrp(nil);
	else if(flag & RFFDG)
		p->fgrp = dupfgrp(up->fgrp);
	else{
		p->fgrp = up->fgrp;
		incref(&p->fgrp->ref);
	}
	if(flag & RFCNAMEG)
		p->pgrp = dupgrp(nil);
	else if(flag & RFNAMEG)
		p->pgrp = dupgrp(up->pgrp);
	else{
		p->pgrp = up->pgrp;
		incref(&p->pgrp->ref);
	}
	if(flag & RFNOMNT)
		p->pgrp->noattach = 1;
	if(flag & RFCENVG)
		p->egrp = dupegrp(nil);
	else if(flag & RFENVG)
		p->egrp = dupegrp(up->egrp);
	else{
		p->egrp = up->egrp;
		incref(&p->egrp->ref);
	}
	p->slash = cclone(up->slash);
	p->dot = cclone(up->dot);
	poperror();

	memmove(p->text, up->text, sizeof p->text);
	if(up->args){
		p->args = malloc(up->nargs);
		if(p->args){
			memmove(p->args, up->args, up->nargs);
			p->nargs = up->nargs;
		}
	}
	p->user = up->user;
	p->basepri = up->basepri;
	p->pri = up->pri;
	p->notify = up->notify;
	p->xnext = up->xnext;
	p->noteid = (flag & RFNOTEG) ? p->pid : up->noteid;
	memmove(p->fpu, up->fpu, sizeof p->fpu);
	fpusave(p->fpu);
	if((flag & RFNOWAIT) == 0){
		p->parent = up;
		p->ppid = up->pid;
		up->nchild++;
	}
	for(i = 0; i < NSEG; i++)
		p->seg[i] = up->seg[i];
	forkchild(p, up->ureg);
	ready(p);
	sched();	/* let the child run first: it usually execs at once */
	return p->pid;
}

static long
readfull(Chan *c, void *a, long n, vlong off)
{
	long m, r;

	for(m = 0; m < n; m += r){
		r = devtab[c->type]->read(c, (uchar*)a + m, n - m, off + m);
		if(r <= 0)
			break;
	}
	return m;
}

/*
 * Load the ELF64 executable on c into a new address space for up,
 * with the argument strings args (n bytes, argc of them).  The old
 * address space is replaced only when everything has worked.
 */
static void
execload(Chan *c, char *args, int n, int argc)
{
	Ehdr eh;
	Phdr ph[16];
	uintptr pml4, va, e, sp, argv, *pte, lo, hi;
	uintptr tbase, ttop, dbase, dtop;
	Seg seg[NSEG];
	int i, flags, fl;
	long k;
	char *s, *np;
	uchar *page;

	if(readfull(c, &eh, sizeof eh, 0) != sizeof eh || memcmp(eh.ident, "\x7f" "ELF", 4) != 0)
		error(Ebadexec);
	if(eh.phoff > (1ULL<<40))
		error(Ebadexec);
	if(eh.ident[4] != 2 || eh.ident[5] != 1 || eh.type != 2 || eh.machine != 62 ||
	   eh.phentsize != sizeof(Phdr) || eh.phnum == 0 || eh.phnum > nelem(ph))
		error(Ebadexec);
	if(readfull(c, ph, eh.phnum*sizeof(Phdr), eh.phoff) != (long)(eh.phnum*sizeof(Phdr)))
		error(Ebadexec);
	tbase = dbase = ~0UL;
	ttop = dtop = 0;
	for(i = 0; i < eh.phnum; i++){
		if(ph[i].type != 1)	/* PT_LOAD */
			continue;
		lo = ph[i].vaddr;
		hi = lo + ph[i].memsz;
		if(lo < UTZERO || hi < lo || hi > USTKTOP - USTKSIZE - BY2PG ||
		   ph[i].filesz > ph[i].memsz || ph[i].offset > (1ULL<<40) || ph[i].filesz > (1ULL<<40))
			error(Ebadexec);
		if(ph[i].flags & 2){
			if(lo < dbase)
				dbase = lo;
			if(hi > dtop)
				dtop = hi;
		}else{
			if(lo < tbase)
				tbase = lo;
			if(hi > ttop)
				ttop = hi;
		}
	}
	if(ttop == 0 || eh.entry < tbase || eh.entry >= ttop)
		error(Ebadexec);
	if(dtop == 0)
		dbase = dtop = ROUNDUP(ttop, BY2PG);
	if(ROUNDDN(dbase, BY2PG) < ROUNDUP(ttop, BY2PG))
		error(Ebadexec);	/* text and data share a page */

	memset(seg, 0, sizeof seg);
	seg[SText].base = ROUNDDN(tbase, BY2PG);
	seg[SText].top = ROUNDUP(ttop, BY2PG);
	seg[SText].flags = SRead|SExec;
	seg[SData].base = ROUNDDN(dbase, BY2PG);
	seg[SData].top = dtop;
	seg[SData].flags = SRead|SWrite;
	seg[SStack].base = USTKTOP - USTKSIZE;
	seg[SStack].top = USTKTOP;
	seg[SStack].flags = SRead|SWrite|SGrow;

	pml4 = mmunewpml4();
	if(pml4 == 0)
		error(Enomem);
	if(waserror()){
		mmufreeuser(pml4, up->pid);
		mmufreepml4(pml4);
		nexterror();
	}
	for(i = 0; i < eh.phnum; i++){
		if(ph[i].type != 1)
			continue;
		flags = (ph[i].flags & 2) ? SRead|SWrite : SRead|SExec;
		lo = ph[i].vaddr;
		e = lo + ph[i].memsz;
		for(va = ROUNDDN(lo, BY2PG); va < e; va += BY2PG){
			pte = mmuwalk(pml4, va, 0);
			if(pte == nil || (*pte & PTEVALID) == 0)
				if(segnewpage(up, pml4, va, flags) < 0)
					error(Enomem);
		}
		/* copy the file's bytes through the direct map */
		for(va = lo; va < lo + ph[i].filesz; va = ROUNDDN(va, BY2PG) + BY2PG){
			pte = mmuwalk(pml4, va, 0);
			page = KADDR(*pte & 0x000ffffffffff000ULL);
			k = ROUNDDN(va, BY2PG) + BY2PG - va;
			if(va + k > lo + ph[i].filesz)
				k = lo + ph[i].filesz - va;
			if(readfull(c, page + (va & (BY2PG-1)), k, ph[i].offset + (va - lo)) != k)
				error(Ebadexec);
		}
	}
	/* arguments at the top of the stack: strings, then argv, then argc */
	sp = USTKTOP;
	fl = SRead|SWrite;
	e = ROUNDUP(n + (argc+2)*8 + 64, BY2PG);
	for(va = USTKTOP - e; va < USTKTOP; va += BY2PG)
		if(segnewpage(up, pml4, va, fl) < 0)
			error(Enomem);
	sp -= ROUNDUP(n, 8);
	np = (char*)sp;
	sp -= (argc + 2) * 8;
	sp &= ~15UL;
	argv = sp + 8;
	/* write through the direct map: the new tables are not loaded yet */
	s = args;
	pokeuser(pml4, (uintptr)np, args, n);
	e = argc;
	pokeuser(pml4, sp, &e, 8);
	for(i = 0; i < argc; i++){
		e = (uintptr)np + (s - args);
		pokeuser(pml4, argv + 8*i, &e, 8);
		s += strlen(s) + 1;
	}
	e = 0;
	pokeuser(pml4, argv + 8*argc, &e, 8);
	poperror();

	/* commit: the old address space goes */
	if(up->pml4){
		mmufreeuser(up->pml4, up->pid);
		mmufreepml4(up->pml4);
	}
	up->pml4 = pml4;
	memmove(up->seg, seg, sizeof seg);
	mmuswitch(up);
	execregs(up->ureg, eh.entry, sp, argc, argv);
}

/* Copy n bytes to user address va in the tables rooted at pml4. */
void
pokeuser(uintptr pml4, uintptr va, void *a, int n)
{
	uintptr *pte;
	uchar *b;
	int m;

	b = a;
	while(n > 0){
		pte = mmuwalk(pml4, va, 0);
		if(pte == nil || (*pte & PTEVALID) == 0)
			panic("pokeuser: unmapped %#lux", va);
		m = BY2PG - (va & (BY2PG-1));
		if(m > n)
			m = n;
		memmove((uchar*)KADDR(*pte & 0x000ffffffffff000ULL) + (va & (BY2PG-1)), b, m);
		va += m;
		b += m;
		n -= m;
	}
}

/* exec with kernel-resident name and arguments */
void
kexec(char *name, char *args, int n, int argc)
{
	Chan *c;
	char *base;
	int i;
	Fgrp *f;

	c = namec(name, Aopen, OEXEC, 0);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	if(c->qid.type & QTDIR)
		error(Eisdir);
	execload(c, args, n, argc);
	poperror();
	cclose(c);

	base = strrchr(args, '/');
	base = base ? base+1 : args;
	strecpy(up->text, up->text + sizeof up->text, base);
	free(up->args);
	up->args = malloc(n);
	if(up->args){
		memmove(up->args, args, n);
		up->nargs = n;
	}
	up->notify = nil;
	up->notified = 0;
	fpuclear(up->fpu);
	fpurestore(up->fpu);
	f = up->fgrp;
	for(i = 0; f && i <= f->maxfd; i++)
		if(f->fd[i] && (f->fd[i]->flag & CCEXEC)){
			cclose(f->fd[i]);
			f->fd[i] = nil;
		}
}

uintptr
sysexec(uintptr *arg)
{
	char *name, *args, *p, *s;
	uintptr *argv;
	int argc, n, l;

	name = validstr(arg[0], 1024);
	argv = (uintptr*)arg[1];
	n = 0;
	for(argc = 0; argv != nil; argc++){
		if(argc >= Maxargc)
			error(Etoobig);
		validaddr((uintptr)&argv[argc], 8, 0);
		if(argv[argc] == 0)
			break;
		s = validstr(argv[argc], Maxargs);
		n += strlen(s) + 1;
		if(n > Maxargs)
			error(Etoobig);
	}
	if(argc == 0){
		argc = 1;
		n = strlen(name) + 1;
		args = smalloc(n);
		memmove(args, name, n);
	}else{
		args = smalloc(n);
		p = args;
		for(l = 0; l < argc; l++){
			s = (char*)argv[l];
			memmove(p, s, strlen(s) + 1);
			p += strlen(s) + 1;
		}
	}
	name = kstrdup(name);
	if(waserror()){
		free(args);
		free(name);
		nexterror();
	}
	kexec(name, args, n, argc);
	poperror();
	free(args);
	free(name);
	return up->ureg->ax;
}

uintptr
sysexits(uintptr *arg)
{
	char *s, buf[ERRMAX];

	s = nil;
	if(arg[0]){
		if(waserror())
			s = "invalid exit string";
		else{
			s = validstr(arg[0], 1<<16);
			poperror();
		}
		strecpy(buf, buf + ERRMAX, s);
		s = buf;
	}
	pexit(s, 1);
}

static int
haswait(void *a)
{
	USED(a);
	return up->waitq != nil;
}

uintptr
sysawait(uintptr *arg)
{
	Waitq *w;
	char *buf;
	int n, l;

	n = arg[1];
	if(n < 0)
		error(Ebadarg);
	buf = uva(arg[0], n, 1);
	if(up->waitq == nil && up->nchild == 0)
		error(Enochild);
	sleep(&up->waitr, haswait, nil);
	w = up->waitq;
	up->waitq = w->next;
	l = strlen(w->msg);
	if(l > n)
		l = n;
	memmove(buf, w->msg, l);
	if(l < n)
		buf[l] = 0;
	free(w);
	return l;
}

uintptr
sysnotify(uintptr *arg)
{
	if(arg[0] != 0 && arg[0] >= 0x800000000000ULL)
		error(Ebadarg);
	up->notify = (void*)arg[0];
	return 0;
}

uintptr
syssleep(uintptr *arg)
{
	long ms;

	ms = arg[0];
	if(ms <= 0){
		yield();
		return 0;
	}
	tsleep(&up->sleepr, return0, nil, ms);
	return 0;
}

uintptr
sysalarm(uintptr *arg)
{
	return procalarm(arg[0]);
}

uintptr
sysbrk(uintptr *arg)
{
	return segbrk(arg[0]);
}

/* errstr swaps the process's error string with the caller's buffer. */
uintptr
syserrstr(uintptr *arg)
{
	char *buf, tmp[ERRMAX];
	uint n;

	n = arg[1];
	if(n == 0)
		return 0;
	if(n > ERRMAX)
		n = ERRMAX;
	buf = uva(arg[0], n, 1);
	memmove(tmp, buf, n);
	tmp[n-1] = 0;
	strecpy(buf, buf + n, up->errstr);
	strecpy(up->errstr, up->errstr + ERRMAX, tmp);
	return 0;
}

/* nanoseconds since 1970 */
uintptr
sysnsec(uintptr *arg)
{
	USED(arg);
	return (uvlong)boottime*1000000000ULL + fastticks2ns(rdtsc());
}

/* The first process: a namespace at the boot archive and /bin/init. */
static void
init0(void *a)
{
	Ureg *u;
	static char args[] = "/bin/init";

	USED(a);
	up->nerrlab = 0;
	u = procureg(up);
	up->ureg = u;
	execregs(u, 0, 0, 0, 0);
	if(waserror())
		panic("init0: %s", up->errstr);
	up->slash = namec("#/", Atodir, 0, 0);
	cnameset(up->slash, "/");
	up->dot = cclone(up->slash);
	kexec("/bin/init", args, sizeof args, 1);
	poperror();
	touser(u);
}

/*
 * Boot arguments after the kernel's name, name=value or name='va lue',
 * become environment variables of the first process.
 */
static void
bootenv(Egrp *e)
{
	char *p, *name, *val, *q;
	Evar *v;
	int nl, vl;

	p = bootargs;
	while(*p && *p != ' ')
		p++;
	for(;;){
		while(*p == ' ')
			p++;
		if(*p == 0)
			break;
		name = p;
		while(*p && *p != '=' && *p != ' ')
			p++;
		nl = p - name;
		if(*p != '=' || nl == 0){
			while(*p && *p != ' ')
				p++;
			continue;
		}
		p++;
		val = p;
		vl = 0;
		if(*p == '\''){
			/* quoted as rc quotes: '' inside stands for ' */
			val = q = ++p;
			for(; *p; p++){
				if(*p == '\''){
					if(p[1] != '\'')
						break;
					p++;
				}
				*q++ = *p;
			}
			vl = q - val;
			if(*p == '\'')
				p++;
		}else{
			while(*p && *p != ' ')
				p++;
			vl = p - val;
		}
		v = malloc(sizeof(Evar));
		q = malloc(nl + 1);
		if(v == nil || q == nil)
			panic("bootenv: no memory");
		memmove(q, name, nl);
		q[nl] = 0;
		v->name = q;
		v->val = malloc(vl + 1);
		if(v->val == nil)
			panic("bootenv: no memory");
		memmove(v->val, val, vl);
		v->len = vl;
		mkqid(&v->qid, ++e->path, 0, QTFILE);
		v->next = e->vars;
		e->vars = v;
	}
}

void
userinit(void)
{
	Proc *p;

	p = newproc();
	p->pgrp = newpgrp();
	p->fgrp = dupfgrp(nil);
	p->egrp = dupegrp(nil);
	bootenv(p->egrp);
	strecpy(p->text, p->text + sizeof p->text, "init");
	linkproc(p, init0, nil);
	ready(p);
}
