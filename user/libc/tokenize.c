/*
 * Splitting strings in place: getfields on any of a set of separator
 * runes, tokenize and gettokens on blanks with rc-style single quotes
 * ('' inside quotes is one quote).
 */
#include <u.h>
#include <libc.h>

int
getfields(char *s, char **f, int max, int mflag, const char *sep)
{
	Rune r;
	int n, k;

	if(max <= 0)
		return 0;
	n = 0;
	f[n++] = s;
	while(*s != 0){
		k = chartorune(&r, s);
		if(r < Runeself ? strchr(sep, r) == nil || r == 0 : utfrune(sep, r) == nil){
			s += k;
			continue;
		}
		*s = 0;
		s += k;
		if(mflag){
			/* many separators in a row count as one, and none lead */
			if(f[n-1] == s - k){
				f[n-1] = s;
				continue;
			}
		}
		if(n >= max)
			break;
		f[n++] = s;
	}
	if(mflag && n > 0 && *f[n-1] == 0)
		n--;
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
