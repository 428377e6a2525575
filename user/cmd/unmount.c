/*
 * unmount: undo a bind or mount: remove new from the union at old, or
 * with only old, everything bound or mounted there.
 */
#include <u.h>
#include <libc.h>

void
main(int argc, char **argv)
{
	char *new, *old;

	ARGBEGIN{
	default:
		goto Usage;
	}ARGEND
	if(argc < 1 || argc > 2){
	Usage:
		fprint(2, "usage: unmount [new] old\n");
		exits("usage");
	}
	new = argc == 2 ? argv[0] : nil;
	old = argv[argc-1];
	if(unmount(new, old) < 0){
		if(new != nil)
			fprint(2, "unmount: %s %s: %r\n", new, old);
		else
			fprint(2, "unmount: %s: %r\n", old);
		exits("unmount");
	}
	exits(nil);
}
