/*
 * clockfs: a synthetic file server, the smallest useful one on lib/9p.
 * Nothing is stored: every file's contents are computed when it is read.
 *	time	seconds since the epoch
 *	nsec	the system clock in nanoseconds (nsec(2))
 *	reads	how many times this server has computed a file's contents
 * A file is computed when it is read at offset 0; reads further on in
 * the same open file continue that text, so a reader taking it in
 * small pieces still gets one consistent value.
 *	clockfs [-s srvname] [-m mountpoint]
 * See clockfs(4).
 */
#include <u.h>
#include <libc.h>
#include <9psrv.h>
#include "srvpipe.h"

enum {
	Qroot, Qtime, Qnsec, Qreads, Nfile,
};

static char *names[Nfile] = {
	[Qroot] = "/", [Qtime] = "time", [Qnsec] = "nsec", [Qreads] = "reads",
};
static char *owner;
static uvlong nreads;

static void
clkfill(int q, Dir *d)
{
	memset(d, 0, sizeof *d);
	d->qid.path = q;
	d->qid.type = q == Qroot ? QTDIR : QTFILE;
	d->mode = q == Qroot ? DMDIR|0555 : 0444;
	d->mtime = d->atime = time(nil);
	d->name = names[q];
	d->uid = d->gid = d->muid = owner;
}

static void
clkattach(Req *r)
{
	r->fid->qid = (Qid){Qroot, 0, QTDIR};
	r->ofcall.qid = r->fid->qid;
	srvrespond(r, nil);
}

static char *
clkwalk1(Fid *fid, char *name, Qid *qid)
{
	int q;

	if(fid->qid.path != Qroot)
		return Enotdir;
	if(strcmp(name, "..") == 0){
		*qid = fid->qid;
		return nil;
	}
	for(q = Qroot + 1; q < Nfile; q++)
		if(strcmp(name, names[q]) == 0){
			*qid = (Qid){q, 0, QTFILE};
			return nil;
		}
	return Enotfound;
}

static void
clkopen(Req *r)
{
	if((r->ifcall.mode & 3) != OREAD || r->ifcall.mode & (OTRUNC|ORCLOSE)){
		srvrespond(r, Eperm);
		return;
	}
	r->ofcall.qid = r->fid->qid;
	srvrespond(r, nil);
}

static int
clkgen(uint32_t n, Dir *d, void *aux)
{
	USED(aux);
	if(n >= Nfile - 1)
		return -1;
	clkfill(Qroot + 1 + n, d);
	return 0;
}

static void
clkread(Req *r)
{
	char buf[32];

	if(r->fid->qid.path == Qroot){
		srvrespond(r, srvdirread(r, clkgen, nil));
		return;
	}
	if(r->ifcall.offset == 0 || r->fid->aux == nil){
		switch(r->fid->qid.path){
		case Qtime:
			snprint(buf, sizeof buf, "%ld\n", time(nil));
			break;
		case Qnsec:
			snprint(buf, sizeof buf, "%lld\n", nsec());
			break;
		case Qreads:
			snprint(buf, sizeof buf, "%llud\n", nreads + 1);
			break;
		default:
			srvrespond(r, Ebotch);
			return;
		}
		free(r->fid->aux);
		r->fid->aux = strdup(buf);
		if(r->fid->aux == nil){
			srvrespond(r, "out of memory");
			return;
		}
		nreads++;
	}
	srvreadstr(r, r->fid->aux);
	srvrespond(r, nil);
}

static void
clkclunk(Fid *fid)
{
	free(fid->aux);
	fid->aux = nil;
}

static void
clkstat(Req *r)
{
	if(r->fid->qid.path >= Nfile){
		srvrespond(r, Ebotch);
		return;
	}
	clkfill(r->fid->qid.path, &r->d);
	srvrespond(r, nil);
}

static void
usage(void)
{
	fprint(2, "usage: clockfs [-s srvname] [-m mountpoint]\n");
	exits("usage");
}

void
main(int argc, char *argv[])
{
	char *srvname, *mtpt;
	Srv s;

	srvname = mtpt = nil;
	ARGBEGIN{
	case 's':
		srvname = EARGF(usage());
		break;
	case 'm':
		mtpt = EARGF(usage());
		break;
	default:
		usage();
	}ARGEND
	if(argc != 0 || (srvname == nil && mtpt == nil))
		usage();
	if(srvname != nil && (srvname[0] == 0 || strchr(srvname, '/') != nil ||
	   strlen(srvname) > 40))
		sysfatal("bad service name: %s", srvname);
	owner = getenv("user");
	if(owner == nil)
		owner = "lux9";
	memset(&s, 0, sizeof s);
	s.attach = clkattach;
	s.walk1 = clkwalk1;
	s.open = clkopen;
	s.read = clkread;
	s.stat = clkstat;
	s.clunk = clkclunk;
	if(srvpipe(&s, srvname, mtpt, MREPL) < 0)
		sysfatal("%r");
	exits(nil);
}
