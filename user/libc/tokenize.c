/*
 * Splitting strings in place: getfields on any of a set of separator
 * runes, tokenize and gettokens on blanks with rc-style single quotes
 * ('' inside quotes is one quote).
 */
#include <u.h>
#include <libc.h>

/* issep says whether s starts with a rune of sep, and its length */
static int
issep(const char *s, const char *sep, int *len)
{
	Rune r;

	*len = chartorune(&r, s);
	if(r < Runeself)
		return r != 0 && strchr(sep, r) != nil;
	return utfrune(sep, r) != nil;
}

/*
 * getfields splits s at runes of sep into at most max fields; with
 * mflag a run of separators is one and leading ones are skipped.  When
 * the fields run out the last one holds the rest of s, separators and all.
 */
int
getfields(char *s, char **f, int max, int mflag, const char *sep)
{
	int n, k;

	n = 0;
	while(n < max){
		if(mflag)
			while(issep(s, sep, &k))
				s += k;
		if(*s == 0)
			break;
		f[n++] = s;
		if(n == max)
			break;
		while(*s != 0 && !issep(s, sep, &k))
			s += k;
		if(*s == 0)
			break;
		*s = 0;
		s += k;
	}
	return n;
}

/* qtoken ends the token at s, unquoting in place; it returns where the next one may start */
static char*
qtoken(char *s, const char *sep)
{
	char *d;
	int quoted;

	d = s;
	quoted = 0;
	while(*s != 0){
		if(*s == '\''){
			if(quoted && s[1] == '\''){
				*d++ = '\'';
				s += 2;
				continue;
			}
			quoted = !quoted;
			s++;
			continue;
		}
		if(!quoted && strchr(sep, *s) != nil)
			break;
		*d++ = *s++;
	}
	if(*s != 0)
		s++;
	*d = 0;
	return s;
}

int
gettokens(char *s, char **f, int max, const char *sep)
{
	int n;

	for(n = 0; n < max; n++){
		while(*s != 0 && strchr(sep, *s) != nil)
			s++;
		if(*s == 0)
			break;
		f[n] = s;
		s = qtoken(s, sep);
	}
	return n;
}

int
tokenize(char *s, char **f, int max)
{
	return gettokens(s, f, max, " \t\r\n");
}
