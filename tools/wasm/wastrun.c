/*
 * wastrun - run one WebAssembly spec test.
 *	wastrun [-v] FILE.json | FILE.wast
 * A .json from wast2json: loads the modules it names (relative to its
 * folder).  A .wast: reads the script itself, every module through
 * watparse.  Both readers fill the same Cmd, and run() checks it, so
 * the two give the same counts.  Prints "N passed, N failed"; text
 * modules (a .wat of assert_malformed) are malformed when watparse or
 * wasmload refuses them.  Exit status 0 only if nothing failed.
 */
#include <errno.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wasm.h"
#include "watnum.h"

typedef struct J J;
enum { Jnull, Jbool, Jnum, Jstr, Jarr, Jobj };
struct J {
	int type;
	char *s;	/* string or number text */
	size_t n;	/* its length: strings may hold NUL bytes */
	J *kid;		/* first element or member */
	J *next;
	char *key;
};

static const char *jp;
static int verbose;

/* Every allocation of the tool itself, freed together at exit. */
static void **allocs;
static size_t nallocs, capallocs;

static void *
emalloc(size_t n)
{
	void *p;

	if(nallocs == capallocs){
		capallocs = capallocs ? 2 * capallocs : 1024;
		allocs = realloc(allocs, capallocs * sizeof *allocs);
		if(allocs == NULL){
			fprintf(stderr, "wastrun: out of memory\n");
			exit(2);
		}
	}
	p = calloc(1, n ? n : 1);
	if(p == NULL){
		fprintf(stderr, "wastrun: out of memory\n");
		exit(2);
	}
	allocs[nallocs++] = p;
	return p;
}

static char *
estrdup(const char *s)
{
	char *p;

	p = emalloc(strlen(s) + 1);
	strcpy(p, s);
	return p;
}

static void
freeall(void)
{
	size_t i;

	for(i = 0; i < nallocs; i++)
		free(allocs[i]);
	free(allocs);
}

static void
jws(void)
{
	while(*jp == ' ' || *jp == '\n' || *jp == '\t' || *jp == '\r')
		jp++;
}

static J *jvalue(void);

static char *
jstring(size_t *len)
{
	char *out, *o;
	const char *end;

	if(*jp != '"')
		return NULL;
	jp++;
	for(end = jp; *end != '"' && *end != 0; end++)
		if(*end == '\\' && end[1] != 0)
			end++;
	/* escapes only shorten the text, \u at most to 3 bytes */
	out = o = emalloc(end - jp + 1);
	while(*jp != '"'){
		if(*jp == 0)
			return NULL;
		if(*jp == '\\'){
			jp++;
			switch(*jp){
			case 'n': *o++ = '\n'; break;
			case 't': *o++ = '\t'; break;
			case 'r': *o++ = '\r'; break;
			case 'b': *o++ = '\b'; break;
			case 'f': *o++ = '\f'; break;
			case 'u':{
				unsigned c = 0;
				int i;
				for(i = 1; i <= 4; i++){
					char h = jp[i];
					if(h == 0)
						return NULL;
					c = c * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
				}
				jp += 4;
				/* names in the tests are ASCII or already UTF-8 bytes */
				if(c < 0x80)
					*o++ = c;
				else if(c < 0x800){
					*o++ = 0xc0 | c >> 6;
					*o++ = 0x80 | (c & 0x3f);
				}else{
					*o++ = 0xe0 | c >> 12;
					*o++ = 0x80 | ((c >> 6) & 0x3f);
					*o++ = 0x80 | (c & 0x3f);
				}
				break;
			}
			case 0:
				return NULL;
			default: *o++ = *jp; break;
			}
			jp++;
			continue;
		}
		*o++ = *jp++;
	}
	jp++;
	*o = 0;
	*len = o - out;
	return out;
}

