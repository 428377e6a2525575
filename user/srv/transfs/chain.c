/*
 * Chains of translators: each module is a WASI command that reads its
 * standard input and writes its standard output; a chain feeds one's
 * output to the next, like a pipe.  Every run gets a fresh store, so
 * each instance has its own fuel and memory limits and no state
 * survives from one file to the next.
 */
#include <u.h>
#include <libc.h>
#include <9psrv.h>
#include "wasm.h"
#include "transfs.h"

enum {
	Maxerr = 200,		/* bytes of a module's stderr kept for errors */
	Wbadf = 8,		/* WASI errnos */
	Wio = 29,
	Wnosys = 52,
};

/* One module run: its input, output and standard error. */
typedef struct Run Run;
struct Run {
	const uchar *in;
	ulong nin;
	ulong off;
	Buf *out;
	Buf err;
};

static int randfd = -1;

int
bufput(Buf *b, const void *p, ulong n)
{
	ulong cap;
	uchar *np;

	if(n == 0)
		return 0;
	if(n > b->max || b->n > b->max - n){
		b->over = 1;
		return -1;
	}
	if(b->n + n > b->cap){
		cap = b->cap < 4096 ? 4096 : b->cap;
		while(cap < b->n + n)
			cap = cap > b->max/2 ? b->max : cap*2;
		np = realloc(b->p, cap);
		if(np == nil)
			return -1;
		b->p = np;
		b->cap = cap;
	}
	memmove(b->p + b->n, p, n);
	b->n += n;
	return 0;
}

void
buffree(Buf *b)
{
	free(b->p);
	b->p = nil;
	b->n = b->cap = 0;
}

static void *
wrealloc(void *aux, void *p, size_t n)
{
	USED(aux);
	if(n == 0){
		free(p);
		return nil;
	}
	return realloc(p, n);
}

static int
ioread(void *aux, int h, uint8_t *buf, size_t n, size_t *got)
{
	Run *r = aux;

	if(h != 0)
		return Wbadf;
	if(n > r->nin - r->off)
		n = r->nin - r->off;
	memmove(buf, r->in + r->off, n);
	r->off += n;
	*got = n;
	return 0;
}

static int
iowrite(void *aux, int h, const uint8_t *buf, size_t n)
{
	Run *r = aux;

	switch(h){
	case 1:
		return bufput(r->out, buf, n) < 0 ? Wio : 0;
	case 2:
		/* keep the start of the message; the rest is dropped, not an error */
		if(r->err.n < Maxerr)
			bufput(&r->err, buf, n < Maxerr - r->err.n ? n : Maxerr - r->err.n);
		return 0;
	}
	return Wbadf;
}

static int
ioclock(void *aux, int id, uint64_t *ns)
{
	USED(aux);
	USED(id);
	*ns = nsec();
	return 0;
}

static int
iorandom(void *aux, uint8_t *buf, size_t n)
{
	long m;

	USED(aux);
	if(randfd < 0 && (randfd = open("/dev/random", OREAD)) < 0)
		return Wnosys;
	while(n > 0){
		m = read(randfd, buf, n);
		if(m <= 0)
			return Wio;
		buf += m;
		n -= m;
	}
	return 0;
}

static uchar *
readwhole(const char *path, ulong max, ulong *np)
{
	Buf b;
	uchar tmp[8192];
	long n;
	int fd;

	fd = open(path, OREAD);
	if(fd < 0)
		return nil;
	memset(&b, 0, sizeof b);
	b.max = max;
	while((n = read(fd, tmp, sizeof tmp)) > 0)
		if(bufput(&b, tmp, n) < 0){
			werrstr(b.over ? "%s: too big" : "%s: out of memory", path);
			n = -1;
			break;
		}
	close(fd);
	if(n < 0){
		buffree(&b);
		return nil;
	}
	if(b.p == nil && (b.p = malloc(1)) == nil){
		werrstr("out of memory");
		return nil;
	}
	*np = b.n;
	return b.p;
}

/*
 * A bare name is a translator in /lib/trans, or in /bin when the boot
 * archive put it there; a name with a slash is a path.
 */
static int
modload(Module *m, const char *name)
{
	char path[256];
	static const char *dirs[] = { "/lib/trans", "/bin" };
	int i;

	m->code = nil;
	if(strchr(name, '/') != nil){
		m->code = readwhole(name, Maxmodsize, &m->ncode);
		if(m->code == nil)
			return -1;
	}else{
		if(name[0] == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0){
			werrstr("bad module name '%s'", name);
			return -1;
		}
		for(i = 0; i < nelem(dirs) && m->code == nil; i++){
			snprint(path, sizeof path, "%s/%s.wasm", dirs[i], name);
			if(access(path, AREAD) == 0 && (m->code = readwhole(path, Maxmodsize, &m->ncode)) == nil)
				return -1;
		}
		if(m->code == nil){
			werrstr("no translator %s in /lib/trans or /bin", name);
			return -1;
		}
	}
	m->name = strdup(name);
	if(m->name == nil){
		free(m->code);
		werrstr("out of memory");
		return -1;
	}
	return 0;
}

