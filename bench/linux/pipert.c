/*
 * pipert - a 1-byte round trip between two processes over two pipes:
 * write, the other side reads and writes back, read.
 */
#include <sys/wait.h>
#include <unistd.h>
#include "tsc.h"

enum {
	Trips = 200,
};

int
main(void)
{
	unsigned long long v[Runs], t;
	int to[2], from[2], r, i, st;
	char c;
	pid_t pid;

	if(pipe(to) < 0 || pipe(from) < 0)
		tscfail("pipe");
	pid = fork();
	if(pid < 0)
		tscfail("fork");
	if(pid == 0){
		close(to[1]);
		close(from[0]);
		while(read(to[0], &c, 1) == 1)
			if(write(from[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(to[0]);
	close(from[1]);
	c = 'x';
	/* one trip first, so the child is running and its pages are in */
	if(write(to[1], &c, 1) != 1 || read(from[0], &c, 1) != 1)
		tscfail("pipe round trip");
	for(r = 0; r < Runs; r++){
		t = tscread();
		for(i = 0; i < Trips; i++)
			if(write(to[1], &c, 1) != 1 || read(from[0], &c, 1) != 1)
				tscfail("pipe round trip");
		v[r] = (tscread() - t) / Trips;
	}
	close(to[1]);
	if(waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0){
		fprintf(stderr, "pipert: child failed\n");
		return 1;
	}
	tscreport("pipert", v);
	return 0;
}
