/*
 * Directory entries: the 9P stat format (little-endian)
 *	size[2] type[2] dev[4] qid.type[1] qid.vers[4] qid.path[8]
 *	mode[4] atime[4] mtime[4] length[8] name[s] uid[s] gid[s] muid[s]
 * where s is a 2-byte count and the bytes.  Packing and unpacking are
 * lib/9p's (dirpack, dirunpack), which check every length; here are
 * Plan 9's names for them, and dirstat, dirread and the rest on the
 * stat, fstat, wstat and read calls.
 */
#include <u.h>
#include <libc.h>

enum {
	Statbuf = 256,		/* first guess at an entry's size */
	Dirmax = 8192,		/* bytes asked for per directory read */
};

static uint
get16(const uchar *p)
{
	return p[0] | p[1]<<8;
}

uint
sizeD2M(Dir *d)
{
	return dirsize(d);
}

/* convD2M packs d into buf; it returns the size, or 0 if buf is too small or a string too long */
uint
convD2M(Dir *d, uchar *buf, uint nbuf)
{
	return dirpack(d, buf, nbuf);
}

/*
 * statcheck: 0 if buf[0..n) is exactly one well-formed entry.  A string
 * holding a NUL byte is refused, as lib/9p's dirunpack refuses it: it
 * could not be told from a shorter one.
 */
int
statcheck(uchar *buf, uint n)
{
	uchar *p, *e;
	uint len;
	int i;

	if(n < STATFIXLEN || get16(buf) != n - 2)
		return -1;
	p = buf + STATFIXLEN - 8;
	e = buf + n;
	for(i = 0; i < 4; i++){
		if(e - p < 2 || (uint)(e - p - 2) < (len = get16(p)))
			return -1;
		if(memchr(p + 2, 0, len) != nil)
			return -1;
		p += 2 + len;
	}
	return p == e ? 0 : -1;
}

/*
 * convM2D unpacks the entry in buf into d; the entry is copied to strs
 * (which needs nbuf bytes) and its strings are made C strings there.
 * It returns the entry's size, 0 if it is malformed.
 */
uint
convM2D(uchar *buf, uint nbuf, Dir *d, char *strs)
{
	uint size;

	if(nbuf < 2 || (size = get16(buf) + 2) > nbuf || statcheck(buf, size) < 0)
		return 0;
	memmove(strs, buf, size);
	return dirunpack((uchar*)strs, size, d);
}

void
nulldir(Dir *d)
{
	dirnull(d);
}

/* statdir fetches one packed entry, growing the buffer as the size prefix asks */
static Dir*
statdir(const char *name, int fd)
{
	uchar *buf, *nb;
	uint size;
	int n;
	Dir *d;

	size = Statbuf;
	buf = nil;
	for(;;){
		nb = realloc(buf, size);
		if(nb == nil)
			break;
		buf = nb;
		n = name != nil ? stat(name, buf, size) : fstat(fd, buf, size);
		if(n < 0)
			break;
		if(n < 2){
			werrstr("bad stat reply");
			break;
		}
		if(get16(buf) + 2 > (uint)n && get16(buf) + 2 > size){
			/* the entry did not fit: its size field says how much it needs */
			size = get16(buf) + 2;
			continue;
		}
		d = malloc(sizeof *d + n);
		if(d == nil)
			break;
		if(convM2D(buf, n, d, (char*)(d + 1)) == 0){
			free(d);
			werrstr("bad stat reply");
			break;
		}
		free(buf);
		return d;
	}
	free(buf);
	return nil;
}

Dir*
dirstat(const char *name)
{
	return statdir(name, -1);
}

Dir*
dirfstat(int fd)
{
	return statdir(nil, fd);
}

/* wstatdir packs d and writes it to the file name, or fd if name is nil */
static int
wstatdir(const char *name, int fd, Dir *d)
{
	uchar *buf;
	uint n;
	int r;

	n = sizeD2M(d);
	buf = malloc(n);
	if(buf == nil)
		return -1;
	if(convD2M(d, buf, n) == 0){
		free(buf);
		werrstr("directory entry too large");
		return -1;
	}
	r = name != nil ? wstat(name, buf, n) : fwstat(fd, buf, n);
	free(buf);
	return r;
}

int
dirwstat(const char *name, Dir *d)
{
	return wstatdir(name, -1, d);
}

int
dirfwstat(int fd, Dir *d)
{
	return wstatdir(nil, fd, d);
}

/*
 * dirpackage unpacks n bytes of consecutive entries into one
 * allocation (the Dirs, then their strings) and returns how many.
 */
int
dirpackage(uchar *buf, long n, Dir **dp)
{
	long i, m, nd;
	Dir *d;
	char *s;

	*dp = nil;
	nd = 0;
	for(i = 0; i < n; i += m){
		if(n - i < 2 || (m = get16(buf + i) + 2) > n - i || statcheck(buf + i, m) < 0){
			werrstr("bad directory entry");
			return -1;
		}
		nd++;
	}
	if(nd == 0)
		return 0;
	d = malloc(nd * sizeof(Dir) + n);
	if(d == nil)
		return -1;
	s = (char*)(d + nd);
	for(i = 0, nd = 0; i < n; i += m, nd++){
		m = convM2D(buf + i, n - i, &d[nd], s);
		if(m == 0){
			free(d);
			werrstr("bad directory entry");
			return -1;
		}
		s += m;	/* each entry's copy holds its strings */
	}
	*dp = d;
	return nd;
}

long
dirread(int fd, Dir **dp)
{
	uchar *buf;
	long n;

	*dp = nil;
	buf = malloc(Dirmax);
	if(buf == nil)
		return -1;
	n = read(fd, buf, Dirmax);
	if(n > 0)
		n = dirpackage(buf, n, dp);
	free(buf);
	return n;
}

long
dirreadall(int fd, Dir **dp)
{
	uchar *buf, *nb;
	long n, size, m;

	*dp = nil;
	size = Dirmax;
	buf = nil;
	n = 0;
	for(;;){
		if(buf == nil || size - n < Dirmax){
			if(buf != nil)
				size *= 2;
			nb = realloc(buf, size);
			if(nb == nil){
				free(buf);
				return -1;
			}
			buf = nb;
		}
		m = read(fd, buf + n, size - n);
		if(m < 0){
			free(buf);
			return -1;
		}
		if(m == 0)
			break;
		n += m;
	}
	m = n > 0 ? dirpackage(buf, n, dp) : 0;
	free(buf);
	return m;
}
