/*
 * ps: report the processes, one line each as in Plan 9:
 *	user pid usertime systime memory state name
 * with times as minutes:seconds and memory in KiB; -a shows the
 * arguments the process was started with instead of its name.
 */
#include <u.h>
#include <libc.h>

static int aflag;

static void
usage(void)
{
	fprint(2, "usage: ps [-a]\n");
	exits("usage");
}

static int
readfile(char *name, char *buf, int n)
{
	int fd, m;

	fd = open(name, OREAD);
	if(fd < 0)
		return -1;
	m = readn(fd, buf, n - 1);
	close(fd);
	if(m < 0)
		return -1;
	buf[m] = 0;
	return m;
}

static int
pidcmp(const void *a, const void *b)
{
	long x, y;

	x = strtol(((Dir*)a)->name, nil, 10);
	y = strtol(((Dir*)b)->name, nil, 10);
	return x < y ? -1 : x > y;
}

static int
isnum(char *s)
{
	if(*s == 0)
		return 0;
	for(; *s; s++)
		if(*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* one process; it may have gone since /proc was read, which is no error */
static void
ps(char *pid)
{
	char name[64], buf[1024], args[1024], *f[12], *p;
	ulong utime, stime, mem;

	snprint(name, sizeof name, "/proc/%s/status", pid);
	if(readfile(name, buf, sizeof buf) < 0)
		return;
	/* name, user and state are fixed-width fields; the numbers follow */
	if(strlen(buf) < 3*28 || getfields(buf + 3*28, f, nelem(f), 1, " \t\n") < 4)
		return;
	utime = strtoul(f[0], nil, 10) / 1000;
	stime = strtoul(f[1], nil, 10) / 1000;
	mem = strtoul(f[3], nil, 10);
	buf[3*28 - 1] = 0;
	buf[2*28 - 1] = 0;
	buf[27] = 0;
	for(p = buf + 27; p > buf && p[-1] == ' '; )
		*--p = 0;
	for(p = buf + 2*28 - 1; p > buf + 28 && p[-1] == ' '; )
		*--p = 0;
	for(p = buf + 3*28 - 1; p > buf + 2*28 && p[-1] == ' '; )
		*--p = 0;
	p = buf;
	if(aflag){
		snprint(name, sizeof name, "/proc/%s/args", pid);
		if(readfile(name, args, sizeof args) > 0){
			args[strcspn(args, "\n")] = 0;
			if(args[0])
				p = args;
		}
	}
	print("%-10s %8s %4lud:%.2lud %3lud:%.2lud %7ludK %-8.8s %s\n",
		buf + 28, pid, utime/60, utime%60, stime/60, stime%60, mem, buf + 2*28, p);
}

void
main(int argc, char **argv)
{
	Dir *db;
	long n, i;
	int fd;

	ARGBEGIN{
	case 'a':
		aflag = 1;
		break;
	default:
		usage();
	}ARGEND
	if(argc != 0)
		usage();
	fd = open("/proc", OREAD);
	if(fd < 0){
		fprint(2, "ps: /proc: %r\n");
		exits("proc");
	}
	n = dirreadall(fd, &db);
	close(fd);
	if(n < 0){
		fprint(2, "ps: /proc: %r\n");
		exits("proc");
	}
	qsort(db, n, sizeof db[0], pidcmp);
	for(i = 0; i < n; i++)
		if(isnum(db[i].name))
			ps(db[i].name);
	exits(nil);
}
