/*
 * tsc.h - instruction counts for the Linux reference benchmarks.
 * Under qemu -icount shift=0 the guest's TSC advances once per guest
 * instruction, so a difference of two rdtsc values counts the instructions
 * (kernel and user, every process) executed between them.
 */
#include <stdio.h>
#include <stdlib.h>

enum {
	Runs = 7,	/* each figure is the median of this many runs */
};

static inline unsigned long long
tscread(void)
{
	unsigned int lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (unsigned long long)hi << 32 | lo;
}

static inline int
tsccmp(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return (x > y) - (x < y);
}

/* print "name median" for Runs measurements; v is sorted in place */
static inline void
tscreport(char *name, unsigned long long *v)
{
	qsort(v, Runs, sizeof v[0], tsccmp);
	printf("%s %llu\n", name, v[Runs / 2]);
	fflush(stdout);
}

static inline void
tscfail(char *what)
{
	perror(what);
	exit(1);
}
