/*
 * inst.c - stores, linking and instantiation.  A store owns every
 * object made in it (modules, instances, functions, tables, memories,
 * globals) and frees them together: instances may share objects
 * through imports, so no object has a single owner.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "wasm.h"
#include "dat.h"

/* Zeroed, so that a half-built object can always be freed. */
void *
walloc(Wstore *s, size_t n)
{
	void *p;

	if(n == 0)
		n = 1;
	p = s->a.realloc(s->a.aux, NULL, n);
	if(p != NULL)
		memset(p, 0, n);
	return p;
}

void *
wrealloc(Wstore *s, void *p, size_t n)
{
	return s->a.realloc(s->a.aux, p, n == 0 ? 1 : n);
}

void
wfree(Wstore *s, void *p)
{
	if(p != NULL)
		s->a.realloc(s->a.aux, p, 0);
}

Wstore *
wasmstore(const Walloc *a, const Wlimits *l)
{
	Wstore *s;

	s = a->realloc(a->aux, NULL, sizeof *s);
	if(s == NULL)
		return NULL;
	memset(s, 0, sizeof *s);
	s->a = *a;
	if(l != NULL)
		s->lim = *l;
	if(s->lim.maxdepth == 0)
		s->lim.maxdepth = 10000;
	if(s->lim.stackslots == 0)
		s->lim.stackslots = 1 << 20;
	if(s->lim.maxtable == 0)
		s->lim.maxtable = 10000000;
	s->fuel = s->lim.fuel > 0 ? s->lim.fuel : INT64_MAX;
	s->stack = walloc(s, (size_t)s->lim.stackslots * 8);
	s->frames = walloc(s, ((size_t)s->lim.maxdepth + 1) * sizeof(Wframe));
	if(s->stack == NULL || s->frames == NULL){
		wfree(s, s->stack);
		wfree(s, s->frames);
		a->realloc(a->aux, s, 0);
		return NULL;
	}
	s->sp = s->stack;
	return s;
}

int64_t
wasmfuel(Wstore *s)
{
	return s->fuel;
}

void
wasmsetfuel(Wstore *s, int64_t fuel)
{
	s->fuel = fuel > 0 ? fuel : 0;
}

int
wasmexitcode(Wstore *s)
{
	return s->exitcode;
}

void
wmodfree(Wstore *s, Wmodule *m)
{
	uint32_t i;

	for(i = 0; i < m->ntypes; i++)
		wfree(s, m->types[i].t);
	wfree(s, m->types);
	for(i = 0; i < m->nimps; i++){
		wfree(s, m->imps[i].mod);
		wfree(s, m->imps[i].name);
	}
	wfree(s, m->imps);
	wfree(s, m->functype);
	if(m->codes != NULL)
		for(i = 0; i < m->nfuncs - m->nimpfuncs; i++)
			wfree(s, m->codes[i].code);
	wfree(s, m->codes);
	wfree(s, m->tablim);
	wfree(s, m->tabtype);
	wfree(s, m->memlim);
	wfree(s, m->globals);
	for(i = 0; i < m->nexps; i++)
		wfree(s, m->exps[i].name);
	wfree(s, m->exps);
	for(i = 0; i < m->nelems; i++)
		wfree(s, m->elems[i].init);
	wfree(s, m->elems);
	for(i = 0; i < m->ndata; i++)
		wfree(s, (void *)m->data[i].b);
	wfree(s, m->data);
	wfree(s, m->declared);
	wfree(s, m);
}

static void
instfree(Wstore *s, Winst *in)
{
	uint32_t i;

	if(in->elems != NULL)
		for(i = 0; i < in->m->nelems; i++)
			wfree(s, in->elems[i]);
	wfree(s, in->elems);
	wfree(s, in->elemn);
	wfree(s, in->datadrop);
	wfree(s, in->funcs);
	wfree(s, in->tables);
	wfree(s, in->mems);
	wfree(s, in->globals);
	wfree(s, in);
}

