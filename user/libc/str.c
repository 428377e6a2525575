/* C string functions and Plan 9's strecpy and case-blind compares. */
#include <u.h>
#include <libc.h>
#include <ctype.h>

usize
strlen(const char *s)
{
	const char *p;

	for(p = s; *p != 0; p++)
		;
	return p - s;
}

usize
strnlen(const char *s, usize n)
{
	usize i;

	for(i = 0; i < n && s[i] != 0; i++)
		;
	return i;
}

char*
strcpy(char *restrict d, const char *restrict s)
{
	memmove(d, s, strlen(s) + 1);
	return d;
}

char*
strncpy(char *restrict d, const char *restrict s, usize n)
{
	usize i;

	for(i = 0; i < n && s[i] != 0; i++)
		d[i] = s[i];
	for(; i < n; i++)
		d[i] = 0;
	return d;
}

char*
strcat(char *restrict d, const char *restrict s)
{
	strcpy(d + strlen(d), s);
	return d;
}

char*
strncat(char *restrict d, const char *restrict s, usize n)
{
	char *p;

	p = d + strlen(d);
	while(n-- > 0 && *s != 0)
		*p++ = *s++;
	*p = 0;
	return d;
}

usize
strlcpy(char *restrict d, const char *restrict s, usize n)
{
	usize l;

	l = strlen(s);
	if(n > 0){
		if(l < n)
			memmove(d, s, l + 1);
		else{
			memmove(d, s, n - 1);
			d[n - 1] = 0;
		}
	}
	return l;
}

usize
strlcat(char *restrict d, const char *restrict s, usize n)
{
	usize l;

	l = strnlen(d, n);
	if(l == n)
		return n + strlen(s);
	return l + strlcpy(d + l, s, n - l);
}

int
strcmp(const char *a, const char *b)
{
	while(*a != 0 && *a == *b){
		a++;
		b++;
	}
	return (uchar)*a - (uchar)*b;
}

int
strncmp(const char *a, const char *b, usize n)
{
	for(; n > 0; n--, a++, b++)
		if(*a != *b || *a == 0)
			return (uchar)*a - (uchar)*b;
	return 0;
}

int
strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

usize
strxfrm(char *restrict d, const char *restrict s, usize n)
{
	return strlcpy(d, s, n);
}

char*
strchr(const char *s, int c)
{
	for(;; s++){
		if(*s == (char)c)
			return (char*)s;
		if(*s == 0)
			return nil;
	}
}

char*
strrchr(const char *s, int c)
{
	const char *r;

	r = nil;
	for(;; s++){
		if(*s == (char)c)
			r = s;
		if(*s == 0)
			return (char*)r;
	}
}

/* set marks the bytes of cs in a 256-bit map */
static void
byteset(u64int set[4], const char *cs)
{
	uchar c;

	set[0] = set[1] = set[2] = set[3] = 0;
	while((c = *cs++) != 0)
		set[c>>6] |= 1ULL << (c & 63);
}

static int
inset(u64int set[4], uchar c)
{
	return (set[c>>6] >> (c & 63)) & 1;
}

usize
strspn(const char *s, const char *accept)
{
	u64int set[4];
	usize n;

	byteset(set, accept);
	for(n = 0; s[n] != 0 && inset(set, s[n]); n++)
		;
	return n;
}

usize
strcspn(const char *s, const char *reject)
{
	u64int set[4];
	usize n;

	byteset(set, reject);
	for(n = 0; s[n] != 0 && !inset(set, s[n]); n++)
		;
	return n;
}

char*
strpbrk(const char *s, const char *cs)
{
	s += strcspn(s, cs);
	return *s != 0 ? (char*)s : nil;
}

char*
strstr(const char *s, const char *t)
{
	usize n;

	n = strlen(t);
	if(n == 0)
		return (char*)s;
	for(; (s = strchr(s, *t)) != nil; s++)
		if(strncmp(s, t, n) == 0)
			return (char*)s;
	return nil;
}

char*
strtok_r(char *restrict s, const char *restrict sep, char **restrict last)
{
	char *t;

	if(s == nil)
		s = *last;
	if(s == nil)
		return nil;
	s += strspn(s, sep);
	if(*s == 0){
		*last = nil;
		return nil;
	}
	t = s + strcspn(s, sep);
	if(*t != 0)
		*t++ = 0;
	*last = t;
	return s;
}

char*
strtok(char *restrict s, const char *restrict sep)
{
	static char *last;

	return strtok_r(s, sep, &last);
}

char*
strdup(const char *s)
{
	usize n;
	char *d;

	n = strlen(s) + 1;
	d = malloc(n);
	if(d != nil)
		memmove(d, s, n);
	return d;
}

char*
strndup(const char *s, usize n)
{
	char *d;

	n = strnlen(s, n);
	d = malloc(n + 1);
	if(d != nil){
		memmove(d, s, n);
		d[n] = 0;
	}
	return d;
}

int
strncasecmp(const char *a, const char *b, usize n)
{
	int c, d;

	for(; n > 0; n--){
		c = tolower((uchar)*a++);
		d = tolower((uchar)*b++);
		if(c != d || c == 0)
			return c - d;
	}
	return 0;
}

int
strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, (usize)-1);
}

int
cistrcmp(const char *a, const char *b)
{
	return strcasecmp(a, b);
}

int
cistrncmp(const char *a, const char *b, int n)
{
	if(n <= 0)
		return 0;
	return strncasecmp(a, b, n);
}

char*
cistrstr(const char *s, const char *t)
{
	usize n;

	n = strlen(t);
	for(; *s != 0; s++)
		if(strncasecmp(s, t, n) == 0)
			return (char*)s;
	return n == 0 ? (char*)s : nil;
}

/*
 * strecpy copies s to d without passing e (the end of d's buffer),
 * always NUL-terminates when there is room, and returns the NUL.
 */
char*
strecpy(char *d, char *e, const char *s)
{
	usize n;

	if(d >= e)
		return d;
	n = strlen(s);
	if(n >= (usize)(e - d))
		n = e - d - 1;
	memmove(d, s, n);
	d[n] = 0;
	return d + n;
}

char*
estrdup(const char *s)
{
	char *d;

	d = strdup(s);
	if(d == nil)
		sysfatal("estrdup: %r");
	return d;
}

void*
emalloc(ulong n)
{
	void *p;

	p = mallocz(n, 1);
	if(p == nil)
		sysfatal("emalloc %lud: %r", n);
	return p;
}
