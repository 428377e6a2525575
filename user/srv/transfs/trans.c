/*
 * trans - translate files with chains of WebAssembly modules.
 *	trans [-f fuel] [-M pages] [-c cachebytes] [-w writechain] -m chain source mountpoint
 *	trans [-f fuel] [-M pages] -x chain
 * The first form serves source's tree translated (transfs(4)) and
 * mounts it; the server is its own process and ends with the last
 * mount.  The second runs the chain once from standard input to
 * standard output.
 */
#include <u.h>
#include <libc.h>
#include <9psrv.h>
#include "srvpipe.h"
#include "transfs.h"

enum {
	Defcache = 32<<20,
};

static void
usage(void)
{
	fprint(2, "usage: trans [-f fuel] [-M pages] [-c cachebytes] [-w writechain] -m chain source mountpoint\n"
		"       trans [-f fuel] [-M pages] -x chain\n");
	exits("usage");
}

static vlong
number(char *s, vlong min, vlong max, char *what)
{
	char *e;
	vlong v;

	v = strtoll(s, &e, 0);
	if(*s == 0 || *e != 0 || v < min || v > max){
		fprint(2, "trans: bad %s '%s': want %lld to %lld\n", what, s, min, max);
		exits("usage");
	}
	return v;
}

static Chain *
newchain(char *spec, vlong fuel, uint pages)
{
	Chain *c;

	c = mallocz(sizeof *c, 1);
	if(c == nil)
		sysfatal("out of memory");
	if(chainload(c, spec) < 0)
		sysfatal("%r");
	c->fuel = fuel;
	c->pages = pages;
	c->maxout = Defmaxout;
	return c;
}

/* trans -x: the chain once, as a filter. */
static void
filter(Chain *c)
{
	Buf in, out;
	uchar tmp[8192];
	long n;

	memset(&in, 0, sizeof in);
	in.max = c->maxout;
	while((n = read(0, tmp, sizeof tmp)) > 0)
		if(bufput(&in, tmp, n) < 0)
			sysfatal("input: %s", in.over ? "too big" : "out of memory");
	if(n < 0)
		sysfatal("reading input: %r");
	if(chainrun(c, in.p, in.n, &out) < 0)
		sysfatal("%r");
	if(out.n > 0 && write(1, out.p, out.n) != (long)out.n)
		sysfatal("writing output: %r");
	exits(nil);
}

void
main(int argc, char *argv[])
{
	char *rspec, *wspec, *xspec;
	vlong fuel, cache;
	uint pages;
	Trans t;
	Dir *d;
	Srv s;

	rspec = wspec = xspec = nil;
	fuel = Deffuel;
	pages = Defpages;
	cache = Defcache;
	ARGBEGIN{
	case 'f':
		fuel = number(EARGF(usage()), 1, 1LL<<62, "fuel");
		break;
	case 'M':
		pages = number(EARGF(usage()), 1, 65536, "page count");
		break;
	case 'c':
		cache = number(EARGF(usage()), 0, 1LL<<40, "cache size");
		break;
	case 'm':
		rspec = EARGF(usage());
		break;
	case 'w':
		wspec = EARGF(usage());
		break;
	case 'x':
		xspec = EARGF(usage());
		break;
	default:
		usage();
	}ARGEND

	if(xspec != nil){
		if(argc != 0 || rspec != nil || wspec != nil)
			usage();
		filter(newchain(xspec, fuel, pages));
	}
	if(rspec == nil || argc != 2)
		usage();
	memset(&t, 0, sizeof t);
	t.src = cleanname(strdup(argv[0]));
	d = dirstat(t.src);
	if(d == nil)
		sysfatal("%s: %r", argv[0]);
	if(!(d->qid.type & QTDIR))
		sysfatal("%s: not a directory", argv[0]);
	free(d);
	/* load every module now, so a bad name is an error of this command */
	t.rd = newchain(rspec, fuel, pages);
	if(wspec != nil)
		t.wr = newchain(wspec, fuel, pages);
	t.maxcache = cache;

	/* the server's namespace is ours before the mount: it never sees itself */
	memset(&s, 0, sizeof s);
	s.msize = 65536 + IOHDRSZ;
	transsrv(&s, &t);
	if(srvpipe(&s, nil, argv[1], MREPL) < 0)
		sysfatal("%r");
	exits(nil);
}
