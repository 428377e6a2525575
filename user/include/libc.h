/*
 * libc.h - the Plan 9 C library interface of Lux9.  Include <u.h> first.
 * System calls (open, pread, rfork, ...) are stubs made from
 * kernel/port/syscall.tab; they return -1 with the error string set.
 * See intro(2).
 */
#ifndef LUX9_LIBC_H
#define LUX9_LIBC_H

#include <abi.h>
#include <9p.h>
#include <string.h>
#include <stdlib.h>
#include <setjmp.h>

/* UTF-8 and runes: utf(2), rune(2) */
enum {
	UTFmax = 4,		/* most bytes in one encoded rune */
	Runesync = 0x80,	/* bytes below this are a rune by themselves */
	Runeself = 0x80,	/* a byte below this is one whole rune */
	Runeerror = 0xFFFD,	/* what a bad encoding decodes to */
	Runemax = 0x10FFFF,	/* the largest rune */
};

int runetochar(char*, const Rune*);
int chartorune(Rune*, const char*);
int runelen(long);
int runenlen(const Rune*, int);
int fullrune(const char*, int);
int utflen(const char*);
int utfnlen(const char*, long);
char *utfrune(const char*, long);
char *utfrrune(const char*, long);
char *utfutf(const char*, const char*);
char *utfecpy(char*, char*, const char*);
long runestrlen(const Rune*);
Rune *runestrchr(const Rune*, Rune);
int runestrcmp(const Rune*, const Rune*);
Rune *runestrcpy(Rune*, const Rune*);
Rune tolowerrune(Rune);
Rune toupperrune(Rune);
int isalpharune(Rune);
int isdigitrune(Rune);
int isspacerune(Rune);
int isupperrune(Rune);
int islowerrune(Rune);

/* strings: string(2) */
char *strecpy(char*, char*, const char*);
int cistrcmp(const char*, const char*);
int cistrncmp(const char*, const char*, int);
char *cistrstr(const char*, const char*);
int tokenize(char*, char**, int);
int gettokens(char*, char**, int, const char*);
int getfields(char*, char**, int, int, const char*);
char *cleanname(char*);

/* formatted output: print(2), fmtinstall(2) */
typedef struct Fmt Fmt;
struct Fmt {
	char *start;		/* buffer */
	char *to;		/* next byte to write */
	char *stop;		/* end of buffer */
	int (*flush)(Fmt*);	/* makes room; returns 0 to stop output */
	void *farg;		/* for flush */
	int nfmt;		/* bytes output so far */
	va_list args;
	int r;			/* the verb */
	int width;
	int prec;
	ulong flags;
};

enum {
	FmtWidth = 1<<0,
	FmtLeft = 1<<1,
	FmtPrec = 1<<2,
	FmtSharp = 1<<3,
	FmtSpace = 1<<4,
	FmtSign = 1<<5,
	FmtZero = 1<<6,
	FmtUnsigned = 1<<7,
	FmtShort = 1<<8,
	FmtLong = 1<<9,
	FmtVLong = 1<<10,
	FmtComma = 1<<11,
	FmtByte = 1<<12,
	FmtSize = 1<<13,
	FmtFlag = 1<<14,	/* first flag free for fmtinstall'd verbs */
};

int print(const char*, ...);
int fprint(int, const char*, ...);
int sprint(char*, const char*, ...);
int snprint(char*, int, const char*, ...);
char *seprint(char*, char*, const char*, ...);
char *smprint(const char*, ...);
int vfprint(int, const char*, va_list);
int vsnprint(char*, int, const char*, va_list);
char *vseprint(char*, char*, const char*, va_list);
char *vsmprint(const char*, va_list);
int fmtinstall(int, int (*)(Fmt*));
int dofmt(Fmt*, const char*);
int fmtprint(Fmt*, const char*, ...);
int fmtvprint(Fmt*, const char*, va_list);
int fmtstrcpy(Fmt*, const char*);
int fmtrune(Fmt*, int);
int fmtfdinit(Fmt*, int, char*, int);
int fmtfdflush(Fmt*);
int fmtstrinit(Fmt*);
char *fmtstrflush(Fmt*);
int quotestrfmt(Fmt*);
char *quotestrdup(const char*);
int needsrcquote(int);

/* errors: errstr(2) */
int errstr(char*, uint);
void rerrstr(char*, uint);
void werrstr(const char*, ...);
_Noreturn void sysfatal(const char*, ...);
extern char *argv0;

/* memory: malloc(2) */
void *mallocz(ulong, int);
ulong msize(void*);
void *sbrk(ulong);
int brk(void*);
int brk_(void*);
char *estrdup(const char*);
void *emalloc(ulong);

