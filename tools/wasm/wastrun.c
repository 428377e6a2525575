/*
 * wastrun - run one WebAssembly spec test converted by wast2json.
 *	wastrun [-v] FILE.json
 * Loads the modules the JSON names (relative to its folder), checks
 * every assertion and prints "N passed, N failed".  Text-format
 * modules (assert_malformed with module_type "text", a .wat file) go
 * through watparse: malformed means the parse or wasmload fails.
 * Exit status 0 only if nothing failed.
 */
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wasm.h"

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

/* Load, link and instantiate; stage says how far it got (0 decode, 1 link, 2 instantiate). */
static Winst *
loadmod(const char *file, int *stage, char *err, size_t nerr)
{
	uint8_t *b;
	size_t n;
	Wmodule *m;
	Wextern *imps;
	Winst *in;
	uint8_t *bin;
	size_t binlen, n0;

	*stage = 0;
	b = readfile(file, &n);
	if(b == NULL){
		snprintf(err, nerr, "cannot read %s", file);
		return NULL;
	}
	n0 = strlen(file);
	if(n0 > 4 && strcmp(file + n0 - 4, ".wat") == 0){
		/* a text module: parse it first (stage -1 if that fails) */
		*stage = -1;
		if(watparse(&halloc, (char *)b, n, &bin, &binlen, err, nerr) < 0)
			return NULL;
		*stage = 0;
		m = wasmload(store, bin, binlen, err, nerr);
		free(bin);
	}else
		m = wasmload(store, b, n, err, nerr);
	if(m == NULL)
		return NULL;
	*stage = 1;
	imps = emalloc((wasmnimports(m) + 1) * sizeof *imps);
	if(resolve(m, imps, err, nerr) < 0){
		return NULL;
	}
	*stage = 2;
	in = wasminstantiate(store, m, imps, err, nerr);
	return in;
}

static int
parseval(J *v, uint64_t *out, const char **type)
{
	const char *t, *s;

	t = jstr(v, "type");
	s = jstr(v, "value");
	*type = t;
	if(t == NULL)
		return -1;
	if(strcmp(t, "v128") == 0)
		return -1;
	if(s == NULL)
		return -1;
	if(strcmp(t, "funcref") == 0 || strcmp(t, "externref") == 0){
		if(strcmp(s, "null") == 0)
			*out = 0;
		else
			*out = strtoull(s, NULL, 10) + 1;
		return 0;
	}
	if(strncmp(s, "nan:", 4) == 0){
		*out = 0;
		return 0;
	}
	*out = strtoull(s, NULL, 10);
	return 0;
}

