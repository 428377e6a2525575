/*
 * Isolation: a process that touches kernel memory, an unmapped address,
 * another process's memory, or writes its own text is killed with a
 * "sys: trap: fault ..." note, and everything else goes on.
 */
#include <u.h>
#include <libc.h>
#include "ktest.h"

static void
readaddr(void *a)
{
	volatile uchar *p;

	p = a;
	print("read %p: %d\n", a, *p);
}

static void
writeaddr(void *a)
{
	*(volatile uchar*)a = 1;
}

static void
badjump(void *a)
{
	((void(*)(void))a)();
}

void
main(int argc, char *argv[])
{
	char *s, buf[64], buf2[96];
	uchar *heap;
	int fd, pid;

	if(argc == 2){
		/* the exec'd helper: read an address that only the parent has */
		readaddr((void*)strtoull(argv[1], nil, 0));
		exits("read another process's memory");
	}

	s = inchild(readaddr, (void*)0xffffffff80100000ULL);
	check(strncmp(s, "sys: trap: fault read addr=0xffffffff80100000", 45) == 0, "kernel read: %s", s);
	s = inchild(writeaddr, (void*)0xffff800000001000ULL);
	check(strncmp(s, "sys: trap: fault write addr=0xffff800000001000", 46) == 0, "direct map write: %s", s);
	s = inchild(readaddr, (void*)0x10);
	check(strncmp(s, "sys: trap: fault read addr=0x10 ", 32) == 0, "nil read: %s", s);
	s = inchild(writeaddr, (void*)main);
	check(strncmp(s, "sys: trap: fault write addr=", 28) == 0, "text write: %s", s);
	s = inchild(badjump, (void*)0x7000000000ULL);
	check(strncmp(s, "sys: trap: fault read addr=0x7000000000", 39) == 0, "jump to nowhere: %s", s);

	/* memory this process has: another process (exec'd) cannot see it */
	heap = malloc(1<<20);
	memset(heap, 0x5a, 1<<20);
	snprint(buf, sizeof buf, "%p", heap + 4096*128);
	pid = rfork(RFPROC|RFFDG);
	if(pid == 0){
		execl("/test/bin/kfault", "kfault", buf, nil);
		exits("exec failed");
	}
	s = waitfor(pid);
	snprint(buf2, sizeof buf2, "sys: trap: fault read addr=%s ", buf);
	check(strncmp(s, buf2, strlen(buf2)) == 0, "other's memory: %s", s);
	check(heap[4096*128] == 0x5a, "own memory changed");

	/* the kernel is still fine: files and processes work */
	fd = open("/dev/pid", OREAD);
	check(fd >= 0, "open /dev/pid: %r");
	close(fd);
	s = inchild(writeaddr, buf);
	check(*s == 0, "ordinary child: %s", s);
	done();
}
