/*
 * pread8k - pread 8 KiB from the start of a file on tmpfs (already in
 * memory: this is the cost of the call and the copy).
 */
#include "tsc.h"

enum {
	Size = 8192,
	Calls = 100,
};

int
main(int argc, char **argv)
{
	static char buf[Size];
	unsigned long long v[Runs], t;
	char *path;
	int fd, r, i;

	path = argc > 1 ? argv[1] : "/tmp/pread8k";
	fd = tscmkfile(path, buf, Size, Size);
	for(r = 0; r < Runs; r++){
		t = tscread();
		for(i = 0; i < Calls; i++)
			if(pread(fd, buf, Size, 0) != Size)
				tscfail("pread");
		v[r] = (tscread() - t) / Calls;
	}
	close(fd);
	unlink(path);
	tscreport("pread8k", v);
	return 0;
}
