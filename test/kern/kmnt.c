/*
 * The mount driver against ramfs (a user-level 9P server): files and
 * directories, reads and writes crossing many messages, stat/wstat
 * (rename, mode, truncate), remove, union with bind, /srv posting,
 * and what happens when the server goes away.
 */
#include <u.h>
#include <libc.h>
#include "ktest.h"

static void
procs(void)
{
	int fd, n, i, sfd;
	Dir *d;
	char buf[256];

	fd = open("/proc", OREAD);
	n = dirreadall(fd, &d);
	close(fd);
	for(i = 0; i < n; i++){
		snprint(buf, sizeof buf, "/proc/%s/status", d[i].name);
		sfd = open(buf, OREAD);
		if(sfd < 0)
			continue;
		buf[read(sfd, buf, 100)] = 0;
		close(sfd);
		print("%s: %s\n", d[i].name, buf);
	}
	free(d);
}

static void
body(void *arg)
{
	char *argv[8], buf[256], *big, *big2;
	int fd, n, i;
	Dir *d, nd;

	USED(arg);
	argv[0] = "ramfs";
	argv[1] = "-m";
	argv[2] = "/tmp";
	argv[3] = "-s";
	argv[4] = "kmnt";
	argv[5] = nil;
	check(run("/bin/ramfs", argv), "ramfs failed");

	fd = create("/tmp/a", ORDWR, 0644);
	check(fd >= 0, "create /tmp/a: %r");
	check(write(fd, "hello, world\n", 13) == 13, "write: %r");
	check(seek(fd, 0, 0) == 0, "seek");
	n = read(fd, buf, sizeof buf);
	check(n == 13 && memcmp(buf, "hello, world\n", 13) == 0, "read back %d", n);
	close(fd);

	/* larger than one message: 300 KiB */
	big = malloc(300*1024);
	big2 = malloc(300*1024);
	for(i = 0; i < 300*1024; i++)
		big[i] = i*7 + (i>>9);
	fd = create("/tmp/big", OWRITE, 0644);
	check(fd >= 0 && write(fd, big, 300*1024) == 300*1024, "big write: %r");
	close(fd);
	fd = open("/tmp/big", OREAD);
	check(fd >= 0 && readn(fd, big2, 300*1024) == 300*1024, "big read: %r");
	check(memcmp(big, big2, 300*1024) == 0, "big data differs");
	close(fd);
	d = dirstat("/tmp/big");
	check(d != nil && d->length == 300*1024, "stat length");
	free(d);

	/* directories */
	fd = create("/tmp/dir", OREAD, DMDIR|0755);
	check(fd >= 0, "mkdir: %r");
	close(fd);
	fd = create("/tmp/dir/f", OWRITE, 0600);
	check(fd >= 0, "create in dir: %r");
	close(fd);
	check(remove("/tmp/dir") < 0, "removed a non-empty directory");
	check(chdir("/tmp/dir") == 0, "chdir: %r");
	fd = open("f", OREAD);
	check(fd >= 0, "relative open: %r");
	close(fd);
	fd = open("../a", OREAD);
	check(fd >= 0, "lexical ..: %r");
	close(fd);
	chdir("/");

	/* rename and truncate through wstat */
	nulldir(&nd);
	nd.name = "b";
	check(dirwstat("/tmp/a", &nd) == 0, "rename: %r");
	check(!exists("/tmp/a") && exists("/tmp/b"), "rename did not happen");
	nulldir(&nd);
	nd.length = 5;
	check(dirwstat("/tmp/b", &nd) == 0, "truncate: %r");
	d = dirstat("/tmp/b");
	check(d != nil && d->length == 5, "length after truncate");
	free(d);
	nulldir(&nd);
	nd.mode = 0400;
	check(dirwstat("/tmp/b", &nd) == 0, "chmod: %r");
	check(open("/tmp/b", OWRITE) < 0, "opened a read-only file for writing");

	/* directory listing */
	fd = open("/tmp", OREAD);
	n = dirreadall(fd, &d);
	close(fd);
	check(n == 3, "/tmp has %d entries", n);
	free(d);

	/* OEXCL */
	check(create("/tmp/b", OWRITE|OEXCL, 0644) < 0, "OEXCL create of an existing file");

	/* /srv: mount the same server again elsewhere */
	fd = open("/srv/kmnt", ORDWR);
	check(fd >= 0, "open /srv/kmnt: %r");
	check(mount(fd, -1, "/n", MREPL, "") >= 0, "mount /srv/kmnt: %r");
	close(fd);
	check(exists("/n/big"), "second mount does not see the tree");

	/* union: /n after /tmp */
	check(bind("/n", "/mnt", MREPL) >= 0, "bind: %r");
	check(unmount(nil, "/mnt") >= 0, "unmount: %r");
	check(!exists("/mnt/big"), "still there after unmount");

	check(remove("/tmp/dir/f") == 0 && remove("/tmp/dir") == 0 && remove("/tmp/big") == 0 && remove("/tmp/b") == 0, "remove: %r");
	check(unmount(nil, "/n") >= 0 && unmount(nil, "/tmp") >= 0, "unmount: %r");
	check(remove("/srv/kmnt") == 0, "remove /srv/kmnt: %r");
	free(big);
	free(big2);
	if(nfail)
		exits("failed");
}

void
main(void)
{
	long before, after;
	char *s;

	before = freepages();
	s = inchild(body, nil);
	check(*s == 0, "%s", s);
	/* the server has gone; everything it and the test used is back */
	sleep(50);
	after = freepages();
	check(after == before, "pages: %ld before, %ld after", before, after);
	if(after != before)
		procs();
	done();
}
