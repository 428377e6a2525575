/*
 * exec.c - the interpreter.  The whole hot loop is wexec: threaded
 * dispatch (computed goto) over the pre-decoded cells made by
 * valid.c, with the stack pointer, frame pointer, program counter,
 * fuel and linear memory base held in locals so they stay in
 * registers.  Every memory and table access is bounds checked here;
 * the float operations that C's library would provide (ceil, floor,
 * trunc, nearest, min, max) are written out so that no libm is
 * needed.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "wasm.h"
#include "dat.h"

const char wasmexittrap[] = "exit";

static inline float
f32(uint64_t v)
{
	uint32_t u;
	float f;

	u = (uint32_t)v;
	memcpy(&f, &u, 4);
	return f;
}

static inline uint64_t
uf32(float f)
{
	uint32_t u;

	memcpy(&u, &f, 4);
	return u;
}

static inline double
f64(uint64_t v)
{
	double d;

	memcpy(&d, &v, 8);
	return d;
}

static inline uint64_t
uf64(double d)
{
	uint64_t u;

	memcpy(&u, &d, 8);
	return u;
}

/* Round toward zero; |x| >= 2^52 (or NaN, inf) is already integral. */
static inline double
trunc64(double x)
{
	double r;

	if(!(__builtin_fabs(x) < 4503599627370496.0))
		return x != x ? x + x : x;	/* NaN comes out quiet */
	r = (double)(int64_t)x;
	return __builtin_copysign(r, x);
}

static inline double
floor64(double x)
{
	double t;

	t = trunc64(x);
	if(t > x)
		t -= 1.0;
	return t;
}

static inline double
ceil64(double x)
{
	double t;

	t = trunc64(x);
	if(t < x)
		t += 1.0;
	return __builtin_copysign(t, x);
}

/* Round half to even: adding and subtracting 2^52 rounds in the FPU's
 * default mode, which is round-to-nearest-even. */
static inline double
nearest64(double x)
{
	volatile double big;
	double a;

	if(!(__builtin_fabs(x) < 4503599627370496.0))
		return x != x ? x + x : x;	/* NaN comes out quiet */
	big = 4503599627370496.0;
	a = __builtin_fabs(x) + big;
	a -= big;
	return __builtin_copysign(a, x);
}

static inline float
trunc32(float x)
{
	float r;

	if(!(__builtin_fabsf(x) < 8388608.0f))
		return x != x ? x + x : x;
	r = (float)(int32_t)x;
	return __builtin_copysignf(r, x);
}

static inline float
floor32(float x)
{
	float t;

	t = trunc32(x);
	if(t > x)
		t -= 1.0f;
	return t;
}

static inline float
ceil32(float x)
{
	float t;

	t = trunc32(x);
	if(t < x)
		t += 1.0f;
	return __builtin_copysignf(t, x);
}

static inline float
nearest32(float x)
{
	volatile float big;
	float a;

	if(!(__builtin_fabsf(x) < 8388608.0f))
		return x != x ? x + x : x;
	big = 8388608.0f;
	a = __builtin_fabsf(x) + big;
	a -= big;
	return __builtin_copysignf(a, x);
}

/* min and max: NaN in gives NaN out; -0 is less than +0. */
static inline uint64_t
min32(uint64_t a, uint64_t b)
{
	float x, y;

	x = f32(a);
	y = f32(b);
	if(x != x || y != y)
		return uf32(x + y);
	if(x == y)
		return (uint32_t)(a | b);
	return x < y ? (uint32_t)a : (uint32_t)b;
}

static inline uint64_t
max32(uint64_t a, uint64_t b)
{
	float x, y;

	x = f32(a);
	y = f32(b);
	if(x != x || y != y)
		return uf32(x + y);
	if(x == y)
		return (uint32_t)(a & b);
	return x > y ? (uint32_t)a : (uint32_t)b;
}

static inline uint64_t
min64(uint64_t a, uint64_t b)
{
	double x, y;

	x = f64(a);
	y = f64(b);
	if(x != x || y != y)
		return uf64(x + y);
	if(x == y)
		return a | b;
	return x < y ? a : b;
}

