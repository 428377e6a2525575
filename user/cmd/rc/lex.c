/*
 * The lexer.  Besides splitting words it inserts the "free carets" of
 * rc: a word that touches the previous one without white space between
 * them is joined to it, so $x.c means $x^.c.  It also reads the bodies
 * of here documents when it reaches the end of the line that named them.
 */
#include "rc.h"

static struct {
	char *name;
	int tok;
} keywords[] = {
	{"for", FOR}, {"in", IN}, {"while", WHILE}, {"if", IF}, {"not", NOT},
	{"switch", SWITCH}, {"fn", FN}, {"!", BANG}, {"@", SUBSHELL},
	{"~", TWIDDLE},
};

int
iskeyword(char *s)
{
	uint i;

	for(i = 0; i < nelem(keywords); i++)
		if(strcmp(s, keywords[i].name) == 0)
			return keywords[i].tok;
	return 0;
}

static int
wordchr(int c)
{
	return c >= 0 && strchr("\n \t;&|^$=`'{}()<>", c) == nil && c != 0;
}

static int
varchr(int c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c == '_' || c == '*';
}

void
lexinit(Lex *l, Io *io)
{
	memset(l, 0, sizeof *l);
	l->io = io;
	l->peekc = -1;
	l->heretail = &l->here;
	l->atbol = 1;
}

static void
prompt(Lex *l)
{
	List *p;
	char *s;

	p = vval("prompt");
	s = nil;
	if(p != nil && p->n > (l->prompted ? 1 : 0))
		s = p->w[l->prompted ? 1 : 0];
	if(s != nil){
		oputs(2, s);
		oflush(2);
	}
	l->prompted = 1;
}

static int
getc(Lex *l)
{
	int c;
	Io *io;

	if(l->peekc != -1){
		c = l->peekc;
		l->peekc = -1;
		return c;
	}
	io = l->io;
	if(io->interactive && l->atbol && io->pos >= io->n && !io->eof)
		prompt(l);
	l->atbol = 0;
	c = iogetc(io);
	if(c == '\n' || c == -2)
		l->atbol = 1;
	if(c == '\n')
		io->line++;
	return c;
}

static void
ungetc(Lex *l, int c)
{
	l->peekc = c;
}

static void
addtext(Lex *l, int c)
{
	if(l->ntext + 2 > l->captext){
		l->captext = l->captext ? 2 * l->captext : 64;
		l->text = realloc(l->text, l->captext);
		if(l->text == nil)
			sysfatal("out of memory");
	}
	l->text[l->ntext++] = c;
	l->text[l->ntext] = 0;
}

/* discard the rest of a line after a syntax error */
void
lexskipline(Lex *l)
{
	int c;

	l->havetok = 0;
	l->here = nil;
	l->heretail = &l->here;
	l->lastword = l->lastdol = l->lastvar = 0;
	if(l->tok == '\n' || l->tok == TEOF || l->tok == INTR)
		return;
	do
		c = getc(l);
	while(c != '\n' && c >= 0);
}

char*
tokname(Lex *l)
{
	static char b[32];
	uint i;

	switch(l->tok){
	case TEOF:
		return "end of file";
	case '\n':
		return "newline";
	case WORD:
		return l->text;
	case COUNT:
		return "$#";
	case FLAT:
		return "$\"";
	case SUB:
		return "(";
	case ANDAND:
		return "&&";
	case OROR:
		return "||";
	case PIPE:
		return "|";
	case REDIR:
		return l->rtype == Rin ? "<" : l->rtype == Rappend ? ">>" :
			l->rtype == Rrdwr ? "<>" : ">";
	case HERE:
		return "<<";
	case PSUB:
		return l->fd0 == 0 ? "<{" : ">{";
	}
	for(i = 0; i < nelem(keywords); i++)
		if(keywords[i].tok == l->tok)
			return keywords[i].name;
	b[0] = l->tok;
	b[1] = 0;
	return b;
}

