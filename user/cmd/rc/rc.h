/*
 * rc - the Lux9 shell, after Plan 9's rc.
 *
 * Input is read one top-level line at a time (lex.c), parsed into a
 * Tree (parse.c, tree.c) and walked directly by the interpreter
 * (exec.c).  Words evaluate to Lists of strings (word.c); unquoted glob
 * characters in literal words carry a GLOB marker byte so that quoted
 * or substituted text never globs (glob.c).  Variables and functions
 * live in a hash table and are exported through /env (var.c).
 */
#include <u.h>
#include <libc.h>

enum {
	GLOB = 0x01,		/* marks the next byte as an unquoted * ? or [ */
	NBUF = 8192,		/* input and output buffer size */
	NDEPTH = 500,		/* deepest nesting, longest && | or ^ chain parsed */
};

typedef struct Io Io;
typedef struct List List;
typedef struct Lex Lex;
typedef struct Tree Tree;
typedef struct Var Var;

/* Tree.type */
enum {
	/* words */
	Tword,		/* literal text s (quoted: no globbing, no keyword) */
	Tvar,		/* $a */
	Tsub,		/* $a(b...) */
	Tcount,		/* $#a */
	Tflat,		/* $"a */
	Tcat,		/* a^b */
	Tlist,		/* (a...) */
	Tbq,		/* `{a} */
	Tpsub,		/* <{a} or >{a}: fd0 is 0 or 1 */

	/* commands */
	Tsimple,	/* words a..., redirections r */
	Tseq,		/* a; b */
	Tasync,		/* a & */
	Tand,		/* a && b */
	Tor,		/* a || b */
	Tpipe,		/* a |[fd0=fd1] b */
	Tnot,		/* ! a */
	Tsubshell,	/* @ a */
	Tbrace,		/* {a} with redirections r */
	Tredir,		/* redirections r applied to command a */
	Tif,		/* if(a) b */
	Tifnot,		/* if not a */
	Tfor,		/* for(a in b...) c; b is nil and in is 0 for $* */
	Twhile,		/* while(a) b */
	Tswitch,	/* switch(a) {b} */
	Tmatch,		/* ~ a b... */
	Tfn,		/* fn a... {b}; without b, deletes */
	Tassign,	/* a=b c; without c the assignment is permanent */
	Tempty,		/* nothing (a lone ; or an empty brace) */

	/* redirections (in the r chain) */
	Rin,		/* <[fd0] a */
	Rout,		/* >[fd0] a */
	Rappend,	/* >>[fd0] a */
	Rrdwr,		/* <>[fd0] a */
	Rdup,		/* >[fd0=fd1] */
	Rclose,		/* >[fd0=] */
	Rhere,		/* <<[fd0] delimiter, body s; quoted: no substitution */
};

/* tokens other than single characters ( ) { } ; & ^ = ` $ and newline */
enum {
	TEOF = -1,
	WORD = 256,
	COUNT,		/* $# */
	FLAT,		/* $" */
	SUB,		/* ( straight after a variable name */
	ANDAND,
	OROR,
	PIPE,		/* |[fd0=fd1] */
	REDIR,		/* < > >> <> >[n=m] >[n=]: Lex.rtype, fd0, fd1 */
	HERE,		/* <<word: Lex.heretree */
	PSUB,		/* <{ or >{ */
	INTR,		/* a read was interrupted */
	FOR, IN, WHILE, IF, NOT, SWITCH, FN, BANG, SUBSHELL, TWIDDLE,
};

struct Tree {
	int type;
	Tree *a, *b, *c;	/* children; c also chains here documents
				 * waiting for their bodies (Lex.here) */
	Tree *next;		/* next word in a list, next redirection */
	Tree *r;		/* redirections */
	char *s;
	int quoted;
	int in;			/* for: has an in list */
	int fd0, fd1;
	Tree *alloc;		/* every node of a parse, to free it on error */
};

struct List {
	int n, cap;
	char **w;
};

