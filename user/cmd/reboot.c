/*
 * reboot: restart the machine, by writing "reboot" to /dev/reboot.
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
		fprint(2, "usage: reboot\n");
		exits("usage");
	}
	fd = open("/dev/reboot", OWRITE);
	if(fd < 0 || write(fd, "reboot", 6) != 6){
		fprint(2, "reboot: /dev/reboot: %r\n");
		exits("reboot");
	}
	fprint(2, "reboot: the machine did not restart\n");
	exits("reboot");
}
