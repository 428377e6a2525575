/*
 * ramfs for Lux9: serve a RAM file tree over 9P on a pipe, and mount it
 * (default /tmp) and/or post it in /srv.  The server runs as its own
 * process and ends when the last mount of it is gone.
 *	ramfs [-u user] [-s srvname] [-m mountpoint | -n]
 */
#include <u.h>
#include <libc.h>
#include "ramfs.h"
#include "srvpipe.h"

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
	char *user, *srvname, *mtpt;
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
	memset(&s, 0, sizeof s);
	s.msize = 65536 + IOHDRSZ;
	ramfssrv(&s, fs);
	if(srvpipe(&s, srvname, mtpt, MREPL|MCREATE) < 0)
		sysfatal("%r");
	exits(nil);
}
