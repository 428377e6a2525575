/*
 * fork - fork a child that exits at once, and wait for it.
 */
#include <sys/wait.h>
#include <unistd.h>
#include "tsc.h"

int
main(void)
{
	unsigned long long v[Runs], t;
	int r, st;
	pid_t pid;

	for(r = 0; r < Runs; r++){
		t = tscread();
		pid = fork();
		if(pid < 0)
			tscfail("fork");
		if(pid == 0)
			_exit(0);
		if(waitpid(pid, &st, 0) != pid)
			tscfail("waitpid");
		v[r] = tscread() - t;
		if(!WIFEXITED(st) || WEXITSTATUS(st) != 0){
			fprintf(stderr, "fork: child failed\n");
			return 1;
		}
	}
	tscreport("fork", v);
	return 0;
}
