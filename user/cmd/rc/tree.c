/*
 * Syntax trees: making them, copying the ones that outlive a parse
 * (function bodies), and printing them back as rc (deparse, for whatis
 * and for exporting functions) or as a structural dump (for tests).
 */
#include "rc.h"

void
dsputc(char **b, int *n, int *cap, int c)
{
	if(*n + 2 > *cap){
		*cap = *cap ? 2 * *cap : 64;
		*b = realloc(*b, *cap);
		if(*b == nil)
			sysfatal("out of memory");
	}
	(*b)[(*n)++] = c;
	(*b)[*n] = 0;
}

void
dsputs(char **b, int *n, int *cap, char *s)
{
	if(*b == nil)
		dsputc(b, n, cap, 0), (*n)--;
	while(*s)
		dsputc(b, n, cap, *s++);
}

Tree*
newtree(Lex *l, int type, Tree *a, Tree *b, Tree *c)
{
	Tree *t;

	t = emalloc(sizeof *t);
	memset(t, 0, sizeof *t);
	t->type = type;
	t->a = a;
	t->b = b;
	t->c = c;
	t->alloc = l->nodes;
	l->nodes = t;
	return t;
}

Tree*
newword(Lex *l, char *s, int quoted)
{
	Tree *t;

	t = newtree(l, Tword, nil, nil, nil);
	t->s = estrdup(s);
	t->quoted = quoted;
	return t;
}

/* free every node of a parse (the alloc chain from Lex.nodes) */
void
freenodes(Tree *t)
{
	Tree *n;

	for(; t != nil; t = n){
		n = t->alloc;
		free(t->s);
		free(t);
	}
}

/* both walk the b chain of a sequence in a loop: it can be long */
Tree*
treecopy(Tree *t)
{
	Tree *c, *first, **tail;

	first = nil;
	tail = &first;
	for(; t != nil; t = t->b){
		c = emalloc(sizeof *c);
		*c = *t;
		c->alloc = nil;
		if(t->s != nil)
			c->s = estrdup(t->s);
		c->a = treecopy(t->a);
		c->c = treecopy(t->c);
		c->r = treecopy(t->r);
		c->next = treecopy(t->next);
		c->b = nil;
		*tail = c;
		tail = &c->b;
	}
	return first;
}

void
treefree(Tree *t)
{
	Tree *b;

	for(; t != nil; t = b){
		treefree(t->a);
		treefree(t->c);
		treefree(t->r);
		treefree(t->next);
		b = t->b;
		free(t->s);
		free(t);
	}
}

typedef struct Ds Ds;
struct Ds {
	char *b;
	int n, cap;
	Tree **here;		/* here documents whose bodies are due */
	int nhere, caphere;
};

static void
dputs(Ds *d, char *s)
{
	dsputs(&d->b, &d->n, &d->cap, s);
}

static void
dnum(Ds *d, int n)
{
	char b[16];

	snprint(b, sizeof b, "%d", n);
	dputs(d, b);
}

static void dtree(Ds*, Tree*);

static void
dquote(Ds *d, char *s)
{
	dputs(d, "'");
	for(; *s; s++){
		if(*s == '\'')
			dputs(d, "'");
		dsputc(&d->b, &d->n, &d->cap, *s);
	}
	dputs(d, "'");
}

static void
dword(Ds *d, Tree *t)
{
	char *s;

	if(t->quoted || iskeyword(t->s) || t->s[0] == 0){
		dquote(d, t->s);
		return;
	}
	for(s = t->s; *s; s++)
		if(*s != GLOB)
			dsputc(&d->b, &d->n, &d->cap, *s);
}

static void
dlist(Ds *d, Tree *t, char *sep)
{
	for(; t != nil; t = t->next){
		dtree(d, t);
		if(t->next != nil)
			dputs(d, sep);
	}
}

/* a word ending in \ must not touch a newline: that would join lines */
static void
dendline(Ds *d)
{
	if(d->n > 0 && d->b[d->n - 1] == '\\')
		dputs(d, " ");
}

/* the bodies of here documents named before this newline */
static void
dnewline(Ds *d)
{
	int i;
	Tree *h;

	dendline(d);
	dputs(d, "\n");
	for(i = 0; i < d->nhere; i++){
		h = d->here[i];
		dputs(d, h->s);
		dputs(d, h->a->s);
		dputs(d, "\n");
	}
	d->nhere = 0;
}

