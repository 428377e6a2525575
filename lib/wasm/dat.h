/*
 * dat.h - lib/wasm internal types.  Only lib/wasm includes this.
 */

typedef struct Wtype Wtype;
typedef struct Wimp Wimp;
typedef struct Wexp Wexp;
typedef struct Wglobdef Wglobdef;
typedef struct Welem Welem;
typedef struct Wdata Wdata;
typedef struct Wcode Wcode;
typedef struct Wlim Wlim;
typedef struct Wframe Wframe;
typedef struct Rd Rd;

/* A bounds-checked reader over part of a module. */
struct Rd {
	const uint8_t *p;
	const uint8_t *e;
	const char *err;
};

enum {
	Maxlocals = 50000,
	Maxparams = 1000,
	Pagesize = 65536,
	Maxpages = 65536,
};

struct Wlim {
	uint32_t min;
	uint32_t max;
	int hasmax;
};

struct Wtype {
	int np;
	int nr;
	uint8_t *t;	/* np params then nr results */
};

struct Wimp {
	char *mod;
	char *name;
	uint32_t modlen;	/* names may hold NUL bytes */
	uint32_t namelen;
	int kind;
	uint32_t type;	/* func: type index */
	uint8_t vt;	/* global: value type; table: element type */
	uint8_t mut;
	Wlim lim;
};

struct Wexp {
	char *name;
	uint32_t namelen;
	int kind;
	uint32_t idx;
};

/* A constant expression: an opcode and its operand. */
typedef struct Wconst Wconst;
struct Wconst {
	int op;		/* 0x41 i32.const ... 0xd0 ref.null, 0xd2 ref.func, 0x23 global.get */
	uint64_t v;
};

struct Wglobdef {
	uint8_t vt;
	uint8_t mut;
	Wconst init;
};

enum {
	Elactive,
	Elpassive,
	Eldeclared,
};

struct Welem {
	int mode;
	uint8_t type;
	uint32_t table;
	Wconst off;
	uint32_t n;
	Wconst *init;
};

struct Wdata {
	int active;
	uint32_t mem;
	Wconst off;
	uint32_t n;
	const uint8_t *b;	/* copy owned by the module */
};

/* A compiled function body. */
struct Wcode {
	uint32_t nlocals;	/* params + declared locals */
	uint32_t maxstack;	/* locals + deepest operand stack */
	uint64_t *code;
	uint32_t ncode;
};

struct Wmodule {
	Wstore *s;
	uint32_t ntypes;
	Wtype *types;
	uint32_t nimps;
	Wimp *imps;
	uint32_t nfuncs;	/* imported + defined */
	uint32_t nimpfuncs;
	uint32_t *functype;	/* type index per function */
	Wcode *codes;		/* per defined function */
	uint32_t ntables;
	uint32_t nimptables;
	Wlim *tablim;
	uint8_t *tabtype;
	uint32_t nmems;
	uint32_t nimpmems;
	Wlim *memlim;
	uint32_t nglobals;
	uint32_t nimpglobals;
	Wglobdef *globals;	/* all globals; imported ones have no init */
	uint32_t nexps;
	Wexp *exps;
	int hasstart;
	uint32_t start;
	uint32_t nelems;
	Welem *elems;
	int hasdatacount;
	uint32_t datacount;
	uint32_t ndata;
	Wdata *data;
	uint8_t *declared;	/* function may be named by ref.func */
	Wmodule *next;
};

struct Wfunc {
	Wtype *type;
	Winst *inst;		/* NULL for host functions */
	Wcode *code;
	Whostfn *host;
	void *aux;
	Wfunc *next;		/* store's list */
};

struct Wtable {
	uint8_t type;
	uint32_t size;
	uint32_t max;
	int hasmax;
	uint64_t *e;
	Wtable *next;
};

struct Wmem {
	uint8_t *b;
	uint64_t size;		/* bytes */
	uint32_t max;		/* pages */
	int hasmax;
	Wmem *next;
};

struct Wglobal {
	uint8_t vt;
	uint8_t mut;
	uint64_t v;
	Wglobal *next;
};

struct Winst {
	Wstore *s;
	Wmodule *m;
	Wfunc **funcs;
	Wtable **tables;
	Wmem **mems;
	Wmem *mem0;
	Wglobal **globals;
	uint64_t **elems;	/* per segment, NULL once dropped */
	uint32_t *elemn;
	uint8_t *datadrop;
	Winst *next;
};

struct Wframe {
	uint64_t *pc;
	uint64_t *fp;
	Winst *inst;
};

struct Wstore {
	Walloc a;
	Wlimits lim;
	int64_t fuel;
	int exitcode;
	uint64_t *stack;
	uint64_t *sp;		/* first free slot */
	Wframe *frames;
	uint32_t depth;
	Wmodule *mods;
	Winst *insts;
	Wfunc *funcs;
	Wtable *tables;
	Wmem *mems;
	Wglobal *globals;
	void **extra;		/* other allocations freed with the store */
	size_t nextra;
};

