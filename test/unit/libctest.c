/*
 * Host unit test of Lux9's libc (the pure parts, and the rest over a
 * small fake of the kernel below).  One line per case: PASS: or FAIL:.
 * Where glibc defines the same function (printf's numeric formats,
 * strtod, string functions) the two are compared on many inputs.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "libclux.h"
#include "libcfake.h"

static int failed;	/* checks failed in the current case */

#define check(c) do { if(!(c)) { failed++; \
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); } } while(0)

static void
checkstr(const char *what, const char *got, const char *want, int line)
{
	if(got == NULL || strcmp(got, want) != 0){
		failed++;
		fprintf(stderr, "libctest.c:%d: %s: got \"%s\", want \"%s\"\n", line, what,
			got ? got : "(nil)", want);
	}
}
#define checkeq(what, got, want) checkstr(what, got, want, __LINE__)

/* ---- the cases ---- */

static unsigned long long rngstate = 0x9E3779B97F4A7C15ULL;

/* rng is xorshift64*, seeded fixed so a failure repeats */
static unsigned long long
rng(void)
{
	rngstate ^= rngstate >> 12;
	rngstate ^= rngstate << 25;
	rngstate ^= rngstate >> 27;
	return rngstate * 2685821657736338717ULL;
}

/* fmtnumbers compares numeric formats with glibc's printf on random values and flags */
static void
fmtnumbers(void)
{
	static const char *flags[] = {"", "-", "0", "+", " ", "#", "-#", "0#", "+0", "- "};
	static const char *verbs[] = {"d", "i", "u", "o", "x", "X", "ld", "lx", "lld", "llu", "hd", "hhx", "zu"};
	char fmt[64], want[256], got[256];
	long long v;
	int i, w, p, k, n;

	for(i = 0; i < 20000; i++){
		v = rng();
		switch(i % 4){
		case 0: v = (int)v; break;
		case 1: v %= 1000; break;
		case 2: v = 0; break;
		}
		w = rng() % 25;
		p = rng() % 20;
		k = rng() % 3;
		snprintf(fmt, sizeof fmt, "%%%s", flags[rng() % 10]);
		if(k > 0)
			snprintf(fmt + strlen(fmt), 8, "%d", w);
		if(k == 2)
			snprintf(fmt + strlen(fmt), 8, ".%d", p);
		strcat(fmt, verbs[i % 13]);
		/* glibc reads the same argument width the verb names */
		n = snprintf(want, sizeof want, fmt, v);
		check(lux_snprint(got, sizeof got, fmt, v) == n);
		if(strcmp(got, want) != 0){
			failed++;
			fprintf(stderr, "fmt \"%s\" of %lld: got \"%s\" want \"%s\"\n", fmt, v, got, want);
			if(failed > 10)
				return;
		}
	}
}

/* fmtfloats compares %e %f %g with glibc on random doubles */
static void
fmtfloats(void)
{
	static const char *fmts[] = {"%f", "%e", "%g", "%.0f", "%.3e", "%.17g", "%#.0f", "%12.4f",
		"%-12.3e|", "%+g", "%010.2f", "%G", "%E", "%.1g", "%#g", "%.30f", "%.0e", "% .5g"};
	char want[512], got[512];
	union { double d; unsigned long long u; } x;
	int i, j;

	for(i = 0; i < 6000; i++){
		switch(i % 3){
		case 0: x.u = rng(); break;
		case 1: x.d = (double)(long long)(rng() % 2000001 - 1000000) / 1000; break;
		default: x.d = (double)(rng() % 100000) * 0.005; break;
		}
		j = i % (int)(sizeof fmts / sizeof fmts[0]);
		snprintf(want, sizeof want, fmts[j], x.d);
		lux_snprint(got, sizeof got, fmts[j], x.d);
		if(strcmp(got, want) != 0){
			failed++;
			fprintf(stderr, "fmt \"%s\" of %a: got \"%s\" want \"%s\"\n", fmts[j], x.d, got, want);
			if(failed > 10)
				return;
		}
	}
}

static int
fmtbrackets(LFmt *f)
{
	char *s;

	s = va_arg(f->args, char*);
	return lux_fmtprint(f, "[%s]", s);
}

static void
fmtplan9(void)
{
	char buf[64], *s, *p;
	LRune rs[] = {0x48, 0x3B1, 0x1F600, 0};

	lux_snprint(buf, sizeof buf, "%ud %lux %llud %lld", -1, 255UL, 1ULL<<63, -5LL);
	checkeq("%ud", buf, "4294967295 ff 9223372036854775808 -5");
	lux_snprint(buf, sizeof buf, "%b %#b %,d %p", 5, 6, -1234567, (void*)0x1000);
	checkeq("%b", buf, "101 0b110 -1,234,567 0x1000");
	lux_snprint(buf, sizeof buf, "%C%c|%S|%.2S|%5S|", 0x263A, 'x', rs, rs, rs);
	checkeq("%C %S", buf, "\xe2\x98\xbax|H\xce\xb1\xf0\x9f\x98\x80|H\xce\xb1|  H\xce\xb1\xf0\x9f\x98\x80|");
	lux_snprint(buf, sizeof buf, "%ls|%lc", rs, 0x3B1);
	checkeq("%ls", buf, "H\xce\xb1\xf0\x9f\x98\x80|\xce\xb1");
	lux_snprint(buf, sizeof buf, "%q %q %q %q", "plain", "has space", "it's", "");
	checkeq("%q", buf, "plain 'has space' 'it''s' ''");
	lux_snprint(buf, sizeof buf, "%s|%5s|%-5s|%.2s|%3.1s", NULL, "ab", "ab", "\xce\xb1\xce\xb2\xce\xb3", "xyz");
	checkeq("%s", buf, "<nil>|   ab|ab   |\xce\xb1\xce\xb2|  x");
	lux_snprint(buf, sizeof buf, "%%|%k|%5d|%-*d|%.*d", 1, 2, 3, 4, 5);
	checkeq("odd", buf, "%|%k|    1|3 |0005");
	lux_werrstr("disk %s on fire", "sd0");
	lux_snprint(buf, sizeof buf, "error: %r");
	checkeq("%r", buf, "error: disk sd0 on fire");

	/* truncation never splits a rune, and snprint counts what it stored */
	check(lux_snprint(buf, 6, "ab\xce\xb1\xce\xb2") == 4);
	checkeq("cut", buf, "ab\xce\xb1");
	check(lux_snprint(buf, 1, "abc") == 0 && buf[0] == 0);
	p = lux_seprint(buf, buf + sizeof buf, "one ");
	p = lux_seprint(p, buf + sizeof buf, "two %d", 2);
	checkeq("seprint", buf, "one two 2");
	check(p == buf + 9);
	check(lux_seprint(buf, buf, "x") == buf);

	s = lux_smprint("%0500d|%s", 7, "end");
	check(s != NULL && strlen(s) == 504 && s[499] == '7' && strcmp(s + 500, "|end") == 0);
	lux_free(s);

	check(lux_fmtinstall('Z', fmtbrackets) == 0);
	lux_snprint(buf, sizeof buf, "<%Z %d %Z>", "a", 9, "b");
	checkeq("fmtinstall", buf, "<[a] 9 [b]>");
	check(lux_fmtinstall(0, fmtbrackets) < 0);

	outlen = 0;
	check(lux_print("x=%d\n", 42) == 5);
	check(lux_fprint(2, "%s", "y") == 1);
	check(outlen == 6 && memcmp(outbuf, "x=42\ny", 6) == 0);
}

