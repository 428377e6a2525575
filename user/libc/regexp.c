/*
 * regexp(2): regular expressions compiled to a small instruction set
 * and run by a Pike VM (a Thompson NFA that carries submatch positions
 * in each thread).  Time is linear in the text times the program size,
 * whatever the expression; no backtracking.  The match reported is the
 * leftmost, and of those the longest; submatches follow the
 * expression's preference (greedy closures, earlier alternatives).
 */
#include <u.h>
#include <libc.h>
#include <regexp.h>

enum {
	Maxdepth = 200,		/* nested parentheses */
	Maxre = 1<<16,		/* bytes of expression */

	/* parse tree */
	Nchar = 1, Nany, Nclass, Nbol, Neol, Ncat, Nalt, Nstar, Nplus, Nquest, Ngroup, Nempty,

	/* instructions */
	Ochar = 1, Oany, Oanynl, Oclass, Obol, Oeol, Osplit, Ojmp, Osave, Omatch,
};

typedef struct Node Node;
struct Node {
	int kind;
	Rune r;			/* Nchar */
	int arg;		/* Nclass: class; Ngroup: submatch or -1 */
	Node *a, *b;
};

typedef struct Class Class;
struct Class {
	int neg;		/* [^...]: never matches a newline either */
	int n;			/* ranges */
	Rune *r;		/* lo, hi pairs */
};

typedef struct Inst Inst;
struct Inst {
	int op;
	Rune r;
	int x, y;		/* split/jmp targets, save slot, class */
};

struct Reprog {
	Inst *inst;
	int ninst;
	Class *class;
	int nclass;
	int nsub;		/* submatches, the whole match included */
	int dotnl;		/* regcompnl: . matches newline */
	int firstok;		/* every match starts with an ASCII byte in first */
	u64int first[2];
};

typedef struct Parse Parse;
struct Parse {
	const char *s;
	char *err;
	Node *node;
	int nnode, maxnode;
	Class *class;
	int nclass, maxclass;
	Rune *ranges;
	int nrange, maxrange;
	int nsub;
	int depth;
};

static Node*
newnode(Parse *p, int kind, Node *a, Node *b)
{
	Node *n;

	if(p->nnode >= p->maxnode){
		p->err = "expression too complex";
		return nil;
	}
	n = &p->node[p->nnode++];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->a = a;
	n->b = b;
	return n;
}

static Node *parsealt(Parse*);

/* escrune reads the rune after a backslash */
static Rune
escrune(Parse *p)
{
	Rune r;

	p->s += chartorune(&r, p->s);
	switch(r){
	case 'n':
		return '\n';
	case 't':
		return '\t';
	}
	return r;
}

static int
addrange(Parse *p, Rune lo, Rune hi)
{
	if(p->nrange + 2 > p->maxrange){
		p->err = "class too big";
		return -1;
	}
	p->ranges[p->nrange++] = lo;
	p->ranges[p->nrange++] = hi;
	return 0;
}

/* parseclass reads [...] after the '[' */
static Node*
parseclass(Parse *p)
{
	Class *c;
	Node *n;
	Rune lo, hi;

	if(p->nclass >= p->maxclass){
		p->err = "too many classes";
		return nil;
	}
	c = &p->class[p->nclass];
	c->neg = 0;
	if(*p->s == '^'){
		c->neg = 1;
		p->s++;
	}
	c->r = p->ranges + p->nrange;
	for(;;){
		if(*p->s == 0){
			p->err = "unmatched [";
			return nil;
		}
		/* a ']' first in the class is itself */
		if(*p->s == ']' && p->ranges + p->nrange != c->r)
			break;
		if(*p->s == '\\' && p->s[1] != 0){
			p->s++;
			lo = escrune(p);
		}else
			p->s += chartorune(&lo, p->s);
		hi = lo;
		if(p->s[0] == '-' && p->s[1] != ']' && p->s[1] != 0){
			p->s++;
			if(*p->s == '\\' && p->s[1] != 0){
				p->s++;
				hi = escrune(p);
			}else
				p->s += chartorune(&hi, p->s);
			if(hi < lo){
				p->err = "bad class range";
				return nil;
			}
		}
		if(addrange(p, lo, hi) < 0)
			return nil;
	}
	p->s++;
	c->n = (p->ranges + p->nrange - c->r) / 2;
	n = newnode(p, Nclass, nil, nil);
	if(n != nil)
		n->arg = p->nclass++;
	return n;
}

