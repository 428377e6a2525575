/*
 * A fake of the Lux9 kernel for host tests of libc: libc's system calls
 * (named lux_NAME, as the prefixed library calls them) over an error
 * string with errstr's swap, a break in a static array, and up to 16
 * files in memory.  Calls the tests never reach fail with an error.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libclux.h"
#include "libcfake.h"

/* ---- a fake kernel: error string, break, a few in-memory files ---- */

static char kerr[128];
/*
 * The fake address space above bss.  sbrk starts at "end", which a
 * linker leaves wherever bss stops; here it is 8 bytes into the
 * space, so malloc must align for itself.
 */
static char fakebrk[64<<20] __attribute__((aligned(4096)));
__asm__(".globl lux_end\n.set lux_end, fakebrk + 8");
extern char lux_end[];

int
lux_errstr(char *buf, unsigned n)
{
	char tmp[128];

	if(n > sizeof tmp)
		n = sizeof tmp;
	snprintf(tmp, sizeof tmp, "%s", kerr);
	snprintf(kerr, sizeof kerr, "%.*s", (int)n, buf);
	snprintf(buf, n, "%s", tmp);
	return 0;
}

static void
seterr(const char *s)
{
	snprintf(kerr, sizeof kerr, "%s", s);
}

int
lux_brk_(void *p)
{
	char *a;

	a = p;
	if(a < lux_end || a > fakebrk + sizeof fakebrk){
		seterr("no memory");
		return -1;
	}
	return 0;
}

static File files[Nfile];
static void csanswer(File*, const void*, long);
static struct { File *f; long off; } fds[Nfile];
char outbuf[1<<16];	/* what fds 1 and 2 get */
long outlen;

static File*
lookup(const char *name)
{
	int i;

	for(i = 0; i < Nfile; i++)
		if(files[i].name[0] != 0 && strcmp(files[i].name, name) == 0)
			return &files[i];
	return NULL;
}

File*
addfile(const char *name, const void *data, long len)
{
	File *f;
	int i;

	f = lookup(name);
	for(i = 0; f == NULL && i < Nfile; i++)
		if(files[i].name[0] == 0)
			f = &files[i];
	snprintf(f->name, sizeof f->name, "%s", name);
	memcpy(f->data, data, len);
	f->len = len;
	f->isdir = 0;
	return f;
}

static int
newfd(File *f)
{
	int i;

	for(i = 3; i < Nfile; i++)
		if(fds[i].f == NULL){
			fds[i].f = f;
			fds[i].off = 0;
			return i;
		}
	seterr("too many open files");
	return -1;
}

int
lux_open(const char *name, int mode)
{
	File *f;

	(void)mode;
	f = lookup(name);
	if(f == NULL){
		seterr("file does not exist");
		return -1;
	}
	return newfd(f);
}

int
lux_create(const char *name, int mode, unsigned long perm)
{
	(void)mode;
	(void)perm;
	return newfd(addfile(name, "", 0));
}

int
lux_close(int fd)
{
	if(fd < 0 || fd >= Nfile || fds[fd].f == NULL){
		seterr("bad fd");
		return -1;
	}
	fds[fd].f = NULL;
	return 0;
}

int
lux_remove(const char *name)
{
	File *f;

	f = lookup(name);
	if(f == NULL){
		seterr("file does not exist");
		return -1;
	}
	f->name[0] = 0;
	return 0;
}

long
lux_pread(int fd, void *buf, long n, long long off)
{
	File *f;
	long o;

	if(fd < 0 || fd >= Nfile || (f = fds[fd].f) == NULL){
		seterr("bad fd");
		return -1;
	}
	o = off < 0 ? fds[fd].off : off;
	if(f->isdir){
		/* a directory hands out whole entries: at most n bytes of them */
		long e, m;
		for(e = o; e < f->len; e += m){
			m = (unsigned char)f->data[e] | (unsigned char)f->data[e+1]<<8;
			if(e + m + 2 - o > n)
				break;
			m += 2;
		}
		n = e - o;
	}
	if(o >= f->len)
		n = 0;
	else if(n > f->len - o)
		n = f->len - o;
	memcpy(buf, f->data + o, n);
	if(off < 0)
		fds[fd].off += n;
	return n;
}

long
lux_pwrite(int fd, const void *buf, long n, long long off)
{
	File *f;
	long o;

	if(fd == 1 || fd == 2){
		if(outlen + n > (long)sizeof outbuf){
			seterr("i/o error");
			return -1;
		}
		memcpy(outbuf + outlen, buf, n);
		outlen += n;
		return n;
	}
	if(fd < 0 || fd >= Nfile || (f = fds[fd].f) == NULL){
		seterr("bad fd");
		return -1;
	}
	o = off < 0 ? fds[fd].off : off;
	if(o + n > Maxdata){
		seterr("file too big");
		return -1;
	}
	memcpy(f->data + o, buf, n);
	if(o + n > f->len)
		f->len = o + n;
	if(off < 0)
		fds[fd].off += n;
	if(strcmp(f->name, "/net/cs") == 0)
		csanswer(f, buf, n);
	return n;
}