static J *
jvalue(void)
{
	J *j, **tail, *k;
	const char *st;

	jws();
	j = emalloc(sizeof *j);
	if(*jp == '{' || *jp == '['){
		int obj = *jp == '{';
		j->type = obj ? Jobj : Jarr;
		jp++;
		tail = &j->kid;
		jws();
		if(*jp == (obj ? '}' : ']')){
			jp++;
			return j;
		}
		for(;;){
			char *key = NULL;
			jws();
			if(obj){
				size_t kl;
				key = jstring(&kl);
				if(key == NULL)
					return NULL;
				jws();
				if(*jp++ != ':')
					return NULL;
			}
			k = jvalue();
			if(k == NULL)
				return NULL;
			k->key = key;
			*tail = k;
			tail = &k->next;
			jws();
			if(*jp == ','){
				jp++;
				continue;
			}
			if(*jp++ != (obj ? '}' : ']'))
				return NULL;
			return j;
		}
	}
	if(*jp == '"'){
		j->type = Jstr;
		j->s = jstring(&j->n);
		return j->s == NULL ? NULL : j;
	}
	st = jp;
	while(*jp != 0 && *jp != ',' && *jp != '}' && *jp != ']' && *jp != ' ' && *jp != '\n')
		jp++;
	if(jp == st)
		return NULL;
	j->s = emalloc(jp - st + 1);
	memcpy(j->s, st, jp - st);
	j->n = jp - st;
	j->type = strcmp(j->s, "null") == 0 ? Jnull : (strcmp(j->s, "true") == 0 || strcmp(j->s, "false") == 0) ? Jbool : Jnum;
	return j;
}

static J *
jget(J *o, const char *key)
{
	J *k;

	if(o == NULL)
		return NULL;
	for(k = o->kid; k != NULL; k = k->next)
		if(k->key != NULL && strcmp(k->key, key) == 0)
			return k;
	return NULL;
}

static const char *
jstr(J *o, const char *key)
{
	J *k;

	k = jget(o, key);
	return k != NULL ? k->s : NULL;
}

static const char *
jstrn(J *o, const char *key, size_t *len)
{
	J *k;

	k = jget(o, key);
	*len = k != NULL ? k->n : 0;
	return k != NULL ? k->s : NULL;
}

/* The registry of named and registered instances. */
typedef struct Reg Reg;
struct Reg {
	char *name;
	size_t len;
	Winst *in;
	Reg *next;
};

static Wstore *store;
static Reg *named;		/* $name -> instance */
static Reg *registered;		/* "as" name -> instance */
static Winst *current;
static char *dir;
static int passed, failed;

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

static Winst *
lookup(Reg *r, const char *name, size_t len)
{
	for(; r != NULL; r = r->next)
		if(r->len == len && memcmp(r->name, name, len) == 0)
			return r->in;
	return NULL;
}

static void
addreg(Reg **list, const char *name, size_t len, Winst *in)
{
	Reg *r;

	r = emalloc(sizeof *r);
	r->name = emalloc(len + 1);
	memcpy(r->name, name, len);
	r->len = len;
	r->in = in;
	r->next = *list;
	*list = r;
}

static uint8_t *
readfile(const char *name, size_t *n)
{
	FILE *f;
	uint8_t *b;
	long len;
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "rb");
	if(f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = emalloc(len + 1);
	if(fread(b, 1, len, f) != (size_t)len){
		fclose(f);
		return NULL;
	}
	fclose(f);
	*n = len;
	return b;
}

static const char *
hostprint(void *aux, Winst *caller, uint64_t *args, uint64_t *res)
{
	(void)aux;
	(void)caller;
	(void)args;
	(void)res;
	return NULL;
}

typedef struct Hostexp Hostexp;
struct Hostexp {
	const char *name;
	Wextern e;
};
static Hostexp hostexps[16];
static int nhostexps;

static void
addhost(const char *name, Wextern e)
{
	hostexps[nhostexps].name = name;
	hostexps[nhostexps].e = e;
	nhostexps++;
}