static inline uint64_t
max64(uint64_t a, uint64_t b)
{
	double x, y;

	x = f64(a);
	y = f64(b);
	if(x != x || y != y)
		return uf64(x + y);
	if(x == y)
		return a & b;
	return x > y ? a : b;
}

/* Saturating conversions: NaN gives 0, out of range clamps. */
static inline uint64_t
sat32s(double x)
{
	if(x != x)
		return 0;
	if(x <= -2147483648.0)
		return (uint32_t)INT32_MIN;
	if(x >= 2147483647.0)
		return INT32_MAX;
	return (uint32_t)(int32_t)x;
}

static inline uint64_t
sat32u(double x)
{
	if(x != x || x <= 0)
		return 0;
	if(x >= 4294967295.0)
		return UINT32_MAX;
	return (uint32_t)x;
}

static inline uint64_t
sat64s(double x)
{
	if(x != x)
		return 0;
	if(x < -9223372036854775808.0)
		return (uint64_t)INT64_MIN;
	if(x >= 9223372036854775808.0)
		return INT64_MAX;
	return (uint64_t)(int64_t)x;
}

static inline uint64_t
sat64u(double x)
{
	if(x != x || x <= 0)
		return 0;
	if(x >= 18446744073709551616.0)
		return UINT64_MAX;
	return (uint64_t)x;
}

static inline uint32_t
rotl32(uint32_t x, uint32_t n)
{
	n &= 31;
	return n == 0 ? x : (x << n) | (x >> (32 - n));
}

static inline uint64_t
rotl64(uint64_t x, uint64_t n)
{
	n &= 63;
	return n == 0 ? x : (x << n) | (x >> (64 - n));
}

static const uint64_t haltcode[] = { Ohalt };

static const char Eoob[] = "out of bounds memory access";
static const char Etable[] = "out of bounds table access";
static const char Ediv0[] = "integer divide by zero";
static const char Eovf[] = "integer overflow";
static const char Ecvt[] = "invalid conversion to integer";
static const char Edepth[] = "call stack exhausted";

/*
 * Run f.  Re-entrant: a host function may call wasmcall, which
 * continues on the same value and frame stacks above the caller's.
 */
const char *
wexec(Wstore *s, Wfunc *f, const uint64_t *args, uint64_t *results)
{
#define X(n) &&L##n,
	static const void *const labels[] = { WOPS };
#undef X
	uint64_t *sp, *fp, *stackend, *sp0;
	const uint64_t *pc;
	uint8_t *mb;
	uint64_t msz, a, b, ea, n, *d;
	int64_t fuel;
	uint32_t depth0, maxdepth, i, np, nr;
	Winst *inst;
	Wfunc *callee;
	Wframe *fr;
	Wcode *code;
	Wtable *t;
	Wmem *mem;
	const char *trap;
	uint64_t rbuf[Maxparams];

	trap = NULL;
	sp0 = s->sp;
	depth0 = s->depth;
	maxdepth = s->lim.maxdepth;
	stackend = s->stack + s->lim.stackslots;
	np = f->type->np;
	nr = f->type->nr;
	if((uint64_t)(stackend - sp0) < (uint64_t)np + nr + 1 || s->depth >= maxdepth)
		return Edepth;
	if(np > 0)
		memcpy(sp0, args, (size_t)np * 8);
	sp = sp0 + np;
	fp = sp0;
	fuel = s->fuel;
	inst = NULL;
	mb = NULL;
	msz = 0;
	pc = haltcode;
	callee = f;

#define RELOADMEM() do { \
		mem = inst != NULL ? inst->mem0 : NULL; \
		mb = mem != NULL ? mem->b : NULL; \
		msz = mem != NULL ? mem->size : 0; \
	} while(0)
#define NEXT() do { \
		if(__builtin_expect(--fuel < 0, 0)) \
			goto nofuel; \
		goto *labels[*pc++]; \
	} while(0)
