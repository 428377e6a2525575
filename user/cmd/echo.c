/*
 * echo: print the arguments, separated by blanks and ended by a newline
 * (none with -n).  The line goes out in one write so that echo into a
 * pipe or a ctl file is a single message.
 */
#include <u.h>
#include <libc.h>

void
main(int argc, char **argv)
{
	char *buf, *p;
	long len;
	int i, nflag;

	nflag = 0;
	if(argc > 1 && strcmp(argv[1], "-n") == 0){
		nflag = 1;
		argc--;
		argv++;
	}
	len = 1;
	for(i = 1; i < argc; i++)
		len += strlen(argv[i]) + 1;
	buf = malloc(len);
	if(buf == nil){
		fprint(2, "echo: out of memory\n");
		exits("no memory");
	}
	p = buf;
	for(i = 1; i < argc; i++){
		if(i > 1)
			*p++ = ' ';
		len = strlen(argv[i]);
		memmove(p, argv[i], len);
		p += len;
	}
	if(!nflag)
		*p++ = '\n';
	if(p > buf && write(1, buf, p - buf) != p - buf){
		fprint(2, "echo: write error: %r\n");
		exits("write error");
	}
	exits(nil);
}
