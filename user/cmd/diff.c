/*
 * diff - differences between two files, as the edits (in Plan 9 and
 * Unix "normal" form: NcN, NaN,N, NdN with < and > lines) that turn
 * the first into the second.  The edits are a shortest edit script
 * found by Myers' O(ND) algorithm in its linear-space form: find the
 * middle snake of an optimal path, recurse on both sides.  Lines are
 * compared through small integers given out by a hash table, so each
 * comparison in the search costs one integer compare.
 *
 * Status: empty if the files are the same, "1" if they differ, "2" on
 * trouble (a file that cannot be read).
 */
#include <u.h>
#include <libc.h>
#include <bio.h>

typedef struct Line Line;
struct Line {
	char *s;
	long n;		/* bytes, without the newline */
	int nonl;	/* the file's last line, without a newline */
	ulong hash;
};

typedef struct File File;
struct File {
	char *name;
	char *data;
	Line *line;
	long nline;
	int *id;	/* line i's equivalence class */
	char *match;	/* line i is in the common subsequence */
};

static File f1, f2;
static long *vf, *vb;	/* the furthest x reached on each diagonal, forward and back */
static Biobuf out;

static void
usage(void)
{
	fprint(2, "usage: diff file1 file2\n");
	exits("2");
}

static void*
emallocz(ulong n)
{
	void *p;

	p = mallocz(n, 1);
	if(p == nil){
		fprint(2, "diff: out of memory\n");
		exits("2");
	}
	return p;
}

static ulong
hashline(char *s, long n)
{
	ulong h;

	h = 2166136261UL;
	while(n-- > 0)
		h = (h ^ (uchar)*s++) * 16777619UL;
	return h;
}

/* readfile reads the whole of f->name ("-" is the standard input) and splits it into lines */
static void
readfile(File *f)
{
	Dir *d;
	long len, cap, m;
	char *p, *e, *q, *nb;
	int fd;

	fd = strcmp(f->name, "-") == 0 ? 0 : open(f->name, OREAD);
	if(fd < 0){
		fprint(2, "diff: %s: %r\n", f->name);
		exits("2");
	}
	d = dirfstat(fd);
	if(d != nil && (d->qid.type & QTDIR)){
		fprint(2, "diff: %s: is a directory\n", f->name);
		exits("2");
	}
	free(d);
	len = 0;
	cap = 0;
	for(;;){
		if(cap - len < 8192){
			cap = cap ? 2*cap : 65536;
			nb = realloc(f->data, cap);
			if(nb == nil){
				fprint(2, "diff: %s: out of memory\n", f->name);
				exits("2");
			}
			f->data = nb;
		}
		m = read(fd, f->data + len, cap - len);
		if(m < 0){
			fprint(2, "diff: %s: %r\n", f->name);
			exits("2");
		}
		if(m == 0)
			break;
		len += m;
	}
	if(fd != 0)
		close(fd);
	m = 0;
	for(p = f->data; p < f->data + len; p++)
		if(*p == '\n')
			m++;
	f->line = emallocz((m + 1) * sizeof(Line));
	p = f->data;
	e = f->data + len;
	while(p < e){
		q = memchr(p, '\n', e - p);
		f->line[f->nline].s = p;
		if(q == nil){
			q = e;
			f->line[f->nline].nonl = 1;
		}
		f->line[f->nline].n = q - p;
		f->line[f->nline].hash = hashline(p, q - p);
		f->nline++;
		p = q + 1;
	}
}

static int
sameline(Line *a, Line *b)
{
	return a->hash == b->hash && a->n == b->n && a->nonl == b->nonl &&
		memcmp(a->s, b->s, a->n) == 0;
}

/* number gives equal lines of both files the same id */
static void
number(void)
{
	Line **tab, *l;
	int *tid;
	long size, i, h, next;
	File *f;
	int k;

	size = 64;
	while(size < 2*(f1.nline + f2.nline))
		size *= 2;
	tab = emallocz(size * sizeof tab[0]);
	tid = emallocz(size * sizeof tid[0]);
	next = 0;
	for(k = 0; k < 2; k++){
		f = k == 0 ? &f1 : &f2;
		f->id = emallocz((f->nline + 1) * sizeof(int));
		f->match = emallocz(f->nline + 1);
		for(i = 0; i < f->nline; i++){
			l = &f->line[i];
			for(h = l->hash & (size-1); tab[h] != nil; h = (h+1) & (size-1))
				if(sameline(tab[h], l))
					break;
			if(tab[h] == nil){
				tab[h] = l;
				tid[h] = next++;
			}
			f->id[i] = tid[h];
		}
	}
	free(tab);
	free(tid);
}

/*
 * startx is where a path of d edits on diagonal k starts its snake: one
 * step down from diagonal k+1 or right from k-1, whichever got further.
 */
static long
startx(long *v, long k, long d)
{
	if(k == -d || (k != d && v[k-1] < v[k+1]))
		return v[k+1];
	return v[k-1] + 1;
}

/*
 * midsnake finds the middle snake of a shortest edit path from a[0:n]
 * to b[0:m]: it starts at (*x, *y) and ends at (*u, *v).  The forward
 * search runs from the top left, the backward search from the bottom
 * right over the reversed sequences; they meet in the middle.
 */
