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
 * strtod: decimal digits are gathered into a 64-bit integer (the first
 * 19 significant digits; the rest only move the exponent) and scaled in
 * long double, which is exact enough to round right in nearly all cases.
 */
double
strtod(const char *restrict s, char **restrict end)
{
	const char *p;
	uvlong m;
	int neg, e, nd, any;
	long double v;

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
	nd = 0;
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
	for(; isdigit((uchar)*p) || *p == '.'; p++){
		if(*p == '.'){
			if(any & 2)
				break;
			any |= 2;
			continue;
		}
		any |= 1;
		if(nd < 19){
			if(m != 0 || *p != '0')
				nd++;
			m = m*10 + *p - '0';
			if(any & 2)
				e--;
		}else if(!(any & 2))
			e++;
	}
	if(!(any & 1))
		return 0;
	if((*p | 0x20) == 'e')
		p = readexp(p, &e);
	if(end != nil)
		*end = (char*)p;
	if(m == 0)
		return neg ? -0.0 : 0.0;
	if(e < -400)
		v = 0;
	else if(e > 400)
		v = __builtin_infl();
	else if(e < -300)
		v = (long double)m * pow10l(e + 300) * pow10l(-300);
	else
		v = (long double)m * pow10l(e);
	if(v == 0 || v > 1.7976931348623157e308L)
		errno = ERANGE;
	return neg ? -(double)v : (double)v;
}

double
atof(const char *s)
{
	return strtod(s, nil);
}
