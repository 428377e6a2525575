/*
 * mount: attach the 9P server behind a /srv file (or any file holding
 * a 9P conversation) to old, as bind does for names: replacing it, or
 * in a union after (-a) or before (-b) it; -c allows creation.
 */
#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: mount [-b|-a|-c|-bc|-ac] servename old [spec]\n");
	exits("usage");
}

void
main(int argc, char **argv)
{
	int flag, fd;

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
	default:
		usage();
	}ARGEND
	if(argc < 2 || argc > 3 || (flag & MAFTER && flag & MBEFORE))
		usage();
	fd = open(argv[0], ORDWR);
	if(fd < 0){
		fprint(2, "mount: %s: %r\n", argv[0]);
		exits("open");
	}
	if(mount(fd, -1, argv[1], flag, argc == 3 ? argv[2] : "") < 0){
		fprint(2, "mount: %s %s: %r\n", argv[0], argv[1]);
		exits("mount");
	}
	exits(nil);
}
