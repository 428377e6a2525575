/*
 * %e %f %g (and upper-case forms) for double.  The digits are exact: a
 * double is m * 2^e, which is written out as a big decimal integer
 * (m * 2^e, or m * 5^-e with the point moved -e places), then rounded
 * half-to-even at the precision asked for, as C's printf does.
 */
#include <u.h>
#include <libc.h>

enum {
	Nword = 90,		/* base 1e9 words: enough for 2^1024 and m*5^1074 */
	Ndig = Nword*9 + 1,
	Maxfprec = 1000,	/* more digits than any double has */
};

typedef struct Big Big;
struct Big {
	u32int w[Nword];	/* little-endian, base 1e9 */
	int n;
};

static void
bigmul(Big *b, u32int m)
{
	u64int carry;
	int i;

	carry = 0;
	for(i = 0; i < b->n; i++){
		carry += (u64int)b->w[i] * m;
		b->w[i] = carry % 1000000000;
		carry /= 1000000000;
	}
	while(carry != 0 && b->n < Nword){
		b->w[b->n++] = carry % 1000000000;
		carry /= 1000000000;
	}
}

/*
 * fltdigits writes the exact decimal digits of |d| > 0 into dig (no
 * leading or trailing zeros) and returns their count; the value is
 * 0.dig * 10^*dp.
 */
static int
fltdigits(double d, char *dig, int *dp)
{
	Big b;
	u64int u, m;
	int e, k, n, i, j;
	u32int w;

	memcpy(&u, &d, sizeof u);
	e = (u >> 52) & 0x7FF;
	m = u & ((1ULL<<52) - 1);
	if(e == 0)
		e = -1074;
	else{
		m |= 1ULL<<52;
		e -= 1075;
	}
	while((m & 1) == 0 && e < 0){
		m >>= 1;
		e++;
	}
	b.n = 0;
	for(; m != 0; m /= 1000000000)
		b.w[b.n++] = m % 1000000000;
	k = 0;
	for(; e > 0; e -= j){
		j = e < 29 ? e : 29;
		bigmul(&b, 1U << j);
	}
	for(; e < 0; e += j){
		j = -e < 13 ? -e : 13;
		for(w = 1, i = 0; i < j; i++)
			w *= 5;
		bigmul(&b, w);
		k += j;
	}
	/* out as decimal: the top word without leading zeros, the rest 9 digits each */
	n = 0;
	for(i = b.n - 1; i >= 0; i--){
		w = b.w[i];
		for(j = 8; j >= 0; j--){
			dig[n + j] = '0' + w % 10;
			w /= 10;
		}
		n += 9;
	}
	for(i = 0; i < n && dig[i] == '0'; i++)
		;
	memmove(dig, dig + i, n - i);
	n -= i;
	*dp = n - k;
	while(n > 0 && dig[n-1] == '0')
		n--;
	return n;
}

/*
 * fltround keeps the first keep digits of dig[0..n), rounding half to
 * even; it returns the new count and may bump *dp when 9s carry over.
 */
static int
fltround(char *dig, int n, int keep, int *dp)
{
	int up, i;

	if(keep >= n)
		return n;
	if(keep < 0){
		dig[0] = '0';
		return 0;
	}
	if(dig[keep] > '5')
		up = 1;
	else if(dig[keep] < '5')
		up = 0;
	else if(keep + 1 < n)
		up = 1;		/* more nonzero digits follow: above half */
	else
		up = keep > 0 && (dig[keep-1] - '0') % 2 == 1;
	n = keep;
	if(up){
		for(i = n - 1; i >= 0 && dig[i] == '9'; i--)
			n--;
		if(i < 0){
			dig[0] = '1';
			n = 1;
			(*dp)++;
		}else
			dig[i]++;
	}
	while(n > 0 && dig[n-1] == '0')
		n--;
	return n;
}

