/*
 * The host test's view of Lux9's libc: the library is linked into the
 * test with every symbol renamed lux_NAME (test/unit/libcprefix.sh), so
 * these declarations repeat libc.h's with that prefix.  Types are the
 * host's; on amd64 they have the same sizes as Lux9's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "9p.h"

typedef unsigned int LRune;

typedef struct LFmt LFmt;
struct LFmt {
	char *start, *to, *stop;
	int (*flush)(LFmt*);
	void *farg;
	int nfmt;
	va_list args;
	int r, width, prec;
	unsigned long flags;
};

typedef struct LWaitmsg LWaitmsg;
struct LWaitmsg {
	int pid;
	unsigned long time[3];
	char *msg;
};

/* print */
int lux_print(const char*, ...);
int lux_fprint(int, const char*, ...);
int lux_snprint(char*, int, const char*, ...);
char *lux_seprint(char*, char*, const char*, ...);
char *lux_smprint(const char*, ...);
int lux_fmtinstall(int, int (*)(LFmt*));
int lux_fmtprint(LFmt*, const char*, ...);
char *lux_quotestrdup(const char*);
char *lux__vbufprint(char*, char*, const char*, va_list, long*);

/* errors */
void lux_werrstr(const char*, ...);
void lux_rerrstr(char*, unsigned);
void lux_sysfatal(const char*, ...);
extern char *lux_argv0;
extern int lux_errno;
int lux_errstr2errno(const char*);
char *lux_strerror(int);

/* utf */
int lux_runetochar(char*, const LRune*);
int lux_chartorune(LRune*, const char*);
int lux_runelen(long);
int lux_fullrune(const char*, int);
int lux_utflen(const char*);
int lux_utfnlen(const char*, long);
char *lux_utfrune(const char*, long);
char *lux_utfrrune(const char*, long);
char *lux_utfutf(const char*, const char*);
char *lux_utfecpy(char*, char*, const char*);
LRune lux_tolowerrune(LRune);
LRune lux_toupperrune(LRune);

/* strings and memory */
size_t lux_strlen(const char*);
int lux_strcmp(const char*, const char*);
int lux_strncmp(const char*, const char*, size_t);
char *lux_strchr(const char*, int);
char *lux_strrchr(const char*, int);
size_t lux_strspn(const char*, const char*);
size_t lux_strcspn(const char*, const char*);
char *lux_strstr(const char*, const char*);
char *lux_strpbrk(const char*, const char*);
char *lux_strtok(char*, const char*);
char *lux_strdup(const char*);
char *lux_strncpy(char*, const char*, size_t);
char *lux_strncat(char*, const char*, size_t);
size_t lux_strlcpy(char*, const char*, size_t);
size_t lux_strlcat(char*, const char*, size_t);
int lux_strcasecmp(const char*, const char*);
char *lux_cistrstr(const char*, const char*);
char *lux_strecpy(char*, char*, const char*);
void *lux_memmove(void*, const void*, size_t);
void *lux_memcpy(void*, const void*, size_t);
void *lux_memset(void*, int, size_t);
int lux_memcmp(const void*, const void*, size_t);
void *lux_memchr(const void*, int, size_t);
int lux_isalpha(int);
int lux_isspace(int);
int lux_ispunct(int);
int lux_isxdigit(int);
int lux_toupper(int);

/* numbers and sorting */
long lux_strtol(const char*, char**, int);
long long lux_strtoll(const char*, char**, int);
unsigned long lux_strtoul(const char*, char**, int);
unsigned long long lux_strtoull(const char*, char**, int);
double lux_strtod(const char*, char**);
int lux_atoi(const char*);
void lux_qsort(void*, size_t, size_t, int (*)(const void*, const void*));
void *lux_bsearch(const void*, const void*, size_t, size_t, int (*)(const void*, const void*));

/* splitting and names */
int lux_getfields(char*, char**, int, int, const char*);
int lux_tokenize(char*, char**, int);
char *lux_cleanname(char*);

