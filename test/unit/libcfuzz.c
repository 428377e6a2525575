/*
 * libFuzzer target for libc's parsers (built like libctest: the library
 * with symbols renamed lux_*, over the fake kernel).  The first byte
 * picks the parser; the rest is its input.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libclux.h"
#include "libcfake.h"

enum { Max = 8192 };

/* cstr is a NUL-terminated copy of the input */
static char*
cstr(const unsigned char *p, size_t n)
{
	static char buf[Max + 1];

	if(n > Max)
		n = Max;
	memcpy(buf, p, n);
	buf[n] = 0;
	return buf;
}

static void
fuzzdir(const unsigned char *p, size_t n)
{
	static char strs[Max];
	unsigned char buf[Max];
	Dir d, *dp;

	if(n > Max)
		n = Max;
	memcpy(buf, p, n);
	lux_statcheck(buf, n);
	if(lux_convM2D(buf, n, &d, strs) > 0)
		lux_convD2M(&d, buf, sizeof buf);
	if(lux_dirpackage(buf, n, &dp) > 0)
		lux_free(dp);
}

static void
fuzzregexp(const unsigned char *p, size_t n)
{
	char *s, *text;
	LReprog *re;
	LResub m[10];
	char out[256];

	s = cstr(p, n);
	text = strchr(s, '\x01');	/* the expression, then the text */
	if(text != NULL)
		*text++ = 0;
	else
		text = "abc\ndef xyz";
	re = lux_regcomp(s);
	if(re == NULL)
		return;
	memset(m, 0, sizeof m);
	if(lux_regexec(re, text, m, 10) == 1)
		lux_regsub("<&|\\1|\\9>", out, sizeof out, m, 10);
	lux_free(re);
}

static void
fuzzutf(const unsigned char *p, size_t n)
{
	char *s, out[8];
	LRune r;
	size_t i;
	int k;

	s = cstr(p, n);
	lux_utflen(s);
	lux_utfnlen(s, n);
	for(i = 0; s[i] != 0; i += k){
		k = lux_chartorune(&r, s + i);
		lux_fullrune(s + i, strlen(s + i));
		if(lux_runetochar(out, &r) != k && r != 0xFFFD)
			abort();	/* a valid rune must re-encode to the same length */
	}
	lux_utfrune(s, 0x3B1);
	lux_utfutf(s, "\xce\xb1");
}

static void
fuzznumbers(const unsigned char *p, size_t n)
{
	char *s, *e;

	s = cstr(p, n);
	lux_strtod(s, &e);
	lux_strtoll(s, &e, 0);
	lux_strtoull(s, &e, 16);
	lux_strtol(s, &e, 36);
}

static void
fuzzsplit(const unsigned char *p, size_t n)
{
	char *s, *f[16], *q;

	s = cstr(p, n);
	q = lux_quotestrdup(s);
	lux_free(q);
	lux_getfields(s, f, 16, n % 2, ":, ");
	s = cstr(p, n);
	lux_tokenize(s, f, 16);
	s = cstr(p, n);
	lux_cleanname(s);
	if(strlen(s) > n + 1)
		abort();	/* cleaning never lengthens a name (an empty one becomes ".") */
}

static void
fuzzbio(const unsigned char *p, size_t n)
{
	LBiobuf *b;
	char *s;

	if(n > Maxdata)
		n = Maxdata;
	addfile("/fuzz", p, n);
	b = lux_Bopen("/fuzz", 0);
	while((s = lux_Brdstr(b, '\n', n % 2)) != NULL)
		lux_free(s);
	lux_Bseek(b, 0, 0);
	while(lux_Bgetrune(b) >= 0)
		;
	lux_Bterm(b);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if(size == 0)
		return 0;
	switch(data[0] % 6){
	case 0: fuzzdir(data + 1, size - 1); break;
	case 1: fuzzregexp(data + 1, size - 1); break;
	case 2: fuzzutf(data + 1, size - 1); break;
	case 3: fuzznumbers(data + 1, size - 1); break;
	case 4: fuzzsplit(data + 1, size - 1); break;
	default: fuzzbio(data + 1, size - 1); break;
	}
	return 0;
}
