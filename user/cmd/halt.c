/*
 * halt: stop the machine, by writing "halt" to /dev/reboot.
 */
#include <u.h>
#include <libc.h>

void
main(int argc, char **argv)
{
	int fd;

	ARGBEGIN{
	default:
		goto Usage;
	}ARGEND
	if(argc != 0){
	Usage:
		fprint(2, "usage: halt\n");
		exits("usage");
	}
	fd = open("/dev/reboot", OWRITE);
	if(fd < 0 || write(fd, "halt", 4) != 4){
		fprint(2, "halt: /dev/reboot: %r\n");
		exits("halt");
	}
	/* not reached when the kernel obeys */
	fprint(2, "halt: the machine did not stop\n");
	exits("halt");
}
