/* Small C stdlib pieces: abs, div, rand. */
#include <u.h>
#include <libc.h>

int
abs(int x)
{
	return x < 0 ? -x : x;
}

long
labs(long x)
{
	return x < 0 ? -x : x;
}

vlong
llabs(vlong x)
{
	return x < 0 ? -x : x;
}

div_t
div(int a, int b)
{
	div_t r;

	r.quot = a / b;
	r.rem = a % b;
	return r;
}

ldiv_t
ldiv(long a, long b)
{
	ldiv_t r;

	r.quot = a / b;
	r.rem = a % b;
	return r;
}

lldiv_t
lldiv(vlong a, vlong b)
{
	lldiv_t r;

	r.quot = a / b;
	r.rem = a % b;
	return r;
}

/* rand is a 64-bit linear congruential generator; the top 31 bits are the most random */
static u64int seed = 1;

void
srand(uint s)
{
	seed = s;
}

int
rand(void)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return seed >> 33;
}
