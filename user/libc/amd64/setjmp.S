/*
 * setjmp/longjmp: a jmp_buf holds rbx, rbp, r12, r13, r14, r15, the
 * stack pointer after setjmp returns, and the return address.
 */
.text
.globl setjmp
.type setjmp,@function
setjmp:
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	leaq	8(%rsp), %rax		/* the caller's rsp once we return */
	movq	%rax, 48(%rdi)
	movq	(%rsp), %rax
	movq	%rax, 56(%rdi)
	xorl	%eax, %eax
	ret
.size setjmp, .-setjmp

.globl longjmp
.type longjmp,@function
longjmp:
	movl	%esi, %eax
	testl	%eax, %eax		/* setjmp must not seem to return 0 again */
	jnz	1f
	incl	%eax
1:
	movq	0(%rdi), %rbx
	movq	8(%rdi), %rbp
	movq	16(%rdi), %r12
	movq	24(%rdi), %r13
	movq	32(%rdi), %r14
	movq	40(%rdi), %r15
	movq	48(%rdi), %rsp
	jmpq	*56(%rdi)
.size longjmp, .-longjmp

.section .note.GNU-stack,"",@progbits
