/*
 * watnum.c - numeric literals of the WebAssembly text format, without
 * libc, so the same code runs in the host tools and on Lux9.
 *
 * Floats are correctly rounded (to nearest, ties to even).  A hex float
 * is bit manipulation with a sticky bit.  A decimal keeps its first
 * Maxdig significant digits and, if any nonzero digit was dropped, one
 * more digit 1 standing for them: every double and every halfway point
 * between two doubles has at most 768 significant digits, so no such
 * point lies strictly between the kept prefix and the true value, and
 * the rounding is the same.  The value D*10^E is then divided out in
 * big integers, one quotient bit at a time, with the remainder as the
 * sticky bit.  No floating point, no division wider than 64 bits.
 */
#include <stdint.h>
#include <stddef.h>
#include "watnum.h"

enum {
	Maxdig = 800,	/* significant decimal digits kept, see above */
	Nlimb = 128,	/* 10^1125 is 3738 bits; the remainder doubled, 3739 */
	Minl = -324,	/* below 10^-325 everything rounds to zero */
	Maxl = 310,	/* at or above 10^309 everything overflows */
};

/* Exponents saturate here: far out of range, and no counter overflows. */
#define Expcap 1000000000000000LL

typedef struct Fmt Fmt;
typedef struct Big Big;

struct Fmt {
	int	width;	/* bits in the encoding */
	int	prec;	/* significand bits, with the hidden one */
	int	emin;	/* exponent of the smallest normal */
	int	emax;
};

/* Unsigned big integer, 32-bit limbs, least significant first. */
struct Big {
	int	n;	/* limbs in use; a[n-1] != 0 unless n == 0 */
	uint32_t	a[Nlimb];
};

static const Fmt f32fmt = {32, 24, -126, 127};
static const Fmt f64fmt = {64, 53, -1022, 1023};

