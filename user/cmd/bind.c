/*
 * bind: make the file new also visible as old, replacing it (default)
 * or joining a union directory after (-a) or before (-b) it; -c allows
 * files to be created in the union.
 */
#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: bind [-b|-a|-c|-bc|-ac] new old\n");
	exits("usage");
}

void
main(int argc, char **argv)
{
	int flag;

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
	if(argc != 2 || (flag & MAFTER && flag & MBEFORE))
		usage();
	if(bind(argv[0], argv[1], flag) < 0){
		fprint(2, "bind: %s %s: %r\n", argv[0], argv[1]);
		exits("bind");
	}
	exits(nil);
}