static void
midsnake(int *a, long n, int *b, long m, long *x, long *y, long *u, long *v)
{
	long max, d, k, c, xs, ys, xe, ye, delta, off;
	int odd;

	delta = n - m;
	odd = delta & 1;
	max = (n + m + 1)/2;
	off = max + 1;
	vf[off+1] = 0;
	vb[off+1] = 0;
	for(d = 0; d <= max; d++){
		for(k = -d; k <= d; k += 2){
			xs = startx(vf + off, k, d);
			ys = xs - k;
			xe = xs;
			ye = ys;
			while(xe < n && ye < m && a[xe] == b[ye])
				xe++, ye++;
			vf[off+k] = xe;
			c = delta - k;
			if(odd && c >= -(d-1) && c <= d-1 && xe + vb[off+c] >= n){
				*x = xs;
				*y = ys;
				*u = xe;
				*v = ye;
				return;
			}
		}
		for(k = -d; k <= d; k += 2){
			xs = startx(vb + off, k, d);
			ys = xs - k;
			xe = xs;
			ye = ys;
			while(xe < n && ye < m && a[n-1-xe] == b[m-1-ye])
				xe++, ye++;
			vb[off+k] = xe;
			c = delta - k;
			if(!odd && c >= -d && c <= d && xe + vf[off+c] >= n){
				*x = n - xe;
				*y = m - ye;
				*u = n - xs;
				*v = m - ys;
				return;
			}
		}
	}
	/* not reached for a shortest path exists; treat everything as changed */
	*x = *u = 0;
	*y = *v = 0;
}

/* lcs marks the lines of a[a0:a1] and b[b0:b1] that a shortest edit script keeps */
static void
lcs(long a0, long a1, long b0, long b1)
{
	long x, y, u, v, i;

	while(a0 < a1 && b0 < b1 && f1.id[a0] == f2.id[b0]){
		f1.match[a0++] = 1;
		f2.match[b0++] = 1;
	}
	while(a0 < a1 && b0 < b1 && f1.id[a1-1] == f2.id[b1-1]){
		f1.match[--a1] = 1;
		f2.match[--b1] = 1;
	}
	if(a0 == a1 || b0 == b1)
		return;
	midsnake(f1.id + a0, a1 - a0, f2.id + b0, b1 - b0, &x, &y, &u, &v);
	x += a0, u += a0;
	y += b0, v += b0;
	/* each side must be smaller than the whole, or nothing would end */
	if((x == a0 && y == b0 && u == a1 && v == b1) || (u == a0 && v == b0) ||
	   (x == a1 && y == b1))
		return;
	lcs(a0, x, b0, y);
	for(i = 0; i < u - x; i++){
		f1.match[x+i] = 1;
		f2.match[y+i] = 1;
	}
	lcs(u, a1, v, b1);
}

static void
range(long s, long e)
{
	if(e - s == 1)
		Bprint(&out, "%ld", e);
	else
		Bprint(&out, "%ld,%ld", s + 1, e);
}

static void
lines(File *f, long s, long e, char *prefix)
{
	Line *l;

	for(; s < e; s++){
		l = &f->line[s];
		Bprint(&out, "%s", prefix);
		Bwrite(&out, l->s, l->n);
		Bputc(&out, '\n');
		if(l->nonl)
			Bprint(&out, "\\ No newline at end of file\n");
	}
}

/* hunk prints the edit that turns f1's lines [s1,e1) into f2's [s2,e2) */
static void
hunk(long s1, long e1, long s2, long e2)
{
	if(s2 == e2){
		range(s1, e1);
		Bprint(&out, "d%ld\n", s2);
	}else if(s1 == e1){
		Bprint(&out, "%lda", s1);
		range(s2, e2);
		Bputc(&out, '\n');
	}else{
		range(s1, e1);
		Bputc(&out, 'c');
		range(s2, e2);
		Bputc(&out, '\n');
	}
	lines(&f1, s1, e1, "< ");
	if(s1 != e1 && s2 != e2)
		Bprint(&out, "---\n");
	lines(&f2, s2, e2, "> ");
}

void
main(int argc, char *argv[])
{
	long i, j, s1, s2, max;
	int differ;

	ARGBEGIN{
	default:
		usage();
	}ARGEND
	if(argc != 2)
		usage();
	if(strcmp(argv[0], "-") == 0 && strcmp(argv[1], "-") == 0){
		fprint(2, "diff: only one file can be the standard input\n");
		exits("2");
	}
	f1.name = argv[0];
	f2.name = argv[1];
	readfile(&f1);
	readfile(&f2);
	number();
	max = (f1.nline + f2.nline + 1)/2;
	vf = emallocz((2*max + 3) * sizeof vf[0]);
	vb = emallocz((2*max + 3) * sizeof vb[0]);
	lcs(0, f1.nline, 0, f2.nline);

	Binit(&out, 1, OWRITE);
	differ = 0;
	i = j = 0;
	while(i < f1.nline || j < f2.nline){
		if(i < f1.nline && j < f2.nline && f1.match[i] && f2.match[j]){
			i++;
			j++;
			continue;
		}
		s1 = i;
		while(i < f1.nline && !f1.match[i])
			i++;
		s2 = j;
		while(j < f2.nline && !f2.match[j])
			j++;
		hunk(s1, i, s2, j);
		differ = 1;
	}
	if(Bflush(&out) < 0){
		fprint(2, "diff: write error: %r\n");
		exits("2");
	}
	exits(differ ? "1" : nil);
}
