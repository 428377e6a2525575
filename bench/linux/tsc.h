/*
 * tsc.h - instruction counts for the Linux reference benchmarks.
 * Under qemu -icount shift=0 the guest's TSC advances once per guest
 * instruction, so a difference of two rdtsc values counts the instructions
 * (kernel and user, every process) executed between them.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/*
 * make the file a read benchmark reads: size bytes, written in chunks
 * from buf (chunk bytes, filled here); returns it open for reading
 */
static inline int
tscmkfile(char *path, char *buf, long chunk, long size)
{
	long i;
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if(fd < 0)
		tscfail(path);
	memset(buf, 'f', chunk);
	for(i = 0; i < size / chunk; i++)
		if(write(fd, buf, chunk) != chunk)
			tscfail("write");
	return fd;
}