#define TRAP(m) do { trap = (m); goto out; } while(0)
#define S(k) sp[-(k)]
#define BIN32(expr) do { a = (uint32_t)S(2); b = (uint32_t)S(1); sp--; S(1) = (uint32_t)(expr); NEXT(); } while(0)
#define BIN64(expr) do { a = S(2); b = S(1); sp--; S(1) = (expr); NEXT(); } while(0)
#define CMPF32(op) do { sp--; S(1) = f32(S(1)) op f32(sp[0]); NEXT(); } while(0)
#define CMPF64(op) do { sp--; S(1) = f64(S(1)) op f64(sp[0]); NEXT(); } while(0)
#define BINF32(op) do { sp--; S(1) = uf32(f32(S(1)) op f32(sp[0])); NEXT(); } while(0)
#define BINF64(op) do { sp--; S(1) = uf64(f64(S(1)) op f64(sp[0])); NEXT(); } while(0)
/* Float to integer, trapping on NaN and on values out of range. */
#define TRUNC(get, type, inrange, conv) do { \
		type x = get(S(1)); \
		if(x != x) \
			TRAP(Ecvt); \
		if(!(inrange)) \
			TRAP(Eovf); \
		S(1) = (conv); \
		NEXT(); \
	} while(0)
#define EA(size) do { \
		ea = (uint64_t)(uint32_t)S(1) + pc[0]; \
		if(ea + (size) > msz) \
			TRAP(Eoob); \
	} while(0)
#define LOAD(type, size, conv) do { \
		type v_; \
		EA(size); \
		memcpy(&v_, mb + ea, size); \
		S(1) = (conv)v_; \
		pc++; \
		NEXT(); \
	} while(0)
#define STORE(type, size) do { \
		type v_; \
		ea = (uint64_t)(uint32_t)S(2) + pc[0]; \
		if(ea + (size) > msz) \
			TRAP(Eoob); \
		v_ = (type)S(1); \
		memcpy(mb + ea, &v_, size); \
		sp -= 2; \
		pc++; \
		NEXT(); \
	} while(0)

	/* The initial call's frame returns to haltcode. */
	goto docall;

docall:
	np = callee->type->np;
	if(callee->host != NULL){
		nr = callee->type->nr;
		if(sp - np + nr > stackend)
			TRAP(Edepth);
		s->sp = sp;
		s->fuel = fuel;
		trap = callee->host(callee->aux, inst, sp - np, rbuf);
		fuel = s->fuel;
		if(trap != NULL)
			goto out;
		sp -= np;
		if(nr > 0)
			memcpy(sp, rbuf, (size_t)nr * 8);
		sp += nr;
		RELOADMEM();
		if(pc == haltcode)
			goto Lhalt;
		NEXT();
	}
	code = callee->code;
	if(s->depth + 1 >= maxdepth || sp - np + code->maxstack > stackend)
		TRAP(Edepth);
	fr = &s->frames[++s->depth];
	fr->pc = (uint64_t *)pc;
	fr->fp = fp;
	fr->inst = inst;
	fp = sp - np;
	n = code->nlocals - np;
	if(n <= 4){
		/* maxstack leaves room for these four stores; no memset call */
		sp[0] = sp[1] = sp[2] = sp[3] = 0;
	}else
		memset(sp, 0, n * 8);
	sp += n;
	pc = code->code;
	if(callee->inst != inst){
		inst = callee->inst;
		RELOADMEM();
	}
	NEXT();

Lunreachable:
	TRAP("unreachable");
Lnop:
	NEXT();
Lhalt:
	nr = f->type->nr;
	if(nr > 0)
		memcpy(results, sp - nr, (size_t)nr * 8);
	goto out;
Ljump:
	pc += (int64_t)pc[0];
	NEXT();
Lbrif:
	if((uint32_t)*--sp != 0)
		pc += (int64_t)pc[0];
	else
		pc++;
	NEXT();
Lbrunless:
	if((uint32_t)*--sp == 0)
		pc += (int64_t)pc[0];
	else
		pc++;
	NEXT();
Lbr:
	n = pc[2];
	d = fp + pc[1];
	if(n == 1)
		d[0] = sp[-1];
	else
		memmove(d, sp - n, n * 8);
	sp = d + n;
	pc += (int64_t)pc[0];
	NEXT();
Lbrifx:
	if((uint32_t)*--sp == 0){
		pc += 3;
		NEXT();
	}
	n = pc[2];
	d = fp + pc[1];
	memmove(d, sp - n, n * 8);
	sp = d + n;
	pc += (int64_t)pc[0];
	NEXT();
