/*
 * boot: stands in for /bin/init in the boot benchmark's archive.  Its
 * first instruction reads the TSC: under -icount, the instructions from
 * QEMU's start to here.  Then it prints the count and powers off.
 */
#include <u.h>
#include <libc.h>

uvlong boottsc;

void
main(void)
{
	int fd;

	fd = open("#c/cons", OWRITE);
	fprint(fd, "boot %llud\n", boottsc);
	fd = open("#c/reboot", OWRITE);
	fprint(fd, "halt");
	exits(nil);
}
