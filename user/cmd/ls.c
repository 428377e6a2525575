/*
 * ls: list files and directory contents, as Plan 9's ls does.  Every
 * entry from every argument is gathered first so that the -l columns
 * line up and the sort covers the whole listing.  Entries of a named
 * directory are shown with the directory as a prefix (ls /bin prints
 * /bin/cat), except for "." and with -p.
 */
#include <u.h>
#include <libc.h>

typedef struct Ent Ent;
struct Ent {
	Dir *d;
	char *prefix;		/* directory the entry came from, or nil */
};

static Ent *ents;
static int nents, aents;
static int dflag, lflag, pflag, qflag, sflag, tflag, rflag, nflag, uflag, Fflag, Qflag;
static char *err;
static long now;

static char *mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* wall-clock seconds from /dev/time (nsec() counts from boot) */
static long
walltime(void)
{
	char buf[128];
	int fd, n;

	fd = open("/dev/time", OREAD);
	if(fd < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 0)
		return 0;
	buf[n] = 0;
	return strtol(buf, nil, 10);
}

static void
usage(void)
{
	fprint(2, "usage: ls [-dlnpqrstuFQ] [file ...]\n");
	exits("usage");
}

static void
add(Dir *d, char *prefix)
{
	if(nents == aents){
		aents = aents ? 2*aents : 64;
		ents = realloc(ents, aents * sizeof ents[0]);
		if(ents == nil){
			fprint(2, "ls: out of memory\n");
			exits("no memory");
		}
	}
	ents[nents].d = d;
	ents[nents].prefix = prefix;
	nents++;
}

static void
lsarg(char *name)
{
	Dir *d, *db;
	long n, i;
	int fd;

	d = dirstat(name);
	if(d == nil){
		fprint(2, "ls: %s: %r\n", name);
		err = "errors";
		return;
	}
	if(dflag || (d->qid.type & QTDIR) == 0){
		/* show the name as given, not the last element the server reports */
		d->name = name;
		add(d, nil);
		return;
	}
	free(d);
	fd = open(name, OREAD);
	if(fd < 0){
		fprint(2, "ls: %s: %r\n", name);
		err = "errors";
		return;
	}
	n = dirreadall(fd, &db);
	close(fd);
	if(n < 0){
		fprint(2, "ls: %s: %r\n", name);
		err = "errors";
		return;
	}
	for(i = 0; i < n; i++)
		add(&db[i], strcmp(name, ".") == 0 ? nil : name);
}

static int
entcmp(const void *va, const void *vb)
{
	const Ent *a, *b;
	long ta, tb;
	int c;

	a = va;
	b = vb;
	c = 0;
	if(tflag){
		ta = uflag ? a->d->atime : a->d->mtime;
		tb = uflag ? b->d->atime : b->d->mtime;
		if(ta != tb)
			c = ta > tb ? -1 : 1;	/* newest first */
	}
	/* by the name as printed: the directory it came from, then its own */
	if(c == 0 && a->prefix != b->prefix)
		c = strcmp(a->prefix ? a->prefix : "", b->prefix ? b->prefix : "");
	if(c == 0)
		c = strcmp(a->d->name, b->d->name);
	return rflag ? -c : c;
}

static char*
modestr(char *buf, ulong m)
{
	static char *rwx[] = {"---", "--x", "-w-", "-wx", "r--", "r-x", "rw-", "rwx"};

	if(m & DMDIR)
		buf[0] = 'd';
	else if(m & DMAPPEND)
		buf[0] = 'a';
	else if(m & DMAUTH)
		buf[0] = 'A';
	else
		buf[0] = '-';
	buf[1] = (m & DMEXCL) ? 'l' : '-';
	snprint(buf+2, 10, "%s%s%s", rwx[(m>>6)&7], rwx[(m>>3)&7], rwx[m&7]);
	return buf;
}

