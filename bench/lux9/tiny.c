/*
 * tiny: the smallest Lux9 program, exits(nil) and nothing else, for the
 * fork+exec benchmark (no C library start-up), as bench/linux/tiny.c.
 */
void _start(void) __attribute__((noreturn));

void
_start(void)
{
	__asm__ volatile("syscall" : : "a"(1), "D"(0));	/* _exits(nil) */
	for(;;)
		;
}