static void
setupspectest(void)
{
	Wextern e;
	float f;
	double d;
	uint32_t u;
	uint64_t v;

	e.kind = Wkfunc;
	e.func = wasmhostfunc(store, ":", hostprint, NULL); addhost("print", e);
	e.func = wasmhostfunc(store, "i:", hostprint, NULL); addhost("print_i32", e);
	e.func = wasmhostfunc(store, "I:", hostprint, NULL); addhost("print_i64", e);
	e.func = wasmhostfunc(store, "f:", hostprint, NULL); addhost("print_f32", e);
	e.func = wasmhostfunc(store, "F:", hostprint, NULL); addhost("print_f64", e);
	e.func = wasmhostfunc(store, "if:", hostprint, NULL); addhost("print_i32_f32", e);
	e.func = wasmhostfunc(store, "FF:", hostprint, NULL); addhost("print_f64_f64", e);
	e.kind = Wkglobal;
	e.global = wasmnewglobal(store, Wi32, 0, 666); addhost("global_i32", e);
	e.global = wasmnewglobal(store, Wi64, 0, 666); addhost("global_i64", e);
	f = 666.6f;
	memcpy(&u, &f, 4);
	e.global = wasmnewglobal(store, Wf32, 0, u); addhost("global_f32", e);
	d = 666.6;
	memcpy(&v, &d, 8);
	e.global = wasmnewglobal(store, Wf64, 0, v); addhost("global_f64", e);
	e.kind = Wktable;
	e.table = wasmnewtable(store, Wfuncref, 10, 20, 1); addhost("table", e);
	e.kind = Wkmem;
	e.mem = wasmnewmem(store, 1, 2, 1); addhost("memory", e);
}

static int
resolve(Wmodule *m, Wextern *imps, char *err, size_t nerr)
{
	int i, n, k, h;
	const char *mod, *name;
	size_t ml, nl;
	Winst *in;

	n = wasmnimports(m);
	for(i = 0; i < n; i++){
		k = wasmimportn(m, i, &mod, &ml, &name, &nl);
		if(ml == 8 && memcmp(mod, "spectest", 8) == 0){
			for(h = 0; h < nhostexps; h++)
				if(strcmp(hostexps[h].name, name) == 0)
					break;
			if(h == nhostexps){
				snprintf(err, nerr, "unknown import spectest.%s", name);
				return -1;
			}
			imps[i] = hostexps[h].e;
		}else{
			in = lookup(registered, mod, ml);
			if(in == NULL || wasmexportn(in, name, nl, &imps[i]) < 0){
				snprintf(err, nerr, "unknown import %s.%s", mod, name);
				return -1;
			}
		}
		if(imps[i].kind != k){
			snprintf(err, nerr, "incompatible import type %s.%s", mod, name);
			return -1;
		}
	}
	return 0;
}

/*
 * A command of the script, as both readers produce it.
 */
enum { Nancanon = 1, Nanarith };
typedef struct Val Val;
struct Val {
	int type;	/* Wi32 ... Wexternref, Wv128; 0 unknown */
	uint64_t v;
	int nan;	/* result: Nancanon or Nanarith */
	int nonnull;	/* result: any non-null reference */
};

typedef struct Cmd Cmd;
struct Cmd {
	const char *type;	/* "module", "register", "action", "assert_return", ... */
	int line;
	const char *name;	/* module: its $name; register, action: the module's */
	size_t nl;
	const char *as;		/* register */
	size_t al;
	const uint8_t *mod;	/* module: binary, or text if istext */
	size_t modlen;
	int istext;
	const char *modfile;	/* for messages */
	int get;		/* action: get, else invoke */
	const char *field;
	size_t fl;
	Val *args;
	int nargs;
	Val *exp;
	int nexp;
	const char *text;	/* expected message */
	int bad;		/* the reader could not make sense of it */
};

/* Load, link and instantiate; stage says how far it got (-1 text parse, 0 decode, 1 link, 2 instantiate). */
static Winst *
loadmod(Cmd *c, int *stage, char *err, size_t nerr)
{
	Wmodule *m;
	Wextern *imps;
	uint8_t *bin;
	size_t binlen;

	*stage = -1;
	if(c->mod == NULL){
		snprintf(err, nerr, "cannot read %s", c->modfile ? c->modfile : "module");
		return NULL;
	}
	if(c->istext){
		if(watparse(&halloc, (const char *)c->mod, c->modlen, &bin, &binlen, err, nerr) < 0)
			return NULL;
		*stage = 0;
		m = wasmload(store, bin, binlen, err, nerr);
		free(bin);
	}else{
		*stage = 0;
		m = wasmload(store, c->mod, c->modlen, err, nerr);
	}
	if(m == NULL)
		return NULL;
	*stage = 1;
	imps = emalloc((wasmnimports(m) + 1) * sizeof *imps);
	if(resolve(m, imps, err, nerr) < 0)
		return NULL;
	*stage = 2;
	return wasminstantiate(store, m, imps, err, nerr);
}

