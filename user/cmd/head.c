/*
 * head - print the first lines of files.  With more than one file each
 * is introduced by a "==> name <==" line, as Unix head does.
 */
#include <u.h>
#include <libc.h>
#include <bio.h>

static void
usage(void)
{
	fprint(2, "usage: head [-n N] [file ...]\n");
	exits("usage");
}

/* headcount parses a line count: decimal digits only, no sign */
static vlong
headcount(char *s)
{
	char *e;
	vlong n;

	n = strtoll(s, &e, 10);
	if(*s < '0' || *s > '9' || *e != 0 || n < 0){
		fprint(2, "head: bad line count: %s\n", s);
		exits("usage");
	}
	return n;
}

static int
head(Biobuf *in, Biobuf *out, vlong n)
{
	int c;

	while(n > 0 && (c = Bgetc(in)) != Beof){
		if(Bputc(out, c) < 0)
			return -1;
		if(c == '\n')
			n--;
	}
	return 0;
}

void
main(int argc, char *argv[])
{
	Biobuf out, *in;
	char *status;
	vlong n;
	int i;

	n = 10;
	/* the old form -N */
	if(argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9'){
		n = headcount(argv[1] + 1);
		argv[1] = argv[0];
		argc--;
		argv++;
	}
	ARGBEGIN{
	case 'n':
		n = headcount(EARGF(usage()));
		break;
	default:
		usage();
	}ARGEND

	Binit(&out, 1, OWRITE);
	status = nil;
	if(argc == 0){
		in = Bfdopen(0, OREAD);
		if(in == nil){
			fprint(2, "head: stdin: %r\n");
			exits("no memory");
		}
		head(in, &out, n);
	}
	for(i = 0; i < argc; i++){
		if(strcmp(argv[i], "-") == 0)
			in = Bfdopen(0, OREAD);
		else
			in = Bopen(argv[i], OREAD);
		if(in == nil){
			fprint(2, "head: %s: %r\n", argv[i]);
			status = "open";
			continue;
		}
		if(argc > 1)
			Bprint(&out, "%s==> %s <==\n", i > 0 ? "\n" : "", argv[i]);
		head(in, &out, n);
		Bterm(in);
	}
	if(Bflush(&out) < 0){
		fprint(2, "head: write error: %r\n");
		exits("write error");
	}
	exits(status);
}
