/*
 * amd64 machine-dependent functions and inline helpers.
 */
#include "mem.h"

#define KADDR(pa)	((void*)((uintptr)(pa) + HHDM))
#define PADDR(va)	((uintptr)(va) >= KZERO ? (uintptr)(va) - KZERO : (uintptr)(va) - HHDM)

int setlabel(Label*);
void gotolabel(Label*) __attribute__((noreturn));
void machexit(int) __attribute__((noreturn));
void trapinit(void);
void mmuinit(void);
uintptr mmunewpml4(void);
void mmufreepml4(uintptr);
void mmuswitch(Proc*);
uintptr *mmuwalk(uintptr, uintptr, int);
int mmumap(uintptr, uintptr, uintptr, int);
void flushtlb(uintptr);
void uartinit(void);
void uartputc(int, int);
int uartgetc(int);
void uartintr(int);
void apicinit(void);
void apiceoi(void);
void ioapicinit(void);
void touser(Ureg*) __attribute__((noreturn));
void fpusave(void*);
void fpurestore(void*);
void fpuinit(void);
uvlong rdtsc(void);
vlong fastticks2ns(uvlong);
void idlehands(void);
void setkstack(Proc*);
void dumpregs(Ureg*);
int userureg(Ureg*);
void linkproc(Proc*, void (*)(void*), void*);
int notifyuser(Ureg*, char*);
Ureg *procureg(Proc*);
void forkchild(Proc*, Ureg*);
void execregs(Ureg*, uintptr, uintptr, int, uintptr);
int sanitizeureg(Ureg*);

/* PTE bits used by port code through mmumap */
enum {
	PTEVALID = 1<<0,
	PTEWRITE = 1<<1,
	PTEUSER = 1<<2,
	PTESIZE = 1<<7,
	PTENX = 1ULL<<63,
	PTEXMOVED = 1<<9,	/* not present: moved to another process */
	PTEXLENT = 1<<10,	/* not present: lent mutably; frame kept */
	PTEXCOW = 1<<11,	/* read-only, shared copy-on-write (Xcow) */
};
#define PTEFRAME(e)	((e) & 0x000ffffffffff000ULL)

static inline void
outb(int port, int v)
{
	__asm__ volatile("outb %b0, %w1" : : "a"(v), "Nd"(port));
}

static inline int
inb(int port)
{
	uchar v;

	__asm__ volatile("inb %w1, %b0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline int
splhi(void)
{
	uvlong f;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(f) : : "memory");
	return (f >> 9) & 1;
}

static inline uvlong
rdmsr(uint m)
{
	uint lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(m));
	return (uvlong)hi<<32 | lo;
}

static inline void
wrmsr(uint m, uvlong v)
{
	__asm__ volatile("wrmsr" : : "c"(m), "a"((uint)v), "d"((uint)(v>>32)));
}

static inline uintptr
getcr2(void)
{
	uintptr v;

	__asm__ volatile("movq %%cr2, %0" : "=r"(v));
	return v;
}

static inline void
putcr3(uintptr v)
{
	__asm__ volatile("movq %0, %%cr3" : : "r"(v) : "memory");
}
void userinit(void);
uintptr mmukernel(void);
void mmufreeuser(uintptr, int);
int mmucopyuser(uintptr, uintptr, int);
void mmuleaves(uintptr, void (*)(void*, uintptr, uintptr), void*);
extern uchar *initrd;
extern uintptr initrdlen;
extern char *bootargs;
extern int ncpu;
void fpuclear(void*);
void uartrecv(int, int);
extern uvlong tscperms;
void machreboot(void) __attribute__((noreturn));
long rtcseconds(void);
