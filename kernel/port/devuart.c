/*
 * #t: the second serial line as files, as in Plan 9: eia1 (data) and
 * eia1ctl (read: the line's settings; write: "b115200" and the like are
 * accepted, the emulated line has no real speed).  Input arrives by
 * interrupt into a queue; output is written straight to the line.  A file
 * server can run over it: exportfs </dev/eia1 >/dev/eia1.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

enum {
	Qdir, Qdata, Qctl,
	Eiaqsize = 64*1024,
};

static Dirtab uartdir[] = {
	{".", {Qdir, 0, QTDIR}, 0, DMDIR|0555},
	{"eia1", {Qdata}, 0, 0660},
	{"eia1ctl", {Qctl}, 0, 0660},
};

static Queue *eiaq;
static long overruns;
static long baud = 115200;

/* A byte from the second line (interrupt level). */
void
eiarecv(int c)
{
	uchar b;

	b = c;
	if(eiaq == nil || qproduce(eiaq, &b, 1) != 1)
		overruns++;
}

static void
uartreset(void)
{
	eiaq = qopen(Eiaqsize);
}

static Chan*
uartattach(char *spec)
{
	return devattach('t', spec);
}

static void
uartwalk(Chan *c, Chan *nc, char *name)
{
	devwalk(c, nc, name, uartdir, nelem(uartdir), devgen);
}

static int
uartstat(Chan *c, uchar *db, int n)
{
	return devstat(c, db, n, uartdir, nelem(uartdir), devgen);
}

static Chan*
uartopen(Chan *c, int omode)
{
	return devopen(c, omode, uartdir, nelem(uartdir), devgen);
}

static void
uartclose(Chan *c)
{
}

static long
uartread(Chan *c, void *a, long n, vlong off)
{
	char buf[128];

	switch((int)c->qid.path){
	case Qdir:
		return devdirread(c, a, n, uartdir, nelem(uartdir), devgen);
	case Qdata:
		return qread(eiaq, a, n);
	case Qctl:
		snprint(buf, sizeof buf, "b%ld l8 pn s1 overruns %ld\n", baud, overruns);
		return readstr(off, a, n, buf);
	}
	error(Egreg);
}

static long
uartwrite(Chan *c, void *a, long n, vlong off)
{
	char buf[32];
	uchar *p;
	long i, b;

	switch((int)c->qid.path){
	case Qdata:
		p = a;
		for(i = 0; i < n; i++)
			uartputc(1, p[i]);
		return n;
	case Qctl:
		if(n >= (long)sizeof buf)
			error(Ebadctl);
		memmove(buf, a, n);
		buf[n] = 0;
		if(buf[0] == 'b' || buf[0] == 'B'){
			b = strtol(buf+1, nil, 10);
			if(b <= 0)
				error(Ebadarg);
			baud = b;
			return n;
		}
		error(Ebadctl);
	}
	error(Eperm);
}

Dev uartdevtab = {
	't', "uart",
	uartreset, uartattach, uartwalk, uartstat, uartopen, devcreate,
	uartclose, uartread, uartwrite, devremove, devwstat,
};
