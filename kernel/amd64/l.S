/*
 * Lux9 amd64 entry.  Multiboot loads us at 1 MiB in 32-bit protected mode
 * with paging off.  We build boot page tables that map the first GiB three
 * times (identity, for the switch; the direct map at HHDM; the kernel image
 * at KZERO), enter long mode, move to the high addresses and call main().
 * Also here: interrupt and system-call entry, return to user, and labels
 * for context switches and error recovery.
 */
#include "mem.h"

#define PHYS(x)	((x) - KZERO)

	.section .text.boot, "ax"
	.code32
	.align 4
mbheader:
	.long 0x1BADB002		/* multiboot1 magic */
	.long 0x00010003		/* page-align modules, memory map, addresses below */
	.long -(0x1BADB002 + 0x00010003)
	/*
	 * Where to load us, so loaders need not interpret the ELF headers
	 * (whose virtual addresses are the kernel's high ones).
	 */
	.long PHYS(mbheader)		/* header_addr */
	.long PHYS(mbheader)		/* load_addr: the file from this header on */
	.long PHYS(edata)		/* load_end_addr */
	.long PHYS(end)			/* bss_end_addr */
	.long PHYS(start32)		/* entry_addr */

	.globl start32
start32:
	cli
	movl %eax, %edi			/* multiboot magic: 1st argument of main */
	movl %ebx, %esi			/* multiboot info */
	movl $PHYS(bootstack_top), %esp

	/* one page directory of 2 MiB pages maps 0..1 GiB */
	movl $PHYS(bootpd), %ebx
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $21, %eax
	orl $0x83, %eax			/* present, writable, 2 MiB */
	movl %eax, (%ebx,%ecx,8)
	movl $0, 4(%ebx,%ecx,8)
	incl %ecx
	cmpl $512, %ecx
	jne 1b

	movl $PHYS(bootpd)+3, %eax
	movl %eax, PHYS(bootpdpt_lo)		/* 0 and HHDM: first GiB */
	movl %eax, PHYS(bootpdpt_hi)+510*8	/* KZERO: first GiB */
	movl $PHYS(bootpdpt_lo)+3, %eax
	movl %eax, PHYS(bootpml4)
	movl %eax, PHYS(bootpml4)+256*8
	movl $PHYS(bootpdpt_hi)+3, %eax
	movl %eax, PHYS(bootpml4)+511*8

	movl %cr4, %eax
	orl $0x620, %eax		/* PAE, OSFXSR, OSXMMEXCPT */
	movl %eax, %cr4
	movl $PHYS(bootpml4), %eax
	movl %eax, %cr3
	movl $0xC0000080, %ecx		/* EFER: long mode, NX, syscall */
	rdmsr
	orl $0x901, %eax
	wrmsr
	movl %cr0, %eax
	orl $0x80010003, %eax		/* paging, write protect, FPU monitor, protection */
	andl $~0x4, %eax			/* FPU present: no emulation */
	movl %eax, %cr0

	lgdt PHYS(bootgdtptr)
	ljmp $KCSEL, $PHYS(start64)

	.code64
start64:
	movl $KDSEL, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	movabsq $high64, %rax
	jmp *%rax

	.section .rodata.boot, "a"
	.align 16
bootgdt:
	.quad 0
	.quad 0x00209a0000000000	/* kernel code, 64-bit */
	.quad 0x0000920000000000	/* kernel data */
bootgdtptr:
	.word 3*8-1
	.long PHYS(bootgdt)

	.text
	.code64
high64:
	movabsq $bootstack_top, %rsp
	xorq %rbp, %rbp
	call main
1:	cli
	hlt
	jmp 1b

/*
 * Interrupts and exceptions.  Each vector pushes an error code (0 if the
 * CPU did not) and its number, then joins intrcommon, which saves the
 * registers in the order of Ureg (abi.h) and calls trap(Ureg*).
 */
/* the general registers, in the order of Ureg (abi.h) */
.macro PUSHREGS
	pushq %r15
	pushq %r14
	pushq %r13
	pushq %r12
	pushq %r11
	pushq %r10
	pushq %r9
	pushq %r8
	pushq %rbp
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq %rbx
	pushq %rax
.endm

	.align 16
	.globl vectors
vectors:
	.set vecno, 0
	.rept 256
	.align 16
	.if (vecno == 8) || (vecno >= 10 && vecno <= 14) || (vecno == 17) || (vecno == 21)
	pushq $vecno
	.else
	pushq $0
	pushq $vecno
	.endif
	jmp intrcommon
	.set vecno, vecno+1
	.endr

intrcommon:
	PUSHREGS
	cld
	movq %rsp, %rdi
	call trap
	.globl trapret
trapret:
	popq %rax
	popq %rbx
	popq %rcx
	popq %rdx
	popq %rsi
	popq %rdi
	popq %rbp
	popq %r8
	popq %r9
	popq %r10
	popq %r11
	popq %r12
	popq %r13
	popq %r14
	popq %r15
	addq $16, %rsp			/* trap number and error code */
	iretq

/*
 * System calls.  The syscall instruction leaves the user rip in rcx and
 * rflags in r11 and masks interrupts (SFMASK).  Build the same Ureg frame
 * an interrupt would, on this process's kernel stack, and leave through
 * trapret, so a note or exec can change any register on the way out.
 */
	.globl syscallentry
syscallentry:
	movq %rsp, usersp(%rip)
	movq kstacktop(%rip), %rsp
	pushq $UDSEL
	pushq usersp(%rip)
	pushq %r11
	pushq $UCSEL
	pushq %rcx
	pushq $0
	pushq $VSYSCALL
	PUSHREGS
	cld
	movq %rsp, %rdi
	call syscall
	jmp trapret

/* touser(Ureg*): leave for user mode with the registers in *Ureg */
	.globl touser
touser:
	movq %rdi, %rsp
	jmp trapret

/* first code of a kernel process made by linkproc: r12(r13) */
	.globl kprocstart
kprocstart:
	movq %r13, %rdi
	call *%r12
	ud2

/*
 * Labels: setlabel saves the callee-saved registers, the stack and the
 * return address and returns 0; gotolabel restores them and returns 1
 * from the matching setlabel.  Used for context switch and waserror.
 */
	.globl setlabel
setlabel:
	movq (%rsp), %rax
	movq %rax, 0(%rdi)		/* pc */
	leaq 8(%rsp), %rax
	movq %rax, 8(%rdi)		/* sp */
	movq %rbx, 16(%rdi)
	movq %rbp, 24(%rdi)
	movq %r12, 32(%rdi)
	movq %r13, 40(%rdi)
	movq %r14, 48(%rdi)
	movq %r15, 56(%rdi)
	xorl %eax, %eax
	ret

	.globl gotolabel
gotolabel:
	movq 8(%rdi), %rsp
	movq 16(%rdi), %rbx
	movq 24(%rdi), %rbp
	movq 32(%rdi), %r12
	movq 40(%rdi), %r13
	movq 48(%rdi), %r14
	movq 56(%rdi), %r15
	movl $1, %eax
	jmp *0(%rdi)

	.bss
	.align 4096
	.globl bootpml4
bootpml4:	.space 4096
bootpdpt_lo:	.space 4096
bootpdpt_hi:	.space 4096
bootpd:		.space 4096
bootstack:	.space 16384
bootstack_top:
	.globl usersp, kstacktop
usersp:		.space 8
kstacktop:	.space 8
