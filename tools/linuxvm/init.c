/*
 * init - the Linux guest's /init. Its first instruction reads the time-stamp
 * counter: under qemu -icount shift=0 the TSC starts at 0 at reset and
 * advances once per guest instruction, so that value is the boot cost up to
 * the first user instruction. It hands the value on in the environment
 * (LUX9_BOOTTSC) and runs the shell script /etc/rc, which does the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

unsigned long long initboottsc;

/*
 * The ELF entry point (linked with -e initentry). rdtsc clobbers rdx, which
 * the kernel sets to 0 and glibc's _start takes as an exit hook, so it is
 * cleared again before glibc starts as usual.
 */
__asm__(
	".text\n"
	".globl initentry\n"
	".type initentry, @function\n"
	"initentry:\n"
	"	rdtsc\n"
	"	shlq $32, %rdx\n"
	"	orq %rdx, %rax\n"
	"	movq %rax, initboottsc(%rip)\n"
	"	xorl %edx, %edx\n"
	"	jmp _start\n");

int
main(void)
{
	char tsc[32];
	char *argv[] = {"sh", "/etc/rc", NULL};

	snprintf(tsc, sizeof tsc, "%llu", initboottsc);
	if(setenv("LUX9_BOOTTSC", tsc, 1) < 0)
		perror("init: setenv");
	execv("/bin/busybox", argv);
	perror("init: exec /bin/busybox sh /etc/rc");
	/* pid 1 must not return: the kernel would panic with a less clear message */
	for(;;)
		pause();
}
