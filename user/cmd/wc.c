/*
 * wc - count lines, words, runes and bytes.  Counts are printed as
 * Plan 9 does: each in a field of 7, separated by spaces, then the
 * file name; a total line follows when there is more than one file.
 * A word is a maximal run of runes that are not white space.
 */
#include <u.h>
#include <libc.h>

typedef struct Count Count;
struct Count {
	uvlong lines;
	uvlong words;
	uvlong runes;
	uvlong bytes;
};

static int lflag, wflag, rflag, cflag;

static void
usage(void)
{
	fprint(2, "usage: wc [-lwrc] [file ...]\n");
	exits("usage");
}

static void
wcrune(Count *c, Rune r, int *inword)
{
	if(r == '\n')
		c->lines++;
	if(isspacerune(r))
		*inword = 0;
	else if(!*inword){
		*inword = 1;
		c->words++;
	}
	c->runes++;
}

/*
 * wccount reads fd to its end.  A rune may straddle two reads, so the
 * incomplete tail of each buffer is carried to the front of the next;
 * at the end of the file each byte of an unfinished rune counts as one
 * (bad) rune.
 */
static int
wccount(int fd, Count *c)
{
	char buf[8192];
	int carry, n, i, w, inword;
	Rune r;

	memset(c, 0, sizeof *c);
	carry = 0;
	inword = 0;
	for(;;){
		n = read(fd, buf + carry, sizeof buf - carry);
		if(n < 0)
			return -1;
		if(n == 0)
			break;
		c->bytes += n;
		n += carry;
		for(i = 0; i < n; i += w){
			if((uchar)buf[i] < Runeself){
				r = (uchar)buf[i];
				w = 1;
			}else if(fullrune(buf + i, n - i))
				w = chartorune(&r, buf + i);
			else
				break;
			wcrune(c, r, &inword);
		}
		carry = n - i;
		memmove(buf, buf + i, carry);
	}
	for(i = 0; i < carry; i++)
		wcrune(c, Runeerror, &inword);
	return 0;
}

static void
wcreport(Count *c, char *name)
{
	char line[128], *p, *e;

	p = line;
	e = line + sizeof line;
	*p = 0;
	if(lflag)
		p = seprint(p, e, " %7llud", c->lines);
	if(wflag)
		p = seprint(p, e, " %7llud", c->words);
	if(rflag)
		p = seprint(p, e, " %7llud", c->runes);
	if(cflag)
		p = seprint(p, e, " %7llud", c->bytes);
	if(name != nil)
		print("%s %s\n", line + 1, name);
	else
		print("%s\n", line + 1);
}

void
main(int argc, char *argv[])
{
	Count c, tot;
	char *status;
	int i, fd;

	ARGBEGIN{
	case 'l':
		lflag = 1;
		break;
	case 'w':
		wflag = 1;
		break;
	case 'r':
		rflag = 1;
		break;
	case 'c':
		cflag = 1;
		break;
	default:
		usage();
	}ARGEND
	if(!lflag && !wflag && !rflag && !cflag)
		lflag = wflag = cflag = 1;

	status = nil;
	if(argc == 0){
		if(wccount(0, &c) < 0){
			fprint(2, "wc: read error: %r\n");
			exits("read error");
		}
		wcreport(&c, nil);
		exits(nil);
	}
	memset(&tot, 0, sizeof tot);
	for(i = 0; i < argc; i++){
		fd = open(argv[i], OREAD);
		if(fd < 0){
			fprint(2, "wc: %s: %r\n", argv[i]);
			status = "open";
			continue;
		}
		if(wccount(fd, &c) < 0){
			fprint(2, "wc: %s: %r\n", argv[i]);
			status = "read error";
			close(fd);
			continue;
		}
		close(fd);
		wcreport(&c, argv[i]);
		tot.lines += c.lines;
		tot.words += c.words;
		tot.runes += c.runes;
		tot.bytes += c.bytes;
	}
	if(argc > 1)
		wcreport(&tot, "total");
	exits(status);
}
