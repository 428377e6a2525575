/*
 * Lists of words, and evaluating word trees into them: variables,
 * subscripts, counts, concatenation (pairwise or distributed), command
 * substitution, and then globbing.
 */
#include "rc.h"

List*
newlist(void)
{
	List *l;

	l = emalloc(sizeof *l);
	memset(l, 0, sizeof *l);
	return l;
}

void
laddn(List *l, char *s, int n)
{
	char *w;

	if(l->n == l->cap){
		l->cap = l->cap ? 2 * l->cap : 8;
		l->w = realloc(l->w, l->cap * sizeof l->w[0]);
		if(l->w == nil)
			sysfatal("out of memory");
	}
	w = emalloc(n + 1);
	memmove(w, s, n);
	w[n] = 0;
	l->w[l->n++] = w;
}

void
ladd(List *l, char *s)
{
	laddn(l, s, strlen(s));
}

void
lappend(List *l, List *m)
{
	int i;

	for(i = 0; i < m->n; i++)
		ladd(l, m->w[i]);
}

List*
lcopy(List *m)
{
	List *l;

	l = newlist();
	if(m != nil)
		lappend(l, m);
	return l;
}

void
lfree(List *l)
{
	int i;

	if(l == nil)
		return;
	for(i = 0; i < l->n; i++)
		free(l->w[i]);
	free(l->w);
	free(l);
}

/* the words joined by sep, in a new string */
char*
lflat(List *l, char *sep)
{
	char *b;
	int i, n, cap;

	b = nil;
	n = cap = 0;
	dsputs(&b, &n, &cap, "");
	for(i = 0; l != nil && i < l->n; i++){
		if(i > 0)
			dsputs(&b, &n, &cap, sep);
		dsputs(&b, &n, &cap, l->w[i]);
	}
	return b;
}

/* s without its GLOB markers, in place */
char*
unmark(char *s)
{
	char *p, *q;

	for(p = q = s; *p; p++)
		if(*p != GLOB)
			*q++ = *p;
	*q = 0;
	return s;
}

/* a whole number, or -1 */
static long
number(char *s, char **end)
{
	long n;

	if(*s < '0' || *s > '9')
		return -1;
	for(n = 0; *s >= '0' && *s <= '9'; s++){
		n = n * 10 + *s - '0';
		if(n > 1000000000)
			return -1;
	}
	*end = s;
	return n;
}

static List *ev(Tree*);

static void
everr(char *msg)
{
	rcerror(msg, nil, nil);
	setstatus(msg);
}

/* a copy of the value of variable name; $1 is $*(1) */
List*
lookup(char *name)
{
	List *v, *star;
	char *end;
	long i;

	i = number(name, &end);
	if(i > 0 && *end == 0){
		v = newlist();
		star = vval("*");
		if(star != nil && i <= star->n)
			ladd(v, star->w[i - 1]);
		return v;
	}
	return lcopy(vval(name));
}

/* the value of a variable named by word t */
static List*
varval(Tree *t)
{
	List *n, *v;

	n = ev(t);
	if(n == nil)
		return nil;
	if(n->n != 1){
		lfree(n);
		everr("variable name not singleton");
		return nil;
	}
	v = lookup(unmark(n->w[0]));
	lfree(n);
	return v;
}

/* $v(subs): each subscript is n, n-m or n- (1-based) */
static List*
subscript(List *v, Tree *subs)
{
	List *s, *r;
	long a, b;
	int i, j;
	char *p;

	s = evalwords(subs, Gstrip);
	if(s == nil)
		return nil;
	r = newlist();
	for(i = 0; i < s->n; i++){
		a = number(s->w[i], &p);
		if(a < 0)
			goto bad;
		b = a;
		if(*p == '-'){
			p++;
			b = *p == 0 ? v->n : number(p, &p);
			if(b < 0)
				goto bad;
		}
		if(*p != 0)
			goto bad;
		for(j = a; j <= b && j <= v->n; j++)
			if(j >= 1)
				ladd(r, v->w[j - 1]);
	}
	lfree(s);
	return r;
bad:
	lfree(s);
	lfree(r);
	everr("bad subscript");
	return nil;
}

