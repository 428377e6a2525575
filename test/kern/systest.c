/*
 * systest: the in-guest half of the system test runner (tools/systest is
 * the host half).  Runs each named test -- /test/bin/NAME (a C program)
 * or /test/sys/NAME.rc (an rc script) -- in its own namespace,
 * environment and note group, bracketing its output with
 *	=== RUN NAME
 *	=== END NAME exit-string
 * on the console.  With no names it runs every test it finds.
 */
#include <u.h>
#include <libc.h>

static char*
runtest(char *name)
{
	static char msg[ERRMAX+64];
	char path[256], *argv[4];
	Waitmsg *w;
	Dir *d;
	int pid, n;

	snprint(path, sizeof path, "/test/bin/%s", name);
	argv[0] = path;
	argv[1] = nil;
	if((d = dirstat(path)) == nil){
		snprint(path, sizeof path, "/test/sys/%s.rc", name);
		if((d = dirstat(path)) == nil)
			return "no such test";
		argv[0] = "/bin/rc";
		argv[1] = path;
		argv[2] = nil;
	}
	free(d);
	pid = rfork(RFPROC|RFFDG|RFNAMEG|RFENVG|RFNOTEG);
	switch(pid){
	case -1:
		return "fork failed";
	case 0:
		chdir("/tmp");
		exec(argv[0], argv);
		fprint(2, "systest: exec %s: %r\n", argv[0]);
		exits("exec failed");
	}
	for(;;){
		w = wait();
		if(w == nil)
			return "lost the child";
		n = w->pid;
		strecpy(msg, msg + sizeof msg, w->msg);
		free(w);
		if(n == pid)
			return msg;
	}
}

static void
run(char *name)
{
	char *s;

	print("=== RUN %s\n", name);
	s = runtest(name);
	print("\n=== END %s %s\n", name, *s ? s : "ok");
}

static int
isrc(char *name)
{
	int n;

	n = strlen(name);
	return n > 3 && strcmp(name + n - 3, ".rc") == 0;
}

void
main(int argc, char *argv[])
{
	Dir *d;
	long i, n;
	int fd;

	ARGBEGIN{
	default:
		fprint(2, "usage: systest [test ...]\n");
		exits("usage");
	}ARGEND
	if(argc > 0){
		for(i = 0; i < argc; i++)
			run(argv[i]);
		exits(nil);
	}
	fd = open("/test/bin", OREAD);
	if(fd >= 0){
		n = dirreadall(fd, &d);
		close(fd);
		for(i = 0; i < n; i++)
			if(strcmp(d[i].name, "systest") != 0)
				run(d[i].name);
		free(d);
	}
	fd = open("/test/sys", OREAD);
	if(fd >= 0){
		n = dirreadall(fd, &d);
		close(fd);
		for(i = 0; i < n; i++)
			if(isrc(d[i].name)){
				d[i].name[strlen(d[i].name) - 3] = 0;
				run(d[i].name);
			}
		free(d);
	}
	exits(nil);
}