struct Var {
	char *name;
	List *val;		/* nil: unset */
	Tree *fn;		/* function body, nil if none */
	int changed;		/* value differs from /env */
	int fnchanged;		/* function differs from /env */
	Var *hnext;
};

/* an input source: a file descriptor or a string */
struct Io {
	int fd;			/* -1 for a string */
	char *buf;
	long n, pos;
	int eof;
	char *name;
	int line;
	int interactive;
};

struct Lex {
	Io *io;
	int peekc;		/* pushed-back byte or -1 */
	int tok;		/* the token lexed: a character or one above */
	int havetok;		/* tok is a lookahead not yet used */
	char *text;		/* its text */
	int ntext, captext;
	int quoted;
	int fd0, fd1;		/* of a REDIR or PIPE token */
	int rtype;		/* of a REDIR token */
	Tree *heretree;		/* of a HERE token */
	int lastword;		/* last token may be followed by a free caret */
	int lastdol;		/* last token was $, $# or $" */
	int lastvar;		/* last token was a variable name */
	int prompted;		/* within a command: use the second prompt */
	int atbol;		/* at the start of an input line */
	int depth;		/* of nested constructs being parsed */
	Tree *here;		/* here documents waiting for their bodies */
	Tree **heretail;
	Tree *nodes;		/* every node made for this parse */
	jmp_buf errjmp;		/* where a syntax error goes */
};

/* io.c */
void	oputs(int, char*);
void	oputc(int, int);
void	oflush(int);
void	oquote(int, char*);
void	olist(int, List*);
Io	*iofd(int, char*, int);
Io	*iostr(char*, char*);
void	iofree(Io*);
int	iogetc(Io*);
void	rcerror(char*, char*, char*);
char	*syserr(void);
extern int interrupted;

/* lex.c */
void	lexinit(Lex*, Io*);
int	lex(Lex*);
void	lexskipline(Lex*);
char	*tokname(Lex*);
int	iskeyword(char*);
_Noreturn void syntaxerr(Lex*);
_Noreturn void lexerror(Lex*, char*);

/* parse.c */
Tree	*parseline(Lex*, int*);

/* tree.c */
Tree	*newtree(Lex*, int, Tree*, Tree*, Tree*);
Tree	*newword(Lex*, char*, int);
void	freenodes(Tree*);
Tree	*treecopy(Tree*);
void	treefree(Tree*);
char	*deparse(Tree*);
char	*treedump(Tree*);
void	dsputs(char**, int*, int*, char*);
void	dsputc(char**, int*, int*, int);

/* word.c */
List	*newlist(void);
void	ladd(List*, char*);
void	laddn(List*, char*, int);
void	lappend(List*, List*);
List	*lcopy(List*);
void	lfree(List*);
char	*lflat(List*, char*);
List	*lookup(char*);
List	*evalwords(Tree*, int);
char	*evalone(Tree*, int, char*);
char	*unmark(char*);
char	*readall(int, long*);
enum {
	Gglob,		/* expand unquoted * ? [ against file names */
	Gkeep,		/* keep the GLOB markers, for a pattern */
	Gstrip,		/* take the text literally */
};

/* glob.c */
int	match(char*, char*);
void	globto(List*, char*);
int	hasglob(char*);

/* var.c */
Var	*vlook(char*);
Var	*vget(char*);
List	*vval(char*);
void	setvar(char*, List*);
void	setvar1(char*, char*);
void	setfn(char*, Tree*);
void	updenv(void);
void	importenv(void);
void	vforeach(void (*)(Var*));

/* exec.c */
void	rcexec(Tree*, int);
void	setstatus(char*);
char	*getstatus(void);
int	truestatus(void);
int	runio(Io*);
int	waitfor(int);
void	addbg(int);
void	waitall(void);
_Noreturn void rcexit(char*);
void	doexec(List*);
char	*bqrun(Tree*);
char	*psubrun(Tree*);
void	closepsub(void);
int	findexec(char*, char*, int);
extern int inchild;
extern int returning;
extern int incond;
extern int flags[128];
extern int mainpid;

/* builtins.c */
typedef void Builtin(List*);
Builtin	*findbuiltin(char*);
