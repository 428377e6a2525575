/*
 * Unit tests of the text-format numeric literals (lib/wasm/watnum.c):
 * hand cases for every rule of spec 6.3.1 and 6.3.2, then random
 * literals compared bit for bit with glibc's strtod and strtof, which
 * round correctly, and random integers against a 128-bit reference.
 * Prints one PASS:/FAIL: line per group.  Usage: watnumtest [seed]
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "watnum.h"

enum {
	Tokmax = 4096,
	Nrand = 200000,	/* random decimals per format */
	Nhex = 100000,	/* random hex floats per format */
	Nhalf = 20000,	/* random halfway points per format */
	Nint = 200000,
	Maxreport = 10,	/* failures printed per group */
};

static int bad;	/* failures in the current group */
static int failed;	/* groups failed */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

/* uniform in [lo, hi] */
static int64_t
rndin(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
}

static void
group(const char *name)
{
	printf("%s: watnum %s\n", bad ? "FAIL" : "PASS", name);
	if(bad)
		failed++;
	bad = 0;
}

static void
fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void
fail(const char *fmt, ...)
{
	va_list ap;

	if(bad++ >= Maxreport)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void
f64is(const char *s, uint64_t want)
{
	uint64_t b;
	int r;

	b = 0;
	r = watf64(s, strlen(s), &b);
	if(r != 0 || b != want)
		fail("f64 %.100s: got %d 0x%016llx, want 0x%016llx", s, r,
			(unsigned long long)b, (unsigned long long)want);
}

static void
f64bad(const char *s)
{
	uint64_t b;

	if(watf64(s, strlen(s), &b) != -1)
		fail("f64 %.100s: got 0x%016llx, want malformed", s, (unsigned long long)b);
}

static void
f32is(const char *s, uint32_t want)
{
	uint32_t b;
	int r;

	b = 0;
	r = watf32(s, strlen(s), &b);
	if(r != 0 || b != want)
		fail("f32 %.100s: got %d 0x%08x, want 0x%08x", s, r, b, want);
}

static void
f32bad(const char *s)
{
	uint32_t b;

	if(watf32(s, strlen(s), &b) != -1)
		fail("f32 %.100s: got 0x%08x, want malformed", s, b);
}

static void
intis(const char *s, int bits, int ok, uint64_t want)
{
	uint64_t v;
	int r;

	v = 0;
	r = watint(s, strlen(s), bits, &v);
	if(!ok && r != -1)
		fail("i%d %.100s: got 0x%llx, want malformed", bits, s, (unsigned long long)v);
	else if(ok && (r != 0 || v != want))
		fail("i%d %.100s: got %d 0x%llx, want 0x%llx", bits, s, r,
			(unsigned long long)v, (unsigned long long)want);
}

static void
uintis(const char *s, uint64_t max, int ok, uint64_t want)
{
	uint64_t v;
	int r;

	v = 0;
	r = watuint(s, strlen(s), max, &v);
	if(!ok && r != -1)
		fail("u<=%llu %.100s: got %llu, want malformed", (unsigned long long)max, s,
			(unsigned long long)v);
	else if(ok && (r != 0 || v != want))
		fail("u<=%llu %.100s: got %d %llu, want %llu", (unsigned long long)max, s, r,
			(unsigned long long)v, (unsigned long long)want);
}

static uint64_t
dbits(double d)
{
	uint64_t b;

	memcpy(&b, &d, 8);
	return b;
}

static uint32_t
fbits(float f)
{
	uint32_t b;

	memcpy(&b, &f, 4);
	return b;
}

static void
handint(void)
{
	static const char *malformed[] = {"", "+", "-", "0x", "+0x", "-0x", "1x", "0xg",
		"_1", "1_", "1__2", "0x_1", "0_x1", "0X1", "++1", "+-1", "1 ", " 1",
		"1.0", "1e3", "0x1p0", "a", "0x1_", "1_000_", "--1"};
	size_t i;

	for(i = 0; i < sizeof malformed / sizeof malformed[0]; i++){
		intis(malformed[i], 32, 0, 0);
		intis(malformed[i], 64, 0, 0);
		uintis(malformed[i], UINT64_MAX, 0, 0);
	}
	intis("0", 32, 1, 0);
	intis("-0", 32, 1, 0);
	intis("+0", 64, 1, 0);
	intis("0_123_456_789", 32, 1, 123456789);
	intis("0x0_9acf_fBDF", 32, 1, 0x9acffbdf);
	intis("0x0125_6789_ADEF_bcef", 64, 1, 0x01256789adefbcefULL);
	intis("00000000000000000000000000000000000000000001", 32, 1, 1);
	intis("1_2_3", 32, 1, 123);

	/* i32: unsigned form up to 2^32-1, + up to 2^31-1, - down to -2^31 */
	intis("4294967295", 32, 1, 0xffffffff);
	intis("0xffffffff", 32, 1, 0xffffffff);
	intis("0xffff_ffff", 32, 1, 0xffffffff);
	intis("4294967296", 32, 0, 0);
	intis("0x100000000", 32, 0, 0);
	intis("+2147483647", 32, 1, 0x7fffffff);
	intis("+0x7fffffff", 32, 1, 0x7fffffff);
	intis("+2147483648", 32, 0, 0);
	intis("+0x80000000", 32, 0, 0);
	intis("+4294967295", 32, 0, 0);
	intis("-2147483648", 32, 1, 0x80000000);
	intis("-0x80000000", 32, 1, 0x80000000);
	intis("-2147483649", 32, 0, 0);
	intis("-0x80000001", 32, 0, 0);
	intis("-1", 32, 1, 0xffffffff);
	intis("-0x1", 32, 1, 0xffffffff);
	intis("2147483648", 32, 1, 0x80000000);

	/* i64 */
	intis("18446744073709551615", 64, 1, UINT64_MAX);
	intis("0xffffffffffffffff", 64, 1, UINT64_MAX);
	intis("18446744073709551616", 64, 0, 0);
	intis("0x10000000000000000", 64, 0, 0);
	intis("99999999999999999999", 64, 0, 0);
	intis("+9223372036854775807", 64, 1, 0x7fffffffffffffffULL);
	intis("+0x7fffffffffffffff", 64, 1, 0x7fffffffffffffffULL);
	intis("+9223372036854775808", 64, 0, 0);
	intis("-9223372036854775808", 64, 1, 0x8000000000000000ULL);
	intis("-0x8000000000000000", 64, 1, 0x8000000000000000ULL);
	intis("-9223372036854775809", 64, 0, 0);
	intis("-0x8000000000000001", 64, 0, 0);
	intis("-1", 64, 1, UINT64_MAX);
	intis("-18446744073709551615", 64, 0, 0);
	intis("1", 16, 0, 0);

	/* watuint: no sign, value <= max */
	uintis("0", 0, 1, 0);
	uintis("1", 0, 0, 0);
	uintis("+1", 10, 0, 0);
	uintis("-1", 10, 0, 0);
	uintis("65536", 65536, 1, 65536);
	uintis("65537", 65536, 0, 0);
	uintis("0x1_0000", 65536, 1, 65536);
	uintis("0x1_0001", 65536, 0, 0);
	uintis("18446744073709551615", UINT64_MAX, 1, UINT64_MAX);
	uintis("18446744073709551616", UINT64_MAX, 0, 0);
	uintis("0xFFFF_FFFF_FFFF_FFFF", UINT64_MAX, 1, UINT64_MAX);
	uintis("4294967295", 0xffffffff, 1, 0xffffffff);
	uintis("4294967296", 0xffffffff, 0, 0);
	uintis("9", 8, 0, 0);
	uintis("8", 8, 1, 8);
	group("integer hand cases");
}

static void
handsyntax(void)
{
	static const char *ok[] = {"1", "1.", "1.5", "1.e5", "1.5e5", "1e5", "1E5", "1e+5", "1e-5",
		"1.5E-5", "0123456789.0123456789e019", "0123456789.e+019", "1_0.0_1e1_0",
		"0x1", "0x1.", "0x1.8", "0x1p0", "0x1P0", "0x1.p+1", "0x1.8p-1", "0xA.bCp0",
		"0x0123456789ABCDEF.019aFp-019", "0x1_f.f_fp1_0", "+1", "-1", "+0x1", "-0x1p1",
		"1e0_0", "0x1e", "0x1e5", "inf", "+inf", "-inf", "nan", "+nan", "-nan",
		"nan:0x1", "-nan:0x1_0", "0e99999999999999999999999999", "0x0p99999999999999999999"};
	static const char *malformed[] = {"", "+", "-", ".", ".0", ".0e0", "+.5", "0e", "0e+", "1e-",
		"0x", "0x.", "0x.1", "0x1p", "0x1p+", "0x1.p", "1p5", "0x1e+5", "1x", "0xg", "1_",
		"_1", "1__0", "1_.0", "1._0", "1.0_", "1_e5", "1e_5", "1e5_", "1e+_5", "0x_1",
		"0x1_p1", "0x1p_1", "0x1.0_", "+_1", "_+1", "++1", "+-1", "1.0.0", "1e5e5", "1e1.5",
		"0X1", "0x1P", "Inf", "INF", "infinity", "NaN", "nan:", "nan:0x", "nan:0x0",
		"nan:0x0_0", "nan:1", "nan:0X1", "nan:0x_1", "nan:0x1_", "-nan:0x", "nan:0x1p0",
		"+inf ", " 1", "1 ", "1f", "0x1pa", "1e0x1", "nan0x1", "in", "na", "infn"};
	size_t i;

	for(i = 0; i < sizeof ok / sizeof ok[0]; i++){
		uint32_t b32;
		uint64_t b64;

		if(watf32(ok[i], strlen(ok[i]), &b32) != 0)
			fail("f32 %s: malformed, want accepted", ok[i]);
		if(watf64(ok[i], strlen(ok[i]), &b64) != 0)
			fail("f64 %s: malformed, want accepted", ok[i]);
	}
	for(i = 0; i < sizeof malformed / sizeof malformed[0]; i++){
		f32bad(malformed[i]);
		f64bad(malformed[i]);
	}
	/* not NUL-terminated: the length decides */
	{
		uint64_t b;

		if(watf64("1.5e10xyz", 5, &b) != 0 || b != dbits(1.5e1))
			fail("f64 length 5 of 1.5e10xyz");
		if(watint("12345", 2, 32, &b) != 0 || b != 12)
			fail("i32 length 2 of 12345");
	}
	f64is("0x1e", dbits(30));
	f64is("0x1e5", dbits(0x1e5));
	f64is("1_0.0_1e1_0", dbits(10.01e10));
	f64is("0123456789.0123456789e019", dbits(0123456789.0123456789e019));
	f64is("0x1_f.f_fp1_0", dbits(0x1f.ffp10));
	group("float syntax");
}

static void
handspecial(void)
{
	f32is("inf", 0x7f800000);
	f32is("+inf", 0x7f800000);
	f32is("-inf", 0xff800000);
	f32is("nan", 0x7fc00000);
	f32is("+nan", 0x7fc00000);
	f32is("-nan", 0xffc00000);
	f32is("nan:0x1", 0x7f800001);
	f32is("-nan:0x1", 0xff800001);
	f32is("nan:0x7fffff", 0x7fffffff);
	f32is("nan:0x7f_ffff", 0x7fffffff);
	f32is("nan:0x400000", 0x7fc00000);
	f32bad("nan:0x800000");
	f32bad("nan:0xffffffffffffffffffff");
	f32bad("nan:0x0");
	f64is("inf", 0x7ff0000000000000ULL);
	f64is("-inf", 0xfff0000000000000ULL);
	f64is("nan", 0x7ff8000000000000ULL);
	f64is("-nan", 0xfff8000000000000ULL);
	f64is("nan:0x1", 0x7ff0000000000001ULL);
	f64is("nan:0xfffffffffffff", 0x7fffffffffffffffULL);
	f64is("-nan:0xfffffffffffff", 0xffffffffffffffffULL);
	f64bad("nan:0x10000000000000");
	f64is("nan:0x8000000000000", 0x7ff8000000000000ULL);
	f64is("nan:0x0000000000000000000001", 0x7ff0000000000001ULL);
	f64bad("nan:0x0");
	group("float inf and nan");
}

static void
handround(void)
{
	char buf[2048];

	/* zero keeps its sign */
	f32is("0", 0);
	f32is("-0", 0x80000000);
	f32is("-0.0e-999999", 0x80000000);
	f32is("-0x0p+99999", 0x80000000);
	f64is("-0", 0x8000000000000000ULL);
	f64is("+0.0", 0);
	f64is("-0x0.0p0", 0x8000000000000000ULL);

	/* f32 top: max finite, the halfway point to 2^128 rounds to infinity */
	f32is("0x1.fffffep127", 0x7f7fffff);
	f32is("-0x1.fffffep127", 0xff7fffff);
	f32is("0x1.fffffefffffffffffp127", 0x7f7fffff);
	f32bad("0x1.ffffffp127");
	f32bad("0x1p128");
	f32bad("-0x1p128");
	f32is("3.4028234663852886e38", 0x7f7fffff);
	f32is("3.4028235677973366e38", 0x7f7fffff);	/* just below halfway */
	f32bad("340282356779733661637539395458142568448");	/* halfway */
	f32is("340282356779733661637539395458142568447", 0x7f7fffff);
	f32bad("1e39");
	f32bad("1e999999999999999999999999");

	/* f32 bottom: 2^-149, its half (ties to even: zero), just above the half */
	f32is("0x1p-149", 1);
	f32is("0x1p-150", 0);
	f32is("0x1.000002p-150", 1);
	f32is("0x1.8p-149", 2);	/* tie between 1 and 2: even */
	f32is("0x1.8p-148", 3);	/* 3 exactly */
	f32is("0x1.4p-148", 2);	/* 2.5 ulps: tie, even */
	f32is("-0x1p-150", 0x80000000);
	f32is("1.401298464324817e-45", 1);
	f32is("7.00649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625e-46", 0);
	f32is("7.006492321624085354618647916449580656401309709382578858785341419448955413429303007433190941810607910156250000000001e-46", 1);
	f32is("7.0064923216240853546186479164495806564013097093825788587853414194489554134293e-46", 0);
	f32is("0x1.fffffcp-127", 0x007fffff);	/* largest subnormal */
	f32is("0x1.fffffep-127", 0x00800000);	/* rounds up to the smallest normal */
	f32is("0x1p-126", 0x00800000);
	f32is("1.1754942e-38", 0x007fffff);
	f32is("1.17549435e-38", 0x00800000);
	f32is("1e-46", 0);
	f32is("1e-400", 0);
	f32is("0x1p-10000", 0);

	/* f32 ties to even */
	f32is("16777216", 0x4b800000);
	f32is("16777217", 0x4b800000);
	f32is("16777218", 0x4b800001);
	f32is("16777219", 0x4b800002);
	f32is("16777217.000000000000000000000000000000000000000001", 0x4b800001);
	f32is("0x1.000001p0", 0x3f800000);
	f32is("0x1.000003p0", 0x3f800002);
	f32is("0x1.0000010000000000000000000001p0", 0x3f800001);
	f32is("0x1.00000100000000000p-50", 0x26800000);
	f32is("+0x1.00000100000000001p-50", 0x26800001);
	f32is("0x7F0FCA.cp-149", 0x007f0fcb);
	f32is("0x7dC.5e14P-138", 0x003ee2f1);
	f64is("0xBccCdd651F_a4.ECP-1070", 0x000bcccdd651fa4fULL);
	f32is("0.1", 0x3dcccccd);
	f32is("1", 0x3f800000);
	f32is("-1.5", 0xbfc00000);

	/* f64 top */
	f64is("0x1.fffffffffffffp1023", 0x7fefffffffffffffULL);
	f64is("0x1.fffffffffffff7ffffffffffffp1023", 0x7fefffffffffffffULL);
	f64bad("0x1.fffffffffffff8p1023");
	f64bad("0x1p1024");
	f64is("1.7976931348623157e308", 0x7fefffffffffffffULL);
	f64is("1.7976931348623158e308", 0x7fefffffffffffffULL);
	f64is("1.797693134862315807937289714053034150799e308", 0x7fefffffffffffffULL);
	f64bad("1.797693134862315807937289714053034150800e308");
	f64bad("1.7976931348623159e308");
	f64bad("1e309");
	f64bad("-1e309");
	f64bad("1e+100000");
	f64bad("0.0000000000000000000000000000001e+100000");
	f64bad("0x1p+10000");

	/* f64 bottom */
	f64is("0x1p-1074", 1);
	f64is("0x1p-1075", 0);
	f64is("0x1.0000000000001p-1075", 1);
	f64is("0x1.8p-1074", 2);
	f64is("4.9406564584124654e-324", 1);
	f64is("2.4703282292062327e-324", 0);
	f64is("2.4703282292062328e-324", 1);
	f64is("2.2250738585072011e-308", 0x000fffffffffffffULL);
	f64is("2.2250738585072014e-308", 0x0010000000000000ULL);
	f64is("0x0.fffffffffffff8p-1022", 0x0010000000000000ULL);
	f64is("0x0.fffffffffffff7p-1022", 0x000fffffffffffffULL);
	f64is("1e-324", 0);
	f64is("1e-400", 0);
	f64is("-1e-400", 0x8000000000000000ULL);
	f64is("0x1p-10000", 0);
	f64is("0x1p-99999999999999999999999999", 0);
	f64is("100000000000000000000000000000e-99999999999999999999999999", 0);

	/* f64 ties to even */
	f64is("9007199254740992", 0x4340000000000000ULL);
	f64is("9007199254740993", 0x4340000000000000ULL);
	f64is("9007199254740994", 0x4340000000000001ULL);
	f64is("9007199254740995", 0x4340000000000002ULL);
	f64is("9007199254740993.0000000000000000000000000000000000001", 0x4340000000000001ULL);
	f64is("9007199254740992.9999999999999999999999999999999999999", 0x4340000000000000ULL);
	f64is("0x1.00000000000008p0", 0x3ff0000000000000ULL);
	f64is("0x1.00000000000018p0", 0x3ff0000000000002ULL);
	f64is("0x1.000000000000080000000000000000001p0", 0x3ff0000000000001ULL);
	f64is("+0x8000000.000000400000000000p-627", dbits(0x1p-600));
	f64is("+0x8000000.000000400000000001p-627", dbits(0x1.0000000000001p-600));
	f64is("+0x8000000.000000c00000000000p-627", dbits(0x1.0000000000002p-600));
	f64is("0.1", 0x3fb999999999999aULL);
	f64is("1", 0x3ff0000000000000ULL);
	f64is("-2.5", 0xc004000000000000ULL);
	f64is("3.141592653589793", 0x400921fb54442d18ULL);
	f64is("0x1.921fb54442d18p+1", 0x400921fb54442d18ULL);
	f64is("123456789012345678901234567890", dbits(123456789012345678901234567890.0));

	/*
	 * Long mantissas: 1 followed by 1000 zeros is 1e1000 scaled down; a
	 * halfway point with a nonzero digit far past the 800 we keep.
	 */
	memset(buf, '0', 1001);
	buf[0] = '1';
	strcpy(buf + 1001, "e-1000");
	f64is(buf, dbits(1.0));
	f32is(buf, fbits(1.0f));
	strcpy(buf, "9007199254740993.");
	memset(buf + 17, '0', 1000);
	strcpy(buf + 1017, "1");
	f64is(buf, 0x4340000000000001ULL);
	buf[1017] = '0';
	f64is(buf, 0x4340000000000000ULL);
	memset(buf, '9', 1500);
	strcpy(buf + 1500, "e-1192");
	f64is(buf, dbits(1e308));
	strcpy(buf + 1500, "e-1191");
	f64bad(buf);
	memset(buf, '0', 1500);
	strcpy(buf + 1500, "1e-1");
	f64is(buf, dbits(0.1));
	strcpy(buf, "0.");
	memset(buf + 2, '0', 1500);
	strcpy(buf + 1502, "1e1500");
	f64is(buf, dbits(0.1));
	/* 2^-1075 exactly (tie: zero), then with a 1 far beyond: the largest divisor */
	snprintf(buf, sizeof buf, "%.800Le", ldexpl(1, -1075));
	f64is(buf, 0);
	f32is(buf, 0);
	memcpy(strchr(buf, 'e'), "00000000000000000000000000000000000000000000000001e-324", 56);
	f64is(buf, 1);
	buf[0] = '-';
	snprintf(buf + 1, sizeof buf - 1, "%.800Le", ldexpl(1, -1075));
	f64is(buf, 0x8000000000000000ULL);
	group("float rounding hand cases");
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

/* Append a digit run to p, with an underscore between digits now and then. */
static char *
digits(char *p, int n, int hex, int style)
{
	static const char hx[] = "0123456789abcdefABCDEF";
	int i, d;

	for(i = 0; i < n; i++){
		if(i > 0 && rnd() % 8 == 0)
			*p++ = '_';
		switch(style){
		case 0:
			d = rnd() % (hex ? 22 : 10);
			break;
		case 1:	/* mostly zeros */
			d = rnd() % 16 ? 0 : rnd() % 10;
			break;
		default:	/* mostly nines, or f */
			d = rnd() % 16 ? (hex ? 15 : 9) : rnd() % 10;
			break;
		}
		*p++ = hx[d];
	}
	return p;
}

static char *
expo(char *p, int hex, int64_t x, int must)
{
	if(x == 0 && !must && rnd() % 2)
		return p;
	*p++ = hex ? "pP"[rnd() % 2] : "eE"[rnd() % 2];
	if(x < 0)
		*p++ = '-';
	else if(rnd() % 2)
		*p++ = '+';
	if(rnd() % 8 == 0)
		*p++ = '0';
	return p + sprintf(p, "%lld", (long long)(x < 0 ? -x : x));
}

/*
 * A random decimal or hex literal whose magnitude is about 10^mag
 * (decimal) or 2^mag (hex).
 */
static void
genlit(char *tok, int hex, int64_t mag)
{
	char *p;
	int nd, ni, style;

	p = tok;
	switch(rnd() % 3){
	case 1: *p++ = '+'; break;
	case 2: *p++ = '-'; break;
	}
	if(hex){
		*p++ = '0';
		*p++ = 'x';
	}
	if(rnd() % 20 == 0)
		nd = rndin(hex ? 20 : 300, hex ? 250 : 1000);
	else
		nd = rndin(1, hex ? 20 : 60);
	style = rnd() % 8 < 6 ? 0 : 1 + rnd() % 2;
	ni = rnd() % 3 == 0 ? nd : rndin(1, nd);
	p = digits(p, ni, hex, style);
	if(ni < nd || rnd() % 4 == 0){
		*p++ = '.';
		p = digits(p, nd - ni, hex, style);
	}
	if(hex)
		p = expo(p, 1, mag - 4*ni, 0);
	else
		p = expo(p, 0, mag - ni, 0);
	*p = 0;
}

/*
 * glibc 2.36's strtof and strtod misround some hex subnormals
 * (0x7F0FCA.cp-149 gives f32 0x7f0fca, not 0x7f0fcb), so hex literals
 * are checked against strtold instead: zero every hex digit after the
 * 15th significant one (57 bits or more), setting the low bit of the
 * 15th if a nonzero one went.  That is round to odd, exact in a long
 * double, which then rounds to double or float correctly.
 */
static long double
hexodd(char *plain)
{
	char *p, *last;
	int sig, sticky, d;

	p = strchr(plain, 'x') + 1;
	sig = 0;
	sticky = 0;
	last = NULL;
	for(; *p && *p != 'p' && *p != 'P'; p++){
		if(*p == '.')
			continue;
		d = *p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10;
		if(sig == 0 && d == 0)
			continue;
		if(sig++ < 15){
			last = p;
			continue;
		}
		sticky |= d != 0;
		*p = '0';
	}
	if(sticky){
		d = *last <= '9' ? *last - '0' : (*last | 0x20) - 'a' + 10;
		*last = "0123456789abcdef"[d | 1];
	}
	return strtold(plain, NULL);
}

static void
randfloat(int hex, int is64, int count)
{
	static char tok[Tokmax], plain[Tokmax];
	uint64_t b64;
	uint32_t b32;
	int64_t mag;
	char *end;
	int i, r, nglibc;

	nglibc = 0;
	for(i = 0; i < count; i++){
		/* a quarter near the subnormals or the top */
		switch(rnd() % 8){
		case 0:
			if(hex)
				mag = is64 ? rndin(-1080, -1015) : rndin(-155, -120);
			else
				mag = is64 ? rndin(-326, -300) : rndin(-47, -35);
			break;
		case 1:
			if(hex)
				mag = is64 ? rndin(1015, 1030) : rndin(120, 132);
			else
				mag = is64 ? rndin(300, 312) : rndin(35, 42);
			break;
		default:
			if(hex)
				mag = is64 ? rndin(-1090, 1030) : rndin(-160, 132);
			else
				mag = is64 ? rndin(-335, 312) : rndin(-52, 42);
		}
		genlit(tok, hex, mag);
		strip(plain, tok);
		if(is64){
			double d = strtod(plain, &end);
			if(*end != 0){
				fail("strtod refuses %s", plain);
				continue;
			}
			if(hex){
				double g = hexodd(plain);
				nglibc += dbits(d) != dbits(g);
				d = g;
			}
			r = watf64(tok, strlen(tok), &b64);
			if(isinf(d) ? r != -1 : r != 0 || b64 != dbits(d))
				fail("f64 %s: got %d 0x%016llx, want 0x%016llx", tok, r,
					(unsigned long long)b64, (unsigned long long)dbits(d));
		}else{
			float f = strtof(plain, &end);
			if(*end != 0){
				fail("strtof refuses %s", plain);
				continue;
			}
			if(hex){
				float g = hexodd(plain);
				nglibc += fbits(f) != fbits(g);
				f = g;
			}
			r = watf32(tok, strlen(tok), &b32);
			if(isinf(f) ? r != -1 : r != 0 || b32 != fbits(f))
				fail("f32 %s: got %d 0x%08x, want 0x%08x", tok, r, b32, fbits(f));
		}
	}
	if(nglibc > 0)
		printf("note: glibc %s misrounded %d of %d hex literals\n", is64 ? "strtod" : "strtof",
			nglibc, count);
}

/*
 * Exact halfway points between neighbouring floats (long double holds a
 * double's midpoint exactly, double a float's), printed exactly in
 * decimal and hex, then nudged just above and just below.
 */
static void
halfway(int is64, int count)
{
	static char tok[Tokmax], dec[Tokmax];
	uint64_t b64, a64;
	uint32_t b32, a32;
	long double mid;
	char *e, *m;
	size_t n, k;
	int i, v, r;

	for(i = 0; i < count; i++){
		if(is64){
			double a, b;

			a64 = rnd() >> 1;
			if(i % 4 == 0)
				a64 &= 0x001fffffffffffffULL;	/* subnormals, smallest normals */
			else if(i % 4 == 1)
				a64 |= 0x7fe0000000000000ULL;	/* the top binade */
			if(a64 >= 0x7ff0000000000000ULL)
				a64 = 0x7fefffffffffffffULL;
			memcpy(&a, &a64, 8);
			b = nextafter(a, INFINITY);
			if(isinf(b))
				mid = (long double)a + ldexpl(1, 970);	/* half its ulp */
			else
				mid = (long double)a + ((long double)b - (long double)a) / 2;
			snprintf(dec, sizeof dec, "%.800Le", mid);
		}else{
			float a, b;

			a32 = rnd() >> 33;
			if(i % 4 == 0)
				a32 &= 0x00ffffff;
			else if(i % 4 == 1)
				a32 |= 0x7f000000;
			if(a32 >= 0x7f800000)
				a32 = 0x7f7fffff;
			memcpy(&a, &a32, 4);
			b = nextafterf(a, INFINITY);
			if(isinf(b))
				mid = (double)a + ldexp(1, 103);
			else
				mid = (double)a + ((double)b - (double)a) / 2;
			snprintf(dec, sizeof dec, "%.200Le", mid);
		}
		/* the digits before 'e', trailing zeros gone; the last is nonzero */
		e = strchr(dec, 'e');
		for(m = e; m[-1] == '0'; m--)
			;
		if(m[-1] == '.')
			m--;
		for(v = 0; v < 4; v++){
			n = m - dec;
			memcpy(tok, dec, n);
			switch(v){
			case 0:	/* exactly halfway */
				break;
			case 1:	/* just above */
				if(memchr(tok, '.', n) == NULL)
					tok[n++] = '.';
				k = 100 + rnd() % 900;
				memset(tok + n, '0', k);
				n += k;
				tok[n++] = '1';
				break;
			case 2:	/* just below */
				tok[n-1]--;
				if(memchr(tok, '.', n) == NULL)
					tok[n++] = '.';
				k = 1 + rnd() % 1000;
				memset(tok + n, '9', k);
				n += k;
				break;
			case 3:	/* hex, exactly */
				n = snprintf(tok, sizeof tok, "%La", mid);
				break;
			}
			if(v != 3)
				n += snprintf(tok + n, sizeof tok - n, "%s", e);
			tok[n] = 0;
			if(is64){
				double d = strtod(tok, NULL);
				r = watf64(tok, n, &b64);
				if(isinf(d) ? r != -1 : r != 0 || b64 != dbits(d))
					fail("f64 halfway %.60s... (%zu chars): got %d 0x%016llx, strtod 0x%016llx",
						tok, n, r, (unsigned long long)b64, (unsigned long long)dbits(d));
			}else{
				float f = strtof(tok, NULL);
				r = watf32(tok, n, &b32);
				if(isinf(f) ? r != -1 : r != 0 || b32 != fbits(f))
					fail("f32 halfway %.60s... (%zu chars): got %d 0x%08x, strtof 0x%08x",
						tok, n, r, b32, fbits(f));
			}
		}
	}
}

/* Random integer tokens against a 128-bit reference. */
static void
randint(void)
{
	static char tok[256];
	unsigned __int128 ref;
	uint64_t v, want, lim;
	char *p, *q;
	int i, hex, nd, neg, sign, bits, r, ok;

	for(i = 0; i < Nint; i++){
		p = tok;
		sign = rnd() % 3;
		if(sign)
			*p++ = sign == 1 ? '+' : '-';
		neg = sign == 2;
		hex = rnd() % 2;
		if(hex){
			*p++ = '0';
			*p++ = 'x';
		}
		nd = hex ? rndin(1, 20) : rndin(1, 24);
		q = p;
		p = digits(p, nd, hex, rnd() % 4 == 0 ? 1 + rnd() % 2 : 0);
		*p = 0;
		ref = 0;
		for(; *q; q++){
			int d;

			if(*q == '_')
				continue;
			d = *q <= '9' ? *q - '0' : (*q | 0x20) - 'a' + 10;
			ref = ref * (hex ? 16 : 10) + d;
		}
		bits = rnd() % 2 ? 32 : 64;
		if(!sign)
			lim = bits == 32 ? 0xffffffff : UINT64_MAX;
		else
			lim = ((uint64_t)1 << (bits-1)) - !neg;
		ok = ref <= lim;
		want = (uint64_t)ref;
		if(neg)
			want = -want;
		if(bits == 32)
			want &= 0xffffffff;
		v = 0;
		r = watint(tok, strlen(tok), bits, &v);
		if(ok ? r != 0 || v != want : r != -1)
			fail("i%d %s: got %d 0x%llx, want %s 0x%llx", bits, tok, r,
				(unsigned long long)v, ok ? "ok" : "malformed", (unsigned long long)want);
		if(sign)
			continue;
		lim = rnd() % 2 ? (uint64_t)ref + rndin(-2, 2) : rnd() >> (rnd() % 64);
		ok = ref <= lim;
		r = watuint(tok, strlen(tok), lim, &v);
		if(ok ? r != 0 || v != (uint64_t)ref : r != -1)
			fail("u<=%llu %s: got %d %llu, want %s", (unsigned long long)lim, tok, r,
				(unsigned long long)v, ok ? "ok" : "malformed");
	}
	group("random integers vs 128-bit reference");
}

int
main(int argc, char **argv)
{
	if(argc > 1)
		rng = strtoull(argv[1], NULL, 0) | 1;
	handint();
	handsyntax();
	handspecial();
	handround();
	randint();
	randfloat(0, 1, Nrand);
	group("random decimal f64 vs strtod");
	randfloat(0, 0, Nrand);
	group("random decimal f32 vs strtof");
	randfloat(1, 1, Nhex);
	group("random hex f64 vs strtold rounded to odd");
	randfloat(1, 0, Nhex);
	group("random hex f32 vs strtold rounded to odd");
	halfway(1, Nhalf);
	group("halfway points f64 vs strtod");
	halfway(0, Nhalf);
	group("halfway points f32 vs strtof");
	return failed != 0;
}
