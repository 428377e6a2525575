/*
 * amd64 traps: descriptor tables, exceptions, interrupts and the system
 * call entry.  A fault in user mode becomes a note for the process
 * ("sys: trap: fault read addr=0x..."), never a kernel panic; a fault in
 * kernel mode is a kernel bug and panics.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

typedef struct Gate Gate;
struct Gate {
	ushort off0;
	ushort sel;
	uchar ist;
	uchar type;
	ushort off1;
	uint off2;
	uint zero;
};

typedef struct Tss Tss;
struct Tss {
	uint r0;
	uvlong rsp0;
	uvlong rsp1;
	uvlong rsp2;
	uvlong r1;
	uvlong ist[7];
	uvlong r2;
	ushort r3;
	ushort iomap;
} __attribute__((packed));

static uvlong gdt[7];
static Gate idt[256];
static Tss tss;
extern char vectors[];
extern void syscallentry(void);
extern uintptr kstacktop;

static char *excname[32] = {
	"divide error", "debug", "nmi", "breakpoint", "overflow",
	"bounds check", "invalid opcode", "coprocessor not available",
	"double fault", "coprocessor segment overrun", "invalid tss",
	"segment not present", "stack exception", "general protection",
	"page fault", "15 (reserved)", "floating point error",
	"alignment check", "machine check", "simd floating point",
	"virtualization", "control protection",
};

static void
lgdt(void *base, int size)
{
	struct { ushort len; uvlong base; } __attribute__((packed)) d;

	d.len = size - 1;
	d.base = (uvlong)base;
	__asm__ volatile("lgdt %0" : : "m"(d));
}

static void
lidt(void *base, int size)
{
	struct { ushort len; uvlong base; } __attribute__((packed)) d;

	d.len = size - 1;
	d.base = (uvlong)base;
	__asm__ volatile("lidt %0" : : "m"(d));
}

void
trapinit(void)
{
	int i;
	uintptr a, t;

	gdt[0] = 0;
	gdt[1] = 0x00209a0000000000ULL;	/* KCSEL: kernel code */
	gdt[2] = 0x0000920000000000ULL;	/* KDSEL: kernel data */
	gdt[3] = 0x0000f20000000000ULL;	/* UDSEL: user data */
	gdt[4] = 0x0020fa0000000000ULL;	/* UCSEL: user code */
	t = (uintptr)&tss;
	gdt[5] = (sizeof(tss) - 1) | (t & 0xffffff) << 16 | 0x89ULL << 40 |
		((t >> 24) & 0xff) << 56;
	gdt[6] = t >> 32;
	tss.iomap = sizeof(tss);
	lgdt(gdt, sizeof gdt);
	__asm__ volatile(
		"movw %w0, %%ds; movw %w0, %%es; movw %w0, %%ss;"
		"pushq %1; leaq 1f(%%rip), %%rax; pushq %%rax; lretq; 1:"
		: : "r"(KDSEL), "i"(KCSEL) : "rax", "memory");
	__asm__ volatile("ltr %w0" : : "r"(TSSSEL));

	for(i = 0; i < 256; i++){
		a = (uintptr)vectors + 16*i;
		idt[i].off0 = a;
		idt[i].sel = KCSEL;
		idt[i].ist = 0;
		idt[i].type = i == 3 ? 0xee : 0x8e;	/* interrupt gates; int3 from user */
		idt[i].off1 = a >> 16;
		idt[i].off2 = a >> 32;
		idt[i].zero = 0;
	}
	lidt(idt, sizeof idt);

	/* syscall: STAR selects KCSEL on entry, UCSEL-16 base on sysret */
	wrmsr(0xC0000081, (uvlong)(UDSEL-8) << 48 | (uvlong)KCSEL << 32);
	wrmsr(0xC0000082, (uintptr)syscallentry);
	wrmsr(0xC0000084, 0x47700);	/* mask IF, TF, DF, AC, NT, IOPL */
}

