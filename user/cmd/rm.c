/*
 * rm: remove files.  -r removes a directory's contents first; -f keeps
 * quiet about files that cannot be removed.
 */
#include <u.h>
#include <libc.h>

static int rflag, fflag;
static char *err;

static void
usage(void)
{
	fprint(2, "usage: rm [-fr] file ...\n");
	exits("usage");
}

static void
failed(char *name)
{
	/* with -f a file that cannot be removed is neither reported nor an error */
	if(fflag)
		return;
	fprint(2, "rm: %s: %r\n", name);
	err = "error";
}

/* remove everything inside the directory name */
static void
rmcontents(char *name)
{
	Dir *db;
	long n, i;
	char *path;
	int fd;

	fd = open(name, OREAD);
	if(fd < 0){
		failed(name);
		return;
	}
	n = dirreadall(fd, &db);
	close(fd);
	if(n < 0){
		failed(name);
		return;
	}
	for(i = 0; i < n; i++){
		path = smprint("%s/%s", name, db[i].name);
		if(path == nil){
			fprint(2, "rm: out of memory\n");
			exits("no memory");
		}
		if(remove(path) < 0){
			if(db[i].qid.type & QTDIR){
				rmcontents(path);
				if(remove(path) < 0)
					failed(path);
			}else
				failed(path);
		}
		free(path);
	}
	free(db);
}

void
main(int argc, char **argv)
{
	char ebuf[ERRMAX];
	Dir *d;
	int i;

	ARGBEGIN{
	case 'r':
		rflag = 1;
		break;
	case 'f':
		fflag = 1;
		break;
	default:
		usage();
	}ARGEND
	if(argc == 0)
		usage();
	for(i = 0; i < argc; i++){
		if(remove(argv[i]) == 0)
			continue;
		rerrstr(ebuf, sizeof ebuf);
		if(rflag && (d = dirstat(argv[i])) != nil){
			if(d->qid.type & QTDIR){
				free(d);
				rmcontents(argv[i]);
				if(remove(argv[i]) < 0)
					failed(argv[i]);
				continue;
			}
			free(d);
		}
		werrstr("%s", ebuf);
		failed(argv[i]);
	}
	exits(err);
}
