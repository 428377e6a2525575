/*
 * wasm.h - Lux9's WebAssembly 2.0 runtime (decoder, validator,
 * interpreter, WASI preview1 subset).
 *
 * lib/wasm makes no OS calls: memory comes from the caller's
 * allocator (Walloc), and WASI I/O goes through the caller's
 * callbacks (Wasiio), so the same code runs on the host and in Lux9.
 *
 * Life cycle:
 *	Wstore *s = wasmstore(&alloc, &limits);	// owns every object
 *	Wmodule *m = wasmload(s, bytes, len, err, sizeof err);	// decode + validate
 *	Wextern *imps = ... one per wasmnimports(m), in import order
 *	Winst *in = wasminstantiate(s, m, imps, err, sizeof err);
 *	Wextern e; wasmexport(in, "main", &e);
 *	const char *trap = wasmcall(s, e.func, args, results);
 *	wasmstorefree(s);	// frees modules, instances and all objects
 *
 * Values travel as uint64_t bit patterns: i32 in the low 32 bits, f32
 * as its IEEE bits, f64 as its IEEE bits, a funcref as an opaque
 * non-zero handle, an externref as the caller's non-zero handle; 0 is
 * the null reference.  A trap is a static message string (NULL means
 * success): "out of fuel", "memory limit", "call stack exhausted",
 * "integer divide by zero", ..., or wasmexittrap after WASI proc_exit
 * (the code is then in wasmexitcode(s)).
 */

typedef struct Walloc Walloc;
typedef struct Wlimits Wlimits;
typedef struct Wstore Wstore;
typedef struct Wmodule Wmodule;
typedef struct Winst Winst;
typedef struct Wfunc Wfunc;
typedef struct Wtable Wtable;
typedef struct Wmem Wmem;
typedef struct Wglobal Wglobal;
typedef struct Wextern Wextern;
typedef struct Wasiio Wasiio;

/* Value types, as encoded in the binary format. */
enum {
	Wi32 = 0x7f,
	Wi64 = 0x7e,
	Wf32 = 0x7d,
	Wf64 = 0x7c,
	Wv128 = 0x7b,
	Wfuncref = 0x70,
	Wexternref = 0x6f,
};

/* Extern kinds, as encoded in import and export descriptors. */
enum {
	Wkfunc = 0,
	Wktable = 1,
	Wkmem = 2,
	Wkglobal = 3,
};

/*
 * The allocator: realloc(aux, p, n) behaves like realloc; n == 0
 * frees p and returns NULL.  Must return NULL on failure.
 */
struct Walloc {
	void *(*realloc)(void *aux, void *p, size_t n);
	void *aux;
};

/* Per-store limits; a zero field takes the default shown. */
struct Wlimits {
	int64_t fuel;		/* instructions; 0: unlimited */
	uint32_t maxpages;	/* memory cap per memory, 64 KiB pages; 0: 65536 */
	uint32_t maxtable;	/* table elements; 0: 10,000,000 */
	uint32_t maxdepth;	/* call depth; 0: 10,000 */
	uint32_t stackslots;	/* value stack, 8-byte slots; 0: 1,048,576 */
};

struct Wextern {
	int kind;	/* Wkfunc ... */
	union {
		Wfunc *func;
		Wtable *table;
		Wmem *mem;
		Wglobal *global;
	};
};

/*
 * A host function: args holds the parameters, results receives the
 * results; caller is the instance whose code made the call (NULL when
 * called from wasmcall).  Returns NULL or a trap message.
 */
typedef const char *Whostfn(void *aux, Winst *caller, uint64_t *args, uint64_t *results);

extern const char wasmexittrap[];

Wstore *wasmstore(const Walloc *a, const Wlimits *l);
void wasmstorefree(Wstore *s);
int64_t wasmfuel(Wstore *s);			/* fuel left (unlimited: INT64_MAX) */
void wasmsetfuel(Wstore *s, int64_t fuel);
int wasmexitcode(Wstore *s);

/* Decode and validate; NULL with a message in err on failure. */
Wmodule *wasmload(Wstore *s, const uint8_t *b, size_t n, char *err, size_t nerr);
int wasmnimports(Wmodule *m);
/* Import i: module and field names; returns its kind (Wkfunc...). */
int wasmimport(Wmodule *m, int i, const char **mod, const char **name);
/* The same with lengths: names are UTF-8 and may hold NUL bytes. */
int wasmimportn(Wmodule *m, int i, const char **mod, size_t *modlen, const char **name, size_t *namelen);
/* Signature of a function import or export as a string, see wasmhostfunc. */
int wasmimportsig(Wmodule *m, int i, char *sig, size_t nsig);

/*
 * Instantiate with imports (one Wextern per import, in order);
 * runs the start function.  NULL with a message on failure (link
 * error, trap in the start function, limits).  A trap during
 * instantiation may leave tables and memory already written, as the
 * specification requires.
 */
