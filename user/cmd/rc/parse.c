/*
 * A recursive-descent parser for rc's grammar.  From loosest to
 * tightest binding:
 *
 *	line	cmd { (; | &) cmd }
 *	andor	not { (&& | ||) not }
 *	not	! not | @ not | redir not | name=word [not] | pipe
 *	pipe	prim { | prim }
 *	prim	{body} redir... | if(body) andor | if not andor
 *		| for(word [in words]) andor | while(body) andor
 *		| switch word {body} | fn words [{body}] | ~ word words
 *		| word { word | redir }
 *	word	comword { ^ comword }
 *
 * so "x=1 a | b" gives x to the whole pipeline and "if(c) a && b"
 * makes "a && b" the body.  Syntax errors longjmp to parseline.
 */
#include "rc.h"

static Tree *andor(Lex*);
static Tree *cmds(Lex*, int);
static Tree *word(Lex*);

static int
peek(Lex *l)
{
	if(!l->havetok){
		lex(l);
		l->havetok = 1;
	}
	return l->tok;
}

static int
next(Lex *l)
{
	int t;

	t = peek(l);
	l->havetok = 0;
	return t;
}

static void
expect(Lex *l, int tok)
{
	if(next(l) != tok)
		syntaxerr(l);
}

static void
skipnl(Lex *l)
{
	while(peek(l) == '\n')
		next(l);
}

/* one level deeper; bad input must not exhaust the stack */
static void
deeper(Lex *l)
{
	if(++l->depth > NDEPTH)
		lexerror(l, "too deeply nested");
}

/* the same for chains like a && b && c, whose trees are as deep */
static void
chain(Lex *l, int n)
{
	if(n > NDEPTH)
		lexerror(l, "too deeply nested");
}

static int
iswordstart(int t)
{
	switch(t){
	case WORD: case '$': case COUNT: case FLAT: case '`': case '(':
	case PSUB: case FOR: case IN: case WHILE: case IF: case NOT:
	case SWITCH: case FN: case BANG: case SUBSHELL: case TWIDDLE:
		return 1;
	}
	return 0;
}

/* words until a token that cannot start one */
static Tree*
words(Lex *l)
{
	Tree *w, **tail;

	w = nil;
	tail = &w;
	while(iswordstart(peek(l))){
		*tail = word(l);
		tail = &(*tail)->next;
	}
	return w;
}

/* f(l), one level deeper */
static Tree*
nested(Lex *l, Tree *(*f)(Lex*))
{
	Tree *t;

	deeper(l);
	t = f(l);
	l->depth--;
	return t;
}

static Tree *comword1(Lex*);

static Tree*
comword(Lex *l)
{
	return nested(l, comword1);
}

static Tree*
comword1(Lex *l)
{
	Tree *t, *v;
	int tok;

	tok = next(l);
	switch(tok){
	case WORD:
		return newword(l, l->text, l->quoted);
	case '$':
		v = comword(l);
		if(peek(l) == SUB){
			next(l);
			t = newtree(l, Tsub, v, words(l), nil);
			expect(l, ')');
			return t;
		}
		return newtree(l, Tvar, v, nil, nil);
	case COUNT:
		return newtree(l, Tcount, comword(l), nil, nil);
	case FLAT:
		return newtree(l, Tflat, comword(l), nil, nil);
	case '`':
		expect(l, '{');
		t = newtree(l, Tbq, cmds(l, '}'), nil, nil);
		expect(l, '}');
		return t;
	case PSUB:
		t = newtree(l, Tpsub, nil, nil, nil);
		t->fd0 = l->fd0;
		t->a = cmds(l, '}');
		expect(l, '}');
		return t;
	case '(':
		t = newtree(l, Tlist, words(l), nil, nil);
		expect(l, ')');
		return t;
	}
	if(tok >= FOR && tok <= TWIDDLE)
		return newword(l, tokname(l), 0);
	syntaxerr(l);
}

