/*
 * mv: rename files.  Within one directory the file is renamed in place
 * by wstat (so directories can be renamed too); across directories a
 * file is copied with cp -x and the original removed.
 */
#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: mv from to or mv from ... dir\n");
	exits("usage");
}

/* split a cleaned name into its directory and last element */
static char*
dirpart(char *name, char **elem)
{
	char *p, *dir;

	p = strrchr(name, '/');
	if(p == nil){
		*elem = name;
		return estrdup(".");
	}
	*elem = p + 1;
	if(p == name)
		return estrdup("/");
	dir = estrdup(name);
	dir[p - name] = 0;
	return dir;
}

static int
samefile(Dir *a, Dir *b)
{
	return a->qid.path == b->qid.path && a->qid.type == b->qid.type &&
		a->type == b->type && a->dev == b->dev;
}

/* run cp -x from to and wait for it */
static int
copyacross(char *from, char *to)
{
	char *args[5];
	Waitmsg *w;
	int pid, ok;

	args[0] = "cp";
	args[1] = "-x";
	args[2] = from;
	args[3] = to;
	args[4] = nil;
	pid = rfork(RFPROC|RFFDG);
	if(pid < 0){
		fprint(2, "mv: fork: %r\n");
		return -1;
	}
	if(pid == 0){
		exec("/bin/cp", args);
		fprint(2, "mv: exec /bin/cp: %r\n");
		exits("exec");
	}
	while((w = wait()) != nil){
		if(w->pid == pid){
			ok = w->msg[0] == 0;
			free(w);
			return ok ? 0 : -1;
		}
		free(w);
	}
	return -1;
}

static int
mv(char *from, char *to)
{
	char *fdir, *tdir, *felem, *telem;
	Dir *fd, *td, nd;
	int r;

	fd = dirstat(from);
	if(fd == nil){
		fprint(2, "mv: %s: %r\n", from);
		return -1;
	}
	td = dirstat(to);
	if(td != nil && samefile(fd, td)){
		fprint(2, "mv: %s and %s are the same file\n", from, to);
		free(fd);
		free(td);
		return -1;
	}
	fdir = dirpart(from, &felem);
	tdir = dirpart(to, &telem);
	r = -1;
	if(strcmp(fdir, tdir) == 0){
		/* a rename does not replace; remove an old file of the new name first */
		if(td != nil && remove(to) < 0)
			fprint(2, "mv: %s: %r\n", to);
		else{
			nulldir(&nd);
			nd.name = telem;
			if((r = dirwstat(from, &nd)) < 0)
				fprint(2, "mv: %s: %r\n", from);
		}
	}else if(fd->qid.type & QTDIR)
		fprint(2, "mv: %s: cannot move a directory to another directory\n", from);
	else if(copyacross(from, to) == 0){
		if((r = remove(from)) < 0)
			fprint(2, "mv: %s: copied but not removed: %r\n", from);
	}
	free(fdir);
	free(tdir);
	free(fd);
	free(td);
	return r;
}

void
main(int argc, char **argv)
{
	char *err, *to, *base;
	Dir *d;
	int i, todir;

	ARGBEGIN{
	default:
		usage();
	}ARGEND
	if(argc < 2)
		usage();
	for(i = 0; i < argc; i++)
		cleanname(argv[i]);
	d = dirstat(argv[argc-1]);
	todir = d != nil && (d->qid.type & QTDIR);
	free(d);
	if(argc > 2 && !todir){
		fprint(2, "mv: %s: not a directory\n", argv[argc-1]);
		exits("usage");
	}
	err = nil;
	for(i = 0; i < argc-1; i++){
		to = argv[argc-1];
		if(todir){
			base = strrchr(argv[i], '/');
			base = base ? base+1 : argv[i];
			to = smprint("%s/%s", argv[argc-1], base);
		}
		if(to == nil || mv(argv[i], to) < 0)
			err = "error";
	}
	exits(err);
}
