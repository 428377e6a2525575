/*
 * tiny - the smallest static program: exit_group(0) and nothing else, so
 * forkexec measures the kernel's fork, exec and wait, not a C library's
 * start-up. Linked with -nostdlib.
 */
void _start(void) __attribute__((noreturn));

void
_start(void)
{
	__asm__ volatile("syscall" : : "a"(231), "D"(0));
	for(;;)
		;
}
