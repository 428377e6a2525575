/*
 * valid.c - validate a function body and translate it, in the same
 * pass, into the interpreter's internal code (see exec.c).
 *
 * The internal code is an array of 64-bit cells: an operation number
 * followed by its immediates, already decoded.  Values live in 8-byte
 * slots; since validation knows the operand stack height at every
 * instruction, each branch carries the slot its results must move to,
 * so the interpreter never searches for a label.  Branch targets are
 * cell offsets relative to the immediate holding them; forward
 * branches are chained through those cells until their label's end
 * is reached, then patched.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "wasm.h"
#include "dat.h"

enum {
	Tunknown = 0,
	Nochain = -1,
};

typedef struct Ctl Ctl;
typedef struct Comp Comp;

struct Ctl {
	uint8_t op;		/* 0 function, 2 block, 3 loop, 4 if, 5 else */
	int np, nr;
	const uint8_t *pt, *rt;
	uint32_t height;	/* validator stack height below the params */
	int unreachable;
	int64_t start;		/* loop: first cell */
	int64_t chain;		/* forward branches to the end */
	int64_t elsecell;	/* if: the brunless target cell */
};

struct Comp {
	Wmodule *m;
	Rd r;
	const char *err;
	uint8_t *vals;
	uint32_t nvals, capvals;
	Ctl *ctls;
	uint32_t nctls, capctls;
	uint64_t *code;
	uint32_t ncode, capcode;
	uint8_t *locals;
	uint32_t nlocals;
	uint32_t maxh;
	int64_t last;		/* first cell of the last instruction, or -1 */
	int64_t last2;		/* and of the one before it */
	int64_t label;		/* no fusing across a branch target */
};

/* single[t] == t: the result list of a block typed by one value type. */
static const uint8_t single[256] = {
	[Wi32] = Wi32, [Wi64] = Wi64, [Wf32] = Wf32, [Wf64] = Wf64,
	[Wfuncref] = Wfuncref, [Wexternref] = Wexternref,
};

static int
fail(Comp *c, const char *msg)
{
	if(c->err == NULL)
		c->err = msg;
	return -1;
}

static int
emit(Comp *c, uint64_t v)
{
	uint64_t *p;
	uint32_t cap;

	if(c->ncode == c->capcode){
		cap = c->capcode ? c->capcode * 2 : 64;
		p = wrealloc(c->m->s, c->code, (size_t)cap * sizeof *p);
		if(p == NULL)
			return fail(c, "out of memory");
		c->code = p;
		c->capcode = cap;
	}
	c->code[c->ncode++] = v;
	return 0;
}

static int
isfused(Comp *c, int64_t at, uint64_t o, int64_t len)
{
	return at >= 0 && at >= c->label && at + len <= c->ncode && c->code[at] == o;
}

/*
 * Start an instruction, fusing it with the one before when they form
 * a common pair (a superinstruction saves a dispatch): const then
 * i32.add or i32.sub, local.get then that, const then an i32
 * comparison, i32.eqz then br_if, local.get then i32.add, br_if or i32.load,
 * two local.gets then i32.add.  Never across a label, where another
 * path may enter.
 */
static int
iop(Comp *c, uint64_t o)
{
	int64_t l;
	uint64_t imm;

	l = c->last;
	if((o == Oi32add || o == Oi32sub) && isfused(c, l, Oconst, 2) && l + 2 == c->ncode){
		imm = (uint32_t)c->code[l + 1];
		if(o == Oi32sub)
			imm = (uint32_t)-imm;
		if(isfused(c, c->last2, Olget, 2) && c->last2 + 2 == l){
			c->code[c->last2] = Olgetaddimm;
			c->code[c->last2 + 2] = imm;
			c->ncode = c->last2 + 3;
			c->last = c->last2;
			c->last2 = -1;
			return 0;
		}
		c->code[l] = Oi32addimm;
		c->code[l + 1] = imm;
		return 0;
	}
	if(o == Oi32add && isfused(c, l, Olget2, 3) && l + 3 == c->ncode){
		c->code[l] = Oaddl2;
		return 0;
	}
	if(o == Oi32add && isfused(c, l, Olget, 2) && l + 2 == c->ncode){
		c->code[l] = Oi32addl;
		return 0;
	}
	if(o == Oi32load && isfused(c, l, Olget, 2) && l + 2 == c->ncode){
		c->code[l] = Oi32loadl;	/* the caller adds the offset cell */
		return 0;
	}
	if(o == Obrif && isfused(c, l, Olget, 2) && l + 2 == c->ncode){
		c->code[l] = Obrifl;	/* the caller adds the target cell */
		return 0;
	}
	if(o >= Oi32eq && o <= Oi32geu && isfused(c, l, Oconst, 2) && l + 2 == c->ncode){
		c->code[l] = Oi32eqimm + (o - Oi32eq);
		return 0;
	}
	if(o == Obrif && isfused(c, l, Oi32eqz, 1) && l + 1 == c->ncode){
		c->code[l] = Obrunless;
		return 0;
	}
	c->last2 = c->last;
	c->last = c->ncode;
	return emit(c, o);
}

