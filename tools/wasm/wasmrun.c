/*
 * wasmrun - run a WASI command module on the host.
 *	wasmrun [-fuel N] [-mem PAGES] [-dir HOSTDIR] [-e FUNC] MODULE.wasm [ARGS...]
 * stdin, stdout and stderr are the module's; -dir grants one host
 * directory, seen by the module as "/sandbox".  The exit status is the
 * module's; a trap prints "wasmrun: MESSAGE" and exits 125.  -e calls
 * the exported function FUNC (no parameters) instead of _start and
 * prints its results.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/random.h>
#include <linux/openat2.h>
#include "wasm.h"

enum {
	Maxdirs = 64,
	Trapstatus = 125,
};

static int dirfd0 = -1;
static DIR *dirs[Maxdirs];	/* by host fd, for fd_readdir */

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

/* Map a host errno to WASI's numbering. */
static int
werrno(int e)
{
	switch(e){
	case EACCES: return 2;
	case EBADF: return 8;
	case EEXIST: return 20;
	case EFAULT: return 21;
	case EINVAL: return 28;
	case EIO: return 29;
	case EISDIR: return 31;
	case ELOOP: return 32;
	case EMFILE: return 33;
	case ENAMETOOLONG: return 37;
	case ENOENT: return 44;
	case ENOMEM: return 48;
	case ENOSPC: return 51;
	case ENOTDIR: return 54;
	case ENOTEMPTY: return 55;
	case EPERM: return 63;
	case EPIPE: return 64;
	case ESPIPE: return 70;
	case EXDEV: return 76;	/* openat2 RESOLVE_BENEATH: not capable */
	}
	return 29;
}

static int
hread(void *aux, int h, uint8_t *buf, size_t n, size_t *got)
{
	ssize_t r;

	(void)aux;
	do
		r = read(h, buf, n);
	while(r < 0 && errno == EINTR);
	if(r < 0)
		return werrno(errno);
	*got = r;
	return 0;
}

static int
hwrite(void *aux, int h, const uint8_t *buf, size_t n)
{
	ssize_t r;

	(void)aux;
	while(n > 0){
		r = write(h, buf, n);
		if(r < 0 && errno == EINTR)
			continue;
		if(r < 0)
			return werrno(errno);
		buf += r;
		n -= r;
	}
	return 0;
}

