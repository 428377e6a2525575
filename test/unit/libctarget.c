/*
 * A Lux9 program that exercises libc through real system calls (run on
 * the host by libcrun, later inside Lux9): start-up and arguments,
 * ARGBEGIN, print to fds, the error string, the break and malloc,
 * setjmp, files, dirstat, bio and stdio.  It prints one line per check
 * group; test/suites/libc.sh compares the output.  With no arguments
 * (as tools/systest runs it inside Lux9) it works in /tmp, also tests
 * what only a Lux9 kernel does (processes, wait, pipes, notes, the
 * environment, directories), and exits with an empty status only if
 * every check passed.
 */
#include <u.h>
#include <libc.h>
#include <bio.h>
#include <stdio.h>
#include <regexp.h>
#include <inttypes.h>

static int vflag;
static char *oarg;
static int nfailed;

static void
usage(void)
{
	fprint(2, "usage: %s [-v] [-o arg] file args...\n", argv0);
	exits("usage");
}

static void
ok(const char *what, int good)
{
	print("%s %s\n", good ? "ok" : "FAILED", what);
	nfailed += !good;
}

static void
testmalloc(void)
{
	enum { N = 64 };
	uchar *p[N];
	int i, j, good;
	ulong sz;

	/* 64 blocks of up to 1 MiB: the break has to grow well past its start */
	good = 1;
	for(i = 0; i < N; i++){
		sz = (i * 7919) % (1<<20) + 1;
		p[i] = malloc(sz);
		if(p[i] == nil){
			good = 0;
			break;
		}
		memset(p[i], i, sz);
	}
	for(i = 0; good && i < N; i += 2){
		sz = (i * 7919) % (1<<20) + 1;
		for(j = 0; j < (int)sz; j += 4096)
			good &= p[i][j] == i;
		free(p[i]);
		p[i] = nil;
	}
	for(i = 0; i < N; i++)
		free(p[i]);
	ok("malloc grows the break", good);
	ok("malloc refuses the impossible", malloc(1ULL<<45) == nil);
}

static void
testerr(void)
{
	char buf[ERRMAX];

	werrstr("custom %d", 7);
	rerrstr(buf, sizeof buf);
	ok("werrstr/rerrstr", strcmp(buf, "custom 7") == 0);
	ok("open of a missing file fails", open("/nonexistent/file", OREAD) < 0);
	snprint(buf, sizeof buf, "%r");
	ok("its %r", strcmp(buf, "file does not exist") == 0);
}

static void
testfiles(const char *name)
{
	char buf[64], *line;
	Biobuf *b;
	Dir *d;
	int fd, n, i;
	FILE *f;

	fd = create(name, OWRITE, 0644);
	ok("create", fd >= 0);
	fprint(fd, "line one\nline two\n");
	for(i = 0; i < 1000; i++)
		fprint(fd, "%d\n", i);
	close(fd);

	fd = open(name, OREAD);
	n = readn(fd, buf, 8);
	ok("readn", n == 8 && memcmp(buf, "line one", 8) == 0);
	ok("seek", seek(fd, 5, SEEKSET) == 5 && read(fd, buf, 3) == 3 && memcmp(buf, "one", 3) == 0);
	d = dirfstat(fd);
	ok("dirfstat", d != nil && d->length == 18 + 3890 && (d->mode & 0777) == 0644);
	free(d);
	close(fd);
	d = dirstat(name);
	ok("dirstat", d != nil && strcmp(d->name, utfrrune(name, '/') ? utfrrune(name, '/') + 1 : name) == 0 &&
		!(d->mode & DMDIR));
	free(d);
	d = dirstat(".");
	ok("dirstat of a directory", d != nil && (d->mode & DMDIR) && (d->qid.type & QTDIR));
	free(d);

	b = Bopen(name, OREAD);
	n = 0;
	while((line = Brdline(b, '\n')) != nil)
		n++;
	Bterm(b);
	ok("bio counts lines", n == 1002);

	f = fopen(name, "r");
	fgets(buf, sizeof buf, f);
	fgets(buf, sizeof buf, f);
	ok("stdio reads", strcmp(buf, "line two\n") == 0);
	fclose(f);
	ok("access", access(name, AEXIST) == 0 && access(name, AREAD) == 0 && access("/nonexistent", AEXIST) < 0);
	if(getwd(buf, sizeof buf) == nil)
		snprint(buf, sizeof buf, "error %r");
	ok("getwd", buf[0] == '/');
	if(buf[0] != '/')
		print("getwd: %s\n", buf);
	ok("remove", remove(name) == 0 && open(name, OREAD) < 0);
}

static void
testjmp(void)
{
	jmp_buf jb;
	volatile int n;

	n = 0;
	if(setjmp(jb) < 3){
		n++;
		longjmp(jb, n);
	}
	ok("setjmp/longjmp", n == 3);
}

static int alarmed;

static int
onalarm(void *ureg, char *note)
{
	USED(ureg);
	if(strcmp(note, "alarm") != 0)
		return 0;
	alarmed++;
	return 1;
}

