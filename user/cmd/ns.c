/*
 * ns: print the name space of a process (this one's by default) as
 * the bind and mount commands that would build it.  The kernel's
 * /proc/N/ns has the words bare; here they are quoted for rc, so that
 * a device name like #c does not start a comment.
 */
#include <u.h>
#include <libc.h>

enum { Maxns = 256*1024 };

static void
usage(void)
{
	fprint(2, "usage: ns [pid]\n");
	exits("usage");
}

void
main(int argc, char **argv)
{
	char name[64], *buf, *line, *next, *f[8], *e;
	long pid, n, m;
	int fd, i, nf;

	ARGBEGIN{
	default:
		usage();
	}ARGEND
	if(argc > 1)
		usage();
	if(argc == 1){
		pid = strtol(argv[0], &e, 10);
		if(*argv[0] == 0 || *e != 0 || pid <= 0)
			usage();
	}else
		pid = getpid();
	snprint(name, sizeof name, "/proc/%ld/ns", pid);
	fd = open(name, OREAD);
	if(fd < 0){
		fprint(2, "ns: %s: %r\n", name);
		exits("open");
	}
	buf = malloc(Maxns + 1);
	if(buf == nil){
		fprint(2, "ns: out of memory\n");
		exits("no memory");
	}
	for(n = 0; n < Maxns && (m = read(fd, buf + n, Maxns - n)) > 0; n += m)
		;
	if(m < 0){
		fprint(2, "ns: %s: %r\n", name);
		exits("read");
	}
	close(fd);
	buf[n] = 0;
	for(line = buf; *line; line = next){
		next = strchr(line, '\n');
		if(next != nil)
			*next++ = 0;
		else
			next = line + strlen(line);
		nf = getfields(line, f, nelem(f), 1, " \t");
		for(i = 0; i < nf; i++){
			/* flags may come glued to the name (-a#|): print them apart */
			if(i == 1 && f[i][0] == '-'){
				for(e = f[i] + 1; *e == 'a' || *e == 'b' || *e == 'c'; e++)
					;
				print(" %.*s", (int)(e - f[i]), f[i]);
				if(*e != 0)
					print(" %q", e);
				continue;
			}
			print(i == 0 ? "%q" : " %q", f[i]);
		}
		if(nf > 0)
			print("\n");
	}
	exits(nil);
}
