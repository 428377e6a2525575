/*
 * amd64 memory layout and machine constants, shared by C and assembly.
 */
#define KZERO		0xffffffff80000000	/* kernel image: top 2 GiB */
#define HHDM		0xffff800000000000	/* all of RAM mapped here */
#define KADDR_LOW	0x100000		/* kernel loaded at 1 MiB */
#define BY2PG		4096
#define PGSHIFT		12
#define KSTACK		16384			/* per-process kernel stack */

/* segment selectors: order matters for syscall/sysret */
#define KCSEL		0x08
#define KDSEL		0x10
#define UDSEL		0x1b	/* 0x18 | 3 */
#define UCSEL		0x23	/* 0x20 | 3 */
#define TSSSEL		0x28

#define VSYSCALL	0x100	/* Ureg.trap of a system call */
#define VTIMER		32
#define VUART0		36	/* COM1, ISA IRQ 4 */
#define VUART1		35	/* COM2, ISA IRQ 3 */
#define VSPURIOUS	255
