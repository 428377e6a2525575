/*
 * bio(2): buffered reading and writing.  Reading keeps the bytes read
 * in buf[Bungetsize..], with rp the next byte and ep the end; before a
 * refill the last few consumed bytes move in front so Bungetc and
 * Bungetrune still work.  Writing fills buf from wp and writes it out
 * when full and at Bflush.
 */
#include <u.h>
#include <libc.h>
#include <bio.h>

static uchar*
bstart(Biobuf *bp)
{
	return bp->buf + Bungetsize;
}

int
Binit(Biobuf *bp, int fd, int mode)
{
	mode &= 3;
	if(mode != OREAD && mode != OWRITE){
		werrstr("Binit: mode must be OREAD or OWRITE");
		return -1;
	}
	memset(bp, 0, sizeof *bp - sizeof bp->buf);
	bp->fd = fd;
	bp->mode = mode;
	bp->rp = bp->ep = bp->wp = bstart(bp);
	bp->offset = seek(fd, 0, SEEKCUR);
	if(bp->offset < 0)
		bp->offset = 0;	/* pipes and devices: offsets are only counted */
	return 0;
}

Biobuf*
Bfdopen(int fd, int mode)
{
	Biobuf *bp;

	bp = malloc(sizeof *bp);
	if(bp == nil)
		return nil;
	if(Binit(bp, fd, mode) < 0){
		free(bp);
		return nil;
	}
	bp->opened = 1;
	return bp;
}

Biobuf*
Bopen(const char *name, int mode)
{
	Biobuf *bp;
	int fd;

	switch(mode & 3){
	case OREAD:
		fd = open(name, mode);
		break;
	case OWRITE:
		fd = create(name, mode, 0666);
		break;
	default:
		werrstr("Bopen: mode must be OREAD or OWRITE");
		return nil;
	}
	if(fd < 0)
		return nil;
	bp = Bfdopen(fd, mode);
	if(bp == nil)
		close(fd);
	return bp;
}

int
Bterm(Biobuf *bp)
{
	int r;

	r = Bflush(bp);
	if(bp->opened){
		if(close(bp->fd) < 0)
			r = -1;
		free(bp);
	}
	return r;
}

int
Bfildes(Biobuf *bp)
{
	return bp->fd;
}

int
Bflush(Biobuf *bp)
{
	long n;

	if(bp->mode != OWRITE)
		return 0;
	n = bp->wp - bstart(bp);
	if(n == 0)
		return 0;
	bp->wp = bstart(bp);
	if(write(bp->fd, bstart(bp), n) != n)
		return Beof;
	bp->offset += n;
	return 0;
}

/* bfill reads more after what is buffered (shifting it to the front first); it returns the count read */
static long
bfill(Biobuf *bp)
{
	uchar *s;
	long n, keep;

	s = bstart(bp);
	if(bp->rp > s){
		/* keep up to Bungetsize consumed bytes in front of the unread ones */
		keep = bp->rp - s;
		if(keep > Bungetsize)
			keep = Bungetsize;
		memmove(s - keep, bp->rp - keep, bp->ep - bp->rp + keep);
		bp->ep -= bp->rp - s;
		bp->rp = s;
	}
	if(bp->ep == bp->buf + sizeof bp->buf || bp->eof)
		return 0;
	n = read(bp->fd, bp->ep, bp->buf + sizeof bp->buf - bp->ep);
	if(n <= 0){
		bp->eof = 1;
		return 0;
	}
	bp->ep += n;
	bp->offset += n;
	return n;
}

int
Bgetc(Biobuf *bp)
{
	if(bp->rp < bp->ep)
		return *bp->rp++;
	bp->eof = 0;
	if(bp->mode != OREAD || bfill(bp) == 0)
		return Beof;
	return *bp->rp++;
}

int
Bungetc(Biobuf *bp)
{
	if(bp->rp <= bp->buf)
		return -1;
	bp->rp--;
	return 1;
}

long
Bgetrune(Biobuf *bp)
{
	Rune r;
	int c;

	c = Bgetc(bp);
	if(c < Runeself){
		bp->runesize = c < 0 ? 0 : 1;
		return c;
	}
	bp->rp--;
	/* make sure a whole rune (or as much as the file has) is buffered */
	while(!fullrune((char*)bp->rp, bp->ep - bp->rp) && bfill(bp) > 0)
		;
	if(fullrune((char*)bp->rp, bp->ep - bp->rp))
		bp->runesize = chartorune(&r, (char*)bp->rp);
	else{
		/* a rune cut off by the end of the file */
		r = Runeerror;
		bp->runesize = 1;
	}
	bp->rp += bp->runesize;
	return r;
}

int
Bungetrune(Biobuf *bp)
{
	if(bp->runesize == 0 || bp->rp - bp->runesize < bp->buf)
		return -1;
	bp->rp -= bp->runesize;
	bp->runesize = 0;
	return 1;
}

long
Bread(Biobuf *bp, void *buf, long n)
{
	uchar *p;
	long got, m;

	p = buf;
	got = 0;
	bp->eof = 0;
	while(got < n){
		if(bp->rp == bp->ep){
			if(n - got >= Bsize){
				/* big reads bypass the buffer */
				m = read(bp->fd, p + got, n - got);
				if(m <= 0)
					break;
				bp->offset += m;
				got += m;
				continue;
			}
			if(bfill(bp) == 0)
				break;
		}
		m = bp->ep - bp->rp;
		if(m > n - got)
			m = n - got;
		memmove(p + got, bp->rp, m);
		bp->rp += m;
		got += m;
	}
	if(got == 0 && n > 0 && bp->mode != OREAD)
		return -1;
	return got;
}

