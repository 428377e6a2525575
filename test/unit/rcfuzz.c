/*
 * rcfuzz - libFuzzer target for rc's lexer and parser.  Every input
 * must parse or fail with a message; every tree must deparse to rc that
 * parses back to the same deparse, and patterns must match without
 * running away.
 */
#include "rc.h"

static void
check(char *src)
{
	Lex l, l2;
	Io *io, *io2;
	Tree *t, *t2;
	int st, st2;
	char *d, *d2;

	io = iostr(src, "fuzz");
	lexinit(&l, io);
	for(;;){
		t = parseline(&l, &st);
		if(st == TEOF)
			break;
		if(t != nil){
			d = deparse(t);
			io2 = iostr(d, "deparse");
			lexinit(&l2, io2);
			t2 = parseline(&l2, &st2);
			d2 = t2 != nil ? deparse(t2) : estrdup("");
			/* a here document may end a line early: compare what parsed */
			if(st2 == -2 || (l2.io->pos >= l2.io->n && strcmp(d, d2) != 0)){
				oputs(2, "deparse:\n");
				oputs(2, d);
				oputs(2, "\nagain:\n");
				oputs(2, d2);
				oputs(2, "\n");
				oflush(2);
				abort();
			}
			free(d);
			free(d2);
			freenodes(l2.nodes);
			free(l2.text);
			iofree(io2);
		}
		freenodes(l.nodes);
		l.nodes = nil;
	}
	freenodes(l.nodes);
	free(l.text);
	iofree(io);
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
