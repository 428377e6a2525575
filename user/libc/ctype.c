/*
 * ctype: character classes of the "C" locale.  Arguments outside
 * ASCII (including EOF) belong to no class.
 */
#include <u.h>
#include <ctype.h>

int
isupper(int c)
{
	return c >= 'A' && c <= 'Z';
}

int
islower(int c)
{
	return c >= 'a' && c <= 'z';
}

int
isdigit(int c)
{
	return c >= '0' && c <= '9';
}

int
isalpha(int c)
{
	return isupper(c) || islower(c);
}

int
isalnum(int c)
{
	return isalpha(c) || isdigit(c);
}

int
isxdigit(int c)
{
	return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int
isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

int
isblank(int c)
{
	return c == ' ' || c == '\t';
}

int
iscntrl(int c)
{
	return (c >= 0 && c < ' ') || c == 0x7f;
}

int
isgraph(int c)
{
	return c > ' ' && c < 0x7f;
}

int
isprint(int c)
{
	return c >= ' ' && c < 0x7f;
}

int
ispunct(int c)
{
	return isgraph(c) && !isalnum(c);
}

int
isascii(int c)
{
	return c >= 0 && c < 0x80;
}

int
tolower(int c)
{
	return isupper(c) ? c + 'a' - 'A' : c;
}

int
toupper(int c)
{
	return islower(c) ? c - 'a' + 'A' : c;
}