static Tree*
word(Lex *l)
{
	Tree *w;
	int n;

	w = comword(l);
	for(n = 0; peek(l) == '^'; n++){
		chain(l, n);
		next(l);
		w = newtree(l, Tcat, w, comword(l), nil);
	}
	return w;
}

/* one redirection; the token is REDIR or HERE */
static Tree*
redir(Lex *l)
{
	Tree *r;
	int tok;

	tok = next(l);
	if(tok == HERE)
		return l->heretree;
	r = newtree(l, l->rtype, nil, nil, nil);
	r->fd0 = l->fd0;
	r->fd1 = l->fd1;
	if(r->type != Rdup && r->type != Rclose)
		r->a = word(l);
	return r;
}

static int
isredir(int t)
{
	return t == REDIR || t == HERE;
}

static Tree**
addredir(Lex *l, Tree **tail)
{
	*tail = redir(l);
	return &(*tail)->next;
}

static Tree*
simple(Lex *l, Tree *first)
{
	Tree *t, **wt, **rt;
	int tok;

	t = newtree(l, Tsimple, first, nil, nil);
	wt = &first->next;
	rt = &t->r;
	for(;;){
		tok = peek(l);
		if(iswordstart(tok)){
			*wt = word(l);
			wt = &(*wt)->next;
		}else if(isredir(tok))
			rt = addredir(l, rt);
		else
			return t;
	}
}

/* the command after if(...), for(...), while(...) or if not */
static Tree*
ctlbody(Lex *l)
{
	Tree *t;

	skipnl(l);
	t = andor(l);
	if(t == nil)
		syntaxerr(l);
	return t;
}

static Tree*
prim(Lex *l)
{
	Tree *t, **rt;
	int tok;

	tok = peek(l);
	switch(tok){
	case '{':
		next(l);
		t = newtree(l, Tbrace, cmds(l, '}'), nil, nil);
		expect(l, '}');
		for(rt = &t->r; isredir(peek(l)); )
			rt = addredir(l, rt);
		return t;
	case IF:
		next(l);
		if(peek(l) == NOT){
			next(l);
			return newtree(l, Tifnot, ctlbody(l), nil, nil);
		}
		expect(l, '(');
		t = newtree(l, Tif, cmds(l, ')'), nil, nil);
		expect(l, ')');
		t->b = ctlbody(l);
		return t;
	case WHILE:
		next(l);
		expect(l, '(');
		t = newtree(l, Twhile, cmds(l, ')'), nil, nil);
		expect(l, ')');
		t->b = ctlbody(l);
		return t;
	case FOR:
		next(l);
		expect(l, '(');
		t = newtree(l, Tfor, word(l), nil, nil);
		if(peek(l) == IN){
			next(l);
			t->in = 1;
			t->b = words(l);
		}
		expect(l, ')');
		t->c = ctlbody(l);
		return t;
	case SWITCH:
		next(l);
		t = newtree(l, Tswitch, word(l), nil, nil);
		skipnl(l);
		expect(l, '{');
		t->b = cmds(l, '}');
		expect(l, '}');
		return t;
	case FN:
		next(l);
		t = newtree(l, Tfn, words(l), nil, nil);
		if(t->a == nil)
			syntaxerr(l);
		if(peek(l) == '{'){
			next(l);
			t->b = cmds(l, '}');
			if(t->b == nil)
				t->b = newtree(l, Tempty, nil, nil, nil);
			expect(l, '}');
		}
		return t;
	case TWIDDLE:
		next(l);
		t = newtree(l, Tmatch, word(l), nil, nil);
		t->b = words(l);
		return t;
	}
	if(iswordstart(tok))
		return simple(l, word(l));
	return nil;
}

static Tree*
pipeline(Lex *l, Tree *first)
{
	Tree *t, *r;
	int n;

	t = first != nil ? simple(l, first) : prim(l);
	for(n = 0; peek(l) == PIPE; n++){
		if(t == nil)
			syntaxerr(l);
		chain(l, n);
		next(l);
		r = newtree(l, Tpipe, t, nil, nil);
		r->fd0 = l->fd0;
		r->fd1 = l->fd1;
		skipnl(l);
		r->b = prim(l);
		if(r->b == nil)
			syntaxerr(l);
		t = r;
	}
	return t;
}

