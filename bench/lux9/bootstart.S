/* The boot benchmark's entry: the TSC first, then the C start-up. */
	.text
	.globl _bootstart
_bootstart:
	rdtsc
	movl %eax, boottsc(%rip)
	movl %edx, boottsc+4(%rip)
	jmp _start
	.section .note.GNU-stack,"",@progbits
