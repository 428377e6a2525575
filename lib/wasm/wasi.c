/*
 * wasi.c - the WASI preview1 calls wasi-libc programs use, on top of
 * the caller's Wasiio callbacks.  Every pointer and length a module
 * passes is checked against its linear memory before use.  Paths
 * are resolved here, lexically, inside the one granted directory:
 * absolute paths and ".." above it are refused (ENOTCAPABLE) before
 * the caller's open callback sees them.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "wasm.h"
#include "dat.h"

enum {
	Esuccess = 0,
	Ebadf = 8,
	Efault = 21,
	Einval = 28,
	Eio = 29,
	Enametoolong = 37,
	Enomem = 48,
	Enosys = 52,
	Enotdir = 54,
	Enotcapable = 76,
	Maxfds = 64,
	Maxpath = 1024,
	Dirfd = 3,
	Ftchar = 2,
	Ftdir = 3,
	Ftfile = 4,
	Oflagdir = 2,
};

typedef struct Wasi Wasi;
typedef struct Fd Fd;

struct Fd {
	int used;
	int h;		/* the caller's handle */
	int isdir;
};

struct Wasi {
	Wasiio io;
	Fd fd[Maxfds];
};

/* The caller's memory, or NULL when it has none. */
static uint8_t *
mem(Winst *in, uint64_t *size)
{
	Wmem *m;

	m = wasminstmem(in);
	if(m == NULL){
		*size = 0;
		return NULL;
	}
	return wasmmemdata(m, size);
}

/* Is [p, p+n) inside memory?  Returns the host pointer or NULL. */
static uint8_t *
span(Winst *in, uint64_t p, uint64_t n)
{
	uint8_t *b;
	uint64_t size;

	b = mem(in, &size);
	if(b == NULL || p > size || n > size - p)
		return NULL;
	return b + p;
}

static int
put32(Winst *in, uint64_t p, uint32_t v)
{
	uint8_t *b;

	b = span(in, p, 4);
	if(b == NULL)
		return -1;
	memcpy(b, &v, 4);
	return 0;
}

static int
put64(Winst *in, uint64_t p, uint64_t v)
{
	uint8_t *b;

	b = span(in, p, 8);
	if(b == NULL)
		return -1;
	memcpy(b, &v, 8);
	return 0;
}

static uint32_t
get32(const uint8_t *b)
{
	uint32_t v;

	memcpy(&v, b, 4);
	return v;
}

static Fd *
getfd(Wasi *w, uint64_t fd)
{
	if(fd >= Maxfds || !w->fd[fd].used)
		return NULL;
	return &w->fd[fd];
}

/* Write count strings and their pointer array (args_get, environ_get). */
static const char *
strs(Winst *in, uint64_t *a, uint64_t *r, int n, char **v)
{
	uint64_t ptrs, buf;
	size_t len;
	uint8_t *d;
	int i;

	ptrs = (uint32_t)a[0];
	buf = (uint32_t)a[1];
	for(i = 0; i < n; i++){
		len = strlen(v[i]) + 1;
		d = span(in, buf, len);
		if(d == NULL || put32(in, ptrs + 4 * (uint64_t)i, buf) < 0){
			r[0] = Efault;
			return NULL;
		}
		memcpy(d, v[i], len);
		buf += len;
	}
	r[0] = Esuccess;
	return NULL;
}

static const char *
sizes(Winst *in, uint64_t *a, uint64_t *r, int n, char **v)
{
	uint64_t total;
	int i;

	total = 0;
	for(i = 0; i < n; i++)
		total += strlen(v[i]) + 1;
	if(put32(in, (uint32_t)a[0], n) < 0 || put32(in, (uint32_t)a[1], total) < 0)
		r[0] = Efault;
	else
		r[0] = Esuccess;
	return NULL;
}

static const char *
argsget(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;

	return strs(in, a, r, w->io.argc, w->io.argv);
}

static const char *
argssizes(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;

	return sizes(in, a, r, w->io.argc, w->io.argv);
}

static const char *
envget(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;

	return strs(in, a, r, w->io.envc, w->io.envv);
}

static const char *
envsizes(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;

	return sizes(in, a, r, w->io.envc, w->io.envv);
}