static Node*
parseatom(Parse *p)
{
	Node *n;
	Rune r;

	switch(*p->s){
	case '(':
		p->s++;
		if(++p->depth > Maxdepth){
			p->err = "too many nested parentheses";
			return nil;
		}
		n = newnode(p, Ngroup, nil, nil);
		if(n == nil)
			return nil;
		n->arg = p->nsub < NSUBEXP ? p->nsub++ : -1;
		n->a = parsealt(p);
		if(n->a == nil)
			return nil;
		if(*p->s != ')'){
			p->err = "unmatched (";
			return nil;
		}
		p->s++;
		p->depth--;
		return n;
	case '.':
		p->s++;
		return newnode(p, Nany, nil, nil);
	case '^':
		p->s++;
		return newnode(p, Nbol, nil, nil);
	case '$':
		p->s++;
		return newnode(p, Neol, nil, nil);
	case '[':
		p->s++;
		return parseclass(p);
	case '*':
	case '+':
	case '?':
		p->err = "missing operand for closure";
		return nil;
	case '\\':
		if(p->s[1] == 0){
			p->err = "trailing backslash";
			return nil;
		}
		p->s++;
		r = escrune(p);
		break;
	default:
		p->s += chartorune(&r, p->s);
		break;
	}
	n = newnode(p, Nchar, nil, nil);
	if(n != nil)
		n->r = r;
	return n;
}

static Node*
parserep(Parse *p)
{
	Node *n;
	int k;

	n = parseatom(p);
	while(n != nil){
		switch(*p->s){
		case '*':
			k = Nstar;
			break;
		case '+':
			k = Nplus;
			break;
		case '?':
			k = Nquest;
			break;
		default:
			return n;
		}
		p->s++;
		n = newnode(p, k, n, nil);
	}
	return nil;
}

/* parsecat builds a right-leaning chain of Ncat, so code generation can walk it in a loop */
static Node*
parsecat(Parse *p)
{
	Node *first, **link, *n, *c;

	first = nil;
	link = &first;
	while(*p->s != 0 && *p->s != '|' && *p->s != ')'){
		n = parserep(p);
		if(n == nil)
			return nil;
		if(*link == nil)
			*link = n;
		else{
			c = newnode(p, Ncat, *link, n);
			if(c == nil)
				return nil;
			*link = c;
			link = &c->b;
		}
	}
	if(first == nil)
		return newnode(p, Nempty, nil, nil);
	return first;
}

static Node*
parsealt(Parse *p)
{
	Node *first, **link, *n, *c;

	first = parsecat(p);
	link = &first;
	while(first != nil && *p->s == '|'){
		p->s++;
		n = parsecat(p);
		if(n == nil)
			return nil;
		c = newnode(p, Nalt, *link, n);
		if(c == nil)
			return nil;
		*link = c;
		link = &c->b;
	}
	return first;
}

static int
emit(Reprog *prog, int op, Rune r, int x, int y)
{
	Inst *i;

	i = &prog->inst[prog->ninst];
	i->op = op;
	i->r = r;
	i->x = x;
	i->y = y;
	return prog->ninst++;
}

static void
gen(Reprog *prog, Node *n)
{
	int l, l1;

	/* chains of Ncat and Nalt lean right: follow them in a loop */
	for(;;){
		switch(n->kind){
		case Ncat:
			gen(prog, n->a);
			n = n->b;
			continue;
		case Nalt:
			l = emit(prog, Osplit, 0, prog->ninst + 1, 0);
			gen(prog, n->a);
			l1 = emit(prog, Ojmp, 0, 0, 0);
			prog->inst[l].y = prog->ninst;
			gen(prog, n->b);
			prog->inst[l1].x = prog->ninst;
			return;
		case Nchar:
			emit(prog, Ochar, n->r, 0, 0);
			return;
		case Nany:
			emit(prog, prog->dotnl ? Oanynl : Oany, 0, 0, 0);
			return;
		case Nclass:
			emit(prog, Oclass, 0, n->arg, 0);
			return;
		case Nbol:
			emit(prog, Obol, 0, 0, 0);
			return;
		case Neol:
			emit(prog, Oeol, 0, 0, 0);
			return;
		case Nstar:
			l = emit(prog, Osplit, 0, prog->ninst + 1, 0);
			gen(prog, n->a);
			emit(prog, Ojmp, 0, l, 0);
			prog->inst[l].y = prog->ninst;
			return;
		case Nplus:
			l = prog->ninst;
			gen(prog, n->a);
			emit(prog, Osplit, 0, l, prog->ninst + 1);
			return;
		case Nquest:
			l = emit(prog, Osplit, 0, prog->ninst + 1, 0);
			gen(prog, n->a);
			prog->inst[l].y = prog->ninst;
			return;
		case Ngroup:
			if(n->arg >= 0)
				emit(prog, Osave, 0, 2*n->arg, 0);
			gen(prog, n->a);
			if(n->arg >= 0)
				emit(prog, Osave, 0, 2*n->arg + 1, 0);
			return;
		default:
			return;
		}
	}
}

