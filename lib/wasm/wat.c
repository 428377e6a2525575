/*
 * wat.c - the WebAssembly text format, translated to the binary
 * format so that decoding and validation stay in one place.
 *
 * The text is cut into tokens first.  A first pass over the module
 * fields collects the explicit types and assigns every identifier of
 * the module-level index spaces (imports come first in each space,
 * which the text guarantees: an import may not follow a definition);
 * a second pass emits each section into its own buffer, and the
 * buffers are joined at the end.  Only what the binary format cannot
 * express is checked here (names, syntax, inline type uses, ...);
 * numeric indices are emitted as written, so that out-of-range ones
 * are reported by the validator as the specification says.
 *
 * Nesting of parentheses and of blocks is bounded, so hostile text
 * cannot exhaust the stack.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "wasm.h"
#include "dat.h"
#include "watnum.h"

enum {
	Maxnest = 1000,		/* parentheses and blocks */
	Maxquote = 4,		/* module quote inside module quote */
};

/* Index spaces of a module. */
enum { Sfunc, Stable, Smem, Sglobal, Stype, Selem, Sdata, Nspace };
static const char *spacename[Nspace] = {
	"func", "table", "memory", "global", "type", "elem", "data",
};

typedef struct Buf Buf;
typedef struct Id Id;
typedef struct Space Space;
typedef struct Ftype Ftype;
typedef struct P P;

struct Buf {
	uint8_t *b;
	size_t n;
	size_t cap;
};

struct Id {
	const char *s;
	size_t n;
	uint32_t idx;
};

struct Space {
	Id *id;
	uint32_t nid;
	uint32_t cap;
	uint32_t n;	/* items so far */
};

struct Ftype {
	uint32_t np;
	uint32_t nr;
	size_t off;	/* params then results in P.tpool */
};

struct P {
	const Walloc *a;
	Wtok *tok;
	size_t ntok;
	size_t pos;
	char *err;
	size_t nerr;
	int bad;
	int depth;
	int quote;
	Space sp[Nspace];
	uint32_t cnt[Nspace];	/* second pass: items met so far */
	Ftype *types;
	uint32_t ntypes;
	uint32_t captypes;
	uint32_t nexplicit;	/* types defined by (type ...) fields */
	Buf tpool;
	const char *defkind;	/* first definition met, for "import after" */
	Buf imp, func, table, mem, glob, exp, elem, code, data;
	uint32_t nimp, nexp, nfunc, ntab, nmem, nglob, nel, ndat;
	int hasstart;
	uint32_t start;
	int usedata;
	/* the function being translated */
	Id *loc;
	uint32_t nloc;
	uint32_t caploc;
	Id *lab;
	uint32_t nlab;
	uint32_t caplab;
};

static int instrs(P *p, Buf *out);
static int folded(P *p, Buf *out);

/*
 * Lexer.
 */