static List*
concat(List *a, List *b)
{
	List *r;
	int i, n;
	char *s;

	if(a->n == 0 || b->n == 0){
		everr("null list in concatenation");
		return nil;
	}
	if(a->n != b->n && a->n != 1 && b->n != 1){
		everr("mismatched list lengths in concatenation");
		return nil;
	}
	n = a->n > b->n ? a->n : b->n;
	r = newlist();
	for(i = 0; i < n; i++){
		s = smprint("%s%s", a->w[a->n == 1 ? 0 : i], b->w[b->n == 1 ? 0 : i]);
		if(s == nil)
			sysfatal("out of memory");
		ladd(r, s);
		free(s);
	}
	return r;
}

/* the output of a command split at the characters of $ifs */
static List*
splitifs(char *out)
{
	List *r, *ifs;
	char *sep, *p, *q;

	ifs = vval("ifs");
	sep = ifs != nil ? lflat(ifs, "") : estrdup(" \t\n");
	r = newlist();
	for(p = out; *p; p = q){
		while(*p && strchr(sep, *p) != nil)
			p++;
		for(q = p; *q && strchr(sep, *q) == nil; q++)
			;
		if(q > p)
			laddn(r, p, q - p);
	}
	free(sep);
	return r;
}

static List*
ev(Tree *t)
{
	List *r, *a, *b;
	char *s, num[16];
	Tree *w;

	switch(t->type){
	case Tword:
		r = newlist();
		ladd(r, t->s);
		return r;
	case Tvar:
		return varval(t->a);
	case Tsub:
		a = varval(t->a);
		if(a == nil)
			return nil;
		r = subscript(a, t->b);
		lfree(a);
		return r;
	case Tcount:
		a = varval(t->a);
		if(a == nil)
			return nil;
		snprint(num, sizeof num, "%d", a->n);
		lfree(a);
		r = newlist();
		ladd(r, num);
		return r;
	case Tflat:
		a = varval(t->a);
		if(a == nil)
			return nil;
		s = lflat(a, " ");
		lfree(a);
		r = newlist();
		ladd(r, s);
		free(s);
		return r;
	case Tcat:
		a = ev(t->a);
		b = a != nil ? ev(t->b) : nil;
		r = b != nil ? concat(a, b) : nil;
		lfree(a);
		lfree(b);
		return r;
	case Tlist:
		r = newlist();
		for(w = t->a; w != nil; w = w->next){
			a = ev(w);
			if(a == nil){
				lfree(r);
				return nil;
			}
			lappend(r, a);
			lfree(a);
		}
		return r;
	case Tbq:
		s = bqrun(t->a);
		r = splitifs(s);
		free(s);
		return r;
	case Tpsub:
		s = psubrun(t);
		if(s == nil)
			return nil;
		r = newlist();
		ladd(r, s);
		free(s);
		return r;
	}
	everr("bad word");
	return nil;
}

/* a chain of words; nil (after a message) on an error */
List*
evalwords(Tree *t, int mode)
{
	List *r, *a;
	int i;

	r = newlist();
	for(; t != nil; t = t->next){
		a = ev(t);
		if(a == nil){
			lfree(r);
			return nil;
		}
		for(i = 0; i < a->n; i++){
			if(mode == Gglob && hasglob(a->w[i]))
				globto(r, a->w[i]);
			else if(mode == Gkeep)
				ladd(r, a->w[i]);
			else
				ladd(r, unmark(a->w[i]));
		}
		lfree(a);
	}
	return r;
}

/* a word that must expand to exactly one (a file name, a variable name) */
char*
evalone(Tree *t, int mode, char *what)
{
	List *l;
	Tree *n;
	char *s;

	n = t->next;
	t->next = nil;
	l = evalwords(t, mode);
	t->next = n;
	if(l == nil)
		return nil;
	if(l->n != 1){
		lfree(l);
		everr(what);
		return nil;
	}
	s = estrdup(l->w[0]);
	lfree(l);
	return s;
}

/* the rest of a file */
char*
readall(int fd, long *np)
{
	char *b;
	long n, cap, r;

	cap = 1024;
	b = emalloc(cap);
	n = 0;
	for(;;){
		if(n + 1 >= cap){
			cap *= 2;
			b = realloc(b, cap);
			if(b == nil)
				sysfatal("out of memory");
		}
		r = read(fd, b + n, cap - n - 1);
		if(r <= 0)
			break;
		n += r;
	}
	b[n] = 0;
	if(np != nil)
		*np = n;
	return b;
}
