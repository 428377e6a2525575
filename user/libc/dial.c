/*
 * Network connections the Plan 9 way, through files: /net/cs turns an
 * address like tcp!host!port into lines "clonefile address"; opening a
 * clone file makes a new conversation (reading it gives its number)
 * and is that conversation's ctl file, where "connect address" or
 * "announce address" is written; data then flows through its data
 * file.  Without /net/cs, net!host!port means /net/net/clone and host!port.
 */
#include <u.h>
#include <libc.h>

enum {
	Maxcs = 1024,		/* bytes of /net/cs answer */
};

char*
netmkaddr(const char *addr, const char *net, const char *service)
{
	static char buf[256];
	const char *p;

	p = strchr(addr, '!');
	if(p == nil){
		if(service == nil)
			snprint(buf, sizeof buf, "%s!%s", net, addr);
		else
			snprint(buf, sizeof buf, "%s!%s!%s", net, addr, service);
		return buf;
	}
	if(service == nil || strchr(p + 1, '!') != nil){
		snprint(buf, sizeof buf, "%s", addr);
		return buf;
	}
	snprint(buf, sizeof buf, "%s!%s", addr, service);
	return buf;
}

/*
 * csquery asks /net/cs to translate addr; it returns the answer lines
 * in buf, or makes the one line itself if there is no /net/cs.
 */
static int
csquery(const char *addr, char *buf, int n)
{
	const char *p;
	long m;
	int fd;

	fd = open("/net/cs", ORDWR);
	if(fd < 0){
		p = strchr(addr, '!');
		if(p == nil || p == addr){
			werrstr("bad network address %q", addr);
			return -1;
		}
		snprint(buf, n, "/net/%.*s/clone %s\n", (int)(p - addr), addr, p + 1);
		return 0;
	}
	if(write(fd, addr, strlen(addr)) < 0){
		close(fd);
		return -1;
	}
	seek(fd, 0, SEEKSET);
	m = readn(fd, buf, n - 1);
	close(fd);
	if(m <= 0){
		werrstr("cs gave no answer for %q", addr);
		return -1;
	}
	buf[m] = 0;
	return 0;
}

/*
 * convdir names a conversation: the directory holding path (a clone
 * file, or a sibling conversation), then the number read from ctl.
 */
static void
convdir(char *dir, int n, const char *clone, int ctl)
{
	char num[32];
	const char *slash;
	long m;

	m = pread(ctl, num, sizeof num - 1, 0);
	if(m < 0)
		m = 0;
	num[m] = 0;
	while(m > 0 && (num[m-1] == '\n' || num[m-1] == ' '))
		num[--m] = 0;
	slash = strrchr(clone, '/');
	snprint(dir, n, "%.*s/%s", slash != nil ? (int)(slash - clone) : 0, clone, num);
}

/*
 * callkind writes "verb address" into a new conversation for each
 * translation of addr in turn until one works; it returns the ctl fd
 * and sets dir, or -1 with the last error.
 */
static int
callkind(const char *addr, const char *verb, const char *local, char *dir)
{
	char cs[Maxcs], *line, *next, *sp, err[ERRMAX];
	int ctl;

	if(csquery(addr, cs, sizeof cs) < 0)
		return -1;
	strecpy(err, err + sizeof err, "no translation");
	for(line = cs; *line != 0; line = next){
		next = strchr(line, '\n');
		if(next != nil)
			*next++ = 0;
		else
			next = line + strlen(line);
		sp = strchr(line, ' ');
		if(sp == nil)
			continue;
		*sp++ = 0;
		ctl = open(line, ORDWR);
		if(ctl < 0){
			rerrstr(err, sizeof err);
			continue;
		}
		convdir(dir, NETPATHLEN, line, ctl);
		if((local != nil ? fprint(ctl, "%s %s %s", verb, sp, local) : fprint(ctl, "%s %s", verb, sp)) < 0){
			rerrstr(err, sizeof err);
			close(ctl);
			continue;
		}
		return ctl;
	}
	werrstr("%s", err);
	return -1;
}

int
dial(const char *addr, const char *local, char *dir, int *cfdp)
{
	char d[NETPATHLEN], data[NETPATHLEN + 8];
	int ctl, fd;

	ctl = callkind(addr, "connect", local, d);
	if(ctl < 0)
		return -1;
	snprint(data, sizeof data, "%s/data", d);
	fd = open(data, ORDWR);
	if(fd < 0){
		close(ctl);
		return -1;
	}
	if(dir != nil)
		strecpy(dir, dir + NETPATHLEN, d);
	if(cfdp != nil)
		*cfdp = ctl;
	else
		close(ctl);
	return fd;
}

int
announce(const char *addr, char *dir)
{
	char d[NETPATHLEN];
	int ctl;

	ctl = callkind(addr, "announce", nil, d);
	if(ctl >= 0 && dir != nil)
		strecpy(dir, dir + NETPATHLEN, d);
	return ctl;
}

/* listen waits for a call on an announced dir; it returns the new conversation's ctl fd */
int
listen(const char *dir, char *newdir)
{
	char file[NETPATHLEN + 8];
	int ctl;

	snprint(file, sizeof file, "%s/listen", dir);
	ctl = open(file, ORDWR);
	if(ctl < 0)
		return -1;
	convdir(newdir, NETPATHLEN, dir, ctl);	/* a sibling of dir */
	return ctl;
}

int
accept(int ctl, const char *dir)
{
	char file[NETPATHLEN + 8];
	const char *num;

	num = strrchr(dir, '/');
	fprint(ctl, "accept %s", num != nil ? num + 1 : dir);
	snprint(file, sizeof file, "%s/data", dir);
	return open(file, ORDWR);
}

int
reject(int ctl, const char *dir, const char *cause)
{
	const char *num;

	num = strrchr(dir, '/');
	return fprint(ctl, "reject %s %s", num != nil ? num + 1 : dir, cause != nil ? cause : "rejected") < 0 ? -1 : 0;
}

int
hangup(int ctl)
{
	return write(ctl, "hangup", 6) == 6 ? 0 : -1;
}
