/*
 * grep - print lines that match a regular expression (Plan 9 syntax,
 * regexp(7)).  Several -e expressions match if any does.  -i folds
 * case by lowering both the expression and each line.  The status is
 * empty if some line was selected, "no matches" if none, and an error
 * if a file could not be read.
 */
#include <u.h>
#include <libc.h>
#include <bio.h>
#include <regexp.h>

enum { Maxexpr = 64 };

static int cflag, hflag, iflag, lflag, Lflag, nflag, sflag, vflag;
static Reprog *prog;
static Biobuf out;

static void
usage(void)
{
	fprint(2, "usage: grep [-chilLnqsv] [-e expr] ... [expr] [file ...]\n");
	exits("usage");
}

/*
 * lower makes a lower-case copy of s (n bytes) in buf, growing it; the
 * copy is NUL-terminated and *np is set to its length.
 */
static char*
lower(char *s, long n, char *buf, long *cap, long *np)
{
	char *p0;
	char *p, *e;
	Rune r;
	int w;

	if(*cap < n*UTFmax + 1){
		free(buf);
		*cap = n*UTFmax + 1;
		buf = malloc(*cap);
		if(buf == nil){
			fprint(2, "grep: out of memory\n");
			exits("no memory");
		}
	}
	p0 = p = buf;
	e = s + n;
	while(s < e){
		if((uchar)*s < Runeself){
			*p++ = *s >= 'A' && *s <= 'Z' ? *s + 'a' - 'A' : *s;
			s++;
			continue;
		}
		if(fullrune(s, e - s))
			w = chartorune(&r, s);
		else{
			r = Runeerror;
			w = 1;
		}
		s += w;
		p += runetochar(p, &(Rune){tolowerrune(r)});
	}
	*p = 0;
	*np = p - p0;
	return buf;
}

static char *lbuf;
static long lcap;

/*
 * denul replaces the NUL bytes in s (n bytes, lbuf's text or a line)
 * with 0xFF, an invalid byte that matches as Runeerror: regexec stops
 * at a NUL, but a binary file's line goes on past it.
 */
static char*
denul(char *s, long n)
{
	long i;

	if(s != lbuf){
		if(lcap < n + 1){
			free(lbuf);
			lcap = n + 1;
			lbuf = malloc(lcap);
			if(lbuf == nil){
				fprint(2, "grep: out of memory\n");
				exits("no memory");
			}
		}
		memmove(lbuf, s, n);
		lbuf[n] = 0;
	}
	for(i = 0; i < n; i++)
		if(lbuf[i] == 0)
			lbuf[i] = (char)0xFF;
	return lbuf;
}

/* grepfile reports whether any line of b was selected, or -1 on error */
static int
grepfile(Biobuf *b, char *name, int many)
{
	char *line, *s;
	long n, sn;
	vlong lineno, count;
	int m;

	lineno = 0;
	count = 0;
	while((line = Brdstr(b, '\n', 0)) != nil){
		lineno++;
		n = Blinelen(b);
		if(n > 0 && line[n-1] == '\n')
			line[--n] = 0;
		s = line;
		sn = n;
		if(iflag)
			s = lbuf = lower(line, n, lbuf, &lcap, &sn);
		if(memchr(s, 0, sn) != nil)
			s = denul(s, sn);
		m = regexec(prog, s, nil, 0);
		if(m < 0){
			fprint(2, "grep: %s: %r\n", name);
			free(line);
			return -1;
		}
		if(m != vflag){
			count++;
			if(sflag){
				free(line);
				return 1;
			}
			if(lflag || Lflag){
				if(lflag)
					Bprint(&out, "%s\n", name);
				free(line);
				return 1;
			}
			if(!cflag){
				if(many && !hflag)
					Bprint(&out, "%s:", name);
				if(nflag)
					Bprint(&out, "%lld:", lineno);
				Bwrite(&out, line, n);
				Bputc(&out, '\n');
			}
		}
		free(line);
	}
	if(Lflag && count == 0)
		Bprint(&out, "%s\n", name);
	if(cflag){
		if(many && !hflag)
			Bprint(&out, "%s:", name);
		Bprint(&out, "%lld\n", count);
	}
	return count > 0;
}

void
main(int argc, char *argv[])
{
	char *expr[Maxexpr], *re, *p, *e, *status;
	long len;
	int nexpr, i, any, r;
	Biobuf *b;

	nexpr = 0;
	ARGBEGIN{
	case 'c': cflag = 1; break;
	case 'h': hflag = 1; break;
	case 'i': iflag = 1; break;
	case 'l': lflag = 1; break;
	case 'L': Lflag = 1; break;
	case 'n': nflag = 1; break;
	case 'q':	/* as GNU grep spells -s */
	case 's': sflag = 1; break;
	case 'v': vflag = 1; break;
	case 'e':
		if(nexpr == Maxexpr){
			fprint(2, "grep: too many expressions\n");
			exits("usage");
		}
		expr[nexpr++] = EARGF(usage());
		break;
	default:
		usage();
	}ARGEND
	if(nexpr == 0){
		if(argc == 0)
			usage();
		expr[nexpr++] = argv[0];
		argc--;
		argv++;
	}

	/* several expressions: (e1)|(e2)|... */
	len = 1;
	for(i = 0; i < nexpr; i++)
		len += strlen(expr[i]) + 3;
	re = malloc(len);
	if(re == nil){
		fprint(2, "grep: out of memory\n");
		exits("no memory");
	}
	p = re;
	e = re + len;
	*p = 0;
	for(i = 0; i < nexpr; i++){
		if(nexpr == 1)
			p = seprint(p, e, "%s", expr[i]);
		else
			p = seprint(p, e, "%s(%s)", i > 0 ? "|" : "", expr[i]);
	}
	if(iflag)
		re = lower(re, strlen(re), nil, &(long){0}, &len);
	prog = regcomp(re);
	if(prog == nil){
		fprint(2, "grep: bad expression %q: %r\n", re);
		exits("bad expression");
	}

	Binit(&out, 1, OWRITE);
	any = 0;
	status = nil;
	if(argc == 0){
		b = Bfdopen(0, OREAD);
		if(b == nil){
			fprint(2, "grep: out of memory\n");
			exits("no memory");
		}
		r = grepfile(b, "<stdin>", 0);
		if(r < 0)
			status = "error";
		else if(r > 0)
			any = 1;
	}
	for(i = 0; i < argc; i++){
		b = Bopen(argv[i], OREAD);
		if(b == nil){
			if(!sflag)
				fprint(2, "grep: %s: %r\n", argv[i]);
			status = "open";
			continue;
		}
		r = grepfile(b, argv[i], argc > 1);
		Bterm(b);
		if(r < 0)
			status = "error";
		else if(r > 0){
			any = 1;
			if(sflag)
				break;
		}
	}
	if(Bflush(&out) < 0){
		fprint(2, "grep: write error: %r\n");
		exits("write error");
	}
	if(status == nil && !any)
		status = "no matches";
	exits(status);
}
