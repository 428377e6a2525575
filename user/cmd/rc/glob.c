/*
 * Pattern matching for ~, switch and file-name globbing.  In a pattern
 * only a * ? or [ preceded by the GLOB marker is special, so text that
 * came from quotes or variables always matches itself.  Matching keeps
 * one backtracking point (the last *), so it takes time proportional to
 * the product of the lengths at worst, never exponential.
 */
#include "rc.h"

int
hasglob(char *s)
{
	return strchr(s, GLOB) != nil;
}

static int
runeat(char *s, Rune *r)
{
	int n;

	if((uchar)*s < Runeself){
		*r = (uchar)*s;
		return 1;
	}
	n = chartorune(r, s);
	return n > 0 ? n : 1;
}

/*
 * A class [...] at p (just after the GLOB [) against rune r.  Sets *end
 * after the closing ].  Returns -1 if there is no closing ].
 */
static int
classmatch(char *p, Rune r, char **end)
{
	int neg, ok, n;
	Rune lo, hi;

	neg = 0;
	ok = 0;
	if(*p == '~'){
		neg = 1;
		p++;
	}
	for(n = 0; ; n++){
		while(*p == GLOB)
			p++;
		if(*p == 0)
			return -1;
		if(*p == ']' && n > 0)
			break;
		p += runeat(p, &lo);
		hi = lo;
		if(*p == '-' && p[1] != ']' && p[1] != 0){
			p++;
			while(*p == GLOB)
				p++;
			p += runeat(p, &hi);
		}
		if(lo <= r && r <= hi)
			ok = 1;
	}
	*end = p + 1;
	return ok != neg;
}

/* does one character of s match the start of p?  advance both if so */
static int
matchone(char **sp, char **pp)
{
	char *s, *p, *end;
	Rune r, pr;
	int n, m;

	s = *sp;
	p = *pp;
	if(*s == 0)
		return 0;
	n = runeat(s, &r);
	if(p[0] == GLOB && p[1] == '?'){
		*pp = p + 2;
		*sp = s + n;
		return 1;
	}
	if(p[0] == GLOB && p[1] == '['){
		m = classmatch(p + 2, r, &end);
		if(m >= 0){
			if(!m)
				return 0;
			*pp = end;
			*sp = s + n;
			return 1;
		}
		p++;	/* no closing ]: the [ is itself */
	}
	if(*p == GLOB)
		p++;
	if(*p == 0)
		return 0;
	m = runeat(p, &pr);
	if(pr != r || m != n || memcmp(p, s, n) != 0)
		return 0;
	*pp = p + m;
	*sp = s + n;
	return 1;
}

int
match(char *s, char *p)
{
	char *star, *sback;
	Rune r;

	star = nil;
	sback = nil;
	for(;;){
		if(p[0] == GLOB && p[1] == '*'){
			p += 2;
			star = p;
			sback = s;
			continue;
		}
		if(*s == 0)
			break;
		if(matchone(&s, &p))
			continue;
		if(star == nil)
			return 0;
		sback += runeat(sback, &r);
		s = sback;
		p = star;
	}
	while(p[0] == GLOB && p[1] == '*')
		p += 2;
	return *p == 0;
}

static void
sortwords(char **w, int n)
{
	int i, j;
	char *t;

	for(i = 1; i < n; i++){
		t = w[i];
		for(j = i; j > 0 && strcmp(w[j - 1], t) > 0; j--)
			w[j] = w[j - 1];
		w[j] = t;
	}
}

/* add to out the names in directory dir (prefix pre) matching pattern elem */
static void
globdir(List *out, char *pre, char *elem)
{
	Dir *d;
	long i, n;
	int fd, first;
	char *s;

	fd = open(*pre ? pre : ".", OREAD);
	if(fd < 0)
		return;
	n = dirreadall(fd, &d);
	close(fd);
	first = out->n;
	for(i = 0; i < n; i++){
		if(d[i].name[0] == '.' && elem[0] != '.')
			continue;
		if(!match(d[i].name, elem))
			continue;
		s = smprint("%s%s", pre, d[i].name);
		if(s == nil)
			sysfatal("out of memory");
		ladd(out, s);
		free(s);
	}
	if(n > 0)
		free(d);
	if(out->n > first)
		sortwords(out->w + first, out->n - first);
}

/*
 * Expand pattern p against the file system, one path element at a
 * time; add the matches to out, or p itself if nothing matches.
 */
void
globto(List *out, char *p)
{
	List *cur, *next;
	char *e, *elem, *s, *pat;
	int i, lit, before;
	Dir *d;

	pat = p;
	before = out->n;
	cur = newlist();
	ladd(cur, *p == '/' ? "/" : "");
	while(*p == '/')
		p++;
	lit = 0;
	while(*p && cur->n > 0){
		e = strchr(p, '/');
		elem = e != nil ? smprint("%.*s", (int)(e - p), p) : estrdup(p);
		if(elem == nil)
			sysfatal("out of memory");
		next = newlist();
		for(i = 0; i < cur->n; i++){
			if(hasglob(elem))
				globdir(next, cur->w[i], elem);
			else{
				s = smprint("%s%s", cur->w[i], elem);
				if(s == nil)
					sysfatal("out of memory");
				ladd(next, unmark(s));
				free(s);
			}
		}
		lit = !hasglob(elem);
		free(elem);
		lfree(cur);
		cur = next;
		if(e == nil)
			break;
		for(i = 0; i < cur->n; i++){
			s = smprint("%s/", cur->w[i]);
			free(cur->w[i]);
			cur->w[i] = s;
		}
		p = e;
		while(*p == '/')
			p++;
	}
	/* names completed by literal elements after a pattern may not exist */
	for(i = 0; i < cur->n; i++){
		if(lit){
			d = dirstat(cur->w[i]);
			if(d == nil)
				continue;
			free(d);
		}
		ladd(out, cur->w[i]);
	}
	if(out->n == before)
		ladd(out, unmark(pat));
	lfree(cur);
}
