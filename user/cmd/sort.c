/*
 * sort - sort lines, stably: lines whose keys compare equal keep their
 * input order.  Keys are fields (-k F1[.C1][,F2[.C2]][fnr], or the old
 * +N[.C] [-M[.C]] form), separated by runs of blanks or by the -t
 * character; leading blanks of a key are ignored.  Without keys the
 * whole line is the key.  -n compares numbers, -f folds case, -r
 * reverses, -u keeps one line of each run of equal keys.
 */
#include <u.h>
#include <libc.h>
#include <bio.h>

enum {
	Maxkeys = 16,
	Fnum = 1<<0,
	Ffold = 1<<1,
	Frev = 1<<2,
};

typedef struct Line Line;
struct Line {
	char *s;
	long n;		/* bytes, without the newline */
};

typedef struct Key Key;
struct Key {
	int f1, c1;	/* first field (from 1) and its first char (from 1) */
	int f2, c2;	/* last field (0: the line's end) and its last char (0: the field's end) */
	int flags;
};

static Key keys[Maxkeys];
static int nkeys;
static int gflags;
static int uflag;
static int tchar = -1;
static Biobuf bout;
static Line *lines;
static long nlines, maxlines;

static void
usage(void)
{
	fprint(2, "usage: sort [-fnru] [-t c] [-k pos1[,pos2]] [+pos1 [-pos2]] [file ...]\n");
	exits("usage");
}

static void
nomem(void)
{
	fprint(2, "sort: out of memory\n");
	exits("no memory");
}

/* sortnum parses a field or char number for a key; it must be in range */
static int
sortnum(char **sp, int min, char *spec)
{
	char *s;
	long n;

	s = *sp;
	if(*s < '0' || *s > '9'){
		fprint(2, "sort: bad key: %s\n", spec);
		exits("usage");
	}
	n = 0;
	while(*s >= '0' && *s <= '9'){
		n = n*10 + *s++ - '0';
		if(n > 1000000){
			fprint(2, "sort: bad key: %s\n", spec);
			exits("usage");
		}
	}
	if(n < min){
		fprint(2, "sort: bad key: %s\n", spec);
		exits("usage");
	}
	*sp = s;
	return n;
}

static int
sortflags(char **sp, char *spec)
{
	int f;
	char *s;

	f = 0;
	for(s = *sp; *s != 0 && *s != ','; s++)
		switch(*s){
		case 'n': f |= Fnum; break;
		case 'f': f |= Ffold; break;
		case 'r': f |= Frev; break;
		case 'b': break;	/* leading blanks are always skipped */
		default:
			fprint(2, "sort: bad key: %s\n", spec);
			exits("usage");
		}
	*sp = s;
	return f;
}

static Key*
newkey(void)
{
	Key *k;

	if(nkeys == Maxkeys){
		fprint(2, "sort: too many keys\n");
		exits("usage");
	}
	k = &keys[nkeys++];
	memset(k, 0, sizeof *k);
	return k;
}

/* addkey parses a -k argument: F1[.C1][flags][,F2[.C2][flags]] */
static void
addkey(char *spec)
{
	Key *k;
	char *s;

	k = newkey();
	s = spec;
	k->f1 = sortnum(&s, 1, spec);
	k->c1 = 1;
	if(*s == '.'){
		s++;
		k->c1 = sortnum(&s, 1, spec);
	}
	k->flags = sortflags(&s, spec);
	if(*s == ','){
		s++;
		k->f2 = sortnum(&s, 1, spec);
		if(*s == '.'){
			s++;
			k->c2 = sortnum(&s, 0, spec);
		}
		k->flags |= sortflags(&s, spec);
	}
	if(*s != 0){
		fprint(2, "sort: bad key: %s\n", spec);
		exits("usage");
	}
}

/*
 * oldkey parses +N[.C][flags] and an optional following -M[.C][flags],
 * which count fields and chars from 0 and name where the key starts
 * and where it stops; it returns the arguments used.
 */
