/*
 * cmp - compare two files byte by byte.  Silent if they are the same;
 * otherwise the byte (counted from 1) and line of the first difference,
 * or with -l every differing byte, or with -s nothing but the status.
 * Optional offsets (decimal, 0x hex or 0 octal) skip into each file.
 */
#include <u.h>
#include <libc.h>
#include <bio.h>

static int lflag, sflag;

static void
usage(void)
{
	fprint(2, "usage: cmp [-ls] file1 file2 [offset1 [offset2]]\n");
	exits("usage");
}

static Biobuf*
cmpopen(char *name)
{
	Biobuf *b;

	if(strcmp(name, "-") == 0)
		b = Bfdopen(0, OREAD);
	else
		b = Bopen(name, OREAD);
	if(b == nil){
		if(!sflag)
			fprint(2, "cmp: %s: %r\n", name);
		exits("open");
	}
	return b;
}

static vlong
cmpoffset(char *s)
{
	char *e;
	vlong o;

	o = strtoll(s, &e, 0);
	if(e == s || *e != 0 || o < 0){
		fprint(2, "cmp: bad offset: %s\n", s);
		exits("usage");
	}
	return o;
}

/* cmpskip reads past the first o bytes; seek would fail on a pipe */
static void
cmpskip(Biobuf *b, char *name, vlong o)
{
	while(o-- > 0)
		if(Bgetc(b) < 0){
			if(!sflag)
				print("EOF on %s\n", name);
			exits("EOF");
		}
}

void
main(int argc, char *argv[])
{
	Biobuf *b1, *b2;
	vlong nc, nl;
	int c1, c2, differ;

	ARGBEGIN{
	case 'l':
		lflag = 1;
		break;
	case 's':
		sflag = 1;
		break;
	default:
		usage();
	}ARGEND
	if(argc < 2 || argc > 4)
		usage();

	if(strcmp(argv[0], "-") == 0 && strcmp(argv[1], "-") == 0){
		fprint(2, "cmp: only one file can be the standard input\n");
		exits("usage");
	}
	b1 = cmpopen(argv[0]);
	b2 = cmpopen(argv[1]);
	if(argc > 2)
		cmpskip(b1, argv[0], cmpoffset(argv[2]));
	if(argc > 3)
		cmpskip(b2, argv[1], cmpoffset(argv[3]));

	differ = 0;
	nc = 1;
	nl = 1;
	for(;; nc++){
		c1 = Bgetc(b1);
		c2 = Bgetc(b2);
		if(c1 < 0 || c2 < 0)
			break;
		if(c1 != c2){
			if(sflag)
				exits("differ");
			if(!lflag){
				print("%s %s differ: char %lld line %lld\n", argv[0], argv[1], nc, nl);
				exits("differ");
			}
			print("%6lld 0x%.2x 0x%.2x\n", nc, c1, c2);
			differ = 1;
		}
		if(c1 == '\n')
			nl++;
	}
	if(c1 != c2){
		/* one file is a prefix of the other */
		if(!sflag)
			print("EOF on %s\n", c1 < 0 ? argv[0] : argv[1]);
		exits("EOF");
	}
	exits(differ ? "differ" : nil);
}
