/*
 * ghostdag - run lib/dag over one of Kaspa's reference DAGs and print or
 * check each block's GHOSTDAG data.  See ghostdag(1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <zlib.h>
#include "dag.h"
#include "json.h"

typedef struct Run Run;
struct Run {
	int check, bench, ascii;
	double cpu;		/* seconds spent in dagadd, for --bench */
	long nadded;
	long pass, fail;
	Dag *d;
};

static void
usage(void)
{
	fprintf(stderr, "usage: ghostdag [--check|--bench] FILE\n");
	exit(2);
}

/* whole file, gunzipped if it is gzip */
static char *
readall(const char *path, size_t *len)
{
	gzFile f;
	char *b, *nb;
	size_t n, a;
	int r;

	f = gzopen(path, "rb");
	if(f == NULL)
		return NULL;
	n = 0;
	a = 1 << 16;
	b = malloc(a);
	for(;;){
		if(b == NULL){
			gzclose(f);
			return NULL;
		}
		if(n == a){
			a *= 2;
			nb = realloc(b, a);
			if(nb == NULL)
				free(b);
			b = nb;
			continue;
		}
		r = gzread(f, b + n, a - n);
		if(r < 0){
			free(b);
			gzclose(f);
			return NULL;
		}
		if(r == 0)
			break;
		n += r;
	}
	gzclose(f);
	*len = n;
	return b;
}

static void
hashname(Run *r, Dhash *h, char *s)
{
	int i;

	if(r->ascii){
		memcpy(s, h->b, 32);
		s[32] = 0;
		return;
	}
	for(i = 0; i < 32; i++)
		sprintf(s + 2*i, "%02x", h->b[i]);
}

