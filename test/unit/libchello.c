/* The first Lux9 program: proves start.S, print and exits work. */
#include <u.h>
#include <libc.h>

void
main(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	print("hello, world\n");
	exits(nil);
}
