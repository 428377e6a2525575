/*
 * rc [-eixIn] [-c command | file] [arg ...]
 */
#include "rc.h"

static void
usage(void)
{
	oputs(2, "usage: rc [-eixIn] [-c command | file] [arg ...]\n");
	oflush(2);
	exits("usage");
}

/* an interactive shell survives interrupts; its foreground child does not */
static void
onnote(void *u, char *msg)
{
	USED(u);
	if(strcmp(msg, "interrupt") == 0)
		interrupted = 1;
	noted(strcmp(msg, "interrupt") == 0 ? NCONT : NDFLT);
}

static void
setdefault(char *name, char *a, char *b)
{
	List *l;

	if(vval(name) != nil)
		return;
	l = newlist();
	ladd(l, a);
	ladd(l, b);
	setvar(name, l);
}

int
main(int argc, char **argv)
{
	char *cmd, *script, num[16];
	int fd, interactive, i;
	List *star;
	Io *io;

	cmd = nil;
	interactive = 0;
	ARGBEGIN{
	case 'c':
		cmd = EARGF(usage());
		break;
	case 'i':
		interactive = 1;
		break;
	case 'I':
		interactive = 0;
		break;
	case 'e':
	case 'x':
	case 'n':
		flags[ARGC()] = 1;
		break;
	default:
		usage();
	}ARGEND
	flags['i'] = interactive;

	mainpid = getpid();
	importenv();
	setdefault("path", ".", "/bin");
	setdefault("prompt", "lux9% ", "\t");
	snprint(num, sizeof num, "%d", mainpid);
	setvar1("pid", num);
	setstatus("");

	script = nil;
	if(cmd == nil && !interactive && argc > 0){
		script = argv[0];
		argc--;
		argv++;
	}
	setvar1("0", script != nil ? script : argv0);
	star = newlist();
	for(i = 0; i < argc; i++)
		ladd(star, argv[i]);
	setvar("*", star);

	if(cmd != nil)
		io = iostr(cmd, "-c");
	else if(script != nil){
		fd = open(script, OREAD);
		if(fd < 0){
			rcerror(script, syserr(), nil);
			exits("can't open");
		}
		io = iofd(fd, script, 0);
	}else
		io = iofd(0, "stdin", interactive);
	if(interactive)
		notify(onnote);
	if(runio(io) < 0)
		rcexit("syntax error");
	rcexit(getstatus());
}
