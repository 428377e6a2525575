/*
 * errno for C code.  The kernel's errors are strings; errstr2errno
 * picks the C number whose meaning a string carries, so strerror and
 * errno tests in ported code behave.
 */
#include <u.h>
#include <libc.h>
#include <errno.h>

int errno;

typedef struct Errmap Errmap;
struct Errmap {
	const char *text;	/* a phrase in the kernel's string */
	int no;
	const char *msg;	/* what strerror says */
};

static Errmap errmap[] = {
	{"does not exist", ENOENT, "file does not exist"},
	{"not found", ENOENT, nil},
	{"permission denied", EACCES, "permission denied"},
	{"already exists", EEXIST, "file already exists"},
	{"is a directory", EISDIR, "is a directory"},
	{"not a directory", ENOTDIR, "not a directory"},
	{"no memory", ENOMEM, "no memory"},
	{"quota exceeded", ENOMEM, nil},
	{"interrupted", EINTR, "interrupted"},
	{"bad fd", EBADF, "bad file descriptor"},
	{"fd out of range", EBADF, nil},
	{"file descriptor", EBADF, nil},
	{"too many open files", EMFILE, "too many open files"},
	{"no children", ECHILD, "no children"},
	{"no child", ECHILD, nil},
	{"name too long", ENAMETOOLONG, "file name too long"},
	{"not empty", ENOTEMPTY, "directory not empty"},
	{"write on closed pipe", EPIPE, "write on closed pipe"},
	{"i/o", EIO, "i/o error"},
	{"not implemented", ENOSYS, "not implemented"},
	{"read only", EROFS, "read-only file system"},
	{"device busy", EBUSY, "device busy"},
	{"timed out", ETIMEDOUT, "timed out"},
	{"connection refused", ECONNREFUSED, "connection refused"},
	{"illegal seek", ESPIPE, "illegal seek"},
	{"bad arg", EINVAL, "invalid argument"},
	{"invalid", EINVAL, nil},
	{"no space", ENOSPC, "no space left"},
	{"exec", ENOEXEC, "exec format error"},
	{"", ERANGE, "result out of range"},
	{"", EDOM, "argument out of domain"},
	{"", EILSEQ, "illegal byte sequence"},
	{"", E2BIG, "argument list too long"},
	{"", EOVERFLOW, "value too large"},
	{"", EAGAIN, "resource temporarily unavailable"},
	{"", EPERM, "operation not permitted"},
};

int
errstr2errno(const char *s)
{
	int i;

	for(i = 0; i < nelem(errmap); i++)
		if(errmap[i].text[0] != 0 && cistrstr(s, errmap[i].text) != nil)
			return errmap[i].no;
	return EIO;
}

/* _seterrno sets errno from the current error string; for the C layer's failure paths */
void
_seterrno(void)
{
	char buf[ERRMAX];

	rerrstr(buf, sizeof buf);
	errno = errstr2errno(buf);
}

char*
strerror(int no)
{
	static char buf[32];
	int i;

	if(no == 0)
		return "no error";
	for(i = 0; i < nelem(errmap); i++)
		if(errmap[i].no == no && errmap[i].msg != nil)
			return (char*)errmap[i].msg;
	snprint(buf, sizeof buf, "error %d", no);
	return buf;
}
