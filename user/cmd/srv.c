/*
 * srv: post a file descriptor in /srv so other processes (and mount)
 * can open it, and optionally mount it.
 *	srv [-abc] [-f fd] name [mtpt]		post fd (default 0)
 *	srv [-abc] -e cmd name [mtpt]		start cmd (an rc command) with a
 *						pipe as its standard input and
 *						output; post the other end
 * With -e the command runs on after srv exits, like a file server
 * started by hand.  The posted file is /srv/name (or name if it
 * contains a /).
 */
#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: srv [-abc] [-e cmd | -f fd] name [mtpt]\n");
	exits("usage");
}

static int
startcmd(char *cmd)
{
	char *args[4];
	int p[2];

	if(pipe(p) < 0){
		fprint(2, "srv: pipe: %r\n");
		exits("pipe");
	}
	args[0] = "rc";
	args[1] = "-c";
	args[2] = cmd;
	args[3] = nil;
	switch(rfork(RFPROC|RFFDG|RFNOWAIT|RFNOTEG)){
	case -1:
		fprint(2, "srv: fork: %r\n");
		exits("fork");
	case 0:
		dup(p[1], 0);
		dup(p[1], 1);
		close(p[0]);
		close(p[1]);
		exec("/bin/rc", args);
		fprint(2, "srv: exec /bin/rc: %r\n");
		exits("exec");
	}
	close(p[1]);
	return p[0];
}

void
main(int argc, char **argv)
{
	char *cmd, *s, *e, *path, num[16];
	int fd, sfd, flag;

	cmd = nil;
	fd = 0;
	flag = MREPL;
	ARGBEGIN{
	case 'a':
		flag |= MAFTER;
		break;
	case 'b':
		flag |= MBEFORE;
		break;
	case 'c':
		flag |= MCREATE;
		break;
	case 'e':
		cmd = EARGF(usage());
		break;
	case 'f':
		s = EARGF(usage());
		fd = strtol(s, &e, 10);
		if(*s == 0 || *e != 0 || fd < 0 || fd > 10000)
			usage();
		break;
	default:
		usage();
	}ARGEND
	if(argc < 1 || argc > 2 || (flag & MAFTER && flag & MBEFORE) || *argv[0] == 0)
		usage();
	if(cmd != nil)
		fd = startcmd(cmd);
	path = strchr(argv[0], '/') ? argv[0] : smprint("/srv/%s", argv[0]);
	if(path == nil){
		fprint(2, "srv: out of memory\n");
		exits("no memory");
	}
	sfd = create(path, OWRITE, 0600);
	if(sfd < 0){
		fprint(2, "srv: %s: %r\n", path);
		exits("create");
	}
	snprint(num, sizeof num, "%d", fd);
	if(write(sfd, num, strlen(num)) != (long)strlen(num)){
		fprint(2, "srv: %s: %r\n", path);
		remove(path);
		exits("post");
	}
	close(sfd);
	if(argc == 2 && mount(fd, -1, argv[1], flag, "") < 0){
		fprint(2, "srv: mount %s %s: %r\n", path, argv[1]);
		exits("mount");
	}
	exits(nil);
}
