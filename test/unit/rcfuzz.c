/*
 * rcfuzz - libFuzzer target for rc's lexer and parser.  Every input
 * must parse or fail with a message; every tree must deparse to rc that
 * parses back to the same deparse, and patterns must match without
 * running away.
 */
#include "rc.h"
#include "rcdeparse.h"

/* what rc deparses must read back as the same */
static void
check(char *src)
{
	char *d, *d2;
	int bad;

	d = deparseall(src, &bad);
	d2 = deparseall(d, &bad);
	if(bad || strcmp(d, d2) != 0){
		oputs(2, "deparse:\n");
		oputs(2, d);
		oputs(2, "again:\n");
		oputs(2, d2);
		oflush(2);
		abort();
	}
	free(d);
	free(d2);
}

int
LLVMFuzzerTestOneInput(const uchar *data, usize n)
{
	char *s, *nul;

	s = emalloc(n + 1);
	memmove(s, data, n);
	s[n] = 0;
	check(s);
	/* the text up to a NUL as a subject, after it as a pattern */
	nul = memchr(data, 0, n);
	if(nul != nil)
		match(s, s + (nul - (char*)data) + 1);
	free(s);
	return 0;
}
