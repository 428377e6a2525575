/*
 * wattest.c - unit test of lib/wasm/wat.c: text modules that must
 * translate and compute a given value when their export "f" is
 * called, and hostile or wrong text that must be refused with a given
 * message (never a crash: run under ASan+UBSan).  Prints one PASS or
 * FAIL line per case; exit status 1 if any failed.
 */
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wasm.h"

static int failed;

static void *
hrealloc(void *aux, void *p, size_t n)
{
	(void)aux;
	if(n == 0){
		free(p);
		return NULL;
	}
	return realloc(p, n);
}

static const Walloc halloc = { hrealloc, NULL };

static void
result(int ok, const char *what, const char *detail)
{
	if(ok)
		printf("PASS: wat %s\n", what);
	else{
		printf("FAIL: wat %s: %s\n", what, detail);
		failed++;
	}
}

/* Translate text, load it, call "f" (no arguments) and compare the first result. */
static void
good(const char *what, const char *text, uint64_t want)
{
	Wlimits lim;
	Wstore *s;
	Wmodule *m;
	Winst *in;
	Wextern e;
	uint8_t *bin;
	size_t binlen;
	uint64_t res[16];
	char err[256], buf[300];
	const char *trap;

	if(watparse(&halloc, text, strlen(text), &bin, &binlen, err, sizeof err) < 0){
		result(0, what, err);
		return;
	}
	memset(&lim, 0, sizeof lim);
	lim.fuel = 1000000;
	s = wasmstore(&halloc, &lim);
	m = wasmload(s, bin, binlen, err, sizeof err);
	free(bin);
	in = m != NULL ? wasminstantiate(s, m, NULL, err, sizeof err) : NULL;
	if(in == NULL){
		result(0, what, err);
		wasmstorefree(s);
		return;
	}
	if(wasmexport(in, "f", &e) < 0 || e.kind != Wkfunc){
		result(0, what, "no function f");
		wasmstorefree(s);
		return;
	}
	memset(res, 0, sizeof res);
	trap = wasmcall(s, e.func, NULL, res);
	if(trap != NULL)
		result(0, what, trap);
	else{
		snprintf(buf, sizeof buf, "got %#llx, want %#llx", (unsigned long long)res[0],
			(unsigned long long)want);
		result(res[0] == want, what, buf);
	}
	wasmstorefree(s);
}

/* watparse (or, if it accepts, wasmload) must refuse text with a message containing msg. */
static void
bad(const char *what, const char *text, size_t n, const char *msg)
{
	Wstore *s;
	Wmodule *m;
	uint8_t *bin;
	size_t binlen;
	char err[256], buf[400];

	if(watparse(&halloc, text, n, &bin, &binlen, err, sizeof err) == 0){
		s = wasmstore(&halloc, NULL);
		m = wasmload(s, bin, binlen, err, sizeof err);
		free(bin);
		wasmstorefree(s);
		if(m != NULL){
			result(0, what, "accepted");
			return;
		}
	}
	snprintf(buf, sizeof buf, "message \"%s\", want \"%s\"", err, msg);
	result(strstr(err, msg) != NULL, what, buf);
}

static void
bads(const char *what, const char *text, const char *msg)
{
	bad(what, text, strlen(text), msg);
}

/* n copies of a, then n copies of b. */
static char *
nest(const char *a, const char *mid, const char *b, int n)
{
	size_t la, lm, lb;
	char *s, *p;
	int i;

	la = strlen(a);
	lm = strlen(mid);
	lb = strlen(b);
	s = malloc(n * (la + lb) + lm + 1);
	p = s;
	for(i = 0; i < n; i++, p += la)
		memcpy(p, a, la);
	memcpy(p, mid, lm);
	p += lm;
	for(i = 0; i < n; i++, p += lb)
		memcpy(p, b, lb);
	*p = 0;
	return s;
}

