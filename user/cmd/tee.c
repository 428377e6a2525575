/*
 * tee - copy standard input to standard output and to each file.
 * A file that cannot be opened or written is reported and dropped;
 * the copy goes on to the others.
 */
#include <u.h>
#include <libc.h>

enum { Maxfiles = 100 };

static void
usage(void)
{
	fprint(2, "usage: tee [-ai] [file ...]\n");
	exits("usage");
}

/* teeignore drops interrupts, for -i */
static int
teeignore(void *a, char *msg)
{
	USED(a);
	return strcmp(msg, "interrupt") == 0;
}

void
main(int argc, char *argv[])
{
	int fd[Maxfiles+1];
	char *name[Maxfiles+1], buf[8192], *status;
	int aflag, n, nfd, i;
	long m;

	aflag = 0;
	ARGBEGIN{
	case 'a':
		aflag = 1;
		break;
	case 'i':
		atnotify(teeignore, 1);
		break;
	default:
		usage();
	}ARGEND
	if(argc > Maxfiles){
		fprint(2, "tee: more than %d files\n", Maxfiles);
		exits("too many files");
	}

	status = nil;
	fd[0] = 1;
	name[0] = "stdout";
	nfd = 1;
	for(i = 0; i < argc; i++){
		n = -1;
		if(aflag){
			n = open(argv[i], OWRITE);
			if(n >= 0)
				seek(n, 0, 2);
		}
		if(n < 0)
			n = create(argv[i], OWRITE, 0666);
		if(n < 0){
			fprint(2, "tee: %s: %r\n", argv[i]);
			status = "create";
			continue;
		}
		fd[nfd] = n;
		name[nfd++] = argv[i];
	}
	while((m = read(0, buf, sizeof buf)) > 0){
		for(i = 0; i < nfd; i++){
			if(fd[i] < 0)
				continue;
			if(write(fd[i], buf, m) != m){
				fprint(2, "tee: %s: write error: %r\n", name[i]);
				status = "write error";
				close(fd[i]);
				fd[i] = -1;
			}
		}
	}
	if(m < 0){
		fprint(2, "tee: read error: %r\n");
		status = "read error";
	}
	exits(status);
}