Lbrtable:
	i = (uint32_t)*--sp;
	if(i > pc[0])
		i = pc[0];
	pc += 1 + 3 * (uint64_t)i;
	n = pc[2];
	d = fp + pc[1];
	if(d != sp - n){
		memmove(d, sp - n, n * 8);
		sp = d + n;
	}
	pc += (int64_t)pc[0];
	NEXT();
Lret:
	n = pc[0];
	if(n == 1)
		fp[0] = sp[-1];
	else if(n > 0)
		memmove(fp, sp - n, n * 8);
	sp = fp + n;
	fr = &s->frames[s->depth--];
	pc = fr->pc;
	fp = fr->fp;
	if(fr->inst != inst){
		inst = fr->inst;
		RELOADMEM();
	}
	NEXT();
Lcall:
	callee = inst->funcs[*pc++];
	goto docall;
Lcallind:
	t = inst->tables[pc[1]];
	i = (uint32_t)*--sp;
	if(i >= t->size)
		TRAP("undefined element");
	if(t->e[i] == 0)
		TRAP("uninitialized element");
	callee = (Wfunc *)(uintptr_t)t->e[i];
	if(callee->type != &inst->m->types[pc[0]] && !wtypeeq(callee->type, &inst->m->types[pc[0]]))
		TRAP("indirect call type mismatch");
	pc += 2;
	goto docall;
Ldrop:
	sp--;
	NEXT();
Lselect:
	sp -= 2;
	if((uint32_t)sp[1] == 0)
		S(1) = sp[0];
	NEXT();
Llget:
	*sp++ = fp[*pc++];
	NEXT();
Llset:
	fp[*pc++] = *--sp;
	NEXT();
Lltee:
	fp[*pc++] = S(1);
	NEXT();
Lgget:
	*sp++ = inst->globals[*pc++]->v;
	NEXT();
Lgset:
	inst->globals[*pc++]->v = *--sp;
	NEXT();
Ltget:
	t = inst->tables[*pc++];
	i = (uint32_t)S(1);
	if(i >= t->size)
		TRAP(Etable);
	S(1) = t->e[i];
	NEXT();
Ltset:
	t = inst->tables[*pc++];
	i = (uint32_t)S(2);
	if(i >= t->size)
		TRAP(Etable);
	t->e[i] = S(1);
	sp -= 2;
	NEXT();
Ltsize:
	*sp++ = inst->tables[*pc++]->size;
	NEXT();
Ltgrow:
	t = inst->tables[*pc++];
	if(wtablegrow(s, t, (uint32_t)S(1), S(2), &i) < 0)
		i = UINT32_MAX;
	sp--;
	S(1) = i;
	NEXT();
Ltfill:
	t = inst->tables[*pc++];
	a = (uint32_t)S(3);
	n = (uint32_t)S(1);
	if(a + n > t->size)
		TRAP(Etable);
	for(ea = 0; ea < n; ea++)
		t->e[a + ea] = S(2);
	sp -= 3;
	NEXT();
Ltcopy:
	{
		Wtable *src;

		t = inst->tables[pc[0]];
		src = inst->tables[pc[1]];
		pc += 2;
		a = (uint32_t)S(3);
		b = (uint32_t)S(2);
		n = (uint32_t)S(1);
		if(a + n > t->size || b + n > src->size)
			TRAP(Etable);
		memmove(t->e + a, src->e + b, n * 8);
		sp -= 3;
	}
	NEXT();
Ltinit:
	t = inst->tables[pc[1]];
	i = (uint32_t)pc[0];
	pc += 2;
	a = (uint32_t)S(3);
	b = (uint32_t)S(2);
	n = (uint32_t)S(1);
	if(b + n > inst->elemn[i] || a + n > t->size)
		TRAP(Etable);
	if(n > 0)
		memcpy(t->e + a, inst->elems[i] + b, n * 8);
	sp -= 3;
	NEXT();
Ledrop:
	inst->elemn[*pc++] = 0;
	NEXT();
