/*
 * The formatting engine behind print(2): dofmt walks a format, and each
 * verb's function takes its argument from the Fmt and writes through
 * fmtputn, which either flushes a full buffer (files, growing strings)
 * or, with no flush function, keeps counting but stores nothing more
 * and never cuts a rune in half (snprint).
 */
#include <u.h>
#include <libc.h>

enum {
	Maxinstall = 64,
	Maxwidth = 1<<24,	/* bigger widths and precisions are clipped */
};

typedef int (*Verbfn)(Fmt*);

typedef struct Verb Verb;
struct Verb {
	Rune r;
	Verbfn fn;
};

static Verb installed[Maxinstall];
static int ninstalled;

static int fmtint(Fmt*);
static int fmtstr(Fmt*);
static int fmtrunes(Fmt*);
static int fmtchar(Fmt*);
static int fmterr(Fmt*);
int _fmtfloat(Fmt*);

static Verb builtin[] = {
	{'d', fmtint}, {'i', fmtint}, {'u', fmtint}, {'o', fmtint},
	{'x', fmtint}, {'X', fmtint}, {'b', fmtint}, {'p', fmtint},
	{'s', fmtstr}, {'S', fmtrunes}, {'c', fmtchar}, {'C', fmtchar},
	{'q', quotestrfmt}, {'r', fmterr},
	{'f', _fmtfloat}, {'e', _fmtfloat}, {'g', _fmtfloat},
	{'F', _fmtfloat}, {'E', _fmtfloat}, {'G', _fmtfloat},
};

int
fmtinstall(int r, int (*fn)(Fmt*))
{
	int i;

	if(r <= 0 || r > Runemax || fn == nil)
		return -1;
	for(i = 0; i < ninstalled; i++)
		if(installed[i].r == (Rune)r){
			installed[i].fn = fn;
			return 0;
		}
	if(ninstalled >= Maxinstall)
		return -1;
	installed[ninstalled].r = r;
	installed[ninstalled].fn = fn;
	ninstalled++;
	return 0;
}

static Verbfn
verbfn(Rune r)
{
	int i;

	for(i = 0; i < ninstalled; i++)
		if(installed[i].r == r)
			return installed[i].fn;
	for(i = 0; i < nelem(builtin); i++)
		if(builtin[i].r == r)
			return builtin[i].fn;
	return nil;
}

/* fmtputn outputs n bytes; it returns -1 only when a flush failed */
static int
fmtputn(Fmt *f, const char *s, long n)
{
	long room, m;

	f->nfmt += n;
	while(n > 0){
		room = f->stop - f->to;
		if(room <= 0){
			if(f->flush == nil)
				return 0;
			if(!f->flush(f))
				return -1;
			continue;
		}
		m = n < room ? n : room;
		if(m < n && f->flush == nil){
			/* the buffer ends here: stop at a rune boundary */
			while(m > 0 && ((uchar)s[m] & 0xC0) == 0x80)
				m--;
			f->stop = f->to + m;
		}
		memmove(f->to, s, m);
		f->to += m;
		s += m;
		n -= m;
	}
	return 0;
}

static int
fmtpad(Fmt *f, long n, int c)
{
	char buf[64];
	long m;

	memset(buf, c, n < (long)sizeof buf ? n : (long)sizeof buf);
	for(; n > 0; n -= m){
		m = n < (long)sizeof buf ? n : (long)sizeof buf;
		if(fmtputn(f, buf, m) < 0)
			return -1;
	}
	return 0;
}

int
fmtrune(Fmt *f, int r)
{
	char buf[UTFmax];
	Rune rr;

	rr = r;
	return fmtputn(f, buf, runetochar(buf, &rr));
}

/* fmtpadded puts s (n bytes, nr runes) padded to the width as the flags say */
static int
fmtpadded(Fmt *f, const char *s, long n, long nr)
{
	long pad;

	pad = (f->flags & FmtWidth) ? f->width - nr : 0;
	if(pad > 0 && !(f->flags & FmtLeft) && fmtpad(f, pad, ' ') < 0)
		return -1;
	if(fmtputn(f, s, n) < 0)
		return -1;
	if(pad > 0 && (f->flags & FmtLeft) && fmtpad(f, pad, ' ') < 0)
		return -1;
	return 0;
}

/* fmtstrcpy puts a UTF-8 string honouring width and precision (in runes) */
int
fmtstrcpy(Fmt *f, const char *s)
{
	long n, nr, max;
	Rune r;

	if(s == nil)
		s = "<nil>";
	max = (f->flags & FmtPrec) ? f->prec : -1;
	/* a precision may bound a buffer with no NUL: read no further */
	n = 0;
	for(nr = 0; nr != max && s[n] != 0; nr++){
		if((uchar)s[n] < Runeself)
			n++;
		else
			n += chartorune(&r, s + n);
	}
	return fmtpadded(f, s, n, nr);
}

