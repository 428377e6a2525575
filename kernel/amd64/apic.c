/*
 * Local APIC (the timer), I/O APIC (the serial lines' interrupts) and the
 * FPU.  The legacy 8259 PICs are masked; only the local APIC timer and the
 * two UARTs interrupt.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

enum {
	LapicID = 0x20,
	LapicEOI = 0xb0,
	LapicSVR = 0xf0,
	LapicLVTT = 0x320,
	LapicTICR = 0x380,
	LapicTCCR = 0x390,
	LapicTDCR = 0x3e0,
	Periodic = 1<<17,
	Masked = 1<<16,
};

static volatile uint *lapic;
static volatile uint *ioapic;
static uchar fpuclean[512] __attribute__((aligned(16)));
uvlong tscperms;	/* TSC ticks per millisecond */

static uint
lapicr(int r)
{
	return lapic[r/4];
}

static void
lapicw(int r, uint v)
{
	lapic[r/4] = v;
	(void)lapic[LapicID/4];
}

uvlong
rdtsc(void)
{
	uint lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uvlong)hi<<32 | lo;
}

/* Busy-wait 10 ms with PIT channel 2 (used once, to calibrate). */
static void
pitwait10ms(void)
{
	int n;

	n = 1193182 / 100;
	outb(0x61, (inb(0x61) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(0x43, 0xb0);	/* channel 2, lobyte/hibyte, mode 0 */
	outb(0x42, n & 0xff);
	outb(0x42, n >> 8);
	while((inb(0x61) & 0x20) == 0)
		;
}

void
apicinit(void)
{
	uint count;
	uvlong t0;

	/* mask both 8259s */
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
	lapic = KADDR(rdmsr(0x1b) & ~0xfffULL);
	lapicw(LapicSVR, 0x100 | VSPURIOUS);
	lapicw(LapicTDCR, 0x3);		/* divide by 16 */
	lapicw(LapicLVTT, Masked);
	lapicw(LapicTICR, 0xffffffff);
	t0 = rdtsc();
	pitwait10ms();
	count = 0xffffffff - lapicr(LapicTCCR);
	tscperms = (rdtsc() - t0) / 10;
	if(tscperms == 0)
		tscperms = 1;
	lapicw(LapicTICR, 0);
	lapicw(LapicLVTT, Periodic | VTIMER);
	lapicw(LapicTICR, count / 10 * (1000/HZ));
	lapicw(LapicEOI, 0);
}

void
apiceoi(void)
{
	lapicw(LapicEOI, 0);
}

static void
ioapicw(int r, uint v)
{
	ioapic[0] = r;
	ioapic[4] = v;
}

void
ioapicinit(void)
{
	int i;

	ioapic = KADDR(0xfec00000);
	for(i = 0; i < 24; i++){
		ioapicw(0x10 + 2*i, Masked);
		ioapicw(0x11 + 2*i, 0);
	}
	ioapicw(0x10 + 2*4, VUART0);	/* COM1: ISA IRQ 4 */
	ioapicw(0x10 + 2*3, VUART1);	/* COM2: ISA IRQ 3 */
}

vlong
fastticks2ns(uvlong t)
{
	return t * 1000000 / tscperms;
}

void
fpuinit(void)
{
	uint mxcsr;

	mxcsr = 0x1f80;
	__asm__ volatile("fninit; ldmxcsr %0" : : "m"(mxcsr));
	fpusave(fpuclean);
}

void
fpusave(void *a)
{
	__asm__ volatile("fxsave64 (%0)" : : "r"(a) : "memory");
}

void
fpurestore(void *a)
{
	__asm__ volatile("fxrstor64 (%0)" : : "r"(a) : "memory");
}

void
fpuclear(void *a)
{
	memmove(a, fpuclean, sizeof fpuclean);
}

void
idlehands(void)
{
	__asm__ volatile("sti; hlt; cli" : : : "memory");
}