/* files: open(2), read(2), seek(2), dup(2), pipe(2), fd2path(2) */
int open(const char*, int);
int create(const char*, int, ulong);
int close(int);
long read(int, void*, long);
long write(int, const void*, long);
long readn(int, void*, long);
long pread(int, void*, long, vlong);
long pwrite(int, const void*, long, vlong);
vlong seek(int, vlong, int);
int remove(const char*);
int chdir(const char*);
int dup(int, int);
int pipe(int*);
int fd2path(int, char*, int);
char *getwd(char*, int);
int access(const char*, int);
enum { AEXIST = 0, AEXEC = 1, AWRITE = 2, AREAD = 4 };

/* directories: stat(2), dirread(2) */
int stat(const char*, uchar*, int);
int fstat(int, uchar*, int);
int wstat(const char*, uchar*, int);
int fwstat(int, uchar*, int);
Dir *dirstat(const char*);
Dir *dirfstat(int);
int dirwstat(const char*, Dir*);
int dirfwstat(int, Dir*);
void nulldir(Dir*);
long dirread(int, Dir**);
long dirreadall(int, Dir**);
uint sizeD2M(Dir*);
uint convD2M(Dir*, uchar*, uint);
uint convM2D(uchar*, uint, Dir*, char*);
int statcheck(uchar*, uint);
int dirpackage(uchar*, long, Dir**);

/* processes: fork(2), exec(2), exits(2), wait(2) */
typedef struct Waitmsg Waitmsg;
struct Waitmsg {
	int pid;		/* of the child that ended */
	ulong time[3];		/* user, system and real time, ms */
	char *msg;		/* its exit string; "" for success */
};

int rfork(int);
int fork(void);
int exec(const char*, char *const*);
int execl(const char*, ...);
_Noreturn void exits(const char*);
_Noreturn void _exits(const char*);
int await(char*, int);
Waitmsg *wait(void);
int waitpid(void);
int getpid(void);
int sleep(long);
long alarm(ulong);
vlong nsec(void);
long time(long*);
int atexitdont(void (*)(void));

/* names: bind(2) */
int bind(const char*, const char*, int);
int mount(int, int, const char*, int, const char*);
int unmount(const char*, const char*);

/* page exchange: exchange(2) */
int pgsend(int, void*, ulong, int);
long pgrecv(int, void**, ulong, int*);
int pgreturn(void*);
int pgoffer(int, void*, ulong, ulong);
int pgtake(int, ulong, void*, ulong);

/* notes: notify(2) */
int notify(void (*)(void*, char*));
int noted(int);
int atnotify(int (*)(void*, char*), int);
int postnote(int, int, const char*);
enum { PNPROC = 1, PNGROUP = 2 };

/* networks: dial(2) */
enum { NETPATHLEN = 40 };
int dial(const char*, const char*, char*, int*);
int announce(const char*, char*);
int listen(const char*, char*);
int accept(int, const char*);
int reject(int, const char*, const char*);
int hangup(int);
char *netmkaddr(const char*, const char*, const char*);

/* environment: getenv(2) */
int putenv(const char*, const char*);

/*
 * Option parsing: ARGBEGIN { case 'x': ... } ARGEND walks the leading
 * "-abc" arguments one rune at a time; ARGF() is the option's argument
 * (the rest of this word or the next one; nil if none), EARGF(f) calls
 * f (usually usage()) instead of returning nil, ARGC() is the option.
 * "--" ends the options.  Afterwards argc and argv hold what is left.
 */
#define ARGBEGIN \
	for(argv0 = argv0 ? argv0 : argv[0], argc--, argv++; \
	    argc > 0 && argv[0][0] == '-' && argv[0][1] != 0; argc--, argv++){ \
		char *_argp = argv[0] + 1, *_argw = nil; \
		Rune _argr = 0; \
		if(strcmp(argv[0], "--") == 0){ \
			argc--; \
			argv++; \
			break; \
		} \
		while(*_argp != 0){ \
			_argp += chartorune(&_argr, _argp); \
			switch(_argr)
#define ARGEND \
		} \
		USED(_argw); \
	}
#define ARGF() (_argw = _argp, _argp = "", \
	*_argw ? _argw : argc > 1 ? (argc--, *++argv) : (char*)nil)
#define EARGF(x) (_argw = _argp, _argp = "", \
	*_argw ? _argw : argc > 1 ? (argc--, *++argv) : ((x), abort(), (char*)nil))
#define ARGC() ((int)_argr)

#endif