/* local.get: after local.set of the same local it is a local.tee. */
static int
lget(Comp *c, uint32_t x)
{
	int64_t l;

	l = c->last;
	if(isfused(c, l, Olset, 2) && l + 2 == c->ncode && c->code[l + 1] == x){
		c->code[l] = Oltee;
		return 0;
	}
	if(isfused(c, l, Olget, 2) && l + 2 == c->ncode){
		c->code[l] = Olget2;
		return emit(c, x);
	}
	if(iop(c, Olget) < 0)
		return -1;
	return emit(c, x);
}

static int
push(Comp *c, uint8_t t)
{
	uint8_t *p;
	uint32_t cap;

	if(c->nvals == c->capvals){
		cap = c->capvals ? c->capvals * 2 : 64;
		p = wrealloc(c->m->s, c->vals, cap);
		if(p == NULL)
			return fail(c, "out of memory");
		c->vals = p;
		c->capvals = cap;
	}
	c->vals[c->nvals++] = t;
	if(c->nvals > c->maxh)
		c->maxh = c->nvals;
	return 0;
}

static int
pop(Comp *c, uint8_t *t)
{
	Ctl *k;

	k = &c->ctls[c->nctls - 1];
	if(c->nvals == k->height){
		if(k->unreachable){
			*t = Tunknown;
			return 0;
		}
		return fail(c, "type mismatch");
	}
	*t = c->vals[--c->nvals];
	return 0;
}

static int
popt(Comp *c, uint8_t want)
{
	uint8_t t;

	if(pop(c, &t) < 0)
		return -1;
	if(t != want && t != Tunknown && want != Tunknown)
		return fail(c, "type mismatch");
	return 0;
}

static int
isref(uint8_t t)
{
	return t == Wfuncref || t == Wexternref;
}

static int
popn(Comp *c, int n, const uint8_t *t)
{
	int i;

	for(i = n - 1; i >= 0; i--)
		if(popt(c, t[i]) < 0)
			return -1;
	return 0;
}

static int
pushn(Comp *c, int n, const uint8_t *t)
{
	int i;

	for(i = 0; i < n; i++)
		if(push(c, t[i]) < 0)
			return -1;
	return 0;
}

static int
pushctl(Comp *c, uint8_t op, int np, const uint8_t *pt, int nr, const uint8_t *rt, uint8_t one)
{
	Ctl *k;
	uint32_t cap;

	if(c->nctls == c->capctls){
		cap = c->capctls ? c->capctls * 2 : 16;
		k = wrealloc(c->m->s, c->ctls, (size_t)cap * sizeof *k);
		if(k == NULL)
			return fail(c, "out of memory");
		c->ctls = k;
		c->capctls = cap;
	}
	k = &c->ctls[c->nctls++];
	memset(k, 0, sizeof *k);
	k->op = op;
	k->np = np;
	k->pt = pt;
	k->nr = nr;
	k->rt = rt != NULL ? rt : &single[one];
	k->height = c->nvals;
	k->start = c->ncode;
	c->label = c->ncode;
	k->chain = Nochain;
	k->elsecell = Nochain;
	return pushn(c, np, pt);
}

static void
unreachable(Comp *c)
{
	Ctl *k;

	k = &c->ctls[c->nctls - 1];
	c->nvals = k->height;
	k->unreachable = 1;
}

/* Resolve a chain of forward branch cells to the current position. */
static void
patch(Comp *c, int64_t chain)
{
	int64_t next;

	while(chain != Nochain){
		next = (int64_t)c->code[chain];
		c->code[chain] = (uint64_t)((int64_t)c->ncode - chain);
		chain = next;
	}
}

