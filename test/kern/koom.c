/*
 * Running out of memory is an error for the process that asks, never a
 * kernel panic: malloc (brk) fails with "out of memory"; a runaway
 * recursion is stopped at the stack limit with a fault note; afterwards
 * every page is back and the system still works.
 */
#include <u.h>
#include <libc.h>
#include "ktest.h"

static void
hog(void *arg)
{
	char *p;
	long n;
	char err[ERRMAX];

	USED(arg);
	for(n = 0; ; n++){
		p = malloc(1<<20);
		if(p == nil)
			break;
		memset(p, 1, 1<<20);
	}
	rerrstr(err, sizeof err);
	print("allocated %ld MiB before: %s\n", n, err);
	if(n < 16)
		exits("too little memory");
	if(strstr(err, "memory") == nil)
		exits(err);
	/* still able to work after the failure */
	p = malloc(100);
	free(p);
	exits(nil);
}

static int depth = 1<<30;

/* endless in practice: depth is far beyond any stack */
static int
recurse(int n)
{
	volatile char pad[4096];

	pad[0] = n;
	if(n >= depth)
		return 0;
	return recurse(n+1) + pad[0];
}

static void
deep(void *arg)
{
	USED(arg);
	recurse(0);
}

void
main(void)
{
	long before, after;
	char *s;

	before = freepages();
	s = inchild(hog, nil);
	check(*s == 0, "hog: %s", s);
	s = inchild(hog, nil);
	check(*s == 0, "second hog: %s", s);
	s = inchild(deep, nil);
	check(strncmp(s, "sys: trap: fault write addr=", 28) == 0, "deep recursion: %s", s);
	check(brk((void*)0x7fff00000000ULL) < 0, "brk into the stack succeeded");
	after = freepages();
	check(after == before, "pages: %ld before, %ld after", before, after);
	done();
}