/* %s; C's %ls is a wide string, which in Lux9 is a Rune string */
static int
fmtstr(Fmt *f)
{
	if(f->flags & FmtLong)
		return fmtrunes(f);
	return fmtstrcpy(f, va_arg(f->args, char*));
}

static int
fmtrunes(Fmt *f)
{
	Rune *s;
	long i, n, max, pad;

	s = va_arg(f->args, Rune*);
	if(s == nil){
		f->flags &= ~FmtPrec;
		return fmtstrcpy(f, "<nil>");
	}
	max = (f->flags & FmtPrec) ? f->prec : -1;
	for(n = 0; n != max && s[n] != 0; n++)
		;
	pad = (f->flags & FmtWidth) ? f->width - n : 0;
	if(pad > 0 && !(f->flags & FmtLeft) && fmtpad(f, pad, ' ') < 0)
		return -1;
	for(i = 0; i < n; i++)
		if(fmtrune(f, s[i]) < 0)
			return -1;
	if(pad > 0 && (f->flags & FmtLeft) && fmtpad(f, pad, ' ') < 0)
		return -1;
	return 0;
}

static int
fmtchar(Fmt *f)
{
	char buf[UTFmax];
	Rune r;

	r = va_arg(f->args, int);
	f->flags &= ~FmtPrec;
	return fmtpadded(f, buf, runetochar(buf, &r), 1);
}

static int
fmterr(Fmt *f)
{
	char buf[ERRMAX];

	rerrstr(buf, sizeof buf);
	return fmtstrcpy(f, buf);
}

/* intarg fetches the integer argument the size flags say, widened */
static uvlong
intarg(Fmt *f, int issigned)
{
	ulong fl;

	fl = f->flags;
	if(f->r == 'p')
		return (uintptr)va_arg(f->args, void*);
	if(fl & FmtVLong)
		return issigned ? (uvlong)va_arg(f->args, vlong) : va_arg(f->args, uvlong);
	if(fl & (FmtLong | FmtSize))
		return issigned ? (uvlong)va_arg(f->args, long) : va_arg(f->args, ulong);
	if(fl & FmtByte)
		return issigned ? (uvlong)(schar)va_arg(f->args, int) : (uchar)va_arg(f->args, int);
	if(fl & FmtShort)
		return issigned ? (uvlong)(short)va_arg(f->args, int) : (ushort)va_arg(f->args, int);
	return issigned ? (uvlong)va_arg(f->args, int) : va_arg(f->args, uint);
}

static int
fmtint(Fmt *f)
{
	char buf[140], *p, *e;
	const char *digits, *prefix;
	uvlong v;
	int base, neg, issigned, ndig, group, zeros;
	long len, pad;

	digits = "0123456789abcdef";
	prefix = "";
	issigned = 0;
	switch(f->r){
	case 'd':
	case 'i':
		base = 10;
		issigned = !(f->flags & FmtUnsigned);
		break;
	case 'u':
		base = 10;
		break;
	case 'o':
		base = 8;
		break;
	case 'b':
		base = 2;
		break;
	case 'X':
		digits = "0123456789ABCDEF";
		/* fall through */
	default:
		base = 16;
		break;
	}
	v = intarg(f, issigned);
	neg = issigned && (vlong)v < 0;
	if(neg)
		v = -v;

	e = buf + sizeof buf;
	p = e;
	ndig = 0;
	group = (f->flags & FmtComma) && base == 10;
	while(v != 0){
		if(group && ndig > 0 && ndig % 3 == 0)
			*--p = ',';
		*--p = digits[v % base];
		v /= base;
		ndig++;
	}
	/* the precision is the least number of digits; 0 with precision 0 is no digits */
	zeros = 0;
	if(f->flags & FmtPrec){
		if(f->prec > ndig)
			zeros = f->prec - ndig;
	}else if(ndig == 0)
		zeros = 1;

	if(f->r == 'p')
		prefix = "0x";
	else if(f->flags & FmtSharp){
		if(base == 16 && ndig > 0)
			prefix = f->r == 'X' ? "0X" : "0x";
		else if(base == 8 && zeros == 0)
			prefix = "0";
		else if(base == 2 && ndig > 0)
			prefix = "0b";
	}
	if(neg)
		prefix = "-";
	else if(issigned && (f->flags & FmtSign))
		prefix = "+";
	else if(issigned && (f->flags & FmtSpace))
		prefix = " ";

	len = strlen(prefix) + zeros + (e - p);
	pad = (f->flags & FmtWidth) ? f->width - len : 0;
	if(pad > 0 && (f->flags & FmtZero) && !(f->flags & (FmtLeft | FmtPrec))){
		zeros += pad;
		pad = 0;
	}
	if(pad > 0 && !(f->flags & FmtLeft) && fmtpad(f, pad, ' ') < 0)
		return -1;
	if(fmtputn(f, prefix, strlen(prefix)) < 0 || fmtpad(f, zeros, '0') < 0)
		return -1;
	if(fmtputn(f, p, e - p) < 0)
		return -1;
	if(pad > 0 && (f->flags & FmtLeft) && fmtpad(f, pad, ' ') < 0)
		return -1;
	return 0;
}

