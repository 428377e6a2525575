/*
 * #/: the boot archive, read-only.  The cpio "newc" archive that came as a
 * boot module is indexed once at boot into a tree; file contents are read
 * in place.  Malformed archive entries are skipped with a message.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

typedef struct Rfile Rfile;
struct Rfile {
	char *name;
	ulong mode;
	uchar *data;
	uvlong length;
	int parent;
	int child;	/* first child */
	int sibling;
	ulong mtime;
};

static Rfile *files;
static int nfiles;
static int maxfiles;

static int
hex8(uchar *p, ulong *v)
{
	int i, c;

	*v = 0;
	for(i = 0; i < 8; i++){
		c = p[i];
		if(c >= '0' && c <= '9')
			c -= '0';
		else if(c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else if(c >= 'A' && c <= 'F')
			c -= 'A' - 10;
		else
			return -1;
		*v = *v << 4 | c;
	}
	return 0;
}

static int
addfile(char *name, int nlen, int parent, ulong mode)
{
	Rfile *f, *nf;
	char *s;

	if(nfiles == maxfiles){
		maxfiles = maxfiles ? 2*maxfiles : 64;
		nf = malloc(maxfiles * sizeof(Rfile));
		if(nf == nil)
			panic("devroot: no memory");
		memmove(nf, files, nfiles * sizeof(Rfile));
		free(files);
		files = nf;
	}
	s = malloc(nlen + 1);
	if(s == nil)
		panic("devroot: no memory");
	memmove(s, name, nlen);
	s[nlen] = 0;
	f = &files[nfiles];
	memset(f, 0, sizeof *f);
	f->name = s;
	f->mode = mode;
	f->parent = parent;
	f->child = -1;
	f->sibling = -1;
	if(parent >= 0){
		f->sibling = files[parent].child;
		files[parent].child = nfiles;
	}
	return nfiles++;
}

static int
lookup(int dir, char *name, int nlen)
{
	int i;

	for(i = files[dir].child; i >= 0; i = files[i].sibling)
		if((int)strlen(files[i].name) == nlen && memcmp(files[i].name, name, nlen) == 0)
			return i;
	return -1;
}

/* Find or make the file for path (a/b/c), making parent directories. */
static int
mkpath(char *path, int plen, ulong mode)
{
	int dir, i, n;
	char *e, *end;

	dir = 0;
	end = path + plen;
	while(path < end){
		while(path < end && *path == '/')
			path++;
		for(e = path; e < end && *e != '/'; e++)
			;
		n = e - path;
		if(n == 0)
			break;
		if(n == 1 && path[0] == '.'){
			path = e;
			continue;
		}
		i = lookup(dir, path, n);
		if(i < 0)
			i = addfile(path, n, dir, e == end ? mode : DMDIR|0555);
		else if(e == end)
			files[i].mode = mode;
		dir = i;
		path = e;
	}
	return dir;
}

static void
rootreset(void)
{
	uchar *p, *e;
	ulong mode, fsize, nsize, mtime;
	int i;
	char *name;

	addfile("/", 1, -1, DMDIR|0555);
	if(initrd == nil){
		print("root: no boot archive\n");
		return;
	}
	p = initrd;
	e = initrd + initrdlen;
	while(p + 110 <= e){
		if(memcmp(p, "070701", 6) != 0 && memcmp(p, "070702", 6) != 0){
			print("root: bad cpio header at %lud\n", (ulong)(p - initrd));
			break;
		}
		if(hex8(p+14, &mode) < 0 || hex8(p+46, &mtime) < 0 || hex8(p+54, &fsize) < 0 ||
		   hex8(p+94, &nsize) < 0 || nsize == 0 || nsize > 4096){
			print("root: bad cpio entry at %lud\n", (ulong)(p - initrd));
			break;
		}
		name = (char*)p + 110;
		if((uchar*)name + nsize > e)
			break;
		p = (uchar*)ROUNDUP((uintptr)(name + nsize), 4);
		if(p + fsize > e || p + fsize < p){
			print("root: truncated cpio entry\n");
			break;
		}
		if(nsize == 11 && memcmp(name, "TRAILER!!!", 10) == 0)
			break;
		if((mode & 0170000) == 0040000){
			i = mkpath(name, nsize-1, DMDIR | (mode & 0777));
			files[i].mtime = mtime;
		}else if((mode & 0170000) == 0100000){
			i = mkpath(name, nsize-1, mode & 0777);
			files[i].data = p;
			files[i].length = fsize;
			files[i].mtime = mtime;
		}
		p = (uchar*)ROUNDUP((uintptr)(p + fsize), 4);
	}
	print("root: %d files in the boot archive\n", nfiles);
}

static int
rootgen(Chan *c, char *name, Dirtab *tab, int ntab, int s, Dir *dp)
{
	int i;
	Rfile *f;
	Qid q;

	USED(name, tab, ntab);
	i = files[c->qid.path].child;
	for(; s > 0 && i >= 0; s--)
		i = files[i].sibling;
	if(i < 0)
		return -1;
	f = &files[i];
	mkqid(&q, i, 0, (f->mode & DMDIR) ? QTDIR : QTFILE);
	devdir(c, q, f->name, f->length, eve, f->mode, dp);
	dp->mtime = dp->atime = f->mtime;
	return 1;
}

static Chan*
rootattach(char *spec)
{
	if(*spec)
		error(Ebadarg);
	return devattach('/', spec);
}

static void
rootwalk(Chan *c, Chan *nc, char *name)
{
	int i;

	nc->qid = c->qid;
	if(name == nil)
		return;
	if((c->qid.type & QTDIR) == 0)
		error(Enotdir);
	i = lookup(c->qid.path, name, strlen(name));
	if(i < 0)
		error(Enonexist);
	mkqid(&nc->qid, i, 0, (files[i].mode & DMDIR) ? QTDIR : QTFILE);
}

static int
rootstat(Chan *c, uchar *db, int n)
{
	Rfile *f;
	Dir d;
	uint m;

	f = &files[c->qid.path];
	devdir(c, c->qid, c->qid.path == 0 ? "/" : f->name, f->length, eve, f->mode, &d);
	d.mtime = d.atime = f->mtime;
	m = dirsize(&d);
	if((uint)n < m)
		error(Eshort);
	return dirpack(&d, db, n);
}

static Chan*
rootopen(Chan *c, int omode)
{
	if((omode & 3) != OREAD && (omode & 3) != OEXEC)
		error(Eperm);
	if(omode & (OTRUNC|ORCLOSE))
		error(Eperm);
	return devopen(c, omode, nil, 0, rootgen);
}

static void
rootclose(Chan *c)
{
	USED(c);
}

static long
rootread(Chan *c, void *a, long n, vlong off)
{
	Rfile *f;

	if(c->qid.type & QTDIR)
		return devdirread(c, a, n, nil, 0, rootgen);
	f = &files[c->qid.path];
	if(off < 0)
		error(Ebadarg);
	if(off >= (vlong)f->length)
		return 0;
	if(off + n > (vlong)f->length)
		n = f->length - off;
	memmove(a, f->data + off, n);
	return n;
}

static long
rootwrite(Chan *c, void *a, long n, vlong off)
{
	USED(c, a, n, off);
	error(Eperm);
}

Dev rootdevtab = {
	'/', "root",
	rootreset, rootattach, rootwalk, rootstat, rootopen, devcreate,
	rootclose, rootread, rootwrite, devremove, devwstat,
};
