/*
 * bio.h - buffered I/O (Plan 9 bio(2)).  A Biobuf is opened for reading
 * (OREAD) or writing (OWRITE), never both; Brdline hands out lines
 * straight from the buffer.
 */
#ifndef LUX9_BIO_H
#define LUX9_BIO_H

enum {
	Bsize = 8192,		/* buffer size */
	Bungetsize = UTFmax,	/* bytes kept before the buffer for Bungetc/Bungetrune */
	Beof = -1,		/* Bgetc/Bgetrune at the end of the file */
	Bbad = -2,		/* ... and Bgetrune on a read error */
};

typedef struct Biobuf Biobuf;
struct Biobuf {
	int fd;
	int mode;		/* OREAD or OWRITE */
	int opened;		/* by Bopen: Bterm closes fd and frees */
	int eof;		/* the last read returned 0 or failed */
	vlong offset;		/* file offset of the end of what was read, or of wbuf when writing */
	int runesize;		/* bytes of the last Bgetrune, for Bungetrune */
	int linelen;		/* Blinelen */
	uchar *rp;		/* reading: next byte */
	uchar *ep;		/* reading: end of the bytes read */
	uchar *wp;		/* writing: next free byte */
	uchar buf[Bungetsize + Bsize];
};

Biobuf *Bopen(const char*, int);
Biobuf *Bfdopen(int, int);
int Binit(Biobuf*, int, int);
int Bterm(Biobuf*);
int Bflush(Biobuf*);
int Bfildes(Biobuf*);
int Bgetc(Biobuf*);
int Bungetc(Biobuf*);
long Bgetrune(Biobuf*);
int Bungetrune(Biobuf*);
int Bputc(Biobuf*, int);
int Bputrune(Biobuf*, long);
long Bread(Biobuf*, void*, long);
long Bwrite(Biobuf*, const void*, long);
char *Brdline(Biobuf*, int);
char *Brdstr(Biobuf*, int, int);
int Blinelen(Biobuf*);
int Bprint(Biobuf*, const char*, ...);
int Bvprint(Biobuf*, const char*, va_list);
vlong Bseek(Biobuf*, vlong, int);
vlong Boffset(Biobuf*);
int Bbuffered(Biobuf*);

#endif
