/*
 * sleep: suspend for a number of seconds; a decimal fraction is allowed.
 */
#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: sleep seconds\n");
	exits("usage");
}

void
main(int argc, char **argv)
{
	char *s;
	long ms, scale;
	int digits;

	if(argc != 2)
		usage();
	ms = 0;
	digits = 0;
	for(s = argv[1]; *s >= '0' && *s <= '9'; s++, digits++){
		if(ms > 100000000)	/* over three years: surely a mistake */
			usage();
		ms = ms*10 + (*s - '0');
	}
	ms *= 1000;
	if(*s == '.')
		for(s++, scale = 100; *s >= '0' && *s <= '9'; s++, digits++, scale /= 10)
			ms += (*s - '0') * scale;
	if(*s != 0 || digits == 0)
		usage();
	while(ms > 0){
		/* sleep takes a long, but keep each wait modest */
		scale = ms > 1000000 ? 1000000 : ms;
		if(sleep(scale) < 0){
			fprint(2, "sleep: %r\n");
			exits("interrupted");
		}
		ms -= scale;
	}
	exits(nil);
}