Winst *wasminstantiate(Wstore *s, Wmodule *m, const Wextern *imports, char *err, size_t nerr);
int wasmexport(Winst *in, const char *name, Wextern *e);
int wasmexportn(Winst *in, const char *name, size_t len, Wextern *e);
/* Exports by position, 0 <= i < wasmnexports(in). */
int wasmnexports(Winst *in);
int wasmexportat(Winst *in, int i, const char **name, size_t *len, Wextern *e);

/*
 * Make a host function. sig is "params:results" using i I f F r e
 * for i32 i64 f32 f64 funcref externref, e.g. "ii:i".
 */
Wfunc *wasmhostfunc(Wstore *s, const char *sig, Whostfn *fn, void *aux);
Wtable *wasmnewtable(Wstore *s, int elemtype, uint32_t min, uint32_t max, int hasmax);
Wmem *wasmnewmem(Wstore *s, uint32_t min, uint32_t max, int hasmax);
Wglobal *wasmnewglobal(Wstore *s, int type, int mut, uint64_t val);

/* Signature of f as "params:results"; number of params and results. */
int wasmfuncsig(Wfunc *f, char *sig, size_t nsig);
int wasmfuncarity(Wfunc *f, int *nresults);	/* returns the number of params */
uint64_t wasmglobalget(Wglobal *g);
uint8_t *wasmmemdata(Wmem *m, uint64_t *size);
Wmem *wasminstmem(Winst *in);	/* memory 0 of an instance or NULL */

/* Call f with args; results receives its results.  NULL or a trap. */
const char *wasmcall(Wstore *s, Wfunc *f, const uint64_t *args, uint64_t *results);

/*
 * WASI preview1.  The runtime keeps descriptor state; the caller
 * supplies I/O.  Each callback returns a WASI errno (0 success).
 * fd 0,1,2 are stdin/stdout/stderr; fd 3 is the granted directory
 * (if dirname != NULL); files opened below it get fds from 4 up and
 * the caller's own handle (h) for them.
 */
struct Wasiio {
	void *aux;
	int (*read)(void *aux, int h, uint8_t *buf, size_t n, size_t *got);
	int (*write)(void *aux, int h, const uint8_t *buf, size_t n);
	int (*clock)(void *aux, int id, uint64_t *ns);
	int (*random)(void *aux, uint8_t *buf, size_t n);
	/* Optional, for the granted directory: path is relative, already
	 * checked not to leave the directory. */
	int (*open)(void *aux, const char *path, int oflags, int write, int *h, int *isdir);
	int (*close)(void *aux, int h);
	int (*seek)(void *aux, int h, int64_t off, int whence, uint64_t *pos);
	/* Entry number idx of directory h: its name (NUL-terminated,
	 * at most nname bytes) and WASI filetype; *end = 1 past the last. */
	int (*readdir)(void *aux, int h, uint64_t idx, char *name, size_t nname, int *type, int *end);
	int (*filetype)(void *aux, int h);
	const char *dirname;	/* preopened name the module sees, or NULL */
	int argc;
	char **argv;
	int envc;
	char **envv;
};

/* Resolve the module's "wasi_snapshot_preview1" imports; other imports
 * are left in imps untouched.  Returns -1 with err if one is unknown. */
int wasmwasi(Wstore *s, Wmodule *m, const Wasiio *io, Wextern *imps, char *err, size_t nerr);

/*
 * The text format (wat.c).  watparse translates a module's text,
 * "(module ...)" or its fields alone, also "(module binary ...)" and
 * "(module quote ...)", into the binary format in *bin (allocated
 * through a, *binlen bytes).  Returns 0, or -1 with a message such as
 * "line 3, col 7: unknown operator i32.foo".  Only the binary format's
 * decoder and validator (wasmload) judge what is left: numeric
 * indices, for instance, are written as they are.
 */
int watparse(const Walloc *a, const char *text, size_t n, uint8_t **bin, size_t *binlen, char *err, size_t nerr);

/* Its lexer, for readers of scripts in the same syntax (wastrun). */
typedef struct Wlex Wlex;
typedef struct Wtok Wtok;
enum { Wteof, Wtlp, Wtrp, Wtatom, Wtstr };
struct Wlex {
	const char *text;
	size_t n;
	size_t pos;
	uint32_t line;	/* start both at 1 */
	uint32_t col;
};
struct Wtok {
	int kind;	/* Wteof ... */
	const char *s;	/* atom, or a string's body without its quotes */
	size_t n;
	size_t off;	/* where the token starts in the text */
	uint32_t line;
	uint32_t col;
};
/* The next token: its kind, or -1 with a message (then at the end). */
int wattoken(Wlex *l, Wtok *t, char *err, size_t nerr);
/* Decode a string's body (escapes); out needs n bytes; returns the length. */
size_t watstring(const char *s, size_t n, uint8_t *out);