static void
utftest(void)
{
	static const char *bad[] = {
		"\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf",
		"\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x80\x80\x80", "\xf4\x90\x80\x80",
		"\xf5\x80\x80\x80", "\xff", "\xe2\x82", "\xe2(", "\xf0\x9f\x98",
	};
	char buf[8], s[64];
	LRune r, r2;
	unsigned i;
	int n;

	/* every valid rune round-trips with the right length */
	for(r = 0; r <= 0x10FFFF; r++){
		if(r >= 0xD800 && r <= 0xDFFF)
			continue;
		n = lux_runetochar(buf, &r);
		if(n != (r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4) ||
		   lux_chartorune(&r2, buf) != n || r2 != r || lux_runelen(r) != n || !lux_fullrune(buf, n) ||
		   (n > 1 && lux_fullrune(buf, n - 1))){
			failed++;
			fprintf(stderr, "rune %#x: n %d back %#x\n", r, n, r2);
			break;
		}
	}
	/* every bad sequence is one Runeerror per byte, never more than one byte */
	for(i = 0; i < sizeof bad / sizeof bad[0]; i++){
		n = lux_chartorune(&r, bad[i]);
		if(n != 1 || r != 0xFFFD){
			failed++;
			fprintf(stderr, "bad utf %u: n %d r %#x\n", i, n, r);
		}
	}
	r = 0x110000;
	check(lux_runetochar(buf, &r) == 3 && memcmp(buf, "\xef\xbf\xbd", 3) == 0);
	r = 0xD800;
	check(lux_runetochar(buf, &r) == 3 && memcmp(buf, "\xef\xbf\xbd", 3) == 0);
	check(lux_fullrune("\xe2\x98", 2) == 0 && lux_fullrune("\xe2(", 2) == 1 && lux_fullrune("", 0) == 0);
	check(lux_utflen("a\xce\xb1\xe2\x98\xba\x80z") == 5);
	check(lux_utfnlen("a\xce\xb1\xe2\x98\xba", 4) == 2);
	strcpy(s, "x\xce\xb1y\xce\xb1z");
	check(lux_utfrune(s, 0x3B1) == s + 1 && lux_utfrrune(s, 0x3B1) == s + 4 && lux_utfrune(s, 0x3B2) == NULL);
	check(lux_utfrune(s, 'z') == s + 6);
	check(lux_utfutf(s, "\xce\xb1z") == s + 4 && lux_utfutf(s, "q") == NULL && lux_utfutf(s, "") == s);
	lux_utfecpy(buf, buf + 4, "ab\xce\xb1");
	checkeq("utfecpy", buf, "ab");
	check(lux_tolowerrune(0x391) == 0x3B1 && lux_toupperrune('q') == 'Q' && lux_tolowerrune(0x4E00) == 0x4E00);
}

static void
strtest(void)
{
	static const char *words[] = {"", "a", "abc", "abd", "ab", "xabcx", "\xff\x80", "hello world", "aaa"};
	char a[64], b[64], *p, *q;
	unsigned i, j, k;

	for(i = 0; i < 9; i++)
		for(j = 0; j < 9; j++){
			const char *s = words[i], *t = words[j];
			int c1 = lux_strcmp(s, t), c2 = strcmp(s, t);
			check((c1 < 0) == (c2 < 0) && (c1 > 0) == (c2 > 0));
			for(k = 0; k < 4; k++){
				c1 = lux_strncmp(s, t, k);
				c2 = strncmp(s, t, k);
				check((c1 < 0) == (c2 < 0) && (c1 > 0) == (c2 > 0));
			}
			check(lux_strstr(s, t) == strstr(s, t));
			check(lux_strspn(s, t) == strspn(s, t) && lux_strcspn(s, t) == strcspn(s, t));
			check(lux_strpbrk(s, t) == strpbrk(s, t));
			check(lux_strchr(s, t[0]) == strchr(s, t[0]) && lux_strrchr(s, t[0]) == strrchr(s, t[0]));
		}
	check(lux_strlen("") == 0 && lux_strlen("four") == 4);
	check(lux_strcasecmp("HeLLo", "hello") == 0 && lux_strcasecmp("a", "B") < 0);
	check(lux_cistrstr("Hello World", "WORLD") != NULL);

	/* memmove against a byte-at-a-time reference, all overlaps and lengths */
	for(i = 0; i < 40; i++)
		for(j = 0; j < 40; j++)
			for(k = 0; k + (i > j ? i : j) <= 64 && k < 24; k++){
				for(unsigned x = 0; x < 64; x++)
					a[x] = b[x] = x;
				lux_memmove(a + i, a + j, k);
				memmove(b + i, b + j, k);
				if(memcmp(a, b, 64) != 0){
					failed++;
					fprintf(stderr, "memmove(%u, %u, %u) wrong\n", i, j, k);
					return;
				}
			}
	lux_memset(a, 'z', 13);
	check(memcmp(a, "zzzzzzzzzzzzz", 13) == 0 && a[13] == 13);
	check(lux_memcmp("abc", "abd", 3) < 0 && lux_memcmp("abc", "abd", 2) == 0 && lux_memcmp("\xff", "a", 1) > 0);
	check(lux_memchr("abcdef", 'd', 6) != NULL && lux_memchr("abcdef", 'd', 3) == NULL);

	check(lux_strlcpy(a, "truncated", 5) == 9 && strcmp(a, "trun") == 0);
	check(lux_strlcat(a, "cate", 8) == 8 && strcmp(a, "truncat") == 0);
	lux_strncpy(a, "ab", 5);
	check(memcmp(a, "ab\0\0\0", 5) == 0);
	strcpy(a, "x");
	check(strcmp(lux_strncat(a, "yzw", 2), "xyz") == 0);
	p = lux_strecpy(a, a + 4, "abcdef");
	check(p == a + 3 && strcmp(a, "abc") == 0);
	strcpy(b, "  one, two,,three ");
	q = b;
	p = lux_strtok(q, " ,");
	check(p && strcmp(p, "one") == 0);
	p = lux_strtok(NULL, " ,");
	check(p && strcmp(p, "two") == 0);
	p = lux_strtok(NULL, " ,");
	check(p && strcmp(p, "three") == 0 && lux_strtok(NULL, " ,") == NULL);
	p = lux_strdup("copy");
	check(p && strcmp(p, "copy") == 0);
	lux_free(p);
	for(i = 0; i < 256; i++){
		check(!!lux_isalpha(i) == !!(i < 128 && ((i|32) >= 'a' && (i|32) <= 'z')));
		check(!!lux_isspace(i) == !!(i == ' ' || (i >= 9 && i <= 13)));
	}
	check(lux_ispunct('!') && !lux_ispunct('a') && lux_isxdigit('F') && lux_toupper('q') == 'Q' && !lux_isalpha(-1));
}

