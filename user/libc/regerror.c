/*
 * regcomp reports a bad expression through regerror; a program may
 * define its own (this file is linked only if it does not).  The
 * default just sets the error string, and regcomp returns nil.
 */
#include <u.h>
#include <libc.h>
#include <regexp.h>

void
regerror(char *msg)
{
	werrstr("regexp: %s", msg);
}