static Tree *notcmd1(Lex*);

static Tree*
notcmd(Lex *l)
{
	return nested(l, notcmd1);
}

static Tree*
notcmd1(Lex *l)
{
	Tree *t, *w, *r, **rt;
	int tok;

	tok = peek(l);
	switch(tok){
	case BANG:
	case SUBSHELL:
		next(l);
		t = notcmd(l);
		if(t == nil)
			syntaxerr(l);
		return newtree(l, tok == BANG ? Tnot : Tsubshell, t, nil, nil);
	case REDIR:
	case HERE:
		r = nil;
		for(rt = &r; isredir(peek(l)); )
			rt = addredir(l, rt);
		t = newtree(l, Tredir, notcmd(l), nil, nil);
		t->r = r;
		return t;
	}
	if(!iswordstart(tok) || tok == TWIDDLE || (tok >= FOR && tok <= FN))
		return pipeline(l, nil);
	w = word(l);
	if(peek(l) != '=')
		return pipeline(l, w);
	next(l);
	t = newtree(l, Tassign, w, word(l), nil);
	t->c = notcmd(l);
	return t;
}

static Tree*
andor(Lex *l)
{
	Tree *t, *r;
	int tok, n;

	t = notcmd(l);
	for(n = 0; (tok = peek(l)) == ANDAND || tok == OROR; n++){
		if(t == nil)
			syntaxerr(l);
		chain(l, n);
		next(l);
		skipnl(l);
		r = notcmd(l);
		if(r == nil)
			syntaxerr(l);
		t = newtree(l, tok == ANDAND ? Tand : Tor, t, r, nil);
	}
	return t;
}

/*
 * Commands separated by ; & or newlines, up to the closing token.  For a
 * top-level line the closing token is the newline, and the end of input
 * also ends it.
 */
static Tree*
cmds(Lex *l, int close)
{
	Tree *t, *c, *last;
	int tok;

	t = last = nil;
	deeper(l);
	for(;;){
		tok = peek(l);
		if(tok == close || (close == '\n' && (tok == TEOF || tok == INTR))){
			l->depth--;
			return t;
		}
		if(tok == '\n' || tok == ';'){
			next(l);
			continue;
		}
		c = andor(l);
		tok = peek(l);
		if(tok == '&'){
			next(l);
			if(c == nil)
				c = newtree(l, Tempty, nil, nil, nil);
			c = newtree(l, Tasync, c, nil, nil);
		}else if(tok != ';' && tok != '\n' && tok != close &&
		   !(close == '\n' && tok == TEOF))
			syntaxerr(l);
		/* a; b; c is seq(a, seq(b, c)), so it can be walked in a loop */
		if(c == nil)
			continue;
		if(t == nil)
			t = c;
		else if(last == nil)
			t = last = newtree(l, Tseq, t, c, nil);
		else{
			last->b = newtree(l, Tseq, last->b, c, nil);
			last = last->b;
		}
	}
}

/*
 * The commands of one input line (more if braces or a trailing
 * && | || continue it).  Returns nil for an empty line; *status is 0,
 * TEOF at the end of input, INTR if the read was interrupted, or -2
 * after a syntax error.  The caller frees l->nodes when done.
 */
Tree*
parseline(Lex *l, int *status)
{
	Tree *t;
	int tok;

	*status = 0;
	l->depth = 0;
	if(setjmp(l->errjmp)){
		*status = l->tok == INTR ? INTR : -2;
		lexskipline(l);
		return nil;
	}
	t = cmds(l, '\n');
	tok = next(l);
	if(tok == INTR){
		*status = INTR;
		return nil;
	}
	if(tok == TEOF){
		l->havetok = 1;
		if(t == nil)
			*status = TEOF;
	}
	return t;
}