static int
addfirst(Reprog *prog, Rune lo, Rune hi)
{
	Rune c;

	if(hi >= Runeself)
		return 0;
	for(c = lo; c <= hi; c++)
		prog->first[c/64] |= 1ULL << (c%64);
	return 1;
}

/*
 * firstset finds the ASCII bytes a match can start with, so regexec can
 * skip the text between them without running the machine.  It gives up
 * (firstok 0) if a match may be empty, start at an anchor, or start
 * with any rune outside ASCII.
 */
static void
firstset(Reprog *prog)
{
	int *stack, *seen, sp, pc, ok, i;
	Inst *in;
	Class *c;

	prog->firstok = 0;
	prog->first[0] = prog->first[1] = 0;
	stack = malloc((2*prog->ninst + 1) * sizeof(int));
	seen = mallocz(prog->ninst * sizeof(int), 1);
	if(stack == nil || seen == nil){
		free(stack);
		free(seen);
		return;
	}
	ok = 1;
	sp = 0;
	stack[sp++] = 0;
	while(ok && sp > 0){
		pc = stack[--sp];
		if(seen[pc])
			continue;
		seen[pc] = 1;
		in = &prog->inst[pc];
		switch(in->op){
		case Ojmp:
			stack[sp++] = in->x;
			break;
		case Osplit:
			stack[sp++] = in->x;
			stack[sp++] = in->y;
			break;
		case Osave:
			stack[sp++] = pc + 1;
			break;
		case Ochar:
			ok = addfirst(prog, in->r, in->r);
			break;
		case Oclass:
			c = &prog->class[in->x];
			if(c->neg)
				ok = 0;
			for(i = 0; ok && i < c->n; i++)
				ok = addfirst(prog, c->r[2*i], c->r[2*i+1]);
			break;
		default:
			ok = 0;	/* ., ^, $, or the match itself */
			break;
		}
	}
	prog->firstok = ok;
	free(stack);
	free(seen);
}

/*
 * compile parses re (or takes it literally) into one allocation: the
 * Reprog, its instructions, classes and ranges.
 */
static Reprog*
compile(const char *re, int literal, int dotnl)
{
	Parse p;
	Reprog *prog;
	Node *tree, *n, **link;
	usize len, size;
	char *mem;
	Rune r;

	len = strlen(re);
	if(len > Maxre){
		regerror("expression too long");
		return nil;
	}
	memset(&p, 0, sizeof p);
	p.maxnode = 2*len + 4;
	p.maxclass = len/2 + 1;
	p.maxrange = 2*len + 2;
	p.node = malloc(p.maxnode * sizeof(Node));
	size = sizeof(Reprog) + (3*p.maxnode + 4)*sizeof(Inst) + p.maxclass*sizeof(Class) + p.maxrange*sizeof(Rune);
	mem = malloc(size);
	if(p.node == nil || mem == nil){
		free(p.node);
		free(mem);
		regerror("out of memory");
		return nil;
	}
	prog = (Reprog*)mem;
	prog->inst = (Inst*)(prog + 1);
	p.class = (Class*)(prog->inst + 3*p.maxnode + 4);
	p.ranges = (Rune*)(p.class + p.maxclass);
	p.s = re;
	p.nsub = 1;
	if(literal){
		tree = nil;
		link = &tree;
		while(*p.s != 0){
			p.s += chartorune(&r, p.s);
			n = newnode(&p, Nchar, nil, nil);
			if(n == nil)
				break;
			n->r = r;
			if(*link == nil)
				*link = n;
			else{
				n = newnode(&p, Ncat, *link, n);
				if(n == nil)
					break;
				*link = n;
				link = &n->b;
			}
		}
		if(tree == nil)
			tree = newnode(&p, Nempty, nil, nil);
	}else{
		tree = parsealt(&p);
		if(tree != nil && *p.s == ')')
			p.err = "unmatched )";
	}
	if(tree == nil || p.err != nil){
		free(p.node);
		free(mem);
		regerror(p.err != nil ? p.err : "syntax error");
		return nil;
	}
	prog->ninst = 0;
	prog->dotnl = dotnl;
	prog->nsub = p.nsub;
	prog->class = p.class;
	prog->nclass = p.nclass;
	emit(prog, Osave, 0, 0, 0);
	gen(prog, tree);
	emit(prog, Osave, 0, 1, 0);
	emit(prog, Omatch, 0, 0, 0);
	free(p.node);
	firstset(prog);
	return prog;
}

