/*
 * amd64 start-up: read what the multiboot loader found (memory map,
 * modules, command line), set up memory, traps, timer and console, then
 * start the first process.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

typedef struct Mbinfo Mbinfo;
struct Mbinfo {
	uint flags;
	uint memlower;
	uint memupper;
	uint bootdev;
	uint cmdline;
	uint modcount;
	uint modaddr;
	uint syms[4];
	uint mmaplen;
	uint mmapaddr;
};

typedef struct Mbmod Mbmod;
struct Mbmod {
	uint start;
	uint end;
	uint string;
	uint pad;
};

typedef struct Mbmmap Mbmmap;
struct Mbmmap {
	uint size;
	uvlong base;
	uvlong len;
	uint type;
} __attribute__((packed));

extern char end[];
char *bootargs = "";
static char bootline[1024];
uchar *initrd;		/* the boot archive, in the direct map */
uintptr initrdlen;
int ncpu;

/* Free RAM [a, b) that does not overlap what is in use. */
static void
freeram(uintptr a, uintptr b, uintptr *used, int nused)
{
	int i;
	uintptr ua, ub;

	a = ROUNDUP(a, BY2PG);
	b = ROUNDDN(b, BY2PG);
	for(i = 0; i < nused; i += 2){
		ua = ROUNDDN(used[i], BY2PG);
		ub = ROUNDUP(used[i+1], BY2PG);
		if(ua < b && ub > a){
			if(ua > a)
				freeram(a, ua, used, nused);
			if(ub < b)
				freeram(ub, b, used, nused);
			return;
		}
	}
	if(a < b)
		pagefreerange(a >> PGSHIFT, (b - a) >> PGSHIFT);
}

static int pm1acnt;	/* ACPI PM1a control port, from the FADT */

static int
countcpus(void)
{
	uchar *p, *e, *rsdt, *t, *m;
	uint i, n, len, sum;

	/* find the ACPI RSDP in the BIOS area, then the MADT ("APIC") */
	for(p = KADDR(0xe0000); p < (uchar*)KADDR(0x100000); p += 16){
		if(memcmp(p, "RSD PTR ", 8) != 0)
			continue;
		for(sum = 0, i = 0; i < 20; i++)
			sum += p[i];
		if((sum & 0xff) == 0)
			break;
	}
	if(p >= (uchar*)KADDR(0x100000))
		return 1;
	rsdt = KADDR(*(uint*)(p + 16));
	len = *(uint*)(rsdt + 4);
	if(len < 36 || len > 65536)
		return 1;
	n = 1;
	for(i = 36; i + 4 <= len; i += 4){
		t = KADDR(*(uint*)(rsdt + i));
		if(memcmp(t, "FACP", 4) == 0 && *(uint*)(t + 4) >= 68)
			pm1acnt = *(uint*)(t + 64);
		if(memcmp(t, "APIC", 4) != 0)
			continue;
		n = 0;
		e = t + *(uint*)(t + 4);
		for(m = t + 44; m + 2 <= e && m[1] >= 2; m += m[1])
			if(m[0] == 0 && (m[4] & 1))	/* enabled local APIC */
				n++;
	}
	return n ? n : 1;
}