/* fd_read and fd_write: walk the iovec array, checking each buffer. */
static const char *
rw(Wasi *w, Winst *in, uint64_t *a, uint64_t *r, int write)
{
	Fd *f;
	uint64_t iovs, n, i, total;
	uint8_t *iov, *buf;
	uint32_t p, len;
	size_t got;
	int e;

	f = getfd(w, (uint32_t)a[0]);
	if(f == NULL || f->isdir){
		r[0] = Ebadf;
		return NULL;
	}
	iovs = (uint32_t)a[1];
	n = (uint32_t)a[2];
	iov = span(in, iovs, n * 8);
	if(iov == NULL){
		r[0] = Efault;
		return NULL;
	}
	total = 0;
	e = Esuccess;
	for(i = 0; i < n; i++){
		p = get32(iov + 8 * i);
		len = get32(iov + 8 * i + 4);
		buf = span(in, p, len);
		if(buf == NULL){
			e = Efault;
			break;
		}
		if(len == 0)
			continue;
		if(write){
			e = w->io.write(w->io.aux, f->h, buf, len);
			if(e != Esuccess)
				break;
			total += len;
		}else{
			got = 0;
			e = w->io.read(w->io.aux, f->h, buf, len, &got);
			if(e != Esuccess)
				break;
			total += got;
			if(got < len)
				break;	/* short read: do not block for more */
		}
	}
	if(e != Esuccess && total == 0){
		r[0] = e;
		return NULL;
	}
	r[0] = put32(in, (uint32_t)a[3], total) < 0 ? Efault : Esuccess;
	return NULL;
}

static const char *
fdread(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	return rw(aux, in, a, r, 0);
}

static const char *
fdwrite(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	return rw(aux, in, a, r, 1);
}

static const char *
fdclose(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;
	Fd *f;

	(void)in;
	f = getfd(w, (uint32_t)a[0]);
	if(f == NULL){
		r[0] = Ebadf;
		return NULL;
	}
	r[0] = Esuccess;
	if((uint32_t)a[0] > Dirfd && w->io.close != NULL)
		r[0] = w->io.close(w->io.aux, f->h);
	if((uint32_t)a[0] != Dirfd)
		f->used = 0;
	return NULL;
}

static const char *
fdseek(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;
	Fd *f;
	uint64_t pos;
	int e;

	f = getfd(w, (uint32_t)a[0]);
	if(f == NULL || f->isdir){
		r[0] = Ebadf;
		return NULL;
	}
	if((uint32_t)a[2] > 2){
		r[0] = Einval;
		return NULL;
	}
	if(w->io.seek == NULL){
		r[0] = 70;	/* ESPIPE */
		return NULL;
	}
	e = w->io.seek(w->io.aux, f->h, (int64_t)a[1], (uint32_t)a[2], &pos);
	if(e == Esuccess && put64(in, (uint32_t)a[3], pos) < 0)
		e = Efault;
	r[0] = e;
	return NULL;
}

static const char *
fdstat(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;
	Fd *f;
	uint8_t *b;
	uint64_t rights;
	int type;

	f = getfd(w, (uint32_t)a[0]);
	if(f == NULL){
		r[0] = Ebadf;
		return NULL;
	}
	b = span(in, (uint32_t)a[1], 24);
	if(b == NULL){
		r[0] = Efault;
		return NULL;
	}
	if(f->isdir)
		type = Ftdir;
	else if((uint32_t)a[0] < Dirfd)
		type = w->io.filetype != NULL ? w->io.filetype(w->io.aux, f->h) : Ftchar;
	else
		type = Ftfile;
	memset(b, 0, 24);
	b[0] = type;
	/* every right the runtime implements; the real checks are ours */
	rights = ~(uint64_t)0 >> 35;
	memcpy(b + 8, &rights, 8);
	memcpy(b + 16, &rights, 8);
	r[0] = Esuccess;
	return NULL;
}

static const char *
fdflags(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	(void)in;
	r[0] = getfd(aux, (uint32_t)a[0]) == NULL ? Ebadf : Esuccess;
	return NULL;
}

static const char *
prestatget(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;
	uint8_t *b;
	uint32_t n;

	if((uint32_t)a[0] != Dirfd || w->io.dirname == NULL){
		r[0] = Ebadf;
		return NULL;
	}
	b = span(in, (uint32_t)a[1], 8);
	if(b == NULL){
		r[0] = Efault;
		return NULL;
	}
	n = strlen(w->io.dirname);
	memset(b, 0, 8);
	memcpy(b + 4, &n, 4);
	r[0] = Esuccess;
	return NULL;
}

static const char *
prestatname(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;
	uint8_t *b;
	size_t n;

	if((uint32_t)a[0] != Dirfd || w->io.dirname == NULL){
		r[0] = Ebadf;
		return NULL;
	}
	n = strlen(w->io.dirname);
	if((uint32_t)a[2] < n){
		r[0] = Einval;
		return NULL;
	}
	b = span(in, (uint32_t)a[1], n);
	if(b == NULL){
		r[0] = Efault;
		return NULL;
	}
	memcpy(b, w->io.dirname, n);
	r[0] = Esuccess;
	return NULL;
}