Li32load: LOAD(uint32_t, 4, uint64_t);
Li64load: LOAD(uint64_t, 8, uint64_t);
Lf32load: LOAD(uint32_t, 4, uint64_t);
Lf64load: LOAD(uint64_t, 8, uint64_t);
Li32load8s: LOAD(int8_t, 1, uint32_t);
Li32load8u: LOAD(uint8_t, 1, uint64_t);
Li32load16s: LOAD(int16_t, 2, uint32_t);
Li32load16u: LOAD(uint16_t, 2, uint64_t);
Li64load8s: LOAD(int8_t, 1, uint64_t);
Li64load8u: LOAD(uint8_t, 1, uint64_t);
Li64load16s: LOAD(int16_t, 2, uint64_t);
Li64load16u: LOAD(uint16_t, 2, uint64_t);
Li64load32s: LOAD(int32_t, 4, uint64_t);
Li64load32u: LOAD(uint32_t, 4, uint64_t);
Li32store: STORE(uint32_t, 4);
Li64store: STORE(uint64_t, 8);
Lf32store: STORE(uint32_t, 4);
Lf64store: STORE(uint64_t, 8);
Li32store8: STORE(uint8_t, 1);
Li32store16: STORE(uint16_t, 2);
Li64store8: STORE(uint8_t, 1);
Li64store16: STORE(uint16_t, 2);
Li64store32: STORE(uint32_t, 4);
Lmsize:
	*sp++ = msz / Pagesize;
	NEXT();
Lmgrow:
	s->fuel = fuel;
	switch(wmemgrow(s, inst->mem0, (uint32_t)S(1), &i)){
	case -2:
		TRAP("memory limit");
	case -1:
		i = UINT32_MAX;
		break;
	}
	S(1) = i;
	RELOADMEM();
	NEXT();
Lminit:
	{
		Wdata *dd;

		dd = &inst->m->data[*pc++];
		a = (uint32_t)S(3);
		b = (uint32_t)S(2);
		n = (uint32_t)S(1);
		ea = inst->datadrop[pc[-1]] ? 0 : dd->n;
		if(b + n > ea || a + n > msz)
			TRAP(Eoob);
		if(n > 0)
			memcpy(mb + a, dd->b + b, n);
		sp -= 3;
	}
	NEXT();
Lddrop:
	inst->datadrop[*pc++] = 1;
	NEXT();
Lmcopy:
	a = (uint32_t)S(3);
	b = (uint32_t)S(2);
	n = (uint32_t)S(1);
	if(a + n > msz || b + n > msz)
		TRAP(Eoob);
	if(n > 0)
		memmove(mb + a, mb + b, n);
	sp -= 3;
	NEXT();
Lmfill:
	a = (uint32_t)S(3);
	n = (uint32_t)S(1);
	if(a + n > msz)
		TRAP(Eoob);
	if(n > 0)
		memset(mb + a, (uint8_t)S(2), n);
	sp -= 3;
	NEXT();
Lconst:
	*sp++ = *pc++;
	NEXT();
Li32eqz:
	S(1) = (uint32_t)S(1) == 0;
	NEXT();
Li32eq: BIN32(a == b);
Li32ne: BIN32(a != b);
Li32lts: BIN32((int32_t)a < (int32_t)b);
Li32ltu: BIN32(a < b);
Li32gts: BIN32((int32_t)a > (int32_t)b);
Li32gtu: BIN32(a > b);
Li32les: BIN32((int32_t)a <= (int32_t)b);
Li32leu: BIN32(a <= b);
Li32ges: BIN32((int32_t)a >= (int32_t)b);
Li32geu: BIN32(a >= b);
Li64eqz:
	S(1) = S(1) == 0;
	NEXT();
Li64eq: BIN64(a == b);
Li64ne: BIN64(a != b);
Li64lts: BIN64((int64_t)a < (int64_t)b);
Li64ltu: BIN64(a < b);
Li64gts: BIN64((int64_t)a > (int64_t)b);
Li64gtu: BIN64(a > b);
Li64les: BIN64((int64_t)a <= (int64_t)b);
Li64leu: BIN64(a <= b);
Li64ges: BIN64((int64_t)a >= (int64_t)b);
Li64geu: BIN64(a >= b);
Lf32eq: CMPF32(==);
Lf32ne: CMPF32(!=);
Lf32lt: CMPF32(<);
Lf32gt: CMPF32(>);
Lf32le: CMPF32(<=);
Lf32ge: CMPF32(>=);
Lf64eq: CMPF64(==);
Lf64ne: CMPF64(!=);
Lf64lt: CMPF64(<);
Lf64gt: CMPF64(>);
Lf64le: CMPF64(<=);
Lf64ge: CMPF64(>=);
Li32clz:
	a = (uint32_t)S(1);
	S(1) = a == 0 ? 32 : __builtin_clz((uint32_t)a);
	NEXT();