/* rc: source:line: msg, and back to parseline */
_Noreturn void
lexerror(Lex *l, char *msg)
{
	char line[16];

	if(l->tok == INTR)
		longjmp(l->errjmp, 1);
	snprint(line, sizeof line, "%d", l->io->line - (l->tok == '\n'));
	oflush(1);
	oputs(2, "rc: ");
	oputs(2, l->io->name);
	oputc(2, ':');
	oputs(2, line);
	oputs(2, ": ");
	oputs(2, msg);
	oputc(2, '\n');
	oflush(2);
	longjmp(l->errjmp, 1);
}

_Noreturn void
syntaxerr(Lex *l)
{
	static char m[128];

	snprint(m, sizeof m, "syntax error near %s", tokname(l));
	lexerror(l, m);
}

/* a number in [n] or [n=m]; -1 if there is none */
static int
lexnum(Lex *l)
{
	int c, n, any;

	l->tok = REDIR;
	n = 0;
	any = 0;
	while((c = getc(l)) >= '0' && c <= '9'){
		n = n * 10 + c - '0';
		if(n > 9999)
			syntaxerr(l);
		any = 1;
	}
	ungetc(l, c);
	return any ? n : -1;
}

/* [n], [n=m] or [n=] after a redirection or pipe */
static void
lexfds(Lex *l, int dup)
{
	int c;

	l->tok = REDIR;
	c = getc(l);
	if(c != '['){
		ungetc(l, c);
		return;
	}
	if((l->fd0 = lexnum(l)) < 0)
		syntaxerr(l);
	c = getc(l);
	if(c == '=' && dup){
		l->fd1 = lexnum(l);
		l->rtype = l->fd1 < 0 ? Rclose : Rdup;
		c = getc(l);
	}
	if(c != ']')
		syntaxerr(l);
}

/* NUL and the GLOB marker cannot be rc input */
static int
badchar(int c)
{
	return c == 0 || c == GLOB;
}

/* 'quoted text' with '' for one quote; the opening quote is read */
static void
lexquoted(Lex *l)
{
	int c;

	for(;;){
		c = getc(l);
		if(c < 0){
			l->tok = TEOF;
			syntaxerr(l);
		}
		if(c == '\''){
			c = getc(l);
			if(c != '\''){
				ungetc(l, c);
				return;
			}
		}
		if(badchar(c))
			lexerror(l, "bad character in input");
		addtext(l, c);
	}
}

/* the delimiter of a here document, and a node to hold its body */
static void
lexhere(Lex *l)
{
	int c;
	Tree *t;

	l->tok = HERE;
	while((c = getc(l)) == ' ' || c == '\t')
		;
	l->ntext = 0;
	addtext(l, 0);
	l->ntext = 0;
	t = newtree(l, Rhere, nil, nil, nil);
	t->fd0 = 0;
	if(c == '\''){
		lexquoted(l);
		t->quoted = 1;
	}else{
		while(wordchr(c)){
			if(badchar(c))
				lexerror(l, "bad character in input");
			addtext(l, c);
			c = getc(l);
		}
		ungetc(l, c);
	}
	/* the delimiter must be able to stand alone on a line */
	if(l->ntext == 0 || strchr(l->text, '\n') != nil)
		syntaxerr(l);
	t->a = newword(l, l->text, t->quoted);
	/* pending here documents are chained through c: next chains redirections */
	*l->heretail = t;
	l->heretail = &t->c;
	l->heretree = t;
}

/* read the bodies of the here documents named on the line just ended */
static void
readhere(Lex *l)
{
	Tree *t, *next;
	char *body;
	int n, cap, c, start;

	for(t = l->here; t != nil; t = next){
		next = t->c;
		t->c = nil;
		body = nil;
		n = cap = 0;
		dsputs(&body, &n, &cap, "");
		for(;;){
			start = n;
			while((c = getc(l)) >= 0 && c != '\n')
				dsputc(&body, &n, &cap, c);
			if(strcmp(body + start, t->a->s) == 0){
				n = start;
				break;
			}
			/* every line of a body ends with a newline, even the last */
			if(c >= 0 || n > start)
				dsputc(&body, &n, &cap, '\n');
			if(c < 0)
				break;
		}
		body[n] = 0;
		t->s = body;
	}
	l->here = nil;
	l->heretail = &l->here;
}