static int
cmpint(const void *a, const void *b)
{
	int x = *(const int*)a, y = *(const int*)b;

	return x < y ? -1 : x > y;
}

typedef struct Rec Rec;
struct Rec {
	long key;
	char pad[16];
};

static int
cmprec(const void *a, const void *b)
{
	long x = ((const Rec*)a)->key, y = ((const Rec*)b)->key;

	return x < y ? -1 : x > y;
}

static void
qsorttest(void)
{
	static int v[20000], w[20000];
	static Rec r[3000];
	int sizes[] = {0, 1, 2, 3, 7, 13, 100, 1000, 20000};
	int i, n, kind, *hit;
	long sum;

	for(kind = 0; kind < 5; kind++)
		for(unsigned s = 0; s < sizeof sizes / sizeof sizes[0]; s++){
			n = sizes[s];
			for(i = 0; i < n; i++)
				switch(kind){
				case 0: v[i] = rng(); break;
				case 1: v[i] = rng() % 4; break;		/* many equal */
				case 2: v[i] = i; break;			/* sorted */
				case 3: v[i] = n - i; break;			/* reversed */
				default: v[i] = i % 2 ? i : n - i; break;	/* organ pipe */
				}
			memcpy(w, v, n * sizeof v[0]);
			lux_qsort(v, n, sizeof v[0], cmpint);
			qsort(w, n, sizeof w[0], cmpint);
			if(memcmp(v, w, n * sizeof v[0]) != 0){
				failed++;
				fprintf(stderr, "qsort kind %d n %d wrong\n", kind, n);
			}
		}
	sum = 0;
	for(i = 0; i < 3000; i++){
		r[i].key = rng() % 500;
		sum += r[i].key;
		memset(r[i].pad, r[i].key, sizeof r[i].pad);
	}
	lux_qsort(r, 3000, sizeof r[0], cmprec);
	for(i = 0; i < 3000; i++){
		check(i == 0 || r[i-1].key <= r[i].key);
		check(r[i].pad[15] == (char)r[i].key);
		sum -= r[i].key;
	}
	check(sum == 0);
	for(i = 0; i < 1000; i++)
		v[i] = 2*i;
	for(i = -1; i < 2001; i++){
		hit = lux_bsearch(&i, v, 1000, sizeof v[0], cmpint);
		check((i >= 0 && i < 2000 && i % 2 == 0) ? hit == &v[i/2] : hit == NULL);
	}
}

static void
strtotest(void)
{
	static const char *ints[] = {"0", "-0", "  +12abc", "0x1F", "0X", "0x", "017", "08", "-9223372036854775808",
		"9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551615",
		"18446744073709551616", "-1", "zz", "", "  ", "- 5", "0b1", "1e5", "\t\n42"};
	static const int bases[] = {0, 10, 16, 8, 36, 2};
	char *e1, *e2;
	unsigned i, j;

	for(i = 0; i < sizeof ints / sizeof ints[0]; i++)
		for(j = 0; j < 6; j++){
			int b = bases[j];
			long long a1, a2;
			unsigned long long u1, u2;

			errno = 0;
			lux_errno = 0;
			a1 = lux_strtoll(ints[i], &e1, b);
			a2 = strtoll(ints[i], &e2, b);
			if(a1 != a2 || e1 - ints[i] != e2 - ints[i] || (lux_errno == ERANGE) != (errno == ERANGE)){
				failed++;
				fprintf(stderr, "strtoll(\"%s\", %d) = %lld end %ld, want %lld end %ld\n",
					ints[i], b, a1, (long)(e1 - ints[i]), a2, (long)(e2 - ints[i]));
			}
			errno = 0;
			lux_errno = 0;
			u1 = lux_strtoull(ints[i], &e1, b);
			u2 = strtoull(ints[i], &e2, b);
			if(u1 != u2 || e1 != e2 - ints[i] + ints[i] || (lux_errno == ERANGE) != (errno == ERANGE)){
				failed++;
				fprintf(stderr, "strtoull(\"%s\", %d) = %llu, want %llu\n", ints[i], b, u1, u2);
			}
			check(lux_strtoul(ints[i], NULL, b) == strtoul(ints[i], NULL, b));
			check(lux_strtol(ints[i], NULL, b) == strtol(ints[i], NULL, b));
		}
	check(lux_strtol("7", &e1, 1) == 0 && lux_strtol("7", NULL, 37) == 0);
	check(lux_atoi("-123x") == -123);
}

