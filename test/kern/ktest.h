/*
 * Helpers for the in-guest kernel tests: check() reports a failed
 * condition with its line; done() exits with an empty status only if
 * every check passed.
 */
static int nfail;
#pragma clang diagnostic ignored "-Wunused-function"

#define check(c, ...) do{ if(!(c)){ nfail++; print("%s:%d: check failed: ", __FILE__, __LINE__); print(__VA_ARGS__); print("\n"); } }while(0)

static void
done(void)
{
	exits(nfail ? "failed" : nil);
}

/* Wait for child pid; its exit string.  Other children's are kept. */
static struct {
	int pid;
	char msg[ERRMAX+64];
} early[16];

static char*
waitfor(int pid)
{
	static char msg[ERRMAX+64];
	char *fl[5];
	int n, i;

	for(i = 0; i < (int)nelem(early); i++)
		if(early[i].pid == pid){
			early[i].pid = 0;
			strecpy(msg, msg + sizeof msg, early[i].msg);
			return msg;
		}
	for(;;){
		n = await(msg, sizeof msg - 1);
		if(n < 0)
			return "await failed";
		msg[n] = 0;
		if(tokenize(msg, fl, 5) != 5)
			continue;
		if(atoi(fl[0]) == pid)
			return fl[4];
		for(i = 0; i < (int)nelem(early); i++)
			if(early[i].pid == 0){
				early[i].pid = atoi(fl[0]);
				strecpy(early[i].msg, early[i].msg + sizeof early[i].msg, fl[4]);
				break;
			}
	}
}

/* Run f in a child process; return the child's exit string. */
static char*
inchild(void (*f)(void*), void *arg)
{
	int pid;

	pid = rfork(RFPROC|RFFDG|RFNAMEG|RFENVG);
	if(pid < 0)
		return "fork failed";
	if(pid == 0){
		f(arg);
		exits(nil);
	}
	return waitfor(pid);
}

/* free pages, from /dev/memory */
static long
freepages(void)
{
	char buf[256], *p;
	int fd, n;

	fd = open("/dev/memory", OREAD);
	if(fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "free ");
	return p ? atol(p + 5) : -1;
}

static int
exists(char *file)
{
	Dir *d;

	d = dirstat(file);
	free(d);
	return d != nil;
}

/* The error string of the last failed call. */
static char*
lasterr(void)
{
	static char buf[ERRMAX];

	rerrstr(buf, sizeof buf);
	return buf;
}

/* Run cmd with argv in a child; did it exit cleanly? */
static int
run(char *cmd, char **argv)
{
	int pid;
	char *s;

	pid = rfork(RFPROC|RFFDG);
	if(pid == 0){
		exec(cmd, argv);
		exits("exec");
	}
	s = waitfor(pid);
	return *s == 0;
}

/* The pids in /proc, at most max of them into pid (which may be nil); how many there are. */
static int
procpids(int *pid, int max)
{
	Dir *d;
	int fd, n, i, k;

	fd = open("/proc", OREAD);
	if(fd < 0)
		return -1;
	n = dirreadall(fd, &d);
	close(fd);
	k = 0;
	for(i = 0; i < n; i++)
		if(d[i].name[0] >= '0' && d[i].name[0] <= '9'){
			if(pid != nil && k < max)
				pid[k] = atoi(d[i].name);
			k++;
		}
	free(d);
	return k;
}
