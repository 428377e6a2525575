/*
 * decode.c - the WebAssembly binary decoder.  Every read is bounds
 * checked against the end of the current section; every count is
 * checked against the bytes left before anything is allocated, so
 * a hostile module cannot make us allocate more than a small multiple
 * of its own size.  Function bodies are handed to wcompile (valid.c),
 * which validates and translates them in one pass.
 */
#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>
#include <string.h>
#include "wasm.h"
#include "dat.h"


void
werr(char *err, size_t nerr, const char *fmt, ...)
{
	va_list ap;
	size_t n;
	const char *s;
	char num[24];
	uint64_t v;
	int neg, i;

	if(err == NULL || nerr == 0)
		return;
	n = 0;
	va_start(ap, fmt);
	for(; *fmt != 0 && n + 1 < nerr; fmt++){
		if(*fmt != '%'){
			err[n++] = *fmt;
			continue;
		}
		fmt++;
		if(*fmt == 's'){
			s = va_arg(ap, const char *);
			if(s == NULL)
				s = "(null)";
		}else if(*fmt == 'd' || *fmt == 'u'){
			neg = 0;
			if(*fmt == 'd'){
				int64_t sv = va_arg(ap, int);
				if(sv < 0){
					neg = 1;
					v = -(uint64_t)sv;
				}else
					v = sv;
			}else
				v = va_arg(ap, unsigned);
			i = sizeof num - 1;
			num[i] = 0;
			do{
				num[--i] = '0' + v % 10;
				v /= 10;
			}while(v != 0);
			if(neg)
				num[--i] = '-';
			s = num + i;
		}else if(*fmt == 0)
			break;
		else
			s = "?";
		while(*s != 0 && n + 1 < nerr)
			err[n++] = *s++;
	}
	va_end(ap);
	err[n] = 0;
}

int
wrbyte(Rd *r, uint8_t *v)
{
	if(r->p >= r->e){
		r->err = "unexpected end";
		return -1;
	}
	*v = *r->p++;
	return 0;
}

/* Unsigned LEB128 of at most bits bits. */
int
wruleb(Rd *r, int bits, uint64_t *v)
{
	uint64_t x;
	int shift;
	uint8_t b;

	x = 0;
	for(shift = 0;; shift += 7){
		if(wrbyte(r, &b) < 0)
			return -1;
		if(shift + 7 > bits && (b & 0x7f) >> (bits - shift) != 0){
			r->err = shift + 7 > bits + 6 ? "integer representation too long" : "integer too large";
			return -1;
		}
		x |= (uint64_t)(b & 0x7f) << shift;
		if((b & 0x80) == 0)
			break;
		if(shift + 7 >= bits){
			r->err = "integer representation too long";
			return -1;
		}
	}
	*v = x;
	return 0;
}

/* Signed LEB128 of at most bits bits. */
int
wrsleb(Rd *r, int bits, int64_t *v)
{
	uint64_t x;
	int shift, rem;
	uint8_t b, hi;

	x = 0;
	for(shift = 0;; shift += 7){
		if(wrbyte(r, &b) < 0)
			return -1;
		if(shift + 7 >= bits && (b & 0x80) == 0){
			/* last byte: unused high bits must equal the sign bit */
			rem = bits - shift;	/* 1..7 bits meaningful */
			hi = (b & 0x7f) >> (rem - 1);
			if(hi != 0 && hi != (0x7f >> (rem - 1))){
				r->err = "integer too large";
				return -1;
			}
		}
		x |= (uint64_t)(b & 0x7f) << shift;
		if((b & 0x80) == 0){
			shift += 7;
			break;
		}
		if(shift + 7 >= bits){
			r->err = "integer representation too long";
			return -1;
		}
	}
	if(shift < 64 && (b & 0x40) != 0)
		x |= ~(uint64_t)0 << shift;
	*v = (int64_t)x;
	return 0;
}

int
wru32(Rd *r, uint32_t *v)
{
	uint64_t x;

	if(wruleb(r, 32, &x) < 0)
		return -1;
	*v = x;
	return 0;
}