static void
strtodtest(void)
{
	static const char *fixed[] = {"0", "-0.0", "1e308", "1e309", "4.9e-324", "2.2250738585072014e-308", "0.1",
		"123.456e-7", ".5", "5.", "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623158e308",
		"1.7976931348623159e308", "9007199254740993", "0.500000000000000166533453693773481063544750213623046875", "0x1.8p3", "0x.8", "inf", "-Infinity", "1e-400", "  7e", "1.5e+", "x",
		"179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000"
		"0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
		"0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
		"00000000000", "0.000000000000000000000000000000000000001234"};
	union { double d; unsigned long long u; } x;
	char buf[64], *e1, *e2;
	double a, b;
	unsigned i;
	int bad;

	for(i = 0; i < sizeof fixed / sizeof fixed[0]; i++){
		a = lux_strtod(fixed[i], &e1);
		b = strtod(fixed[i], &e2);
		if(memcmp(&a, &b, sizeof a) != 0 || e1 - fixed[i] != e2 - fixed[i]){
			failed++;
			fprintf(stderr, "strtod(\"%s\") = %a end %ld, want %a end %ld\n", fixed[i], a,
				(long)(e1 - fixed[i]), b, (long)(e2 - fixed[i]));
		}
	}
	/* round trips of random doubles at 17 significant digits */
	bad = 0;
	for(i = 0; i < 20000; i++){
		x.u = rng();
		if(x.d != x.d || x.d - x.d != 0)
			continue;
		snprintf(buf, sizeof buf, i % 2 ? "%.17g" : "%.15e", x.d);
		a = lux_strtod(buf, NULL);
		b = strtod(buf, NULL);
		if(memcmp(&a, &b, sizeof a) != 0 && bad++ < 5)
			fprintf(stderr, "strtod(\"%s\") = %a, want %a\n", buf, a, b);
	}
	if(bad > 0){
		failed++;
		fprintf(stderr, "strtod: %d of 20000 random values wrong\n", bad);
	}
}

static void
fieldstest(void)
{
	char buf[128], *f[8];
	int n;

	strcpy(buf, "a:b::c");
	n = lux_getfields(buf, f, 8, 0, ":");
	check(n == 4 && strcmp(f[0], "a") == 0 && strcmp(f[2], "") == 0 && strcmp(f[3], "c") == 0);
	strcpy(buf, "::a::b:");
	n = lux_getfields(buf, f, 8, 1, ":");
	check(n == 2 && strcmp(f[0], "a") == 0 && strcmp(f[1], "b") == 0);
	strcpy(buf, "x\xce\xb1y\xce\xb1z");
	n = lux_getfields(buf, f, 8, 0, "\xce\xb1");
	check(n == 3 && strcmp(f[1], "y") == 0);
	strcpy(buf, "1 2 3 4 5");
	n = lux_getfields(buf, f, 3, 1, " ");
	check(n == 3 && strcmp(f[2], "3 4 5") == 0);
	strcpy(buf, "");
	check(lux_getfields(buf, f, 8, 1, " ") == 0 && lux_getfields(buf, f, 8, 0, " ") == 0);
	strcpy(buf, "::");
	check(lux_getfields(buf, f, 8, 0, ":") == 2 && f[1][0] == 0);
	strcpy(buf, "a:");
	check(lux_getfields(buf, f, 8, 0, ":") == 1);

	strcpy(buf, "  cmd 'quoted arg' it''s 'x''y' \t last");
	n = lux_tokenize(buf, f, 8);
	check(n == 5);
	if(n == 5){
		checkeq("tok1", f[1], "quoted arg");
		checkeq("tok2", f[2], "its");
		checkeq("tok3", f[3], "x'y");
		checkeq("tok4", f[4], "last");
	}
	strcpy(buf, "a b c d");
	check(lux_tokenize(buf, f, 2) == 2 && strcmp(f[1], "b") == 0);
	strcpy(buf, "'unterminated q");
	check(lux_tokenize(buf, f, 8) == 1 && strcmp(f[0], "unterminated q") == 0);
}

static void
cleannametest(void)
{
	static const char *cases[][2] = {
		{"", "."}, {".", "."}, {"/", "/"}, {"//", "/"}, {"/..", "/"}, {"/../a", "/a"},
		{"a/b/../c", "a/c"}, {"a/..", "."}, {"../a", "../a"}, {"../../a/b/..", "../../a"},
		{"a/../../b", "../b"}, {"./a/./b/.", "a/b"}, {"/a//b///c/", "/a/b/c"}, {"a/b/c/../../..", "."},
		{"/a/b/../../..", "/"}, {"..", ".."}, {"...", "..."}, {"a/.b/..c", "a/.b/..c"}, {"#c/../x", "x"},
	};
	char buf[64];
	unsigned i;

	for(i = 0; i < sizeof cases / sizeof cases[0]; i++){
		strcpy(buf, cases[i][0]);
		checkeq(cases[i][0], lux_cleanname(buf), cases[i][1]);
	}
}

static jmp_buf *catching;

static void
malloctest(void)
{
	enum { N = 4000 };
	static unsigned char *p[N];
	static size_t sz[N];
	unsigned char *q;
	void *brk0;
	unsigned long long iters;
	size_t n, k;
	int i, j;

	for(iters = 0; iters < 200000; iters++){
		i = rng() % N;
		if(p[i] != NULL){
			/* the contents must be what was written */
			for(k = 0; k < sz[i]; k++)
				if(p[i][k] != (unsigned char)(i + k)){
					failed++;
					fprintf(stderr, "malloc: block %d byte %zu clobbered\n", i, k);
					return;
				}
			if(rng() % 3 == 0){
				n = rng() % 3000;
				q = lux_realloc(p[i], n + 1);
				check(q != NULL);
				if(q == NULL)
					return;
				for(k = 0; k < sz[i] && k <= n; k++)
					check(q[k] == (unsigned char)(i + k));
				p[i] = q;
				sz[i] = n + 1;
				for(k = 0; k < sz[i]; k++)
					p[i][k] = i + k;
				continue;
			}
			lux_free(p[i]);
			p[i] = NULL;
			continue;
		}
		j = rng() % 100;
		n = j < 80 ? rng() % 128 : j < 98 ? rng() % 4096 : rng() % 300000;
		p[i] = lux_malloc(n);
		check(p[i] != NULL);
		if(p[i] == NULL)
			return;
		check(((uintptr_t)p[i] & 15) == 0 && lux_msize(p[i]) >= n);
		sz[i] = n;
		for(k = 0; k < n; k++)
			p[i][k] = i + k;
	}
	for(i = 0; i < N; i++){
		lux_free(p[i]);
		p[i] = NULL;
	}
	/* everything freed merges back: one big block fits where the small ones were */
	q = lux_malloc(8<<20);
	check(q != NULL);
	brk0 = lux_sbrk(0);
	lux_free(q);
	/* and a big free block at the top goes back to the kernel */
	check((char*)lux_sbrk(0) < (char*)brk0 - (7<<20));
	q = lux_calloc(1000, 1000);
	check(q != NULL && q[0] == 0 && q[999999] == 0);
	lux_free(q);
	check(lux_calloc((size_t)1 << 40, (size_t)1 << 30) == NULL);
	check(lux_malloc((size_t)-5) == NULL);
	check(lux_malloc(100<<20) == NULL);	/* more than the fake's break allows */
	lux_free(NULL);
}