/*
 * Brdline returns the next line, delimiter included, in the buffer (it
 * is not NUL-terminated; Blinelen is its length).  It returns nil at the
 * end of the file, and also when the line is longer than the buffer,
 * with Blinelen then the count that Bread can still get.
 */
char*
Brdline(Biobuf *bp, int delim)
{
	uchar *s, *e;
	long searched;

	bp->linelen = 0;
	if(bp->mode != OREAD)
		return nil;
	bp->eof = 0;
	searched = 0;
	for(;;){
		s = bp->rp;
		e = memchr(s + searched, delim, bp->ep - s - searched);
		if(e != nil){
			bp->linelen = e + 1 - s;
			bp->rp = e + 1;
			return (char*)s;
		}
		/* after a refill only the new bytes need searching */
		searched = bp->ep - bp->rp;
		if(bfill(bp) == 0){
			bp->linelen = bp->ep - bp->rp;
			return nil;
		}
	}
}

int
Blinelen(Biobuf *bp)
{
	return bp->linelen;
}

/*
 * Brdstr returns the next line as a new string (free it), delimiter
 * included or replaced by NUL if nulldelim; any length; the last line
 * needs no delimiter.  nil at the end of the file.
 */
char*
Brdstr(Biobuf *bp, int delim, int nulldelim)
{
	char *s, *t, *line;
	long n, m;

	s = nil;
	n = 0;
	for(;;){
		line = Brdline(bp, delim);
		m = Blinelen(bp);
		if(line == nil){
			/* the end of the file, or a line longer than the buffer: take what there is */
			if(m == 0)
				break;
			line = (char*)bp->rp;
			bp->rp += m;
		}
		t = realloc(s, n + m + 1);
		if(t == nil){
			free(s);
			return nil;
		}
		s = t;
		memmove(s + n, line, m);
		n += m;
		s[n] = 0;
		if(s[n-1] == (char)delim){
			if(nulldelim)
				s[n-1] = 0;
			break;
		}
		if(bp->eof)
			break;
	}
	bp->linelen = n;
	return s;
}

int
Bputc(Biobuf *bp, int c)
{
	if(bp->mode != OWRITE)
		return Beof;
	if(bp->wp == bp->buf + sizeof bp->buf && Bflush(bp) < 0)
		return Beof;
	*bp->wp++ = c;
	return 0;
}

int
Bputrune(Biobuf *bp, long r)
{
	char buf[UTFmax];
	Rune rr;
	int n;

	rr = r;
	n = runetochar(buf, &rr);
	return Bwrite(bp, buf, n) == n ? n : Beof;
}

long
Bwrite(Biobuf *bp, const void *buf, long n)
{
	const uchar *p;
	long m, left;

	if(bp->mode != OWRITE)
		return Beof;
	p = buf;
	for(left = n; left > 0; left -= m){
		m = bp->buf + sizeof bp->buf - bp->wp;
		if(m == 0){
			if(Bflush(bp) < 0)
				return Beof;
			continue;
		}
		if(m > left)
			m = left;
		memmove(bp->wp, p, m);
		bp->wp += m;
		p += m;
	}
	return n;
}

static int
bfmtflush(Fmt *f)
{
	Biobuf *bp;

	bp = f->farg;
	bp->wp = (uchar*)f->to;
	if(Bflush(bp) < 0)
		return 0;
	f->to = (char*)bp->wp;
	return 1;
}

int
Bvprint(Biobuf *bp, const char *fmt, va_list args)
{
	Fmt f;
	int n;

	if(bp->mode != OWRITE)
		return -1;
	memset(&f, 0, sizeof f);
	f.start = (char*)bstart(bp);
	f.to = (char*)bp->wp;
	f.stop = (char*)bp->buf + sizeof bp->buf;
	f.flush = bfmtflush;
	f.farg = bp;
	va_copy(f.args, args);
	n = dofmt(&f, fmt);
	va_end(f.args);
	bp->wp = (uchar*)f.to;
	return n;
}

int
Bprint(Biobuf *bp, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = Bvprint(bp, fmt, args);
	va_end(args);
	return n;
}

vlong
Boffset(Biobuf *bp)
{
	if(bp->mode == OWRITE)
		return bp->offset + (bp->wp - bstart(bp));
	return bp->offset - (bp->ep - bp->rp);
}

vlong
Bseek(Biobuf *bp, vlong off, int type)
{
	vlong n;

	if(type == SEEKCUR){
		off += Boffset(bp);
		type = SEEKSET;
	}
	if(bp->mode == OWRITE && Bflush(bp) < 0)
		return -1;
	if(bp->mode == OREAD && type == SEEKSET && off >= bp->offset - (bp->ep - bstart(bp)) &&
	   off <= bp->offset){
		/* inside what is buffered: just move the read pointer */
		bp->rp = bp->ep - (bp->offset - off);
		return off;
	}
	n = seek(bp->fd, off, type);
	if(n < 0)
		return -1;
	bp->offset = n;
	bp->rp = bp->ep = bstart(bp);
	bp->eof = 0;
	return n;
}

int
Bbuffered(Biobuf *bp)
{
	if(bp->mode == OWRITE)
		return bp->wp - bstart(bp);
	return bp->ep - bp->rp;
}