/* testkernel checks the calls libcrun cannot do: they need Lux9 */
static void
testkernel(void)
{
	Waitmsg *w;
	Dir *d, nd;
	vlong t0;
	char buf[64], *s;
	int pid, fd[2], n, i, found;

	pid = rfork(RFPROC | RFFDG);
	if(pid == 0)
		exits("child's status");
	w = wait();
	ok("rfork, exits and wait", pid > 0 && w != nil && w->pid == pid && strcmp(w->msg, "child's status") == 0);
	free(w);

	pid = fork();
	if(pid == 0){
		execl("/bin/echo", "echo", "from the child", nil);
		exits("exec failed");
	}
	ok("fork, execl, waitpid", pid > 0 && waitpid() == pid);

	ok("pipe", pipe(fd) == 0 && write(fd[0], "ping", 4) == 4 && read(fd[1], buf, sizeof buf) == 4 &&
		memcmp(buf, "ping", 4) == 0);
	close(fd[0]);
	close(fd[1]);

	ok("putenv", putenv("libctest", "some value") == 0);
	s = getenv("libctest");
	ok("getenv", s != nil && strcmp(s, "some value") == 0);
	free(s);

	ok("getpid", getpid() > 0);
	t0 = nsec();
	ok("nsec", t0 > 0 && nsec() >= t0 && time(nil) >= 0);

	fd[0] = open("/test/bin", OREAD);
	n = dirreadall(fd[0], &d);
	found = 0;
	for(i = 0; i < n; i++)
		found |= strcmp(d[i].name, "libctarget") == 0;
	free(d);
	close(fd[0]);
	ok("dirreadall", n > 1 && found);

	/* rename and chmod through dirwstat and dirfwstat */
	close(create("/tmp/libc.w1", OWRITE, 0644));
	nulldir(&nd);
	nd.name = "libc.w2";
	ok("dirwstat renames", dirwstat("/tmp/libc.w1", &nd) == 0 && access("/tmp/libc.w2", AEXIST) == 0 &&
		access("/tmp/libc.w1", AEXIST) < 0);
	fd[0] = open("/tmp/libc.w2", OREAD);
	nulldir(&nd);
	nd.mode = 0600;
	ok("dirfwstat", dirfwstat(fd[0], &nd) == 0 && (d = dirfstat(fd[0])) != nil && (d->mode & 0777) == 0600);
	free(d);
	close(fd[0]);
	remove("/tmp/libc.w2");

	/* bind one file over another in a private name space, then undo it */
	fd[0] = create("/tmp/libc.b1", OWRITE, 0644);
	fprint(fd[0], "one");
	close(fd[0]);
	fd[0] = create("/tmp/libc.b2", OWRITE, 0644);
	fprint(fd[0], "two");
	close(fd[0]);
	pid = rfork(RFPROC | RFNAMEG | RFFDG);
	if(pid == 0){
		if(bind("/tmp/libc.b1", "/tmp/libc.b2", MREPL) < 0)
			exits("bind");
		fd[0] = open("/tmp/libc.b2", OREAD);
		n = read(fd[0], buf, sizeof buf);
		close(fd[0]);
		if(n != 3 || memcmp(buf, "one", 3) != 0)
			exits("bound file reads wrong");
		if(unmount("/tmp/libc.b1", "/tmp/libc.b2") < 0)
			exits("unmount");
		fd[0] = open("/tmp/libc.b2", OREAD);
		n = read(fd[0], buf, sizeof buf);
		exits(n == 3 && memcmp(buf, "two", 3) == 0 ? nil : "unmounted file reads wrong");
	}
	w = wait();
	if(w != nil && w->msg[0] != 0)
		print("bind child: %s\n", w->msg);
	ok("bind, unmount in a private name space", w != nil && w->msg[0] == 0);
	free(w);
	fd[0] = open("/tmp/libc.b2", OREAD);
	n = read(fd[0], buf, sizeof buf);
	close(fd[0]);
	ok("the parent's name space is untouched", n == 3 && memcmp(buf, "two", 3) == 0);
	remove("/tmp/libc.b1");
	remove("/tmp/libc.b2");

	atnotify(onalarm, 1);
	alarm(20);
	for(i = 0; i < 100 && !alarmed; i++)
		sleep(10);
	ok("atnotify and alarm", alarmed == 1);
	atnotify(onalarm, 0);
}

static void
done(void)
{
	print("atexit ran\n");
}

void
main(int argc, char *argv[])
{
	Reprog *re;
	int i, inlux9;

	inlux9 = argc <= 1;
	ARGBEGIN{
	case 'v':
		vflag = 1;
		break;
	case 'o':
		oarg = EARGF(usage());
		break;
	default:
		usage();
	}ARGEND
	if(argc < 1){
		argv[0] = "/tmp/libctarget.test";
		argc = 1;
	}
	print("argv0 %s vflag %d oarg %s argc %d", argv0, vflag, oarg, argc);
	for(i = 0; i < argc; i++)
		print(" %q", argv[i]);
	print("\n");
	testmalloc();
	testerr();
	testfiles(argv[0]);
	testjmp();
	re = regcomp("^l(ine) (t[a-z]+)$");
	ok("regexp", re != nil && regexec(re, "line three", nil, 0) == 1);
	if(inlux9)
		testkernel();
	printf("stdio %s %5.1f%% %" PRId64 " %" PRIx32 "\n", "printf", 99.44, -((int64_t)1 << 40),
		(uint32_t)strtoumax("0xbeef", nil, 0));
	fprint(2, "to stderr\n");
	atexit(done);
	if(nfailed > 0)
		exits("some checks failed");
	exits(argc > 1 ? argv[1] : nil);
}
