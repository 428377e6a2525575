/*
 * Namespaces: bind with MREPL, MBEFORE, MAFTER, MCREATE; union
 * directories; unmount; RFNAMEG isolation; device names; /srv and /fd;
 * every file /proc lists is readable.
 */
#include <u.h>
#include <libc.h>
#include "ktest.h"

static int
has(char *dir, char *name)
{
	Dir *d;
	int fd, i, n, found;

	fd = open(dir, OREAD);
	if(fd < 0)
		return 0;
	n = dirreadall(fd, &d);
	close(fd);
	found = 0;
	for(i = 0; i < n; i++)
		if(strcmp(d[i].name, name) == 0)
			found++;
	free(d);
	return found;
}

static void
mkfile(char *name, char *s)
{
	int fd;

	fd = create(name, OWRITE, 0666);
	check(fd >= 0, "create %s: %r", name);
	fprint(fd, "%s", s);
	close(fd);
}

static char*
cat(char *name)
{
	static char buf[128];
	int fd, n;

	buf[0] = 0;
	fd = open(name, OREAD);
	if(fd < 0)
		return "";
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

static void
readall(char *dir)
{
	Dir *d;
	int fd, i, n, f, m;
	char name[256], buf[8192];

	fd = open(dir, OREAD);
	check(fd >= 0, "open %s: %r", dir);
	n = dirreadall(fd, &d);
	close(fd);
	for(i = 0; i < n; i++){
		snprint(name, sizeof name, "%s/%s", dir, d[i].name);
		if(d[i].mode & DMDIR){
			readall(name);
			continue;
		}
		if((d[i].mode & 0444) == 0)
			continue;
		/* streams wait for input: reading them would block the test */
		if(strcmp(d[i].name, "cons") == 0 || strcmp(d[i].name, "eia1") == 0 ||
		   strcmp(d[i].name, "data") == 0 || strcmp(d[i].name, "data1") == 0)
			continue;
		f = open(name, OREAD);
		check(f >= 0, "listed but cannot open %s: %r", name);
		m = read(f, buf, sizeof buf);
		check(m >= 0, "listed but cannot read %s: %r", name);
		close(f);
	}
	free(d);
}

void
main(void)
{
	int fd, pid;
	char *s, buf[128];

	check(rfork(RFNAMEG) == 0, "rfork(RFNAMEG): %r");
	/* two directories in /tmp */
	check(bind("#|", "/n", MREPL) >= 0 || 1, "");
	fd = create("/tmp/A", OREAD, DMDIR|0777);
	close(fd);
	fd = create("/tmp/B", OREAD, DMDIR|0777);
	close(fd);
	mkfile("/tmp/A/a", "in A");
	mkfile("/tmp/A/both", "A's");
	mkfile("/tmp/B/b", "in B");
	mkfile("/tmp/B/both", "B's");

	check(bind("/tmp/A", "/mnt", MREPL) >= 0, "bind: %r");
	check(has("/mnt", "a") && !has("/mnt", "b"), "MREPL union");
	check(bind("/tmp/B", "/mnt", MAFTER) >= 0, "bind -a: %r");
	check(has("/mnt", "a") && has("/mnt", "b"), "MAFTER union has both");
	check(strcmp(cat("/mnt/both"), "A's") == 0, "MAFTER: first is A, got %s", cat("/mnt/both"));
	check(bind("/tmp/B", "/mnt", MBEFORE) >= 0, "bind -b: %r");
	check(strcmp(cat("/mnt/both"), "B's") == 0, "MBEFORE: first is B, got %s", cat("/mnt/both"));
	check(create("/mnt/new", OWRITE, 0666) < 0, "create in a union without MCREATE");
	check(bind("/tmp/A", "/mnt", MAFTER|MCREATE) >= 0, "bind -ac: %r");
	fd = create("/mnt/new", OWRITE, 0666);
	check(fd >= 0, "create in MCREATE union: %r");
	close(fd);
	check(exists("/tmp/A/new"), "created file is not in A");
	check(unmount("/tmp/B", "/mnt") >= 0, "unmount B: %r");
	check(!has("/mnt", "b"), "B still in the union");
	check(unmount(nil, "/mnt") >= 0, "unmount all: %r");
	check(!has("/mnt", "a"), "A still there");
	check(unmount(nil, "/mnt") < 0, "unmount of nothing");

	/* a child's namespace is its own with RFNAMEG */
	pid = rfork(RFPROC|RFNAMEG|RFFDG);
	if(pid == 0){
		bind("/tmp/A", "/mnt", MREPL);
		exits(has("/mnt", "a") ? nil : "child bind failed");
	}
	s = waitfor(pid);
	check(*s == 0, "child: %s", s);
	check(!has("/mnt", "a"), "child's bind leaked into the parent");

	/* lexical .. after a bind */
	check(bind("/tmp/A", "/n", MREPL) >= 0, "bind /n: %r");
	check(chdir("/n") == 0, "chdir: %r");
	check(exists("../tmp/B"), "lexical .. from a bound directory");
	check(getwd(buf, sizeof buf) != nil && strcmp(buf, "/n") == 0, "getwd: %s", buf);
	chdir("/");
	unmount(nil, "/n");

	/* device names */
	check(exists("#c/cons") && exists("#e") && exists("#p") && exists("#|/data1"), "device names");
	check(!exists("#Q"), "no such device");

	/* /fd and /srv */
	fd = open("/dev/null", OREAD);
	snprint(buf, sizeof buf, "/fd/%dctl", fd);
	check(strstr(cat(buf), "/dev/null") != nil, "fd ctl: %s", cat(buf));
	fd = create("/srv/kns", OWRITE, 0600);
	check(fd >= 0 && fprint(fd, "%d", 0) > 0, "post in /srv: %r");
	close(fd);
	check(exists("/srv/kns") && remove("/srv/kns") == 0, "remove /srv/kns: %r");

	/* everything /proc, /dev and /env list can be read */
	readall("/proc");
	readall("/dev");
	readall("/env");

	remove("/tmp/A/a"); remove("/tmp/A/both"); remove("/tmp/A/new");
	remove("/tmp/B/b"); remove("/tmp/B/both");
	remove("/tmp/A"); remove("/tmp/B");
	done();
}