int
main(void)
{
	char *s;

	good("folded and flat instructions",
		"(module (func (export \"f\") (result i32)\n"
		"  (i32.add (i32.const 40) (i32.const 2))\n"
		"  i32.const 3 i32.mul))", 126);
	good("named locals, params and a loop",
		"(module (func $sum (param $n i32) (result i32) (local $acc i32)\n"
		"  (block $out (loop $top\n"
		"    (br_if $out (i32.eqz (local.get $n)))\n"
		"    (local.set $acc (i32.add (local.get $acc) (local.get $n)))\n"
		"    (local.set $n (i32.sub (local.get $n) (i32.const 1)))\n"
		"    (br $top)))\n"
		"  local.get $acc)\n"
		" (func (export \"f\") (result i32) (call $sum (i32.const 100))))", 5050);
	good("fields alone, without (module)",
		"(func (export \"f\") (result i64) i64.const -1)", UINT64_MAX);
	good("comments, underscores and hex",
		";; line comment\n(module (; block (; nested ;) ;)\n"
		" (func (export \"f\") (result i32) i32.const 0x7fff_ffff))", 0x7fffffff);
	good("f64 literal bits",
		"(module (func (export \"f\") (result f64) f64.const 0x1.8p1))", 0x4008000000000000ull);
	good("f32 nan payload",
		"(module (func (export \"f\") (result f32) f32.const -nan:0x1234))", 0xff801234);
	good("data string with escapes, a named memory",
		"(module (memory $m 1) (data (i32.const 8) \"\\41\\u{42}C\")\n"
		" (func (export \"f\") (result i32) (i32.load (i32.const 8))))", 0x434241);
	good("if/else with result and a typeuse",
		"(module (type $t (func (param i32) (result i32)))\n"
		" (func $g (type $t) (if (result i32) (local.get 0) (then (i32.const 7)) (else (i32.const 9))))\n"
		" (table funcref (elem $g))\n"
		" (func (export \"f\") (result i32) (call_indirect (type $t) (i32.const 0) (i32.const 0))))", 9);
	good("module binary",
		"(module binary \"\\00asm\" \"\\01\\00\\00\\00\"\n"
		" \"\\01\\05\\01\\60\\00\\01\\7f\" \"\\03\\02\\01\\00\" \"\\07\\05\\01\\01f\\00\\00\"\n"
		" \"\\0a\\06\\01\\04\\00\\41\\2a\\0b\")", 42);
	good("module quote",
		"(module quote \"(func (export \\\"f\\\") (result i32)\" \" i32.const 5)\")", 5);

	bads("unknown operator", "(module (func i32.foo))", "unknown operator i32.foo");
	bads("the position of an error", "(module\n  (func\n    nop nope))", "line 3, col 9");
	bads("unknown label", "(module (func (br $nowhere)))", "unknown label");
	bads("unknown local", "(module (func (local.get $x) drop))", "unknown local");
	bads("duplicate local", "(module (func (param $a i32) (local $a i32)))", "duplicate local");
	bads("i32 constant out of range", "(module (func i32.const 0x1_0000_0000 drop))",
		"i32 constant out of range");
	bads("an underscore not between digits", "(module (func i32.const 1__0 drop))", "constant out of range");
	bads("unterminated string", "(module (export \"f", "line 1");
	bads("unterminated block comment", "(module (; never closed", "line 1");
	bads("unbalanced (", "(module (func)", "unexpected end");
	bads("a stray )", "(module))", "unexpected");
	bads("import after a definition", "(module (func) (import \"a\" \"b\" (func)))", "import after");
	bads("malformed UTF-8 in a name", "(module (func (export \"\\ff\")))", "malformed UTF-8");
	bads("mismatching label", "(module (func block $a end $b))", "mismatching label");
	bad("a NUL byte", "(module (func\0))", 15, "line 1");
	/* found by watfuzz: a "(" as the last token ran past the token array */
	bads("a last ( after a field", "(func i32.const 0 if $fu if $fungnconst00 if $a el $a $l)(", "unknown module field");
	bads("a last (", "(", "unknown module field");
	bads("empty (module", "(module", "unexpected end");
	s = nest("(", "", ")", 200000);
	bads("200,000 nested parentheses", s, "nesting too deep");
	free(s);
	s = nest("(block ", "nop", ")", 20000);
	{
		char *m;

		m = malloc(strlen(s) + 32);
		sprintf(m, "(module (func %s))", s);
		bads("20,000 nested blocks", m, "nesting too deep");
		free(m);
	}
	free(s);

	printf("%d failed\n", failed);
	return failed != 0;
}
