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
