/*
 * rcdeparse - a test helper for rctest and rcfuzz: deparse whole texts.
 */
#include "rc.h"
#include "rcdeparse.h"

/*
 * The deparse of every line of src, each ended by a newline; *bad is set
 * if a line had a syntax error.  (A line whose commands have here
 * documents deparses to several lines, so whole texts are compared.)
 */
char*
deparseall(char *src, int *bad)
{
	Lex l;
	Io *io;
	Tree *t;
	int st, n, cap;
	char *out, *d;

	out = nil;
	n = cap = 0;
	dsputs(&out, &n, &cap, "");
	*bad = 0;
	io = iostr(src, "fuzz");
	lexinit(&l, io);
	for(;;){
		t = parseline(&l, &st);
		if(st == TEOF)
			break;
		if(st == -2)
			*bad = 1;
		if(t != nil){
			d = deparse(t);
			dsputs(&out, &n, &cap, d);
			if(n == 0 || out[n - 1] != '\n')
				dsputc(&out, &n, &cap, '\n');
			free(d);
		}
		freenodes(l.nodes);
		l.nodes = nil;
	}
	freenodes(l.nodes);
	free(l.text);
	iofree(io);
	return out;
}