/* mallocabuse checks that a double free and a wild free stop the program with a message */
static void
mallocabuse(void)
{
	jmp_buf jb;
	char *p;
	char local[32];

	catching = &jb;
	p = lux_malloc(40);
	lux_free(p);
	outlen = 0;
	exitmsg[0] = 0;
	if(setjmp(exitjmp) == 0)
		lux_free(p);
	check(strcmp(exitmsg, "sys: abort") == 0);
	check(outlen > 0 && memmem(outbuf, outlen, "double free", 11) != NULL);
	outlen = 0;
	exitmsg[0] = 0;
	if(setjmp(exitjmp) == 0)
		lux_free(local + 16);
	check(strcmp(exitmsg, "sys: abort") == 0);
	check(outlen > 0 && memmem(outbuf, outlen, "did not return", 14) != NULL);
	p = lux_malloc(64);
	memset(p - 8, 0x55, 8);		/* an underrun clobbers the header */
	outlen = 0;
	exitmsg[0] = 0;
	if(setjmp(exitjmp) == 0)
		lux_free(p);
	check(strcmp(exitmsg, "sys: abort") == 0);
	check(memmem(outbuf, outlen, "corrupt", 7) != NULL);
}

static void
dirtest(void)
{
	unsigned char buf[512], big[4096];
	char strs[512];
	Dir d, e, *dp;
	long n, m, i;
	int fd;

	n = packstat(buf, "file.c", 0x123456789ULL, 0644, 1ULL<<40);
	check(lux_statcheck(buf, n) == 0);
	check(lux_convM2D(buf, n, &d, strs) == (unsigned)n);
	check(d.type == 'M' && d.dev == 7 && d.qid.path == 0x123456789ULL && d.qid.vers == 3 && d.mode == 0644);
	check(d.atime == 100 && d.mtime == 200 && d.length == 1ULL<<40);
	check(strcmp(d.name, "file.c") == 0 && strcmp(d.uid, "glenda") == 0 && strcmp(d.muid, "muid") == 0);
	check(lux_sizeD2M(&d) == (unsigned)n && lux_convD2M(&d, big, sizeof big) == (unsigned)n && memcmp(big, buf, n) == 0);
	check(lux_convD2M(&d, big, n - 1) == 0);
	/* every truncation and a lying string length are refused */
	for(i = 0; i < n; i++)
		check(lux_convM2D(buf, i, &e, strs) == 0);
	buf[41]++;
	check(lux_statcheck(buf, n) < 0 && lux_convM2D(buf, n, &e, strs) == 0);
	buf[41]--;
	buf[0]++;
	check(lux_statcheck(buf, n) < 0);
	buf[0]--;
	buf[n-1] = 0;	/* a NUL inside muid: refused, by the check and the unpacking alike */
	check(lux_statcheck(buf, n) < 0 && lux_convM2D(buf, n, &e, strs) == 0 && lux_dirpackage(buf, n, &dp) < 0);
	buf[n-1] = 'd';
	lux_nulldir(&e);
	check(e.mode == 0xFFFFFFFF && e.length == ~0ULL && strcmp(e.name, "") == 0);

	/* a directory of three entries, read whole and in pieces */
	m = 0;
	m += packstat(big + m, "a", 1, 0644, 10);
	m += packstat(big + m, "subdir", 2, DMDIR|0755, 0);
	m += packstat(big + m, "c", 3, 0600, 30);
	check(lux_dirpackage(big, m, &dp) == 3);
	check(strcmp(dp[1].name, "subdir") == 0 && (dp[1].mode & DMDIR) && dp[2].length == 30);
	lux_free(dp);
	check(lux_dirpackage(big, m - 1, &dp) < 0 && dp == NULL);
	addfile("/dir", big, m)->isdir = 1;
	fd = lux_open("/dir", 0);
	check(lux_dirreadall(fd, &dp) == 3 && strcmp(dp[2].name, "c") == 0);
	lux_free(dp);
	lux_close(fd);
	fd = lux_open("/dir", 0);
	check(lux_dirread(fd, &dp) == 3);
	lux_free(dp);
	check(lux_dirread(fd, &dp) == 0);
	lux_close(fd);

	addfile("/longname-for-a-file-whose-stat-entry-is-more-than-the-first-guess-of-256-bytes."
		"longname-for-a-file-whose-stat-entry-is-more-than-the-first-guess-of-256-bytes."
		"longname-for-a-file-whose-stat-entry-is-more-than-the-first-guess-of-256", "xyz", 3);
	dp = lux_dirstat("/longname-for-a-file-whose-stat-entry-is-more-than-the-first-guess-of-256-bytes."
		"longname-for-a-file-whose-stat-entry-is-more-than-the-first-guess-of-256-bytes."
		"longname-for-a-file-whose-stat-entry-is-more-than-the-first-guess-of-256");
	check(dp != NULL && dp->length == 3 && strlen(dp->name) > 230);
	lux_free(dp);
	check(lux_dirstat("/nonexistent") == NULL);
	lux_snprint((char*)buf, sizeof buf, "%r");
	checkeq("dirstat error", (char*)buf, "file does not exist");
}

static void
proctest(void)
{
	char buf[128];
	LWaitmsg *w;

	strcpy(buf, "123 10 20 30 'exit: it''s broken'");
	w = lux__parsewait(buf);
	check(w != NULL && w->pid == 123 && w->time[0] == 10 && w->time[2] == 30);
	if(w != NULL)
		checkeq("wait msg", w->msg, "exit: it's broken");
	lux_free(w);
	strcpy(buf, "7 0 0 0 ''");
	w = lux__parsewait(buf);
	check(w != NULL && w->pid == 7 && strcmp(w->msg, "") == 0);
	lux_free(w);
	strcpy(buf, "7 0 0 'x'");
	check(lux__parsewait(buf) == NULL);
	strcpy(buf, "7 0 x0 0 ''");
	check(lux__parsewait(buf) == NULL);
}

static void
envtest(void)
{
	char *s;

	check(lux_putenv("user", "glenda") == 0);
	s = lux_getenv("user");
	check(s != NULL && strcmp(s, "glenda") == 0);
	lux_free(s);
	addfile("/env/path", "/bin\0.\0", 7);
	s = lux_getenv("path");
	check(s != NULL && strcmp(s, "/bin .") == 0);
	lux_free(s);
	check(lux_getenv("nosuch") == NULL);
	check(lux_getenv("../etc") == NULL && lux_putenv("a/b", "x") < 0 && lux_getenv("") == NULL);
}

static int exitorder;

static void
first(void)
{
	exitorder = exitorder*10 + 1;
}

static void
second(void)
{
	exitorder = exitorder*10 + 2;
}