Reprog*
regcomp(const char *re)
{
	return compile(re, 0, 0);
}

Reprog*
regcompnl(const char *re)
{
	return compile(re, 0, 1);
}

Reprog*
regcomplit(const char *re)
{
	return compile(re, 1, 0);
}

static int
inclass(Class *c, Rune r)
{
	int i;

	for(i = 0; i < c->n; i++)
		if(r >= c->r[2*i] && r <= c->r[2*i+1])
			return !c->neg;
	return c->neg && r != '\n';
}

/* The text: UTF-8 bytes or runes, positions are offsets into it. */
typedef struct Text Text;
struct Text {
	const char *s;
	const Rune *rs;
	long end;		/* offset where the text stops, -1 at the NUL */
};

/* textrune decodes the rune at offset pos, its width in *w; 0 at the end */
static Rune
textrune(Text *t, long pos, int *w)
{
	Rune r;

	if(t->end >= 0 && pos >= t->end){
		*w = 0;
		return 0;
	}
	if(t->rs != nil){
		*w = t->rs[pos] != 0;
		return t->rs[pos];
	}
	if(t->s[pos] == 0){
		*w = 0;
		return 0;
	}
	if((uchar)t->s[pos] < Runeself){
		*w = 1;
		return t->s[pos];
	}
	*w = chartorune(&r, t->s + pos);
	return r;
}

/* textprev is the rune before pos, or '\n' at the text's start (so ^ matches there) */
static Rune
textprev(Text *t, long pos)
{
	if(pos == 0)
		return '\n';
	return t->rs != nil ? t->rs[pos-1] : (Rune)(uchar)t->s[pos-1];
}

/* skipto moves pos to the next rune that may start a match (or the end) */
static long
skipto(Reprog *prog, Text *t, long pos)
{
	Rune r;

	for(;; pos++){
		if(t->end >= 0 && pos >= t->end)
			return pos;
		r = t->rs != nil ? t->rs[pos] : (uchar)t->s[pos];
		if(r == 0 || (r < Runeself && (prog->first[r/64] >> (r%64)) & 1))
			return pos;
	}
}

typedef struct Thread Thread;
struct Thread {
	int pc;
	long *cap;
};

typedef struct List List;
struct List {
	Thread *t;
	int n;
	long *caps;		/* ninst * ncap slots */
	int *mark;		/* pc -> generation it was added in */
	int gen;
};

typedef struct Vm Vm;
struct Vm {
	Reprog *prog;
	Text *text;
	int ncap;
	long *stack;		/* addthread's work: pcs, and (slot, old value) restores */
};

/*
 * addthread adds pc and everything reachable from it without reading a
 * rune to l, in priority order, with the captures in cap (restored
 * before returning).
 */