static int
settok(Lex *l, int tok)
{
	l->tok = tok;
	return tok;
}

int
lex(Lex *l)
{
	int c, c1, dol, var, k;

	dol = l->lastdol;
	var = l->lastvar;
	l->lastdol = l->lastvar = 0;
	c = getc(l);
	if(var && c == '('){
		l->lastword = 0;
		return settok(l, SUB);
	}
	if(l->lastword && (wordchr(c) || c == '\'' || c == '$' || c == '`') &&
	   c != '#'){
		ungetc(l, c);
		l->lastword = 0;
		return settok(l, '^');
	}
	l->lastword = 0;
	for(;;){
		if(c == ' ' || c == '\t')
			c = getc(l);
		else if(c == '\\'){
			c1 = getc(l);
			if(c1 != '\n'){
				ungetc(l, c1);
				break;
			}
			c = getc(l);
		}else if(c == '#'){
			while((c = getc(l)) >= 0 && c != '\n')
				;
		}else
			break;
	}
	l->ntext = 0;
	addtext(l, 0);
	l->ntext = 0;
	l->quoted = 0;
	if(badchar(c))
		lexerror(l, "bad character in input");
	switch(c){
	case -2:
		return settok(l, INTR);
	case -1:
		/* here documents named on an unfinished last line are empty */
		if(l->here != nil)
			readhere(l);
		return settok(l, TEOF);
	case '\n':
		settok(l, '\n');
		if(l->here != nil)
			readhere(l);
		return '\n';
	case '$':
		l->lastdol = 1;
		c = getc(l);
		if(c == '#')
			return settok(l, COUNT);
		if(c == '"')
			return settok(l, FLAT);
		ungetc(l, c);
		return settok(l, '$');
	case '&':
		c = getc(l);
		if(c == '&')
			return settok(l, ANDAND);
		ungetc(l, c);
		return settok(l, '&');
	case '|':
		c = getc(l);
		if(c == '|')
			return settok(l, OROR);
		ungetc(l, c);
		l->fd0 = 1;
		l->fd1 = 0;
		l->rtype = Rdup;
		lexfds(l, 1);
		if(l->rtype == Rclose)
			syntaxerr(l);
		return settok(l, PIPE);
	case '<':
	case '>':
		c1 = getc(l);
		l->fd0 = c == '<' ? 0 : 1;
		l->rtype = c == '<' ? Rin : Rout;
		if(c1 == '{')
			return settok(l, PSUB);
		if(c == '<' && c1 == '<'){
			lexhere(l);
			return settok(l, HERE);
		}
		if(c == '<' && c1 == '>')
			l->rtype = Rrdwr;
		else if(c == '>' && c1 == '>')
			l->rtype = Rappend;
		else
			ungetc(l, c1);
		lexfds(l, l->rtype == Rout);
		return settok(l, REDIR);
	case '\'':
		lexquoted(l);
		l->quoted = 1;
		l->lastword = 1;
		l->lastvar = dol;	/* $'name'(1) is a subscript too */
		return settok(l, WORD);
	}
	if(!wordchr(c)){
		l->text[0] = c;
		return settok(l, c);
	}
	if(dol){
		/* a variable name */
		while(varchr(c)){
			addtext(l, c);
			c = getc(l);
		}
		ungetc(l, c);
		if(l->ntext == 0){
			l->text[0] = c;
			return settok(l, c);
		}
		l->lastword = 1;
		l->lastvar = 1;
		return settok(l, WORD);
	}
	while(wordchr(c) || badchar(c)){
		if(badchar(c))
			lexerror(l, "bad character in input");
		if(c == '\\'){
			c1 = getc(l);
			if(c1 == '\n'){
				c = ' ';
				break;
			}
			ungetc(l, c1);
		}
		if(c == '*' || c == '?' || c == '[')
			addtext(l, GLOB);
		addtext(l, c);
		c = getc(l);
	}
	ungetc(l, c);
	if((k = iskeyword(l->text)) != 0)
		return settok(l, k);
	l->lastword = 1;
	return settok(l, WORD);
}