static void
errtest(void)
{
	char buf[128];

	lux_werrstr("first %d", 1);
	lux_rerrstr(buf, sizeof buf);
	checkeq("rerrstr", buf, "first 1");
	lux_rerrstr(buf, sizeof buf);
	checkeq("rerrstr twice", buf, "first 1");
	lux_rerrstr(buf, 4);
	checkeq("rerrstr short", buf, "fir");
	check(lux_errstr2errno("'/x' file does not exist") == ENOENT && lux_errstr2errno("permission denied") == EACCES);
	check(strcmp(lux_strerror(ENOENT), "file does not exist") == 0);

	lux_argv0 = "prog";
	outlen = 0;
	if(setjmp(exitjmp) == 0)
		lux_sysfatal("cannot %s: %d", "go", 3);
	checkeq("sysfatal status", exitmsg, "cannot go: 3");
	check(outlen == 19 && memcmp(outbuf, "prog: cannot go: 3\n", 19) == 0);

	check(lux_atexit(first) == 0 && lux_atexit(second) == 0);
	if(setjmp(exitjmp) == 0)
		lux_exits("done");
	check(exitorder == 21 && strcmp(exitmsg, "done") == 0);
}

static void
biotest(void)
{
	static char text[40000];
	LBiobuf *b;
	char *line, *s;
	long n, i, lines, runes;
	int c;
	File *f;

	/* short lines, one longer than the buffer, runes astride buffer edges, no final newline */
	n = 0;
	for(i = 0; i < 300; i++)
		n += sprintf(text + n, "line %ld \xce\xb1\xe2\x98\xba\n", i);
	for(i = 0; i < 10000; i++)
		text[n++] = 'a' + i % 26;
	text[n++] = '\n';
	n += sprintf(text + n, "last \xf0\x9f\x98\x80");
	addfile("/bio", text, n);

	b = lux_Bopen("/bio", 0);
	check(b != NULL);
	lines = 0;
	while((line = lux_Brdline(b, '\n')) != NULL){
		check(line[lux_Blinelen(b) - 1] == '\n');
		check(memcmp(line, "line ", 5) == 0);
		lines++;
	}
	check(lines == 300);
	check(lux_Blinelen(b) == 8192);	/* the long line fills the buffer */
	lux_Bterm(b);

	b = lux_Bopen("/bio", 0);
	lines = 0;
	while((s = lux_Brdstr(b, '\n', 1)) != NULL){
		if(lines < 300){
			char want[64];
			snprintf(want, sizeof want, "line %ld \xce\xb1\xe2\x98\xba", lines);
			checkeq("Brdstr", s, want);
		}else if(lines == 300)
			check(strlen(s) == 10000 && s[9999] == 'a' + 9999 % 26);
		else
			checkeq("last line", s, "last \xf0\x9f\x98\x80");
		lux_free(s);
		lines++;
	}
	check(lines == 302);
	lux_Bterm(b);

	b = lux_Bopen("/bio", 0);
	runes = 0;
	while((c = lux_Bgetrune(b)) >= 0){
		check(c != 0xFFFD);
		runes++;
		if(runes == 8){
			check(c == 0x3B1 && lux_Bungetrune(b) == 1 && lux_Bgetrune(b) == 0x3B1);
			check(lux_Bungetrune(b) == 1 && lux_Bungetrune(b) == -1 && lux_Bgetrune(b) == 0x3B1);
		}
	}
	check(runes == lux_utfnlen(text, n));
	check(lux_Boffset(b) == n);
	check(lux_Bseek(b, 5, 0) == 5 && lux_Bgetc(b) == '0' && lux_Bungetc(b) == 1 && lux_Bgetc(b) == '0');
	check(lux_Bseek(b, -1, 2) == n - 1 && lux_Bgetc(b) == 0x80 && lux_Bgetc(b) == -1);
	lux_Bterm(b);

	b = lux_Bopen("/bio", 0);
	{
		static char got[40000];
		check(lux_Bread(b, got, 10) == 10 && lux_Bread(b, got + 10, sizeof got) == n - 10);
		check(memcmp(got, text, n) == 0);
	}
	lux_Bterm(b);

	b = lux_Bopen("/bout", 1);
	check(b != NULL);
	for(i = 0; i < 5000; i++)
		lux_Bprint(b, "%ld,", i);
	lux_Bputc(b, '|');
	lux_Bputrune(b, 0x263A);
	lux_Bwrite(b, text, 9000);
	check(lux_Boffset(b) > 9000);
	check(lux_Bterm(b) == 0);
	f = filenamed("/bout");
	check(memcmp(f->data, "0,1,2,3,", 8) == 0);
	s = memmem(f->data, f->len, "4999,|\xe2\x98\xba", 9);
	check(s != NULL && s + 9 + 9000 == f->data + f->len && memcmp(s + 9, text, 9000) == 0);
	check(lux_Bopen("/nonexistent", 0) == NULL);
}