static void
addthread(Vm *vm, List *l, int pc0, long *cap, long pos)
{
	Inst *in;
	long *sp;
	Thread *t;
	Rune r;
	int pc, w;

	sp = vm->stack;
	*sp++ = pc0;
	while(sp > vm->stack){
		pc = *--sp;
		if(pc < 0){
			/* a restore: slot -pc-1 gets its old value back */
			sp--;
			cap[-pc-1] = *sp;
			continue;
		}
		if(l->mark[pc] == l->gen)
			continue;
		l->mark[pc] = l->gen;
		in = &vm->prog->inst[pc];
		switch(in->op){
		case Ojmp:
			*sp++ = in->x;
			break;
		case Osplit:
			*sp++ = in->y;
			*sp++ = in->x;
			break;
		case Osave:
			if(in->x < vm->ncap){
				*sp++ = cap[in->x];
				*sp++ = -in->x - 1;
				cap[in->x] = pos;
			}
			*sp++ = pc + 1;
			break;
		case Obol:
			if(textprev(vm->text, pos) == '\n')
				*sp++ = pc + 1;
			break;
		case Oeol:
			r = textrune(vm->text, pos, &w);
			if(w == 0 || r == '\n')
				*sp++ = pc + 1;
			break;
		default:
			t = &l->t[l->n];
			t->pc = pc;
			t->cap = l->caps + l->n*vm->ncap;
			memmove(t->cap, cap, vm->ncap * sizeof(long));
			l->n++;
			break;
		}
	}
}

/* step reports whether the instruction at pc consumes rune r (w 0 at the end) */
static int
step(Reprog *prog, Inst *in, Rune r, int w)
{
	if(w == 0)
		return 0;
	switch(in->op){
	case Ochar:
		return r == in->r;
	case Oany:
		return r != '\n';
	case Oanynl:
		return 1;
	case Oclass:
		return inclass(&prog->class[in->x], r);
	}
	return 0;
}

static int
execute(Reprog *prog, Text *text, long start, long *best, int ncap)
{
	List l[2], *cl, *nl, *tl;
	Vm vm;
	long *cap, pos;
	int i, w, matched, n, gen;
	Thread *t;
	Rune r;
	char *mem;

	n = prog->ninst;
	mem = malloc(2 * (n*sizeof(Thread) + n*ncap*sizeof(long) + n*sizeof(int)) +
		(3*n + 2)*sizeof(long) + ncap*sizeof(long));
	if(mem == nil){
		werrstr("regexec: out of memory");
		return -1;
	}
	/* one block: the pointer-sized arrays first, the ints last, so each stays aligned */
	l[0].t = (Thread*)mem;
	l[1].t = l[0].t + n;
	l[0].caps = (long*)(l[1].t + n);
	l[1].caps = l[0].caps + n*ncap;
	vm.stack = l[1].caps + n*ncap;
	cap = vm.stack + 3*n + 2;
	l[0].mark = (int*)(cap + ncap);
	l[1].mark = l[0].mark + n;
	memset(l[0].mark, 0, 2*n*sizeof(int));
	l[0].n = l[1].n = 0;
	vm.prog = prog;
	vm.text = text;
	vm.ncap = ncap;

	cl = &l[0];
	nl = &l[1];
	gen = 2;
	cl->gen = 1;
	nl->gen = 2;
	matched = 0;
	for(pos = start;; pos += w){
		if(cl->n == 0 && !matched && prog->firstok)
			pos = skipto(prog, text, pos);
		if(!matched){
			/* a new thread starting here, after (below) the older ones */
			for(i = 0; i < ncap; i++)
				cap[i] = -1;
			addthread(&vm, cl, 0, cap, pos);
		}
		r = textrune(text, pos, &w);
		if(cl->n == 0){
			if(matched || w == 0)
				break;
			cl->gen = ++gen;	/* the next position's threads are a new generation */
			continue;
		}
		for(i = 0; i < cl->n; i++){
			t = &cl->t[i];
			if(matched && t->cap[0] > best[0])
				continue;	/* starts right of the match we have */
			if(prog->inst[t->pc].op == Omatch){
				if(!matched || t->cap[0] < best[0] || (t->cap[0] == best[0] && t->cap[1] > best[1])){
					memmove(best, t->cap, ncap * sizeof(long));
					matched = 1;
				}
				continue;
			}
			if(step(prog, &prog->inst[t->pc], r, w))
				addthread(&vm, nl, t->pc + 1, t->cap, pos + w);
		}
		tl = cl;
		cl = nl;
		nl = tl;
		nl->n = 0;
		nl->gen = ++gen;
		if(w == 0)
			break;
	}
	free(l[0].t);
	return matched;
}