static int
valmatch(J *want, uint64_t got)
{
	const char *t, *s;
	uint64_t v;

	t = jstr(want, "type");
	s = jstr(want, "value");
	if(t == NULL || s == NULL)
		return 0;
	if(strcmp(t, "f32") == 0){
		got &= 0xffffffff;
		if(strcmp(s, "nan:canonical") == 0)
			return (got & 0x7fffffff) == 0x7fc00000;
		if(strcmp(s, "nan:arithmetic") == 0)
			return (got & 0x7fc00000) == 0x7fc00000;
	}
	if(strcmp(t, "f64") == 0){
		if(strcmp(s, "nan:canonical") == 0)
			return (got & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
		if(strcmp(s, "nan:arithmetic") == 0)
			return (got & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
	}
	if(strcmp(t, "funcref") == 0 && strcmp(s, "null") != 0)
		return got != 0;
	if(parseval(want, &v, &t) < 0)
		return 0;
	if(strcmp(t, "i32") == 0 || strcmp(t, "f32") == 0)
		return (uint32_t)got == (uint32_t)v;
	return got == v;
}

/* Perform an action; returns NULL or the trap; nres gets the count. */
static const char *
act(J *a, uint64_t *res, int *nres, int *ok)
{
	const char *type, *mod, *field, *t;
	size_t ml, fl;
	Winst *in;
	Wextern e;
	J *arg;
	uint64_t args[1024];
	int n, nr;

	*ok = 0;
	type = jstr(a, "type");
	mod = jstrn(a, "module", &ml);
	field = jstrn(a, "field", &fl);
	in = mod != NULL ? lookup(named, mod, ml) : current;
	if(in == NULL || field == NULL || wasmexportn(in, field, fl, &e) < 0)
		return NULL;
	if(type != NULL && strcmp(type, "get") == 0){
		if(e.kind != Wkglobal)
			return NULL;
		res[0] = wasmglobalget(e.global);
		*nres = 1;
		*ok = 1;
		return NULL;
	}
	if(e.kind != Wkfunc)
		return NULL;
	n = 0;
	for(arg = jget(a, "args") ? jget(a, "args")->kid : NULL; arg != NULL && n < 1024; arg = arg->next)
		if(parseval(arg, &args[n++], &t) < 0)
			return NULL;
	if(wasmfuncarity(e.func, &nr) != n)
		return NULL;
	*nres = nr;
	*ok = 1;
	return wasmcall(store, e.func, args, res);
}

static void
result(int ok, const char *line, const char *what, const char *detail)
{
	if(ok){
		passed++;
		if(verbose)
			printf("ok line %s: %s\n", line, what);
	}else{
		failed++;
		printf("line %s: %s failed%s%s\n", line, what, detail ? ": " : "", detail ? detail : "");
	}
}

static void
command(J *c)
{
	const char *type, *line, *name, *trap;
	char err[256], buf[64];
	J *exp, *e;
	uint64_t res[1024];
	int nres, ok, stage, i, good;
	size_t nl;
	Winst *in;

	type = jstr(c, "type");
	line = jstr(c, "line");
	if(type == NULL)
		return;
	if(line == NULL)
		line = "?";
	if(strcmp(type, "module") == 0){
		in = loadmod(jstr(c, "filename"), &stage, err, sizeof err);
		current = in;
		if(in == NULL){
			result(0, line, "module", err);
			return;
		}
		name = jstrn(c, "name", &nl);
		if(name != NULL)
			addreg(&named, name, nl, in);
		return;
	}
	if(strcmp(type, "register") == 0){
		name = jstrn(c, "name", &nl);
		in = name != NULL ? lookup(named, name, nl) : current;
		if(in == NULL){
			result(0, line, "register", "no module");
			return;
		}
		name = jstrn(c, "as", &nl);
		if(name == NULL){
			result(0, line, "register", "no name");
			return;
		}
		addreg(&registered, name, nl, in);
		return;
	}
	if(strcmp(type, "assert_malformed") == 0 || strcmp(type, "assert_invalid") == 0 ||
	   strcmp(type, "assert_unlinkable") == 0 || strcmp(type, "assert_uninstantiable") == 0){
		in = loadmod(jstr(c, "filename"), &stage, err, sizeof err);
		if(strcmp(type, "assert_unlinkable") == 0 || strcmp(type, "assert_uninstantiable") == 0)
			good = in == NULL && stage >= 1;
		else
			good = in == NULL && stage <= 0;
		if(!good && in == NULL)
			snprintf(buf, sizeof buf, "failed at stage %d: %.40s", stage, err);
		else if(!good)
			snprintf(buf, sizeof buf, "module was accepted");
		result(good, line, type, good ? NULL : buf);
		return;
	}
	if(strcmp(type, "assert_return") == 0 || strcmp(type, "action") == 0){
		trap = act(jget(c, "action"), res, &nres, &ok);
		if(!ok){
			result(0, line, type, "cannot perform action");
			return;
		}
		if(trap != NULL){
			result(0, line, type, trap);
			return;
		}
		good = 1;
		exp = jget(c, "expected");
		i = 0;
		for(e = exp != NULL ? exp->kid : NULL; e != NULL; e = e->next, i++)
			if(i >= nres || !valmatch(e, res[i]))
				good = 0;
		if(exp != NULL && i != nres)
			good = 0;
		snprintf(buf, sizeof buf, "got %llx", nres > 0 ? (unsigned long long)res[0] : 0ull);
		result(good, line, type, good ? NULL : buf);
		return;
	}
	if(strcmp(type, "assert_trap") == 0 || strcmp(type, "assert_exhaustion") == 0){
		trap = act(jget(c, "action"), res, &nres, &ok);
		if(!ok){
			result(0, line, type, "cannot perform action");
			return;
		}
		result(trap != NULL, line, type, trap == NULL ? "no trap" : NULL);
		if(verbose && trap != NULL)
			printf("  trap: %s (want %s)\n", trap, jstr(c, "text"));
		return;
	}
	printf("line %s: unknown command %s\n", line, type);
	failed++;
}

int
main(int argc, char **argv)
{
	FILE *f;
	char *text, *slash;
	long len;
	J *root, *cmds, *c;
	Walloc a;
	Wlimits lim;

	if(argc > 1 && strcmp(argv[1], "-v") == 0){
		verbose = 1;
		argv++;
		argc--;
	}
	if(argc != 2){
		fprintf(stderr, "usage: wastrun [-v] FILE.json\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if(f == NULL){
		perror(argv[1]);
		return 2;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = emalloc(len + 1);
	if(fread(text, 1, len, f) != (size_t)len){
		fprintf(stderr, "wastrun: read error\n");
		return 2;
	}
	fclose(f);
	dir = estrdup(argv[1]);
	slash = strrchr(dir, '/');
	if(slash != NULL)
		*slash = 0;
	else
		strcpy(dir, ".");
	jp = text;
	root = jvalue();
	cmds = jget(root, "commands");
	if(root == NULL || cmds == NULL){
		fprintf(stderr, "wastrun: %s: not a wast2json file\n", argv[1]);
		return 2;
	}
	a.realloc = hrealloc;
	a.aux = NULL;
	memset(&lim, 0, sizeof lim);
	lim.maxdepth = 5000;
	store = wasmstore(&a, &lim);
	if(store == NULL){
		fprintf(stderr, "wastrun: out of memory\n");
		return 2;
	}
	setupspectest();
	for(c = cmds->kid; c != NULL; c = c->next)
		command(c);
	printf("%d passed, %d failed\n", passed, failed);
	wasmstorefree(store);
	freeall();
	return failed != 0;
}