/* Emit the target cell of a branch to label k. */
static int
target(Comp *c, Ctl *k)
{
	if(k->op == 3)
		return emit(c, (uint64_t)(k->start - (int64_t)c->ncode));
	if(emit(c, (uint64_t)k->chain) < 0)
		return -1;
	k->chain = c->ncode - 1;
	return 0;
}

static int
labelarity(Ctl *k, int *n, const uint8_t **t)
{
	if(k->op == 3){
		*n = k->np;
		*t = k->pt;
	}else{
		*n = k->nr;
		*t = k->rt;
	}
	return 0;
}

/*
 * A branch to label depth l, conditional or not.  The values the
 * label takes are on top of the stack; they move down to the label's
 * height unless they are there already.
 */
static int
branch(Comp *c, uint32_t l, int cond)
{
	Ctl *k;
	int n;
	const uint8_t *t;
	uint32_t dest;

	if(l >= c->nctls)
		return fail(c, "unknown label");
	k = &c->ctls[c->nctls - 1 - l];
	labelarity(k, &n, &t);
	if(popn(c, n, t) < 0)
		return -1;
	dest = c->nlocals + k->height;
	if(k->op == 0 && !cond){
		if(iop(c, Oret) < 0 || emit(c, n) < 0)
			return -1;
	}else if(c->nvals == k->height){
		if(iop(c, cond ? Obrif : Ojump) < 0 || target(c, k) < 0)
			return -1;
	}else{
		if(iop(c, cond ? Obrifx : Obr) < 0 || target(c, k) < 0 ||
		   emit(c, dest) < 0 || emit(c, n) < 0)
			return -1;
	}
	return pushn(c, n, t);
}

static int
brtable(Comp *c)
{
	uint32_t n, i, l, first;
	Ctl *k;
	int ar, ar0, j;
	const uint8_t *t;

	if(wrcount(&c->r, 1, &n) < 0)
		return -1;
	if(popt(c, Wi32) < 0)
		return -1;
	if(iop(c, Obrtable) < 0 || emit(c, n) < 0)
		return -1;
	ar0 = -1;
	first = c->nvals;
	for(i = 0; i <= n; i++){
		if(wru32(&c->r, &l) < 0)
			return -1;
		if(l >= c->nctls)
			return fail(c, "unknown label");
		k = &c->ctls[c->nctls - 1 - l];
		labelarity(k, &ar, &t);
		if(ar0 < 0)
			ar0 = ar;
		else if(ar != ar0)
			return fail(c, "type mismatch");
		/* each label's types must match the operands */
		for(j = ar - 1; j >= 0; j--){
			uint8_t got;
			if(pop(c, &got) < 0)
				return -1;
			if(got != t[j] && got != Tunknown)
				return fail(c, "type mismatch");
		}
		c->nvals = first;
		/* a branch to the function label jumps to its final ret */
		if(target(c, k) < 0)
			return -1;
		if(emit(c, c->nlocals + k->height) < 0 || emit(c, ar) < 0)
			return -1;
	}
	unreachable(c);
	return 0;
}

static int
blocktype(Comp *c, int *np, const uint8_t **pt, int *nr, const uint8_t **rt, uint8_t *one)
{
	int64_t x;
	uint8_t b;

	if(c->r.p >= c->r.e)
		return fail(c, "unexpected end");
	b = *c->r.p;
	if(b == 0x40){
		c->r.p++;
		*np = *nr = 0;
		*pt = *rt = NULL;
		return 0;
	}
	if(b == Wi32 || b == Wi64 || b == Wf32 || b == Wf64 || b == Wfuncref || b == Wexternref){
		c->r.p++;
		*np = 0;
		*pt = NULL;
		*nr = 1;
		*one = b;
		*rt = NULL;
		return 0;
	}
	if(wrsleb(&c->r, 33, &x) < 0)
		return -1;
	if(x < 0 || (uint64_t)x >= c->m->ntypes)
		return fail(c, x < 0 ? "malformed value type" : "unknown type");
	*np = c->m->types[x].np;
	*pt = c->m->types[x].t;
	*nr = c->m->types[x].nr;
	*rt = c->m->types[x].t + *np;
	return 0;
}