void
wasmstorefree(Wstore *s)
{
	Wmodule *m;
	Winst *in;
	Wfunc *f;
	Wtable *t;
	Wmem *me;
	Wglobal *g;
	void *next;
	size_t i;

	for(in = s->insts; in != NULL; in = next){
		next = in->next;
		instfree(s, in);
	}
	for(m = s->mods; m != NULL; m = next){
		next = m->next;
		wmodfree(s, m);
	}
	for(f = s->funcs; f != NULL; f = next){
		next = f->next;
		if(f->inst == NULL){
			wfree(s, f->type->t);
			wfree(s, f->type);
		}
		wfree(s, f);
	}
	for(t = s->tables; t != NULL; t = next){
		next = t->next;
		wfree(s, t->e);
		wfree(s, t);
	}
	for(me = s->mems; me != NULL; me = next){
		next = me->next;
		wfree(s, me->b);
		wfree(s, me);
	}
	for(g = s->globals; g != NULL; g = next){
		next = g->next;
		wfree(s, g);
	}
	for(i = 0; i < s->nextra; i++)
		wfree(s, s->extra[i]);
	wfree(s, s->extra);
	wfree(s, s->stack);
	wfree(s, s->frames);
	s->a.realloc(s->a.aux, s, 0);
}

Wmodule *
wasmload(Wstore *s, const uint8_t *b, size_t n, char *err, size_t nerr)
{
	return wdecode(s, b, n, err, nerr);
}

int
wasmnimports(Wmodule *m)
{
	return m->nimps;
}

int
wasmimport(Wmodule *m, int i, const char **mod, const char **name)
{
	size_t ml, nl;

	return wasmimportn(m, i, mod, &ml, name, &nl);
}

int
wasmimportn(Wmodule *m, int i, const char **mod, size_t *modlen, const char **name, size_t *namelen)
{
	if(i < 0 || (uint32_t)i >= m->nimps)
		return -1;
	*mod = m->imps[i].mod;
	*modlen = m->imps[i].modlen;
	*name = m->imps[i].name;
	*namelen = m->imps[i].namelen;
	return m->imps[i].kind;
}

static int
sigstr(const Wtype *t, char *sig, size_t nsig)
{
	size_t k;
	int i;
	uint8_t v;

	k = 0;
	for(i = 0; i < t->np + t->nr; i++){
		if(i == t->np){
			if(k + 1 >= nsig)
				return -1;
			sig[k++] = ':';
		}
		v = t->t[i];
		if(k + 1 >= nsig)
			return -1;
		sig[k++] = v == Wi32 ? 'i' : v == Wi64 ? 'I' : v == Wf32 ? 'f' : v == Wf64 ? 'F' : v == Wfuncref ? 'r' : 'e';
	}
	if(t->nr == 0){
		if(k + 1 >= nsig)
			return -1;
		sig[k++] = ':';
	}
	sig[k] = 0;
	return 0;
}

int
wasmimportsig(Wmodule *m, int i, char *sig, size_t nsig)
{
	if(i < 0 || (uint32_t)i >= m->nimps || m->imps[i].kind != Wkfunc)
		return -1;
	return sigstr(&m->types[m->imps[i].type], sig, nsig);
}

int
wasmfuncsig(Wfunc *f, char *sig, size_t nsig)
{
	return sigstr(f->type, sig, nsig);
}

int
wasmfuncarity(Wfunc *f, int *nresults)
{
	*nresults = f->type->nr;
	return f->type->np;
}

uint64_t
wasmglobalget(Wglobal *g)
{
	return g->v;
}

uint8_t *
wasmmemdata(Wmem *m, uint64_t *size)
{
	*size = m->size;
	return m->b;
}

Wmem *
wasminstmem(Winst *in)
{
	return in != NULL ? in->mem0 : NULL;
}

static Wfunc *
newfunc(Wstore *s)
{
	Wfunc *f;

	f = walloc(s, sizeof *f);
	if(f == NULL)
		return NULL;
	memset(f, 0, sizeof *f);
	f->next = s->funcs;
	s->funcs = f;
	return f;
}