static int
idhash(Run *r, Json *j, Dhash *h)
{
	int i, v, c;

	if(j == NULL || j->type != Jstring)
		return -1;
	memset(h, 0, sizeof *h);
	if(r->ascii){
		/* the reference pads the ASCII ID with zero bytes */
		if(j->slen > 32 || (int)strlen(j->s) != j->slen)
			return -1;
		memcpy(h->b, j->s, j->slen);
		return 0;
	}
	if(j->slen != 64)
		return -1;
	for(i = 0; i < 64; i++){
		c = j->s[i];
		if(c >= '0' && c <= '9')
			v = c - '0';
		else if(c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else if(c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		else
			return -1;
		h->b[i/2] |= v << (i % 2 ? 0 : 4);
	}
	return 0;
}

static void
verdict(Run *r, int ok, const char *id, const char *what)
{
	if(ok)
		r->pass++;
	else{
		r->fail++;
		printf("mismatch: block %s: %s\n", id, what);
	}
}

static int
cmpname(const void *a, const void *b)
{
	return strcmp(*(char**)a, *(char**)b);
}

typedef struct Names Names;
struct Names {
	char **v;
	int n, a;
};

static int
namesadd(Run *r, Names *l, Dblock *b)
{
	char buf[65], **v;

	if(l->n == l->a){
		l->a = l->a ? 2*l->a : 16;
		v = realloc(l->v, l->a * sizeof v[0]);
		if(v == NULL)
			return -1;
		l->v = v;
	}
	hashname(r, &b->h, buf);
	l->v[l->n] = strdup(buf);
	if(l->v[l->n] == NULL)
		return -1;
	l->n++;
	return 0;
}

/* the blocks of colour blue in g (its selected parent counts as blue) */
static int
colourof(Run *r, Dghost *g, int blue, Names *l)
{
	Dblock *b;
	int i;

	if(blue && (b = dagderef(r->d, g->sp)) != NULL && namesadd(r, l, b) < 0)
		return -1;
	for(i = 0; i < g->nms; i++)
		if(g->blue[i] == blue && (b = dagderef(r->d, g->ms[i])) != NULL
		&& namesadd(r, l, b) < 0)
			return -1;
	return 0;
}

/* does the set of names in JSON array e equal l? frees l */
static int
sameset(Json *e, Names *l)
{
	char **want;
	int i, ok;

	ok = e != NULL && e->type == Jarray && e->n == l->n;
	want = NULL;
	if(ok && (want = calloc(e->n + 1, sizeof want[0])) == NULL)
		ok = 0;
	for(i = 0; ok && i < e->n; i++){
		if(e->kids[i]->type != Jstring)
			ok = 0;
		want[i] = e->kids[i]->s;
	}
	if(ok && l->n > 0){
		qsort(want, l->n, sizeof want[0], cmpname);
		qsort(l->v, l->n, sizeof l->v[0], cmpname);
		for(i = 0; i < l->n; i++)
			if(strcmp(want[i], l->v[i]) != 0)
				ok = 0;
	}
	for(i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	free(want);
	memset(l, 0, sizeof *l);
	return ok;
}

static int
blockset(Run *r, Json *e, Dghost *g, int blue)
{
	Names l;

	memset(&l, 0, sizeof l);
	if(colourof(r, g, blue, &l) < 0){
		sameset(NULL, &l);
		return 0;
	}
	return sameset(e, &l);
}

/* the reds seen by the virtual: its mergeset's and its selected chain's */
static int
virtualreds(Run *r, Json *e, Dghost *v)
{
	Names l;
	Dblock *c;

	memset(&l, 0, sizeof l);
	if(colourof(r, v, 0, &l) < 0)
		goto bad;
	for(c = dagderef(r->d, v->sp); c != NULL; c = dagderef(r->d, c->g.sp))
		if(colourof(r, &c->g, 0, &l) < 0)
			goto bad;
	return sameset(e, &l);
bad:
	sameset(NULL, &l);
	return 0;
}

static void
printblock(Run *r, Dblock *b)
{
	char name[65], w[80];
	Dblock *m;
	int i, c;

	hashname(r, &b->h, name);
	u256hex(&b->g.bluework, w, sizeof w);
	printf("%s score=%llu work=%s sp=", name, (unsigned long long)b->g.bluescore, w);
	m = dagderef(r->d, b->g.sp);
	if(m){
		hashname(r, &m->h, name);
		printf("%s", name);
	}else
		printf("-");
	for(c = 1; c >= 0; c--){
		printf(c ? " blues=" : " reds=");
		for(i = 0; i < b->g.nms; i++)
			if(b->g.blue[i] == c && (m = dagderef(r->d, b->g.ms[i])) != NULL){
				hashname(r, &m->h, name);
				printf("%s%s", name, i + 1 < b->g.nms ? "," : "");
			}
	}
	printf("\n");
}

static Dblock *
add(Run *r, const char *id, Dhash *h, Dhash *par, int npar, U256 *work)
{
	const char *err;
	Dblock *b;
	struct timespec t0, t1;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	b = dagadd(r->d, h, par, npar, work, &err);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	r->cpu += (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	r->nadded++;
	if(b == NULL){
		printf("block %s rejected: %s\n", id, err);
		r->fail++;
		return NULL;
	}
	if(!r->check && !r->bench)
		printblock(r, b);
	return b;
}

static int
rundagjson(Run *r, Json *top)
{
	Json *bl, *x, *ps;
	Dhash h, *par;
	Dblock *b, *sp;
	Dghost v;
	U256 one;
	int64_t k, score;
	const char *err;
	char name[65];
	int i, j;

	r->ascii = 1;
	bl = jsonget(top, "Blocks");
	if(jsonint(jsonget(top, "K"), &k) < 0 || k < 0 || k > 65535
	|| bl == NULL || bl->type != Jarray || idhash(r, jsonget(top, "GenesisID"), &h) < 0){
		fprintf(stderr, "ghostdag: need K, GenesisID and Blocks\n");
		return -1;
	}
	r->d = dagnew(&(Dparam){.k = k});
	if(r->d == NULL)
		return -1;
	u256set(&one, 1);
	if(add(r, jsonget(top, "GenesisID")->s, &h, NULL, 0, &one) == NULL)
		return -1;
	for(i = 0; i < bl->n; i++){
		x = bl->kids[i];
		ps = jsonget(x, "Parents");
		if(idhash(r, jsonget(x, "ID"), &h) < 0 || ps == NULL || ps->type != Jarray){
			fprintf(stderr, "ghostdag: block %d: bad ID or Parents\n", i);
			return -1;
		}
		par = calloc(ps->n + 1, sizeof par[0]);
		if(par == NULL)
			return -1;
		for(j = 0; j < ps->n; j++)
			if(idhash(r, ps->kids[j], &par[j]) < 0){
				fprintf(stderr, "ghostdag: block %d: bad parent\n", i);
				free(par);
				return -1;
			}
		b = add(r, jsonget(x, "ID")->s, &h, par, ps->n, &one);
		free(par);
		if(b == NULL || !r->check)
			continue;
		x = bl->kids[i];
		verdict(r, jsonint(jsonget(x, "ExpectedScore"), &score) == 0
			&& (uint64_t)score == b->g.bluescore, jsonget(x, "ID")->s, "blue score");
		sp = dagderef(r->d, b->g.sp);
		name[0] = 0;
		if(sp)
			hashname(r, &sp->h, name);
		ps = jsonget(x, "ExpectedSelectedParent");
		verdict(r, ps && ps->type == Jstring && strcmp(ps->s, name) == 0,
			jsonget(x, "ID")->s, "selected parent");
		verdict(r, blockset(r, jsonget(x, "ExpectedBlues"), &b->g, 1), jsonget(x, "ID")->s, "blues");
		verdict(r, blockset(r, jsonget(x, "ExpectedReds"), &b->g, 0), jsonget(x, "ID")->s, "reds");
	}
	if(dagvirtual(r->d, &v, &err) < 0){
		fprintf(stderr, "ghostdag: virtual: %s\n", err);
		return -1;
	}
	if(r->check && jsonget(top, "ExpectedReds") != NULL)
		verdict(r, virtualreds(r, jsonget(top, "ExpectedReds"), &v), "virtual", "reds");
	dagghostfree(&v);
	return 0;
}

/* Kaspa's exported blocks: line 1 the parameters, then one block a line */
static int
runlines(Run *r, char *buf, size_t len)
{
	char err[128], name[65];
	char *line, *end;
	Json *j, *br, *hd, *pl, *ps;
	Dhash h, *par;
	Dblock *b;
	U256 work, want;
	int64_t k, lim, md, bits, score;
	int lineno, i, npar;

	r->ascii = 0;
	lineno = 0;
	for(line = buf; line < buf + len; line = end + 1){
		end = memchr(line, '\n', buf + len - line);
		if(end == NULL)
			end = buf + len;
		if(end == line)
			continue;
		lineno++;
		j = jsonparse(line, end - line, err, sizeof err);
		if(j == NULL){
			fprintf(stderr, "ghostdag: line %d: %s\n", lineno, err);
			return -1;
		}
		if(lineno == 1){
			br = jsonget(j, "blockrate");
			if(jsonint(jsonget(br, "ghostdag_k"), &k) < 0 || k < 0 || k > 65535
			|| jsonint(jsonget(br, "mergeset_size_limit"), &lim) < 0
			|| jsonint(jsonget(br, "merge_depth"), &md) < 0 || lim < 0 || md < 0){
				fprintf(stderr, "ghostdag: line 1: need blockrate parameters\n");
				jsonfree(j);
				return -1;
			}
			r->d = dagnew(&(Dparam){.k = k, .mergesetlimit = lim, .mergedepth = md});
			jsonfree(j);
			if(r->d == NULL)
				return -1;
			continue;
		}
		hd = jsonget(j, "header");
		pl = jsonget(hd, "parentsByLevel");
		ps = pl && pl->type == Jarray && pl->n > 0 ? pl->kids[0] : NULL;
		if(idhash(r, jsonget(hd, "hash"), &h) < 0 || jsonint(jsonget(hd, "bits"), &bits) < 0
		|| bits < 0 || bits > 0xffffffffLL || pl == NULL || pl->type != Jarray
		|| (ps != NULL && ps->type != Jarray) || u256work(bits, &work) < 0){
			fprintf(stderr, "ghostdag: line %d: bad header\n", lineno);
			jsonfree(j);
			return -1;
		}
		npar = ps ? ps->n : 0;
		par = calloc(npar + 1, sizeof par[0]);
		for(i = 0; par != NULL && i < npar; i++)
			if(idhash(r, ps->kids[i], &par[i]) < 0){
				fprintf(stderr, "ghostdag: line %d: bad parent\n", lineno);
				free(par);
				par = NULL;
			}
		if(par == NULL){
			jsonfree(j);
			return -1;
		}
		hashname(r, &h, name);
		b = add(r, name, &h, par, npar, &work);
		free(par);
		if(b != NULL && r->check){
			verdict(r, jsonint(jsonget(hd, "blueScore"), &score) == 0
				&& (uint64_t)score == b->g.bluescore, name, "blue score");
			ps = jsonget(hd, "blueWork");
			verdict(r, ps && ps->type == Jstring && u256parse(&want, ps->s, ps->slen) == 0
				&& u256cmp(&want, &b->g.bluework) == 0, name, "blue work");
		}
		jsonfree(j);
	}
	if(r->d == NULL){
		fprintf(stderr, "ghostdag: empty file\n");
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	Run r;
	char *buf, err[128];
	size_t len;
	Json *top;
	int rv;

	memset(&r, 0, sizeof r);
	if(argc == 3 && strcmp(argv[1], "--check") == 0)
		r.check = 1;
	else if(argc == 3 && strcmp(argv[1], "--bench") == 0)
		r.bench = 1;
	else if(argc != 2 || argv[1][0] == '-')
		usage();
	buf = readall(argv[argc-1], &len);
	if(buf == NULL){
		perror(argv[argc-1]);
		return 1;
	}
	/* one JSON document (dagN.json) or one object a line (goref files) */
	top = jsonparse(buf, len, err, sizeof err);
	if(top != NULL && jsonget(top, "Blocks") != NULL)
		rv = rundagjson(&r, top);
	else
		rv = runlines(&r, buf, len);
	jsonfree(top);
	free(buf);
	dagfree(r.d);
	if(rv < 0)
		return 1;
	if(r.bench){
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		printf("ghostdag %s: %ld blocks in %.3f s of dagadd = %.0f blocks/s; maxrss %ld KiB\n",
			argv[argc-1], r.nadded, r.cpu, r.nadded / (r.cpu > 0 ? r.cpu : 1e-9), ru.ru_maxrss);
	}
	if(r.check){
		printf("%ld passed, %ld failed\n", r.pass, r.fail);
		return r.fail != 0;
	}
	return 0;
}