static int
memarg(Comp *c, int natural, uint32_t *off)
{
	uint32_t align;

	if(wru32(&c->r, &align) < 0 || wru32(&c->r, off) < 0)
		return -1;
	if(c->m->nmems == 0)
		return fail(c, "unknown memory 0");
	if(align > (uint32_t)natural)
		return fail(c, "alignment must not be larger than natural");
	return 0;
}

static int
zerobyte(Comp *c)
{
	uint8_t b;

	if(wrbyte(&c->r, &b) < 0)
		return -1;
	if(b != 0)
		return fail(c, "zero byte expected");
	return 0;
}

/* Operand and result types of the plain numeric opcodes 0x45-0xc4. */
static int
numsig(uint8_t op, uint8_t *a, uint8_t *b, uint8_t *r)
{
	static const uint8_t cvt[][2] = {
		/* 0xa7 .. 0xc4: operand, result */
		{ Wi64, Wi32 }, { Wf32, Wi32 }, { Wf32, Wi32 }, { Wf64, Wi32 }, { Wf64, Wi32 },
		{ Wi32, Wi64 }, { Wi32, Wi64 }, { Wf32, Wi64 }, { Wf32, Wi64 }, { Wf64, Wi64 }, { Wf64, Wi64 },
		{ Wi32, Wf32 }, { Wi32, Wf32 }, { Wi64, Wf32 }, { Wi64, Wf32 }, { Wf64, Wf32 },
		{ Wi32, Wf64 }, { Wi32, Wf64 }, { Wi64, Wf64 }, { Wi64, Wf64 }, { Wf32, Wf64 },
		{ Wf32, Wi32 }, { Wf64, Wi64 }, { Wi32, Wf32 }, { Wi64, Wf64 },
		{ Wi32, Wi32 }, { Wi32, Wi32 }, { Wi64, Wi64 }, { Wi64, Wi64 }, { Wi64, Wi64 },
	};

	*b = 0;
	if(op == 0x45){ *a = Wi32; *r = Wi32; }
	else if(op <= 0x4f){ *a = *b = Wi32; *r = Wi32; }
	else if(op == 0x50){ *a = Wi64; *r = Wi32; }
	else if(op <= 0x5a){ *a = *b = Wi64; *r = Wi32; }
	else if(op <= 0x60){ *a = *b = Wf32; *r = Wi32; }
	else if(op <= 0x66){ *a = *b = Wf64; *r = Wi32; }
	else if(op <= 0x69){ *a = Wi32; *r = Wi32; }
	else if(op <= 0x78){ *a = *b = Wi32; *r = Wi32; }
	else if(op <= 0x7b){ *a = Wi64; *r = Wi64; }
	else if(op <= 0x8a){ *a = *b = Wi64; *r = Wi64; }
	else if(op <= 0x91){ *a = Wf32; *r = Wf32; }
	else if(op <= 0x98){ *a = *b = Wf32; *r = Wf32; }
	else if(op <= 0x9f){ *a = Wf64; *r = Wf64; }
	else if(op <= 0xa6){ *a = *b = Wf64; *r = Wf64; }
	else if(op <= 0xc4){ *a = cvt[op - 0xa7][0]; *r = cvt[op - 0xa7][1]; }
	else
		return -1;
	return 0;
}

static int
numop(Comp *c, uint8_t op)
{
	uint8_t a, b, r;

	if(numsig(op, &a, &b, &r) < 0)
		return fail(c, "illegal opcode");
	if(b != 0 && popt(c, b) < 0)
		return -1;
	if(popt(c, a) < 0)
		return -1;
	if(op >= 0xbc && op <= 0xbf)
		;	/* reinterpret: same bits, nothing to do */
	else if(op >= 0xc0){
		if(iop(c, Oi32ext8s + (op - 0xc0)) < 0)
			return -1;
	}else if(iop(c, Oi32eqz + (op - 0x45)) < 0)
		return -1;
	return push(c, r);
}

static int
tableidx(Comp *c, uint32_t *x)
{
	if(wru32(&c->r, x) < 0)
		return -1;
	if(*x >= c->m->ntables)
		return fail(c, "unknown table");
	return 0;
}

