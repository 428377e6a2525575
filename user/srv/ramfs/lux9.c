/*
 * ramfs for Lux9: serve a RAM file tree over 9P on a pipe, and mount it
 * (default /tmp) and/or post it in /srv.  The server runs as its own
 * process and ends when the last mount of it is gone.
 *	ramfs [-u user] [-s srvname] [-m mountpoint | -n]
 */
#include <u.h>
#include <libc.h>
#include "ramfs.h"

static int srvfd;

static long
piperead(Srv *s, void *buf, long n)
{
	USED(s);
	return read(srvfd, buf, n);
}

static long
pipewrite(Srv *s, const void *buf, long n)
{
	USED(s);
	return write(srvfd, buf, n);
}

static uint32_t
now(void)
{
	return time(nil);
}

static void
usage(void)
{
	fprint(2, "usage: ramfs [-u user] [-s srvname] [-m mountpoint | -n]\n");
	exits("usage");
}

void
main(int argc, char *argv[])
{
	char *user, *srvname, *mtpt, buf[64];
	int p[2], fd;
	Ramfs *fs;
	Srv s;

	user = getenv("user");
	if(user == nil)
		user = "lux9";
	srvname = nil;
	mtpt = "/tmp";
	ARGBEGIN{
	case 'u':
		user = EARGF(usage());
		break;
	case 's':
		srvname = EARGF(usage());
		break;
	case 'm':
		mtpt = EARGF(usage());
		break;
	case 'n':
		mtpt = nil;
		break;
	default:
		usage();
	}ARGEND
	if(argc != 0)
		usage();

	fs = ramfsnew(user, now);
	if(fs == nil)
		sysfatal("ramfs: %r");
	if(pipe(p) < 0)
		sysfatal("ramfs: pipe: %r");
	switch(rfork(RFPROC|RFFDG|RFNOTEG|RFNAMEG|RFNOWAIT)){
	case -1:
		sysfatal("ramfs: fork: %r");
	case 0:
		close(p[0]);
		srvfd = p[1];
		memset(&s, 0, sizeof s);
		s.readfn = piperead;
		s.writefn = pipewrite;
		s.msize = 65536 + IOHDRSZ;
		ramfssrv(&s, fs);
		if(srvrun(&s) < 0)
			exits("protocol error");
		exits(nil);
	}
	close(p[1]);
	if(srvname != nil){
		snprint(buf, sizeof buf, "/srv/%s", srvname);
		fd = create(buf, OWRITE, 0666);
		if(fd < 0)
			sysfatal("ramfs: create %s: %r", buf);
		if(fprint(fd, "%d", p[0]) < 0)
			sysfatal("ramfs: post %s: %r", buf);
		close(fd);
	}
	if(mtpt != nil && mount(p[0], -1, mtpt, MREPL|MCREATE, "") < 0)
		sysfatal("ramfs: mount %s: %r", mtpt);
	exits(nil);
}
