/*
 * #c: the console and small system files.  Console input comes from the
 * first serial line; in cooked mode (the default) the kernel echoes,
 * handles erase (backspace, DEL), kill (^U) and end of file (^D), and
 * delivers whole lines.  ^C posts the note "interrupt" to the note group
 * of the process that last read the console.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

enum {
	Qdir, Qcons, Qconsctl, Qnull, Qzero, Qrandom, Qtime, Qpid, Qppid,
	Qsysname, Quser, Qreboot, Qmemory, Qosversion,
	Linemax = 1024,
};

static Dirtab consdir[] = {
	{".", {Qdir, 0, QTDIR}, 0, DMDIR|0555},
	{"cons", {Qcons}, 0, 0666},
	{"consctl", {Qconsctl}, 0, 0222},
	{"null", {Qnull}, 0, 0666},
	{"zero", {Qzero}, 0, 0444},
	{"random", {Qrandom}, 0, 0444},
	{"time", {Qtime}, 0, 0444},
	{"pid", {Qpid}, 0, 0444},
	{"ppid", {Qppid}, 0, 0444},
	{"sysname", {Qsysname}, 0, 0664},
	{"user", {Quser}, 0, 0444},
	{"reboot", {Qreboot}, 0, 0220},
	{"memory", {Qmemory}, 0, 0444},
	{"osversion", {Qosversion}, 0, 0444},
};

char *sysname;
static Queue *kbdq;		/* finished lines (or raw bytes) */
static char line[Linemax];
static int nline;
static int raw;
static int ctrld;		/* ^D seen: the next read returns 0 */
static int fgnoteid;		/* note group of the last reader */
long boottime;			/* seconds since 1970 at boot */
static uvlong randstate;

void
putstrn(char *s, int n)
{
	for(; n > 0; n--, s++){
		if(*s == '\n')
			uartputc(0, '\r');
		uartputc(0, *s);
	}
}

static void
echo(char *s, int n)
{
	if(!raw)
		putstrn(s, n);
}

/* A byte from the console line (interrupt level). */
void
consinput(int c)
{
	char ch;
	Proc *p;

	if(c == '\r')
		c = '\n';
	if(c == 0x03 && !raw){
		echo("^C\n", 3);
		nline = 0;
		for(p = procs; p; p = p->next)
			if(p->noteid == fgnoteid && p->state != Moribund && !p->kp)
				postnote(p, 0, "interrupt", NUser);
		return;
	}
	if(raw){
		ch = c;
		qproduce(kbdq, &ch, 1);
		return;
	}
	switch(c){
	case 0x08:
	case 0x7f:
		if(nline > 0){
			nline--;
			echo("\b \b", 3);
		}
		return;
	case 0x15:	/* ^U */
		while(nline > 0){
			nline--;
			echo("\b \b", 3);
		}
		return;
	case 0x04:	/* ^D: what is typed so far, or end of file */
		if(nline == 0)
			ctrld = 1;
		qproduce(kbdq, line, nline);
		nline = 0;
		return;
	}
	ch = c;
	echo(&ch, 1);
	if(nline < Linemax)
		line[nline++] = c;
	if(c == '\n' || nline == Linemax){
		qproduce(kbdq, line, nline);
		nline = 0;
	}
}

void
uartrecv(int n, int c)
{
	if(n == 0)
		consinput(c);
	else
		eiarecv(c);
}

long
seconds(void)
{
	return boottime + ticks / HZ;
}

static void
consreset(void)
{
	kbdq = qopen(4096);
	sysname = kstrdup("lux9");
	boottime = rtcseconds();	/* the machine's clock */
	randstate = rdtsc() | 1;
}

static Chan*
consattach(char *spec)
{
	return devattach('c', spec);
}

static void
conswalk(Chan *c, Chan *nc, char *name)
{
	devwalk(c, nc, name, consdir, nelem(consdir), devgen);
}

static int
consstat(Chan *c, uchar *db, int n)
{
	return devstat(c, db, n, consdir, nelem(consdir), devgen);
}