static int
match(Reprog *prog, Text *text, long start, Resub *m, int msize, int runes)
{
	long best[2*NSUBEXP];
	int ncap, r, i;

	if(prog == nil){
		werrstr("regexec: nil program");
		return -1;
	}
	ncap = msize < prog->nsub ? msize : prog->nsub;
	if(ncap < 1)
		ncap = 1;
	if(ncap > NSUBEXP)
		ncap = NSUBEXP;
	ncap *= 2;
	r = execute(prog, text, start, best, ncap);
	if(r <= 0 || m == nil)
		return r;
	for(i = 0; i < msize; i++){
		if(i >= ncap/2 || best[2*i] < 0 || best[2*i+1] < 0){
			m[i].s.sp = nil;
			m[i].e.ep = nil;
		}else if(runes){
			m[i].s.rsp = (Rune*)text->rs + best[2*i];
			m[i].e.rep = (Rune*)text->rs + best[2*i+1];
		}else{
			m[i].s.sp = (char*)text->s + best[2*i];
			m[i].e.ep = (char*)text->s + best[2*i+1];
		}
	}
	return 1;
}

/*
 * regexec matches s; if m[0] comes in with sp set the search starts
 * there, and with ep set it stops there.  1 on a match, 0 if none.
 */
int
regexec(Reprog *prog, const char *s, Resub *m, int msize)
{
	Text t;
	long start;

	t.s = s;
	t.rs = nil;
	t.end = -1;
	start = 0;
	if(m != nil && msize > 0){
		if(m[0].s.sp != nil)
			start = m[0].s.sp - s;
		if(m[0].e.ep != nil)
			t.end = m[0].e.ep - s;
	}
	return match(prog, &t, start, m, msize, 0);
}

int
rregexec(Reprog *prog, const Rune *s, Resub *m, int msize)
{
	Text t;
	long start;

	t.s = nil;
	t.rs = s;
	t.end = -1;
	start = 0;
	if(m != nil && msize > 0){
		if(m[0].s.rsp != nil)
			start = m[0].s.rsp - s;
		if(m[0].e.rep != nil)
			t.end = m[0].e.rep - s;
	}
	return match(prog, &t, start, m, msize, 1);
}

/*
 * regsub copies src to dst (dlen bytes, always NUL-terminated) with
 * \0 to \9 replaced by that submatch and & by the whole match; a
 * backslash before any other character makes it literal.  subst does
 * the work for bytes and for runes (w is the element size).
 */
static Rune
elem(const void *p, long i, int w)
{
	return w == 1 ? (Rune)((const uchar*)p)[i] : ((const Rune*)p)[i];
}

static void
subst(const void *src, void *dst, long dlen, Resub *m, int msize, int w)
{
	const void *sp, *ep;
	long i, o, k, n;
	Rune c;

	if(dlen <= 0)
		return;
	o = 0;
	for(i = 0; (c = elem(src, i, w)) != 0 && o < dlen - 1;){
		k = -1;
		if(c == '\\' && elem(src, i+1, w) >= '0' && elem(src, i+1, w) <= '9'){
			k = elem(src, i+1, w) - '0';
			i += 2;
		}else if(c == '&'){
			k = 0;
			i++;
		}else{
			if(c == '\\' && elem(src, i+1, w) != 0)
				c = elem(src, ++i, w);
			i++;
			if(w == 1)
				((char*)dst)[o++] = c;
			else
				((Rune*)dst)[o++] = c;
			continue;
		}
		if(k >= msize || m[k].s.sp == nil || m[k].e.ep == nil)
			continue;
		sp = w == 1 ? (const void*)m[k].s.sp : (const void*)m[k].s.rsp;
		ep = w == 1 ? (const void*)m[k].e.ep : (const void*)m[k].e.rep;
		n = ((const char*)ep - (const char*)sp) / w;
		if(n > dlen - 1 - o)
			n = dlen - 1 - o;
		memmove((char*)dst + o*w, sp, n*w);
		o += n;
	}
	if(w == 1)
		((char*)dst)[o] = 0;
	else
		((Rune*)dst)[o] = 0;
}

void
regsub(const char *src, char *dst, int dlen, Resub *m, int msize)
{
	subst(src, dst, dlen, m, msize, 1);
}

void
rregsub(const Rune *src, Rune *dst, int dlen, Resub *m, int msize)
{
	subst(src, dst, dlen, m, msize, sizeof(Rune));
}
