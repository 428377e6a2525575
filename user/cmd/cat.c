/*
 * cat: copy each file (standard input if none) to standard output.
 */
#include <u.h>
#include <libc.h>

static int
catfd(int fd, char *name)
{
	char buf[8192];
	long n;

	while((n = read(fd, buf, sizeof buf)) > 0)
		if(write(1, buf, n) != n){
			fprint(2, "cat: write error copying %s: %r\n", name);
			return -1;
		}
	if(n < 0){
		fprint(2, "cat: %s: %r\n", name);
		return -1;
	}
	return 0;
}

void
main(int argc, char **argv)
{
	char *err;
	int i, fd;

	ARGBEGIN{
	default:
		fprint(2, "usage: cat [file ...]\n");
		exits("usage");
	}ARGEND
	err = nil;
	if(argc == 0 && catfd(0, "<stdin>") < 0)
		err = "error";
	for(i = 0; i < argc; i++){
		fd = open(argv[i], OREAD);
		if(fd < 0){
			fprint(2, "cat: %s: %r\n", argv[i]);
			err = "open";
			continue;
		}
		if(catfd(fd, argv[i]) < 0)
			err = "error";
		close(fd);
	}
	exits(err);
}