/* "Nov 24 05:20" within half a year of now, else "Nov 24  2025" (GMT) */
static char*
timestr(char *buf, int n, long t)
{
	static int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	long days, secs, y, yl;
	int m, ml, leap;

	days = t / 86400;
	secs = t % 86400;
	if(secs < 0){
		secs += 86400;
		days--;
	}
	y = 1970;
	for(;;){
		leap = (y%4 == 0 && y%100 != 0) || y%400 == 0;
		yl = leap ? 366 : 365;
		if(days < 0){
			y--;
			leap = (y%4 == 0 && y%100 != 0) || y%400 == 0;
			days += leap ? 366 : 365;
			continue;
		}
		if(days < yl)
			break;
		days -= yl;
		y++;
	}
	for(m = 0; m < 11; m++){
		ml = mdays[m] + (m == 1 && leap);
		if(days < ml)
			break;
		days -= ml;
	}
	if(t > now - 180L*86400 && t < now + 180L*86400)
		snprint(buf, n, "%s %2ld %.2ld:%.2ld", mon[m], days+1, secs/3600, secs/60%60);
	else
		snprint(buf, n, "%s %2ld %5ld", mon[m], days+1, y);
	return buf;
}

static void
output(void)
{
	char mbuf[16], tbuf[32], *name;
	int i, wdev, wuid, wgid, wlen, wsize, w;
	Dir *d;

	wdev = wuid = wgid = wlen = wsize = 0;
	for(i = 0; i < nents; i++){
		d = ents[i].d;
		if((w = snprint(tbuf, sizeof tbuf, "%ud", d->dev)) > wdev)
			wdev = w;
		if((w = strlen(d->uid)) > wuid)
			wuid = w;
		if((w = strlen(d->gid)) > wgid)
			wgid = w;
		if((w = snprint(tbuf, sizeof tbuf, "%llud", d->length)) > wlen)
			wlen = w;
		if((w = snprint(tbuf, sizeof tbuf, "%llud", (d->length+1023)/1024)) > wsize)
			wsize = w;
	}
	for(i = 0; i < nents; i++){
		d = ents[i].d;
		if(sflag)
			print("%*llud ", wsize, (d->length+1023)/1024);
		if(qflag)
			print("(%.16llux %ud %.2uo) ", d->qid.path, d->qid.vers, d->qid.type);
		if(lflag)
			print("%s %C %*ud %-*s %-*s %*llud %s ", modestr(mbuf, d->mode),
				d->type ? d->type : 'M', wdev, d->dev, wuid, d->uid, wgid, d->gid,
				wlen, d->length, timestr(tbuf, sizeof tbuf, uflag ? d->atime : d->mtime));
		name = d->name;
		if(!pflag && ents[i].prefix != nil){
			w = strlen(ents[i].prefix);
			name = smprint("%s%s%s", ents[i].prefix,
				w > 0 && ents[i].prefix[w-1] == '/' ? "" : "/", d->name);
		}else if(pflag && ents[i].prefix == nil && strrchr(name, '/') != nil && name[1] != 0)
			name = strrchr(name, '/') + 1;
		print(Qflag ? "%s" : "%q", name);
		if(Fflag){
			if(d->qid.type & QTDIR)
				print("/");
			else if(d->mode & 0111)
				print("*");
		}
		print("\n");
	}
}

void
main(int argc, char **argv)
{
	int i;

	ARGBEGIN{
	case 'd': dflag = 1; break;
	case 'l': lflag = 1; break;
	case 'n': nflag = 1; break;
	case 'p': pflag = 1; break;
	case 'q': qflag = 1; break;
	case 'r': rflag = 1; break;
	case 's': sflag = 1; break;
	case 't': tflag = 1; break;
	case 'u': uflag = 1; break;
	case 'F': Fflag = 1; break;
	case 'Q': Qflag = 1; break;
	default: usage();
	}ARGEND
	now = walltime();
	if(argc == 0)
		lsarg(".");
	for(i = 0; i < argc; i++)
		lsarg(argv[i]);
	if(!nflag)
		qsort(ents, nents, sizeof ents[0], entcmp);
	output();
	exits(err);
}
