/*
 * read16m - read a 16 MiB tmpfs file from start to end in 64 KiB reads.
 */
#include "tsc.h"

enum {
	Chunk = 64 * 1024,
	Size = 16 * 1024 * 1024,
};

int
main(int argc, char **argv)
{
	static char buf[Chunk];
	unsigned long long v[Runs], t;
	char *path;
	long got;
	ssize_t n;
	int fd, r;

	path = argc > 1 ? argv[1] : "/tmp/read16m";
	fd = tscmkfile(path, buf, Chunk, Size);
	for(r = 0; r < Runs; r++){
		got = 0;
		t = tscread();
		if(lseek(fd, 0, SEEK_SET) != 0)
			tscfail("lseek");
		while((n = read(fd, buf, Chunk)) > 0)
			got += n;
		v[r] = tscread() - t;
		if(n < 0)
			tscfail("read");
		if(got != Size){
			fprintf(stderr, "read16m: read %ld bytes, not %d\n", got, Size);
			return 1;
		}
	}
	close(fd);
	unlink(path);
	tscreport("read16m", v);
	return 0;
}
