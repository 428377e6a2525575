/*
 * Processes: rfork's sharing flags, exec's arguments, exit strings
 * through await, notes with notify/noted, alarm, errstr, brk, sleep.
 */
#include <u.h>
#include <libc.h>
#include "ktest.h"

static int gotnote;
static char notebuf[ERRMAX];

static void
handler(void *u, char *msg)
{
	USED(u);
	gotnote++;
	strecpy(notebuf, notebuf + sizeof notebuf, msg);
	if(strcmp(msg, "die") == 0)
		noted(NDFLT);
	noted(NCONT);
}

static void
exitwith(void *a)
{
	exits(a);
}

static void
selfnote(void *a)
{
	char name[64];
	int fd;

	notify(handler);
	snprint(name, sizeof name, "/proc/%d/note", getpid());
	fd = open(name, OWRITE);
	write(fd, a, strlen(a));
	close(fd);
	if(gotnote != 1 || strcmp(notebuf, a) != 0)
		exits("handler not called");
	exits(nil);
}

static void
badnoted(void *a)
{
	USED(a);
	noted(NCONT);
	exits("noted outside a handler returned");
}

void
main(int argc, char *argv[])
{
	char *s, buf[256], err[ERRMAX];
	int pid, fd, p[2], i, n;
	long t;
	vlong t0;
	uchar *b;

	if(argc > 1){
		/* exec'd: print the arguments so the parent can compare */
		for(i = 1; i < argc; i++)
			fprint(1, "[%s]", argv[i]);
		exits(argc == 4 ? nil : "wrong argc");
	}

	/* exit strings come back through await */
	s = inchild(exitwith, "a long exit message: with spaces and 'quotes'");
	check(strcmp(s, "a long exit message: with spaces and 'quotes'") == 0, "exit string: %s", s);
	s = inchild(exitwith, nil);
	check(*s == 0, "nil exit: %s", s);
	check(await(buf, sizeof buf) < 0, "await with no children");
	rerrstr(err, sizeof err);
	check(strstr(err, "no living children") != nil, "await error: %s", err);

	/* exec with arguments (spaces, empty) through a pipe */
	check(pipe(p) == 0, "pipe: %r");
	pid = rfork(RFPROC|RFFDG);
	if(pid == 0){
		dup(p[1], 1);
		close(p[0]);
		execl("/test/bin/kproc", "kproc", "one", "two words", "", nil);
		exits("exec failed");
	}
	close(p[1]);
	n = readn(p[0], buf, sizeof buf - 1);
	close(p[0]);
	buf[n > 0 ? n : 0] = 0;
	check(strcmp(buf, "[one][two words][]") == 0, "exec args: %s", buf);
	s = waitfor(pid);
	check(*s == 0, "exec child: %s", s);
	check(exec("/nonexistent", nil) < 0, "exec of a missing file");
	rerrstr(err, sizeof err);
	check(strstr(err, "does not exist") != nil, "exec error: %s", err);
	check(exec("/lib/namespace", nil) < 0, "exec of a text file");
	rerrstr(err, sizeof err);
	check(strstr(err, "exec header invalid") != nil, "exec text error: %s", err);

	/* RFFDG copies the descriptor table; without it, it is shared */
	fd = open("/dev/null", OREAD);
	pid = rfork(RFPROC|RFFDG);
	if(pid == 0){
		close(fd);
		exits(nil);
	}
	waitfor(pid);
	check(fd2path(fd, buf, sizeof buf) == 0 && strcmp(buf, "/dev/null") == 0, "fd after RFFDG child closed it: %s", buf);
	pid = rfork(RFPROC);
	if(pid == 0){
		close(fd);
		exits(nil);
	}
	waitfor(pid);
	check(fd2path(fd, buf, sizeof buf) < 0, "shared fd table: child's close not seen");

	/* RFENVG copies the environment; RFCENVG empties it */
	putenv("kproc", "parent");
	pid = rfork(RFPROC|RFFDG|RFENVG);
	if(pid == 0){
		putenv("kproc", "child");
		exits(nil);
	}
	waitfor(pid);
	s = getenv("kproc");
	check(s && strcmp(s, "parent") == 0, "env after RFENVG child: %s", s);
	pid = rfork(RFPROC|RFFDG|RFCENVG);
	if(pid == 0)
		exits(getenv("kproc") == nil ? nil : "env not empty");
	s = waitfor(pid);
	check(*s == 0, "RFCENVG: %s", s);
	check(rfork(RFPROC|RFMEM) < 0, "RFMEM accepted");

	/* notes */
	s = inchild(selfnote, "hello note");
	check(*s == 0, "note handler: %s", s);
	s = inchild(badnoted, nil);
	check(*s == 0 || strstr(s, "noted") != nil, "noted outside handler: %s", s);
	notify(handler);
	gotnote = 0;
	alarm(100);
	t0 = nsec();
	t = sleep(5000);
	check(gotnote == 1 && strcmp(notebuf, "alarm") == 0, "alarm note: %d %s", gotnote, notebuf);
	check(nsec() - t0 < 4000*1000000LL, "alarm did not interrupt the sleep");
	USED(t);
	notify(nil);

	/* errstr swaps */
	werrstr("first");
	strcpy(buf, "second");
	errstr(buf, sizeof buf);
	check(strcmp(buf, "first") == 0, "errstr got %s", buf);
	rerrstr(buf, sizeof buf);
	check(strcmp(buf, "second") == 0, "errstr kept %s", buf);

	/* brk: grow, use, shrink */
	b = sbrk(1<<20);
	check(b != (void*)-1, "sbrk: %r");
	memset(b, 7, 1<<20);
	check(b[(1<<20)-1] == 7, "brk memory");

	/* bad pointers are errors, not crashes */
	check(open((char*)0x10, OREAD) < 0, "open(0x10)");
	check(read(0, (void*)0xffffffff80100000ULL, 10) < 0, "read into the kernel");
	check(pipe((int*)main) < 0, "pipe into text");
	done();
}
