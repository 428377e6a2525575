/*
 * seq - print a sequence of numbers: first (default 1), first+incr
 * (default 1), ... up to last.  Each number is printed with as many
 * decimals as the most precise argument; -w pads them with zeros to
 * one width.  The i'th number is computed as first + i*incr, so errors
 * do not accumulate along a long sequence.
 */
#include <u.h>
#include <libc.h>

enum { Maxprec = 20 };

static void
usage(void)
{
	fprint(2, "usage: seq [-w] [first [incr]] last\n");
	exits("usage");
}

/*
 * seqnum parses a decimal number ([-+]digits[.digits][e[-+]digits])
 * and notes the digits after its point in *prec.
 */
static double
seqnum(char *s, int *prec)
{
	char *e, *p;
	double v;
	int n;

	v = strtod(s, &e);
	if(e == s || *e != 0 || v != v || v - v != 0){
		fprint(2, "seq: bad number: %s\n", s);
		exits("usage");
	}
	n = 0;
	p = strchr(s, '.');
	if(p != nil)
		for(p++; *p >= '0' && *p <= '9'; p++)
			n++;
	if(strpbrk(s, "eE") != nil)
		n = 0;
	if(n > Maxprec)
		n = Maxprec;
	if(n > *prec)
		*prec = n;
	return v;
}

void
main(int argc, char *argv[])
{
	double first, incr, last, v, nstep, i;
	int wflag, prec, width, w;
	char buf[400];

	wflag = 0;
	ARGBEGIN{
	case 'w':
		wflag = 1;
		break;
	default:
		usage();
	}ARGEND

	prec = 0;
	first = 1;
	incr = 1;
	switch(argc){
	case 1:
		last = seqnum(argv[0], &prec);
		break;
	case 2:
		first = seqnum(argv[0], &prec);
		last = seqnum(argv[1], &prec);
		break;
	case 3:
		first = seqnum(argv[0], &prec);
		incr = seqnum(argv[1], &prec);
		last = seqnum(argv[2], &prec);
		break;
	default:
		usage();
	}
	if(incr == 0){
		fprint(2, "seq: zero increment\n");
		exits("usage");
	}

	/* a tolerance so that 0 .1 1 reaches 1 despite binary fractions */
	nstep = (last - first) / incr;
	if(nstep < 0)
		exits(nil);
	nstep = nstep + 1e-9 * (nstep > 1 ? nstep : 1);
	/* past 2^53 steps the counter below could no longer count */
	if(nstep >= 9007199254740992.0){
		fprint(2, "seq: too many numbers\n");
		exits("usage");
	}
	width = 0;
	if(wflag){
		width = snprint(buf, sizeof buf, "%.*f", prec, first);
		w = snprint(buf, sizeof buf, "%.*f", prec, first + (vlong)nstep * incr);
		if(w > width)
			width = w;
	}
	for(i = 0; i <= nstep; i++){
		v = first + i*incr;
		if(v == 0)
			v = 0;	/* no "-0" */
		if(print("%0*.*f\n", width, prec, v) < 0){
			fprint(2, "seq: write error: %r\n");
			exits("write error");
		}
	}
	exits(nil);
}
