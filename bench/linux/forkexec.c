/*
 * forkexec - fork, execve a tiny static program (bench/linux/tiny.c) in
 * the child, and wait for it.
 */
#include <sys/wait.h>
#include <unistd.h>
#include "tsc.h"

int
main(int argc, char **argv)
{
	unsigned long long v[Runs], t;
	char *prog, *args[2], *env[1] = {NULL};
	int r, st;
	pid_t pid;

	prog = argc > 1 ? argv[1] : "/bench/tiny";
	args[0] = prog;
	args[1] = NULL;
	for(r = 0; r < Runs; r++){
		t = tscread();
		pid = fork();
		if(pid < 0)
			tscfail("fork");
		if(pid == 0){
			execve(prog, args, env);
			_exit(127);
		}
		if(waitpid(pid, &st, 0) != pid)
			tscfail("waitpid");
		v[r] = tscread() - t;
		if(!WIFEXITED(st) || WEXITSTATUS(st) != 0){
			fprintf(stderr, "forkexec: %s failed\n", prog);
			return 1;
		}
	}
	tscreport("forkexec", v);
	return 0;
}