static void
retest(void)
{
	static const struct {
		const char *re, *text, *match, *sub1;
	} t[] = {
		{"abc", "xxabcxx", "abc", NULL},
		{"a*", "baaa", "", NULL},
		{"a+", "baaa", "aaa", NULL},
		{"(a|ab)(c|bcd)", "abcd", "abcd", "a"},
		{"x(a*)(b*)y", "xaabby", "xaabby", "aa"},
		{"^b", "a\nb", "b", NULL},
		{"a$", "a\nb", "a", NULL},
		{"^$", "a\n\nb", "", NULL},
		{"[a-c]+", "xxcabz", "cab", NULL},
		{"[^a-c\n]+", "abcdefa", "def", NULL},
		{"[]x]+", "a]x]b", "]x]", NULL},
		{"a.c", "a\nc abc", "abc", NULL},
		{"\\.\\*", "a.*b", ".*", NULL},
		{"(foo|foobar)baz", "foobarbaz", "foobarbaz", "foobar"},
		{"\xce\xb1+\xe2\x98\xba?", "x\xce\xb1\xce\xb1\xe2\x98\xba", "\xce\xb1\xce\xb1\xe2\x98\xba", NULL},
		{"[\xce\xb1-\xce\xb3]", "zz\xce\xb2", "\xce\xb2", NULL},
		{"(a*)*", "b", "", ""},
		{"(a|b)*c", "abababd", NULL, NULL},
		{"((a)|b)+", "ab", "ab", "b"},
		{"a\\tb", "a\tb", "a\tb", NULL},
	};
	static const char *bad[] = {"(", "a)", "*a", "a**(", "[a", "[b-a]", "a\\", "(a|", "+"};
	LReprog *p;
	LResub m[10];
	char buf[128];
	unsigned i;
	int r;
	LRune rs[16];

	for(i = 0; i < sizeof t / sizeof t[0]; i++){
		p = lux_regcomp(t[i].re);
		if(p == NULL){
			failed++;
			fprintf(stderr, "regcomp(%s) failed\n", t[i].re);
			continue;
		}
		memset(m, 0, sizeof m);
		r = lux_regexec(p, t[i].text, m, 10);
		if(t[i].match == NULL)
			check(r == 0);
		else if(r != 1)
			fprintf(stderr, "regexec(%s, %s) no match\n", t[i].re, t[i].text), failed++;
		else{
			snprintf(buf, sizeof buf, "%.*s", (int)(m[0].e.ep - m[0].s.sp), m[0].s.sp);
			checkeq(t[i].re, buf, t[i].match);
			if(t[i].sub1 != NULL){
				snprintf(buf, sizeof buf, "%.*s", (int)(m[1].e.ep - m[1].s.sp), m[1].s.sp);
				checkeq(t[i].re, buf, t[i].sub1);
			}
		}
		lux_free(p);
	}
	for(i = 0; i < sizeof bad / sizeof bad[0]; i++){
		p = lux_regcomp(bad[i]);
		check(p == NULL);
		lux_snprint(buf, sizeof buf, "%r");
		check(strncmp(buf, "regexp: ", 8) == 0);
	}

	/* submatches and regsub */
	p = lux_regcomp("([a-z]+)@([a-z]+)");
	memset(m, 0, sizeof m);
	check(lux_regexec(p, "mail glenda@bell now", m, 3) == 1);
	lux_regsub("<\\2 at \\1> & \\\\ \\x", buf, sizeof buf, m, 3);
	checkeq("regsub", buf, "<bell at glenda> glenda@bell \\ x");
	lux_regsub("\\1\\1\\1", buf, 8, m, 3);
	checkeq("regsub short", buf, "glendag");
	/* a search bounded by sp and ep */
	m[0].s.sp = strchr("mail glenda@bell now", 'l');
	m[0].e.ep = NULL;
	{
		const char *str = "ab@cd xy@zw";
		m[0].s.sp = (char*)str + 3;
		m[0].e.ep = (char*)str + 11;
		check(lux_regexec(p, str, m, 3) == 1 && m[0].s.sp == str + 6);
		m[0].s.sp = (char*)str;
		m[0].e.ep = (char*)str + 4;
		check(lux_regexec(p, str, m, 3) == 1 && m[0].e.ep == str + 4);
	}
	lux_free(p);

	p = lux_regcomplit("a.b*");
	check(lux_regexec(p, "xa.b*y", NULL, 0) == 1 && lux_regexec(p, "axbb", NULL, 0) == 0);
	lux_free(p);
	p = lux_regcompnl("a.b");
	check(lux_regexec(p, "a\nb", NULL, 0) == 1);
	lux_free(p);
	p = lux_regcomp("b+");
	for(i = 0; i < 5; i++)
		rs[i] = "abbbc"[i];
	rs[5] = 0;
	memset(m, 0, sizeof m);
	check(lux_rregexec(p, rs, m, 1) == 1 && m[0].s.rsp == rs + 1 && m[0].e.rep == rs + 4);
	lux_free(p);

	/* no blowup: (a*)*b on a long run of a's is linear */
	{
		static char as[20001];
		memset(as, 'a', 20000);
		p = lux_regcomp("(a*)*(a|b)*b");
		check(lux_regexec(p, as, NULL, 0) == 0);
		lux_free(p);
	}
}

/* regen writes a random expression over a, b for the glibc comparison */
static void
regen(char *s, int *n, int depth)
{
	int k;

	k = rng() % (depth > 3 ? 4 : 9);
	switch(k){
	case 0: s[(*n)++] = 'a'; break;
	case 1: s[(*n)++] = 'b'; break;
	case 2: s[(*n)++] = '.'; break;
	case 3: memcpy(s + *n, rng() % 2 ? "[ab]" : "[^a]", 4); *n += 4; break;
	case 4: case 5:
		regen(s, n, depth + 1);
		regen(s, n, depth + 1);
		break;
	case 6:
		s[(*n)++] = '(';
		regen(s, n, depth + 1);
		s[(*n)++] = '|';
		regen(s, n, depth + 1);
		s[(*n)++] = ')';
		break;
	default:
		s[(*n)++] = '(';
		regen(s, n, depth + 1);
		s[(*n)++] = ')';
		s[(*n)++] = "*+?"[rng() % 3];
		break;
	}
}

#include <regex.h>

static void
reglibc(void)
{
	char re[256], text[32];
	regex_t g;
	regmatch_t gm[1];
	LReprog *p;
	LResub m[1];
	int i, n, k, r1, r2, bad;

	bad = 0;
	for(i = 0; i < 3000; i++){
		n = 0;
		if(rng() % 4 == 0)
			re[n++] = '^';
		regen(re, &n, 0);
		if(rng() % 4 == 0)
			re[n++] = '$';
		re[n] = 0;
		k = rng() % 12;
		for(n = 0; n < k; n++)
			text[n] = "aab\n"[rng() % 4];
		text[n] = 0;
		if(regcomp(&g, re, REG_EXTENDED | REG_NEWLINE) != 0)
			continue;
		p = lux_regcomp(re);
		check(p != NULL);
		if(p == NULL)
			continue;
		r2 = regexec(&g, text, 1, gm, 0) == 0;
		memset(m, 0, sizeof m);
		r1 = lux_regexec(p, text, m, 1);
		if(r1 != r2 || (r1 && (m[0].s.sp - text != gm[0].rm_so || m[0].e.ep - text != gm[0].rm_eo))){
			if(bad++ < 5)
				fprintf(stderr, "regexp %s on \"%s\": got %d [%ld,%ld], glibc %d [%d,%d]\n", re, text,
					r1, r1 ? (long)(m[0].s.sp - text) : -1, r1 ? (long)(m[0].e.ep - text) : -1,
					r2, r2 ? (int)gm[0].rm_so : -1, r2 ? (int)gm[0].rm_eo : -1);
		}
		regfree(&g);
		lux_free(p);
	}
	if(bad > 0){
		failed++;
		fprintf(stderr, "regexp: %d of 3000 differ from glibc\n", bad);
	}
}

