/*
 * Variables and functions.  Each variable is also a file /env/NAME
 * holding its words, each ended by a NUL; each function is a file
 * /env/fn#NAME holding its definition as rc source.  Changes are written
 * out by updenv just before rc starts a program, so a child (which gets
 * a copy of the environment) sees the values of that moment.
 */
#include "rc.h"

enum { NHASH = 127 };

static Var *vtab[NHASH];

static uint
hash(char *s)
{
	uint h;

	for(h = 0; *s; s++)
		h = h * 31 + (uchar)*s;
	return h % NHASH;
}

Var*
vget(char *name)
{
	Var *v;

	for(v = vtab[hash(name)]; v != nil; v = v->hnext)
		if(strcmp(v->name, name) == 0)
			return v;
	return nil;
}

Var*
vlook(char *name)
{
	Var *v;
	uint h;

	v = vget(name);
	if(v != nil)
		return v;
	v = emalloc(sizeof *v);
	memset(v, 0, sizeof *v);
	v->name = estrdup(name);
	h = hash(name);
	v->hnext = vtab[h];
	vtab[h] = v;
	return v;
}

List*
vval(char *name)
{
	Var *v;

	v = vget(name);
	return v != nil ? v->val : nil;
}

/* set name to l, which the variable takes over; an empty list unsets */
void
setvar(char *name, List *l)
{
	Var *v;

	v = vlook(name);
	lfree(v->val);
	if(l != nil && l->n == 0){
		lfree(l);
		l = nil;
	}
	v->val = l;
	v->changed = 1;
}

void
setvar1(char *name, char *s)
{
	List *l;

	l = newlist();
	ladd(l, s);
	setvar(name, l);
}

/* define name as body (copied), or delete the function if body is nil */
void
setfn(char *name, Tree *body)
{
	Var *v;

	v = vlook(name);
	treefree(v->fn);
	v->fn = treecopy(body);
	v->fnchanged = 1;
}

void
vforeach(void (*f)(Var*))
{
	int i, j, n;
	Var *v, **all;

	n = 0;
	for(i = 0; i < NHASH; i++)
		for(v = vtab[i]; v != nil; v = v->hnext)
			n++;
	all = emalloc((n + 1) * sizeof all[0]);
	n = 0;
	for(i = 0; i < NHASH; i++)
		for(v = vtab[i]; v != nil; v = v->hnext){
			for(j = n; j > 0 && strcmp(all[j - 1]->name, v->name) > 0; j--)
				all[j] = all[j - 1];
			all[j] = v;
			n++;
		}
	for(i = 0; i < n; i++)
		f(all[i]);
	free(all);
}

/* variables that belong to this shell alone */
static int
private(char *name)
{
	static char *p[] = {"*", "pid", "apid", "status", "0"};
	uint i;

	for(i = 0; i < nelem(p); i++)
		if(strcmp(name, p[i]) == 0)
			return 1;
	return strchr(name, '/') != nil || name[0] == '.' || strncmp(name, "fn#", 3) == 0;
}

static void
envwrite(char *file, char *data, long n)
{
	int fd;

	if(data == nil){
		remove(file);
		return;
	}
	fd = create(file, OWRITE, 0666);
	if(fd < 0)
		return;
	write(fd, data, n);
	close(fd);
}

static void
export(Var *v)
{
	char *file, *b, *src;
	int i, n, cap;

	if(private(v->name)){
		v->changed = v->fnchanged = 0;
		return;
	}
	if(v->changed){
		file = smprint("/env/%s", v->name);
		b = nil;
		n = cap = 0;
		for(i = 0; v->val != nil && i < v->val->n; i++){
			dsputs(&b, &n, &cap, v->val->w[i]);
			dsputc(&b, &n, &cap, 0);
		}
		envwrite(file, v->val != nil ? (b != nil ? b : "") : nil, n);
		free(b);
		free(file);
		v->changed = 0;
	}
	if(v->fnchanged){
		file = smprint("/env/fn#%s", v->name);
		src = nil;
		if(v->fn != nil){
			b = deparse(v->fn);
			src = smprint("fn %s {%s}\n", v->name, b);
			free(b);
		}
		envwrite(file, src, src != nil ? strlen(src) : 0);
		free(src);
		free(file);
		v->fnchanged = 0;
	}
}

void
updenv(void)
{
	int i;
	Var *v;

	for(i = 0; i < NHASH; i++)
		for(v = vtab[i]; v != nil; v = v->hnext)
			if(v->changed || v->fnchanged)
				export(v);
}

/* a function from /env/fn#name: accepted only if it defines just that */
static void
importfn(char *name, char *src)
{
	Lex l;
	Io *io;
	Tree *t;
	int st;

	io = iostr(src, name);
	lexinit(&l, io);
	t = parseline(&l, &st);
	if(t != nil && t->type == Tfn && t->a != nil && t->a->next == nil &&
	   t->a->type == Tword && strcmp(t->a->s, name) == 0 && t->b != nil){
		setfn(name, t->b);
		vlook(name)->fnchanged = 0;
	}
	freenodes(l.nodes);
	free(l.text);
	iofree(io);
}

void
importenv(void)
{
	Dir *d;
	long i, n, len;
	int fd, efd;
	char *file, *b, *p, *e;
	List *l;

	fd = open("/env", OREAD);
	if(fd < 0)
		return;
	n = dirreadall(fd, &d);
	close(fd);
	for(i = 0; i < n; i++){
		if(d[i].mode & DMDIR)
			continue;
		file = smprint("/env/%s", d[i].name);
		efd = open(file, OREAD);
		free(file);
		if(efd < 0)
			continue;
		b = readall(efd, &len);
		close(efd);
		if(strncmp(d[i].name, "fn#", 3) == 0)
			importfn(d[i].name + 3, b);
		else if(!private(d[i].name)){
			l = newlist();
			for(p = b; p < b + len; p = e + 1){
				e = memchr(p, 0, b + len - p);
				if(e == nil)
					e = b + len;
				laddn(l, p, e - p);
			}
			setvar(d[i].name, l);
			vlook(d[i].name)->changed = 0;
		}
		free(b);
	}
	if(n > 0)
		free(d);
}
