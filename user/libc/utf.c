/*
 * UTF-8 encoding and decoding of runes.  A bad sequence (a stray
 * continuation byte, a short sequence, an overlong form, a surrogate or
 * a value above Runemax) decodes as Runeerror consuming one byte, so
 * the decoder always makes progress and never reads past a NUL.
 */
#include <u.h>
#include <libc.h>

/* utfneed is how many bytes a sequence starting with byte c has; 0 if c cannot start one */
static int
utfneed(uchar c)
{
	if(c < 0x80)
		return 1;
	if(c < 0xC2)
		return 0;
	if(c < 0xE0)
		return 2;
	if(c < 0xF0)
		return 3;
	if(c < 0xF5)
		return 4;
	return 0;
}

/*
 * utfdecode decodes at most n bytes of s into *r.  It returns the
 * length used, 0 if the n bytes are a valid but incomplete prefix.
 */
static int
utfdecode(Rune *r, const uchar *s, long n)
{
	int need, i;
	Rune v;

	if(n <= 0)
		return 0;
	need = utfneed(s[0]);
	if(need == 1){
		*r = s[0];
		return 1;
	}
	if(need == 0){
		*r = Runeerror;
		return 1;
	}
	v = s[0] & (0x7F >> need);
	for(i = 1; i < need; i++){
		if(i >= n)
			return 0;
		if((s[i] & 0xC0) != 0x80){
			*r = Runeerror;
			return 1;
		}
		v = v<<6 | (s[i] & 0x3F);
		/* reject overlong 3- and 4-byte forms, surrogates and > Runemax as early as we can tell */
		if(i == 1 && ((need == 3 && v < 0x20) || (need == 4 && v < 0x10) ||
		   (need == 3 && v >= 0x360 && v < 0x380) || (need == 4 && v > 0x10F))){
			*r = Runeerror;
			return 1;
		}
	}
	*r = v;
	return need;
}

int
chartorune(Rune *r, const char *s)
{
	int n;

	n = utfdecode(r, (const uchar*)s, UTFmax);
	if(n == 0){
		/* cannot happen with UTFmax bytes, but never return 0 */
		*r = Runeerror;
		n = 1;
	}
	return n;
}

int
fullrune(const char *s, int n)
{
	Rune r;

	return n > 0 && utfdecode(&r, (const uchar*)s, n) > 0;
}

int
runetochar(char *s, const Rune *rp)
{
	Rune r;

	r = *rp;
	if(r > Runemax || (r >= 0xD800 && r <= 0xDFFF))
		r = Runeerror;
	if(r < 0x80){
		s[0] = r;
		return 1;
	}
	if(r < 0x800){
		s[0] = 0xC0 | r>>6;
		s[1] = 0x80 | (r & 0x3F);
		return 2;
	}
	if(r < 0x10000){
		s[0] = 0xE0 | r>>12;
		s[1] = 0x80 | (r>>6 & 0x3F);
		s[2] = 0x80 | (r & 0x3F);
		return 3;
	}
	s[0] = 0xF0 | r>>18;
	s[1] = 0x80 | (r>>12 & 0x3F);
	s[2] = 0x80 | (r>>6 & 0x3F);
	s[3] = 0x80 | (r & 0x3F);
	return 4;
}

int
runelen(long r)
{
	char buf[UTFmax];
	Rune rr;

	rr = r < 0 ? Runeerror : (Rune)r;
	return runetochar(buf, &rr);
}

int
runenlen(const Rune *r, int n)
{
	int l;

	for(l = 0; n-- > 0; r++)
		l += runelen(*r);
	return l;
}

int
utfnlen(const char *s, long n)
{
	const char *e;
	Rune r;
	int k, c;

	e = s + n;
	for(c = 0; s < e && *s != 0; c++){
		k = utfdecode(&r, (const uchar*)s, e - s);
		if(k == 0)
			break;
		s += k;
	}
	return c;
}

