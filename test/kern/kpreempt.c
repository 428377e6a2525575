/*
 * Preemption: processes spinning in user mode (at normal and at a lower
 * priority) do not stop the others; a pipe round trip and sleeps still
 * complete, the spinners do get the processor, and killing them works.
 */
#include <u.h>
#include <libc.h>
#include "ktest.h"

static int
spinner(int pri)
{
	char buf[64];
	int pid, fd;

	pid = rfork(RFPROC|RFFDG);
	if(pid == 0)
		for(;;)
			;
	snprint(buf, sizeof buf, "/proc/%d/ctl", pid);
	fd = open(buf, OWRITE);
	check(fd >= 0, "open %s: %r", buf);
	if(pri >= 0)
		check(fprint(fd, "pri %d", pri) > 0, "set pri: %r");
	close(fd);
	return pid;
}

static long
cputime(int pid)
{
	char buf[256], *f[12];
	int fd, n;

	snprint(buf, sizeof buf, "/proc/%d/status", pid);
	fd = open(buf, OREAD);
	if(fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 0)
		return -1;
	buf[n] = 0;
	if(tokenize(buf, f, nelem(f)) < 6)
		return -1;
	return atol(f[3]);
}

static void
kill(int pid)
{
	char buf[64];
	int fd;

	snprint(buf, sizeof buf, "/proc/%d/ctl", pid);
	fd = open(buf, OWRITE);
	check(fd >= 0 && write(fd, "kill", 4) == 4, "kill %d: %r", pid);
	close(fd);
}

void
main(void)
{
	int a, b, i, p[2], pid;
	char c, *s;
	vlong t0;

	a = spinner(-1);
	b = spinner(1);
	/* a pipe echo with a third process, while the spinners spin */
	check(pipe(p) == 0, "pipe: %r");
	pid = rfork(RFPROC|RFFDG);
	if(pid == 0){
		close(p[0]);
		while(read(p[1], &c, 1) == 1)
			write(p[1], &c, 1);
		exits(nil);
	}
	close(p[1]);
	for(i = 0; i < 50; i++){
		c = i;
		check(write(p[0], &c, 1) == 1 && read(p[0], &c, 1) == 1 && c == i, "round trip %d", i);
	}
	close(p[0]);
	s = waitfor(pid);
	check(*s == 0, "echo: %s", s);
	t0 = nsec();
	for(i = 0; i < 10; i++)
		sleep(20);
	check(nsec() - t0 >= 200*1000000LL, "sleeps were short");
	check(cputime(a) > 0, "the normal spinner did not run");
	kill(a);
	s = waitfor(a);
	check(strcmp(s, "sys: killed") == 0, "spinner a: %s", s);
	kill(b);
	s = waitfor(b);
	check(strcmp(s, "sys: killed") == 0, "spinner b: %s", s);
	done();
}