int
chainload(Chain *c, const char *spec)
{
	char *s, *f[Maxmods+1], *p, *e;
	int i, n;

	s = strdup(spec);
	if(s == nil){
		werrstr("out of memory");
		return -1;
	}
	n = getfields(s, f, nelem(f), 0, "|");
	if(n > Maxmods){
		werrstr("more than %d modules in '%s'", Maxmods, spec);
		free(s);
		return -1;
	}
	c->n = 0;
	for(i = 0; i < n; i++){
		/* trim the blanks around a name: 'a | b' is 'a|b' */
		for(p = f[i]; *p == ' ' || *p == '\t'; p++)
			;
		for(e = p + strlen(p); e > p && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		*e = 0;
		if(*p == 0){
			werrstr("empty module name in '%s'", spec);
			goto fail;
		}
		if(modload(&c->mod[c->n], p) < 0)
			goto fail;
		c->n++;
	}
	free(s);
	return 0;
fail:
	free(s);
	while(c->n > 0){
		c->n--;
		free(c->mod[c->n].name);
		free(c->mod[c->n].code);
	}
	return -1;
}

/* Run one module from in to out; -1 with the error string set. */
static int
modrun(Chain *c, Module *m, const uchar *in, ulong nin, Buf *out)
{
	Walloc a;
	Wlimits l;
	Wstore *s;
	Wmodule *mod;
	Wextern *imps, e;
	Winst *inst;
	Wasiio io;
	Run r;
	const char *trap, *imod, *iname;
	char err[ERRMAX], *argv[1];
	int i, n, code, ret;

	a.realloc = wrealloc;
	a.aux = nil;
	memset(&l, 0, sizeof l);
	l.fuel = c->fuel;
	l.maxpages = c->pages;
	s = wasmstore(&a, &l);
	if(s == nil){
		werrstr("%s: out of memory", m->name);
		return -1;
	}
	imps = nil;
	ret = -1;
	mod = wasmload(s, m->code, m->ncode, err, sizeof err);
	if(mod == nil){
		werrstr("%s: %s", m->name, err);
		goto out;
	}
	memset(&r, 0, sizeof r);
	r.in = in;
	r.nin = nin;
	r.out = out;
	r.err.max = Maxerr;
	memset(&io, 0, sizeof io);
	io.aux = &r;
	io.read = ioread;
	io.write = iowrite;
	io.clock = ioclock;
	io.random = iorandom;
	argv[0] = m->name;
	io.argc = 1;
	io.argv = argv;
	n = wasmnimports(mod);
	imps = calloc(n + 1, sizeof *imps);
	if(imps == nil){
		werrstr("%s: out of memory", m->name);
		goto out;
	}
	if(wasmwasi(s, mod, &io, imps, err, sizeof err) < 0){
		werrstr("%s: %s", m->name, err);
		goto out;
	}
	for(i = 0; i < n; i++)
		if(imps[i].func == nil){
			wasmimport(mod, i, &imod, &iname);
			werrstr("%s: unknown import %s.%s", m->name, imod, iname);
			goto out;
		}
	inst = wasminstantiate(s, mod, imps, err, sizeof err);
	if(inst == nil){
		if(strcmp(err, wasmexittrap) == 0)
			trap = wasmexittrap;
		else{
			werrstr("%s: %s", m->name, err);
			goto out;
		}
	}else if(wasmexport(inst, "_start", &e) < 0 || e.kind != Wkfunc){
		werrstr("%s: no _start: not a WASI command", m->name);
		goto out;
	}else
		trap = wasmcall(s, e.func, nil, nil);
	if(out->over){
		werrstr("%s: output larger than %lud bytes", m->name, out->max);
		goto out;
	}
	if(trap == wasmexittrap){
		code = wasmexitcode(s);
		if(code != 0){
			/* the module's own message says more than its status */
			while(r.err.n > 0 && (r.err.p[r.err.n-1] == '\n' || r.err.p[r.err.n-1] == 0))
				r.err.n--;
			if(r.err.n > 0)
				werrstr("%s: exit %d: %.*s", m->name, code, (int)r.err.n, (char*)r.err.p);
			else
				werrstr("%s: exit %d", m->name, code);
			goto out;
		}
	}else if(trap != nil){
		werrstr("%s: %s", m->name, trap);
		goto out;
	}
	ret = 0;
out:
	buffree(&r.err);
	free(imps);
	wasmstorefree(s);
	return ret;
}

int
chainrun(Chain *c, const uchar *in, ulong nin, Buf *out)
{
	Buf cur, next;
	int i;

	memset(&cur, 0, sizeof cur);
	cur.max = c->maxout;
	if(bufput(&cur, in, nin) < 0 && nin > 0){
		werrstr("input larger than %lud bytes", c->maxout);
		buffree(&cur);
		return -1;
	}
	for(i = 0; i < c->n; i++){
		memset(&next, 0, sizeof next);
		next.max = c->maxout;
		if(modrun(c, &c->mod[i], cur.p, cur.n, &next) < 0){
			buffree(&cur);
			buffree(&next);
			return -1;
		}
		buffree(&cur);
		cur = next;
	}
	*out = cur;
	return 0;
}
