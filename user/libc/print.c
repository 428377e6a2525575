/*
 * print(2): the front ends of the formatting engine, to a file
 * descriptor through a buffer on the stack, into a caller's buffer, or
 * into a string that grows with malloc.
 */
#include <u.h>
#include <libc.h>

enum {
	Fdbuf = 256,	/* bytes buffered per print to a file */
	Bigbuf = 1<<30,	/* sprint's unknown buffer size */
};

int
fmtfdflush(Fmt *f)
{
	long n;

	n = f->to - f->start;
	if(n > 0 && write((int)(uintptr)f->farg, f->start, n) != n)
		return 0;
	f->to = f->start;
	return 1;
}

int
fmtfdinit(Fmt *f, int fd, char *buf, int size)
{
	memset(f, 0, sizeof *f);
	f->start = f->to = buf;
	f->stop = buf + size;
	f->flush = fmtfdflush;
	f->farg = (void*)(uintptr)fd;
	return 0;
}

int
vfprint(int fd, const char *fmt, va_list args)
{
	char buf[Fdbuf];
	Fmt f;
	int n;

	fmtfdinit(&f, fd, buf, sizeof buf);
	va_copy(f.args, args);
	n = dofmt(&f, fmt);
	va_end(f.args);
	if(n < 0 || !fmtfdflush(&f))
		return -1;
	return n;
}

int
fprint(int fd, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vfprint(fd, fmt, args);
	va_end(args);
	return n;
}

int
print(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vfprint(1, fmt, args);
	va_end(args);
	return n;
}

/*
 * _vbufprint formats into buf[0..e) always leaving a NUL, and returns
 * the end of what was stored; *total (if not nil) gets the length the
 * whole output would have had.
 */
char*
_vbufprint(char *buf, char *e, const char *fmt, va_list args, long *total)
{
	Fmt f;

	if(e <= buf)
		return buf;
	memset(&f, 0, sizeof f);
	f.start = f.to = buf;
	f.stop = e - 1;
	va_copy(f.args, args);
	dofmt(&f, fmt);
	va_end(f.args);
	*f.to = 0;
	if(total != nil)
		*total = f.nfmt;
	return f.to;
}

char*
vseprint(char *buf, char *e, const char *fmt, va_list args)
{
	if(buf == nil || e <= buf)
		return buf;
	return _vbufprint(buf, e, fmt, args, nil);
}

char*
seprint(char *buf, char *e, const char *fmt, ...)
{
	va_list args;
	char *p;

	va_start(args, fmt);
	p = vseprint(buf, e, fmt, args);
	va_end(args);
	return p;
}

int
vsnprint(char *buf, int n, const char *fmt, va_list args)
{
	if(n <= 0)
		return 0;
	return _vbufprint(buf, buf + n, fmt, args, nil) - buf;
}

int
snprint(char *buf, int n, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	n = vsnprint(buf, n, fmt, args);
	va_end(args);
	return n;
}

int
sprint(char *buf, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprint(buf, Bigbuf, fmt, args);
	va_end(args);
	return n;
}

/* the growing string: double the buffer whenever it fills */
static int
fmtstrgrow(Fmt *f)
{
	char *p;
	long n, used;

	used = f->to - f->start;
	n = 2 * (f->stop - f->start + 1);
	p = realloc(f->start, n);
	if(p == nil){
		free(f->start);
		f->start = f->to = f->stop = nil;
		return 0;
	}
	f->start = p;
	f->to = p + used;
	f->stop = p + n - 1;	/* room for the NUL */
	return 1;
}

int
fmtstrinit(Fmt *f)
{
	memset(f, 0, sizeof *f);
	f->start = malloc(64);
	if(f->start == nil)
		return -1;
	f->to = f->start;
	f->stop = f->start + 63;
	f->flush = fmtstrgrow;
	return 0;
}

char*
fmtstrflush(Fmt *f)
{
	if(f->start == nil)
		return nil;
	*f->to = 0;
	return f->start;
}

char*
vsmprint(const char *fmt, va_list args)
{
	Fmt f;
	int n;

	if(fmtstrinit(&f) < 0)
		return nil;
	va_copy(f.args, args);
	n = dofmt(&f, fmt);
	va_end(f.args);
	if(n < 0){
		free(f.start);
		return nil;
	}
	return fmtstrflush(&f);
}

char*
smprint(const char *fmt, ...)
{
	va_list args;
	char *p;

	va_start(args, fmt);
	p = vsmprint(fmt, args);
	va_end(args);
	return p;
}