static int
oldkey(char *start, char *stop)
{
	Key *k;
	char *s;

	k = newkey();
	s = start + 1;
	k->f1 = sortnum(&s, 0, start) + 1;
	k->c1 = 1;
	if(*s == '.'){
		s++;
		k->c1 = sortnum(&s, 0, start) + 1;
	}
	k->flags = sortflags(&s, start);
	if(*s != 0){
		fprint(2, "sort: bad key: %s\n", start);
		exits("usage");
	}
	if(stop == nil || stop[0] != '-' || stop[1] < '0' || stop[1] > '9')
		return 1;
	s = stop + 1;
	k->f2 = sortnum(&s, 0, stop);
	k->c2 = 0;
	if(*s == '.'){
		s++;
		k->c2 = sortnum(&s, 0, stop);
		/* -M.C: C chars into field M+1; as F2.C2 that is field M+1, char C */
		k->f2++;
		if(k->c2 == 0){
			/* the key stops at the end of field M */
			k->f2--;
		}
	}
	if(k->f2 == 0){
		fprint(2, "sort: bad key: %s\n", stop);
		exits("usage");
	}
	k->flags |= sortflags(&s, stop);
	if(*s != 0){
		fprint(2, "sort: bad key: %s\n", stop);
		exits("usage");
	}
	return 2;
}

static int
isblank1(int c)
{
	return c == ' ' || c == '\t';
}

/*
 * fieldat finds field f (from 1) of l: with -t the text between
 * separators, otherwise a run of blanks and the non-blanks after it.
 * Past the last field both are the line's end.
 */
static void
fieldat(Line *l, int f, long *start, long *end)
{
	long i;

	i = 0;
	for(;;){
		*start = i;
		if(tchar >= 0){
			while(i < l->n && (uchar)l->s[i] != tchar)
				i++;
		}else{
			while(i < l->n && isblank1(l->s[i]))
				i++;
			while(i < l->n && !isblank1(l->s[i]))
				i++;
		}
		*end = i;
		if(--f == 0 || i >= l->n)
			break;
		if(tchar >= 0)
			i++;
	}
	if(f > 0)
		*start = *end = l->n;
}

/* keyof gives the bytes of l that key k selects, leading blanks skipped */
static void
keyof(Line *l, Key *k, char **p, long *n)
{
	long s, e, fs, fe;

	fieldat(l, k->f1, &fs, &fe);
	s = fs;
	if(tchar < 0)
		while(s < fe && isblank1(l->s[s]))
			s++;
	s += k->c1 - 1;
	if(k->f2 == 0)
		e = l->n;
	else{
		fieldat(l, k->f2, &fs, &fe);
		e = fe;
		if(k->c2 > 0){
			if(tchar < 0)
				while(fs < fe && isblank1(l->s[fs]))
					fs++;
			e = fs + k->c2;
			if(e > fe)
				e = fe;
		}
	}
	if(s > l->n)
		s = l->n;
	if(e < s)
		e = s;
	while(s < e && isblank1(l->s[s]))
		s++;
	*p = l->s + s;
	*n = e - s;
}

/*
 * numcmp compares two decimal numbers as text, so any length works:
 * sign, then the integer part's length and digits, then the fraction.
 * Text that is not a number counts as zero.
 */