/* dig at index i, '0' past the end */
static int
digat(const char *dig, int n, int i)
{
	return i >= 0 && i < n ? dig[i] : '0';
}

int
_fmtfloat(Fmt *f)
{
	char dig[Ndig], out[Ndig + Maxfprec + 16], *p;
	const char *sign;
	double d;
	char tmp[Ndig];
	int n, dp, ndp, prec, verb, i, x, style, trim;
	long len, pad;

	d = va_arg(f->args, double);
	verb = f->r;
	prec = (f->flags & FmtPrec) ? f->prec : 6;
	if(prec > Maxfprec)
		prec = Maxfprec;
	sign = "";
	if(__builtin_signbit(d)){
		sign = "-";
		d = -d;
	}else if(f->flags & FmtSign)
		sign = "+";
	else if(f->flags & FmtSpace)
		sign = " ";

	p = out;
	if(d != d || d > 1.7976931348623157e308){
		memcpy(p, d != d ? "nan" : "inf", 3);
		p += 3;
		if(verb >= 'A' && verb <= 'Z')
			for(i = 0; i < 3; i++)
				out[i] -= 'a' - 'A';
		f->flags &= ~FmtZero;
		goto emit;
	}
	if(d == 0){
		n = 0;
		dp = 1;
	}else
		n = fltdigits(d, dig, &dp);

	style = verb | 0x20;
	trim = 0;
	if(style == 'g'){
		if(prec == 0)
			prec = 1;
		/* the exponent %e would show decides the style */
		x = 0;
		if(n > 0){
			ndp = dp;
			memmove(tmp, dig, n);
			fltround(tmp, n, prec, &ndp);
			x = ndp - 1;
		}
		if(x < prec && x >= -4){
			style = 'f';
			prec = prec - 1 - x;
		}else{
			style = 'e';
			prec = prec - 1;
		}
		trim = !(f->flags & FmtSharp);
	}

	if(style == 'f'){
		n = fltround(dig, n, dp + prec, &dp);
		if(n == 0)
			dp = 1;
		if(dp <= 0)
			*p++ = '0';
		for(i = 0; i < dp; i++)
			*p++ = digat(dig, n, i);
		if(prec > 0 || (f->flags & FmtSharp))
			*p++ = '.';
		for(i = 0; i < prec; i++)
			*p++ = digat(dig, n, dp + i);
	}else{
		n = fltround(dig, n, prec + 1, &dp);
		x = n == 0 ? 0 : dp - 1;
		*p++ = digat(dig, n, 0);
		if(prec > 0 || (f->flags & FmtSharp))
			*p++ = '.';
		for(i = 1; i <= prec; i++)
			*p++ = digat(dig, n, i);
	}
	if(trim && memchr(out, '.', p - out) != nil){
		while(p[-1] == '0')
			p--;
		if(p[-1] == '.')
			p--;
	}
	if(style == 'e')
		p = seprint(p, out + sizeof out, "%c%c%.2d", verb == 'E' || verb == 'G' ? 'E' : 'e',
			x < 0 ? '-' : '+', x < 0 ? -x : x);

emit:
	len = strlen(sign) + (p - out);
	pad = (f->flags & FmtWidth) ? f->width - len : 0;
	if(pad > 0 && !(f->flags & FmtLeft) && !(f->flags & FmtZero) && fmtprint(f, "%*s", (int)pad, "") < 0)
		return -1;
	if(fmtprint(f, "%s", sign) < 0)
		return -1;
	if(pad > 0 && !(f->flags & FmtLeft) && (f->flags & FmtZero) && fmtprint(f, "%0*d", (int)pad, 0) < 0)
		return -1;
	*p = 0;
	if(fmtprint(f, "%s", out) < 0)
		return -1;
	if(pad > 0 && (f->flags & FmtLeft) && fmtprint(f, "%*s", (int)pad, "") < 0)
		return -1;
	return 0;
}