Li32ctz:
	a = (uint32_t)S(1);
	S(1) = a == 0 ? 32 : __builtin_ctz((uint32_t)a);
	NEXT();
Li32popcnt:
	S(1) = __builtin_popcount((uint32_t)S(1));
	NEXT();
Li32add: BIN32(a + b);
Li32sub: BIN32(a - b);
Li32mul: BIN32(a * b);
Li32divs:
	a = (uint32_t)S(2);
	b = (uint32_t)S(1);
	if(b == 0)
		TRAP(Ediv0);
	if(a == 0x80000000 && b == 0xffffffff)
		TRAP(Eovf);
	sp--;
	S(1) = (uint32_t)((int32_t)a / (int32_t)b);
	NEXT();
Li32divu:
	a = (uint32_t)S(2);
	b = (uint32_t)S(1);
	if(b == 0)
		TRAP(Ediv0);
	sp--;
	S(1) = (uint32_t)(a / b);
	NEXT();
Li32rems:
	a = (uint32_t)S(2);
	b = (uint32_t)S(1);
	if(b == 0)
		TRAP(Ediv0);
	sp--;
	S(1) = b == 0xffffffff ? 0 : (uint32_t)((int32_t)a % (int32_t)b);
	NEXT();
Li32remu:
	a = (uint32_t)S(2);
	b = (uint32_t)S(1);
	if(b == 0)
		TRAP(Ediv0);
	sp--;
	S(1) = (uint32_t)(a % b);
	NEXT();
Li32and: BIN32(a & b);
Li32or: BIN32(a | b);
Li32xor: BIN32(a ^ b);
Li32shl: BIN32(a << (b & 31));
Li32shrs: BIN32((uint32_t)((int32_t)a >> (b & 31)));
Li32shru: BIN32(a >> (b & 31));
Li32rotl: BIN32(rotl32(a, b));
Li32rotr: BIN32(rotl32(a, 32 - (b & 31)));
Li64clz:
	S(1) = S(1) == 0 ? 64 : __builtin_clzll(S(1));
	NEXT();
Li64ctz:
	S(1) = S(1) == 0 ? 64 : __builtin_ctzll(S(1));
	NEXT();
Li64popcnt:
	S(1) = __builtin_popcountll(S(1));
	NEXT();
Li64add: BIN64(a + b);
Li64sub: BIN64(a - b);
Li64mul: BIN64(a * b);
Li64divs:
	a = S(2);
	b = S(1);
	if(b == 0)
		TRAP(Ediv0);
	if(a == 0x8000000000000000ull && b == UINT64_MAX)
		TRAP(Eovf);
	sp--;
	S(1) = (uint64_t)((int64_t)a / (int64_t)b);
	NEXT();
Li64divu:
	a = S(2);
	b = S(1);
	if(b == 0)
		TRAP(Ediv0);
	sp--;
	S(1) = a / b;
	NEXT();
Li64rems:
	a = S(2);
	b = S(1);
	if(b == 0)
		TRAP(Ediv0);
	sp--;
	S(1) = b == UINT64_MAX ? 0 : (uint64_t)((int64_t)a % (int64_t)b);
	NEXT();
Li64remu:
	a = S(2);
	b = S(1);
	if(b == 0)
		TRAP(Ediv0);
	sp--;
	S(1) = a % b;
	NEXT();
Li64and: BIN64(a & b);
Li64or: BIN64(a | b);
Li64xor: BIN64(a ^ b);
Li64shl: BIN64(a << (b & 63));
Li64shrs: BIN64((uint64_t)((int64_t)a >> (b & 63)));
Li64shru: BIN64(a >> (b & 63));
Li64rotl: BIN64(rotl64(a, b));
Li64rotr: BIN64(rotl64(a, 64 - (b & 63)));
Lf32abs:
	S(1) = (uint32_t)S(1) & 0x7fffffff;
	NEXT();