static Chan*
consopen(Chan *c, int omode)
{
	return devopen(c, omode, consdir, nelem(consdir), devgen);
}

static void
consclose(Chan *c)
{
	if((c->flag & COPEN) && c->qid.path == Qconsctl && raw){
		raw = 0;
	}
}

static uvlong
randomword(void)
{
	randstate ^= randstate >> 12;
	randstate ^= randstate << 25;
	randstate ^= randstate >> 27;
	return randstate * 0x2545F4914F6CDD1DULL ^ rdtsc();
}

static long
consread(Chan *c, void *a, long n, vlong off)
{
	char buf[256];
	long i;
	uvlong r;
	uchar *p;

	switch((int)c->qid.path){
	case Qdir:
		return devdirread(c, a, n, consdir, nelem(consdir), devgen);
	case Qcons:
		fgnoteid = up->noteid;
		if(ctrld && qlen(kbdq) == 0){
			ctrld = 0;
			return 0;
		}
		return qread(kbdq, a, n);
	case Qnull:
		return 0;
	case Qzero:
		memset(a, 0, n);
		return n;
	case Qrandom:
		p = a;
		for(i = 0; i < n; i += 8){
			r = randomword();
			memmove(p + i, &r, n - i < 8 ? n - i : 8);
		}
		return n;
	case Qtime:
		snprint(buf, sizeof buf, "%11ld %21lld %21lld %21d\n", seconds(),
			(vlong)boottime*1000000000LL + fastticks2ns(rdtsc()), ticks, HZ);
		return readstr(off, a, n, buf);
	case Qpid:
		return readnum(off, a, n, up->pid, 12);
	case Qppid:
		return readnum(off, a, n, up->ppid, 12);
	case Qsysname:
		return readstr(off, a, n, sysname);
	case Quser:
		return readstr(off, a, n, up->user);
	case Qmemory:
		snprint(buf, sizeof buf, "pagesize %d\ntotal %d\nfree %d\nprocs %d\n",
			BY2PG, totalpages, nfreepages, nproc);
		return readstr(off, a, n, buf);
	case Qosversion:
		return readstr(off, a, n, "lux9 0.1\n");
	}
	error(Egreg);
}

static long
conswrite(Chan *c, void *a, long n, vlong off)
{
	char buf[64], *p;

	USED(off);
	switch((int)c->qid.path){
	case Qcons:
		putstrn(a, n);
		return n;
	case Qconsctl:
		if(n >= (long)sizeof buf)
			n = sizeof buf - 1;
		memmove(buf, a, n);
		buf[n] = 0;
		if(strncmp(buf, "rawon", 5) == 0){
			raw = 1;
			if(nline > 0)
				qproduce(kbdq, line, nline);
			nline = 0;
		}else if(strncmp(buf, "rawoff", 6) == 0)
			raw = 0;
		else
			error(Ebadctl);
		return n;
	case Qnull:
		return n;
	case Qsysname:
		if(n <= 0 || n >= KNAMELEN)
			error(Ebadarg);
		p = smalloc(n+1);
		memmove(p, a, n);
		p[n] = 0;
		if(p[n-1] == '\n')
			p[n-1] = 0;
		free(sysname);
		sysname = p;
		return n;
	case Qreboot:
		if(n >= (long)sizeof buf)
			n = sizeof buf - 1;
		memmove(buf, a, n);
		buf[n] = 0;
		if(strncmp(buf, "halt", 4) == 0){
			print("lux9: halted\n");
			machexit(0);
		}
		if(strncmp(buf, "reboot", 6) == 0){
			print("lux9: rebooting\n");
			machreboot();
		}
		if(strncmp(buf, "exit ", 5) == 0)
			machexit(strtol(buf+5, nil, 0));
		error(Ebadctl);
	}
	error(Eperm);
}

Dev consdevtab = {
	'c', "cons",
	consreset, consattach, conswalk, consstat, consopen, devcreate,
	consclose, consread, conswrite, devremove, devwstat,
};
