/*
 * pwd: print the name of the current directory, as the kernel knows it
 * (the name the directory was reached by, from fd2path).
 */
#include <u.h>
#include <libc.h>

void
main(int argc, char **argv)
{
	char buf[1024];
	int fd;

	ARGBEGIN{
	default:
		fprint(2, "usage: pwd\n");
		exits("usage");
	}ARGEND
	if(argc != 0){
		fprint(2, "usage: pwd\n");
		exits("usage");
	}
	fd = open(".", OREAD);
	if(fd < 0 || fd2path(fd, buf, sizeof buf) < 0){
		fprint(2, "pwd: %r\n");
		exits("pwd");
	}
	print("%s\n", buf);
	exits(nil);
}
