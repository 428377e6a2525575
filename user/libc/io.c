/* read and write at the file offset, and readn, on pread/pwrite. */
#include <u.h>
#include <libc.h>

long
read(int fd, void *buf, long n)
{
	return pread(fd, buf, n, -1);
}

long
write(int fd, const void *buf, long n)
{
	return pwrite(fd, buf, n, -1);
}

/* readn reads until n bytes, end of file or an error; it returns what it got, or -1 if nothing and an error */
long
readn(int fd, void *buf, long n)
{
	long got, m;

	for(got = 0; got < n; got += m){
		m = read(fd, (char*)buf + got, n - got);
		if(m < 0)
			return got > 0 ? got : -1;
		if(m == 0)
			break;
	}
	return got;
}

/* access says whether name exists (AEXIST) or may be opened as mode asks */
int
access(const char *name, int mode)
{
	static const int omode[8] = {
		[AREAD] = OREAD, [AWRITE] = OWRITE, [AREAD|AWRITE] = ORDWR, [AEXEC] = OEXEC,
		[AEXEC|AREAD] = OEXEC, [AEXEC|AWRITE] = ORDWR, [AEXEC|AREAD|AWRITE] = ORDWR,
	};
	Dir *d;
	int fd;

	if(mode == AEXIST){
		d = dirstat(name);
		free(d);
		return d != nil ? 0 : -1;
	}
	fd = open(name, omode[mode & 7]);
	if(fd < 0)
		return -1;
	close(fd);
	return 0;
}

char*
getwd(char *buf, int n)
{
	int fd, r;

	fd = open(".", OREAD);
	if(fd < 0)
		return nil;
	r = fd2path(fd, buf, n);
	close(fd);
	return r < 0 ? nil : buf;
}
