/*
 * The Lux9 system-call ABI: constants and layouts shared by the kernel and
 * user programs (user/include/libc.h includes this file).  The syscall
 * numbers themselves are in kernel/port/syscall.tab.  File-protocol
 * constants (open modes, Qid and Dir) are in lib/9p/9p.h.
 */
#ifndef LUX9_ABI_H
#define LUX9_ABI_H

enum {
	ERRMAX = 128,		/* longest error string, with its NUL */
	KNAMELEN = 28,		/* longest device/file name element the kernel keeps */

	/* rfork flags */
	RFNAMEG = 1<<0,		/* copy the namespace */
	RFENVG = 1<<1,		/* copy the environment */
	RFFDG = 1<<2,		/* copy the file descriptor table */
	RFNOTEG = 1<<3,		/* start a new note group */
	RFPROC = 1<<4,		/* make a new process */
	RFMEM = 1<<5,		/* share memory: refused, Lux9 processes share none */
	RFNOWAIT = 1<<6,	/* the child is not waited for */
	RFCNAMEG = 1<<10,	/* start with a clean namespace */
	RFCENVG = 1<<11,	/* start with an empty environment */
	RFCFDG = 1<<12,		/* start with no open files */
	RFREND = 1<<13,		/* new rendezvous group (accepted, no effect) */
	RFNOMNT = 1<<14,	/* no further mounts or # device names */

	/* bind and mount flags */
	MREPL = 0x0000,		/* the new name replaces the old */
	MBEFORE = 0x0001,	/* the new is searched before the old */
	MAFTER = 0x0002,	/* the new is searched after the old */
	MORDER = 0x0003,
	MCREATE = 0x0004,	/* files may be created in the union */
	MCACHE = 0x0010,
	MMASK = 0x0017,

	/* noted() arguments */
	NCONT = 0,		/* continue after the note */
	NDFLT = 1,		/* default action: die */
	NSAVE = 2,
	NRSTR = 3,

	/* seek types */
	SEEKSET = 0,
	SEEKCUR = 1,
	SEEKEND = 2,

	/* page exchange (pgsend, pgrecv) */
	PGMOVE = 0,		/* the pages change owner */
	PGLEND = 1,		/* lent read-only; the owner keeps read access */
	PGLENDMUT = 2,		/* lent read-write; the owner loses access */
	PGCOW = 3,		/* shared copy-on-write (pgoffer, pgtake, 9P) */

	/* user address space (amd64) */
	UTZERO = 0x400000,		/* programs are linked here */
	USTKTOP = 0x7ffffff00000,	/* top of the user stack */
	USTKSIZE = 16*1024*1024,	/* the stack may grow this far */
	UXBASE = 0x100000000000,	/* received pages are mapped from here up */
};

/*
 * Process start: the kernel enters a program at its ELF entry with
 * rdi = argc, rsi = argv, and rsp (16-byte aligned) pointing at argc
 * followed by the argv pointers and a nil pointer; the strings are above.
 * A note handler (see notify) is called as handler(Ureg*, char *note) on
 * the user stack and must end with noted(NCONT) or noted(NDFLT).
 */
typedef struct Ureg Ureg;
struct Ureg {
	unsigned long long ax, bx, cx, dx, si, di, bp;
	unsigned long long r8, r9, r10, r11, r12, r13, r14, r15;
	unsigned long long trap, ecode;	/* trap number and error code */
	unsigned long long ip, cs, flags, sp, ss;
};

#endif
