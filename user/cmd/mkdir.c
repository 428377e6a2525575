/*
 * mkdir: make directories.  With -p the missing parents are made too
 * and a directory that exists already is not an error; -m sets the
 * permissions (octal, default 0777 less what the parent withholds).
 */
#include <u.h>
#include <libc.h>

static int pflag;
static ulong mode = 0777;

static void
usage(void)
{
	fprint(2, "usage: mkdir [-p] [-m mode] dir ...\n");
	exits("usage");
}

static int
isdir(char *name)
{
	Dir *d;
	int r;

	d = dirstat(name);
	if(d == nil)
		return 0;
	r = (d->qid.type & QTDIR) != 0;
	free(d);
	return r;
}

static int
makedir(char *name)
{
	int fd;

	if(pflag && isdir(name))
		return 0;
	fd = create(name, OREAD, DMDIR | mode);
	if(fd < 0){
		fprint(2, "mkdir: %s: %r\n", name);
		return -1;
	}
	close(fd);
	return 0;
}

/* make each ancestor of name in turn, then name itself */
static int
makepath(char *name)
{
	char *p;

	for(p = name + 1; *p; p++){
		if(*p != '/')
			continue;
		*p = 0;
		if(!isdir(name) && makedir(name) < 0){
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return makedir(name);
}

void
main(int argc, char **argv)
{
	char *err, *s, *e;
	int i;

	ARGBEGIN{
	case 'p':
		pflag = 1;
		break;
	case 'm':
		s = EARGF(usage());
		mode = strtoul(s, &e, 8);
		if(*s == 0 || *e != 0 || mode > 0777)
			usage();
		break;
	default:
		usage();
	}ARGEND
	if(argc == 0)
		usage();
	err = nil;
	for(i = 0; i < argc; i++){
		cleanname(argv[i]);
		if((pflag ? makepath(argv[i]) : makedir(argv[i])) < 0)
			err = "error";
	}
	exits(err);
}