static int
prefixed(Comp *c)
{
	uint32_t sub, x, y;
	Wmodule *m;
	static const uint8_t satin[] = { Wf32, Wf32, Wf64, Wf64, Wf32, Wf32, Wf64, Wf64 };

	m = c->m;
	if(wru32(&c->r, &sub) < 0)
		return -1;
	if(sub <= 7){
		if(popt(c, satin[sub]) < 0 || iop(c, Oi32satf32s + sub) < 0)
			return -1;
		return push(c, sub < 4 ? Wi32 : Wi64);
	}
	switch(sub){
	case 8:		/* memory.init */
		if(wru32(&c->r, &x) < 0 || zerobyte(c) < 0)
			return -1;
		if(m->nmems == 0)
			return fail(c, "unknown memory 0");
		if(!m->hasdatacount)
			return fail(c, "data count section required");
		if(x >= m->datacount)
			return fail(c, "unknown data segment");
		if(popt(c, Wi32) < 0 || popt(c, Wi32) < 0 || popt(c, Wi32) < 0)
			return -1;
		return iop(c, Ominit) < 0 ? -1 : emit(c, x);
	case 9:		/* data.drop */
		if(wru32(&c->r, &x) < 0)
			return -1;
		if(!m->hasdatacount)
			return fail(c, "data count section required");
		if(x >= m->datacount)
			return fail(c, "unknown data segment");
		return iop(c, Oddrop) < 0 ? -1 : emit(c, x);
	case 10:	/* memory.copy */
	case 11:	/* memory.fill */
		if(zerobyte(c) < 0 || (sub == 10 && zerobyte(c) < 0))
			return -1;
		if(m->nmems == 0)
			return fail(c, "unknown memory 0");
		if(popt(c, Wi32) < 0 || popt(c, Wi32) < 0 || popt(c, Wi32) < 0)
			return -1;
		return iop(c, sub == 10 ? Omcopy : Omfill);
	case 12:	/* table.init elem table */
		if(wru32(&c->r, &x) < 0 || tableidx(c, &y) < 0)
			return -1;
		if(x >= m->nelems)
			return fail(c, "unknown elem segment");
		if(m->elems[x].type != m->tabtype[y])
			return fail(c, "type mismatch");
		if(popt(c, Wi32) < 0 || popt(c, Wi32) < 0 || popt(c, Wi32) < 0)
			return -1;
		return iop(c, Otinit) < 0 || emit(c, x) < 0 ? -1 : emit(c, y);
	case 13:	/* elem.drop */
		if(wru32(&c->r, &x) < 0)
			return -1;
		if(x >= m->nelems)
			return fail(c, "unknown elem segment");
		return iop(c, Oedrop) < 0 ? -1 : emit(c, x);
	case 14:	/* table.copy dst src */
		if(tableidx(c, &x) < 0 || tableidx(c, &y) < 0)
			return -1;
		if(m->tabtype[x] != m->tabtype[y])
			return fail(c, "type mismatch");
		if(popt(c, Wi32) < 0 || popt(c, Wi32) < 0 || popt(c, Wi32) < 0)
			return -1;
		return iop(c, Otcopy) < 0 || emit(c, x) < 0 ? -1 : emit(c, y);
	case 15:	/* table.grow */
		if(tableidx(c, &x) < 0)
			return -1;
		if(popt(c, Wi32) < 0 || popt(c, m->tabtype[x]) < 0)
			return -1;
		if(iop(c, Otgrow) < 0 || emit(c, x) < 0)
			return -1;
		return push(c, Wi32);
	case 16:	/* table.size */
		if(tableidx(c, &x) < 0)
			return -1;
		if(iop(c, Otsize) < 0 || emit(c, x) < 0)
			return -1;
		return push(c, Wi32);
	case 17:	/* table.fill */
		if(tableidx(c, &x) < 0)
			return -1;
		if(popt(c, Wi32) < 0 || popt(c, m->tabtype[x]) < 0 || popt(c, Wi32) < 0)
			return -1;
		return iop(c, Otfill) < 0 ? -1 : emit(c, x);
	}
	return fail(c, "illegal opcode");
}