static int
hclock(void *aux, int id, uint64_t *ns)
{
	static const clockid_t ids[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID };
	struct timespec ts;

	(void)aux;
	if(clock_gettime(ids[id & 3], &ts) < 0)
		return werrno(errno);
	*ns = (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
	return 0;
}

static int
hrandom(void *aux, uint8_t *buf, size_t n)
{
	ssize_t r;

	(void)aux;
	while(n > 0){
		r = getrandom(buf, n, 0);
		if(r < 0 && errno == EINTR)
			continue;
		if(r < 0)
			return werrno(errno);
		buf += r;
		n -= r;
	}
	return 0;
}

/*
 * Open below the granted directory.  lib/wasm has already refused
 * ".." and absolute paths; RESOLVE_BENEATH makes the kernel refuse
 * symbolic links that lead outside as well.
 */
static int
hopen(void *aux, const char *path, int oflags, int wr, int *h, int *isdir)
{
	struct open_how how;
	struct stat st;
	int fd, fl;

	(void)aux;
	fl = O_CLOEXEC;
	fl |= wr ? O_RDWR : O_RDONLY;
	if(oflags & 1)
		fl |= O_CREAT;
	if(oflags & 2)
		fl = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
	if(oflags & 4)
		fl |= O_EXCL;
	if(oflags & 8)
		fl |= O_TRUNC;
	memset(&how, 0, sizeof how);
	how.flags = fl;
	how.mode = (fl & O_CREAT) ? 0644 : 0;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	fd = syscall(SYS_openat2, dirfd0, path, &how, sizeof how);
	if(fd < 0 && errno == EISDIR && wr && !(oflags & 9)){
		how.flags = O_RDONLY | O_CLOEXEC;
		fd = syscall(SYS_openat2, dirfd0, path, &how, sizeof how);
	}
	if(fd < 0)
		return werrno(errno);
	if(fstat(fd, &st) < 0){
		close(fd);
		return werrno(errno);
	}
	*isdir = S_ISDIR(st.st_mode);
	if(*isdir && fd >= Maxdirs){
		close(fd);
		return 33;
	}
	*h = fd;
	return 0;
}

static int
hclose(void *aux, int h)
{
	(void)aux;
	if(h >= 0 && h < Maxdirs && dirs[h] != NULL){
		closedir(dirs[h]);	/* and its duplicate of h */
		dirs[h] = NULL;
	}
	return close(h) < 0 ? werrno(errno) : 0;
}

static int
hseek(void *aux, int h, int64_t off, int whence, uint64_t *pos)
{
	off_t r;

	(void)aux;
	r = lseek(h, off, whence == 0 ? SEEK_SET : whence == 1 ? SEEK_CUR : SEEK_END);
	if(r < 0)
		return werrno(errno);
	*pos = r;
	return 0;
}

static int
hreaddir(void *aux, int h, uint64_t idx, char *name, size_t nname, int *type, int *end)
{
	struct dirent *de;
	uint64_t i;
	int fd;

	(void)aux;
	if(h < 0 || h >= Maxdirs)
		return 8;
	if(dirs[h] == NULL){
		fd = dup(h);
		if(fd < 0 || (dirs[h] = fdopendir(fd)) == NULL)
			return werrno(errno);
	}
	/* entries by index: rewind and count, simple and stateless */
	rewinddir(dirs[h]);
	for(i = 0; (de = readdir(dirs[h])) != NULL && i < idx; i++)
		;
	if(de == NULL){
		*end = 1;
		return 0;
	}
	snprintf(name, nname, "%s", de->d_name);
	*type = de->d_type == DT_DIR ? 3 : de->d_type == DT_REG ? 4 : de->d_type == DT_LNK ? 7 : 0;
	*end = 0;
	return 0;
}

static int
hfiletype(void *aux, int h)
{
	struct stat st;

	(void)aux;
	if(fstat(h, &st) < 0)
		return 0;
	return S_ISREG(st.st_mode) ? 4 : S_ISDIR(st.st_mode) ? 3 : S_ISCHR(st.st_mode) ? 2 : 0;
}

static uint8_t *
readfile(const char *name, size_t *n)
{
	FILE *f;
	uint8_t *b;
	long len;

	f = fopen(name, "rb");
	if(f == NULL)
		return NULL;
	if(fseek(f, 0, SEEK_END) < 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0){
		fclose(f);
		return NULL;
	}
	b = malloc(len + 1);
	if(b == NULL || fread(b, 1, len, f) != (size_t)len){
		free(b);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*n = len;
	return b;
}

static void
usage(void)
{
	fprintf(stderr, "usage: wasmrun [-fuel N] [-mem PAGES] [-dir HOSTDIR] [-e FUNC] MODULE.wasm [ARGS...]\n");
	exit(2);
}

static int
number(const char *s, int64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 10);
	return errno == 0 && *end == 0 && end != s && *v > 0;
}

int
main(int argc, char **argv)
{
	Walloc a;
	Wlimits lim;
	Wasiio io;
	Wstore *s;
	Wmodule *m;
	Winst *in;
	Wextern *imps, e;
	uint8_t *b;
	size_t n;
	char err[256];
	const char *dir, *trap, *entry;
	char sig[64];
	uint64_t res[16];
	int nr, k;
	int64_t v;
	int i, status, nimps;
	extern char **environ;

	memset(&lim, 0, sizeof lim);
	dir = NULL;
	entry = "_start";
	for(i = 1; i < argc && argv[i][0] == '-'; i += 2){
		if(i + 1 >= argc)
			usage();
		if(strcmp(argv[i], "-fuel") == 0){
			if(!number(argv[i + 1], &lim.fuel))
				usage();
		}else if(strcmp(argv[i], "-mem") == 0){
			if(!number(argv[i + 1], &v) || v > 65536)
				usage();
			lim.maxpages = v;
		}else if(strcmp(argv[i], "-dir") == 0)
			dir = argv[i + 1];
		else if(strcmp(argv[i], "-e") == 0)
			entry = argv[i + 1];
		else
			usage();
	}
	if(i >= argc)
		usage();
	b = readfile(argv[i], &n);
	if(b == NULL){
		fprintf(stderr, "wasmrun: %s: %s\n", argv[i], strerror(errno));
		return 2;
	}
	a.realloc = hrealloc;
	a.aux = NULL;
	s = wasmstore(&a, &lim);
	if(s == NULL){
		fprintf(stderr, "wasmrun: out of memory\n");
		return 2;
	}
	m = wasmload(s, b, n, err, sizeof err);
	free(b);
	if(m == NULL){
		fprintf(stderr, "wasmrun: %s: %s\n", argv[i], err);
		wasmstorefree(s);
		return 2;
	}
	memset(&io, 0, sizeof io);
	io.read = hread;
	io.write = hwrite;
	io.clock = hclock;
	io.random = hrandom;
	io.filetype = hfiletype;
	io.argc = argc - i;
	io.argv = argv + i;
	/* the environment is not passed: a translator sees none */
	io.envc = 0;
	io.envv = environ;
	if(dir != NULL){
		dirfd0 = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if(dirfd0 < 0){
			fprintf(stderr, "wasmrun: %s: %s\n", dir, strerror(errno));
			wasmstorefree(s);
			return 2;
		}
		io.dirname = "/sandbox";
		io.open = hopen;
		io.close = hclose;
		io.seek = hseek;
		io.readdir = hreaddir;
	}else
		io.seek = hseek;
	nimps = wasmnimports(m);
	imps = calloc(nimps + 1, sizeof *imps);
	if(imps == NULL || wasmwasi(s, m, &io, imps, err, sizeof err) < 0){
		fprintf(stderr, "wasmrun: %s\n", imps == NULL ? "out of memory" : err);
		free(imps);
		wasmstorefree(s);
		return 2;
	}
	for(i = 0; i < nimps; i++)
		if(imps[i].func == NULL){
			const char *mod, *name;
			wasmimport(m, i, &mod, &name);
			fprintf(stderr, "wasmrun: unknown import %s.%s\n", mod, name);
			free(imps);
			wasmstorefree(s);
			return 2;
		}
	in = wasminstantiate(s, m, imps, err, sizeof err);
	free(imps);
	if(in == NULL){
		if(strcmp(err, wasmexittrap) == 0){
			status = wasmexitcode(s);
			wasmstorefree(s);
			return status;
		}
		fprintf(stderr, "wasmrun: %s\n", err);
		wasmstorefree(s);
		return Trapstatus;
	}
	nr = 0;
	if(wasmexport(in, entry, &e) < 0 || e.kind != Wkfunc || wasmfuncarity(e.func, &nr) != 0 ||
	   nr > 16 || (nr != 0 && strcmp(entry, "_start") == 0) || wasmfuncsig(e.func, sig, sizeof sig) < 0){
		fprintf(stderr, "wasmrun: no function %s without parameters\n", entry);
		wasmstorefree(s);
		return 2;
	}
	status = 0;
	trap = wasmcall(s, e.func, NULL, res);
	if(trap == NULL)
		for(k = 0; k < nr; k++){
			/* sig is ":" then one letter per result */
			if(sig[1 + k] == 'i')
				printf("%d\n", (int32_t)res[k]);
			else if(sig[1 + k] == 'I')
				printf("%lld\n", (long long)res[k]);
			else
				printf("0x%llx\n", (unsigned long long)res[k]);
		}
	if(trap == wasmexittrap)
		status = wasmexitcode(s);
	else if(trap != NULL){
		fprintf(stderr, "wasmrun: %s\n", trap);
		status = Trapstatus;
	}
	for(i = 0; i < Maxdirs; i++)
		if(dirs[i] != NULL)
			closedir(dirs[i]);
	wasmstorefree(s);
	return status;
}
