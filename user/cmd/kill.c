/*
 * kill: with a process number, post the note "kill" to it; with a
 * name, print for each process of that name the rc command that
 * would kill it (echo kill>/proc/N/note # name), to be checked by eye
 * and piped to rc, as Plan 9's kill does.
 */
#include <u.h>
#include <libc.h>

static char *err;

static void
usage(void)
{
	fprint(2, "usage: kill pid|name ...\n");
	exits("usage");
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

static void
killpid(char *pid)
{
	char name[64];
	int fd;

	snprint(name, sizeof name, "/proc/%s/note", pid);
	fd = open(name, OWRITE);
	if(fd < 0 || write(fd, "kill", 4) != 4){
		fprint(2, "kill: %s: %r\n", pid);
		err = "error";
	}
	if(fd >= 0)
		close(fd);
}

/* print a kill command for every process called name */
static void
killname(char *want, Dir *db, long n)
{
	char name[64], buf[128];
	long i;
	int fd, m, found;

	found = 0;
	for(i = 0; i < n; i++){
		if(!isnum(db[i].name))
			continue;
		snprint(name, sizeof name, "/proc/%s/status", db[i].name);
		fd = open(name, OREAD);
		if(fd < 0)
			continue;	/* gone already */
		m = read(fd, buf, sizeof buf - 1);
		close(fd);
		if(m < 28)
			continue;
		buf[27] = 0;
		buf[strcspn(buf, " ")] = 0;
		if(strcmp(buf, want) == 0){
			print("echo kill>/proc/%s/note # %s\n", db[i].name, buf);
			found = 1;
		}
	}
	if(!found){
		fprint(2, "kill: %s: no such process\n", want);
		err = "not found";
	}
}

void
main(int argc, char **argv)
{
	Dir *db;
	long n;
	int i, fd;

	ARGBEGIN{
	default:
		usage();
	}ARGEND
	if(argc == 0)
		usage();
	db = nil;
	n = 0;
	for(i = 0; i < argc; i++){
		if(isnum(argv[i])){
			killpid(argv[i]);
			continue;
		}
		if(db == nil){
			fd = open("/proc", OREAD);
			if(fd < 0 || (n = dirreadall(fd, &db)) < 0){
				fprint(2, "kill: /proc: %r\n");
				exits("proc");
			}
			close(fd);
		}
		killname(argv[i], db, n);
	}
	exits(err);
}
