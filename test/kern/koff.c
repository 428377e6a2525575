/*
 * Offsets at the edges: seeks and reads near the largest offset, on every
 * kind of device, are errors or empty reads, never a kernel fault.
 */
#include <u.h>
#include <libc.h>
#include "ktest.h"

static char *files[] = {
	"/dev/zero", "/dev/null", "/dev/time", "/dev/memory", "/lib/namespace",
	"/env/koff", "/proc/1/status", "/tmp/koff", "/dev/random",
};

void
main(void)
{
	char buf[64];
	int i, fd;
	vlong o;

	putenv("koff", "value");
	fd = create("/tmp/koff", ORDWR, 0666);
	write(fd, "some bytes", 10);
	close(fd);
	for(i = 0; i < (int)nelem(files); i++){
		fd = open(files[i], ORDWR);
		if(fd < 0)
			fd = open(files[i], OREAD);
		check(fd >= 0, "open %s: %r", files[i]);
		o = seek(fd, 0x7ffffffffffffff0LL, 0);
		USED(o);
		read(fd, buf, sizeof buf);
		read(fd, buf, sizeof buf);
		seek(fd, 0x7fffffffffffffffLL, 1);
		read(fd, buf, sizeof buf);
		pread(fd, buf, sizeof buf, 0x7ffffffffffffff0LL);
		pread(fd, buf, sizeof buf, 0x8000000000000000LL);
		pwrite(fd, "x", 1, 0x7ffffffffffffff0LL);
		pwrite(fd, buf, sizeof buf, 0x7ffffffffffffffaLL);	/* offset + count wraps */
		pread(fd, buf, sizeof buf, 0x7ffffffffffffffaLL);
		seek(fd, 0x7ffffffffffffffaLL, 0);
		write(fd, buf, sizeof buf);
		read(fd, buf, sizeof buf);
		read(fd, buf, sizeof buf);
		seek(fd, -5, 2);
		check(read(fd, buf, sizeof buf) >= 0 || 1, "");
		close(fd);
	}
	remove("/tmp/koff");
	done();
}
