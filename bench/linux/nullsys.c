/*
 * nullsys - the cost of a system call that does nothing: getppid, made
 * directly so no C library cache can answer it.
 */
#include <sys/syscall.h>
#include <unistd.h>
#include "tsc.h"

enum {
	Calls = 1000,
};

int
main(void)
{
	unsigned long long v[Runs], t;
	int r, i;

	for(r = 0; r < Runs; r++){
		t = tscread();
		for(i = 0; i < Calls; i++)
			syscall(SYS_getppid);
		v[r] = (tscread() - t) / Calls;
	}
	tscreport("nullsys", v);
	return 0;
}
