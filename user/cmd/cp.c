/*
 * cp: copy files.  cp from to copies one file; cp from ... dir copies
 * each into dir.  -r copies directories and what is inside them; -x
 * keeps the modification time as well as the permissions.
 */
#include <u.h>
#include <libc.h>

enum {
	Maxdepth = 512,
	Bufsize = 65536,
};

static int rflag, xflag;
static char *err;
static Dir *top;	/* the directory a cp -r is creating, not to be copied into itself */
static Dir path[Maxdepth];	/* the directories being copied, outermost first */
static char *buf;	/* page-aligned, so file servers can move pages (pages(5)) */

static void
usage(void)
{
	fprint(2, "usage: cp [-rx] from to or cp [-rx] from ... dir\n");
	exits("usage");
}

static void
failed(char *what, char *name)
{
	fprint(2, "cp: %s%s%s: %r\n", what, *what ? " " : "", name);
	err = "error";
}

static int
samefile(Dir *a, Dir *b)
{
	return a->qid.path == b->qid.path && a->qid.type == b->qid.type &&
		a->type == b->type && a->dev == b->dev;
}

static void
settimes(char *to, Dir *d)
{
	Dir nd;

	if(!xflag)
		return;
	nulldir(&nd);
	nd.mtime = d->mtime;
	if(dirwstat(to, &nd) < 0)
		failed("setting the time of", to);
}

static void copy(char*, char*, Dir*, int);

/*
 * A bind can make a directory appear inside itself; refuse to follow
 * such a loop (or a tree deeper than Maxdepth).  Otherwise note the
 * directory, as opened through any bind on it, at this depth.
 */
static int
inloop(int fd, char *name, int depth)
{
	Dir *d;
	int j;

	d = dirfstat(fd);
	if(d == nil){
		failed("stat", name);
		return -1;
	}
	for(j = 0; j < depth; j++)
		if(samefile(&path[j], d))
			break;
	if(j < depth || depth == Maxdepth){
		fprint(2, "cp: %s: %s\n", name, j < depth ? "directory loop" : "directories nested too deep");
		err = "loop";
		free(d);
		return -1;
	}
	path[depth] = *d;
	free(d);
	return 0;
}

static void
copydir(char *from, char *to, Dir *d, int depth)
{
	Dir *db, *td;
	long n, i;
	char *f, *t;
	int fd;

	fd = create(to, OREAD, DMDIR | (d->mode & 0777));
	if(fd >= 0)
		close(fd);
	/* an existing directory is merged into */
	td = dirstat(to);
	if(td == nil || (td->qid.type & QTDIR) == 0){
		free(td);
		failed("create", to);
		return;
	}
	if(depth == 0)
		top = td;
	fd = open(from, OREAD);
	if(fd < 0){
		failed("open", from);
		free(td);
		return;
	}
	if(inloop(fd, from, depth) < 0){
		close(fd);
		free(td);
		return;
	}
	n = dirreadall(fd, &db);
	close(fd);
	if(n < 0){
		failed("read", from);
		free(td);
		return;
	}
	for(i = 0; i < n; i++){
		/* cp -r a a/b/c must not copy a/b/c into itself forever */
		if(samefile(&db[i], top))
			continue;
		f = smprint("%s/%s", from, db[i].name);
		t = smprint("%s/%s", to, db[i].name);
		if(f == nil || t == nil){
			fprint(2, "cp: out of memory\n");
			exits("no memory");
		}
		copy(f, t, &db[i], depth+1);
		free(f);
		free(t);
	}
	free(db);
	if(depth == 0)
		top = nil;
	free(td);
	settimes(to, d);
}

static void
copy(char *from, char *to, Dir *d, int depth)
{
	Dir *td;
	long n;
	int ffd, tfd;

	td = dirstat(to);
	if(td != nil && samefile(d, td)){
		fprint(2, "cp: %s and %s are the same file\n", from, to);
		err = "same file";
		free(td);
		return;
	}
	free(td);
	if(d->qid.type & QTDIR){
		if(!rflag){
			fprint(2, "cp: %s: is a directory (use -r)\n", from);
			err = "directory";
			return;
		}
		copydir(from, to, d, depth);
		return;
	}
	ffd = open(from, OREAD);
	if(ffd < 0){
		failed("open", from);
		return;
	}
	tfd = create(to, OWRITE, d->mode & 0777);
	if(tfd < 0){
		failed("create", to);
		close(ffd);
		return;
	}
	while((n = read(ffd, buf, Bufsize)) > 0)
		if(write(tfd, buf, n) != n){
			failed("write", to);
			break;
		}
	if(n < 0)
		failed("read", from);
	close(ffd);
	close(tfd);
	settimes(to, d);
}

void
main(int argc, char **argv)
{
	Dir *d, *td;
	char *to, *base;
	int i, todir;

	ARGBEGIN{
	case 'r':
		rflag = 1;
		break;
	case 'x':
		xflag = 1;
		break;
	default:
		usage();
	}ARGEND
	if(argc < 2)
		usage();
	buf = aligned_alloc(4096, Bufsize);
	if(buf == nil)
		sysfatal("cp: %r");
	td = dirstat(argv[argc-1]);
	todir = td != nil && (td->qid.type & QTDIR);
	free(td);
	if(argc > 2 && !todir){
		fprint(2, "cp: %s: not a directory\n", argv[argc-1]);
		exits("usage");
	}
	for(i = 0; i < argc-1; i++){
		cleanname(argv[i]);
		d = dirstat(argv[i]);
		if(d == nil){
			failed("", argv[i]);
			continue;
		}
		to = argv[argc-1];
		if(todir){
			base = strrchr(argv[i], '/');
			base = base ? base+1 : argv[i];
			to = smprint("%s/%s", argv[argc-1], base);
			if(to == nil){
				fprint(2, "cp: out of memory\n");
				exits("no memory");
			}
		}
		copy(argv[i], to, d, 0);
		free(d);
	}
	exits(err);
}
