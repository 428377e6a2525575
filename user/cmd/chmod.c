/*
 * chmod: change file permissions, given in octal or as
 * [ugoa]*[+-=][rwxalt]* (a: append only, l: exclusive use,
 * t: temporary) as in Plan 9.
 */
#include <u.h>
#include <libc.h>

static void
usage(void)
{
	fprint(2, "usage: chmod 0777 file ... or chmod [ugoa][+-=][rwxalt] file ...\n");
	exits("usage");
}

/*
 * Parse a symbolic mode into who (the bits it may touch), op and the
 * bits named; returns -1 if the mode is malformed.
 */
static int
parsesym(char *s, ulong *who, int *op, ulong *bits)
{
	*who = 0;
	for(; *s && strchr("ugoa", *s); s++)
		switch(*s){
		case 'u': *who |= 0700; break;
		case 'g': *who |= 0070; break;
		case 'o': *who |= 0007; break;
		case 'a': *who |= 0777; break;
		}
	if(*who == 0)
		*who = 0777;
	if(*s != '+' && *s != '-' && *s != '=')
		return -1;
	*op = *s++;
	*bits = 0;
	for(; *s; s++)
		switch(*s){
		case 'r': *bits |= 0444; break;
		case 'w': *bits |= 0222; break;
		case 'x': *bits |= 0111; break;
		case 'a': *bits |= DMAPPEND; break;
		case 'l': *bits |= DMEXCL; break;
		case 't': *bits |= DMTMP; break;
		default: return -1;
		}
	return 0;
}

void
main(int argc, char **argv)
{
	char *e, *err;
	ulong who, bits, mask, octal, m;
	int i, op, isoctal;
	Dir *d, nd;

	/* no options: a mode like -w would look like one */
	argc--;
	argv++;
	if(argc < 2)
		usage();
	who = bits = 0;
	op = 0;
	octal = strtoul(argv[0], &e, 8);
	isoctal = *argv[0] >= '0' && *argv[0] <= '7' && *e == 0;
	if(isoctal && octal > 0777)
		usage();
	if(!isoctal && parsesym(argv[0], &who, &op, &bits) < 0)
		usage();
	/* the permission bits of who, plus the special bits, which belong to no one */
	mask = (who & 0777) | DMAPPEND | DMEXCL | DMTMP;
	err = nil;
	for(i = 1; i < argc; i++){
		d = dirstat(argv[i]);
		if(d == nil){
			fprint(2, "chmod: %s: %r\n", argv[i]);
			err = "error";
			continue;
		}
		m = d->mode;
		if(isoctal)
			m = (m & ~0777UL) | octal;
		else if(op == '+')
			m |= bits & mask;
		else if(op == '-')
			m &= ~(bits & mask);
		else
			m = (m & ~mask) | (bits & mask);
		free(d);
		nulldir(&nd);
		nd.mode = m;
		if(dirwstat(argv[i], &nd) < 0){
			fprint(2, "chmod: %s: %r\n", argv[i]);
			err = "error";
		}
	}
	exits(err);
}