Lf32neg:
	S(1) = ((uint32_t)S(1)) ^ 0x80000000;
	NEXT();
Lf32ceil:
	S(1) = uf32(ceil32(f32(S(1))));
	NEXT();
Lf32floor:
	S(1) = uf32(floor32(f32(S(1))));
	NEXT();
Lf32trunc:
	S(1) = uf32(trunc32(f32(S(1))));
	NEXT();
Lf32nearest:
	S(1) = uf32(nearest32(f32(S(1))));
	NEXT();
Lf32sqrt:
	S(1) = uf32(__builtin_sqrtf(f32(S(1))));
	NEXT();
Lf32add: BINF32(+);
Lf32sub: BINF32(-);
Lf32mul: BINF32(*);
Lf32div: BINF32(/);
Lf32min:
	sp--;
	S(1) = min32(S(1), sp[0]);
	NEXT();
Lf32max:
	sp--;
	S(1) = max32(S(1), sp[0]);
	NEXT();
Lf32copysign:
	sp--;
	S(1) = ((uint32_t)S(1) & 0x7fffffff) | ((uint32_t)sp[0] & 0x80000000);
	NEXT();
Lf64abs:
	S(1) &= 0x7fffffffffffffffull;
	NEXT();
Lf64neg:
	S(1) ^= 0x8000000000000000ull;
	NEXT();
Lf64ceil:
	S(1) = uf64(ceil64(f64(S(1))));
	NEXT();
Lf64floor:
	S(1) = uf64(floor64(f64(S(1))));
	NEXT();
Lf64trunc:
	S(1) = uf64(trunc64(f64(S(1))));
	NEXT();
Lf64nearest:
	S(1) = uf64(nearest64(f64(S(1))));
	NEXT();
Lf64sqrt:
	S(1) = uf64(__builtin_sqrt(f64(S(1))));
	NEXT();
Lf64add: BINF64(+);
Lf64sub: BINF64(-);
Lf64mul: BINF64(*);
Lf64div: BINF64(/);
Lf64min:
	sp--;
	S(1) = min64(S(1), sp[0]);
	NEXT();
Lf64max:
	sp--;
	S(1) = max64(S(1), sp[0]);
	NEXT();
Lf64copysign:
	sp--;
	S(1) = (S(1) & 0x7fffffffffffffffull) | (sp[0] & 0x8000000000000000ull);
	NEXT();
Li32wrap:
	S(1) = (uint32_t)S(1);
	NEXT();
Li32truncf32s: TRUNC(f32, float, x >= -2147483648.0f && x < 2147483648.0f, (uint32_t)(int32_t)x);
Li32truncf32u: TRUNC(f32, float, x > -1.0f && x < 4294967296.0f, (uint32_t)x);
Li32truncf64s: TRUNC(f64, double, x > -2147483649.0 && x < 2147483648.0, (uint32_t)(int32_t)x);
Li32truncf64u: TRUNC(f64, double, x > -1.0 && x < 4294967296.0, (uint32_t)x);
Li64exti32s:
	S(1) = (uint64_t)(int64_t)(int32_t)S(1);
	NEXT();
Li64exti32u:
	S(1) = (uint32_t)S(1);
	NEXT();
Li64truncf32s: TRUNC(f32, float, x >= -9223372036854775808.0f && x < 9223372036854775808.0f, (uint64_t)(int64_t)x);
Li64truncf32u: TRUNC(f32, float, x > -1.0f && x < 18446744073709551616.0f, (uint64_t)x);
Li64truncf64s: TRUNC(f64, double, x >= -9223372036854775808.0 && x < 9223372036854775808.0, (uint64_t)(int64_t)x);
Li64truncf64u: TRUNC(f64, double, x > -1.0 && x < 18446744073709551616.0, (uint64_t)x);
Lf32convi32s:
	S(1) = uf32((float)(int32_t)S(1));
	NEXT();
Lf32convi32u:
	S(1) = uf32((float)(uint32_t)S(1));
	NEXT();
Lf32convi64s:
	S(1) = uf32((float)(int64_t)S(1));
	NEXT();
Lf32convi64u:
	S(1) = uf32((float)S(1));
	NEXT();
