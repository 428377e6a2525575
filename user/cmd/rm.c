/*
 * rm: remove files.  -r removes a directory's contents first; -f keeps
 * quiet about files that cannot be removed.
 */
#include <u.h>
#include <libc.h>

enum { Maxdepth = 512 };

static int rflag, fflag;
static char *err;
static Dir path[Maxdepth];	/* the directories being emptied, outermost first */

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

/*
 * Remove everything inside the directory name.  A bind can make a
 * directory appear inside itself: that loop is refused rather than
 * followed forever.
 */
static void
rmcontents(char *name, int depth)
{
	Dir *db, *d;
	long n, i;
	char *sub;
	int fd, j;

	fd = open(name, OREAD);
	if(fd < 0){
		failed(name);
		return;
	}
	/* the directory as opened, through any bind or mount on it */
	d = dirfstat(fd);
	if(d == nil){
		close(fd);
		failed(name);
		return;
	}
	for(j = 0; j < depth; j++)
		if(path[j].qid.path == d->qid.path && path[j].qid.type == d->qid.type &&
		   path[j].type == d->type && path[j].dev == d->dev)
			break;
	if(j < depth || depth == Maxdepth){
		werrstr(j < depth ? "directory loop" : "directories nested too deep");
		failed(name);
		free(d);
		close(fd);
		return;
	}
	path[depth] = *d;
	free(d);
	n = dirreadall(fd, &db);
	close(fd);
	if(n < 0){
		failed(name);
		return;
	}
	for(i = 0; i < n; i++){
		sub = smprint("%s/%s", name, db[i].name);
		if(sub == nil){
			fprint(2, "rm: out of memory\n");
			exits("no memory");
		}
		if(remove(sub) < 0){
			if(db[i].qid.type & QTDIR){
				rmcontents(sub, depth+1);
				if(remove(sub) < 0)
					failed(sub);
			}else
				failed(sub);
		}
		free(sub);
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
				rmcontents(argv[i], 0);
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