static void
dfds(Ds *d, Tree *r, int dflt)
{
	if(r->type == Rdup || r->type == Rclose){
		dputs(d, "[");
		dnum(d, r->fd0);
		dputs(d, "=");
		if(r->type == Rdup)
			dnum(d, r->fd1);
		dputs(d, "]");
	}else if(r->fd0 != dflt){
		dputs(d, "[");
		dnum(d, r->fd0);
		dputs(d, "]");
	}
}

static void
dredirs(Ds *d, Tree *r)
{
	static char *op[] = {
		[Rin-Rin] = "<", [Rout-Rin] = ">", [Rappend-Rin] = ">>",
		[Rrdwr-Rin] = "<>", [Rdup-Rin] = ">", [Rclose-Rin] = ">",
		[Rhere-Rin] = "<<",
	};

	for(; r != nil; r = r->next){
		dputs(d, " ");
		dputs(d, op[r->type - Rin]);
		if(r->type == Rhere){
			dtree(d, r->a);
			if(d->nhere == d->caphere){
				d->caphere = d->caphere ? 2 * d->caphere : 8;
				d->here = realloc(d->here, d->caphere * sizeof d->here[0]);
				if(d->here == nil)
					sysfatal("out of memory");
			}
			d->here[d->nhere++] = r;
			continue;
		}
		dfds(d, r, r->type == Rin || r->type == Rrdwr ? 0 : 1);
		if(r->a != nil){
			/* a space, so that a target like [x is not read as [fd] */
			dputs(d, " ");
			dtree(d, r->a);
		}
	}
}

static void
dbrace(Ds *d, Tree *t)
{
	dputs(d, "{");
	dtree(d, t);
	if(d->nhere > 0)
		dnewline(d);
	dputs(d, "}");
}

static void
dtree(Ds *d, Tree *t)
{
	if(t == nil)
		return;
	switch(t->type){
	case Tword:
		dword(d, t);
		break;
	case Tvar:
	case Tsub:
		dputs(d, "$");
		dtree(d, t->a);
		if(t->type == Tsub){
			dputs(d, "(");
			dlist(d, t->b, " ");
			dputs(d, ")");
		}
		break;
	case Tcount:
		dputs(d, "$#");
		dtree(d, t->a);
		break;
	case Tflat:
		dputs(d, "$\"");
		dtree(d, t->a);
		break;
	case Tcat:
		dtree(d, t->a);
		dputs(d, "^");
		dtree(d, t->b);
		break;
	case Tlist:
		dputs(d, "(");
		dlist(d, t->a, " ");
		dputs(d, ")");
		break;
	case Tbq:
		dputs(d, "`");
		dbrace(d, t->a);
		break;
	case Tpsub:
		dputs(d, t->fd0 == 0 ? "<" : ">");
		dbrace(d, t->a);
		break;
	case Tsimple:
		dlist(d, t->a, " ");
		dredirs(d, t->r);
		break;
	case Tseq:
		for(; t->type == Tseq; t = t->b){
			dtree(d, t->a);
			if(d->nhere > 0)
				dnewline(d);
			else
				dputs(d, t->a->type == Tasync ? " " : "; ");
		}
		dtree(d, t);
		break;
	case Tasync:
		dtree(d, t->a);
		dputs(d, " &");
		break;
	case Tand:
	case Tor:
		dtree(d, t->a);
		dputs(d, t->type == Tand ? " && " : " || ");
		dtree(d, t->b);
		break;
	case Tpipe:
		dtree(d, t->a);
		dputs(d, " |");
		if(t->fd0 != 1 || t->fd1 != 0){
			dputs(d, "[");
			dnum(d, t->fd0);
			dputs(d, "=");
			dnum(d, t->fd1);
			dputs(d, "]");
		}
		dputs(d, " ");
		dtree(d, t->b);
		break;
	case Tnot:
	case Tsubshell:
		dputs(d, t->type == Tnot ? "! " : "@ ");
		dtree(d, t->a);
		break;
	case Tbrace:
		dbrace(d, t->a);
		dredirs(d, t->r);
		break;
	case Tredir:
		dredirs(d, t->r);
		dputs(d, " ");
		dtree(d, t->a);
		break;
	case Tif:
	case Twhile:
		dputs(d, t->type == Tif ? "if(" : "while(");
		dtree(d, t->a);
		dputs(d, ") ");
		dtree(d, t->b);
		break;
	case Tifnot:
		dputs(d, "if not ");
		dtree(d, t->a);
		break;
	case Tfor:
		dputs(d, "for(");
		dtree(d, t->a);
		if(t->in){
			dputs(d, " in");
			if(t->b != nil)
				dputs(d, " ");
			dlist(d, t->b, " ");
		}
		dputs(d, ") ");
		dtree(d, t->c);
		break;
	case Tswitch:
		dputs(d, "switch ");
		dtree(d, t->a);
		dputs(d, " ");
		dbrace(d, t->b);
		break;
	case Tmatch:
		dputs(d, "~ ");
		dtree(d, t->a);
		if(t->b != nil)
			dputs(d, " ");
		dlist(d, t->b, " ");
		break;
	case Tfn:
		dputs(d, "fn ");
		dlist(d, t->a, " ");
		if(t->b != nil){
			dputs(d, " ");
			dbrace(d, t->b);
		}
		break;
	case Tassign:
		dtree(d, t->a);
		dputs(d, "=");
		dtree(d, t->b);
		if(t->c != nil){
			dputs(d, " ");
			dtree(d, t->c);
		}
		break;
	case Tempty:
		break;
	}
}

