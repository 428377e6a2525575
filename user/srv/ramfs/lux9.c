/*
 * ramfs for Lux9: serve a RAM file tree over 9P on a pipe, and mount it
 * (default /tmp) and/or post it in /srv.  The server runs as its own
 * process and ends when the last mount of it is gone.
 *	ramfs [-c] [-u user] [-s srvname] [-m mountpoint | -n]
 * Reads and writes of page-aligned buffers move pages (pages(5)) unless
 * -c says to copy every byte.
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
	fprint(2, "usage: ramfs [-c] [-u user] [-s srvname] [-m mountpoint | -n]\n");
	exits("usage");
}

void
main(int argc, char *argv[])
{
	char *user, *srvname, *mtpt;
	Ramfs *fs;
	Srv s;
	int copy;

	user = getenv("user");
	if(user == nil)
		user = "lux9";
	srvname = nil;
	mtpt = "/tmp";
	copy = 0;
	ARGBEGIN{
	case 'c':
		copy = 1;
		break;
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
	s.nopages = copy;
	if(srvpipe(&s, srvname, mtpt, MREPL|MCREATE) < 0)
		sysfatal("%r");
	exits(nil);
}
