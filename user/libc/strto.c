/*
 * String to number: strtoull does the work for every integer form
 * (sign, base prefixes, overflow to ERANGE with the limit returned);
 * strtod reads decimal and hex floats and inf/nan.
 */
#include <u.h>
#include <libc.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <inttypes.h>

static int
digitval(int c)
{
	if(c >= '0' && c <= '9')
		return c - '0';
	if(c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if(c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * strtomag reads an optionally signed magnitude.  It returns the
 * magnitude (saturated at uvlong max, *ovf set), *neg the sign; *end
 * is s when no digits were found.
 */
static uvlong
strtomag(const char *s, char **end, int base, int *neg, int *ovf)
{
	const char *p, *digits;
	uvlong v;
	int d;

	*neg = 0;
	*ovf = 0;
	if(end != nil)
		*end = (char*)s;
	if(base < 0 || base == 1 || base > 36)
		return 0;
	p = s;
	while(isspace((uchar)*p))
		p++;
	if(*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if((base == 0 || base == 16) && p[0] == '0' && (p[1] | 0x20) == 'x' && digitval(p[2]) < 16){
		p += 2;
		base = 16;
	}else if(base == 0)
		base = p[0] == '0' ? 8 : 10;
	digits = p;
	v = 0;
	for(; (d = digitval(*p)) < base; p++){
		if(v > (~0ULL - d) / base)
			*ovf = 1;
		else
			v = v*base + d;
	}
	if(p == digits)
		return 0;
	if(end != nil)
		*end = (char*)p;
	return *ovf ? ~0ULL : v;
}

uvlong
strtoull(const char *restrict s, char **restrict end, int base)
{
	uvlong v;
	int neg, ovf;

	v = strtomag(s, end, base, &neg, &ovf);
	if(ovf){
		errno = ERANGE;
		return ~0ULL;
	}
	return neg ? -v : v;
}

ulong
strtoul(const char *restrict s, char **restrict end, int base)
{
	uvlong v;
	int neg, ovf;

	v = strtomag(s, end, base, &neg, &ovf);
	if(ovf || v > ULONG_MAX){
		errno = ERANGE;
		return ULONG_MAX;
	}
	return neg ? -v : v;
}

vlong
strtoll(const char *restrict s, char **restrict end, int base)
{
	uvlong v;
	int neg, ovf;

	v = strtomag(s, end, base, &neg, &ovf);
	if(!neg && (ovf || v > (uvlong)LLONG_MAX)){
		errno = ERANGE;
		return LLONG_MAX;
	}
	if(neg && (ovf || v > (uvlong)LLONG_MAX + 1)){
		errno = ERANGE;
		return LLONG_MIN;
	}
	return neg ? (vlong)(0 - v) : (vlong)v;
}

long
strtol(const char *restrict s, char **restrict end, int base)
{
	return strtoll(s, end, base);
}

int
atoi(const char *s)
{
	return strtol(s, nil, 10);
}

long
atol(const char *s)
{
	return strtol(s, nil, 10);
}

vlong
atoll(const char *s)
{
	return strtoll(s, nil, 10);
}

/* pow10 is 10^e for the exponents a double can use, by squaring */
static long double
pow10l(int e)
{
	long double r, b;
	int neg;

	neg = e < 0;
	if(neg)
		e = -e;
	r = 1;
	for(b = 10; e != 0; e >>= 1, b *= b)
		if(e & 1)
			r *= b;
	return neg ? 1/r : r;
}

/* scale2 is v * 2^e, in steps a long double multiplies exactly */
static long double
scale2(long double v, int e)
{
	for(; e > 60; e -= 60)
		v *= (long double)(1ULL<<60);
	for(; e < -60; e += 60)
		v /= (long double)(1ULL<<60);
	return e >= 0 ? v * (long double)(1ULL<<e) : v / (long double)(1ULL<<-e);
}

/*
 * readexp reads the exponent after the 'e' or 'p' at s into *e (added
 * to it, clipped so it cannot overflow) and returns where it ends; s
 * itself if no digits follow, for then the letter is not part of the number.
 */
static const char*
readexp(const char *s, int *e)
{
	const char *q;
	int x, neg;

	q = s + 1;
	neg = 0;
	if(*q == '+' || *q == '-')
		neg = *q++ == '-';
	if(!isdigit((uchar)*q))
		return s;
	for(x = 0; isdigit((uchar)*q); q++)
		if(x < 100000)
			x = x*10 + *q - '0';
	*e += neg ? -x : x;
	return q;
}

/*
 * Exact comparison for strtod: numbers as big binary integers, base
 * 2^32 little-endian, big enough for 800 decimal digits times 2^1077
 * or a 55-bit mantissa times 10^1130.
 */
enum {
	Maxsig = 800,	/* significant digits kept; a double's halfway points need fewer */
	Nbw = 160,
};

typedef struct Bigint Bigint;
struct Bigint {
	u32int w[Nbw];
	int n;
};

static void
bmuladd(Bigint *b, u32int m, u32int a)
{
	u64int c;
	int i;

	c = a;
	for(i = 0; i < b->n; i++){
		c += (u64int)b->w[i] * m;
		b->w[i] = c;
		c >>= 32;
	}
	if(c != 0 && b->n < Nbw)
		b->w[b->n++] = c;
}

static void
bmulpow10(Bigint *b, int e)
{
	for(; e >= 9; e -= 9)
		bmuladd(b, 1000000000, 0);
	for(; e > 0; e--)
		bmuladd(b, 10, 0);
}

static void
bshift(Bigint *b, int k)
{
	for(; k >= 31; k -= 31)
		bmuladd(b, 1U<<31, 0);
	if(k > 0)
		bmuladd(b, 1U<<k, 0);
}

static int
bcmp(Bigint *a, Bigint *b)
{
	int i;

	while(a->n > 0 && a->w[a->n-1] == 0)
		a->n--;
	while(b->n > 0 && b->w[b->n-1] == 0)
		b->n--;
	if(a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for(i = a->n - 1; i >= 0; i--)
		if(a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

/* deccmp compares dig[0..nd) * 10^e with m * 2^k */
static int
deccmp(const char *dig, int nd, int e, u64int m, int k)
{
	Bigint a, b;
	int i;

	a.n = 0;
	for(i = 0; i < nd; i++)
		bmuladd(&a, 10, dig[i] - '0');
	b.n = 0;
	bmuladd(&b, 1, 0);
	b.n = 2;
	b.w[0] = m;
	b.w[1] = m >> 32;
	if(e >= 0)
		bmulpow10(&a, e);
	else
		bmulpow10(&b, -e);
	if(k >= 0)
		bshift(&b, k);
	else
		bshift(&a, -k);
	return bcmp(&a, &b);
}

/*
 * decround makes x, an estimate of dig * 10^e within an ulp or two,
 * the correctly rounded double: it compares the decimal value exactly
 * with the halfway points on either side of x and steps until it lies
 * between them (a tie goes to the even mantissa).
 */
static double
decround(double x, const char *dig, int nd, int e)
{
	u64int u, m;
	int k, c, i, ex;

	for(i = 0; i < 8; i++){
		memcpy(&u, &x, sizeof u);
		ex = (u >> 52) & 0x7FF;
		if(ex == 0x7FF)
			return x;
		m = u & ((1ULL<<52) - 1);
		if(ex == 0)
			k = -1074;
		else{
			m |= 1ULL<<52;
			k = ex - 1075;
		}
		/* above the upper halfway point (2m+1) * 2^(k-1)? */
		c = deccmp(dig, nd, e, 2*m + 1, k - 1);
		if(c > 0 || (c == 0 && (m & 1))){
			u++;
			memcpy(&x, &u, sizeof x);
			continue;
		}
		if(m == 0)
			return x;
		/* below the lower one?  It is nearer where the exponent steps down */
		if(m == 1ULL<<52 && ex > 1)
			c = deccmp(dig, nd, e, 4*m - 1, k - 2);
		else
			c = deccmp(dig, nd, e, 2*m - 1, k - 1);
		if(c < 0 || (c == 0 && (m & 1))){
			u--;
			memcpy(&x, &u, sizeof x);
			continue;
		}
		return x;
	}
	return x;
}

/*
 * strtod: decimal digits (up to Maxsig significant ones, the rest only
 * noted as nonzero) give a long double estimate, which decround makes
 * exact; hex floats are scaled directly.
 */
double
strtod(const char *restrict s, char **restrict end)
{
	char dig[Maxsig + 1];
	const char *p;
	uvlong m;
	int neg, e, nd, any, i, sticky;
	long double v;
	double x;

	p = s;
	if(end != nil)
		*end = (char*)s;
	while(isspace((uchar)*p))
		p++;
	neg = 0;
	if(*p == '+' || *p == '-')
		neg = *p++ == '-';
	if(strncasecmp(p, "inf", 3) == 0){
		p += strncasecmp(p, "infinity", 8) == 0 ? 8 : 3;
		if(end != nil)
			*end = (char*)p;
		return neg ? -__builtin_inf() : __builtin_inf();
	}
	if(strncasecmp(p, "nan", 3) == 0){
		if(end != nil)
			*end = (char*)p + 3;
		return __builtin_nan("");
	}
	m = 0;
	e = 0;
	any = 0;
	if(p[0] == '0' && (p[1] | 0x20) == 'x' && (isxdigit((uchar)p[2]) || (p[2] == '.' && isxdigit((uchar)p[3])))){
		/* hex float: mantissa digits, binary exponent after p */
		p += 2;
		for(; isxdigit((uchar)*p) || *p == '.'; p++){
			if(*p == '.'){
				if(any & 2)
					break;
				any |= 2;
				continue;
			}
			if(m >> 60 == 0){
				m = m*16 + digitval(*p);
				if(any & 2)
					e -= 4;
			}else if(!(any & 2))
				e += 4;
		}
		v = (long double)m;
		if((*p | 0x20) == 'p')
			p = readexp(p, &e);
		if(end != nil)
			*end = (char*)p;
		v = scale2(v, e);
		return neg ? -(double)v : (double)v;
	}
	nd = 0;
	sticky = 0;
	for(; isdigit((uchar)*p) || *p == '.'; p++){
		if(*p == '.'){
			if(any & 2)
				break;
			any |= 2;
			continue;
		}
		any |= 1;
		if(nd == 0 && *p == '0'){
			if(any & 2)
				e--;
			continue;
		}
		if(nd < Maxsig){
			dig[nd++] = *p;
			if(any & 2)
				e--;
		}else{
			sticky |= *p != '0';
			if(!(any & 2))
				e++;
		}
	}
	if(!(any & 1))
		return 0;
	if((*p | 0x20) == 'e')
		p = readexp(p, &e);
	if(end != nil)
		*end = (char*)p;
	/* digits past Maxsig only matter as "a little more" */
	if(sticky){
		dig[nd++] = '1';
		e--;
	}
	while(nd > 0 && dig[nd-1] == '0'){
		nd--;
		e++;
	}
	if(nd == 0)
		return neg ? -0.0 : 0.0;
	if(e + nd > 310){
		errno = ERANGE;
		return neg ? -__builtin_inf() : __builtin_inf();
	}
	if(e + nd < -326){
		errno = ERANGE;
		return neg ? -0.0 : 0.0;
	}
	m = 0;
	for(i = 0; i < nd && i < 19; i++)
		m = m*10 + dig[i] - '0';
	i = e + nd - i;
	if(i < -300)
		v = (long double)m * pow10l(i + 300) * pow10l(-300);
	else
		v = (long double)m * pow10l(i);
	x = v > 1.7976931348623157e308L ? 1.7976931348623157e308 : (double)v;
	x = decround(x, dig, nd, e);
	if(x == 0 || x > 1.7976931348623157e308)
		errno = ERANGE;
	return neg ? -x : x;
}

double
atof(const char *s)
{
	return strtod(s, nil);
}

intmax_t
strtoimax(const char *restrict s, char **restrict end, int base)
{
	return strtoll(s, end, base);
}

uintmax_t
strtoumax(const char *restrict s, char **restrict end, int base)
{
	return strtoull(s, end, base);
}
