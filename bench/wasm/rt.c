/* rt.c - the two C library routines the freestanding benchmarks need. */
#include <stddef.h>

void *
memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	while(n-- > 0)
		*dp++ = *sp++;
	return d;
}

void *
memset(void *d, int c, size_t n)
{
	unsigned char *dp = d;

	while(n-- > 0)
		*dp++ = c;
	return d;
}
