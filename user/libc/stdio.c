/*
 * stdio on bio: a FILE is a Biobuf plus C's end-of-file and error
 * flags and a buffering mode.  Failures set errno from the error string.
 */
#include <u.h>
#include <libc.h>
#include <bio.h>
#include <stdio.h>
#include <errno.h>

void _seterrno(void);
char *_vbufprint(char*, char*, const char*, va_list, long*);

struct FILE {
	Biobuf b;
	int eof;
	int err;
	int buffering;		/* _IOFBF, _IOLBF, _IONBF */
	int ready;		/* the Biobuf is set up */
	int fd;
};

static FILE stdfiles[3];
FILE *stdin = &stdfiles[0];
FILE *stdout = &stdfiles[1];
FILE *stderr = &stdfiles[2];
static int flushhooked;

static void
flushstd(void)
{
	fflush(stdout);
	fflush(stderr);
}

/* ready sets up one of the standard files on first use */
static FILE*
ready(FILE *f)
{
	int fd;

	if(f->ready)
		return f;
	fd = f - stdfiles;
	Binit(&f->b, fd, fd == 0 ? OREAD : OWRITE);
	f->fd = fd;
	f->buffering = fd == 1 ? _IOLBF : fd == 2 ? _IONBF : _IOFBF;
	f->ready = 1;
	if(!flushhooked){
		atexit(flushstd);
		flushhooked = 1;
	}
	return f;
}

FILE*
fdopen(int fd, const char *mode)
{
	FILE *f;
	int m;

	if(strchr(mode, '+') != nil){
		errno = EINVAL;
		return nil;
	}
	m = mode[0] == 'r' ? OREAD : OWRITE;
	f = mallocz(sizeof *f, 1);
	if(f == nil){
		errno = ENOMEM;
		return nil;
	}
	if(Binit(&f->b, fd, m) < 0){
		free(f);
		errno = EINVAL;
		return nil;
	}
	f->fd = fd;
	f->buffering = _IOFBF;
	f->ready = 1;
	return f;
}

FILE*
fopen(const char *restrict name, const char *restrict mode)
{
	FILE *f;
	int fd;

	switch(mode[0]){
	case 'r':
		fd = open(name, OREAD);
		break;
	case 'w':
		fd = create(name, OWRITE | OTRUNC, 0666);
		break;
	case 'a':
		fd = open(name, OWRITE);
		if(fd < 0)
			fd = create(name, OWRITE, 0666);
		if(fd >= 0 && seek(fd, 0, SEEKEND) < 0){
			close(fd);
			fd = -1;
		}
		break;
	default:
		errno = EINVAL;
		return nil;
	}
	if(fd < 0){
		_seterrno();
		return nil;
	}
	f = fdopen(fd, mode);
	if(f == nil)
		close(fd);
	return f;
}

int
fflush(FILE *f)
{
	if(f == nil){
		flushstd();
		return 0;
	}
	ready(f);
	if(Bflush(&f->b) < 0){
		f->err = 1;
		_seterrno();
		return EOF;
	}
	return 0;
}

int
fclose(FILE *f)
{
	int r;

	r = fflush(f);
	if(close(f->fd) < 0){
		_seterrno();
		r = EOF;
	}
	if(f >= stdfiles && f < stdfiles + 3)
		f->ready = 0;
	else
		free(f);
	return r;
}

int
fileno(FILE *f)
{
	return ready(f)->fd;
}

int
setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	USED(buf);
	USED(size);
	if(mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	ready(f)->buffering = mode;
	return 0;
}

void
setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf != nil ? _IOFBF : _IONBF, BUFSIZ);
}

int
fgetc(FILE *f)
{
	int c;

	ready(f);
	if(f == stdin)
		fflush(stdout);	/* a prompt shows before the program waits */
	c = Bgetc(&f->b);
	if(c < 0){
		f->eof = 1;
		return EOF;
	}
	return c;
}

int
getc(FILE *f)
{
	return fgetc(f);
}

int
getchar(void)
{
	return fgetc(stdin);
}

int
ungetc(int c, FILE *f)
{
	if(c == EOF || Bungetc(&ready(f)->b) < 0)
		return EOF;
	*f->b.rp = c;
	f->eof = 0;
	return c;
}

char*
fgets(char *restrict s, int n, FILE *restrict f)
{
	int i, c;

	if(n <= 0)
		return nil;
	for(i = 0; i < n - 1; ){
		c = fgetc(f);
		if(c == EOF)
			break;
		s[i++] = c;
		if(c == '\n')
			break;
	}
	if(i == 0)
		return nil;
	s[i] = 0;
	return s;
}

size_t
fread(void *restrict buf, size_t size, size_t n, FILE *restrict f)
{
	long got;

	if(size == 0 || n == 0)
		return 0;
	if(n > (size_t)0x7fffffffffff / size){
		errno = EOVERFLOW;
		return 0;
	}
	ready(f);
	if(f == stdin)
		fflush(stdout);
	got = Bread(&f->b, buf, size * n);
	if(got < 0){
		f->err = 1;
		_seterrno();
		return 0;
	}
	if((size_t)got < size * n)
		f->eof = 1;
	return got / size;
}