static void
stdiotest(void)
{
	LFILE *f;
	char buf[64], big[100];
	File *ff;
	int i;

	f = lux_fopen("/stdio", "w");
	check(f != NULL);
	check(lux_fprintf(f, "%d %s %5.2f\n", 42, "str", 3.14159) == 13);
	check(lux_fputs("second line\n", f) == 0);
	check(lux_fwrite("abc", 1, 3, f) == 3);
	check(lux_fclose(f) == 0);
	ff = filenamed("/stdio");
	check(ff->len == 28 && memcmp(ff->data, "42 str  3.14\nsecond line\nabc", 28) == 0);

	f = lux_fopen("/stdio", "r");
	check(lux_fgets(buf, sizeof buf, f) != NULL && strcmp(buf, "42 str  3.14\n") == 0);
	check(lux_fgetc(f) == 's' && lux_ungetc('S', f) == 'S' && lux_fgetc(f) == 'S');
	check(lux_fgets(buf, 5, f) != NULL && strcmp(buf, "econ") == 0);
	check(lux_ftell(f) == 18);
	check(lux_fread(buf, 1, sizeof buf, f) == 10 && lux_feof(f) && memcmp(buf, "d line\nabc", 10) == 0);
	check(lux_fgetc(f) == -1 && lux_fgets(buf, sizeof buf, f) == NULL);
	check(lux_fseek(f, 3, 0) == 0 && lux_fgetc(f) == 's');
	lux_fclose(f);

	lux_errno = 0;
	check(lux_fopen("/no/such", "r") == NULL && lux_errno == ENOENT);
	check(lux_fopen("/stdio", "r+") == NULL);
	f = lux_fopen("/stdio", "a");
	lux_fputs("++", f);
	lux_fclose(f);
	check(ff->len == 30 && memcmp(ff->data + 25, "abc++", 5) == 0);

	/* C's snprintf counts what did not fit */
	check(lux_snprintf(buf, 4, "%d-%s", 12345, "xy") == 8 && strcmp(buf, "123") == 0);
	check(lux_snprintf(NULL, 0, "%s", "abc") == 3);
	check(lux_sprintf(big, "%-6s|%06.1f|%x", "ab", -2.25, 255) == 16 && strcmp(big, "ab    |-002.2|ff") == 0);

	/* stdout is line buffered: nothing shows until the newline */
	outlen = 0;
	lux_printf("partial");
	check(outlen == 0);
	for(i = 0; i < 3; i++)
		lux_printf("%d", i);
	lux_puts(" done");
	check(outlen == 16 && memcmp(outbuf, "partial012 done\n", 16) == 0);
}

static void
dialtest(void)
{
	char dir[40], ndir[40], err[128];
	File *clone;
	int fd, ctl, lfd;

	checkeq("netmkaddr 1", lux_netmkaddr("host", "tcp", "http"), "tcp!host!http");
	checkeq("netmkaddr 2", lux_netmkaddr("host", "tcp", NULL), "tcp!host");
	checkeq("netmkaddr 3", lux_netmkaddr("udp!host", "tcp", "53"), "udp!host!53");
	checkeq("netmkaddr 4", lux_netmkaddr("udp!host!99", "tcp", "53"), "udp!host!99");

	addfile("/net/cs", "", 0);
	clone = addfile("/net/tcp/clone", "7\n", 2);
	addfile("/net/tcp/7/data", "", 0);
	fd = lux_dial("tcp!example!564", NULL, dir, &ctl);
	check(fd >= 0 && ctl >= 0);
	checkeq("dial dir", dir, "/net/tcp/7");
	check(memmem(clone->data, clone->len, "connect 10.0.0.1!564", 20) != NULL);
	check(lux_hangup(ctl) == 0 && memmem(clone->data, clone->len, "hangup", 6) != NULL);
	lux_close(fd);
	lux_close(ctl);

	addfile("/net/tcp/clone", "7\n", 2);	/* the fake's ctl writes overwrote the number */
	ctl = lux_announce("tcp!*!564", dir);
	check(ctl >= 0 && memmem(clone->data, clone->len, "announce 10.0.0.1!564", 21) != NULL);
	addfile("/net/tcp/7/listen", "9", 1);
	addfile("/net/tcp/9/data", "", 0);
	lfd = lux_listen(dir, ndir);
	checkeq("listen dir", ndir, "/net/tcp/9");
	fd = lux_accept(lfd, ndir);
	check(fd >= 0);
	lux_close(fd);
	lux_close(lfd);
	lux_close(ctl);

	/* a translation whose network is missing: the error says why */
	check(lux_dial("tcp!nohost!1", NULL, NULL, NULL) < 0);
	lux_rerrstr(err, sizeof err);
	checkeq("dial error", err, "file does not exist");

	/* without /net/cs, net!host!port goes straight to /net/net/clone */
	lux_remove("/net/cs");
	addfile("/net/udp/clone", "3", 1);
	addfile("/net/udp/3/data", "", 0);
	fd = lux_dial("udp!10.1.1.1!53", NULL, dir, NULL);
	check(fd >= 0);
	checkeq("dial without cs", dir, "/net/udp/3");
	check(memmem(filenamed("/net/udp/clone")->data, 40, "connect 10.1.1.1!53", 19) != NULL);
	lux_close(fd);
	check(lux_dial("nobang", NULL, NULL, NULL) < 0);
}

typedef struct Case Case;
struct Case {
	const char *name;
	void (*fn)(void);
};

static Case cases[] = {
	{"libc-fmt-numbers", fmtnumbers},
	{"libc-fmt-floats", fmtfloats},
	{"libc-fmt-plan9", fmtplan9},
	{"libc-utf", utftest},
	{"libc-strings", strtest},
	{"libc-qsort", qsorttest},
	{"libc-strtol", strtotest},
	{"libc-strtod", strtodtest},
	{"libc-getfields-tokenize", fieldstest},
	{"libc-cleanname", cleannametest},
	{"libc-malloc-stress", malloctest},
	{"libc-malloc-abuse", mallocabuse},
	{"libc-dir", dirtest},
	{"libc-wait", proctest},
	{"libc-env", envtest},
	{"libc-errstr-exits", errtest},
	{"libc-bio", biotest},
	{"libc-regexp", retest},
	{"libc-regexp-vs-glibc", reglibc},
	{"libc-stdio", stdiotest},
	{"libc-dial", dialtest},
};

int
main(int argc, char **argv)
{
	unsigned i;
	int bad;

	bad = 0;
	for(i = 0; i < sizeof cases / sizeof cases[0]; i++){
		if(argc > 1 && strcmp(argv[1], cases[i].name) != 0)
			continue;
		failed = 0;
		cases[i].fn();
		printf("%s: %s\n", failed ? "FAIL" : "PASS", cases[i].name);
		fflush(stdout);
		bad += failed != 0;
	}
	return bad != 0;
}