/* The kernel stack used on the next entry from user mode. */
void
setkstack(Proc *p)
{
	tss.rsp0 = (uintptr)p->kstack + KSTACK;
	kstacktop = tss.rsp0;
}

int
userureg(Ureg *u)
{
	return (u->cs & 3) == 3;
}

void
dumpregs(Ureg *u)
{
	print("ip %#llux sp %#llux flags %#llux trap %llud ecode %#llux\n",
		u->ip, u->sp, u->flags, u->trap, u->ecode);
	print("ax %#llux bx %#llux cx %#llux dx %#llux si %#llux di %#llux bp %#llux\n",
		u->ax, u->bx, u->cx, u->dx, u->si, u->di, u->bp);
}

static void
faultnote(Ureg *u, char *what)
{
	char buf[ERRMAX];

	snprint(buf, sizeof buf, "sys: trap: %s pc=%#llux", what, u->ip);
	postnote(up, 1, buf, NUser);
}

static void
pagefault(Ureg *u)
{
	uintptr addr;
	int read, user;
	char buf[ERRMAX];

	addr = getcr2();
	read = (u->ecode & 2) == 0;
	user = userureg(u);
	if(!user){
		/* the kernel writing a user's copy-on-write page: a read(2) into it */
		if(!read && up != nil && addr < UADDRMAX)
			switch(xcowfault(up, addr)){
			case 0:
				return;
			case -2:
				/* okaddr saw memory enough; it went meanwhile */
				if(up->nerrlab > 0)
					error(Enomem);
			}
		panic("kernel page fault at %#lux pc %#llux", addr, u->ip);
	}
	if(xviolation(up, addr, !read)){
		postnote(up, 1, xviolationnote(), NUser);
		return;
	}
	if(segfault(up, addr, read, u->ecode & 1) == 0)
		return;
	snprint(buf, sizeof buf, "sys: trap: fault %s addr=%#lux pc=%#llux",
		read ? "read" : "write", addr, u->ip);
	postnote(up, 1, buf, NUser);
}

void
trap(Ureg *u)
{
	int v, user;

	v = u->trap;
	user = userureg(u);
	if(user)
		up->ureg = u;
	switch(v){
	case VTIMER:
		apiceoi();
		timertick();
		if(user)
			sched();
		break;
	case VUART0:
		uartintr(0);
		apiceoi();
		break;
	case VUART1:
		uartintr(1);
		apiceoi();
		break;
	case VSPURIOUS:
		break;
	case 14:
		pagefault(u);
		break;
	default:
		if(v >= 32){
			apiceoi();
			break;
		}
		if(!user){
			dumpregs(u);
			panic("kernel trap %d (%s) pc %#llux", v, excname[v] ? excname[v] : "?", u->ip);
		}
		faultnote(u, excname[v] ? excname[v] : "unknown");
		break;
	}
	if(user)
		notes(u);
}

/*
 * A system call: number in ax, arguments in di si dx r10 r8 r9.
 * Result in ax; on error -1 with the process's error string set.
 */
void
syscall(Ureg *u)
{
	uintptr arg[6], ret;
	uint n;

	up->ureg = u;
	n = u->ax;
	if(n >= NSYSCALL || systab[n].f == nil){
		snprint(up->errstr, ERRMAX, "bad system call number %ud", n);
		u->ax = -1;
		notes(u);
		return;
	}
	arg[0] = u->di;
	arg[1] = u->si;
	arg[2] = u->dx;
	arg[3] = u->r10;
	arg[4] = u->r8;
	arg[5] = u->r9;
	up->nerrlab = 0;
	up->psstate = systab[n].name;
	if(waserror()){
		ret = -1;
	}else{
		ret = systab[n].f(arg);
		poperror();
	}
	up->psstate = nil;
	if(up->nerrlab != 0)
		panic("syscall %s: error labels not popped: %d", systab[n].name, up->nerrlab);
	u->ax = ret;
	notes(u);
}