Lf32demote:
	S(1) = uf32((float)f64(S(1)));
	NEXT();
Lf64convi32s:
	S(1) = uf64((double)(int32_t)S(1));
	NEXT();
Lf64convi32u:
	S(1) = uf64((double)(uint32_t)S(1));
	NEXT();
Lf64convi64s:
	S(1) = uf64((double)(int64_t)S(1));
	NEXT();
Lf64convi64u:
	S(1) = uf64((double)S(1));
	NEXT();
Lf64promote:
	S(1) = uf64((double)f32(S(1)));
	NEXT();
Li32ext8s:
	S(1) = (uint32_t)(int32_t)(int8_t)S(1);
	NEXT();
Li32ext16s:
	S(1) = (uint32_t)(int32_t)(int16_t)S(1);
	NEXT();
Li64ext8s:
	S(1) = (uint64_t)(int64_t)(int8_t)S(1);
	NEXT();
Li64ext16s:
	S(1) = (uint64_t)(int64_t)(int16_t)S(1);
	NEXT();
Li64ext32s:
	S(1) = (uint64_t)(int64_t)(int32_t)S(1);
	NEXT();
Li32satf32s:
	S(1) = sat32s(f32(S(1)));
	NEXT();
Li32satf32u:
	S(1) = sat32u(f32(S(1)));
	NEXT();
Li32satf64s:
	S(1) = sat32s(f64(S(1)));
	NEXT();
Li32satf64u:
	S(1) = sat32u(f64(S(1)));
	NEXT();
Li64satf32s:
	S(1) = sat64s(f32(S(1)));
	NEXT();
Li64satf32u:
	S(1) = sat64u(f32(S(1)));
	NEXT();
Li64satf64s:
	S(1) = sat64s(f64(S(1)));
	NEXT();
Li64satf64u:
	S(1) = sat64u(f64(S(1)));
	NEXT();
Lrefisnull:
	S(1) = S(1) == 0;
	NEXT();
Lreffunc:
	*sp++ = (uint64_t)(uintptr_t)inst->funcs[*pc++];
	NEXT();
Llget2:
	sp[0] = fp[pc[0]];
	sp[1] = fp[pc[1]];
	sp += 2;
	pc += 2;
	NEXT();
Llgetaddimm:
	*sp++ = (uint32_t)(fp[pc[0]] + pc[1]);
	pc += 2;
	NEXT();
Li32addimm:
	S(1) = (uint32_t)(S(1) + *pc++);
	NEXT();
Li32addl:
	S(1) = (uint32_t)(S(1) + fp[*pc++]);
	NEXT();
Lbrifl:
	if((uint32_t)fp[pc[0]] != 0)
		pc += 1 + (int64_t)pc[1];
	else
		pc += 2;
	NEXT();
Li32loadl:
	{
		uint32_t v;

		ea = (uint64_t)(uint32_t)fp[pc[0]] + pc[1];
		if(ea + 4 > msz)
			TRAP(Eoob);
		memcpy(&v, mb + ea, 4);
		*sp++ = v;
		pc += 2;
	}
	NEXT();
Laddl2:
	*sp++ = (uint32_t)(fp[pc[0]] + fp[pc[1]]);
	pc += 2;
	NEXT();
#define CMPIMM(expr) do { a = (uint32_t)S(1); b = (uint32_t)*pc++; S(1) = (expr); NEXT(); } while(0)
Li32eqimm: CMPIMM(a == b);
Li32neimm: CMPIMM(a != b);
Li32ltsimm: CMPIMM((int32_t)a < (int32_t)b);
Li32ltuimm: CMPIMM(a < b);
Li32gtsimm: CMPIMM((int32_t)a > (int32_t)b);
Li32gtuimm: CMPIMM(a > b);
Li32lesimm: CMPIMM((int32_t)a <= (int32_t)b);
Li32leuimm: CMPIMM(a <= b);
Li32gesimm: CMPIMM((int32_t)a >= (int32_t)b);
Li32geuimm: CMPIMM(a >= b);

nofuel:
	fuel = 0;
	trap = "out of fuel";
out:
	s->fuel = fuel < 0 ? 0 : fuel;
	s->sp = sp0;
	s->depth = depth0;
	return trap;
}