Wfunc *
wasmhostfunc(Wstore *s, const char *sig, Whostfn *fn, void *aux)
{
	Wtype *t;
	Wfunc *f;
	size_t n, i;
	int np, res;
	uint8_t v;

	n = strlen(sig);
	t = walloc(s, sizeof *t);
	if(t == NULL)
		return NULL;
	t->t = walloc(s, n + 1);
	if(t->t == NULL){
		wfree(s, t);
		return NULL;
	}
	t->np = t->nr = 0;
	np = 0;
	res = 0;
	for(i = 0; i < n; i++){
		switch(sig[i]){
		case ':':
			res = 1;
			continue;
		case 'i': v = Wi32; break;
		case 'I': v = Wi64; break;
		case 'f': v = Wf32; break;
		case 'F': v = Wf64; break;
		case 'r': v = Wfuncref; break;
		case 'e': v = Wexternref; break;
		default:
			wfree(s, t->t);
			wfree(s, t);
			return NULL;
		}
		t->t[np++] = v;
		if(res)
			t->nr++;
		else
			t->np++;
	}
	if(t->np > Maxparams || t->nr > Maxparams){
		wfree(s, t->t);
		wfree(s, t);
		return NULL;
	}
	f = newfunc(s);
	if(f == NULL){
		wfree(s, t->t);
		wfree(s, t);
		return NULL;
	}
	f->type = t;
	f->host = fn;
	f->aux = aux;
	return f;
}

Wtable *
wasmnewtable(Wstore *s, int elemtype, uint32_t min, uint32_t max, int hasmax)
{
	Wtable *t;

	if(min > s->lim.maxtable)
		return NULL;
	t = walloc(s, sizeof *t);
	if(t == NULL)
		return NULL;
	memset(t, 0, sizeof *t);
	t->e = walloc(s, (size_t)min * 8);
	if(t->e == NULL){
		wfree(s, t);
		return NULL;
	}
	memset(t->e, 0, (size_t)min * 8);
	t->type = elemtype;
	t->size = min;
	t->max = max;
	t->hasmax = hasmax;
	t->next = s->tables;
	s->tables = t;
	return t;
}

static uint32_t
pagecap(Wstore *s)
{
	return s->lim.maxpages != 0 && s->lim.maxpages < Maxpages ? s->lim.maxpages : Maxpages;
}

Wmem *
wasmnewmem(Wstore *s, uint32_t min, uint32_t max, int hasmax)
{
	Wmem *m;

	if(min > pagecap(s))
		return NULL;
	m = walloc(s, sizeof *m);
	if(m == NULL)
		return NULL;
	memset(m, 0, sizeof *m);
	m->size = (uint64_t)min * Pagesize;
	m->b = walloc(s, m->size);
	if(m->b == NULL){
		wfree(s, m);
		return NULL;
	}
	memset(m->b, 0, m->size);
	m->max = max;
	m->hasmax = hasmax;
	m->next = s->mems;
	s->mems = m;
	return m;
}

Wglobal *
wasmnewglobal(Wstore *s, int type, int mut, uint64_t val)
{
	Wglobal *g;

	g = walloc(s, sizeof *g);
	if(g == NULL)
		return NULL;
	g->vt = type;
	g->mut = mut;
	g->v = val;
	g->next = s->globals;
	s->globals = g;
	return g;
}

/*
 * Grow memory by delta pages.  0: grown, *old is the old size;
 * -1: refused (the module's maximum, 4 GiB, or no memory to be had),
 * which memory.grow reports as -1; -2: the store's page cap, a trap.
 */
int
wmemgrow(Wstore *s, Wmem *m, uint32_t delta, uint32_t *old)
{
	uint64_t pages, np;
	uint8_t *b;

	pages = m->size / Pagesize;
	np = pages + delta;
	*old = pages;
	if(delta == 0)
		return 0;
	if(np > Maxpages || (m->hasmax && np > m->max))
		return -1;
	if(np > pagecap(s))
		return s->lim.maxpages != 0 ? -2 : -1;
	b = wrealloc(s, m->b, np * Pagesize);
	if(b == NULL)
		return -1;
	memset(b + m->size, 0, np * Pagesize - m->size);
	m->b = b;
	m->size = np * Pagesize;
	return 0;
}

int
wtablegrow(Wstore *s, Wtable *t, uint32_t delta, uint64_t init, uint32_t *old)
{
	uint64_t n, i;
	uint64_t *e;

	*old = t->size;
	n = (uint64_t)t->size + delta;
	if(n > 0xffffffffull || (t->hasmax && n > t->max) || n > s->lim.maxtable)
		return -1;
	if(delta == 0)
		return 0;
	e = wrealloc(s, t->e, n * 8);
	if(e == NULL)
		return -1;
	for(i = t->size; i < n; i++)
		e[i] = init;
	t->e = e;
	t->size = n;
	return 0;
}