static int
numcmp(char *a, long na, char *b, long nb)
{
	char *ai, *bi, *af, *bf;
	long nai, nbi, naf, nbf, i;
	int sa, sb, c, da, db, zero;

	sa = sb = 1;
	if(na > 0 && *a == '-'){
		sa = -1;
		a++, na--;
	}
	if(nb > 0 && *b == '-'){
		sb = -1;
		b++, nb--;
	}
	while(na > 0 && *a == '0')
		a++, na--;
	while(nb > 0 && *b == '0')
		b++, nb--;
	ai = a;
	for(nai = 0; nai < na && ai[nai] >= '0' && ai[nai] <= '9'; nai++)
		;
	bi = b;
	for(nbi = 0; nbi < nb && bi[nbi] >= '0' && bi[nbi] <= '9'; nbi++)
		;
	af = bf = nil;
	naf = nbf = 0;
	if(nai < na && ai[nai] == '.'){
		af = ai + nai + 1;
		for(; naf < na - nai - 1 && af[naf] >= '0' && af[naf] <= '9'; naf++)
			;
	}
	if(nbi < nb && bi[nbi] == '.'){
		bf = bi + nbi + 1;
		for(; nbf < nb - nbi - 1 && bf[nbf] >= '0' && bf[nbf] <= '9'; nbf++)
			;
	}
	/* -0 and 0 are the same */
	zero = 1;
	for(i = 0; i < naf; i++)
		if(af[i] != '0')
			zero = 0;
	if(nai == 0 && zero)
		sa = 1;
	zero = 1;
	for(i = 0; i < nbf; i++)
		if(bf[i] != '0')
			zero = 0;
	if(nbi == 0 && zero)
		sb = 1;
	if(sa != sb)
		return sa < sb ? -1 : 1;
	c = 0;
	if(nai != nbi)
		c = nai < nbi ? -1 : 1;
	else if(nai > 0)
		c = memcmp(ai, bi, nai);
	for(i = 0; c == 0 && (i < naf || i < nbf); i++){
		da = i < naf ? af[i] : '0';
		db = i < nbf ? bf[i] : '0';
		if(da != db)
			c = da < db ? -1 : 1;
	}
	if(c != 0)
		c = c < 0 ? -1 : 1;
	return sa * c;
}

static int
foldcmp(char *a, long na, char *b, long nb)
{
	Rune ra, rb;
	int wa, wb;

	while(na > 0 && nb > 0){
		if((uchar)*a < Runeself || !fullrune(a, na)){
			ra = (uchar)*a;
			wa = 1;
		}else
			wa = chartorune(&ra, a);
		if((uchar)*b < Runeself || !fullrune(b, nb)){
			rb = (uchar)*b;
			wb = 1;
		}else
			wb = chartorune(&rb, b);
		ra = tolowerrune(ra);
		rb = tolowerrune(rb);
		if(ra != rb)
			return ra < rb ? -1 : 1;
		a += wa, na -= wa;
		b += wb, nb -= wb;
	}
	if(na == nb)
		return 0;
	return na < nb ? -1 : 1;
}

static int
bytecmp(char *a, long na, char *b, long nb)
{
	int c;

	c = memcmp(a, b, na < nb ? na : nb);
	if(c != 0)
		return c < 0 ? -1 : 1;
	if(na == nb)
		return 0;
	return na < nb ? -1 : 1;
}

static int
keycmp(Line *x, Line *y, Key *k)
{
	char *a, *b;
	long na, nb;
	int c, f;

	if(k == nil){
		a = x->s, na = x->n;
		b = y->s, nb = y->n;
		f = gflags;
	}else{
		keyof(x, k, &a, &na);
		keyof(y, k, &b, &nb);
		f = k->flags ? k->flags : gflags;
	}
	if(f & Fnum)
		c = numcmp(a, na, b, nb);
	else if(f & Ffold)
		c = foldcmp(a, na, b, nb);
	else
		c = bytecmp(a, na, b, nb);
	return f & Frev ? -c : c;
}

static int
linecmp(Line *x, Line *y)
{
	int i, c;

	if(nkeys == 0)
		return keycmp(x, y, nil);
	for(i = 0; i < nkeys; i++)
		if((c = keycmp(x, y, &keys[i])) != 0)
			return c;
	return 0;
}

/* msort sorts a[0:n] stably, using tmp[0:n] */
static void
msort(Line *a, Line *tmp, long n)
{
	long m, i, j, k;

	if(n < 2)
		return;
	m = n/2;
	msort(a, tmp, m);
	msort(a + m, tmp, n - m);
	if(linecmp(&a[m-1], &a[m]) <= 0)
		return;
	memmove(tmp, a, m * sizeof(Line));
	i = 0;
	j = m;
	k = 0;
	while(i < m && j < n)
		if(linecmp(&a[j], &tmp[i]) < 0)
			a[k++] = a[j++];
		else
			a[k++] = tmp[i++];
	while(i < m)
		a[k++] = tmp[i++];
}