static const char *
clocktime(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;
	uint64_t ns;
	int e;

	if((uint32_t)a[0] > 3){
		r[0] = Einval;
		return NULL;
	}
	ns = 0;
	e = w->io.clock != NULL ? w->io.clock(w->io.aux, (uint32_t)a[0], &ns) : Enosys;
	if(e == Esuccess && put64(in, (uint32_t)a[2], ns) < 0)
		e = Efault;
	r[0] = e;
	return NULL;
}

static const char *
randomget(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;
	uint8_t *b;

	b = span(in, (uint32_t)a[0], (uint32_t)a[1]);
	if(b == NULL){
		r[0] = Efault;
		return NULL;
	}
	r[0] = w->io.random != NULL ? w->io.random(w->io.aux, b, (uint32_t)a[1]) : Enosys;
	return NULL;
}

static const char *
procexit(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;

	(void)r;
	(void)w;
	in->s->exitcode = (int)(uint32_t)a[0];
	return wasmexittrap;
}

/*
 * Resolve path (n bytes) lexically into out, relative to the granted
 * directory: "." and empty components vanish, ".." removes one, and
 * going above the directory or starting at "/" is refused.
 */
static int
cleanpath(const uint8_t *p, size_t n, char *out, size_t nout)
{
	size_t i, j, k, o;

	if(n > 0 && p[0] == '/')
		return Enotcapable;
	o = 0;
	for(i = 0; i < n; i = j + 1){
		for(j = i; j < n && p[j] != '/'; j++)
			if(p[j] == 0)
				return Einval;
		k = j - i;
		if(k == 0 || (k == 1 && p[i] == '.'))
			continue;
		if(k == 2 && p[i] == '.' && p[i + 1] == '.'){
			if(o == 0)
				return Enotcapable;
			while(o > 0 && out[o - 1] != '/')
				o--;
			if(o > 0)
				o--;
			continue;
		}
		if(o + k + 2 > nout)
			return Enametoolong;
		if(o > 0)
			out[o++] = '/';
		memcpy(out + o, p + i, k);
		o += k;
	}
	if(o == 0){
		out[o++] = '.';
	}
	out[o] = 0;
	return Esuccess;
}

static const char *
pathopen(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;
	Fd *d;
	uint8_t *p;
	char path[Maxpath];
	int e, h, isdir, fd, oflags, write;
	uint64_t rights;

	d = getfd(w, (uint32_t)a[0]);
	if(d == NULL || !d->isdir || w->io.open == NULL){
		r[0] = d == NULL ? Ebadf : Enotdir;
		return NULL;
	}
	p = span(in, (uint32_t)a[2], (uint32_t)a[3]);
	if(p == NULL){
		r[0] = Efault;
		return NULL;
	}
	if((uint32_t)a[0] != Dirfd){
		/* only the granted directory itself is a base */
		r[0] = Enotcapable;
		return NULL;
	}
	e = cleanpath(p, (uint32_t)a[3], path, sizeof path);
	if(e != Esuccess){
		r[0] = e;
		return NULL;
	}
	for(fd = Dirfd + 1; fd < Maxfds && w->fd[fd].used; fd++)
		;
	if(fd == Maxfds){
		r[0] = 33;	/* EMFILE */
		return NULL;
	}
	oflags = (uint32_t)a[4];
	rights = a[5];
	/* fd_write (bit 6) or creating/truncating means writing */
	write = (rights & (1 << 6)) != 0 || (oflags & (1 | 8)) != 0;
	e = w->io.open(w->io.aux, path, oflags, write, &h, &isdir);
	if(e != Esuccess){
		r[0] = e;
		return NULL;
	}
	if((oflags & Oflagdir) && !isdir){
		if(w->io.close != NULL)
			w->io.close(w->io.aux, h);
		r[0] = Enotdir;
		return NULL;
	}
	if(put32(in, (uint32_t)a[8], fd) < 0){
		if(w->io.close != NULL)
			w->io.close(w->io.aux, h);
		r[0] = Efault;
		return NULL;
	}
	w->fd[fd].used = 1;
	w->fd[fd].h = h;
	w->fd[fd].isdir = isdir;
	r[0] = Esuccess;
	return NULL;
}