static int
digval(int c, int hex)
{
	if(c >= '0' && c <= '9')
		return c - '0';
	if(hex && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if(hex && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The end of the digit run at s[i], or i if there is none; '_' only between digits. */
static size_t
scandig(const char *s, size_t n, size_t i, int hex)
{
	if(i >= n || digval(s[i], hex) < 0)
		return i;
	for(i++; i < n; i++){
		if(s[i] == '_' && i+1 < n && digval(s[i+1], hex) >= 0)
			i++;
		else if(digval(s[i], hex) < 0)
			break;
	}
	return i;
}

static int
haspfx(const char *s, size_t n, const char *p)
{
	size_t i;

	for(i = 0; p[i] != 0; i++)
		if(i >= n || s[i] != p[i])
			return 0;
	return 1;
}

/* An unsigned num or 0x hexnum filling s[i..n), at most max. */
static int
uval(const char *s, size_t n, size_t i, uint64_t max, uint64_t *v)
{
	uint64_t x, base;
	size_t e;
	int hex, d;

	hex = haspfx(s+i, n-i, "0x");
	if(hex)
		i += 2;
	e = scandig(s, n, i, hex);
	if(e == i || e != n)
		return -1;
	base = hex ? 16 : 10;
	x = 0;
	for(; i < e; i++){
		d = digval(s[i], hex);
		if(d < 0)
			continue;
		if((uint64_t)d > max || x > (max - d) / base)
			return -1;
		x = x*base + d;
	}
	*v = x;
	return 0;
}

int
watuint(const char *s, size_t n, uint64_t max, uint64_t *v)
{
	return uval(s, n, 0, max, v);
}

int
watint(const char *s, size_t n, int bits, uint64_t *v)
{
	uint64_t top, mask, x;

	if(bits != 32 && bits != 64)
		return -1;
	top = (uint64_t)1 << (bits-1);
	mask = top | (top-1);
	if(n > 0 && (s[0] == '+' || s[0] == '-')){
		/* sN: the sign narrows the range to the signed one */
		if(uval(s, n, 1, s[0] == '-' ? top : top-1, &x) < 0)
			return -1;
		if(s[0] == '-')
			x = -x;
	}else if(uval(s, n, 0, mask, &x) < 0)
		return -1;
	*v = x & mask;
	return 0;
}

/*
 * Round (m + sticky*epsilon) * 2^e, m != 0, to f: the bits without sign,
 * or -1 if it rounds to infinity.
 */
static int
fround(uint64_t m, int64_t e, int sticky, const Fmt *f, uint64_t *bits)
{
	uint64_t keep, r, half;
	int64_t x, sh;
	int z, up;

	z = __builtin_clzll(m);
	m <<= z;
	e -= z;
	x = e + 63;	/* exponent of the leading bit */
	if(x > f->emax)
		return -1;
	if(x >= f->emin)
		sh = 64 - f->prec;
	else
		sh = (int64_t)f->emin - f->prec + 1 - e;	/* subnormal: fixed quantum */
	if(sh > 64){
		keep = 0;	/* below half the smallest subnormal */
		up = 0;
	}else if(sh == 64){
		keep = 0;
		half = (uint64_t)1 << 63;
		up = m > half || (m == half && sticky);
	}else{
		keep = m >> sh;
		r = m & (((uint64_t)1 << sh) - 1);
		half = (uint64_t)1 << (sh-1);
		up = r > half || (r == half && (sticky || (keep & 1)));
	}
	keep += up;
	if(x < f->emin){
		/* a carry into the hidden bit makes the smallest normal by itself */
		*bits = keep;
		return 0;
	}
	if(keep >> f->prec){
		keep >>= 1;
		if(++x > f->emax)
			return -1;
	}
	*bits = (uint64_t)(x + f->emax) << (f->prec-1) | (keep & (((uint64_t)1 << (f->prec-1)) - 1));
	return 0;
}

/* Hex digits s[ia..ib) . s[fa..fb) times 2^x. */
static int
hexval(const char *s, size_t ia, size_t ib, size_t fa, size_t fb, int64_t x, const Fmt *f, uint64_t *bits)
{
	uint64_t m;
	int64_t e;
	int d, sticky;

	m = 0;
	e = x;
	sticky = 0;
	for(; ia < ib; ia++){
		if((d = digval(s[ia], 1)) < 0)
			continue;
		if(m >> 60){
			sticky |= d != 0;
			e += 4;
		}else
			m = m<<4 | d;
	}
	for(; fa < fb; fa++){
		if((d = digval(s[fa], 1)) < 0)
			continue;
		if(m >> 60)
			sticky |= d != 0;
		else{
			m = m<<4 | d;
			e -= 4;
		}
	}
	if(m == 0){
		*bits = 0;
		return 0;
	}
	return fround(m, e, sticky, f, bits);
}

static void
bigmuladd(Big *b, uint32_t mul, uint32_t add)
{
	uint64_t t;
	int i;

	t = add;
	for(i = 0; i < b->n; i++){
		t += (uint64_t)b->a[i] * mul;
		b->a[i] = t;
		t >>= 32;
	}
	if(t != 0)
		b->a[b->n++] = t;
}

static void
bigpow10(Big *b, int64_t k)
{
	static const uint32_t p10[] = {1, 10, 100, 1000, 10000, 100000,
		1000000, 10000000, 100000000, 1000000000};

	for(; k >= 9; k -= 9)
		bigmuladd(b, p10[9], 0);
	bigmuladd(b, p10[k], 0);
}

static int64_t
bigbits(Big *b)
{
	if(b->n == 0)
		return 0;
	return 32*(int64_t)b->n - __builtin_clz(b->a[b->n-1]);
}

static void
bigshl(Big *b, int64_t k)
{
	int w, r, i;

	if(b->n == 0 || k == 0)
		return;
	w = k / 32;
	r = k % 32;
	b->a[b->n+w] = 0;
	for(i = b->n-1; i >= 0; i--){
		if(r != 0)
			b->a[i+w+1] |= b->a[i] >> (32-r);
		b->a[i+w] = b->a[i] << r;
	}
	for(i = 0; i < w; i++)
		b->a[i] = 0;
	b->n += w+1;
	while(b->n > 0 && b->a[b->n-1] == 0)
		b->n--;
}

static int
bigcmp(Big *a, Big *b)
{
	int i;

	if(a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for(i = a->n-1; i >= 0; i--)
		if(a->a[i] != b->a[i])
			return a->a[i] < b->a[i] ? -1 : 1;
	return 0;
}

/* a -= b, for a >= b */
static void
bigsub(Big *a, Big *b)
{
	uint64_t t;
	uint32_t borrow;
	int i;

	borrow = 0;
	for(i = 0; i < a->n; i++){
		t = (uint64_t)a->a[i] - (i < b->n ? b->a[i] : 0) - borrow;
		a->a[i] = t;
		borrow = (t >> 32) != 0;
	}
	while(a->n > 0 && a->a[a->n-1] == 0)
		a->n--;
}

/* Decimal digits s[ia..ib) . s[fa..fb) times 10^x. */
static int
decval(const char *s, size_t ia, size_t ib, size_t fa, size_t fb, int64_t x, const Fmt *f, uint64_t *bits)
{
	uint8_t dig[Maxdig+1];
	Big X, Y;
	uint64_t m;
	uint32_t acc, mul;
	int64_t e, l, bx, by, e2;
	int nd, trunc, d, i;

	nd = 0;
	e = 0;
	trunc = 0;
	for(; ia < ib; ia++){
		if((d = digval(s[ia], 0)) < 0)
			continue;
		if(nd == Maxdig){
			trunc |= d != 0;
			e++;
		}else if(nd > 0 || d != 0)
			dig[nd++] = d;
	}
	for(; fa < fb; fa++){
		if((d = digval(s[fa], 0)) < 0)
			continue;
		if(nd == Maxdig)
			trunc |= d != 0;
		else{
			if(nd > 0 || d != 0)
				dig[nd++] = d;
			e--;
		}
	}
	if(nd == 0){
		*bits = 0;
		return 0;
	}
	if(trunc){
		dig[nd++] = 1;
		e--;
	}else
		for(; dig[nd-1] == 0; nd--)
			e++;
	e += x;
	l = nd + e;	/* 10^(l-1) <= value < 10^l */
	if(l > Maxl)
		return -1;
	if(l < Minl){
		*bits = 0;
		return 0;
	}

	/* value = X/Y */
	X.n = 0;
	acc = 0;
	mul = 1;
	for(i = 0; i < nd; i++){
		acc = acc*10 + dig[i];
		mul *= 10;
		if(mul == 1000000000 || i == nd-1){
			bigmuladd(&X, mul, acc);
			acc = 0;
			mul = 1;
		}
	}
	Y.n = 1;
	Y.a[0] = 1;
	if(e >= 0)
		bigpow10(&X, e);
	else
		bigpow10(&Y, -e);

	/* scale so that 1 <= X/Y < 2; then value = X/Y * 2^e2 */
	bx = bigbits(&X);
	by = bigbits(&Y);
	if(bx >= by)
		bigshl(&Y, bx - by);
	else
		bigshl(&X, by - bx);
	e2 = bx - by;
	if(bigcmp(&X, &Y) < 0){
		bigshl(&X, 1);
		e2--;
	}
	m = 0;
	for(i = 0; i < 64; i++){
		m <<= 1;
		if(bigcmp(&X, &Y) >= 0){
			bigsub(&X, &Y);
			m |= 1;
		}
		bigshl(&X, 1);
	}
	return fround(m, e2 - 63, X.n != 0, f, bits);
}

static int
watfloat(const char *s, size_t n, const Fmt *f, uint64_t *bits)
{
	uint64_t sign, inf, pay, v;
	size_t i, ia, ib, fa, fb, ee;
	int64_t x;
	int hex, eneg, r;

	i = 0;
	sign = 0;
	if(n > 0 && (s[0] == '+' || s[0] == '-')){
		if(s[0] == '-')
			sign = (uint64_t)1 << (f->width-1);
		i = 1;
	}
	inf = ((uint64_t)1 << (f->width-1)) - ((uint64_t)1 << (f->prec-1));
	if(n-i == 3 && haspfx(s+i, 3, "inf")){
		*bits = sign | inf;
		return 0;
	}
	if(n-i == 3 && haspfx(s+i, 3, "nan")){
		*bits = sign | inf | (uint64_t)1 << (f->prec-2);
		return 0;
	}
	if(haspfx(s+i, n-i, "nan:0x")){
		if(uval(s, n, i+4, ((uint64_t)1 << (f->prec-1)) - 1, &pay) < 0 || pay == 0)
			return -1;
		*bits = sign | inf | pay;
		return 0;
	}

	hex = haspfx(s+i, n-i, "0x");
	if(hex)
		i += 2;
	ia = i;
	ib = scandig(s, n, i, hex);
	if(ib == ia)
		return -1;
	i = fa = fb = ib;
	if(i < n && s[i] == '.'){
		fa = i+1;
		i = fb = scandig(s, n, fa, hex);
	}
	x = 0;
	if(i < n && (hex ? s[i] == 'p' || s[i] == 'P' : s[i] == 'e' || s[i] == 'E')){
		i++;
		eneg = 0;
		if(i < n && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		ee = scandig(s, n, i, 0);
		if(ee == i)
			return -1;
		for(; i < ee; i++)
			if(s[i] != '_' && x < Expcap)
				x = x*10 + s[i] - '0';
		if(eneg)
			x = -x;
	}
	if(i != n)
		return -1;
	if(hex)
		r = hexval(s, ia, ib, fa, fb, x, f, &v);
	else
		r = decval(s, ia, ib, fa, fb, x, f, &v);
	if(r < 0)
		return -1;
	*bits = sign | v;
	return 0;
}

int
watf32(const char *s, size_t n, uint32_t *bits)
{
	uint64_t v;

	if(watfloat(s, n, &f32fmt, &v) < 0)
		return -1;
	*bits = v;
	return 0;
}

int
watf64(const char *s, size_t n, uint64_t *bits)
{
	return watfloat(s, n, &f64fmt, bits);
}