int
utflen(const char *s)
{
	Rune r;
	int c;

	for(c = 0; *s != 0; c++)
		s += chartorune(&r, s);
	return c;
}

char*
utfrune(const char *s, long c)
{
	Rune r;
	int n;

	if(c < Runeself)
		return strchr(s, c);
	for(; *s != 0; s += n){
		n = chartorune(&r, s);
		if(r == (Rune)c)
			return (char*)s;
	}
	return nil;
}

char*
utfrrune(const char *s, long c)
{
	const char *last;
	Rune r;
	int n;

	if(c < Runeself)
		return strrchr(s, c);
	last = nil;
	for(; *s != 0; s += n){
		n = chartorune(&r, s);
		if(r == (Rune)c)
			last = s;
	}
	return (char*)last;
}

char*
utfutf(const char *s, const char *t)
{
	const char *p;
	usize n;
	Rune r;

	if(*t == 0)
		return (char*)s;
	n = strlen(t);
	chartorune(&r, t);
	for(p = s; (p = utfrune(p, r)) != nil; p += chartorune(&r, p))
		if(strncmp(p, t, n) == 0)
			return (char*)p;
	return nil;
}

/* utfecpy is strecpy that never ends the copy in the middle of a rune */
char*
utfecpy(char *d, char *e, const char *s)
{
	char *p;

	if(d >= e)
		return d;
	p = strecpy(d, e, s);
	if((usize)(p - d) < strlen(s)){
		while(p > d && (p[-1] & 0xC0) == 0x80)
			p--;
		if(p > d && (uchar)p[-1] >= 0xC0)
			p--;
		*p = 0;
	}
	return p;
}

long
runestrlen(const Rune *s)
{
	long n;

	for(n = 0; s[n] != 0; n++)
		;
	return n;
}

Rune*
runestrchr(const Rune *s, Rune c)
{
	for(;; s++){
		if(*s == c)
			return (Rune*)s;
		if(*s == 0)
			return nil;
	}
}

int
runestrcmp(const Rune *a, const Rune *b)
{
	while(*a != 0 && *a == *b){
		a++;
		b++;
	}
	return *a < *b ? -1 : *a > *b;
}

Rune*
runestrcpy(Rune *d, const Rune *s)
{
	Rune *p;

	for(p = d; (*p++ = *s++) != 0;)
		;
	return d;
}

/*
 * Case and class of runes: exact for ASCII and Latin-1, Greek and
 * Cyrillic basic letters; other scripts are left as they are.
 */
int
isupperrune(Rune r)
{
	return (r >= 'A' && r <= 'Z') || (r >= 0xC0 && r <= 0xDE && r != 0xD7) ||
		(r >= 0x391 && r <= 0x3A9 && r != 0x3A2) || (r >= 0x410 && r <= 0x42F);
}

int
islowerrune(Rune r)
{
	return (r >= 'a' && r <= 'z') || (r >= 0xDF && r <= 0xFF && r != 0xF7) ||
		(r >= 0x3B1 && r <= 0x3C9) || (r >= 0x430 && r <= 0x44F);
}

Rune
tolowerrune(Rune r)
{
	/* in each of the three alphabets the lower case is 0x20 above */
	return isupperrune(r) ? r + 0x20 : r;
}

Rune
toupperrune(Rune r)
{
	if(!islowerrune(r) || r == 0xDF || r == 0xFF || r == 0x3C2)
		return r;
	return r - 0x20;
}

int
isalpharune(Rune r)
{
	return isupperrune(r) || islowerrune(r) || (r >= 0x100 && r < 0x2000 && !isspacerune(r)) ||
		(r >= 0x3040 && r <= 0x9FFF) || (r >= 0xAC00 && r <= 0xD7A3);
}

int
isdigitrune(Rune r)
{
	return r >= '0' && r <= '9';
}

int
isspacerune(Rune r)
{
	return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0 ||
		r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 ||
		r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000;
}
