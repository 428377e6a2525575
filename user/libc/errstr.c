/*
 * errstr(2) helpers.  The kernel's errstr call swaps the caller's buffer
 * with the process's error string, so reading it without losing it is
 * two swaps.
 */
#include <u.h>
#include <libc.h>

char *argv0;	/* the program's name: start.S sets it, ARGBEGIN too */

void
rerrstr(char *buf, uint n)
{
	char tmp[ERRMAX];

	if(n == 0)
		return;
	tmp[0] = 0;
	errstr(tmp, sizeof tmp);
	utfecpy(buf, buf + n, tmp);
	errstr(tmp, sizeof tmp);
}

void
werrstr(const char *fmt, ...)
{
	char tmp[ERRMAX];
	va_list args;

	va_start(args, fmt);
	vsnprint(tmp, sizeof tmp, fmt, args);
	va_end(args);
	errstr(tmp, sizeof tmp);
}

void
sysfatal(const char *fmt, ...)
{
	char buf[256];
	va_list args;

	va_start(args, fmt);
	vsnprint(buf, sizeof buf, fmt, args);
	va_end(args);
	if(argv0 != nil)
		fprint(2, "%s: %s\n", argv0, buf);
	else
		fprint(2, "%s\n", buf);
	exits(buf);
}