/* A count of items each at least min bytes long: bounded by what is left. */
int
wrcount(Rd *r, size_t min, uint32_t *v)
{
	if(wru32(r, v) < 0)
		return -1;
	if(min > 0 && *v > (size_t)(r->e - r->p) / min){
		r->err = "unexpected end of section or function";
		return -1;
	}
	return 0;
}

static int
utf8ok(const uint8_t *p, size_t n)
{
	size_t i, k, j;
	uint32_t c, lo;

	for(i = 0; i < n;){
		c = p[i];
		if(c < 0x80){
			i++;
			continue;
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
		if(n - i < k + 1)
			return 0;
		for(j = 1; j <= k; j++){
			if((p[i + j] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (p[i + j] & 0x3f);
		}
		if(c < lo || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		i += k + 1;
	}
	return 1;
}

static char *
rname(Wstore *s, Rd *r, uint32_t *len)
{
	uint32_t n;
	char *name;

	if(wrcount(r, 1, &n) < 0)
		return NULL;
	if(!utf8ok(r->p, n)){
		r->err = "malformed UTF-8 encoding";
		return NULL;
	}
	name = walloc(s, (size_t)n + 1);
	if(name == NULL){
		r->err = "out of memory";
		return NULL;
	}
	memcpy(name, r->p, n);
	name[n] = 0;
	r->p += n;
	if(len != NULL)
		*len = n;
	return name;
}

static int
isvaltype(uint8_t t)
{
	return t == Wi32 || t == Wi64 || t == Wf32 || t == Wf64 || t == Wfuncref || t == Wexternref;
}

int
wrvaltype(Rd *r, uint8_t *t)
{
	if(wrbyte(r, t) < 0)
		return -1;
	if(*t == Wv128){
		r->err = "SIMD (v128) not supported";
		return -1;
	}
	if(!isvaltype(*t)){
		r->err = "malformed value type";
		return -1;
	}
	return 0;
}

int
wrreftype(Rd *r, uint8_t *t)
{
	if(wrbyte(r, t) < 0)
		return -1;
	if(*t != Wfuncref && *t != Wexternref){
		r->err = "malformed reference type";
		return -1;
	}
	return 0;
}

static int
rlimits(Rd *r, Wlim *l, uint64_t bound, const char *what)
{
	uint8_t f;

	if(wrbyte(r, &f) < 0)
		return -1;
	if(f > 1){
		r->err = "integer too large";
		return -1;
	}
	if(wru32(r, &l->min) < 0)
		return -1;
	l->hasmax = f;
	l->max = 0;
	if(f && wru32(r, &l->max) < 0)
		return -1;
	if(l->min > bound || (l->hasmax && l->max > bound)){
		r->err = what;
		return -1;
	}
	if(l->hasmax && l->max < l->min){
		r->err = "size minimum must not be greater than maximum";
		return -1;
	}
	return 0;
}

/*
 * A constant expression: one instruction then end.  Its type is
 * checked against want; global.get may name only an imported global
 * that is immutable (WebAssembly 2.0).
 */
static int
rconst(Wmodule *m, Rd *r, uint8_t want, uint32_t nglobals, Wconst *c)
{
	uint8_t op, t, end;
	int64_t sv;
	uint32_t x;
	uint8_t got;

	if(wrbyte(r, &op) < 0)
		return -1;
	c->op = op;
	switch(op){
	case 0x41:
		if(wrsleb(r, 32, &sv) < 0)
			return -1;
		c->v = (uint32_t)sv;
		got = Wi32;
		break;
	case 0x42:
		if(wrsleb(r, 64, &sv) < 0)
			return -1;
		c->v = (uint64_t)sv;
		got = Wi64;
		break;
	case 0x43:
		if(r->e - r->p < 4){
			r->err = "unexpected end";
			return -1;
		}
		c->v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
		r->p += 4;
		got = Wf32;
		break;
	case 0x44:
		if(r->e - r->p < 8){
			r->err = "unexpected end";
			return -1;
		}
		c->v = 0;
		for(x = 0; x < 8; x++)
			c->v |= (uint64_t)r->p[x] << (8 * x);
		r->p += 8;
		got = Wf64;
		break;
	case 0xd0:
		if(wrreftype(r, &t) < 0)
			return -1;
		c->v = t;
		got = t;
		break;
	case 0xd2:
		if(wru32(r, &x) < 0)
			return -1;
		if(x >= m->nfuncs){
			r->err = "unknown function";
			return -1;
		}
		m->declared[x] = 1;
		c->v = x;
		got = Wfuncref;
		break;
	case 0x23:
		if(wru32(r, &x) < 0)
			return -1;
		if(x >= nglobals){
			r->err = "unknown global";
			return -1;
		}
		if(x >= m->nimpglobals){
			r->err = "unknown global: constant expression may use only imported globals";
			return -1;
		}
		if(m->globals[x].mut){
			r->err = "constant expression required";
			return -1;
		}
		c->v = x;
		got = m->globals[x].vt;
		break;
	default:
		if(op == 0x0b)
			r->err = "type mismatch";
		else
			r->err = "constant expression required";
		return -1;
	}
	if(wrbyte(r, &end) < 0)
		return -1;
	if(end != 0x0b){
		r->err = "constant expression required";
		return -1;
	}
	if(got != want){
		r->err = "type mismatch";
		return -1;
	}
	return 0;
}

static int
sectypes(Wmodule *m, Rd *r)
{
	uint32_t n, i, np, nr, j;
	uint8_t form, tmp[2 * Maxparams];
	Wtype *t;

	if(wrcount(r, 3, &n) < 0)
		return -1;
	m->types = walloc(m->s, (size_t)n * sizeof(Wtype) + 1);
	if(m->types == NULL)
		return r->err = "out of memory", -1;
	memset(m->types, 0, (size_t)n * sizeof(Wtype) + 1);
	m->ntypes = n;
	for(i = 0; i < n; i++){
		t = &m->types[i];
		if(wrbyte(r, &form) < 0)
			return -1;
		if(form != 0x60)
			return r->err = "integer representation too long", -1;
		if(wrcount(r, 1, &np) < 0)
			return -1;
		if(np > Maxparams)
			return r->err = "too many parameters", -1;
		for(j = 0; j < np; j++)
			if(wrvaltype(r, &tmp[j]) < 0)
				return -1;
		if(wrcount(r, 1, &nr) < 0)
			return -1;
		if(nr > Maxparams)
			return r->err = "too many results", -1;
		for(j = 0; j < nr; j++)
			if(wrvaltype(r, &tmp[np + j]) < 0)
				return -1;
		t->t = walloc(m->s, np + nr + 1);
		if(t->t == NULL)
			return r->err = "out of memory", -1;
		memcpy(t->t, tmp, np + nr);
		t->np = np;
		t->nr = nr;
	}
	return 0;
}

static int
secimports(Wmodule *m, Rd *r)
{
	uint32_t n, i;
	Wimp *im;
	uint8_t b;

	if(wrcount(r, 4, &n) < 0)
		return -1;
	m->imps = walloc(m->s, (size_t)n * sizeof(Wimp) + 1);
	if(m->imps == NULL)
		return r->err = "out of memory", -1;
	for(i = 0; i < n; i++){
		im = &m->imps[i];
		m->nimps = i + 1;
		if((im->mod = rname(m->s, r, &im->modlen)) == NULL || (im->name = rname(m->s, r, &im->namelen)) == NULL)
			return -1;
		if(wrbyte(r, &b) < 0)
			return -1;
		im->kind = b;
		switch(b){
		case Wkfunc:
			if(wru32(r, &im->type) < 0)
				return -1;
			if(im->type >= m->ntypes)
				return r->err = "unknown type", -1;
			m->nimpfuncs++;
			break;
		case Wktable:
			if(wrreftype(r, &im->vt) < 0 || rlimits(r, &im->lim, 0xffffffff, "table size") < 0)
				return -1;
			m->nimptables++;
			break;
		case Wkmem:
			if(rlimits(r, &im->lim, Maxpages, "memory size must be at most 65536 pages (4GiB)") < 0)
				return -1;
			m->nimpmems++;
			break;
		case Wkglobal:
			if(wrvaltype(r, &im->vt) < 0 || wrbyte(r, &im->mut) < 0)
				return -1;
			if(im->mut > 1)
				return r->err = "malformed mutability", -1;
			m->nimpglobals++;
			break;
		default:
			return r->err = "malformed import kind", -1;
		}
	}
	return 0;
}

/* Lay out the index spaces once imports are known (before section 3). */
static int
spaces(Wmodule *m, Rd *r, uint32_t ndeffuncs)
{
	uint32_t i, f;

	m->nfuncs = m->nimpfuncs + ndeffuncs;
	m->functype = walloc(m->s, (size_t)m->nfuncs * sizeof(uint32_t) + 1);
	m->declared = walloc(m->s, m->nfuncs + 1);
	if(m->functype == NULL || m->declared == NULL)
		return r->err = "out of memory", -1;
	memset(m->declared, 0, m->nfuncs + 1);
	f = 0;
	for(i = 0; i < m->nimps; i++)
		if(m->imps[i].kind == Wkfunc)
			m->functype[f++] = m->imps[i].type;
	return 0;
}

int
wtypeeq(const Wtype *a, const Wtype *b)
{
	return a->np == b->np && a->nr == b->nr && memcmp(a->t, b->t, a->np + a->nr) == 0;
}

static int
rsegexprs(Wmodule *m, Rd *r, Welem *el, int exprs)
{
	uint32_t i, x;

	if(wrcount(r, 1, &el->n) < 0)
		return -1;
	el->init = walloc(m->s, (size_t)el->n * sizeof(Wconst) + 1);
	if(el->init == NULL)
		return r->err = "out of memory", -1;
	for(i = 0; i < el->n; i++){
		if(exprs){
			if(rconst(m, r, el->type, m->nimpglobals, &el->init[i]) < 0)
				return -1;
		}else{
			if(wru32(r, &x) < 0)
				return -1;
			if(x >= m->nfuncs)
				return r->err = "unknown function", -1;
			m->declared[x] = 1;
			el->init[i].op = 0xd2;
			el->init[i].v = x;
		}
	}
	return 0;
}

static int
secelems(Wmodule *m, Rd *r)
{
	uint32_t n, i, flags;
	Welem *el;
	uint8_t kind;

	if(wrcount(r, 1, &n) < 0)
		return -1;
	m->elems = walloc(m->s, (size_t)n * sizeof(Welem) + 1);
	if(m->elems == NULL)
		return r->err = "out of memory", -1;
	memset(m->elems, 0, (size_t)n * sizeof(Welem) + 1);
	m->nelems = n;
	for(i = 0; i < n; i++){
		el = &m->elems[i];
		if(wru32(r, &flags) < 0)
			return -1;
		if(flags > 7)
			return r->err = "malformed elements segment kind", -1;
		el->type = Wfuncref;
		el->mode = (flags & 1) == 0 ? Elactive : (flags & 2) ? Eldeclared : Elpassive;
		if(el->mode == Elactive){
			if(flags & 2){
				if(wru32(r, &el->table) < 0)
					return -1;
			}
			if(el->table >= m->ntables)
				return r->err = "unknown table", -1;
			if(rconst(m, r, Wi32, m->nimpglobals, &el->off) < 0)
				return -1;
		}
		if(flags & 3){
			/* explicit element kind or reference type */
			if(flags & 4){
				if(wrreftype(r, &el->type) < 0)
					return -1;
			}else{
				if(wrbyte(r, &kind) < 0)
					return -1;
				if(kind != 0)
					return r->err = "malformed element kind", -1;
			}
		}
		if(rsegexprs(m, r, el, (flags & 4) != 0) < 0)
			return -1;
		if(el->mode == Elactive && m->tabtype[el->table] != el->type)
			return r->err = "type mismatch", -1;
	}
	return 0;
}

static int
secdata(Wmodule *m, Rd *r)
{
	uint32_t n, i, flags;
	Wdata *d;
	uint8_t *b;

	if(wrcount(r, 1, &n) < 0)
		return -1;
	if(m->hasdatacount && n != m->datacount)
		return r->err = "data count and data section have inconsistent lengths", -1;
	m->data = walloc(m->s, (size_t)n * sizeof(Wdata) + 1);
	if(m->data == NULL)
		return r->err = "out of memory", -1;
	memset(m->data, 0, (size_t)n * sizeof(Wdata) + 1);
	m->ndata = n;
	for(i = 0; i < n; i++){
		d = &m->data[i];
		if(wru32(r, &flags) < 0)
			return -1;
		if(flags > 2)
			return r->err = "malformed data segment kind", -1;
		d->active = flags != 1;
		if(flags == 2 && wru32(r, &d->mem) < 0)
			return -1;
		if(d->active){
			if(d->mem >= m->nmems)
				return r->err = "unknown memory", -1;
			if(rconst(m, r, Wi32, m->nimpglobals, &d->off) < 0)
				return -1;
		}
		if(wrcount(r, 1, &d->n) < 0)
			return -1;
		b = walloc(m->s, (size_t)d->n + 1);
		if(b == NULL)
			return r->err = "out of memory", -1;
		memcpy(b, r->p, d->n);
		d->b = b;
		r->p += d->n;
	}
	return 0;
}

static int
seccode(Wmodule *m, Rd *r, char *err, size_t nerr)
{
	uint32_t n, i, size;

	if(wrcount(r, 1, &n) < 0)
		return -1;
	if(n != m->nfuncs - m->nimpfuncs)
		return r->err = "function and code section have inconsistent lengths", -1;
	for(i = 0; i < n; i++){
		if(wrcount(r, 1, &size) < 0)
			return -1;
		if(wcompile(m, m->nimpfuncs + i, r->p, size, err, nerr) < 0){
			r->err = "";
			return -1;
		}
		r->p += size;
	}
	return 0;
}

static int
secexports(Wmodule *m, Rd *r)
{
	uint32_t n, i, j, lim;
	Wexp *e;
	uint8_t k;

	if(wrcount(r, 2, &n) < 0)
		return -1;
	m->exps = walloc(m->s, (size_t)n * sizeof(Wexp) + 1);
	if(m->exps == NULL)
		return r->err = "out of memory", -1;
	for(i = 0; i < n; i++){
		e = &m->exps[i];
		m->nexps = i + 1;
		if((e->name = rname(m->s, r, &e->namelen)) == NULL)
			return -1;
		if(wrbyte(r, &k) < 0 || wru32(r, &e->idx) < 0)
			return -1;
		e->kind = k;
		switch(k){
		case Wkfunc: lim = m->nfuncs; break;
		case Wktable: lim = m->ntables; break;
		case Wkmem: lim = m->nmems; break;
		case Wkglobal: lim = m->nglobals; break;
		default:
			return r->err = "malformed export kind", -1;
		}
		if(e->idx >= lim)
			return r->err = k == Wkfunc ? "unknown function" : k == Wktable ? "unknown table" :
				k == Wkmem ? "unknown memory" : "unknown global", -1;
		if(k == Wkfunc)
			m->declared[e->idx] = 1;
		for(j = 0; j < i; j++)
			if(m->exps[j].namelen == e->namelen && memcmp(m->exps[j].name, e->name, e->namelen) == 0)
				return r->err = "duplicate export name", -1;
	}
	return 0;
}

/*
 * Sections before the code section must appear in this order;
 * custom sections (0) may appear anywhere.  The data count section
 * (12) sits between element (9) and code (10).
 */
static int
secorder(uint8_t id)
{
	static const int8_t ord[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10 };

	if(id == 0 || id > 12)
		return -1;
	return ord[id];
}

Wmodule *
wdecode(Wstore *s, const uint8_t *b, size_t n, char *err, size_t nerr)
{
	static const uint8_t magic[8] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
	Rd r, sr;
	Wmodule *m;
	uint8_t id;
	uint32_t size, cnt, i, ndeffuncs;
	int last, o, gotfuncs, gotcode;
	char *name;
	uint32_t *deftypes;

	if(n < 4 || memcmp(b, magic, 4) != 0){
		werr(err, nerr, "magic header not detected");
		return NULL;
	}
	if(n < 8 || memcmp(b + 4, magic + 4, 4) != 0){
		werr(err, nerr, "unknown binary version");
		return NULL;
	}
	m = walloc(s, sizeof *m);
	if(m == NULL){
		werr(err, nerr, "out of memory");
		return NULL;
	}
	memset(m, 0, sizeof *m);
	m->s = s;
	m->next = s->mods;
	s->mods = m;
	r.p = b + 8;
	r.e = b + n;
	r.err = NULL;
	last = 0;
	gotfuncs = gotcode = 0;
	ndeffuncs = 0;
	deftypes = NULL;
	if(spaces(m, &r, 0) < 0)
		goto bad;
	while(r.p < r.e){
		if(wrbyte(&r, &id) < 0 || wru32(&r, &size) < 0)
			goto bad;
		if(size > (size_t)(r.e - r.p)){
			r.err = "section size mismatch: unexpected end";
			goto bad;
		}
		sr.p = r.p;
		sr.e = r.p + size;
		sr.err = NULL;
		r.p += size;
		if(id == 0){
			name = rname(s, &sr, NULL);
			if(name == NULL){
				r.err = sr.err;
				goto bad;
			}
			wfree(s, name);
			continue;
		}
		o = secorder(id);
		if(o < 0){
			r.err = "malformed section id";
			goto bad;
		}
		if(o <= last){
			r.err = "unexpected content after last section (junk after last section or sections out of order)";
			goto bad;
		}
		last = o;
		switch(id){
		case 1:
			if(sectypes(m, &sr) < 0)
				goto sbad;
			break;
		case 2:
			if(secimports(m, &sr) < 0)
				goto sbad;
			break;
		case 3:
			if(wrcount(&sr, 1, &ndeffuncs) < 0)
				goto sbad;
			deftypes = walloc(s, (size_t)ndeffuncs * sizeof(uint32_t) + 1);
			if(deftypes == NULL){
				sr.err = "out of memory";
				goto sbad;
			}
			for(i = 0; i < ndeffuncs; i++){
				if(wru32(&sr, &deftypes[i]) < 0)
					goto sbad;
				if(deftypes[i] >= m->ntypes){
					sr.err = "unknown type";
					goto sbad;
				}
			}
			gotfuncs = 1;
			break;
		case 4:
			if(wrcount(&sr, 3, &cnt) < 0)
				goto sbad;
			m->ntables = m->nimptables + cnt;
			break;
		case 5:
			if(wrcount(&sr, 2, &cnt) < 0)
				goto sbad;
			m->nmems = m->nimpmems + cnt;
			break;
		case 6:
			if(wrcount(&sr, 3, &cnt) < 0)
				goto sbad;
			m->nglobals = m->nimpglobals + cnt;
			break;
		case 8:
			if(wru32(&sr, &m->start) < 0)
				goto sbad;
			m->hasstart = 1;
			break;
		case 12:
			if(wru32(&sr, &m->datacount) < 0)
				goto sbad;
			m->hasdatacount = 1;
			break;
		}
		/* Index spaces are fixed once the function section has been read
		 * (or skipped); tables, memories and globals are laid out here. */
		if(id == 1 || id == 2 || id == 3){
			wfree(s, m->functype);
			wfree(s, m->declared);
			if(spaces(m, &sr, ndeffuncs) < 0)
				goto sbad;
			if(deftypes != NULL)
				for(i = 0; i < ndeffuncs; i++)
					m->functype[m->nimpfuncs + i] = deftypes[i];
		}
		if(id == 2){
			/* imported tables, memories, globals take the first indices */
			m->ntables = m->nimptables;
			m->nmems = m->nimpmems;
			m->nglobals = m->nimpglobals;
			m->tablim = walloc(s, (size_t)m->ntables * sizeof(Wlim) + 1);
			m->tabtype = walloc(s, m->ntables + 1);
			m->memlim = walloc(s, (size_t)m->nmems * sizeof(Wlim) + 1);
			m->globals = walloc(s, (size_t)m->nglobals * sizeof(Wglobdef) + 1);
			if(m->tablim == NULL || m->tabtype == NULL || m->memlim == NULL || m->globals == NULL){
				sr.err = "out of memory";
				goto sbad;
			}
			uint32_t t = 0, me = 0, g = 0;
			for(i = 0; i < m->nimps; i++){
				Wimp *im = &m->imps[i];
				if(im->kind == Wktable){
					m->tablim[t] = im->lim;
					m->tabtype[t++] = im->vt;
				}else if(im->kind == Wkmem)
					m->memlim[me++] = im->lim;
				else if(im->kind == Wkglobal){
					m->globals[g].vt = im->vt;
					m->globals[g++].mut = im->mut;
				}
			}
		}
		if(id == 2 && m->nimpmems > 1){
			sr.err = "multiple memories";
			goto sbad;
		}
		if(id == 4){
			Wlim *tl = wrealloc(s, m->tablim, (size_t)m->ntables * sizeof(Wlim) + 1);
			uint8_t *tt = tl == NULL ? NULL : wrealloc(s, m->tabtype, m->ntables + 1);
			if(tl != NULL)
				m->tablim = tl;
			if(tl == NULL || tt == NULL){
				sr.err = "out of memory";
				goto sbad;
			}
			m->tabtype = tt;
			for(i = m->nimptables; i < m->ntables; i++)
				if(wrreftype(&sr, &m->tabtype[i]) < 0 || rlimits(&sr, &m->tablim[i], 0xffffffff, "table size") < 0)
					goto sbad;
		}
		if(id == 5){
			Wlim *ml = wrealloc(s, m->memlim, (size_t)m->nmems * sizeof(Wlim) + 1);
			if(ml == NULL){
				sr.err = "out of memory";
				goto sbad;
			}
			m->memlim = ml;
			for(i = m->nimpmems; i < m->nmems; i++)
				if(rlimits(&sr, &m->memlim[i], Maxpages, "memory size must be at most 65536 pages (4GiB)") < 0)
					goto sbad;
			if(m->nmems > 1){
				sr.err = "multiple memories";
				goto sbad;
			}
		}
		if(id == 6){
			Wglobdef *gl = wrealloc(s, m->globals, (size_t)m->nglobals * sizeof(Wglobdef) + 1);
			if(gl == NULL){
				sr.err = "out of memory";
				goto sbad;
			}
			m->globals = gl;
			for(i = m->nimpglobals; i < m->nglobals; i++){
				Wglobdef *g = &m->globals[i];
				if(wrvaltype(&sr, &g->vt) < 0 || wrbyte(&sr, &g->mut) < 0)
					goto sbad;
				if(g->mut > 1){
					sr.err = "malformed mutability";
					goto sbad;
				}
				if(rconst(m, &sr, g->vt, m->nimpglobals, &g->init) < 0)
					goto sbad;
			}
		}
		if(id == 7 && secexports(m, &sr) < 0)
			goto sbad;
		if(id == 8){
			if(m->start >= m->nfuncs){
				sr.err = "unknown function";
				goto sbad;
			}
			Wtype *st = &m->types[m->functype[m->start]];
			if(st->np != 0 || st->nr != 0){
				sr.err = "start function";
				goto sbad;
			}
		}
		if(id == 9 && secelems(m, &sr) < 0)
			goto sbad;
		if(id == 10){
			m->codes = walloc(s, (size_t)(m->nfuncs - m->nimpfuncs) * sizeof(Wcode) + 1);
			if(m->codes == NULL){
				sr.err = "out of memory";
				goto sbad;
			}
			memset(m->codes, 0, (size_t)(m->nfuncs - m->nimpfuncs) * sizeof(Wcode) + 1);
			if(seccode(m, &sr, err, nerr) < 0){
				if(sr.err != NULL && sr.err[0] == 0)
					goto fail;
				goto sbad;
			}
			gotcode = 1;
		}
		if(id == 11 && secdata(m, &sr) < 0)
			goto sbad;
		if(sr.p != sr.e){
			sr.err = "section size mismatch";
			goto sbad;
		}
	}
	if(ndeffuncs > 0 && !gotcode){
		r.err = "function and code section have inconsistent lengths";
		goto bad;
	}
	(void)gotfuncs;
	if(m->ndata == 0 && m->hasdatacount && m->datacount != 0){
		r.err = "data count and data section have inconsistent lengths";
		goto bad;
	}
	wfree(s, deftypes);
	return m;
sbad:
	r.err = sr.err;
bad:
	werr(err, nerr, "%s", r.err != NULL ? r.err : "malformed module");
fail:
	wfree(s, deftypes);
	s->mods = m->next;
	wmodfree(s, m);
	return NULL;
}