/* fmtnum reads a decimal width or precision, clipped to Maxwidth */
static int
fmtnum(const char **fp)
{
	const char *s;
	int n;

	s = *fp;
	for(n = 0; *s >= '0' && *s <= '9'; s++)
		if(n < Maxwidth)
			n = n*10 + *s - '0';
	*fp = s;
	return n < Maxwidth ? n : Maxwidth;
}

/* fmtspec parses the flags after a '%', leaving f->r the verb, and returns where the verb ends */
static const char*
fmtspec(Fmt *f, const char *s)
{
	Rune r;
	int n;

	f->flags = 0;
	f->width = 0;
	f->prec = 0;
	for(;;){
		switch(*s){
		case '-':
			f->flags |= FmtLeft;
			break;
		case '+':
			f->flags |= FmtSign;
			break;
		case ' ':
			f->flags |= FmtSpace;
			break;
		case '#':
			f->flags |= FmtSharp;
			break;
		case ',':
			f->flags |= FmtComma;
			break;
		case '0':
			f->flags |= FmtZero;
			break;
		case '.':
			f->flags |= FmtPrec;
			s++;
			if(*s == '*'){
				n = va_arg(f->args, int);
				s++;
			}else
				n = fmtnum(&s);
			if(n < 0)
				f->flags &= ~FmtPrec;	/* a negative precision is none */
			f->prec = n < Maxwidth ? n : Maxwidth;
			continue;
		case '*':
			n = va_arg(f->args, int);
			if(n < 0){
				f->flags |= FmtLeft;
				n = n == (int)(1U<<31) ? Maxwidth : -n;
			}
			f->flags |= FmtWidth;
			f->width = n < Maxwidth ? n : Maxwidth;
			break;
		case '1': case '2': case '3': case '4': case '5':
		case '6': case '7': case '8': case '9':
			f->flags |= FmtWidth;
			f->width = fmtnum(&s);
			continue;
		case 'h':
			f->flags |= (f->flags & FmtShort) ? FmtByte : FmtShort;
			break;
		case 'l':
			f->flags |= (f->flags & FmtLong) ? FmtVLong : FmtLong;
			break;
		case 'L':
		case 'j':
			f->flags |= FmtVLong;
			break;
		case 'z':
		case 't':
			f->flags |= FmtSize;
			break;
		case 'u':
			/* Plan 9's %ud, %lux: u is a flag before another integer verb */
			if(s[1] != 0 && strchr("dxXobi", s[1]) != nil){
				f->flags |= FmtUnsigned;
				break;
			}
			/* fall through */
		default:
			if(*s == 0){
				f->r = 0;
				return s;
			}
			s += chartorune(&r, s);
			f->r = r;
			return s;
		}
		s++;
	}
}

int
dofmt(Fmt *f, const char *fmt)
{
	const char *s, *lit;
	Verbfn fn;
	char buf[UTFmax];
	long n0;
	Rune r;

	n0 = f->nfmt;
	s = fmt;
	for(;;){
		lit = s;
		while(*s != 0 && *s != '%')
			s++;
		if(s > lit && fmtputn(f, lit, s - lit) < 0)
			return -1;
		if(*s == 0)
			break;
		s = fmtspec(f, s + 1);
		if(f->r == 0)
			break;
		if(f->r == '%'){
			if(fmtputn(f, "%", 1) < 0)
				return -1;
			continue;
		}
		if(f->r == 'n'){
			/* writing through %n is refused, but its argument is used up */
			(void)va_arg(f->args, void*);
			continue;
		}
		fn = verbfn(f->r);
		if(fn == nil){
			/* an unknown verb is printed as written */
			r = f->r;
			if(fmtputn(f, "%", 1) < 0 || fmtputn(f, buf, runetochar(buf, &r)) < 0)
				return -1;
			continue;
		}
		if(fn(f) < 0)
			return -1;
	}
	return f->nfmt - n0;
}

int
fmtvprint(Fmt *f, const char *fmt, va_list args)
{
	va_list saved;
	ulong flags;
	int r, width, prec, n;

	/* a verb function may print into its own Fmt: keep the outer state */
	flags = f->flags;
	r = f->r;
	width = f->width;
	prec = f->prec;
	va_copy(saved, f->args);
	va_end(f->args);
	va_copy(f->args, args);
	n = dofmt(f, fmt);
	va_end(f->args);
	va_copy(f->args, saved);
	va_end(saved);
	f->flags = flags;
	f->r = r;
	f->width = width;
	f->prec = prec;
	return n;
}

int
fmtprint(Fmt *f, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = fmtvprint(f, fmt, args);
	va_end(args);
	return n;
}
