/*
 * Process entry.  The kernel starts us with rdi = argc, rsi = argv and
 * a 16-byte aligned stack; main(argc, argv) runs, and if it returns the
 * process exits with an empty (successful) status.
 */
.text
.globl _start
.type _start,@function
_start:
	xorl	%ebp, %ebp		/* the outermost frame, for debuggers */
	movq	(%rsi), %rax		/* argv0 = argv[0], the program's name */
	movq	%rax, argv0(%rip)
	andq	$-16, %rsp
	call	main
	xorl	%edi, %edi
	call	exits
	ud2
.size _start, .-_start

.section .note.GNU-stack,"",@progbits
