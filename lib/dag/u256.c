/*
 * 256-bit arithmetic for blue work, and the work of a compact target:
 * floor((2^256 - 1 - T) / (T + 1)) + 1, which is 2^256 / (T + 1) without
 * needing a 257th bit.
 */
#include "dag.h"

void
u256set(U256 *a, uint64_t v)
{
	a->w[0] = v;
	a->w[1] = a->w[2] = a->w[3] = 0;
}

void
u256add(U256 *a, U256 *b)
{
	uint64_t c, s;
	int i;

	c = 0;
	for(i = 0; i < 4; i++){
		s = a->w[i] + c;
		c = s < c;
		a->w[i] = s + b->w[i];
		c += a->w[i] < s;
	}
}

static void
u256sub(U256 *a, U256 *b)
{
	uint64_t br, d;
	int i;

	br = 0;
	for(i = 0; i < 4; i++){
		d = a->w[i] - b->w[i] - br;
		br = (a->w[i] < b->w[i]) || (a->w[i] - b->w[i] < br);
		a->w[i] = d;
	}
}

int
u256cmp(U256 *a, U256 *b)
{
	int i;

	for(i = 3; i >= 0; i--)
		if(a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

static void
u256shl1(U256 *a)
{
	int i;

	for(i = 3; i > 0; i--)
		a->w[i] = a->w[i] << 1 | a->w[i-1] >> 63;
	a->w[0] <<= 1;
}

static int
u256bit(U256 *a, int i)
{
	return a->w[i/64] >> (i%64) & 1;
}

static int
u256zero(U256 *a)
{
	return (a->w[0] | a->w[1] | a->w[2] | a->w[3]) == 0;
}

/* q = n / dv by shift and subtract; dv must not be zero */
static void
u256div(U256 *n, U256 *dv, U256 *q)
{
	U256 r;
	int i;

	u256set(&r, 0);
	u256set(q, 0);
	for(i = 255; i >= 0; i--){
		u256shl1(&r);
		r.w[0] |= u256bit(n, i);
		if(u256cmp(&r, dv) >= 0){
			u256sub(&r, dv);
			q->w[i/64] |= 1ULL << (i%64);
		}
	}
}

/* the target of compact bits; -1 if negative, zero or overflowing */
static int
u256target(uint32_t bits, U256 *t)
{
	uint32_t mant, exp;
	int sh, i;

	mant = bits & 0x007fffff;
	exp = bits >> 24;
	if(bits & 0x00800000)
		return -1;
	u256set(t, 0);
	if(exp <= 3){
		t->w[0] = mant >> 8*(3-exp);
	}else{
		sh = 8*(exp-3);
		if(sh >= 256 || (sh > 256-23 && mant >> (256-sh) != 0))
			return -1;
		t->w[0] = mant;
		for(i = 0; i < sh; i++)
			u256shl1(t);
	}
	if(u256zero(t))
		return -1;
	return 0;
}

int
u256work(uint32_t bits, U256 *work)
{
	U256 t, n, one;
	int i;

	if(u256target(bits, &t) < 0)
		return -1;
	for(i = 0; i < 4; i++)
		n.w[i] = ~t.w[i];
	u256set(&one, 1);
	u256add(&t, &one);
	if(u256zero(&t))
		return -1;
	u256div(&n, &t, work);
	u256add(work, &one);
	return 0;
}

/* lower-case hex without leading zeros ("0" for zero); returns length or -1 */
int
u256hex(U256 *a, char *s, int n)
{
	static const char dig[] = "0123456789abcdef";
	int i, len, d;

	len = 0;
	for(i = 63; i >= 0; i--){
		d = a->w[i/16] >> (4*(i%16)) & 15;
		if(d == 0 && len == 0 && i > 0)
			continue;
		if(len + 1 >= n)
			return -1;
		s[len++] = dig[d];
	}
	s[len] = 0;
	return len;
}

/* parse n hex digits (leading zeros allowed); -1 on bad digit or overflow */
int
u256parse(U256 *a, const char *s, int n)
{
	int i, d, c;

	u256set(a, 0);
	for(i = 0; i < n; i++){
		c = s[i];
		if(c >= '0' && c <= '9')
			d = c - '0';
		else if(c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if(c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		if(a->w[3] >> 60)
			return -1;
		a->w[3] = a->w[3] << 4 | a->w[2] >> 60;
		a->w[2] = a->w[2] << 4 | a->w[1] >> 60;
		a->w[1] = a->w[1] << 4 | a->w[0] >> 60;
		a->w[0] = a->w[0] << 4 | d;
	}
	return 0;
}
