/*
 * basename: the last element of a path name, less a suffix if one is
 * given and the element is longer than it; with -d, the directory part.
 */
#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: basename [-d] string [suffix]\n");
	exits("usage");
}

void
main(int argc, char **argv)
{
	char *s, *p;
	int dflag, n, sn;

	dflag = 0;
	ARGBEGIN{
	case 'd':
		dflag = 1;
		break;
	default:
		usage();
	}ARGEND
	if(argc < 1 || argc > 2 || (dflag && argc != 1))
		usage();
	s = argv[0];
	p = strrchr(s, '/');
	if(dflag){
		if(p == nil)
			print(".\n");
		else if(p == s)
			print("/\n");
		else
			print("%.*s\n", (int)(p - s), s);
		exits(nil);
	}
	if(p != nil)
		s = p + 1;
	if(argc == 2){
		n = strlen(s);
		sn = strlen(argv[1]);
		if(n > sn && strcmp(s + n - sn, argv[1]) == 0)
			s[n - sn] = 0;
	}
	print("%s\n", s);
	exits(nil);
}