/* memory */
void *lux_malloc(size_t);
void *lux_calloc(size_t, size_t);
void *lux_realloc(void*, size_t);
void lux_free(void*);
unsigned long lux_msize(void*);
void *lux_sbrk(unsigned long);

/* directories, processes, environment */
unsigned lux_sizeD2M(Dir*);
unsigned lux_convD2M(Dir*, unsigned char*, unsigned);
unsigned lux_convM2D(unsigned char*, unsigned, Dir*, char*);
int lux_statcheck(unsigned char*, unsigned);
int lux_dirpackage(unsigned char*, long, Dir**);
Dir *lux_dirstat(const char*);
Dir *lux_dirfstat(int);
long lux_dirread(int, Dir**);
long lux_dirreadall(int, Dir**);
void lux_nulldir(Dir*);
LWaitmsg *lux__parsewait(char*);
char *lux_getenv(const char*);
int lux_putenv(const char*, const char*);
long lux_readn(int, void*, long);
void lux_exits(const char*);
int lux_atexit(void (*)(void));

/* bio: the Biobuf is only handled through pointers here */
typedef struct LBiobuf LBiobuf;
LBiobuf *lux_Bopen(const char*, int);
int lux_Bterm(LBiobuf*);
int lux_Bflush(LBiobuf*);
int lux_Bgetc(LBiobuf*);
int lux_Bungetc(LBiobuf*);
long lux_Bgetrune(LBiobuf*);
int lux_Bungetrune(LBiobuf*);
int lux_Bputc(LBiobuf*, int);
int lux_Bputrune(LBiobuf*, long);
long lux_Bread(LBiobuf*, void*, long);
long lux_Bwrite(LBiobuf*, const void*, long);
char *lux_Brdline(LBiobuf*, int);
char *lux_Brdstr(LBiobuf*, int, int);
int lux_Blinelen(LBiobuf*);
int lux_Bprint(LBiobuf*, const char*, ...);
long long lux_Bseek(LBiobuf*, long long, int);
long long lux_Boffset(LBiobuf*);

/* regexp */
typedef struct LResub LResub;
struct LResub {
	union { char *sp; LRune *rsp; } s;
	union { char *ep; LRune *rep; } e;
};
typedef struct LReprog LReprog;
LReprog *lux_regcomp(const char*);
LReprog *lux_regcomplit(const char*);
LReprog *lux_regcompnl(const char*);
int lux_regexec(LReprog*, const char*, LResub*, int);
int lux_rregexec(LReprog*, const LRune*, LResub*, int);
void lux_regsub(const char*, char*, int, LResub*, int);

/* stdio */
typedef struct LFILE LFILE;
extern LFILE *lux_stdout;
LFILE *lux_fopen(const char*, const char*);
int lux_fclose(LFILE*);
int lux_fflush(LFILE*);
int lux_fgetc(LFILE*);
int lux_ungetc(int, LFILE*);
char *lux_fgets(char*, int, LFILE*);
size_t lux_fread(void*, size_t, size_t, LFILE*);
size_t lux_fwrite(const void*, size_t, size_t, LFILE*);
int lux_fputs(const char*, LFILE*);
int lux_fprintf(LFILE*, const char*, ...);
int lux_printf(const char*, ...);
int lux_puts(const char*);
int lux_snprintf(char*, size_t, const char*, ...);
int lux_sprintf(char*, const char*, ...);
int lux_feof(LFILE*);
long lux_ftell(LFILE*);
int lux_fseek(LFILE*, long, int);
extern int lux_errno;

/* the system calls the fake kernel (libcfake.c) provides */
int lux_open(const char*, int);
int lux_create(const char*, int, unsigned long);
int lux_close(int);
int lux_remove(const char*);
long lux_pread(int, void*, long, long long);
long lux_pwrite(int, const void*, long, long long);

/* dial */
int lux_dial(const char*, const char*, char*, int*);
int lux_announce(const char*, char*);
int lux_listen(const char*, char*);
int lux_accept(int, const char*);
int lux_hangup(int);
char *lux_netmkaddr(const char*, const char*, const char*);