static int
endop(Comp *c)
{
	Ctl *k;
	int i;

	k = &c->ctls[c->nctls - 1];
	if(popn(c, k->nr, k->rt) < 0)
		return -1;
	if(c->nvals != k->height)
		return fail(c, "type mismatch");
	if(k->op == 4){
		/* if without else: the missing else passes params through */
		if(k->np != k->nr)
			return fail(c, "type mismatch");
		for(i = 0; i < k->np; i++)
			if(k->pt[i] != k->rt[i])
				return fail(c, "type mismatch");
	}
	if(k->elsecell != Nochain)
		c->code[k->elsecell] = (uint64_t)((int64_t)c->ncode - k->elsecell);
	patch(c, k->chain);
	c->label = c->ncode;
	if(k->op == 0){
		if(iop(c, Oret) < 0 || emit(c, k->nr) < 0)
			return -1;
	}
	c->nctls--;
	if(c->nctls > 0)
		return pushn(c, k->nr, k->rt);
	return 0;
}

static int
instr(Comp *c, uint8_t op)
{
	Wmodule *m;
	Ctl *k;
	uint32_t x, y;
	int64_t sv;
	uint64_t v;
	uint8_t t, t2, one;
	int np, nr, i;
	const uint8_t *pt, *rt;
	Wtype *ft;
	static const uint8_t loadt[] = {
		Wi32, Wi64, Wf32, Wf64, Wi32, Wi32, Wi32, Wi32, Wi64, Wi64, Wi64, Wi64, Wi64, Wi64,
		Wi32, Wi64, Wf32, Wf64, Wi32, Wi32, Wi64, Wi64, Wi64,
	};
	static const uint8_t natural[] = {
		2, 3, 2, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2,
		2, 3, 2, 3, 0, 1, 0, 1, 2,
	};

	m = c->m;
	switch(op){
	case 0x00:
		if(iop(c, Ounreachable) < 0)
			return -1;
		unreachable(c);
		return 0;
	case 0x01:
		return 0;
	case 0x02:
	case 0x03:
		if(blocktype(c, &np, &pt, &nr, &rt, &one) < 0)
			return -1;
		if(popn(c, np, pt) < 0)
			return -1;
		return pushctl(c, op, np, pt, nr, rt, one);
	case 0x04:
		if(blocktype(c, &np, &pt, &nr, &rt, &one) < 0)
			return -1;
		if(popt(c, Wi32) < 0 || popn(c, np, pt) < 0)
			return -1;
		if(iop(c, Obrunless) < 0 || emit(c, 0) < 0)
			return -1;
		if(pushctl(c, op, np, pt, nr, rt, one) < 0)
			return -1;
		c->ctls[c->nctls - 1].elsecell = c->ncode - 1;
		return 0;
	case 0x05:
		k = &c->ctls[c->nctls - 1];
		if(k->op != 4)
			return fail(c, "else without if");
		if(popn(c, k->nr, k->rt) < 0)
			return -1;
		if(c->nvals != k->height)
			return fail(c, "type mismatch");
		if(iop(c, Ojump) < 0 || target(c, k) < 0)
			return -1;
		c->code[k->elsecell] = (uint64_t)((int64_t)c->ncode - k->elsecell);
		c->label = c->ncode;
		k->elsecell = Nochain;
		k->op = 5;
		k->unreachable = 0;
		return pushn(c, k->np, k->pt);
	case 0x0b:
		return endop(c);
	case 0x0c:
		if(wru32(&c->r, &x) < 0 || branch(c, x, 0) < 0)
			return -1;
		unreachable(c);
		return 0;
	case 0x0d:
		if(wru32(&c->r, &x) < 0 || popt(c, Wi32) < 0)
			return -1;
		return branch(c, x, 1);
	case 0x0e:
		return brtable(c);
	case 0x0f:
		k = &c->ctls[0];
		if(popn(c, k->nr, k->rt) < 0)
			return -1;
		if(iop(c, Oret) < 0 || emit(c, k->nr) < 0)
			return -1;
		unreachable(c);
		return 0;
	case 0x10:
		if(wru32(&c->r, &x) < 0)
			return -1;
		if(x >= m->nfuncs)
			return fail(c, "unknown function");
		ft = &m->types[m->functype[x]];
		if(popn(c, ft->np, ft->t) < 0)
			return -1;
		if(iop(c, Ocall) < 0 || emit(c, x) < 0)
			return -1;
		return pushn(c, ft->nr, ft->t + ft->np);
	case 0x11:
		if(wru32(&c->r, &x) < 0 || tableidx(c, &y) < 0)
			return -1;
		if(x >= m->ntypes)
			return fail(c, "unknown type");
		if(m->tabtype[y] != Wfuncref)
			return fail(c, "type mismatch");
		ft = &m->types[x];
		if(popt(c, Wi32) < 0 || popn(c, ft->np, ft->t) < 0)
			return -1;
		if(iop(c, Ocallind) < 0 || emit(c, x) < 0 || emit(c, y) < 0)
			return -1;
		return pushn(c, ft->nr, ft->t + ft->np);
	case 0x1a:
		if(pop(c, &t) < 0)
			return -1;
		return iop(c, Odrop);
	case 0x1b:
		if(popt(c, Wi32) < 0 || pop(c, &t) < 0 || pop(c, &t2) < 0)
			return -1;
		if(isref(t) || isref(t2))
			return fail(c, "type mismatch");
		if(t != t2 && t != Tunknown && t2 != Tunknown)
			return fail(c, "type mismatch");
		if(iop(c, Oselect) < 0)
			return -1;
		return push(c, t == Tunknown ? t2 : t);
	case 0x1c:
		if(wru32(&c->r, &x) < 0)
			return -1;
		if(x != 1)
			return fail(c, "invalid result arity");
		if(wrvaltype(&c->r, &t) < 0)
			return -1;
		if(popt(c, Wi32) < 0 || popt(c, t) < 0 || popt(c, t) < 0)
			return -1;
		if(iop(c, Oselect) < 0)
			return -1;
		return push(c, t);
	case 0x20:
	case 0x21:
	case 0x22:
		if(wru32(&c->r, &x) < 0)
			return -1;
		if(x >= c->nlocals)
			return fail(c, "unknown local");
		t = c->locals[x];
		if(op != 0x20 && popt(c, t) < 0)
			return -1;
		if(op == 0x20){
			if(lget(c, x) < 0)
				return -1;
		}else if(iop(c, op == 0x21 ? Olset : Oltee) < 0 || emit(c, x) < 0)
			return -1;
		return op == 0x21 ? 0 : push(c, t);
	case 0x23:
	case 0x24:
		if(wru32(&c->r, &x) < 0)
			return -1;
		if(x >= m->nglobals)
			return fail(c, "unknown global");
		t = m->globals[x].vt;
		if(op == 0x24){
			if(!m->globals[x].mut)
				return fail(c, "global is immutable");
			if(popt(c, t) < 0)
				return -1;
		}
		if(iop(c, op == 0x23 ? Ogget : Ogset) < 0 || emit(c, x) < 0)
			return -1;
		return op == 0x24 ? 0 : push(c, t);
	case 0x25:
	case 0x26:
		if(tableidx(c, &x) < 0)
			return -1;
		t = m->tabtype[x];
		if(op == 0x26 && popt(c, t) < 0)
			return -1;
		if(popt(c, Wi32) < 0)
			return -1;
		if(iop(c, op == 0x25 ? Otget : Otset) < 0 || emit(c, x) < 0)
			return -1;
		return op == 0x25 ? push(c, t) : 0;
	case 0x3f:
	case 0x40:
		if(zerobyte(c) < 0)
			return -1;
		if(m->nmems == 0)
			return fail(c, "unknown memory 0");
		if(op == 0x40 && popt(c, Wi32) < 0)
			return -1;
		if(iop(c, op == 0x3f ? Omsize : Omgrow) < 0)
			return -1;
		return push(c, Wi32);
	case 0x41:
		if(wrsleb(&c->r, 32, &sv) < 0)
			return -1;
		if(iop(c, Oconst) < 0 || emit(c, (uint32_t)sv) < 0)
			return -1;
		return push(c, Wi32);
	case 0x42:
		if(wrsleb(&c->r, 64, &sv) < 0)
			return -1;
		if(iop(c, Oconst) < 0 || emit(c, (uint64_t)sv) < 0)
			return -1;
		return push(c, Wi64);
	case 0x43:
	case 0x44:
		np = op == 0x43 ? 4 : 8;
		if(c->r.e - c->r.p < np)
			return fail(c, "unexpected end");
		v = 0;
		for(i = 0; i < np; i++)
			v |= (uint64_t)c->r.p[i] << (8 * i);
		c->r.p += np;
		if(iop(c, Oconst) < 0 || emit(c, v) < 0)
			return -1;
		return push(c, op == 0x43 ? Wf32 : Wf64);
	case 0xd0:
		if(wrreftype(&c->r, &t) < 0)
			return -1;
		if(iop(c, Oconst) < 0 || emit(c, 0) < 0)
			return -1;
		return push(c, t);
	case 0xd1:
		if(pop(c, &t) < 0)
			return -1;
		if(t != Tunknown && !isref(t))
			return fail(c, "type mismatch");
		if(iop(c, Orefisnull) < 0)
			return -1;
		return push(c, Wi32);
	case 0xd2:
		if(wru32(&c->r, &x) < 0)
			return -1;
		if(x >= m->nfuncs)
			return fail(c, "unknown function");
		if(!m->declared[x])
			return fail(c, "undeclared function reference");
		if(iop(c, Oreffunc) < 0 || emit(c, x) < 0)
			return -1;
		return push(c, Wfuncref);
	case 0xfc:
		return prefixed(c);
	}
	if(op >= 0x28 && op <= 0x3e){
		if(memarg(c, natural[op - 0x28], &x) < 0)
			return -1;
		t = loadt[op - 0x28];
		if(op >= 0x36){
			if(popt(c, t) < 0 || popt(c, Wi32) < 0)
				return -1;
		}else if(popt(c, Wi32) < 0)
			return -1;
		if(iop(c, Oi32load + (op - 0x28)) < 0 || emit(c, x) < 0)
			return -1;
		return op >= 0x36 ? 0 : push(c, t);
	}
	if(op >= 0x45 && op <= 0xc4)
		return numop(c, op);
	return fail(c, "illegal opcode");
}