static int
limok(uint32_t min, uint32_t max, int hasmax, const Wlim *want)
{
	if(min < want->min)
		return 0;
	if(want->hasmax && (!hasmax || max > want->max))
		return 0;
	return 1;
}

static uint64_t
evalconst(Winst *in, const Wconst *c)
{
	switch(c->op){
	case 0x23:
		return in->globals[c->v]->v;
	case 0xd0:
		return 0;
	case 0xd2:
		return (uint64_t)(uintptr_t)in->funcs[c->v];
	}
	return c->v;
}

/* Report a failed instantiation; the instance stays with the store. */
static Winst *
instfail(char *err, size_t nerr, const char *msg, const char *what)
{
	if(what != NULL)
		werr(err, nerr, "%s: %s", msg, what);
	else
		werr(err, nerr, "%s", msg);
	return NULL;
}

Winst *
wasminstantiate(Wstore *s, Wmodule *m, const Wextern *imps, char *err, size_t nerr)
{
	Winst *in;
	uint32_t i, f, t, me, g, j, k;
	const Wextern *x;
	Wimp *im;
	Welem *el;
	Wdata *d;
	uint64_t off;
	Wfunc *fn;
	const char *trap;

	in = walloc(s, sizeof *in);
	if(in == NULL)
		return instfail(err, nerr, "out of memory", NULL);
	memset(in, 0, sizeof *in);
	in->s = s;
	in->m = m;
	in->funcs = walloc(s, (size_t)m->nfuncs * sizeof(Wfunc *));
	in->tables = walloc(s, (size_t)m->ntables * sizeof(Wtable *));
	in->mems = walloc(s, (size_t)m->nmems * sizeof(Wmem *));
	in->globals = walloc(s, (size_t)m->nglobals * sizeof(Wglobal *));
	in->elems = walloc(s, (size_t)m->nelems * sizeof(uint64_t *));
	in->elemn = walloc(s, (size_t)m->nelems * sizeof(uint32_t));
	in->datadrop = walloc(s, m->ndata);
	if(in->funcs == NULL || in->tables == NULL || in->mems == NULL || in->globals == NULL ||
	   in->elems == NULL || in->elemn == NULL || in->datadrop == NULL){
		instfree(s, in);
		return instfail(err, nerr, "out of memory", NULL);
	}
	memset(in->elems, 0, (size_t)m->nelems * sizeof(uint64_t *));
	memset(in->datadrop, 0, m->ndata);
	/* Link. */
	f = t = me = g = 0;
	for(i = 0; i < m->nimps; i++){
		im = &m->imps[i];
		x = &imps[i];
		if(x->kind != im->kind || x->func == NULL){
			instfree(s, in);
			return instfail(err, nerr, "incompatible import type", im->name);
		}
		switch(im->kind){
		case Wkfunc:
			if(!wtypeeq(x->func->type, &m->types[im->type])){
				instfree(s, in);
				return instfail(err, nerr, "incompatible import type", im->name);
			}
			in->funcs[f++] = x->func;
			break;
		case Wktable:
			if(x->table->type != im->vt || !limok(x->table->size, x->table->max, x->table->hasmax, &im->lim)){
				instfree(s, in);
				return instfail(err, nerr, "incompatible import type", im->name);
			}
			in->tables[t++] = x->table;
			break;
		case Wkmem:
			if(!limok(x->mem->size / Pagesize, x->mem->max, x->mem->hasmax, &im->lim)){
				instfree(s, in);
				return instfail(err, nerr, "incompatible import type", im->name);
			}
			in->mems[me++] = x->mem;
			break;
		case Wkglobal:
			if(x->global->vt != im->vt || x->global->mut != im->mut){
				instfree(s, in);
				return instfail(err, nerr, "incompatible import type", im->name);
			}
			in->globals[g++] = x->global;
			break;
		}
	}
	/* From here on objects belong to the store; the instance too. */
	in->next = s->insts;
	s->insts = in;
	for(i = m->nimpfuncs; i < m->nfuncs; i++){
		fn = newfunc(s);
		if(fn == NULL)
			return instfail(err, nerr, "out of memory", NULL);
		fn->type = &m->types[m->functype[i]];
		fn->inst = in;
		fn->code = &m->codes[i - m->nimpfuncs];
		in->funcs[i] = fn;
	}
	for(i = m->nimptables; i < m->ntables; i++){
		in->tables[i] = wasmnewtable(s, m->tabtype[i], m->tablim[i].min, m->tablim[i].max, m->tablim[i].hasmax);
		if(in->tables[i] == NULL)
			return instfail(err, nerr, "table limit", NULL);
	}
	for(i = m->nimpmems; i < m->nmems; i++){
		if(m->memlim[i].min > pagecap(s))
			return instfail(err, nerr, "memory limit", NULL);
		in->mems[i] = wasmnewmem(s, m->memlim[i].min, m->memlim[i].max, m->memlim[i].hasmax);
		if(in->mems[i] == NULL)
			return instfail(err, nerr, "out of memory", NULL);
	}
	in->mem0 = m->nmems > 0 ? in->mems[0] : NULL;
	for(i = m->nimpglobals; i < m->nglobals; i++){
		in->globals[i] = wasmnewglobal(s, m->globals[i].vt, m->globals[i].mut, 0);
		if(in->globals[i] == NULL)
			return instfail(err, nerr, "out of memory", NULL);
		in->globals[i]->v = evalconst(in, &m->globals[i].init);
	}
	for(i = 0; i < m->nelems; i++){
		el = &m->elems[i];
		in->elems[i] = walloc(s, (size_t)el->n * 8);
		if(in->elems[i] == NULL)
			return instfail(err, nerr, "out of memory", NULL);
		for(j = 0; j < el->n; j++)
			in->elems[i][j] = evalconst(in, &el->init[j]);
		in->elemn[i] = el->n;
	}
	/* Active element segments, then data segments, in order; each is
	 * dropped once applied.  A trap stops instantiation but leaves what
	 * was already written, as the specification says. */
	for(i = 0; i < m->nelems; i++){
		el = &m->elems[i];
		if(el->mode == Elpassive)
			continue;
		if(el->mode == Elactive){
			Wtable *tb = in->tables[el->table];
			off = (uint32_t)evalconst(in, &el->off);
			if(off + el->n > tb->size)
				return instfail(err, nerr, "out of bounds table access", NULL);
			for(k = 0; k < el->n; k++)
				tb->e[off + k] = in->elems[i][k];
		}
		in->elemn[i] = 0;
	}
	for(i = 0; i < m->ndata; i++){
		d = &m->data[i];
		if(!d->active)
			continue;
		off = (uint32_t)evalconst(in, &d->off);
		if(off + d->n > in->mems[d->mem]->size)
			return instfail(err, nerr, "out of bounds memory access", NULL);
		if(d->n > 0)
			memcpy(in->mems[d->mem]->b + off, d->b, d->n);
		in->datadrop[i] = 1;
	}
	if(m->hasstart){
		trap = wexec(s, in->funcs[m->start], NULL, NULL);
		if(trap != NULL)
			return instfail(err, nerr, trap, NULL);
	}
	return in;
}

