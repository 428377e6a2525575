/*
 * %q: quote a string the way rc reads it back, in single quotes with
 * each quote doubled, when (and only when) it needs quoting.
 */
#include <u.h>
#include <libc.h>

int
needsrcquote(int c)
{
	return c <= ' ' || strchr("'`^#;&|<>(){}$=\\*?[]~", c) != nil;
}

static int
needsquote(const char *s)
{
	if(*s == 0)
		return 1;
	for(; *s != 0; s++)
		if((uchar)*s < Runeself && needsrcquote(*s))
			return 1;
	return 0;
}

/* quoteinto writes the quoted s to d (which has room) and returns its end */
static char*
quoteinto(char *d, const char *s)
{
	*d++ = '\'';
	for(; *s != 0; s++){
		if(*s == '\'')
			*d++ = '\'';
		*d++ = *s;
	}
	*d++ = '\'';
	*d = 0;
	return d;
}

static usize
quotedlen(const char *s)
{
	usize n;

	for(n = 2; *s != 0; s++)
		n += *s == '\'' ? 2 : 1;
	return n;
}

int
quotestrfmt(Fmt *f)
{
	char *s, *q;
	int r;

	s = va_arg(f->args, char*);
	if(s == nil || !needsquote(s))
		return fmtstrcpy(f, s);
	q = quotestrdup(s);
	if(q == nil)
		return -1;
	f->flags &= ~FmtPrec;	/* a precision would cut the closing quote */
	r = fmtstrcpy(f, q);
	free(q);
	return r;
}

char*
quotestrdup(const char *s)
{
	char *q;

	if(!needsquote(s))
		return strdup(s);
	q = malloc(quotedlen(s) + 1);
	if(q != nil)
		quoteinto(q, s);
	return q;
}
