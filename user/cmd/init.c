/*
 * init: the first process.  Builds the namespace from /lib/namespace,
 * runs /lib/rc/boot (which starts the servers), then the console shell
 * `rc -i`, started again whenever it exits.  If the boot arguments set
 * init (for example init='/bin/rc /test/run'), that command runs instead
 * of the shell and the machine halts when it ends: tests boot that way.
 */
#include <u.h>
#include <libc.h>

enum { Maxargs = 32 };

static void
usage(void)
{
	fprint(2, "usage: init [-n nsfile]\n");
	exits("usage");
}

/* bind/mount lines of a namespace file, as in namespace(6) */
static void
nsline(char *line, char *file, int lineno)
{
	char *f[8], *p;
	int n, flag, fd;

	for(p = line; *p == ' ' || *p == '\t'; p++)
		;
	if(*p == '#')	/* a comment; '#' elsewhere names a device */
		return;
	n = tokenize(line, f, nelem(f));
	if(n == 0)
		return;
	flag = MREPL;
	while(n > 1 && f[1][0] == '-'){
		for(p = f[1]+1; *p; p++)
			switch(*p){
			case 'a': flag |= MAFTER; break;
			case 'b': flag |= MBEFORE; break;
			case 'c': flag |= MCREATE; break;
			default:
				fprint(2, "init: %s:%d: bad flag %c\n", file, lineno, *p);
				return;
			}
		memmove(&f[1], &f[2], (n-2)*sizeof f[0]);
		n--;
	}
	if(strcmp(f[0], "bind") == 0 && n == 3){
		if(bind(f[1], f[2], flag) < 0)
			fprint(2, "init: %s:%d: bind %s %s: %r\n", file, lineno, f[1], f[2]);
	}else if(strcmp(f[0], "mount") == 0 && (n == 3 || n == 4)){
		fd = open(f[1], ORDWR);
		if(fd < 0){
			fprint(2, "init: %s:%d: open %s: %r\n", file, lineno, f[1]);
			return;
		}
		if(mount(fd, -1, f[2], flag, n == 4 ? f[3] : "") < 0)
			fprint(2, "init: %s:%d: mount %s %s: %r\n", file, lineno, f[1], f[2]);
		close(fd);
	}else if(strcmp(f[0], "cd") == 0 && n == 2){
		if(chdir(f[1]) < 0)
			fprint(2, "init: %s:%d: cd %s: %r\n", file, lineno, f[1]);
	}else
		fprint(2, "init: %s:%d: unknown line: %s\n", file, lineno, f[0]);
}

static void
newns(char *file)
{
	char buf[8192], *p, *e;
	int fd, n, lineno;

	fd = open(file, OREAD);
	if(fd < 0){
		fprint(2, "init: %s: %r\n", file);
		return;
	}
	n = readn(fd, buf, sizeof buf - 1);
	close(fd);
	if(n < 0)
		n = 0;
	buf[n] = 0;
	lineno = 0;
	for(p = buf; *p; p = e){
		e = strchr(p, '\n');
		if(e)
			*e++ = 0;
		else
			e = p + strlen(p);
		lineno++;
		nsline(p, file, lineno);
	}
}

/* Run argv[0] with argv and wait for it; its exit string. */
static char*
run(char **argv, int noteg)
{
	static char msg[ERRMAX+64];
	Waitmsg *w;
	int pid, n;

	pid = rfork(RFPROC|RFFDG|RFENVG|(noteg ? RFNOTEG : 0));
	switch(pid){
	case -1:
		fprint(2, "init: fork: %r\n");
		return "fork failed";
	case 0:
		exec(argv[0], argv);
		fprint(2, "init: exec %s: %r\n", argv[0]);
		exits("exec failed");
	}
	for(;;){
		w = wait();
		if(w == nil)
			return "no child";
		n = w->pid;
		strecpy(msg, msg + sizeof msg, w->msg);
		free(w);
		if(n == pid)
			return msg;
	}
}

static int
exists(char *file)
{
	Dir *d;

	d = dirstat(file);
	free(d);
	return d != nil;
}

static void
halt(char *how)
{
	int fd;

	fd = open("/dev/reboot", OWRITE);
	if(fd >= 0)
		fprint(fd, "%s", how);
	fprint(2, "init: cannot %s: %r\n", how);
	exits(how);
}

void
main(int argc, char *argv[])
{
	char *ns, *cmd, *args[Maxargs+1], *s;
	int n;

	/* standard input, output and error: the console */
	if(open("#c/cons", OREAD) != 0 || open("#c/cons", OWRITE) != 1 || dup(1, 2) != 2)
		exits("no console");
	ns = "/lib/namespace";
	ARGBEGIN{
	case 'n':
		ns = EARGF(usage());
		break;
	default:
		usage();
	}ARGEND
	if(argc != 0)
		usage();

	newns(ns);
	if(exists("/lib/rc/boot") && exists("/bin/rc")){
		args[0] = "/bin/rc";
		args[1] = "/lib/rc/boot";
		args[2] = nil;
		s = run(args, 0);
		if(*s)
			fprint(2, "init: /lib/rc/boot: %s\n", s);
	}
	cmd = getenv("init");
	if(cmd != nil && *cmd){
		n = tokenize(cmd, args, Maxargs);
		args[n] = nil;
		s = run(args, 1);
		if(*s)
			fprint(2, "init: %s: %s\n", args[0], s);
		halt("halt");
	}
	for(;;){
		args[0] = "/bin/rc";
		args[1] = "-i";
		args[2] = nil;
		s = run(args, 1);
		fprint(2, "init: rc exited: %s\n", *s ? s : "ok");
		sleep(1000);
	}
}
