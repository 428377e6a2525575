/*
 * pipe64m - 64 MiB through a pipe from one process to another in 64 KiB
 * writes. A run is timed from the reader's side: the writer works in the
 * same instruction stream, so its cost is included.
 */
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>
#include "tsc.h"

enum {
	Chunk = 64 * 1024,
	Size = 64 * 1024 * 1024,
};

static char buf[Chunk];

/* read exactly Size bytes, or fail */
static void
pipedrain(int fd)
{
	long got;
	ssize_t n;

	for(got = 0; got < Size; got += n){
		n = read(fd, buf, Size - got < Chunk ? Size - got : Chunk);
		if(n <= 0){
			fprintf(stderr, "pipe64m: short read after %ld bytes\n", got);
			exit(1);
		}
	}
}

int
main(void)
{
	unsigned long long v[Runs], t;
	int p[2], r, i, st;
	pid_t pid;

	if(pipe(p) < 0)
		tscfail("pipe");
	pid = fork();
	if(pid < 0)
		tscfail("fork");
	if(pid == 0){
		close(p[0]);
		memset(buf, 'w', sizeof buf);
		/* one warm-up transfer, then one per run */
		for(r = 0; r < Runs + 1; r++)
			for(i = 0; i < Size / Chunk; i++)
				if(write(p[1], buf, Chunk) != Chunk)
					_exit(1);
		_exit(0);
	}
	close(p[1]);
	pipedrain(p[0]);
	for(r = 0; r < Runs; r++){
		t = tscread();
		pipedrain(p[0]);
		v[r] = tscread() - t;
	}
	if(waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0){
		fprintf(stderr, "pipe64m: writer failed\n");
		return 1;
	}
	tscreport("pipe64m", v);
	return 0;
}