/* Internal operation codes of the compiled form; see exec.c. */
#define WOPS \
	X(unreachable) X(nop) X(halt) \
	X(jump) X(brif) X(brunless) X(br) X(brifx) X(brtable) X(ret) \
	X(call) X(callind) X(drop) X(select) \
	X(lget) X(lset) X(ltee) X(gget) X(gset) \
	X(tget) X(tset) X(tsize) X(tgrow) X(tfill) X(tcopy) X(tinit) X(edrop) \
	X(i32load) X(i64load) X(f32load) X(f64load) \
	X(i32load8s) X(i32load8u) X(i32load16s) X(i32load16u) \
	X(i64load8s) X(i64load8u) X(i64load16s) X(i64load16u) X(i64load32s) X(i64load32u) \
	X(i32store) X(i64store) X(f32store) X(f64store) \
	X(i32store8) X(i32store16) X(i64store8) X(i64store16) X(i64store32) \
	X(msize) X(mgrow) X(minit) X(ddrop) X(mcopy) X(mfill) \
	X(const) \
	X(i32eqz) X(i32eq) X(i32ne) X(i32lts) X(i32ltu) X(i32gts) X(i32gtu) \
	X(i32les) X(i32leu) X(i32ges) X(i32geu) \
	X(i64eqz) X(i64eq) X(i64ne) X(i64lts) X(i64ltu) X(i64gts) X(i64gtu) \
	X(i64les) X(i64leu) X(i64ges) X(i64geu) \
	X(f32eq) X(f32ne) X(f32lt) X(f32gt) X(f32le) X(f32ge) \
	X(f64eq) X(f64ne) X(f64lt) X(f64gt) X(f64le) X(f64ge) \
	X(i32clz) X(i32ctz) X(i32popcnt) X(i32add) X(i32sub) X(i32mul) X(i32divs) X(i32divu) \
	X(i32rems) X(i32remu) X(i32and) X(i32or) X(i32xor) X(i32shl) X(i32shrs) X(i32shru) \
	X(i32rotl) X(i32rotr) \
	X(i64clz) X(i64ctz) X(i64popcnt) X(i64add) X(i64sub) X(i64mul) X(i64divs) X(i64divu) \
	X(i64rems) X(i64remu) X(i64and) X(i64or) X(i64xor) X(i64shl) X(i64shrs) X(i64shru) \
	X(i64rotl) X(i64rotr) \
	X(f32abs) X(f32neg) X(f32ceil) X(f32floor) X(f32trunc) X(f32nearest) X(f32sqrt) \
	X(f32add) X(f32sub) X(f32mul) X(f32div) X(f32min) X(f32max) X(f32copysign) \
	X(f64abs) X(f64neg) X(f64ceil) X(f64floor) X(f64trunc) X(f64nearest) X(f64sqrt) \
	X(f64add) X(f64sub) X(f64mul) X(f64div) X(f64min) X(f64max) X(f64copysign) \
	X(i32wrap) X(i32truncf32s) X(i32truncf32u) X(i32truncf64s) X(i32truncf64u) \
	X(i64exti32s) X(i64exti32u) X(i64truncf32s) X(i64truncf32u) X(i64truncf64s) X(i64truncf64u) \
	X(f32convi32s) X(f32convi32u) X(f32convi64s) X(f32convi64u) X(f32demote) \
	X(f64convi32s) X(f64convi32u) X(f64convi64s) X(f64convi64u) X(f64promote) \
	X(i32ext8s) X(i32ext16s) X(i64ext8s) X(i64ext16s) X(i64ext32s) \
	X(i32satf32s) X(i32satf32u) X(i32satf64s) X(i32satf64u) \
	X(i64satf32s) X(i64satf32u) X(i64satf64s) X(i64satf64u) \
	X(refisnull) X(reffunc) \
	X(lget2) X(lgetaddimm) X(i32addimm) X(addl2) X(i32addl) X(brifl) X(i32loadl) \
	X(i32eqimm) X(i32neimm) X(i32ltsimm) X(i32ltuimm) X(i32gtsimm) X(i32gtuimm) \
	X(i32lesimm) X(i32leuimm) X(i32gesimm) X(i32geuimm)

#define X(n) O##n,
enum { WOPS Onops };
#undef X

/* Internal helpers shared by the library's files. */
int wrbyte(Rd *r, uint8_t *v);
int wruleb(Rd *r, int bits, uint64_t *v);
int wrsleb(Rd *r, int bits, int64_t *v);
int wru32(Rd *r, uint32_t *v);
int wrcount(Rd *r, size_t min, uint32_t *v);
int wrvaltype(Rd *r, uint8_t *t);
int wrreftype(Rd *r, uint8_t *t);
void *walloc(Wstore *s, size_t n);
void *wrealloc(Wstore *s, void *p, size_t n);
void wfree(Wstore *s, void *p);
void werr(char *err, size_t nerr, const char *fmt, ...);
int wtypeeq(const Wtype *a, const Wtype *b);
Wmodule *wdecode(Wstore *s, const uint8_t *b, size_t n, char *err, size_t nerr);
int wcompile(Wmodule *m, uint32_t fi, const uint8_t *b, size_t n, char *err, size_t nerr);
const char *wexec(Wstore *s, Wfunc *f, const uint64_t *args, uint64_t *results);
void wmodfree(Wstore *s, Wmodule *m);
int wmemgrow(Wstore *s, Wmem *m, uint32_t delta, uint32_t *old);
int wtablegrow(Wstore *s, Wtable *t, uint32_t delta, uint64_t init, uint32_t *old);
