/*
 * watnumfuzz.c - libFuzzer target for lib/wasm/watnum.c: arbitrary
 * bytes as one token go to all four conversions.  A POSIX regular
 * expression of each grammar (spec 6.3.1, 6.3.2) says whether the token
 * is a literal, independently of watnum.c; for literals, glibc gives
 * the value (strtoull for integers and payloads, strtod and strtof for
 * decimals, strtold rounded to odd for hex floats, whose subnormals
 * glibc 2.36 misrounds).  Any disagreement aborts.
 */
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "watnum.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define DN "[0-9](_?[0-9])*"
#define HN "[0-9a-fA-F](_?[0-9a-fA-F])*"

enum { Rint, Rdec, Rhex, Rspecial, Nre };

static const char *pat[Nre] = {
	"^[+-]?(0x" HN "|" DN ")$",
	"^[+-]?" DN "(\\.(" DN ")?)?([eE][+-]?" DN ")?$",
	"^[+-]?0x" HN "(\\.(" HN ")?)?([pP][+-]?" DN ")?$",
	"^[+-]?(inf|nan|nan:0x" HN ")$",
};
static regex_t re[Nre];

static void
check(int ok, const char *what, const char *tok)
{
	if(!ok){
		fprintf(stderr, "watnumfuzz: %s: \"%s\"\n", what, tok);
		abort();
	}
}

/* Copy s without underscores. */
static void
strip(char *d, const char *s)
{
	for(; *s; s++)
		if(*s != '_')
			*d++ = *s;
	*d = 0;
}

/* The hex digits after "0x" as strtoull reads them; -1 if beyond 64 bits. */
static int
hexull(const char *s, uint64_t *v)
{
	errno = 0;
	*v = strtoull(s, NULL, 16);
	return errno == ERANGE ? -1 : 0;
}

static int
hexdig(int c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Round to odd after 15 significant hex digits: exact in a long double. */
static long double
hexodd(char *plain)
{
	char *p, *last;
	int sig, sticky;

	p = strchr(plain, 'x') + 1;
	sig = 0;
	sticky = 0;
	last = NULL;
	for(; *p && *p != 'p' && *p != 'P'; p++){
		if(*p == '.' || (sig == 0 && *p == '0'))
			continue;
		if(sig++ < 15){
			last = p;
			continue;
		}
		sticky |= *p != '0';
		*p = '0';
	}
	if(sticky)
		*last = "0123456789abcdef"[hexdig(*last) | 1];
	return strtold(plain, NULL);
}

static void
ints(const char *tok, size_t n, int lit, const char *plain)
{
	uint64_t v, mag, want;
	const char *p;
	int sign, r, hex, bits, over;

	p = plain;
	sign = *p == '+' || *p == '-' ? *p++ : 0;
	hex = p[0] == '0' && p[1] == 'x';
	errno = 0;
	mag = lit ? strtoull(hex ? p+2 : p, NULL, hex ? 16 : 10) : 0;
	over = errno == ERANGE;

	r = watuint(tok, n, UINT64_MAX, &v);
	if(lit && !sign && !over)
		check(r == 0 && v == mag, "watuint value", tok);
	else
		check(r == -1, "watuint accepts", tok);
	r = watuint(tok, n, 0xffff, &v);
	if(lit && !sign && !over && mag <= 0xffff)
		check(r == 0 && v == mag, "watuint 0xffff value", tok);
	else
		check(r == -1, "watuint 0xffff accepts", tok);

	for(bits = 32; bits <= 64; bits += 32){
		uint64_t top = (uint64_t)1 << (bits-1);
		uint64_t lim = sign == 0 ? top | (top-1) : sign == '+' ? top-1 : top;

		r = watint(tok, n, bits, &v);
		if(lit && !over && mag <= lim){
			want = sign == '-' ? -mag : mag;
			if(bits == 32)
				want &= 0xffffffff;
			check(r == 0 && v == want, "watint value", tok);
		}else
			check(r == -1, "watint accepts", tok);
	}
}

static void
floats(const char *tok, size_t n, int kind, char *plain)
{
	uint64_t b64, w64, pay;
	uint32_t b32, w32;
	long double h;
	double d;
	float f;
	char *p;
	int neg, r64, r32;

	r64 = watf64(tok, n, &b64);
	r32 = watf32(tok, n, &b32);
	if(kind < 0){
		check(r64 == -1 && r32 == -1, "float accepts", tok);
		return;
	}
	if(kind == Rspecial){
		p = plain;
		neg = *p == '-';
		if(*p == '+' || *p == '-')
			p++;
		w64 = (uint64_t)neg << 63 | 0x7ff0000000000000ULL;
		w32 = (uint32_t)neg << 31 | 0x7f800000;
		if(strcmp(p, "inf") == 0){
			check(r64 == 0 && b64 == w64, "f64 inf", tok);
			check(r32 == 0 && b32 == w32, "f32 inf", tok);
		}else if(strcmp(p, "nan") == 0){
			check(r64 == 0 && b64 == (w64 | (uint64_t)1 << 51), "f64 nan", tok);
			check(r32 == 0 && b32 == (w32 | 1 << 22), "f32 nan", tok);
		}else if(hexull(p + 6, &pay) < 0 || pay == 0){
			check(r64 == -1 && r32 == -1, "nan payload accepted", tok);
		}else{
			if(pay < (uint64_t)1 << 52)
				check(r64 == 0 && b64 == (w64 | pay), "f64 nan payload", tok);
			else
				check(r64 == -1, "f64 nan payload too big", tok);
			if(pay < 1 << 23)
				check(r32 == 0 && b32 == (w32 | pay), "f32 nan payload", tok);
			else
				check(r32 == -1, "f32 nan payload too big", tok);
		}
		return;
	}
	if(kind == Rhex){
		h = hexodd(plain);
		d = h;
		f = h;
	}else{
		d = strtod(plain, NULL);
		f = strtof(plain, NULL);
	}
	memcpy(&w64, &d, 8);
	memcpy(&w32, &f, 4);
	if(isinf(d))
		check(r64 == -1, "f64 overflow accepted", tok);
	else
		check(r64 == 0 && b64 == w64, "f64 value", tok);
	if(isinf(f))
		check(r32 == -1, "f32 overflow accepted", tok);
	else
		check(r32 == 0 && b32 == w32, "f32 value", tok);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *tok, *plain;
	int i, m[Nre], kind;

	if(!ready){
		for(i = 0; i < Nre; i++)
			if(regcomp(&re[i], pat[i], REG_EXTENDED | REG_NOSUB) != 0)
				abort();
		ready = 1;
	}
	/* exactly size bytes, so ASan sees any read past the token */
	tok = malloc(size + 1);
	plain = malloc(size + 1);
	if(tok == NULL || plain == NULL)
		abort();
	memcpy(tok, data, size);
	tok[size] = 0;
	for(i = 0; i < Nre; i++)
		m[i] = memchr(data, 0, size) == NULL && regexec(&re[i], tok, 0, NULL, 0) == 0;
	strip(plain, tok);
	kind = m[Rdec] ? Rdec : m[Rhex] ? Rhex : m[Rspecial] ? Rspecial : -1;
	ints((const char *)data, size, m[Rint], plain);
	floats((const char *)data, size, kind, plain);
	free(tok);
	free(plain);
	return 0;
}
