/*
 * touch: set the modification time of files to now (or to -t seconds),
 * creating files that do not exist unless -c is given.
 */
#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: touch [-c] [-t seconds] file ...\n");
	exits("usage");
}

/* wall-clock seconds from /dev/time (nsec() counts from boot) */
static long
walltime(void)
{
	char buf[128];
	int fd, n;

	fd = open("/dev/time", OREAD);
	if(fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 0)
		return -1;
	buf[n] = 0;
	return strtol(buf, nil, 10);
}

void
main(int argc, char **argv)
{
	char *err, *s, *e;
	long t;
	int i, cflag, fd;
	Dir d;

	cflag = 0;
	t = -1;
	ARGBEGIN{
	case 'c':
		cflag = 1;
		break;
	case 't':
		s = EARGF(usage());
		t = strtol(s, &e, 10);
		if(*s == 0 || *e != 0 || t < 0 || t > 0xFFFFFFFFL)
			usage();
		break;
	default:
		usage();
	}ARGEND
	if(argc == 0)
		usage();
	if(t < 0 && (t = walltime()) < 0){
		fprint(2, "touch: /dev/time: %r\n");
		exits("no time");
	}
	err = nil;
	for(i = 0; i < argc; i++){
		nulldir(&d);
		d.mtime = t;
		if(dirwstat(argv[i], &d) == 0)
			continue;
		if(access(argv[i], AEXIST) == 0 || cflag){
			fprint(2, "touch: %s: %r\n", argv[i]);
			err = "error";
			continue;
		}
		fd = create(argv[i], OREAD, 0666);
		if(fd < 0){
			fprint(2, "touch: %s: %r\n", argv[i]);
			err = "error";
			continue;
		}
		/* a new file takes the server's idea of now; -t asks for another */
		if(dirfwstat(fd, &d) < 0){
			fprint(2, "touch: %s: %r\n", argv[i]);
			err = "error";
		}
		close(fd);
	}
	exits(err);
}
