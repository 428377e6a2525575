/*
 * xd - hex, octal, decimal or character dump, in the manner of Plan
 * 9's xd.  The files are read as one stream in groups of 16 bytes;
 * each group is printed once per format, the first line prefixed by
 * the group's address (zero-padded, 7 digits), the others by blanks.
 * A format is a size (1 b, 2 w, 4 l, 8 v bytes, big-endian) and a
 * style (o octal, x hex, d decimal), 4x by default; -c prints bytes as
 * characters.  The last line is the address of the end.
 */
#include <u.h>
#include <libc.h>
#include <bio.h>

enum {
	Group = 16,
	Maxfmt = 16,
};

typedef struct Format Format;
struct Format {
	int size;	/* bytes per unit */
	int style;	/* 'o', 'x', 'd', or 'c' for characters */
};

static Format fmts[Maxfmt];
static int nfmt;
static int astyle = 'x';
static int rflag, sflag, uflag;
static Biobuf out;

static void
usage(void)
{
	fprint(2, "usage: xd [-crsu] [-a style] [-format ...] [file ...]\n");
	exits("usage");
}

static void
addfmt(int size, int style)
{
	if(nfmt == Maxfmt){
		fprint(2, "xd: too many formats\n");
		exits("usage");
	}
	fmts[nfmt].size = size;
	fmts[nfmt].style = style;
	nfmt++;
}

static int
sizeof1(int c)
{
	switch(c){
	case '1': case 'b': return 1;
	case '2': case 'w': return 2;
	case '4': case 'l': return 4;
	case '8': case 'v': return 8;
	}
	return 0;
}

/*
 * xdopt parses one option word (without its '-'): sizes and styles
 * pair up, a size alone is hex, a style alone is 4 bytes.  It says
 * how many following words it used (for "-a x").
 */
static int
xdopt(char *s, char *next)
{
	int size, used;

	size = 0;
	used = 0;
	for(; *s != 0; s++){
		if(sizeof1(*s) != 0){
			if(size != 0)
				addfmt(size, 'x');
			size = sizeof1(*s);
			continue;
		}
		switch(*s){
		case 'o':
		case 'x':
		case 'd':
			addfmt(size ? size : 4, *s);
			size = 0;
			break;
		case 'c':
			addfmt(1, 'c');
			break;
		case 'r':
			rflag = 1;
			break;
		case 's':
			sflag = 1;
			break;
		case 'u':
			uflag = 1;
			break;
		case 'a':
			if(s[1] == 0){
				if(next == nil)
					usage();
				s = next;
				used = 1;
			}else
				s++;
			if(s[1] != 0 || strchr("oxd", s[0]) == nil)
				usage();
			astyle = s[0];
			return used;
		default:
			usage();
		}
	}
	if(size != 0)
		addfmt(size, 'x');
	return used;
}

static void
xdaddr(uvlong a, int blank)
{
	if(blank)
		Bprint(&out, "        ");
	else if(astyle == 'o')
		Bprint(&out, "%.7llo ", a);
	else if(astyle == 'd')
		Bprint(&out, "%.7lld ", a);
	else
		Bprint(&out, "%.7llux ", a);
}

static void
xdchar(int c)
{
	static char esc[] = "\0\a\b\f\n\r\t\v";
	static char name[] = "0abfnrtv";
	char *p;

	if(c >= ' ' && c < 0x7F)
		Bprint(&out, "  %c", c);
	else if(c != 0 && (p = strchr(esc + 1, c)) != nil)
		Bprint(&out, " \\%c", name[p - esc]);
	else if(c == 0)
		Bprint(&out, " \\0");
	else
		Bprint(&out, " %.2x", c);
}

/* xdline prints one group of n bytes (data is zero-padded to Group) in format f */
static void
xdline(Format *f, uchar *data, int n)
{
	uvlong v;
	int i, j, w;

	if(f->style == 'c'){
		for(i = 0; i < n; i++)
			xdchar(data[i]);
		Bputc(&out, '\n');
		return;
	}
	w = 0;
	switch(f->style){
	case 'x': w = 2*f->size; break;
	case 'o': w = (8*f->size + 2)/3; break;
	case 'd': w = f->size == 1 ? 3 : f->size == 2 ? 5 : f->size == 4 ? 10 : 20; break;
	}
	for(i = 0; i < n; i += f->size){
		v = 0;
		for(j = 0; j < f->size; j++)
			v = v<<8 | data[i+j];
		switch(f->style){
		case 'x':
			Bprint(&out, " %.*llux", w, v);
			break;
		case 'o':
			Bprint(&out, " %.*llo", w, v);
			break;
		case 'd':
			Bprint(&out, " %*llud", w, v);
			break;
		}
	}
	Bputc(&out, '\n');
}

/* The input: the files in turn, as one stream. */
static char **files;
static int nfiles, curfile = -1;
static Biobuf *in;
static char *status;

static int
xdfill(uchar *data)
{
	long n, m;

	n = 0;
	while(n < Group){
		if(in == nil){
			if(++curfile >= nfiles)
				break;
			if(strcmp(files[curfile], "-") == 0)
				in = Bfdopen(0, OREAD);
			else
				in = Bopen(files[curfile], OREAD);
			if(in == nil){
				fprint(2, "xd: %s: %r\n", files[curfile]);
				status = "open";
				continue;
			}
		}
		m = Bread(in, data + n, Group - n);
		if(m <= 0){
			if(m < 0){
				fprint(2, "xd: %s: read error: %r\n", files[curfile]);
				status = "read error";
			}
			Bterm(in);
			in = nil;
			continue;
		}
		n += m;
	}
	return n;
}

void
main(int argc, char *argv[])
{
	static char *stdinv[] = { "-", nil };
	uchar data[Group], prev[Group];
	uvlong addr;
	int i, n, star, haveprev;
	uchar t;

	for(argc--, argv++; argc > 0 && argv[0][0] == '-' && argv[0][1] != 0; argc--, argv++){
		if(strcmp(argv[0], "--") == 0){
			argc--;
			argv++;
			break;
		}
		if(xdopt(argv[0] + 1, argc > 1 ? argv[1] : nil)){
			argc--;
			argv++;
		}
	}
	if(nfmt == 0)
		addfmt(4, 'x');
	files = argc > 0 ? argv : stdinv;
	nfiles = argc > 0 ? argc : 1;

	Binit(&out, 1, OWRITE);
	addr = 0;
	star = 0;
	haveprev = 0;
	while((n = xdfill(data)) > 0){
		memset(data + n, 0, Group - n);
		if(sflag)
			for(i = 0; i+3 < Group; i += 4){
				t = data[i]; data[i] = data[i+3]; data[i+3] = t;
				t = data[i+1]; data[i+1] = data[i+2]; data[i+2] = t;
			}
		if(rflag && haveprev && n == Group && memcmp(data, prev, Group) == 0){
			if(!star)
				Bprint(&out, "*\n");
			star = 1;
			addr += n;
			continue;
		}
		star = 0;
		memmove(prev, data, Group);
		haveprev = n == Group;
		for(i = 0; i < nfmt; i++){
			xdaddr(addr, i > 0);
			xdline(&fmts[i], data, n);
		}
		if(uflag)
			Bflush(&out);
		addr += n;
	}
	xdaddr(addr, 0);
	Bputc(&out, '\n');
	if(Bflush(&out) < 0){
		fprint(2, "xd: write error: %r\n");
		exits("write error");
	}
	exits(status);
}
