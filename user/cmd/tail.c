/*
 * tail - print the end of a file: the last N lines (-n N, -N), or
 * everything from line N on (+N, -n +N).  -f keeps reading as the file
 * grows.  Only the tail is kept in memory: the buffer is cut back to
 * the last N lines whenever it has grown well past them.
 */
#include <u.h>
#include <libc.h>

enum {
	Chunk = 8192,
	Followms = 1000,	/* how often -f looks for more */
};

static char *buf;
static long len, cap;

static void
usage(void)
{
	fprint(2, "usage: tail [-f] [-n [+]N | +N | -N] [file]\n");
	exits("usage");
}

/* tailcount parses N or +N; *plus says which */
static vlong
tailcount(char *s, int *plus)
{
	char *e;
	vlong n;

	*plus = 0;
	if(*s == '+'){
		*plus = 1;
		s++;
	}
	n = strtoll(s, &e, 10);
	if(*s < '0' || *s > '9' || *e != 0 || n < 0){
		fprint(2, "tail: bad line count: %s\n", s);
		exits("usage");
	}
	return n;
}

static void
writeall(char *p, long n)
{
	if(n > 0 && write(1, p, n) != n){
		fprint(2, "tail: write error: %r\n");
		exits("write error");
	}
}

/*
 * tailcut is the offset in buf where the last n lines begin; an
 * unfinished last line counts as a line.
 */
static long
tailcut(vlong n)
{
	long i;

	if(n == 0)
		return len;
	i = len;
	if(i > 0 && buf[i-1] == '\n')
		i--;
	while(i > 0){
		if(buf[i-1] == '\n' && --n == 0)
			return i;
		i--;
	}
	return 0;
}

/* tailfrom copies fd from line n (1 is the first) to the end */
static int
tailfrom(int fd, vlong n)
{
	char b[Chunk];
	long m, i;

	while((m = read(fd, b, sizeof b)) > 0){
		for(i = 0; i < m && n > 1; i++)
			if(b[i] == '\n')
				n--;
		writeall(b + i, m - i);
	}
	return m;
}

static int
taillast(int fd, vlong n)
{
	long m, cut, keep;
	char *nb;

	keep = 0;
	for(;;){
		if(cap - len < Chunk){
			nb = realloc(buf, cap + Chunk + cap/2);
			if(nb == nil){
				werrstr("out of memory");
				return -1;
			}
			buf = nb;
			cap += Chunk + cap/2;
		}
		m = read(fd, buf + len, Chunk);
		if(m < 0)
			return -1;
		if(m == 0)
			break;
		len += m;
		/* cut back once what is held is twice what was kept last time */
		if(len > 2*keep + 4*Chunk){
			cut = tailcut(n);
			memmove(buf, buf + cut, len - cut);
			len -= cut;
			keep = len;
		}
	}
	cut = tailcut(n);
	writeall(buf + cut, len - cut);
	return 0;
}

static void
follow(int fd)
{
	char b[Chunk];
	long m;

	for(;;){
		while((m = read(fd, b, sizeof b)) > 0)
			writeall(b, m);
		if(m < 0){
			fprint(2, "tail: read error: %r\n");
			exits("read error");
		}
		sleep(Followms);
	}
}

void
main(int argc, char *argv[])
{
	char *name;
	int fd, plus, fflag, r;
	vlong n;

	n = 10;
	plus = 0;
	fflag = 0;
	/* the old forms +N and -N */
	if(argc > 1 && (argv[1][0] == '+' ||
	   (argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9'))){
		n = tailcount(argv[1] + (argv[1][0] == '-'), &plus);
		argv[1] = argv[0];
		argc--;
		argv++;
	}
	ARGBEGIN{
	case 'n':
		n = tailcount(EARGF(usage()), &plus);
		break;
	case 'f':
		fflag = 1;
		break;
	default:
		usage();
	}ARGEND
	if(argc > 1)
		usage();

	name = "stdin";
	fd = 0;
	if(argc == 1 && strcmp(argv[0], "-") != 0){
		name = argv[0];
		fd = open(name, OREAD);
		if(fd < 0){
			fprint(2, "tail: %s: %r\n", name);
			exits("open");
		}
	}
	if(plus)
		r = tailfrom(fd, n);
	else
		r = taillast(fd, n);
	if(r < 0){
		fprint(2, "tail: %s: %r\n", name);
		exits("read error");
	}
	if(fflag)
		follow(fd);
	exits(nil);
}