static int
isidchar(int c)
{
	if((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return 1;
	switch(c){
	case '!': case '#': case '$': case '%': case '&': case '\'': case '*':
	case '+': case '-': case '.': case '/': case ':': case '<': case '=':
	case '>': case '?': case '@': case '\\': case '^': case '_': case '`':
	case '|': case '~':
		return 1;
	}
	return 0;
}

static int
hexval(int c)
{
	if(c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if(c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Length of the valid UTF-8 sequence at p, or 0. */
static size_t
utf8seq(const uint8_t *p, size_t n, uint32_t *cp)
{
	uint32_t c, lo;
	size_t k, j;

	if(n == 0)
		return 0;
	c = p[0];
	if(c < 0x80){
		*cp = c;
		return 1;
	}
	if(c >= 0xc2 && c <= 0xdf){
		k = 1;
		c &= 0x1f;
		lo = 0x80;
	}else if(c >= 0xe0 && c <= 0xef){
		k = 2;
		c &= 0x0f;
		lo = 0x800;
	}else if(c >= 0xf0 && c <= 0xf4){
		k = 3;
		c &= 0x07;
		lo = 0x10000;
	}else
		return 0;
	if(n < k + 1)
		return 0;
	for(j = 1; j <= k; j++){
		if((p[j] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[j] & 0x3f);
	}
	if(c < lo || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return k + 1;
}

static int
utf8valid(const uint8_t *p, size_t n)
{
	size_t i, k;
	uint32_t c;

	for(i = 0; i < n; i += k)
		if((k = utf8seq(p + i, n - i, &c)) == 0)
			return 0;
	return 1;
}

static void
lexadv(Wlex *l, size_t k)
{
	for(; k > 0 && l->pos < l->n; k--){
		if(l->text[l->pos] == '\n'){
			l->line++;
			l->col = 1;
		}else if((l->text[l->pos] & 0xc0) != 0x80)
			l->col++;
		l->pos++;
	}
}

static int
lexerr(Wlex *l, uint32_t line, uint32_t col, const char *msg, char *err, size_t nerr)
{
	werr(err, nerr, "line %u, col %u: %s", line, col, msg);
	l->pos = l->n;
	return -1;
}

/* Check the escape at s (just after the backslash); its length or 0. */
static size_t
escape(const char *s, size_t n, uint32_t *cp)
{
	size_t i;
	uint32_t c;
	int d, any;

	if(n == 0)
		return 0;
	switch(s[0]){
	case 't': *cp = '\t'; return 1;
	case 'n': *cp = '\n'; return 1;
	case 'r': *cp = '\r'; return 1;
	case '"': case '\'': case '\\': *cp = s[0]; return 1;
	case 'u':
		if(n < 2 || s[1] != '{')
			return 0;
		c = 0;
		any = 0;
		for(i = 2; i < n && s[i] != '}'; i++){
			if(s[i] == '_' && any && i + 1 < n && hexval(s[i + 1]) >= 0)
				continue;
			if((d = hexval(s[i])) < 0)
				return 0;
			c = c * 16 + d;
			if(c > 0x10ffff)
				return 0;
			any = 1;
		}
		if(i == n || !any || (c >= 0xd800 && c < 0xe000))
			return 0;
		*cp = c | 0x80000000;	/* a code point, not a byte */
		return i + 1;
	}
	if(n < 2 || hexval(s[0]) < 0 || hexval(s[1]) < 0)
		return 0;
	*cp = hexval(s[0]) * 16 + hexval(s[1]);
	return 2;
}

int
wattoken(Wlex *l, Wtok *t, char *err, size_t nerr)
{
	const char *s;
	uint32_t line, col, c;
	size_t k, n;
	int depth;

	s = l->text;
	n = l->n;
	for(;;){
		if(l->pos >= n){
			memset(t, 0, sizeof *t);
			t->kind = Wteof;
			t->off = n;
			t->line = l->line;
			t->col = l->col;
			return Wteof;
		}
		c = (uint8_t)s[l->pos];
		if(c == ' ' || c == '\t' || c == '\n' || c == '\r'){
			lexadv(l, 1);
			continue;
		}
		if(c == ';' && l->pos + 1 < n && s[l->pos + 1] == ';'){
			while(l->pos < n && s[l->pos] != '\n')
				lexadv(l, 1);
			continue;
		}
		if(c == '(' && l->pos + 1 < n && s[l->pos + 1] == ';'){
			line = l->line;
			col = l->col;
			lexadv(l, 2);
			for(depth = 1; depth > 0;){
				if(l->pos + 1 >= n)
					return lexerr(l, line, col, "unterminated block comment", err, nerr);
				if(s[l->pos] == '(' && s[l->pos + 1] == ';'){
					depth++;
					lexadv(l, 2);
				}else if(s[l->pos] == ';' && s[l->pos + 1] == ')'){
					depth--;
					lexadv(l, 2);
				}else
					lexadv(l, 1);
			}
			continue;
		}
		break;
	}
	t->off = l->pos;
	t->line = l->line;
	t->col = l->col;
	if(c == '(' || c == ')'){
		t->kind = c == '(' ? Wtlp : Wtrp;
		t->s = s + l->pos;
		t->n = 1;
		lexadv(l, 1);
		return t->kind;
	}
	if(c == '"'){
		lexadv(l, 1);
		t->s = s + l->pos;
		for(;;){
			if(l->pos >= n)
				return lexerr(l, t->line, t->col, "unterminated string", err, nerr);
			c = (uint8_t)s[l->pos];
			if(c == '"')
				break;
			if(c == '\\'){
				k = escape(s + l->pos + 1, n - l->pos - 1, &c);
				if(k == 0)
					return lexerr(l, l->line, l->col, "illegal escape", err, nerr);
				lexadv(l, k + 1);
				continue;
			}
			if(c == '\n')
				return lexerr(l, t->line, t->col, "unterminated string", err, nerr);
			if(c < 0x20 || c == 0x7f)
				return lexerr(l, l->line, l->col, "illegal character in string", err, nerr);
			k = utf8seq((const uint8_t *)s + l->pos, n - l->pos, &c);
			if(k == 0)
				return lexerr(l, l->line, l->col, "malformed UTF-8 encoding", err, nerr);
			lexadv(l, k);
		}
		t->kind = Wtstr;
		t->n = s + l->pos - t->s;
		lexadv(l, 1);
	}else if(isidchar(c)){
		t->s = s + l->pos;
		while(l->pos < n && isidchar((uint8_t)s[l->pos]))
			lexadv(l, 1);
		t->kind = Wtatom;
		t->n = s + l->pos - t->s;
	}else
		return lexerr(l, t->line, t->col, "unexpected character", err, nerr);
	/* tokens must be apart: "a""b" and $x"a" are malformed */
	if(l->pos < n){
		c = (uint8_t)s[l->pos];
		if(c == '"' || isidchar(c))
			return lexerr(l, l->line, l->col, "unknown operator: tokens not separated", err, nerr);
	}
	return t->kind;
}

size_t
watstring(const char *s, size_t n, uint8_t *out)
{
	size_t i, k, o;
	uint32_t c;

	o = 0;
	for(i = 0; i < n;){
		if(s[i] != '\\'){
			out[o++] = s[i++];
			continue;
		}
		k = escape(s + i + 1, n - i - 1, &c);
		if(k == 0)
			return o;
		i += k + 1;
		if(!(c & 0x80000000)){
			out[o++] = c;
			continue;
		}
		c &= 0x7fffffff;
		if(c < 0x80)
			out[o++] = c;
		else if(c < 0x800){
			out[o++] = 0xc0 | c >> 6;
			out[o++] = 0x80 | (c & 0x3f);
		}else if(c < 0x10000){
			out[o++] = 0xe0 | c >> 12;
			out[o++] = 0x80 | ((c >> 6) & 0x3f);
			out[o++] = 0x80 | (c & 0x3f);
		}else{
			out[o++] = 0xf0 | c >> 18;
			out[o++] = 0x80 | ((c >> 12) & 0x3f);
			out[o++] = 0x80 | ((c >> 6) & 0x3f);
			out[o++] = 0x80 | (c & 0x3f);
		}
	}
	return o;
}

/*
 * Parser helpers: errors, memory, tokens.
 */

static Wtok *
cur(P *p)
{
	/* past the end (a step of 2 over a last "("), every token is the end */
	return p->pos < p->ntok ? &p->tok[p->pos] : &p->tok[p->ntok - 1];
}

static Wtok *
ahead(P *p, size_t k)
{
	return p->pos + k < p->ntok ? &p->tok[p->pos + k] : &p->tok[p->ntok - 1];
}

/* The first error wins; afterwards every token read is the end. */
static int
fail(P *p, Wtok *t, const char *msg, const Wtok *arg)
{
	char a[48];
	size_t n;

	if(p->bad)
		return -1;
	p->bad = 1;
	if(arg != NULL && arg->kind == Wtatom){
		n = arg->n < sizeof a - 1 ? arg->n : sizeof a - 1;
		memcpy(a, arg->s, n);
		a[n] = 0;
		werr(p->err, p->nerr, "line %u, col %u: %s %s", t->line, t->col, msg, a);
	}else
		werr(p->err, p->nerr, "line %u, col %u: %s", t->line, t->col, msg);
	p->pos = p->ntok - 1;
	return -1;
}

static int
unexpected(P *p)
{
	Wtok *t;

	t = cur(p);
	if(t->kind == Wteof)
		return fail(p, t, "unexpected end", NULL);
	if(t->kind == Wtatom)
		return fail(p, t, "unexpected token", t);
	return fail(p, t, "unexpected token", NULL);
}

static void *
prealloc(P *p, void *old, size_t n)
{
	void *q;

	q = p->a->realloc(p->a->aux, old, n);
	if(q == NULL && n != 0)
		fail(p, cur(p), "out of memory", NULL);
	return q;
}

/* Make room for one more element of size sz in *v. */
static int
grow(P *p, void **v, uint32_t *cap, uint32_t n, size_t sz)
{
	void *q;
	uint32_t c;

	if(n < *cap)
		return 0;
	if(p->bad)
		return -1;
	c = *cap ? 2 * *cap : 16;
	q = prealloc(p, *v, (size_t)c * sz);
	if(q == NULL)
		return -1;
	*v = q;
	*cap = c;
	return 0;
}

static int
bputn(P *p, Buf *b, const void *s, size_t n)
{
	uint8_t *q;
	size_t c;

	if(p->bad)
		return -1;
	if(b->b == NULL || b->n + n > b->cap){
		c = b->cap ? 2 * b->cap : 64;
		while(c < b->n + n)
			c *= 2;
		q = prealloc(p, b->b, c);
		if(q == NULL)
			return -1;
		b->b = q;
		b->cap = c;
	}
	if(n > 0)
		memcpy(b->b + b->n, s, n);
	b->n += n;
	return 0;
}

static int
bput(P *p, Buf *b, uint8_t c)
{
	return bputn(p, b, &c, 1);
}

static int
buleb(P *p, Buf *b, uint64_t v)
{
	uint8_t c;

	do{
		c = v & 0x7f;
		v >>= 7;
		if(v != 0)
			c |= 0x80;
		if(bput(p, b, c) < 0)
			return -1;
	}while(v != 0);
	return 0;
}

static int
bsleb(P *p, Buf *b, int64_t v)
{
	uint8_t c;
	int more;

	do{
		c = v & 0x7f;
		v >>= 7;	/* arithmetic: the compilers we use sign-extend */
		more = !((v == 0 && !(c & 0x40)) || (v == -1 && (c & 0x40)));
		if(more)
			c |= 0x80;
		if(bput(p, b, c) < 0)
			return -1;
	}while(more);
	return 0;
}

static void
bfree(P *p, Buf *b)
{
	if(b->b != NULL)
		p->a->realloc(p->a->aux, b->b, 0);
	memset(b, 0, sizeof *b);
}

static int
isatom(Wtok *t, const char *s)
{
	size_t n;

	n = strlen(s);
	return t->kind == Wtatom && t->n == n && memcmp(t->s, s, n) == 0;
}

static int
atomp(P *p, const char *s)
{
	return isatom(cur(p), s);
}

/* Is the current token "(" followed by keyword s? */
static int
lparen(P *p, const char *s)
{
	return cur(p)->kind == Wtlp && isatom(ahead(p, 1), s);
}

static int
need(P *p, int kind)
{
	if(cur(p)->kind != kind)
		return unexpected(p);
	p->pos++;
	return 0;
}

static int
rparen(P *p)
{
	return need(p, Wtrp);
}

static int
isid(Wtok *t)
{
	return t->kind == Wtatom && t->n >= 2 && t->s[0] == '$';
}

static int
isindex(Wtok *t)
{
	return t->kind == Wtatom && ((t->s[0] >= '0' && t->s[0] <= '9') || t->s[0] == '$');
}

/* Skip a parenthesised group starting at the current "(". */
static int
skip(P *p)
{
	int d;

	d = 0;
	do{
		switch(cur(p)->kind){
		case Wteof:
			return unexpected(p);
		case Wtlp:
			d++;
			break;
		case Wtrp:
			d--;
			break;
		}
		p->pos++;
	}while(d > 0);
	return 0;
}

/*
 * Identifiers and indices.
 */

static int
addid(P *p, int sp, Wtok *t, uint32_t idx)
{
	Space *s;
	uint32_t i;

	s = &p->sp[sp];
	for(i = 0; i < s->nid; i++)
		if(s->id[i].n == t->n && memcmp(s->id[i].s, t->s, t->n) == 0){
			char msg[24];
			werr(msg, sizeof msg, "duplicate %s", spacename[sp]);
			return fail(p, t, msg, t);
		}
	if(grow(p, (void **)&s->id, &s->cap, s->nid, sizeof *s->id) < 0)
		return -1;
	s->id[s->nid].s = t->s;
	s->id[s->nid].n = t->n;
	s->id[s->nid].idx = idx;
	s->nid++;
	return 0;
}

static int
number(P *p, uint64_t max, uint64_t *v)
{
	Wtok *t;

	t = cur(p);
	if(t->kind != Wtatom || watuint(t->s, t->n, max, v) < 0)
		return unexpected(p);
	p->pos++;
	return 0;
}

/* An index into a module-level space: $id or a number. */
static int
indexof(P *p, int sp, uint32_t *v)
{
	Wtok *t;
	Space *s;
	uint32_t i;
	uint64_t x;
	char msg[24];

	t = cur(p);
	if(isid(t)){
		s = &p->sp[sp];
		for(i = 0; i < s->nid; i++)
			if(s->id[i].n == t->n && memcmp(s->id[i].s, t->s, t->n) == 0){
				*v = s->id[i].idx;
				p->pos++;
				return 0;
			}
		werr(msg, sizeof msg, "unknown %s", spacename[sp]);
		return fail(p, t, msg, t);
	}
	if(number(p, 0xffffffff, &x) < 0)
		return -1;
	*v = x;
	return 0;
}

static int
localidx(P *p, uint32_t *v)
{
	Wtok *t;
	uint32_t i;
	uint64_t x;

	t = cur(p);
	if(isid(t)){
		for(i = 0; i < p->nloc; i++)
			if(p->loc[i].n == t->n && memcmp(p->loc[i].s, t->s, t->n) == 0){
				*v = i;
				p->pos++;
				return 0;
			}
		return fail(p, t, "unknown local", t);
	}
	if(number(p, 0xffffffff, &x) < 0)
		return -1;
	*v = x;
	return 0;
}

static int
labelidx(P *p, uint32_t *v)
{
	Wtok *t;
	uint32_t i;
	uint64_t x;

	t = cur(p);
	if(isid(t)){
		for(i = p->nlab; i-- > 0;)
			if(p->lab[i].n == t->n && memcmp(p->lab[i].s, t->s, t->n) == 0){
				*v = p->nlab - 1 - i;
				p->pos++;
				return 0;
			}
		return fail(p, t, "unknown label", t);
	}
	if(number(p, 0xffffffff, &x) < 0)
		return -1;
	*v = x;
	return 0;
}

/* Add a local (a parameter or a declared local); t is its id or NULL. */
static int
addlocal(P *p, Wtok *t)
{
	uint32_t i;

	if(t != NULL)
		for(i = 0; i < p->nloc; i++)
			if(p->loc[i].n == t->n && memcmp(p->loc[i].s, t->s, t->n) == 0)
				return fail(p, t, "duplicate local", t);
	if(grow(p, (void **)&p->loc, &p->caploc, p->nloc, sizeof *p->loc) < 0)
		return -1;
	p->loc[p->nloc].s = t != NULL ? t->s : NULL;
	p->loc[p->nloc].n = t != NULL ? t->n : 0;
	p->nloc++;
	return 0;
}

static int
pushlabel(P *p, Wtok *t)
{
	if(grow(p, (void **)&p->lab, &p->caplab, p->nlab, sizeof *p->lab) < 0)
		return -1;
	p->lab[p->nlab].s = t != NULL ? t->s : NULL;
	p->lab[p->nlab].n = t != NULL ? t->n : 0;
	p->nlab++;
	return 0;
}

/*
 * Types.
 */

static int
valtype(P *p, uint8_t *vt)
{
	static const struct { const char *s; uint8_t t; } tab[] = {
		{ "i32", Wi32 }, { "i64", Wi64 }, { "f32", Wf32 }, { "f64", Wf64 },
		{ "funcref", Wfuncref }, { "externref", Wexternref },
	};
	size_t i;

	for(i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if(atomp(p, tab[i].s)){
			*vt = tab[i].t;
			p->pos++;
			return 0;
		}
	if(atomp(p, "v128"))
		return fail(p, cur(p), "v128 is not supported", NULL);
	return unexpected(p);
}

static int
reftype(P *p, uint8_t *vt)
{
	if(atomp(p, "funcref"))
		*vt = Wfuncref;
	else if(atomp(p, "externref"))
		*vt = Wexternref;
	else
		return unexpected(p);
	p->pos++;
	return 0;
}

static int
isreftype(Wtok *t)
{
	return isatom(t, "funcref") || isatom(t, "externref");
}

enum {
	Nonames,	/* block types, call_indirect: identifiers are malformed */
	Locnames,	/* a function: parameters become locals */
	Anynames,	/* a type definition: identifiers are ignored */
};

/* (param ...)* (result ...)* */
static int
sig(P *p, Buf *pr, Buf *rs, int names)
{
	uint8_t t;
	Wtok *id;

	while(lparen(p, "param")){
		p->pos += 2;
		if(isid(cur(p))){
			id = cur(p);
			if(names == Nonames)
				return unexpected(p);
			p->pos++;
			if(valtype(p, &t) < 0 || bput(p, pr, t) < 0)
				return -1;
			if(names == Locnames && addlocal(p, id) < 0)
				return -1;
		}else
			while(cur(p)->kind == Wtatom){
				if(valtype(p, &t) < 0 || bput(p, pr, t) < 0)
					return -1;
				if(names == Locnames && addlocal(p, NULL) < 0)
					return -1;
			}
		if(rparen(p) < 0)
			return -1;
	}
	while(lparen(p, "result")){
		p->pos += 2;
		while(cur(p)->kind == Wtatom)
			if(valtype(p, &t) < 0 || bput(p, rs, t) < 0)
				return -1;
		if(rparen(p) < 0)
			return -1;
	}
	return p->bad ? -1 : 0;
}

static int
addtype(P *p, Buf *pr, Buf *rs, uint32_t *ti)
{
	Ftype *f;

	if(grow(p, (void **)&p->types, &p->captypes, p->ntypes, sizeof *p->types) < 0)
		return -1;
	f = &p->types[p->ntypes];
	f->np = pr->n;
	f->nr = rs->n;
	f->off = p->tpool.n;
	if(bputn(p, &p->tpool, pr->b, pr->n) < 0 || bputn(p, &p->tpool, rs->b, rs->n) < 0)
		return -1;
	*ti = p->ntypes++;
	return 0;
}

static int
typematch(P *p, uint32_t ti, Buf *pr, Buf *rs)
{
	Ftype *f;
	uint8_t *t;

	f = &p->types[ti];
	t = p->tpool.b + f->off;
	return f->np == pr->n && f->nr == rs->n &&
		(pr->n == 0 || memcmp(t, pr->b, pr->n) == 0) &&
		(rs->n == 0 || memcmp(t + f->np, rs->b, rs->n) == 0);
}

/* The first type equal to params -> results, appended if there is none. */
static int
findtype(P *p, Buf *pr, Buf *rs, uint32_t *ti)
{
	uint32_t i;

	for(i = 0; i < p->ntypes; i++)
		if(typematch(p, i, pr, rs)){
			*ti = i;
			return 0;
		}
	return addtype(p, pr, rs, ti);
}

/*
 * (type x)? (param ...)* (result ...)*.  With Locnames, parameters
 * become the first locals, unnamed when only (type x) is given.
 */
static int
typeuse(P *p, uint32_t *ti, int names)
{
	Buf pr, rs;
	Wtok *t;
	int has, r;
	uint32_t x, i;

	memset(&pr, 0, sizeof pr);
	memset(&rs, 0, sizeof rs);
	has = 0;
	x = 0;
	t = cur(p);
	if(lparen(p, "type")){
		p->pos += 2;
		if(indexof(p, Stype, &x) < 0 || rparen(p) < 0)
			return -1;
		has = 1;
	}
	r = sig(p, &pr, &rs, names);
	if(r == 0 && has){
		if(lparen(p, "param") || lparen(p, "result"))
			r = unexpected(p);
		else if((pr.n > 0 || rs.n > 0) && x >= p->nexplicit)
			r = fail(p, t, "unknown type", NULL);
		else if((pr.n > 0 || rs.n > 0) && !typematch(p, x, &pr, &rs))
			r = fail(p, t, "inline function type", NULL);
		else if(pr.n == 0 && rs.n == 0 && names == Locnames && x < p->ntypes)
			for(i = 0; i < p->types[x].np && r == 0; i++)
				r = addlocal(p, NULL);
		*ti = x;
	}else if(r == 0)
		r = findtype(p, &pr, &rs, ti);
	bfree(p, &pr);
	bfree(p, &rs);
	return r;
}

static int
blocktype(P *p, Buf *out)
{
	Buf pr, rs;
	Wtok *t;
	uint32_t x;
	int r;

	if(lparen(p, "type")){
		t = cur(p);
		p->pos += 2;
		if(indexof(p, Stype, &x) < 0 || rparen(p) < 0)
			return -1;
		memset(&pr, 0, sizeof pr);
		memset(&rs, 0, sizeof rs);
		r = sig(p, &pr, &rs, Nonames);
		if(r == 0 && (pr.n > 0 || rs.n > 0) && x >= p->nexplicit)
			r = fail(p, t, "unknown type", NULL);
		else if(r == 0 && (pr.n > 0 || rs.n > 0) && !typematch(p, x, &pr, &rs))
			r = fail(p, t, "inline function type", NULL);
		bfree(p, &pr);
		bfree(p, &rs);
		return r < 0 ? -1 : bsleb(p, out, x);
	}
	memset(&pr, 0, sizeof pr);
	memset(&rs, 0, sizeof rs);
	r = sig(p, &pr, &rs, Nonames);
	if(r == 0){
		if(pr.n == 0 && rs.n == 0)
			r = bput(p, out, 0x40);
		else if(pr.n == 0 && rs.n == 1)
			r = bput(p, out, rs.b[0]);
		else if((r = findtype(p, &pr, &rs, &x)) == 0)
			r = bsleb(p, out, x);
	}
	bfree(p, &pr);
	bfree(p, &rs);
	return r;
}

/*
 * Instructions.
 */

enum {
	Knone, Kblock, Kif, Klabel, Kbrtable, Kfunc, Kcallind, Klocal, Kglobal,
	Ktable, Ktcopy, Ktinit, Kelem, Kdata, Kminit, Kmem0, Kmcopy, Kmem,
	Ki32, Ki64, Kf32, Kf64, Kselect, Krefnull,
};

typedef struct Op Op;
struct Op {
	const char *name;
	uint16_t op;	/* 0xfcNN for the 0xfc prefix */
	uint8_t kind;
	uint8_t align;	/* natural alignment (log2) of memory accesses */
};

static const Op ops[] = {
	{ "unreachable", 0x00, Knone, 0 }, { "nop", 0x01, Knone, 0 },
	{ "block", 0x02, Kblock, 0 }, { "loop", 0x03, Kblock, 0 }, { "if", 0x04, Kif, 0 },
	{ "br", 0x0c, Klabel, 0 }, { "br_if", 0x0d, Klabel, 0 }, { "br_table", 0x0e, Kbrtable, 0 },
	{ "return", 0x0f, Knone, 0 }, { "call", 0x10, Kfunc, 0 }, { "call_indirect", 0x11, Kcallind, 0 },
	{ "drop", 0x1a, Knone, 0 }, { "select", 0x1b, Kselect, 0 },
	{ "local.get", 0x20, Klocal, 0 }, { "local.set", 0x21, Klocal, 0 }, { "local.tee", 0x22, Klocal, 0 },
	{ "global.get", 0x23, Kglobal, 0 }, { "global.set", 0x24, Kglobal, 0 },
	{ "table.get", 0x25, Ktable, 0 }, { "table.set", 0x26, Ktable, 0 },
	{ "i32.load", 0x28, Kmem, 2 }, { "i64.load", 0x29, Kmem, 3 },
	{ "f32.load", 0x2a, Kmem, 2 }, { "f64.load", 0x2b, Kmem, 3 },
	{ "i32.load8_s", 0x2c, Kmem, 0 }, { "i32.load8_u", 0x2d, Kmem, 0 },
	{ "i32.load16_s", 0x2e, Kmem, 1 }, { "i32.load16_u", 0x2f, Kmem, 1 },
	{ "i64.load8_s", 0x30, Kmem, 0 }, { "i64.load8_u", 0x31, Kmem, 0 },
	{ "i64.load16_s", 0x32, Kmem, 1 }, { "i64.load16_u", 0x33, Kmem, 1 },
	{ "i64.load32_s", 0x34, Kmem, 2 }, { "i64.load32_u", 0x35, Kmem, 2 },
	{ "i32.store", 0x36, Kmem, 2 }, { "i64.store", 0x37, Kmem, 3 },
	{ "f32.store", 0x38, Kmem, 2 }, { "f64.store", 0x39, Kmem, 3 },
	{ "i32.store8", 0x3a, Kmem, 0 }, { "i32.store16", 0x3b, Kmem, 1 },
	{ "i64.store8", 0x3c, Kmem, 0 }, { "i64.store16", 0x3d, Kmem, 1 }, { "i64.store32", 0x3e, Kmem, 2 },
	{ "memory.size", 0x3f, Kmem0, 0 }, { "memory.grow", 0x40, Kmem0, 0 },
	{ "i32.const", 0x41, Ki32, 0 }, { "i64.const", 0x42, Ki64, 0 },
	{ "f32.const", 0x43, Kf32, 0 }, { "f64.const", 0x44, Kf64, 0 },
	{ "ref.null", 0xd0, Krefnull, 0 }, { "ref.is_null", 0xd1, Knone, 0 }, { "ref.func", 0xd2, Kfunc, 0 },
	{ "i32.trunc_sat_f32_s", 0xfc00, Knone, 0 }, { "i32.trunc_sat_f32_u", 0xfc01, Knone, 0 },
	{ "i32.trunc_sat_f64_s", 0xfc02, Knone, 0 }, { "i32.trunc_sat_f64_u", 0xfc03, Knone, 0 },
	{ "i64.trunc_sat_f32_s", 0xfc04, Knone, 0 }, { "i64.trunc_sat_f32_u", 0xfc05, Knone, 0 },
	{ "i64.trunc_sat_f64_s", 0xfc06, Knone, 0 }, { "i64.trunc_sat_f64_u", 0xfc07, Knone, 0 },
	{ "memory.init", 0xfc08, Kminit, 0 }, { "data.drop", 0xfc09, Kdata, 0 },
	{ "memory.copy", 0xfc0a, Kmcopy, 0 }, { "memory.fill", 0xfc0b, Kmem0, 0 },
	{ "table.init", 0xfc0c, Ktinit, 0 }, { "elem.drop", 0xfc0d, Kelem, 0 },
	{ "table.copy", 0xfc0e, Ktcopy, 0 }, { "table.grow", 0xfc0f, Ktable, 0 },
	{ "table.size", 0xfc10, Ktable, 0 }, { "table.fill", 0xfc11, Ktable, 0 },
};

/* The operators without immediates from 0x45 to 0xc4, in opcode order. */
static const char numops[] =
	"i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u "
	"i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u "
	"f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge "
	"i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u "
	"i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr "
	"i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u "
	"i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr "
	"f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt "
	"f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign "
	"f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt "
	"f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign "
	"i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u "
	"i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u "
	"f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64 "
	"f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32 "
	"i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64 "
	"i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s";

static int
findop(Wtok *t, Op *o)
{
	size_t i, j;
	uint16_t code;

	for(i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if(isatom(t, ops[i].name)){
			*o = ops[i];
			return 0;
		}
	code = 0x45;
	for(i = 0; numops[i] != 0; i = j + (numops[j] == ' '), code++){
		for(j = i; numops[j] != ' ' && numops[j] != 0; j++)
			;
		if(t->n == j - i && memcmp(t->s, numops + i, j - i) == 0){
			o->name = NULL;
			o->op = code;
			o->kind = Knone;
			o->align = 0;
			return 0;
		}
	}
	return -1;
}

static int
emitop(P *p, Buf *out, uint16_t op)
{
	if(op >= 0xfc00)
		return bput(p, out, 0xfc) < 0 ? -1 : buleb(p, out, op & 0xff);
	return bput(p, out, op);
}

static int
memarg(P *p, Buf *out, int natural)
{
	Wtok *t;
	uint64_t off, al;
	int lg;

	off = 0;
	lg = natural;
	t = cur(p);
	if(t->kind == Wtatom && t->n > 7 && memcmp(t->s, "offset=", 7) == 0){
		if(watuint(t->s + 7, t->n - 7, 0xffffffff, &off) < 0)
			return fail(p, t, "i32 constant out of range:", t);
		p->pos++;
	}
	t = cur(p);
	if(t->kind == Wtatom && t->n > 6 && memcmp(t->s, "align=", 6) == 0){
		if(watuint(t->s + 6, t->n - 6, 0xffffffff, &al) < 0)
			return fail(p, t, "malformed alignment", t);
		if(al == 0 || (al & (al - 1)) != 0)
			return fail(p, t, "alignment must be a power of two", t);
		for(lg = 0; (1ull << lg) < al; lg++)
			;
		p->pos++;
	}
	if(buleb(p, out, lg) < 0)
		return -1;
	return buleb(p, out, off);
}

static int
enter(P *p)
{
	if(++p->depth > Maxnest)
		return fail(p, cur(p), "nesting too deep", NULL);
	return 0;
}

/* An optional $label after block, loop or if. */
static Wtok *
label(P *p)
{
	Wtok *t;

	t = cur(p);
	if(isid(t)){
		p->pos++;
		return t;
	}
	return NULL;
}

/* The optional $label after end or else must repeat the block's. */
static int
endlabel(P *p, Wtok *l)
{
	Wtok *t;

	t = cur(p);
	if(!isid(t))
		return 0;
	if(l == NULL || l->n != t->n || memcmp(l->s, t->s, t->n) != 0)
		return fail(p, t, "mismatching label", t);
	p->pos++;
	return 0;
}

/* The body of a plain block, loop or if after the opcode. */
static int
plainblock(P *p, Buf *out, int isif)
{
	Wtok *l;

	if(enter(p) < 0)
		return -1;
	l = label(p);
	if(blocktype(p, out) < 0 || pushlabel(p, l) < 0)
		return -1;
	if(instrs(p, out) < 0)
		return -1;
	if(isif && atomp(p, "else")){
		p->pos++;
		if(endlabel(p, l) < 0 || bput(p, out, 0x05) < 0 || instrs(p, out) < 0)
			return -1;
	}
	if(!atomp(p, "end"))
		return unexpected(p);
	p->pos++;
	if(endlabel(p, l) < 0)
		return -1;
	p->nlab--;
	p->depth--;
	return bput(p, out, 0x0b);
}

/* One instruction with its immediates; plain blocks with their body. */
static int
plain(P *p, Buf *out, int infold)
{
	Wtok *t;
	Op o;
	uint32_t x, y, n;
	uint64_t v;
	uint8_t vt;
	Buf tmp;
	int r, hasres;

	t = cur(p);
	if(t->kind != Wtatom)
		return unexpected(p);
	if(findop(t, &o) < 0)
		return fail(p, t, "unknown operator", t);
	p->pos++;
	if((o.kind == Kblock || o.kind == Kif) && infold)
		return fail(p, t, "unexpected token", t);
	if(emitop(p, out, o.op) < 0)
		return -1;
	switch(o.kind){
	case Knone:
		return 0;
	case Kblock:
	case Kif:
		return plainblock(p, out, o.kind == Kif);
	case Klabel:
		return labelidx(p, &x) < 0 ? -1 : buleb(p, out, x);
	case Kbrtable:
		memset(&tmp, 0, sizeof tmp);
		n = 0;
		r = 0;
		while(isindex(cur(p)) && r == 0){
			if((r = labelidx(p, &x)) == 0)
				r = buleb(p, &tmp, x);
			n++;
		}
		if(r == 0 && n == 0)
			r = unexpected(p);
		if(r == 0 && buleb(p, out, n - 1) == 0)
			r = bputn(p, out, tmp.b, tmp.n);
		bfree(p, &tmp);
		return r;
	case Kfunc:
		return indexof(p, Sfunc, &x) < 0 ? -1 : buleb(p, out, x);
	case Kcallind:
		y = 0;
		if(isindex(cur(p)) && indexof(p, Stable, &y) < 0)
			return -1;
		if(typeuse(p, &x, Nonames) < 0 || buleb(p, out, x) < 0)
			return -1;
		return buleb(p, out, y);
	case Klocal:
		return localidx(p, &x) < 0 ? -1 : buleb(p, out, x);
	case Kglobal:
		return indexof(p, Sglobal, &x) < 0 ? -1 : buleb(p, out, x);
	case Ktable:
		x = 0;
		if(isindex(cur(p)) && indexof(p, Stable, &x) < 0)
			return -1;
		return buleb(p, out, x);
	case Ktcopy:
		x = y = 0;
		if(isindex(cur(p)) && (indexof(p, Stable, &x) < 0 || indexof(p, Stable, &y) < 0))
			return -1;
		return buleb(p, out, x) < 0 ? -1 : buleb(p, out, y);
	case Ktinit:
		/* table.init elem, or table.init table elem */
		x = 0;
		if(isindex(ahead(p, 1))){
			if(indexof(p, Stable, &x) < 0)
				return -1;
		}
		if(indexof(p, Selem, &y) < 0)
			return -1;
		return buleb(p, out, y) < 0 ? -1 : buleb(p, out, x);
	case Kelem:
		return indexof(p, Selem, &x) < 0 ? -1 : buleb(p, out, x);
	case Kdata:
		p->usedata = 1;
		return indexof(p, Sdata, &x) < 0 ? -1 : buleb(p, out, x);
	case Kminit:
		p->usedata = 1;
		if(indexof(p, Sdata, &x) < 0 || buleb(p, out, x) < 0)
			return -1;
		return bput(p, out, 0);
	case Kmem0:
		return bput(p, out, 0);
	case Kmcopy:
		return bput(p, out, 0) < 0 ? -1 : bput(p, out, 0);
	case Kmem:
		return memarg(p, out, o.align);
	case Ki32:
		t = cur(p);
		if(t->kind != Wtatom || watint(t->s, t->n, 32, &v) < 0)
			return fail(p, t, "i32 constant out of range:", t);
		p->pos++;
		return bsleb(p, out, (int32_t)(uint32_t)v);
	case Ki64:
		t = cur(p);
		if(t->kind != Wtatom || watint(t->s, t->n, 64, &v) < 0)
			return fail(p, t, "i64 constant out of range:", t);
		p->pos++;
		return bsleb(p, out, (int64_t)v);
	case Kf32:{
		uint32_t b;
		uint8_t le[4];
		t = cur(p);
		if(t->kind != Wtatom || watf32(t->s, t->n, &b) < 0)
			return fail(p, t, "constant out of range:", t);
		p->pos++;
		le[0] = b;
		le[1] = b >> 8;
		le[2] = b >> 16;
		le[3] = b >> 24;
		return bputn(p, out, le, 4);
	}
	case Kf64:{
		uint64_t b;
		uint8_t le[8];
		int i;
		t = cur(p);
		if(t->kind != Wtatom || watf64(t->s, t->n, &b) < 0)
			return fail(p, t, "constant out of range:", t);
		p->pos++;
		for(i = 0; i < 8; i++)
			le[i] = b >> (8 * i);
		return bputn(p, out, le, 8);
	}
	case Kselect:
		memset(&tmp, 0, sizeof tmp);
		hasres = 0;
		r = 0;
		while(lparen(p, "result") && r == 0){
			p->pos += 2;
			hasres = 1;
			while(cur(p)->kind == Wtatom && r == 0)
				if((r = valtype(p, &vt)) == 0)
					r = bput(p, &tmp, vt);
			if(r == 0)
				r = rparen(p);
		}
		if(r == 0 && hasres){
			out->b[out->n - 1] = 0x1c;
			if(buleb(p, out, tmp.n) == 0)
				r = bputn(p, out, tmp.b, tmp.n);
		}
		bfree(p, &tmp);
		return r;
	case Krefnull:
		if(atomp(p, "func"))
			vt = Wfuncref;
		else if(atomp(p, "extern"))
			vt = Wexternref;
		else
			return unexpected(p);
		p->pos++;
		return bput(p, out, vt);
	}
	return unexpected(p);
}

/* A folded instruction: "(" is the current token. */
static int
folded(P *p, Buf *out)
{
	Wtok *t, *l;
	Buf tmp;
	int r;
	uint8_t op;

	if(enter(p) < 0)
		return -1;
	p->pos++;
	t = cur(p);
	if(isatom(t, "block") || isatom(t, "loop")){
		op = isatom(t, "block") ? 0x02 : 0x03;
		p->pos++;
		l = label(p);
		if(bput(p, out, op) < 0 || blocktype(p, out) < 0 || pushlabel(p, l) < 0)
			return -1;
		if(instrs(p, out) < 0 || rparen(p) < 0)
			return -1;
		p->nlab--;
		r = bput(p, out, 0x0b);
	}else if(isatom(t, "if")){
		/* the condition is outside the block: its label is not in scope */
		p->pos++;
		l = label(p);
		memset(&tmp, 0, sizeof tmp);
		r = blocktype(p, &tmp);
		while(r == 0 && cur(p)->kind == Wtlp && !lparen(p, "then"))
			r = folded(p, out);
		if(r == 0 && (r = bput(p, out, 0x04)) == 0)
			r = bputn(p, out, tmp.b, tmp.n);
		bfree(p, &tmp);
		if(r < 0 || pushlabel(p, l) < 0)
			return -1;
		if(!lparen(p, "then"))
			return unexpected(p);
		p->pos += 2;
		if(instrs(p, out) < 0 || rparen(p) < 0)
			return -1;
		if(lparen(p, "else")){
			p->pos += 2;
			if(bput(p, out, 0x05) < 0 || instrs(p, out) < 0 || rparen(p) < 0)
				return -1;
		}
		if(rparen(p) < 0)
			return -1;
		p->nlab--;
		r = bput(p, out, 0x0b);
		p->depth--;
		return r;
	}else{
		memset(&tmp, 0, sizeof tmp);
		r = plain(p, &tmp, 1);
		while(r == 0 && cur(p)->kind == Wtlp)
			r = folded(p, out);
		if(r == 0)
			r = bputn(p, out, tmp.b, tmp.n);
		bfree(p, &tmp);
		if(r == 0)
			r = rparen(p);
	}
	p->depth--;
	return r;
}

/* Instructions up to ")", "end", "else" or the end of the text. */
static int
instrs(P *p, Buf *out)
{
	Wtok *t;

	for(;;){
		if(p->bad)
			return -1;
		t = cur(p);
		if(t->kind == Wtlp){
			if(folded(p, out) < 0)
				return -1;
		}else if(t->kind == Wtatom){
			if(isatom(t, "end") || isatom(t, "else"))
				return 0;
			if(plain(p, out, 0) < 0)
				return -1;
		}else
			return 0;
	}
}

/* A constant expression up to ")" with its end. */
static int
expr(P *p, Buf *out)
{
	if(instrs(p, out) < 0)
		return -1;
	if(cur(p)->kind != Wtrp)
		return unexpected(p);
	return bput(p, out, 0x0b);
}

/*
 * Module fields.
 */

static int
name(P *p, Buf *out)
{
	Wtok *t;
	Buf b;
	int r;

	t = cur(p);
	if(t->kind != Wtstr)
		return unexpected(p);
	memset(&b, 0, sizeof b);
	if(bputn(p, &b, NULL, 0) < 0)
		return -1;
	if(t->n > 0){
		if(bputn(p, &b, t->s, t->n) < 0)
			return -1;
		b.n = watstring(t->s, t->n, b.b);
	}
	if(!utf8valid(b.b, b.n))
		r = fail(p, t, "malformed UTF-8 encoding", NULL);
	else if((r = buleb(p, out, b.n)) == 0)
		r = bputn(p, out, b.b, b.n);
	bfree(p, &b);
	p->pos++;
	return r;
}

/* Strings concatenated into out (raw bytes: data segments, binary modules). */
static int
strings(P *p, Buf *out)
{
	Wtok *t;
	size_t n0;

	while((t = cur(p))->kind == Wtstr){
		n0 = out->n;
		if(bputn(p, out, t->s, t->n) < 0)
			return -1;
		out->n = n0 + watstring(t->s, t->n, out->b + n0);
		p->pos++;
	}
	return p->bad ? -1 : 0;
}

static int
limits(P *p, Buf *out)
{
	uint64_t lo, hi;
	Wtok *t;

	t = cur(p);
	if(t->kind != Wtatom || watuint(t->s, t->n, 0xffffffff, &lo) < 0)
		return fail(p, t, "i32 constant out of range:", t);
	p->pos++;
	t = cur(p);
	if(t->kind == Wtatom && t->s[0] >= '0' && t->s[0] <= '9'){
		if(watuint(t->s, t->n, 0xffffffff, &hi) < 0)
			return fail(p, t, "i32 constant out of range:", t);
		p->pos++;
		if(bput(p, out, 1) < 0 || buleb(p, out, lo) < 0)
			return -1;
		return buleb(p, out, hi);
	}
	if(bput(p, out, 0) < 0)
		return -1;
	return buleb(p, out, lo);
}

static int
globaltype(P *p, Buf *out)
{
	uint8_t t;

	if(lparen(p, "mut")){
		p->pos += 2;
		if(valtype(p, &t) < 0 || rparen(p) < 0)
			return -1;
		if(bput(p, out, t) < 0)
			return -1;
		return bput(p, out, 1);
	}
	if(valtype(p, &t) < 0 || bput(p, out, t) < 0)
		return -1;
	return bput(p, out, 0);
}

/* Inline (export "name")* of item idx of kind k. */
static int
inlineexports(P *p, int k, uint32_t idx)
{
	while(lparen(p, "export")){
		p->pos += 2;
		if(name(p, &p->exp) < 0 || bput(p, &p->exp, k) < 0 || buleb(p, &p->exp, idx) < 0)
			return -1;
		if(rparen(p) < 0)
			return -1;
		p->nexp++;
	}
	return p->bad ? -1 : 0;
}

/* limits reftype, written as the binary has it: element type first */
static int
tabletype(P *p, Buf *out)
{
	Buf lim;
	uint8_t t;
	int r;

	memset(&lim, 0, sizeof lim);
	r = limits(p, &lim);
	if(r == 0 && (r = reftype(p, &t)) == 0 && (r = bput(p, out, t)) == 0)
		r = bputn(p, out, lim.b, lim.n);
	bfree(p, &lim);
	return r;
}

/* The description of an import of kind k, after any id. */
static int
importdesc(P *p, int k)
{
	uint32_t x;

	if(bput(p, &p->imp, k) < 0)
		return -1;
	switch(k){
	case Wkfunc:
		p->nloc = 0;
		if(typeuse(p, &x, Anynames) < 0)
			return -1;
		return buleb(p, &p->imp, x);
	case Wktable:
		return tabletype(p, &p->imp);
	case Wkmem:
		return limits(p, &p->imp);
	case Wkglobal:
		return globaltype(p, &p->imp);
	}
	return -1;
}

/* The kind of an import or export description keyword. */
static int
externkind(Wtok *t)
{
	if(isatom(t, "func"))
		return Wkfunc;
	if(isatom(t, "table"))
		return Wktable;
	if(isatom(t, "memory"))
		return Wkmem;
	if(isatom(t, "global"))
		return Wkglobal;
	return -1;
}

/* Each extern kind's index space. */
static const int kindspace[] = { Sfunc, Stable, Smem, Sglobal };

/* (import "mod" "name" ...) after the keyword: the two names. */
static int
importnames(P *p)
{
	if(name(p, &p->imp) < 0 || name(p, &p->imp) < 0)
		return -1;
	p->nimp++;
	return 0;
}

static int
fimport(P *p)
{
	int k;

	if(importnames(p) < 0)
		return -1;
	if(cur(p)->kind != Wtlp || (k = externkind(ahead(p, 1))) < 0){
		p->pos += cur(p)->kind == Wtlp;
		return unexpected(p);
	}
	p->pos += 2;
	if(isid(cur(p)))
		p->pos++;
	p->cnt[kindspace[k]]++;
	if(importdesc(p, k) < 0)
		return -1;
	return rparen(p) < 0 ? -1 : rparen(p);
}

/* Locals: (local $x t) or (local t*), as runs of equal types. */
static int
locals(P *p, Buf *body)
{
	Buf lt;
	uint8_t t;
	uint32_t nrun, i, j;
	int r;
	Wtok *id;

	memset(&lt, 0, sizeof lt);
	r = 0;
	while(lparen(p, "local") && r == 0){
		p->pos += 2;
		if(isid(cur(p))){
			id = cur(p);
			p->pos++;
			if((r = valtype(p, &t)) == 0 && (r = bput(p, &lt, t)) == 0)
				r = addlocal(p, id);
		}else
			while(cur(p)->kind == Wtatom && r == 0)
				if((r = valtype(p, &t)) == 0 && (r = bput(p, &lt, t)) == 0)
					r = addlocal(p, NULL);
		if(r == 0)
			r = rparen(p);
	}
	if(r == 0 && p->bad)
		r = -1;
	nrun = 0;
	for(i = 0; i < lt.n; i = j, nrun++)
		for(j = i; j < lt.n && lt.b[j] == lt.b[i]; j++)
			;
	if(r == 0)
		r = buleb(p, body, nrun);
	for(i = 0; i < lt.n && r == 0; i = j){
		for(j = i; j < lt.n && lt.b[j] == lt.b[i]; j++)
			;
		if((r = buleb(p, body, j - i)) == 0)
			r = bput(p, body, lt.b[i]);
	}
	bfree(p, &lt);
	return r;
}

static int
ffunc(P *p)
{
	uint32_t idx, ti;
	Buf body;
	int r;

	idx = p->cnt[Sfunc]++;
	if(isid(cur(p)))
		p->pos++;
	if(inlineexports(p, Wkfunc, idx) < 0)
		return -1;
	p->nloc = 0;
	p->nlab = 0;
	if(lparen(p, "import")){
		p->pos += 2;
		if(importnames(p) < 0 || rparen(p) < 0 || importdesc(p, Wkfunc) < 0)
			return -1;
		return rparen(p);
	}
	if(typeuse(p, &ti, Locnames) < 0 || buleb(p, &p->func, ti) < 0)
		return -1;
	p->nfunc++;
	memset(&body, 0, sizeof body);
	r = locals(p, &body);
	if(r == 0)
		r = expr(p, &body);
	if(r == 0 && (r = buleb(p, &p->code, body.n)) == 0)
		r = bputn(p, &p->code, body.b, body.n);
	bfree(p, &body);
	return r < 0 ? -1 : rparen(p);
}

/* An element list item: (item instr*) or one folded instruction. */
static int
elemexpr(P *p, Buf *out)
{
	if(lparen(p, "item")){
		p->pos += 2;
		if(expr(p, out) < 0)
			return -1;
		return rparen(p);
	}
	if(cur(p)->kind != Wtlp)
		return unexpected(p);
	if(folded(p, out) < 0)
		return -1;
	return bput(p, out, 0x0b);
}

/*
 * The element list after the mode: "func" indices, a reference type
 * and expressions, or (bare) indices when bare is allowed.  Writes
 * the list into items with its count and says which form it is.
 */
static int
elemlist(P *p, int bare, Buf *items, uint32_t *n, int *exprs, uint8_t *rt)
{
	uint32_t x;

	*n = 0;
	*exprs = 0;
	*rt = Wfuncref;
	if(atomp(p, "func") || (bare && (isindex(cur(p)) || cur(p)->kind == Wtrp))){
		if(atomp(p, "func"))
			p->pos++;
		while(isindex(cur(p))){
			if(indexof(p, Sfunc, &x) < 0 || buleb(p, items, x) < 0)
				return -1;
			(*n)++;
		}
		return p->bad ? -1 : 0;
	}
	if(reftype(p, rt) < 0)
		return -1;
	*exprs = 1;
	while(cur(p)->kind == Wtlp){
		if(elemexpr(p, items) < 0)
			return -1;
		(*n)++;
	}
	return p->bad ? -1 : 0;
}

/* Append an element segment; mode 0 active, 1 passive, 2 declarative. */
static int
addelem(P *p, int mode, uint32_t table, Buf *off, Buf *items, uint32_t n, int exprs, uint8_t rt)
{
	Buf *e;

	e = &p->elem;
	if(buleb(p, e, (exprs ? 4 : 0) | (mode == 0 ? 2 : mode == 1 ? 1 : 3)) < 0)
		return -1;
	if(mode == 0 && (buleb(p, e, table) < 0 || bputn(p, e, off->b, off->n) < 0))
		return -1;
	if(bput(p, e, exprs ? rt : 0) < 0 || buleb(p, e, n) < 0)
		return -1;
	return bputn(p, e, items->b, items->n);
}

/* An offset: (offset instr*) or one folded instruction. */
static int
offset(P *p, Buf *off)
{
	if(lparen(p, "offset")){
		p->pos += 2;
		if(expr(p, off) < 0)
			return -1;
		return rparen(p);
	}
	if(folded(p, off) < 0)
		return -1;
	return bput(p, off, 0x0b);
}

static int
ftable(P *p)
{
	uint32_t idx, n;
	uint8_t rt, et;
	Buf items, off;
	int exprs, r;

	idx = p->cnt[Stable]++;
	if(isid(cur(p)))
		p->pos++;
	if(inlineexports(p, Wktable, idx) < 0)
		return -1;
	if(lparen(p, "import")){
		p->pos += 2;
		if(importnames(p) < 0 || rparen(p) < 0 || importdesc(p, Wktable) < 0)
			return -1;
		return rparen(p);
	}
	if(!isreftype(cur(p))){
		if(tabletype(p, &p->table) < 0)
			return -1;
		p->ntab++;
		return rparen(p);
	}
	/* reftype (elem ...): a table just large enough, and its segment */
	if(reftype(p, &rt) < 0)
		return -1;
	if(!lparen(p, "elem"))
		return unexpected(p);
	p->pos += 2;
	memset(&items, 0, sizeof items);
	memset(&off, 0, sizeof off);
	n = 0;
	exprs = cur(p)->kind == Wtlp;
	r = 0;
	while(r == 0 && (exprs ? cur(p)->kind == Wtlp : isindex(cur(p)))){
		if(exprs)
			r = elemexpr(p, &items);
		else if((r = indexof(p, Sfunc, &idx)) == 0)
			r = buleb(p, &items, idx);
		n++;
	}
	idx = p->cnt[Stable] - 1;
	et = rt;
	if(r == 0 && (r = rparen(p)) == 0 && (r = bput(p, &p->table, et)) == 0 &&
	   (r = bput(p, &p->table, 1)) == 0 && (r = buleb(p, &p->table, n)) == 0 &&
	   (r = buleb(p, &p->table, n)) == 0 && (r = bputn(p, &off, "\x41\x00\x0b", 3)) == 0)
		r = addelem(p, 0, idx, &off, &items, n, exprs, rt);
	p->ntab++;
	p->nel++;
	p->cnt[Selem]++;
	bfree(p, &items);
	bfree(p, &off);
	return r < 0 ? -1 : rparen(p);
}

static int
fmemory(P *p)
{
	uint32_t idx, pages;
	Buf bytes;
	int r;

	idx = p->cnt[Smem]++;
	if(isid(cur(p)))
		p->pos++;
	if(inlineexports(p, Wkmem, idx) < 0)
		return -1;
	if(lparen(p, "import")){
		p->pos += 2;
		if(importnames(p) < 0 || rparen(p) < 0 || importdesc(p, Wkmem) < 0)
			return -1;
		return rparen(p);
	}
	p->nmem++;
	if(!lparen(p, "data")){
		if(limits(p, &p->mem) < 0)
			return -1;
		return rparen(p);
	}
	/* (data ...): a memory just large enough, and its segment */
	p->pos += 2;
	memset(&bytes, 0, sizeof bytes);
	r = strings(p, &bytes);
	pages = (bytes.n + Pagesize - 1) / Pagesize;
	if(r == 0 && (r = rparen(p)) == 0 && (r = bput(p, &p->mem, 1)) == 0 &&
	   (r = buleb(p, &p->mem, pages)) == 0 && (r = buleb(p, &p->mem, pages)) == 0 &&
	   (r = buleb(p, &p->data, 2)) == 0 && (r = buleb(p, &p->data, idx)) == 0 &&
	   (r = bputn(p, &p->data, "\x41\x00\x0b", 3)) == 0 && (r = buleb(p, &p->data, bytes.n)) == 0)
		r = bputn(p, &p->data, bytes.b, bytes.n);
	p->ndat++;
	p->cnt[Sdata]++;
	bfree(p, &bytes);
	return r < 0 ? -1 : rparen(p);
}

static int
fglobal(P *p)
{
	uint32_t idx;

	idx = p->cnt[Sglobal]++;
	if(isid(cur(p)))
		p->pos++;
	if(inlineexports(p, Wkglobal, idx) < 0)
		return -1;
	if(lparen(p, "import")){
		p->pos += 2;
		if(importnames(p) < 0 || rparen(p) < 0 || importdesc(p, Wkglobal) < 0)
			return -1;
		return rparen(p);
	}
	p->nglob++;
	p->nlab = 0;
	if(globaltype(p, &p->glob) < 0 || expr(p, &p->glob) < 0)
		return -1;
	return rparen(p);
}

static int
fexport(P *p)
{
	int k;
	uint32_t x;

	if(name(p, &p->exp) < 0)
		return -1;
	if(cur(p)->kind != Wtlp || (k = externkind(ahead(p, 1))) < 0){
		p->pos += cur(p)->kind == Wtlp;
		return unexpected(p);
	}
	p->pos += 2;
	if(indexof(p, kindspace[k], &x) < 0 || rparen(p) < 0)
		return -1;
	if(bput(p, &p->exp, k) < 0 || buleb(p, &p->exp, x) < 0)
		return -1;
	p->nexp++;
	return rparen(p);
}

static int
fstart(P *p)
{
	Wtok *t;

	t = cur(p);
	if(p->hasstart)
		return fail(p, t, "multiple start sections", NULL);
	p->hasstart = 1;
	if(indexof(p, Sfunc, &p->start) < 0)
		return -1;
	return rparen(p);
}

static int
felem(P *p)
{
	int mode, exprs, r, tab;
	uint32_t table, n;
	uint8_t rt;
	Buf off, items;

	p->cnt[Selem]++;
	if(isid(cur(p)))
		p->pos++;
	memset(&off, 0, sizeof off);
	memset(&items, 0, sizeof items);
	mode = 1;
	table = 0;
	tab = 0;
	r = 0;
	p->nlab = 0;
	if(atomp(p, "declare")){
		mode = 2;
		p->pos++;
	}else{
		if(lparen(p, "table")){
			p->pos += 2;
			if(indexof(p, Stable, &table) < 0 || rparen(p) < 0)
				return -1;
			tab = 1;
		}
		if(tab || (cur(p)->kind == Wtlp && !lparen(p, "item"))){
			mode = 0;
			r = offset(p, &off);
		}
	}
	if(r == 0)
		r = elemlist(p, mode == 0 && !tab, &items, &n, &exprs, &rt);
	if(r == 0)
		r = addelem(p, mode, table, &off, &items, n, exprs, rt);
	p->nel++;
	bfree(p, &off);
	bfree(p, &items);
	return r < 0 ? -1 : rparen(p);
}

static int
fdata(P *p)
{
	uint32_t mem;
	int active, r;
	Buf off, bytes;

	p->cnt[Sdata]++;
	if(isid(cur(p)))
		p->pos++;
	memset(&off, 0, sizeof off);
	memset(&bytes, 0, sizeof bytes);
	mem = 0;
	active = 0;
	r = 0;
	p->nlab = 0;
	if(lparen(p, "memory")){
		p->pos += 2;
		if(indexof(p, Smem, &mem) < 0 || rparen(p) < 0)
			return -1;
		active = 1;
	}
	if(active || cur(p)->kind == Wtlp){
		active = 1;
		r = offset(p, &off);
	}
	if(r == 0)
		r = strings(p, &bytes);
	if(r == 0 && active)
		r = mem == 0 ? buleb(p, &p->data, 0) : (buleb(p, &p->data, 2) < 0 ? -1 : buleb(p, &p->data, mem));
	else if(r == 0)
		r = buleb(p, &p->data, 1);
	if(r == 0 && active)
		r = bputn(p, &p->data, off.b, off.n);
	if(r == 0 && (r = buleb(p, &p->data, bytes.n)) == 0)
		r = bputn(p, &p->data, bytes.b, bytes.n);
	p->ndat++;
	bfree(p, &off);
	bfree(p, &bytes);
	return r < 0 ? -1 : rparen(p);
}

/*
 * First pass: explicit types, identifiers of every module-level
 * space, and the rule that imports precede definitions.
 */
static int
collect(P *p, size_t end)
{
	Wtok *t, *id;
	size_t start;
	int k, sp, imp;
	Buf pr, rs;
	uint32_t ti;

	static const char *defname[] = { "function", "table", "memory", "global" };

	while(p->pos < end && !p->bad){
		start = p->pos;
		if(cur(p)->kind != Wtlp)
			return unexpected(p);
		t = ahead(p, 1);
		p->pos += 2;
		id = isid(cur(p)) ? cur(p) : NULL;
		if(id != NULL)
			p->pos++;
		if(isatom(t, "type")){
			if(!lparen(p, "func"))
				return unexpected(p);
			p->pos += 2;
			memset(&pr, 0, sizeof pr);
			memset(&rs, 0, sizeof rs);
			if(sig(p, &pr, &rs, Anynames) == 0 && rparen(p) == 0 && rparen(p) == 0)
				addtype(p, &pr, &rs, &ti);
			bfree(p, &pr);
			bfree(p, &rs);
			if(p->bad)
				return -1;
			if(id != NULL && addid(p, Stype, id, ti) < 0)
				return -1;
			continue;
		}
		if(isatom(t, "import")){
			if(id != NULL)
				return fail(p, id, "unexpected token", id);
			if(cur(p)->kind != Wtstr || ahead(p, 1)->kind != Wtstr || ahead(p, 2)->kind != Wtlp ||
			   (k = externkind(ahead(p, 3))) < 0){
				p->pos = start;
				p->pos = start + 2;
				while(cur(p)->kind == Wtstr)
					p->pos++;
				return unexpected(p);
			}
			p->pos += 4;
			id = isid(cur(p)) ? cur(p) : NULL;
			imp = 1;
		}else if((k = externkind(t)) >= 0){
			while(lparen(p, "export") && !p->bad)
				skip(p);
			imp = lparen(p, "import");
			if(k == Wktable && !imp && isreftype(cur(p)) && lparen(p, "elem") == 0 &&
			   ahead(p, 1)->kind == Wtlp && isatom(ahead(p, 2), "elem"))
				p->sp[Selem].n++;
			if(k == Wkmem && !imp && lparen(p, "data"))
				p->sp[Sdata].n++;
		}else if(isatom(t, "elem") || isatom(t, "data")){
			sp = isatom(t, "elem") ? Selem : Sdata;
			if(id != NULL && addid(p, sp, id, p->sp[sp].n) < 0)
				return -1;
			p->sp[sp].n++;
			k = -1;
			imp = 0;
		}else if(isatom(t, "export") || isatom(t, "start")){
			k = -1;
			imp = 0;
		}else{
			p->pos = start + 1;
			return fail(p, t, "unknown module field", t);
		}
		if(k >= 0){
			sp = kindspace[k];
			if(imp && p->defkind != NULL)
				return fail(p, t, p->defkind, NULL);
			if(!imp && p->defkind == NULL)
				p->defkind = k == Wkfunc ? "import after function" : k == Wktable ? "import after table" :
					k == Wkmem ? "import after memory" : "import after global";
			(void)defname;
			if(id != NULL && addid(p, sp, id, p->sp[sp].n) < 0)
				return -1;
			p->sp[sp].n++;
		}
		p->pos = start;
		if(skip(p) < 0)
			return -1;
	}
	return p->bad ? -1 : 0;
}

/* Second pass: each field into its section. */
static int
fields(P *p, size_t end)
{
	Wtok *t;
	int r;

	while(p->pos < end && !p->bad){
		t = ahead(p, 1);
		p->pos += 2;
		if(isatom(t, "type")){
			p->pos -= 2;
			r = skip(p);
		}else if(isatom(t, "import"))
			r = fimport(p);
		else if(isatom(t, "func"))
			r = ffunc(p);
		else if(isatom(t, "table"))
			r = ftable(p);
		else if(isatom(t, "memory"))
			r = fmemory(p);
		else if(isatom(t, "global"))
			r = fglobal(p);
		else if(isatom(t, "export"))
			r = fexport(p);
		else if(isatom(t, "start"))
			r = fstart(p);
		else if(isatom(t, "elem"))
			r = felem(p);
		else
			r = fdata(p);
		if(r < 0)
			return -1;
	}
	return p->bad ? -1 : 0;
}

static int
section(P *p, Buf *out, int id, uint32_t n, Buf *b)
{
	Buf hd;
	int r;

	if(n == 0)
		return 0;
	memset(&hd, 0, sizeof hd);
	r = buleb(p, &hd, n);
	if(r == 0 && (r = bput(p, out, id)) == 0 && (r = buleb(p, out, hd.n + b->n)) == 0 &&
	   (r = bputn(p, out, hd.b, hd.n)) == 0)
		r = bputn(p, out, b->b, b->n);
	bfree(p, &hd);
	return r;
}

static int
assemble(P *p, Buf *out)
{
	Buf ty, one;
	Ftype *f;
	uint32_t i;
	int r;

	memset(&ty, 0, sizeof ty);
	memset(&one, 0, sizeof one);
	r = bputn(p, out, "\0asm\1\0\0\0", 8);
	for(i = 0; i < p->ntypes && r == 0; i++){
		f = &p->types[i];
		if((r = bput(p, &ty, 0x60)) == 0 && (r = buleb(p, &ty, f->np)) == 0 &&
		   (r = bputn(p, &ty, p->tpool.b + f->off, f->np)) == 0 && (r = buleb(p, &ty, f->nr)) == 0)
			r = bputn(p, &ty, p->tpool.b + f->off + f->np, f->nr);
	}
	if(r == 0)
		r = section(p, out, 1, p->ntypes, &ty);
	if(r == 0)
		r = section(p, out, 2, p->nimp, &p->imp);
	if(r == 0)
		r = section(p, out, 3, p->nfunc, &p->func);
	if(r == 0)
		r = section(p, out, 4, p->ntab, &p->table);
	if(r == 0)
		r = section(p, out, 5, p->nmem, &p->mem);
	if(r == 0)
		r = section(p, out, 6, p->nglob, &p->glob);
	if(r == 0)
		r = section(p, out, 7, p->nexp, &p->exp);
	if(r == 0 && p->hasstart && (r = buleb(p, &one, p->start)) == 0 && (r = bput(p, out, 8)) == 0 &&
	   (r = buleb(p, out, one.n)) == 0)
		r = bputn(p, out, one.b, one.n);
	if(r == 0)
		r = section(p, out, 9, p->nel, &p->elem);
	if(r == 0 && (p->ndat > 0 || p->usedata) && (r = bputn(p, out, "\x0c\x01", 2)) == 0){
		/* the data count: a section of one LEB */
		one.n = 0;
		if((r = buleb(p, &one, p->ndat)) == 0){
			out->b[out->n - 1] = one.n;
			r = bputn(p, out, one.b, one.n);
		}
	}
	if(r == 0)
		r = section(p, out, 10, p->nfunc, &p->code);
	if(r == 0)
		r = section(p, out, 11, p->ndat, &p->data);
	bfree(p, &ty);
	bfree(p, &one);
	return r;
}

static void
pfree(P *p)
{
	int i;
	Buf *bufs[] = { &p->tpool, &p->imp, &p->func, &p->table, &p->mem, &p->glob, &p->exp,
		&p->elem, &p->code, &p->data };

	for(i = 0; i < (int)(sizeof bufs / sizeof bufs[0]); i++)
		bfree(p, bufs[i]);
	for(i = 0; i < Nspace; i++)
		if(p->sp[i].id != NULL)
			p->a->realloc(p->a->aux, p->sp[i].id, 0);
	if(p->types != NULL)
		p->a->realloc(p->a->aux, p->types, 0);
	if(p->loc != NULL)
		p->a->realloc(p->a->aux, p->loc, 0);
	if(p->lab != NULL)
		p->a->realloc(p->a->aux, p->lab, 0);
	if(p->tok != NULL)
		p->a->realloc(p->a->aux, p->tok, 0);
}

static int parse(const Walloc *a, const char *text, size_t n, int quote, Buf *out, char *err, size_t nerr);

/* The module's body from p->pos to the token end: binary, quote or fields. */
static int
body(P *p, Buf *out, size_t end)
{
	Buf q;
	size_t first;
	int r;

	if(atomp(p, "binary") || atomp(p, "quote")){
		memset(&q, 0, sizeof q);
		r = atomp(p, "binary");
		p->pos++;
		if(strings(p, r ? out : &q) < 0 || (p->pos != end && unexpected(p) < 0)){
			bfree(p, &q);
			return -1;
		}
		if(r)
			return 0;
		if(p->quote >= Maxquote)
			r = fail(p, cur(p), "nesting too deep", NULL);
		else
			r = parse(p->a, q.n ? (const char *)q.b : "", q.n, p->quote + 1, out, p->err, p->nerr);
		bfree(p, &q);
		return r;
	}
	first = p->pos;
	if(collect(p, end) < 0)
		return -1;
	p->nexplicit = p->ntypes;
	p->pos = first;
	if(fields(p, end) < 0)
		return -1;
	return assemble(p, out);
}

static int
parse(const Walloc *a, const char *text, size_t n, int quote, Buf *out, char *err, size_t nerr)
{
	P p;
	Wlex l;
	Wtok t;
	uint32_t cap;
	int depth, r;
	size_t end;

	memset(&p, 0, sizeof p);
	p.a = a;
	p.err = err;
	p.nerr = nerr;
	p.quote = quote;
	memset(&l, 0, sizeof l);
	l.text = text;
	l.n = n;
	l.line = 1;
	l.col = 1;
	cap = 0;
	depth = 0;
	r = 0;
	for(;;){
		if(wattoken(&l, &t, err, nerr) < 0){
			r = -1;
			break;
		}
		if(t.kind == Wtlp && ++depth > Maxnest){
			werr(err, nerr, "line %u, col %u: nesting too deep", t.line, t.col);
			r = -1;
			break;
		}
		if(t.kind == Wtrp)
			depth--;
		if(grow(&p, (void **)&p.tok, &cap, p.ntok, sizeof t) < 0){
			r = -1;
			break;
		}
		p.tok[p.ntok++] = t;
		if(t.kind == Wteof)
			break;
	}
	if(r == 0){
		/* (module $id? ...) or the fields alone */
		end = p.ntok - 1;
		if(lparen(&p, "module")){
			if(skip(&p) == 0 && cur(&p)->kind != Wteof)
				unexpected(&p);
			end = p.pos - 1;
			p.pos = 2;
			if(isid(cur(&p)))
				p.pos++;
		}
		r = p.bad ? -1 : body(&p, out, end);
		if(r == 0 && p.bad)
			r = -1;
	}
	pfree(&p);
	return r;
}

int
watparse(const Walloc *a, const char *text, size_t n, uint8_t **bin, size_t *binlen, char *err, size_t nerr)
{
	Buf out;

	memset(&out, 0, sizeof out);
	if(err != NULL && nerr > 0)
		err[0] = 0;
	if(parse(a, text, n, 0, &out, err, nerr) < 0){
		if(out.b != NULL)
			a->realloc(a->aux, out.b, 0);
		if(err != NULL && nerr > 0 && err[0] == 0)
			werr(err, nerr, "out of memory");
		return -1;
	}
	if(out.b == NULL){
		/* an empty binary module */
		out.b = a->realloc(a->aux, NULL, 1);
		if(out.b == NULL){
			werr(err, nerr, "out of memory");
			return -1;
		}
	}
	*bin = out.b;
	*binlen = out.n;
	return 0;
}