/* written applies the buffering mode after data went into the buffer */
static int
written(FILE *f, const void *p, long n)
{
	if(f->buffering == _IONBF || (f->buffering == _IOLBF && memchr(p, '\n', n) != nil))
		return fflush(f);
	return 0;
}

size_t
fwrite(const void *restrict buf, size_t size, size_t n, FILE *restrict f)
{
	if(size == 0 || n == 0)
		return 0;
	if(n > (size_t)0x7fffffffffff / size){
		errno = EOVERFLOW;
		return 0;
	}
	ready(f);
	if(Bwrite(&f->b, buf, size * n) != (long)(size * n) || written(f, buf, size * n) < 0){
		f->err = 1;
		_seterrno();
		return 0;
	}
	return n;
}

int
fputc(int c, FILE *f)
{
	uchar b;

	b = c;
	return fwrite(&b, 1, 1, f) == 1 ? b : EOF;
}

int
putc(int c, FILE *f)
{
	return fputc(c, f);
}

int
putchar(int c)
{
	return fputc(c, stdout);
}

int
fputs(const char *restrict s, FILE *restrict f)
{
	usize n;

	n = strlen(s);
	return n == 0 || fwrite(s, 1, n, f) == n ? 0 : EOF;
}

int
puts(const char *s)
{
	return fputs(s, stdout) == 0 && fputc('\n', stdout) != EOF ? 0 : EOF;
}

static int
fmtfileflush(Fmt *fmt)
{
	FILE *f;

	f = fmt->farg;
	f->b.wp = (uchar*)fmt->to;
	if(Bflush(&f->b) < 0)
		return 0;
	fmt->to = (char*)f->b.wp;
	return 1;
}

int
vfprintf(FILE *restrict f, const char *restrict fmt, va_list args)
{
	Fmt m;
	int n;
	uchar *start;

	ready(f);
	start = f->b.wp;
	memset(&m, 0, sizeof m);
	m.start = (char*)f->b.buf + Bungetsize;
	m.to = (char*)f->b.wp;
	m.stop = (char*)f->b.buf + sizeof f->b.buf;
	m.flush = fmtfileflush;
	m.farg = f;
	va_copy(m.args, args);
	n = dofmt(&m, fmt);
	va_end(m.args);
	f->b.wp = (uchar*)m.to;
	if(n < 0){
		f->err = 1;
		_seterrno();
		return -1;
	}
	/* line buffering: a newline anywhere in what was printed (a flush may have moved it out already) */
	if(f->buffering == _IONBF || (f->buffering == _IOLBF && (f->b.wp < start ||
	   memchr(f->b.buf + Bungetsize, '\n', f->b.wp - (f->b.buf + Bungetsize)) != nil)))
		if(fflush(f) < 0)
			return -1;
	return n;
}

int
fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vfprintf(f, fmt, args);
	va_end(args);
	return n;
}

int
vprintf(const char *restrict fmt, va_list args)
{
	return vfprintf(stdout, fmt, args);
}

int
printf(const char *restrict fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vfprintf(stdout, fmt, args);
	va_end(args);
	return n;
}

/* C's snprintf returns the length the whole output would have */
int
vsnprintf(char *restrict buf, size_t n, const char *restrict fmt, va_list args)
{
	char dummy[1];
	long total;

	if(n == 0){
		buf = dummy;
		n = 1;
	}
	if(n > 0x7fffffff)
		n = 0x7fffffff;
	_vbufprint(buf, buf + n, fmt, args, &total);
	return total;
}

int
snprintf(char *restrict buf, size_t n, const char *restrict fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vsnprintf(buf, n, fmt, args);
	va_end(args);
	return r;
}

int
vsprintf(char *restrict buf, const char *restrict fmt, va_list args)
{
	return vsnprintf(buf, 1<<30, fmt, args);
}

int
sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vsnprintf(buf, 1<<30, fmt, args);
	va_end(args);
	return r;
}

int
fseek(FILE *f, long off, int whence)
{
	ready(f);
	if(Bseek(&f->b, off, whence) < 0){
		_seterrno();
		return -1;
	}
	f->eof = 0;
	return 0;
}

long
ftell(FILE *f)
{
	return Boffset(&ready(f)->b);
}

void
rewind(FILE *f)
{
	fseek(f, 0, SEEK_SET);
	f->err = 0;
}

int
feof(FILE *f)
{
	return f->eof;
}

int
ferror(FILE *f)
{
	return f->err;
}

void
clearerr(FILE *f)
{
	f->eof = 0;
	f->err = 0;
}

void
perror(const char *s)
{
	if(s != nil && *s != 0)
		fprint(2, "%s: %s\n", s, strerror(errno));
	else
		fprint(2, "%s\n", strerror(errno));
}

/* rename changes only the last element: the new name must be in the same directory */
int
rename(const char *from, const char *to)
{
	const char *fs, *ts;
	Dir d;

	fs = strrchr(from, '/');
	ts = strrchr(to, '/');
	if((fs == nil) != (ts == nil) || (fs != nil && (fs - from != ts - to || strncmp(from, to, fs - from) != 0))){
		errno = EXDEV;
		return -1;
	}
	nulldir(&d);
	d.name = (char*)(ts != nil ? ts + 1 : to);
	if(dirwstat(from, &d) < 0){
		_seterrno();
		return -1;
	}
	return 0;
}
