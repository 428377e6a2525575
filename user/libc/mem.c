/*
 * Memory functions.  The copies use rep movs/stos: on amd64 they are
 * the fastest simple loop, and under qemu -icount a rep movsq counts
 * once per 8 bytes (see DESIGN.md), so bulk data moves 8 bytes a step.
 */
#include <u.h>
#include <libc.h>

static void
copyup(uchar *d, const uchar *s, usize n)
{
	usize q;

	/* rep movs takes a while to start: short copies go faster by hand */
	if(n < 32){
		while(n-- > 0)
			*d++ = *s++;
		return;
	}
	q = n / 8;
	__asm__ volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(q) : : "memory");
	n &= 7;
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
}

void*
memcpy(void *restrict to, const void *restrict from, usize n)
{
	copyup(to, from, n);
	return to;
}

void*
memmove(void *to, const void *from, usize n)
{
	uchar *d;
	const uchar *s;

	d = to;
	s = from;
	if(d <= s || d >= s + n){
		copyup(d, s, n);
		return to;
	}
	/* overlapping with the destination above: copy from the end down */
	d += n;
	s += n;
	while(n >= 8){
		d -= 8;
		s -= 8;
		n -= 8;
		__builtin_memcpy(d, s, 8);	/* inlined: one 8-byte move */
	}
	while(n-- > 0)
		*--d = *--s;
	return to;
}

void*
memset(void *p, int c, usize n)
{
	uchar *d;
	u64int v;
	usize q;

	d = p;
	v = 0x0101010101010101ULL * (uchar)c;
	q = n / 8;
	__asm__ volatile("rep stosq" : "+D"(d), "+c"(q) : "a"(v) : "memory");
	n &= 7;
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(v) : "memory");
	return p;
}

int
memcmp(const void *a, const void *b, usize n)
{
	const uchar *p, *q;

	p = a;
	q = b;
	for(; n > 0; n--, p++, q++)
		if(*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

void*
memchr(const void *p, int c, usize n)
{
	const uchar *s;

	for(s = p; n > 0; n--, s++)
		if(*s == (uchar)c)
			return (void*)s;
	return nil;
}

void*
memccpy(void *restrict to, const void *restrict from, int c, usize n)
{
	uchar *d;
	const uchar *s;

	d = to;
	s = from;
	while(n-- > 0)
		if((*d++ = *s++) == (uchar)c)
			return d;
	return nil;
}