int
wasmexport(Winst *in, const char *name, Wextern *e)
{
	return wasmexportn(in, name, strlen(name), e);
}

int
wasmexportn(Winst *in, const char *name, size_t len, Wextern *e)
{
	Wmodule *m;
	uint32_t i;
	Wexp *x;

	m = in->m;
	for(i = 0; i < m->nexps; i++){
		x = &m->exps[i];
		if(x->namelen != len || memcmp(x->name, name, len) != 0)
			continue;
		e->kind = x->kind;
		switch(x->kind){
		case Wkfunc: e->func = in->funcs[x->idx]; break;
		case Wktable: e->table = in->tables[x->idx]; break;
		case Wkmem: e->mem = in->mems[x->idx]; break;
		case Wkglobal: e->global = in->globals[x->idx]; break;
		}
		return 0;
	}
	return -1;
}

int
wasmnexports(Winst *in)
{
	return in->m->nexps;
}

int
wasmexportat(Winst *in, int i, const char **name, size_t *len, Wextern *e)
{
	Wexp *x;

	if(i < 0 || (uint32_t)i >= in->m->nexps)
		return -1;
	x = &in->m->exps[i];
	*name = x->name;
	*len = x->namelen;
	return wasmexportn(in, x->name, x->namelen, e);
}

const char *
wasmcall(Wstore *s, Wfunc *f, const uint64_t *args, uint64_t *results)
{
	return wexec(s, f, args, results);
}
