/*
 * String, memory and formatting helpers for the kernel.  The formatter
 * knows what the kernel prints: %d %i %u %x %X %o %b %s %q %c %p, with
 * l, ll, u, h modifiers, widths, '-', '0'.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

/*
 * memset and memmove use the string instructions: one rep movsq moves 8
 * bytes per step, several times fewer instructions than a loop.
 */
void*
memset(void *a, int c, size_t n)
{
	void *d;
	uvlong v;
	size_t q;

	d = a;
	if(n >= 16 && ((uintptr)a & 7) == 0){
		v = (uchar)c * 0x0101010101010101ULL;
		q = n >> 3;
		__asm__ volatile("rep stosq" : "+D"(d), "+c"(q) : "a"(v) : "memory");
		n &= 7;
	}
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return a;
}

void*
memmove(void *a, const void *b, size_t n)
{
	void *d;
	const void *s;
	size_t q;

	d = a;
	s = b;
	if((uchar*)d <= (const uchar*)s || (uchar*)d >= (const uchar*)s + n){
		q = n >> 3;
		__asm__ volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(q) : : "memory");
		n &= 7;
		__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	}else{
		/* overlapping, destination above: copy backwards */
		d = (uchar*)d + n - 1;
		s = (const uchar*)s + n - 1;
		__asm__ volatile("std; rep movsb; cld" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	}
	return a;
}

void*
memcpy(void *a, const void *b, size_t n)
{
	return memmove(a, b, n);
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const uchar *p, *q;

	p = a;
	q = b;
	for(; n > 0; n--, p++, q++)
		if(*p != *q)
			return *p - *q;
	return 0;
}

size_t
strlen(const char *s)
{
	const char *p;

	for(p = s; *p; p++)
		;
	return p - s;
}

int
strcmp(const char *a, const char *b)
{
	while(*a && *a == *b){
		a++;
		b++;
	}
	return (uchar)*a - (uchar)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for(; n > 0; n--, a++, b++){
		if(*a != *b)
			return (uchar)*a - (uchar)*b;
		if(*a == 0)
			break;
	}
	return 0;
}

char*
strchr(const char *s, int c)
{
	for(; *s; s++)
		if(*s == c)
			return (char*)s;
	return c == 0 ? (char*)s : nil;
}

char*
strrchr(const char *s, int c)
{
	const char *r;

	r = nil;
	for(; *s; s++)
		if(*s == c)
			r = s;
	if(c == 0)
		return (char*)s;
	return (char*)r;
}

/* copy s to d, stopping before e; returns the end of d's string */
char*
strecpy(char *d, char *e, char *s)
{
	if(d >= e)
		return d;
	while(*s && d < e-1)
		*d++ = *s++;
	*d = 0;
	return d;
}

uvlong
strtoull(char *s, char **end, int base)
{
	uvlong n;
	int c, d;

	while(*s == ' ' || *s == '\t')
		s++;
	if(base == 0){
		base = 10;
		if(s[0] == '0' && (s[1] == 'x' || s[1] == 'X')){
			base = 16;
			s += 2;
		}else if(s[0] == '0')
			base = 8;
	}
	n = 0;
	for(;; s++){
		c = *s;
		if(c >= '0' && c <= '9')
			d = c - '0';
		else if(c >= 'a' && c <= 'z')
			d = c - 'a' + 10;
		else if(c >= 'A' && c <= 'Z')
			d = c - 'A' + 10;
		else
			break;
		if(d >= base)
			break;
		n = n*base + d;
	}
	if(end)
		*end = s;
	return n;
}

long
strtol(char *s, char **end, int base)
{
	while(*s == ' ' || *s == '\t')
		s++;
	if(*s == '-')
		return -(long)strtoull(s+1, end, base);
	return strtoull(s, end, base);
}

typedef struct Fmt Fmt;
struct Fmt {
	char *p;
	char *e;
	int n;
};

static void
fmtc(Fmt *f, int c)
{
	if(f->p < f->e)
		*f->p++ = c;
	f->n++;
}

static void
fmtpad(Fmt *f, char *s, int n, int width, int left, int zero)
{
	int i;

	if(!left)
		for(i = n; i < width; i++)
			fmtc(f, zero ? '0' : ' ');
	for(i = 0; i < n; i++)
		fmtc(f, s[i]);
	if(left)
		for(i = n; i < width; i++)
			fmtc(f, ' ');
}