static int
valmatch(Val *w, uint64_t got)
{
	if(w->type == Wf32){
		got &= 0xffffffff;
		if(w->nan == Nancanon)
			return (got & 0x7fffffff) == 0x7fc00000;
		if(w->nan == Nanarith)
			return (got & 0x7fc00000) == 0x7fc00000;
	}
	if(w->type == Wf64){
		if(w->nan == Nancanon)
			return (got & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
		if(w->nan == Nanarith)
			return (got & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
	}
	if(w->nonnull)
		return got != 0;
	if(w->type == Wi32 || w->type == Wf32)
		return (uint32_t)got == (uint32_t)w->v;
	if(w->type == 0 || w->type == Wv128)
		return 0;
	return got == w->v;
}

/* Perform an action; returns NULL or the trap; nres gets the count. */
static const char *
act(Cmd *c, uint64_t *res, int *nres, int *ok)
{
	Winst *in;
	Wextern e;
	uint64_t args[1024];
	int i, nr;

	*ok = 0;
	in = c->name != NULL ? lookup(named, c->name, c->nl) : current;
	if(c->bad || in == NULL || c->field == NULL || wasmexportn(in, c->field, c->fl, &e) < 0)
		return NULL;
	if(c->get){
		if(e.kind != Wkglobal)
			return NULL;
		res[0] = wasmglobalget(e.global);
		*nres = 1;
		*ok = 1;
		return NULL;
	}
	if(e.kind != Wkfunc || c->nargs > 1024)
		return NULL;
	for(i = 0; i < c->nargs; i++){
		if(c->args[i].type == 0 || c->args[i].type == Wv128)
			return NULL;
		args[i] = c->args[i].v;
	}
	if(wasmfuncarity(e.func, &nr) != c->nargs)
		return NULL;
	*nres = nr;
	*ok = 1;
	return wasmcall(store, e.func, args, res);
}

static void
result(int ok, int line, const char *what, const char *detail)
{
	if(ok){
		passed++;
		if(verbose)
			printf("ok line %d: %s\n", line, what);
	}else{
		failed++;
		printf("line %d: %s failed%s%s\n", line, what, detail ? ": " : "", detail ? detail : "");
	}
}

/* The one place that runs a command and decides pass or fail. */
static void
run(Cmd *c)
{
	const char *type, *trap;
	char err[256], buf[64];
	uint64_t res[1024];
	int nres, ok, stage, i, good;
	Winst *in;

	type = c->type;
	if(strcmp(type, "module") == 0){
		in = loadmod(c, &stage, err, sizeof err);
		current = in;
		if(in == NULL){
			result(0, c->line, "module", err);
			return;
		}
		if(c->name != NULL)
			addreg(&named, c->name, c->nl, in);
		return;
	}
	if(strcmp(type, "register") == 0){
		in = c->name != NULL ? lookup(named, c->name, c->nl) : current;
		if(in == NULL){
			result(0, c->line, "register", "no module");
			return;
		}
		if(c->as == NULL){
			result(0, c->line, "register", "no name");
			return;
		}
		addreg(&registered, c->as, c->al, in);
		return;
	}
	if(strcmp(type, "assert_malformed") == 0 || strcmp(type, "assert_invalid") == 0 ||
	   strcmp(type, "assert_unlinkable") == 0 || strcmp(type, "assert_uninstantiable") == 0){
		in = loadmod(c, &stage, err, sizeof err);
		if(strcmp(type, "assert_unlinkable") == 0 || strcmp(type, "assert_uninstantiable") == 0)
			good = in == NULL && stage >= 1;
		else if(strcmp(type, "assert_invalid") == 0)
			good = in == NULL && stage == 0;
		else	/* malformed: the text parse or the decoder refuses it */
			good = in == NULL && stage <= 0;
		if(!good && in == NULL)
			snprintf(buf, sizeof buf, "failed at stage %d: %.40s", stage, err);
		else if(!good)
			snprintf(buf, sizeof buf, "module was accepted");
		result(good, c->line, type, good ? NULL : buf);
		return;
	}
	if(strcmp(type, "assert_return") == 0 || strcmp(type, "action") == 0){
		trap = act(c, res, &nres, &ok);
		if(!ok){
			result(0, c->line, type, "cannot perform action");
			return;
		}
		if(trap != NULL){
			result(0, c->line, type, trap);
			return;
		}
		good = strcmp(type, "action") == 0 || c->nexp == nres;
		for(i = 0; i < c->nexp && i < nres; i++)
			if(!valmatch(&c->exp[i], res[i]))
				good = 0;
		snprintf(buf, sizeof buf, "got %llx", nres > 0 ? (unsigned long long)res[0] : 0ull);
		result(good, c->line, type, good ? NULL : buf);
		return;
	}
	if(strcmp(type, "assert_trap") == 0 || strcmp(type, "assert_exhaustion") == 0){
		trap = act(c, res, &nres, &ok);
		if(!ok){
			result(0, c->line, type, "cannot perform action");
			return;
		}
		result(trap != NULL, c->line, type, trap == NULL ? "no trap" : NULL);
		if(verbose && trap != NULL)
			printf("  trap: %s (want %s)\n", trap, c->text ? c->text : "?");
		return;
	}
	printf("line %d: unknown command %s\n", c->line, type);
	failed++;
}

/*
 * The JSON reader: wast2json's commands, modules in files beside it.
 */
static void
jsonval(J *v, Val *out, int isresult)
{
	const char *t, *s;

	memset(out, 0, sizeof *out);
	t = jstr(v, "type");
	s = jstr(v, "value");
	if(t == NULL || s == NULL)
		return;
	if(strcmp(t, "i32") == 0)
		out->type = Wi32;
	else if(strcmp(t, "i64") == 0)
		out->type = Wi64;
	else if(strcmp(t, "f32") == 0)
		out->type = Wf32;
	else if(strcmp(t, "f64") == 0)
		out->type = Wf64;
	else if(strcmp(t, "funcref") == 0)
		out->type = Wfuncref;
	else if(strcmp(t, "externref") == 0)
		out->type = Wexternref;
	else
		return;
	if(out->type == Wfuncref || out->type == Wexternref){
		if(strcmp(s, "null") == 0)
			out->v = 0;
		else if(out->type == Wfuncref && isresult)
			out->nonnull = 1;
		else
			out->v = strtoull(s, NULL, 10) + 1;	/* 0 is null */
		return;
	}
	if(strcmp(s, "nan:canonical") == 0)
		out->nan = Nancanon;
	else if(strcmp(s, "nan:arithmetic") == 0)
		out->nan = Nanarith;
	else
		out->v = strtoull(s, NULL, 10);
}

static Val *
jsonvals(J *list, int *n, int isresult)
{
	J *k;
	Val *v;
	int i;

	*n = 0;
	for(k = list != NULL ? list->kid : NULL; k != NULL; k = k->next)
		(*n)++;
	v = emalloc((*n + 1) * sizeof *v);
	i = 0;
	for(k = list != NULL ? list->kid : NULL; k != NULL; k = k->next)
		jsonval(k, &v[i++], isresult);
	return v;
}

static void
jsoncmd(J *j, Cmd *c)
{
	const char *line, *file, *type;
	J *a;
	size_t n;

	memset(c, 0, sizeof *c);
	c->type = jstr(j, "type");
	line = jstr(j, "line");
	c->line = line != NULL ? atoi(line) : 0;
	file = jstr(j, "filename");
	if(file != NULL){
		c->modfile = file;
		c->mod = readfile(file, &c->modlen);
		n = strlen(file);
		c->istext = n > 4 && strcmp(file + n - 4, ".wat") == 0;
	}
	if(strcmp(c->type, "register") == 0){
		c->name = jstrn(j, "name", &c->nl);
		c->as = jstrn(j, "as", &c->al);
	}else if(strcmp(c->type, "module") == 0)
		c->name = jstrn(j, "name", &c->nl);
	c->text = jstr(j, "text");
	a = jget(j, "action");
	if(a != NULL){
		type = jstr(a, "type");
		c->get = type != NULL && strcmp(type, "get") == 0;
		c->name = jstrn(a, "module", &c->nl);
		c->field = jstrn(a, "field", &c->fl);
		c->args = jsonvals(jget(a, "args"), &c->nargs, 0);
	}
	c->exp = jsonvals(jget(j, "expected"), &c->nexp, 1);
}

static int
runjson(char *text, const char *file)
{
	J *root, *cmds, *j;
	Cmd c;

	jp = text;
	root = jvalue();
	cmds = jget(root, "commands");
	if(root == NULL || cmds == NULL){
		fprintf(stderr, "wastrun: %s: not a wast2json file\n", file);
		return -1;
	}
	for(j = cmds->kid; j != NULL; j = j->next){
		if(jstr(j, "type") == NULL)
			continue;
		jsoncmd(j, &c);
		run(&c);
	}
	return 0;
}

/*
 * The script reader: the .wast text itself, cut into s-expressions
 * by the text format's lexer; modules go to watparse as they are.
 */
typedef struct S S;
struct S {
	Wtok t;		/* "(" of a list, or the atom or string */
	size_t end;	/* a list: offset just past its ")" */
	S *kid;
	S *next;
};

static const char *wtext;
static size_t wlen;

static S *
sexp(Wlex *l, Wtok *t, int depth, char *err, size_t nerr)
{
	S *s, **tail;
	Wtok k;

	s = emalloc(sizeof *s);
	s->t = *t;
	if(t->kind != Wtlp)
		return s;
	if(depth > 1000){
		snprintf(err, nerr, "line %u: nesting too deep", t->line);
		return NULL;
	}
	tail = &s->kid;
	for(;;){
		if(wattoken(l, &k, err, nerr) < 0)
			return NULL;
		if(k.kind == Wteof){
			snprintf(err, nerr, "line %u: unclosed (", t->line);
			return NULL;
		}
		if(k.kind == Wtrp){
			s->end = k.off + 1;
			return s;
		}
		if((*tail = sexp(l, &k, depth + 1, err, nerr)) == NULL)
			return NULL;
		tail = &(*tail)->next;
	}
}

static int
sis(S *s, const char *a)
{
	return s != NULL && s->t.kind == Wtatom && s->t.n == strlen(a) && memcmp(s->t.s, a, s->t.n) == 0;
}

static int
sid(S *s)
{
	return s != NULL && s->t.kind == Wtatom && s->t.n > 1 && s->t.s[0] == '$';
}

static const char *
sstr(S *s, size_t *n)
{
	uint8_t *b;

	b = emalloc(s->t.n + 1);
	*n = watstring(s->t.s, s->t.n, b);
	return (const char *)b;
}

static void
wastval(S *s, Val *v, int isresult)
{
	S *k, *a;
	uint32_t f;
	uint64_t x;
	const char *what;

	memset(v, 0, sizeof *v);
	k = s->kid;
	a = k != NULL ? k->next : NULL;
	if(s->t.kind != Wtlp || k == NULL || k->t.kind != Wtatom)
		return;
	if(a != NULL && a->t.kind == Wtatom && isresult && (sis(k, "f32.const") || sis(k, "f64.const"))){
		if(sis(a, "nan:canonical"))
			v->nan = Nancanon;
		else if(sis(a, "nan:arithmetic"))
			v->nan = Nanarith;
		if(v->nan){
			v->type = sis(k, "f32.const") ? Wf32 : Wf64;
			return;
		}
	}
	what = k->t.s;
	if(sis(k, "ref.null")){
		if(sis(a, "func"))
			v->type = Wfuncref;
		else if(sis(a, "extern"))
			v->type = Wexternref;
		return;
	}
	if(sis(k, "ref.func") || sis(k, "ref.extern")){
		v->type = sis(k, "ref.func") ? Wfuncref : Wexternref;
		if(a == NULL)
			v->nonnull = 1;
		else if(a->t.kind != Wtatom || watuint(a->t.s, a->t.n, UINT32_MAX, &x) < 0)
			v->type = 0;
		else
			v->v = x + 1;
		return;
	}
	if(a == NULL || a->t.kind != Wtatom || a->next != NULL)
		return;
	if(sis(k, "i32.const") && watint(a->t.s, a->t.n, 32, &v->v) == 0)
		v->type = Wi32;
	else if(sis(k, "i64.const") && watint(a->t.s, a->t.n, 64, &v->v) == 0)
		v->type = Wi64;
	else if(sis(k, "f32.const") && watf32(a->t.s, a->t.n, &f) == 0){
		v->type = Wf32;
		v->v = f;
	}else if(sis(k, "f64.const") && watf64(a->t.s, a->t.n, &v->v) == 0)
		v->type = Wf64;
	(void)what;
}

/* (invoke $m? "f" arg*) or (get $m? "g") into c. */
static void
wastaction(S *s, Cmd *c)
{
	S *k;
	int n;

	c->bad = 1;
	if(s == NULL || s->t.kind != Wtlp || !(sis(s->kid, "invoke") || sis(s->kid, "get")))
		return;
	c->get = sis(s->kid, "get");
	k = s->kid->next;
	if(sid(k)){
		c->name = k->t.s;
		c->nl = k->t.n;
		k = k->next;
	}
	if(k == NULL || k->t.kind != Wtstr)
		return;
	c->field = sstr(k, &c->fl);
	n = 0;
	for(S *a = k->next; a != NULL; a = a->next)
		n++;
	c->args = emalloc((n + 1) * sizeof *c->args);
	for(k = k->next; k != NULL; k = k->next)
		wastval(k, &c->args[c->nargs++], 0);
	c->bad = 0;
}

/* A module form: its text for watparse, and its $name. */
static void
wastmodule(S *s, Cmd *c)
{
	S *k;

	if(s == NULL || s->t.kind != Wtlp || !sis(s->kid, "module")){
		c->bad = 1;
		return;
	}
	c->istext = 1;
	c->mod = (const uint8_t *)wtext + s->t.off;
	c->modlen = s->end - s->t.off;
	k = s->kid->next;
	if(sid(k)){
		c->name = k->t.s;
		c->nl = k->t.n;
	}
}

static void
wastcmd(S *s, Cmd *c)
{
	S *k, *a;
	size_t n;
	int i;

	memset(c, 0, sizeof *c);
	c->line = s->t.line;
	c->type = "unknown";
	k = s->kid;
	if(s->t.kind != Wtlp || k == NULL || k->t.kind != Wtatom){
		c->bad = 1;
		return;
	}
	a = k->next;
	if(sis(k, "module")){
		c->type = "module";
		wastmodule(s, c);
	}else if(sis(k, "register")){
		c->type = "register";
		if(a != NULL && a->t.kind == Wtstr){
			c->as = sstr(a, &c->al);
			if(sid(a->next)){
				c->name = a->next->t.s;
				c->nl = a->next->t.n;
			}
		}
	}else if(sis(k, "invoke") || sis(k, "get")){
		c->type = "action";
		wastaction(s, c);
	}else if(sis(k, "assert_return")){
		c->type = "assert_return";
		wastaction(a, c);
		n = 0;
		for(S *r = a != NULL ? a->next : NULL; r != NULL; r = r->next)
			n++;
		c->exp = emalloc((n + 1) * sizeof *c->exp);
		i = 0;
		for(a = a != NULL ? a->next : NULL; a != NULL; a = a->next)
			wastval(a, &c->exp[i++], 1);
		c->nexp = i;
	}else if(sis(k, "assert_trap") && a != NULL && sis(a->kid, "module")){
		c->type = "assert_uninstantiable";
		wastmodule(a, c);
	}else if(sis(k, "assert_trap") || sis(k, "assert_exhaustion")){
		c->type = sis(k, "assert_trap") ? "assert_trap" : "assert_exhaustion";
		wastaction(a, c);
	}else if(sis(k, "assert_invalid") || sis(k, "assert_malformed") || sis(k, "assert_unlinkable")){
		c->type = sis(k, "assert_invalid") ? "assert_invalid" : sis(k, "assert_malformed") ?
			"assert_malformed" : "assert_unlinkable";
		wastmodule(a, c);
		c->name = NULL;
	}else{
		c->type = estrdup("?");
		c->bad = 1;
		return;
	}
	/* the expected message, if any, is the last string */
	for(a = k->next; a != NULL; a = a->next)
		if(a->t.kind == Wtstr && a->next == NULL)
			c->text = sstr(a, &n);
}

/* A module field at the top: the script is one module, written inline. */
static int
isfield(S *s)
{
	static const char *f[] = {"type", "import", "func", "table", "memory", "global",
		"export", "start", "elem", "data"};
	size_t i;

	for(i = 0; i < sizeof f / sizeof f[0]; i++)
		if(s->t.kind == Wtlp && sis(s->kid, f[i]))
			return 1;
	return 0;
}

static int
runwast(char *text, size_t len, const char *file)
{
	Wlex l;
	Wtok t;
	S *s;
	Cmd c;
	char err[256];
	int first;

	first = 1;
	wtext = text;
	wlen = len;
	memset(&l, 0, sizeof l);
	l.text = text;
	l.n = len;
	l.line = 1;
	l.col = 1;
	for(;;){
		if(wattoken(&l, &t, err, sizeof err) < 0){
			fprintf(stderr, "wastrun: %s: %s\n", file, err);
			return -1;
		}
		if(t.kind == Wteof)
			return 0;
		s = sexp(&l, &t, 0, err, sizeof err);
		if(s == NULL){
			fprintf(stderr, "wastrun: %s: %s\n", file, err);
			return -1;
		}
		if(first && isfield(s)){
			memset(&c, 0, sizeof c);
			c.type = "module";
			c.line = s->t.line;
			c.istext = 1;
			c.mod = (const uint8_t *)text;
			c.modlen = len;
			run(&c);
			return 0;
		}
		first = 0;
		wastcmd(s, &c);
		if(c.bad && strcmp(c.type, "module") != 0 && strncmp(c.type, "assert_", 7) != 0){
			printf("line %d: cannot read command\n", c.line);
			failed++;
			continue;
		}
		run(&c);
	}
}

int
main(int argc, char **argv)
{
	FILE *f;
	char *text, *slash;
	long len;
	size_t n;
	Wlimits lim;
	int r;

	if(argc > 1 && strcmp(argv[1], "-v") == 0){
		verbose = 1;
		argv++;
		argc--;
	}
	if(argc != 2){
		fprintf(stderr, "usage: wastrun [-v] FILE.json | FILE.wast\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if(f == NULL){
		fprintf(stderr, "wastrun: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = emalloc(len + 1);
	if(fread(text, 1, len, f) != (size_t)len){
		fprintf(stderr, "wastrun: %s: read error\n", argv[1]);
		return 2;
	}
	fclose(f);
	dir = estrdup(argv[1]);
	slash = strrchr(dir, '/');
	if(slash != NULL)
		*slash = 0;
	else
		strcpy(dir, ".");
	memset(&lim, 0, sizeof lim);
	lim.maxdepth = 5000;
	store = wasmstore(&halloc, &lim);
	if(store == NULL){
		fprintf(stderr, "wastrun: out of memory\n");
		return 2;
	}
	setupspectest();
	n = strlen(argv[1]);
	if(n > 5 && strcmp(argv[1] + n - 5, ".wast") == 0)
		r = runwast(text, len, argv[1]);
	else
		r = runjson(text, argv[1]);
	if(r < 0){
		wasmstorefree(store);
		freeall();
		return 2;
	}
	printf("%d passed, %d failed\n", passed, failed);
	wasmstorefree(store);
	freeall();
	return failed != 0;
}