/*
 * csanswer plays /net/cs: tcp!HOST!PORT becomes two lines, one per
 * address of HOST (10.0.0.1 and 10.0.0.2); "nohost" has one address,
 * on a network with no clone file.
 */
static void
csanswer(File *f, const void *buf, long n)
{
	char q[128], *host, *port;

	snprintf(q, sizeof q, "%.*s", (int)n, (const char*)buf);
	host = strchr(q, '!');
	port = host ? strchr(host + 1, '!') : NULL;
	if(host == NULL || port == NULL){
		f->len = 0;
		return;
	}
	*host++ = 0;
	*port++ = 0;
	if(strcmp(host, "nohost") == 0)
		f->len = snprintf(f->data, Maxdata, "/net/none/clone 10.9.9.9!%s\n", port);
	else
		f->len = snprintf(f->data, Maxdata, "/net/%s/clone 10.0.0.1!%s\n/net/%s/clone 10.0.0.2!%s\n",
			q, port, q, port);
}

long long
lux_seek(int fd, long long off, int type)
{
	File *f;
	long long o;

	if(fd >= 0 && fd <= 2)
		return 0;
	if(fd < 0 || fd >= Nfile || (f = fds[fd].f) == NULL){
		seterr("bad fd");
		return -1;
	}
	o = type == 0 ? off : type == 1 ? fds[fd].off + off : f->len + off;
	if(o < 0){
		seterr("negative offset");
		return -1;
	}
	fds[fd].off = o;
	return o;
}

File*
filenamed(const char *name)
{
	File *f;

	f = lookup(name);
	if(f == NULL){
		fprintf(stderr, "no file %s\n", name);
		exit(2);
	}
	return f;
}

/* the test's own packing of a stat entry, independent of convD2M */
long
packstat(unsigned char *p, const char *name, uint64_t path, uint32_t mode, uint64_t len)
{
	const char *s[4] = {name, "glenda", "sys", "muid"};
	long n, i, k;

	n = 2;
	memset(p, 0, 2 + 39);
	p[n] = 'M';	/* type */
	p[n+2] = 7;	/* dev */
	p[n+6] = (mode & DMDIR) ? QTDIR : 0;
	p[n+7] = 3;	/* qid.vers */
	for(i = 0; i < 8; i++)
		p[n+11+i] = path >> 8*i;
	for(i = 0; i < 4; i++)
		p[n+19+i] = mode >> 8*i;
	p[n+23] = 100;	/* atime */
	p[n+27] = 200;	/* mtime */
	for(i = 0; i < 8; i++)
		p[n+31+i] = len >> 8*i;
	n += 39;
	for(i = 0; i < 4; i++){
		k = strlen(s[i]);
		p[n] = k;
		p[n+1] = k >> 8;
		memcpy(p + n + 2, s[i], k);
		n += 2 + k;
	}
	p[0] = (n - 2);
	p[1] = (n - 2) >> 8;
	return n;
}

static int
fakestat(File *f, unsigned char *buf, int n)
{
	unsigned char e[512];
	long m;

	m = packstat(e, f->name, 42, f->isdir ? DMDIR|0775 : 0664, f->len);
	if(m > n){
		/* too small: only the size, as Plan 9's kernel does */
		if(n < 2){
			seterr("buffer too small");
			return -1;
		}
		memcpy(buf, e, 2);
		return 2;
	}
	memcpy(buf, e, m);
	return m;
}

int
lux_stat(const char *name, unsigned char *buf, int n)
{
	File *f;

	f = lookup(name);
	if(f == NULL){
		seterr("file does not exist");
		return -1;
	}
	return fakestat(f, buf, n);
}

int
lux_fstat(int fd, unsigned char *buf, int n)
{
	if(fd < 0 || fd >= Nfile || fds[fd].f == NULL){
		seterr("bad fd");
		return -1;
	}
	return fakestat(fds[fd].f, buf, n);
}

jmp_buf exitjmp;
char exitmsg[256];

void
lux__exits(const char *msg)
{
	snprintf(exitmsg, sizeof exitmsg, "%s", msg ? msg : "");
	longjmp(exitjmp, 1);
}

/* calls the libc makes that this test never reaches */
static int
unused(void)
{
	seterr("not in the host test");
	return -1;
}

int
lux_await(char *b, int n)
{
	(void)b;
	(void)n;
	return unused();
}

int
lux_exec(const char *s, char **a)
{
	(void)s;
	(void)a;
	return unused();
}

int
lux_rfork(int f)
{
	(void)f;
	return unused();
}

int
lux_wstat(const char *s, unsigned char *b, int n)
{
	(void)s;
	(void)b;
	(void)n;
	return unused();
}

int
lux_fwstat(int fd, unsigned char *b, int n)
{
	(void)fd;
	(void)b;
	(void)n;
	return unused();
}

int
lux_notify(void *f)
{
	(void)f;
	return unused();
}

int
lux_noted(int v)
{
	(void)v;
	return unused();
}

int
lux_fd2path(int fd, char *buf, int n)
{
	(void)fd;
	(void)buf;
	(void)n;
	return unused();
}

long long
lux_nsec(void)
{
	return unused();
}

