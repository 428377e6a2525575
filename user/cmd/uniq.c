/*
 * uniq - report repeated lines: adjacent identical lines of the input
 * are written once.  -u keeps only lines that were not repeated, -d
 * only those that were, -c prefixes each with its count.
 */
#include <u.h>
#include <libc.h>
#include <bio.h>

static int cflag, dflag, uflag;
static Biobuf out;

static void
usage(void)
{
	fprint(2, "usage: uniq [-cdu] [file]\n");
	exits("usage");
}

static void
uniqput(char *line, long n, vlong count)
{
	if(count == 0)
		return;
	if(uflag && count != 1)
		return;
	if(dflag && count == 1)
		return;
	if(cflag)
		Bprint(&out, "%4lld ", count);
	Bwrite(&out, line, n);
	Bputc(&out, '\n');
}

void
main(int argc, char *argv[])
{
	Biobuf *in;
	char *prev, *line;
	long plen, n;
	vlong count;

	ARGBEGIN{
	case 'c':
		cflag = 1;
		break;
	case 'd':
		dflag = 1;
		break;
	case 'u':
		uflag = 1;
		break;
	default:
		usage();
	}ARGEND
	if(argc > 1)
		usage();
	if(dflag && uflag){
		/* both: every line, as without either */
		dflag = uflag = 0;
	}

	if(argc == 1){
		in = Bopen(argv[0], OREAD);
		if(in == nil){
			fprint(2, "uniq: %s: %r\n", argv[0]);
			exits("open");
		}
	}else
		in = Bfdopen(0, OREAD);
	if(in == nil){
		fprint(2, "uniq: stdin: %r\n");
		exits("no memory");
	}
	Binit(&out, 1, OWRITE);
	prev = nil;
	plen = 0;
	count = 0;
	while((line = Brdstr(in, '\n', 0)) != nil){
		n = Blinelen(in);
		if(n > 0 && line[n-1] == '\n')
			n--;
		if(prev != nil && n == plen && memcmp(line, prev, n) == 0){
			count++;
			free(line);
			continue;
		}
		uniqput(prev, plen, count);
		free(prev);
		prev = line;
		plen = n;
		count = 1;
	}
	uniqput(prev, plen, count);
	free(prev);
	Bterm(in);
	if(Bflush(&out) < 0){
		fprint(2, "uniq: write error: %r\n");
		exits("write error");
	}
	exits(nil);
}