int
vsnprint(char *buf, int len, char *fmt, va_list ap)
{
	Fmt f;
	char tmp[68], *s, *t;
	int c, width, left, zero, lng, uns, base, neg, prec, n, sharp;
	uvlong v;

	f.p = buf;
	f.e = buf + len - 1;
	f.n = 0;
	for(; *fmt; fmt++){
		if(*fmt != '%'){
			fmtc(&f, *fmt);
			continue;
		}
		width = left = zero = lng = uns = sharp = 0;
		prec = -1;
		for(fmt++; ; fmt++){
			if(*fmt == '-')
				left = 1;
			else if(*fmt == '0')
				zero = 1;
			else if(*fmt == '#')
				sharp = 1;
			else
				break;
		}
		if(*fmt == '*'){
			width = va_arg(ap, int);
			fmt++;
		}
		while(*fmt >= '0' && *fmt <= '9')
			width = width*10 + *fmt++ - '0';
		if(*fmt == '.'){
			fmt++;
			prec = 0;
			if(*fmt == '*'){
				prec = va_arg(ap, int);
				fmt++;
			}
			while(*fmt >= '0' && *fmt <= '9')
				prec = prec*10 + *fmt++ - '0';
		}
		for(;; fmt++){
			if(*fmt == 'l')
				lng++;
			else if(*fmt == 'u')
				uns = 1;
			else if(*fmt != 'h')
				break;
		}
		c = *fmt;
		if(c == 0)
			break;
		base = 10;
		switch(c){
		case 's':
			s = va_arg(ap, char*);
			if(s == nil)
				s = "<nil>";
			n = strlen(s);
			if(prec >= 0 && n > prec)
				n = prec;
			fmtpad(&f, s, n, width, left, 0);
			continue;
		case 'q':
			s = va_arg(ap, char*);
			if(s == nil)
				s = "";
			if(*s && strchr(s, ' ') == nil && strchr(s, '\'') == nil && strchr(s, '\t') == nil && strchr(s, '\n') == nil){
				fmtpad(&f, s, strlen(s), width, left, 0);
				continue;
			}
			fmtc(&f, '\'');
			for(t = s; *t; t++){
				if(*t == '\'')
					fmtc(&f, '\'');
				fmtc(&f, *t);
			}
			fmtc(&f, '\'');
			continue;
		case 'c':
			fmtc(&f, va_arg(ap, int));
			continue;
		case '%':
			fmtc(&f, '%');
			continue;
		case 'p':
			v = (uintptr)va_arg(ap, void*);
			fmtc(&f, '0');
			fmtc(&f, 'x');
			base = 16;
			uns = 1;
			goto number;
		case 'x':
		case 'X':
			base = 16;
			uns = 1;
			break;
		case 'o':
			base = 8;
			uns = 1;
			break;
		case 'b':
			base = 2;
			uns = 1;
			break;
		case 'd':
		case 'i':
			break;
		default:
			fmtc(&f, '%');
			fmtc(&f, c);
			continue;
		}
		if(lng)
			v = va_arg(ap, uvlong);
		else if(uns)
			v = va_arg(ap, uint);
		else
			v = (uvlong)(vlong)va_arg(ap, int);
		if(sharp && base == 16){
			fmtc(&f, '0');
			fmtc(&f, 'x');
		}
	number:
		neg = 0;
		if(!uns && (vlong)v < 0){
			neg = 1;
			v = -(vlong)v;
		}
		s = tmp + sizeof tmp;
		do{
			*--s = "0123456789abcdef"[v % base];
			if(c == 'X' && *s >= 'a')
				*s -= 'a' - 'A';
			v /= base;
		}while(v);
		if(neg){
			if(zero && width > 0){
				fmtc(&f, '-');
				width--;
			}else
				*--s = '-';
		}
		fmtpad(&f, s, tmp + sizeof tmp - s, width, left, zero);
	}
	if(len > 0)
		*f.p = 0;
	return f.p - buf;
}

int
snprint(char *buf, int len, char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprint(buf, len, fmt, ap);
	va_end(ap);
	return n;
}

char*
seprint(char *buf, char *e, char *fmt, ...)
{
	va_list ap;
	int n;

	if(buf >= e)
		return buf;
	va_start(ap, fmt);
	n = vsnprint(buf, e - buf, fmt, ap);
	va_end(ap);
	return buf + n;
}

int
print(char *fmt, ...)
{
	va_list ap;
	char buf[512];
	int n;

	va_start(ap, fmt);
	n = vsnprint(buf, sizeof buf, fmt, ap);
	va_end(ap);
	putstrn(buf, n);
	return n;
}

void
panic(char *fmt, ...)
{
	va_list ap;
	char buf[256];
	int n;

	splhi();
	va_start(ap, fmt);
	n = snprint(buf, sizeof buf, "panic: ");
	n += vsnprint(buf+n, sizeof buf - n, fmt, ap);
	va_end(ap);
	putstrn(buf, n);
	putstrn("\n", 1);
	machexit(3);
}

/* split s in place at blanks into at most max fields */
int
tokenize(char *s, char **args, int max)
{
	int n;

	n = 0;
	while(n < max){
		while(*s == ' ' || *s == '\t' || *s == '\n')
			*s++ = 0;
		if(*s == 0)
			break;
		args[n++] = s;
		while(*s && *s != ' ' && *s != '\t' && *s != '\n')
			s++;
	}
	return n;
}

/* read helpers for synthetic files */
int
readstr(vlong off, void *a, long n, char *s)
{
	long l;

	l = strlen(s);
	if(off < 0 || off >= l)
		return 0;
	if(off + n > l)
		n = l - off;
	memmove(a, s + off, n);
	return n;
}

int
readnum(vlong off, void *a, long n, vlong v, int size)
{
	char buf[32];

	snprint(buf, sizeof buf, "%*lld ", size-1, v);
	return readstr(off, a, n, buf);
}