static void
compfree(Comp *c)
{
	wfree(c->m->s, c->vals);
	wfree(c->m->s, c->ctls);
	wfree(c->m->s, c->locals);
	wfree(c->m->s, c->code);
}

int
wcompile(Wmodule *m, uint32_t fi, const uint8_t *b, size_t n, char *err, size_t nerr)
{
	Comp c;
	Wtype *ft;
	Wcode *wc;
	uint32_t ngroups, i, cnt;
	uint64_t total;
	uint8_t t, op;
	const uint8_t *save;

	memset(&c, 0, sizeof c);
	c.m = m;
	c.last = c.last2 = -1;
	c.r.p = b;
	c.r.e = b + n;
	ft = &m->types[m->functype[fi]];
	/* Count locals first, so the array is allocated once. */
	total = ft->np;
	if(wrcount(&c.r, 2, &ngroups) < 0)
		goto bad;
	save = c.r.p;
	for(i = 0; i < ngroups; i++){
		if(wru32(&c.r, &cnt) < 0 || wrvaltype(&c.r, &t) < 0)
			goto bad;
		total += cnt;
		if(total > Maxlocals){
			c.err = "too many locals";
			goto bad;
		}
	}
	c.locals = walloc(m->s, total + 1);
	if(c.locals == NULL){
		c.err = "out of memory";
		goto bad;
	}
	memcpy(c.locals, ft->t, ft->np);
	c.nlocals = ft->np;
	c.r.p = save;
	for(i = 0; i < ngroups; i++){
		wru32(&c.r, &cnt);
		wrvaltype(&c.r, &t);
		memset(c.locals + c.nlocals, t, cnt);
		c.nlocals += cnt;
	}
	if(pushctl(&c, 0, 0, NULL, ft->nr, ft->t + ft->np, 0) < 0)
		goto bad;
	while(c.nctls > 0){
		if(wrbyte(&c.r, &op) < 0)
			goto bad;
		if(instr(&c, op) < 0)
			goto bad;
	}
	if(c.r.p != c.r.e){
		c.err = "section size mismatch";
		goto bad;
	}
	wc = &m->codes[fi - m->nimpfuncs];
	wc->nlocals = c.nlocals;
	/* + 4: the call sequence zeroes up to four locals unconditionally */
	wc->maxstack = c.nlocals + c.maxh + 4;
	wc->code = c.code;
	wc->ncode = c.ncode;
	c.code = NULL;
	compfree(&c);
	return 0;
bad:
	if(c.err == NULL)
		c.err = c.r.err != NULL ? c.r.err : "invalid function";
	werr(err, nerr, "function %u: %s", (unsigned)fi, c.err);
	compfree(&c);
	return -1;
}