/* fd_readdir: 24-byte dirent headers then names; cookie = entry index. */
static const char *
readdir(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	Wasi *w = aux;
	Fd *f;
	uint8_t *b, hdr[24];
	uint64_t len, used, idx, next, c;
	char name[256];
	uint32_t nl;
	int type, end, e;

	f = getfd(w, (uint32_t)a[0]);
	if(f == NULL || !f->isdir || w->io.readdir == NULL){
		r[0] = f == NULL ? Ebadf : Enotdir;
		return NULL;
	}
	len = (uint32_t)a[2];
	b = span(in, (uint32_t)a[1], len);
	if(b == NULL){
		r[0] = Efault;
		return NULL;
	}
	used = 0;
	for(idx = a[3]; used < len; idx++){
		end = 0;
		e = w->io.readdir(w->io.aux, f->h, idx, name, sizeof name, &type, &end);
		if(e != Esuccess){
			r[0] = e;
			return NULL;
		}
		if(end)
			break;
		nl = strlen(name);
		next = idx + 1;
		memset(hdr, 0, sizeof hdr);
		memcpy(hdr, &next, 8);
		c = idx + 1;
		memcpy(hdr + 8, &c, 8);
		memcpy(hdr + 16, &nl, 4);
		hdr[20] = type;
		/* entries that do not fit are cut short, as WASI specifies */
		c = len - used < sizeof hdr ? len - used : sizeof hdr;
		memcpy(b + used, hdr, c);
		used += c;
		c = len - used < nl ? len - used : nl;
		memcpy(b + used, name, c);
		used += c;
	}
	r[0] = put32(in, (uint32_t)a[4], used) < 0 ? Efault : Esuccess;
	return NULL;
}

/* A WASI call this runtime does not provide: it fails with ENOSYS. */
static const char *
nosys(void *aux, Winst *in, uint64_t *a, uint64_t *r)
{
	(void)aux;
	(void)in;
	(void)a;
	r[0] = Enosys;
	return NULL;
}

static const struct {
	const char *name;
	const char *sig;
	Whostfn *fn;
} calls[] = {
	{ "args_get", "ii:i", argsget },
	{ "args_sizes_get", "ii:i", argssizes },
	{ "environ_get", "ii:i", envget },
	{ "environ_sizes_get", "ii:i", envsizes },
	{ "fd_read", "iiii:i", fdread },
	{ "fd_write", "iiii:i", fdwrite },
	{ "fd_close", "i:i", fdclose },
	{ "fd_seek", "iIii:i", fdseek },
	{ "fd_fdstat_get", "ii:i", fdstat },
	{ "fd_fdstat_set_flags", "ii:i", fdflags },
	{ "fd_prestat_get", "ii:i", prestatget },
	{ "fd_prestat_dir_name", "iii:i", prestatname },
	{ "clock_time_get", "iIi:i", clocktime },
	{ "random_get", "ii:i", randomget },
	{ "proc_exit", "i:", procexit },
	{ "path_open", "iiiiiIIii:i", pathopen },
	{ "fd_readdir", "iiiIi:i", readdir },
};

int
wasmwasi(Wstore *s, Wmodule *m, const Wasiio *io, Wextern *imps, char *err, size_t nerr)
{
	Wasi *w;
	const char *mod, *name;
	char sig[64];
	size_t ml, nl, i;
	int k, n, j;
	Whostfn *fn;
	void **extra;

	w = walloc(s, sizeof *w);
	if(w == NULL){
		werr(err, nerr, "out of memory");
		return -1;
	}
	extra = wrealloc(s, s->extra, (s->nextra + 1) * sizeof *extra);
	if(extra == NULL){
		wfree(s, w);
		werr(err, nerr, "out of memory");
		return -1;
	}
	s->extra = extra;
	s->extra[s->nextra++] = w;
	w->io = *io;
	for(j = 0; j < 3; j++){
		w->fd[j].used = 1;
		w->fd[j].h = j;
	}
	if(io->dirname != NULL){
		w->fd[Dirfd].used = 1;
		w->fd[Dirfd].isdir = 1;
		w->fd[Dirfd].h = -1;
	}
	n = wasmnimports(m);
	for(j = 0; j < n; j++){
		k = wasmimportn(m, j, &mod, &ml, &name, &nl);
		if(ml != 22 || memcmp(mod, "wasi_snapshot_preview1", 22) != 0)
			continue;
		if(k != Wkfunc || wasmimportsig(m, j, sig, sizeof sig) < 0){
			werr(err, nerr, "wasi import %s is not a function", name);
			return -1;
		}
		fn = NULL;
		for(i = 0; i < sizeof calls / sizeof calls[0]; i++)
			if(strlen(calls[i].name) == nl && memcmp(calls[i].name, name, nl) == 0){
				if(strlen(calls[i].sig) != strlen(sig) || memcmp(calls[i].sig, sig, strlen(sig)) != 0){
					werr(err, nerr, "wasi import %s has the wrong type", name);
					return -1;
				}
				fn = calls[i].fn;
			}
		if(fn == NULL){
			/* a call we do not provide fails at run time, if made */
			nl = strlen(sig);
			if(nl < 2 || memcmp(sig + nl - 2, ":i", 2) != 0){
				werr(err, nerr, "unknown wasi import %s", name);
				return -1;
			}
			fn = nosys;
		}
		imps[j].kind = Wkfunc;
		imps[j].func = wasmhostfunc(s, sig, fn, w);
		if(imps[j].func == NULL){
			werr(err, nerr, "out of memory");
			return -1;
		}
	}
	return 0;
}