static void
addline(char *s, long n)
{
	Line *nl;

	if(nlines == maxlines){
		maxlines = maxlines ? 2*maxlines : 1024;
		nl = realloc(lines, maxlines * sizeof(Line));
		if(nl == nil)
			nomem();
		lines = nl;
	}
	lines[nlines].s = s;
	lines[nlines].n = n;
	nlines++;
}

/* readlines reads all of fd and splits it into lines */
static int
readlines(int fd)
{
	char *buf, *nb, *p, *e, *q;
	long len, cap, m;

	buf = nil;
	len = 0;
	cap = 0;
	for(;;){
		if(cap - len < 8192){
			cap = cap ? 2*cap : 65536;
			nb = realloc(buf, cap);
			if(nb == nil)
				nomem();
			buf = nb;
		}
		m = read(fd, buf + len, cap - len);
		if(m < 0){
			free(buf);
			return -1;
		}
		if(m == 0)
			break;
		len += m;
	}
	p = buf;
	e = buf + len;
	while(p < e){
		q = memchr(p, '\n', e - p);
		if(q == nil)
			q = e;
		addline(p, q - p);
		p = q + 1;
	}
	return 0;
}

/* sortopts parses the options of one word, -fnru, -k spec, -t c; it returns the words used */
static int
sortopts(char *s, char *next)
{
	Rune r;
	char *arg;

	for(s++; *s != 0; s++){
		switch(*s){
		case 'f': gflags |= Ffold; break;
		case 'n': gflags |= Fnum; break;
		case 'r': gflags |= Frev; break;
		case 'u': uflag = 1; break;
		case 'b': break;
		case 'k':
		case 't':
			arg = s[1] != 0 ? s + 1 : next;
			if(arg == nil)
				usage();
			if(*s == 'k')
				addkey(arg);
			else{
				if(chartorune(&r, arg) != (int)strlen(arg) || r >= Runeself){
					fprint(2, "sort: separator must be one ASCII character: %s\n", arg);
					exits("usage");
				}
				tchar = r;
			}
			return arg == next ? 2 : 1;
		default:
			usage();
		}
	}
	return 1;
}

void
main(int argc, char *argv[])
{
	Line *tmp;
	char *status, *next;
	long i, j;
	int fd, n;

	for(argc--, argv++; argc > 0; argc -= n, argv += n){
		next = argc > 1 ? argv[1] : nil;
		if(argv[0][0] == '+' && argv[0][1] >= '0' && argv[0][1] <= '9')
			n = oldkey(argv[0], next);
		else if(strcmp(argv[0], "--") == 0){
			argc--;
			argv++;
			break;
		}else if(argv[0][0] == '-' && argv[0][1] != 0)
			n = sortopts(argv[0], next);
		else
			break;
	}

	status = nil;
	if(argc == 0){
		if(readlines(0) < 0){
			fprint(2, "sort: read error: %r\n");
			exits("read error");
		}
	}
	for(i = 0; i < argc; i++){
		if(strcmp(argv[i], "-") == 0)
			fd = 0;
		else
			fd = open(argv[i], OREAD);
		if(fd < 0){
			fprint(2, "sort: %s: %r\n", argv[i]);
			status = "open";
			continue;
		}
		if(readlines(fd) < 0){
			fprint(2, "sort: %s: %r\n", argv[i]);
			status = "read error";
		}
		if(fd != 0)
			close(fd);
	}
	if(nlines > 0){
		tmp = malloc(nlines * sizeof(Line));
		if(tmp == nil)
			nomem();
		msort(lines, tmp, nlines);
		free(tmp);
	}

	Binit(&bout, 1, OWRITE);
	for(i = 0; i < nlines; i = j){
		Bwrite(&bout, lines[i].s, lines[i].n);
		Bputc(&bout, '\n');
		j = i + 1;
		if(uflag)
			while(j < nlines && linecmp(&lines[i], &lines[j]) == 0)
				j++;
	}
	if(Bflush(&bout) < 0){
		fprint(2, "sort: write error: %r\n");
		exits("write error");
	}
	exits(status);
}