/* rc source for t, which reads back as the same tree */
char*
deparse(Tree *t)
{
	Ds d;

	memset(&d, 0, sizeof d);
	dputs(&d, "");
	dtree(&d, t);
	if(d.nhere > 0)
		dnewline(&d);
	dendline(&d);
	free(d.here);
	return d.b;
}

static char *tname[] = {
	[Tword] = "word", [Tvar] = "var", [Tsub] = "sub", [Tcount] = "count",
	[Tflat] = "flat", [Tcat] = "cat", [Tlist] = "list", [Tbq] = "bq",
	[Tpsub] = "psub", [Tsimple] = "simple", [Tseq] = "seq", [Tasync] = "async",
	[Tand] = "and", [Tor] = "or", [Tpipe] = "pipe", [Tnot] = "not",
	[Tsubshell] = "subshell", [Tbrace] = "brace", [Tredir] = "redir",
	[Tif] = "if", [Tifnot] = "ifnot", [Tfor] = "for", [Twhile] = "while",
	[Tswitch] = "switch", [Tmatch] = "match", [Tfn] = "fn", [Tassign] = "assign",
	[Tempty] = "empty", [Rin] = "<", [Rout] = ">", [Rappend] = ">>", [Rrdwr] = "<>",
	[Rdup] = "dup", [Rclose] = "close", [Rhere] = "<<",
};

static void ddump(Ds*, Tree*);

/* a field: () if nil, [a b] if a chain of several */
static void
dchain(Ds *d, Tree *t)
{
	dputs(d, " ");
	if(t != nil && t->next != nil){
		dputs(d, "[");
		for(; t != nil; t = t->next){
			ddump(d, t);
			if(t->next != nil)
				dputs(d, " ");
		}
		dputs(d, "]");
	}else
		ddump(d, t);
}

static void
ddump(Ds *d, Tree *t)
{
	Tree *r;
	int n;

	if(t == nil){
		dputs(d, "()");
		return;
	}
	if(t->type == Tword){
		if(t->quoted)
			dquote(d, t->s);
		else
			dword(d, t);
		return;
	}
	if(t->type == Tseq){
		/* a long sequence is a long b chain: walk it in a loop */
		for(n = 0; t->type == Tseq; t = t->b, n++){
			dputs(d, "(seq ");
			ddump(d, t->a);
			dputs(d, " ");
		}
		ddump(d, t);
		while(n-- > 0)
			dputs(d, ")");
		return;
	}
	dputs(d, "(");
	dputs(d, tname[t->type]);
	if(t->type == Tpipe || t->type == Tpsub || t->type >= Rin){
		dputs(d, " ");
		dnum(d, t->fd0);
		if(t->type == Tpipe || t->type == Rdup){
			dputs(d, "=");
			dnum(d, t->fd1);
		}
	}
	if(t->type == Rhere){
		dputs(d, " ");
		dquote(d, t->s != nil ? t->s : "");
	}
	if(t->a != nil || t->b != nil || t->c != nil)
		dchain(d, t->a);
	if(t->b != nil || t->c != nil)
		dchain(d, t->b);
	if(t->c != nil)
		dchain(d, t->c);
	for(r = t->r; r != nil; r = r->next){
		dputs(d, " ");
		ddump(d, r);
	}
	dputs(d, ")");
}

/* a structural dump, to check the parser: (type fields children...) */
char*
treedump(Tree *t)
{
	Ds d;

	memset(&d, 0, sizeof d);
	dputs(&d, "");
	ddump(&d, t);
	return d.b;
}