void
main(uint magic, uintptr mbpa)
{
	Mbinfo *mb;
	Mbmmap *mm;
	Mbmod *mod;
	uintptr used[2*8], a, tabpa, tabsz, ram;
	int nused, i;
	uchar *p, *e;

	uartinit();
	print("\nLux9\n");
	if(magic != 0x2BADB002)
		panic("not started by a multiboot loader (magic %#ux)", magic);
	mb = KADDR(mbpa);
	if(mb->flags & (1<<2)){
		/* copied: the loader's memory becomes free pages */
		strecpy(bootline, bootline + sizeof bootline, KADDR(mb->cmdline));
		bootargs = bootline;
	}

	/* memory in use: low memory, the kernel, modules, the info block */
	nused = 0;
	used[nused++] = 0;
	used[nused++] = PADDR(end);
	a = PADDR(end);
	if((mb->flags & (1<<3)) && mb->modcount > 0){
		mod = KADDR(mb->modaddr);
		initrd = KADDR(mod->start);
		initrdlen = mod->end - mod->start;
		used[nused++] = mod->start;
		used[nused++] = mod->end;
		if(mod->end > a)
			a = mod->end;
		print("module: %s, %lud KiB at %#lux\n",
			mod->string ? (char*)KADDR(mod->string) : "?",
			initrdlen/1024, (uintptr)mod->start);
	}
	if((mb->flags & (1<<6)) == 0)
		panic("no memory map from the boot loader");
	maxpa = 0;
	p = KADDR(mb->mmapaddr);
	e = p + mb->mmaplen;
	for(; p < e; p += mm->size + 4){
		mm = (Mbmmap*)p;
		if(mm->type == 1 && mm->base + mm->len > maxpa)
			maxpa = mm->base + mm->len;
	}
	/* the page records go after everything the loader left us */
	tabpa = ROUNDUP(a, BY2PG);
	tabsz = ROUNDUP((maxpa >> PGSHIFT) * sizeof(Page), BY2PG);
	if(tabpa + tabsz > (1UL<<30))
		panic("page table records do not fit in the first GiB");
	used[nused++] = tabpa;
	used[nused++] = tabpa + tabsz;
	pageinit(KADDR(tabpa), maxpa >> PGSHIFT);
	ram = 0;
	for(p = KADDR(mb->mmapaddr); p < e; p += mm->size + 4){
		mm = (Mbmmap*)p;
		if(mm->type != 1)
			continue;
		ram += mm->len;
		freeram(mm->base, mm->base + mm->len, used, nused);
	}
	mmuinit();
	ncpu = countcpus();
	print("memory: %lud MiB RAM, %d pages free of %d (%lud KiB kernel)\n",
		ram >> 20, nfreepages, npages, (PADDR(end) - KADDR_LOW) >> 10);
	print("cpus: %d found, 1 in use\n", ncpu);
	for(i = 0; bootargs[i]; i++)
		;
	if(i)
		print("boot args: %s\n", bootargs);
	trapinit();
	fpuinit();
	apicinit();
	ioapicinit();
	chandevreset();
	userinit();
	schedinit();
}

/*
 * Stop the machine.  Code 0 is a clean power-off (ACPI on QEMU's PC, so
 * QEMU exits 0); any other code leaves through isa-debug-exit, which QEMU
 * turns into exit status 2*code+1, so tests can tell how the kernel ended.
 */
void
machexit(int code)
{
	long i;

	splhi();
	if(code == 0){
		/* ACPI soft-off: SLP_EN with QEMU's S5 type (0) in PM1a_CNT */
		if(pm1acnt){
			/* QEMU powers off a moment after the write: wait for it */
			__asm__ volatile("outw %w0, %w1" : : "a"(0x2000), "Nd"(pm1acnt));
			for(i = 0; i < 100000000; i++)
				__asm__ volatile("pause");
		}
	}
	outb(0xf4, code);
	for(;;)
		__asm__ volatile("hlt");
}

/* Reset the machine (QEMU with -no-reboot exits instead). */
void
machreboot(void)
{
	splhi();
	outb(0xcf9, 0x02);
	outb(0xcf9, 0x06);
	for(;;)
		__asm__ volatile("hlt");
}

/* Seconds since 1970 from the CMOS clock. */
static int
cmos(int r)
{
	int v;

	outb(0x70, r);
	v = inb(0x71);
	return (v & 0xf) + 10*(v >> 4);
}

long
rtcseconds(void)
{
	static int mdays[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
	long y, mo, d, h, mi, s, days;

	s = cmos(0);
	mi = cmos(2);
	h = cmos(4);
	d = cmos(7);
	mo = cmos(8);
	y = cmos(9) + 2000;
	if(mo < 1 || mo > 12)
		return 0;
	days = (y - 1970)*365 + (y - 1969)/4 + mdays[mo-1] + d - 1;
	if(mo > 2 && y % 4 == 0)
		days++;
	return ((days*24 + h)*60 + mi)*60 + s;
}
