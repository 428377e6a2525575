/*
 * Buffered input for the lexer and small output helpers.  rc writes its
 * own messages with these rather than print(2) so that its output is
 * flushed at known points: before every fork and after every builtin.
 */
#include "rc.h"

static char obuf[NBUF];
static int on;
static int ofd = -1;
int interrupted;

void
oflush(int fd)
{
	long w, off;

	if(fd != ofd || on == 0)
		return;
	for(off = 0; off < on; off += w){
		w = write(ofd, obuf + off, on - off);
		if(w <= 0)
			break;
	}
	on = 0;
}

void
oputc(int fd, int c)
{
	if(fd != ofd){
		oflush(ofd);
		ofd = fd;
	}
	if(on == NBUF)
		oflush(fd);
	obuf[on++] = c;
}

void
oputs(int fd, char *s)
{
	while(*s)
		oputc(fd, *s++);
}

static int
needquote(char *s)
{
	if(*s == 0 || iskeyword(s))
		return 1;
	for(; *s; s++)
		if(strchr(" \t\n#;&|^$=`'{}()<>*?[~!@\"", *s) != nil)
			return 1;
	return 0;
}

/* a word as rc would read it back */
void
oquote(int fd, char *s)
{
	if(!needquote(s)){
		oputs(fd, s);
		return;
	}
	oputc(fd, '\'');
	for(; *s; s++){
		if(*s == '\'')
			oputc(fd, '\'');
		oputc(fd, *s);
	}
	oputc(fd, '\'');
}

void
olist(int fd, List *l)
{
	int i;

	for(i = 0; i < l->n; i++){
		if(i > 0)
			oputc(fd, ' ');
		oquote(fd, l->w[i]);
	}
}

Io*
iofd(int fd, char *name, int interactive)
{
	Io *io;

	io = emalloc(sizeof *io);
	memset(io, 0, sizeof *io);
	io->fd = fd;
	io->buf = emalloc(NBUF);
	io->name = estrdup(name);
	io->line = 1;
	io->interactive = interactive;
	return io;
}

Io*
iostr(char *s, char *name)
{
	Io *io;

	io = emalloc(sizeof *io);
	memset(io, 0, sizeof *io);
	io->fd = -1;
	io->buf = estrdup(s);
	io->n = strlen(s);
	io->name = estrdup(name);
	io->line = 1;
	return io;
}

void
iofree(Io *io)
{
	free(io->buf);
	free(io->name);
	free(io);
}

/* the next input byte; -1 at the end, -2 if a read was interrupted */
int
iogetc(Io *io)
{
	long n;

	if(io->pos >= io->n){
		if(io->fd < 0 || io->eof)
			return -1;
		/*
		 * An interactive shell reads a byte at a time, so that it
		 * never takes input meant for the commands it runs.
		 */
		n = read(io->fd, io->buf, io->interactive ? 1 : NBUF);
		if(n < 0 && interrupted)
			return -2;
		if(n <= 0){
			io->eof = 1;
			return -1;
		}
		io->n = n;
		io->pos = 0;
	}
	return (uchar)io->buf[io->pos++];
}

char*
syserr(void)
{
	static char e[ERRMAX];

	rerrstr(e, sizeof e);
	return e;
}

/* rc: a: b: c, leaving out the nil parts */
void
rcerror(char *a, char *b, char *c)
{
	char *part[3];
	int i;

	part[0] = a;
	part[1] = b;
	part[2] = c;
	oflush(1);
	oputs(2, "rc");
	for(i = 0; i < 3; i++)
		if(part[i] != nil){
			oputs(2, ": ");
			oputs(2, part[i]);
		}
	oputc(2, '\n');
	oflush(2);
}
