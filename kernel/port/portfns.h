/*
 * Portable kernel functions.
 */
#include "fns.h"

/* alloc.c */
void pageinit(Page*, int);
void pagefreerange(uint, uint);
long allocframes(int);
void freeframes(uint, int);
void *pagealloc(void);
void pagefree(void*);
void *malloc(uintptr);
void *smalloc(uintptr);
void free(void*);
uintptr msize(void*);
char *kstrdup(char*);

/* lib.c */
void *memset(void*, int, size_t);
void *memmove(void*, const void*, size_t);
void *memcpy(void*, const void*, size_t);
int memcmp(const void*, const void*, size_t);
size_t strlen(const char*);
int strcmp(const char*, const char*);
int strncmp(const char*, const char*, size_t);
char *strchr(const char*, int);
char *strrchr(const char*, int);
char *strecpy(char*, char*, char*);
long strtol(char*, char**, int);
uvlong strtoull(char*, char**, int);
int vsnprint(char*, int, char*, va_list);
int snprint(char*, int, char*, ...);
char *seprint(char*, char*, char*, ...);
int print(char*, ...);
void panic(char*, ...) __attribute__((noreturn));
int tokenize(char*, char**, int);
char *cleanname(char*);
int readstr(vlong, void*, long, char*);
int readnum(vlong, void*, long, vlong, int);

/* proc.c */
Proc *newproc(void);
void ready(Proc*);
void sched(void);
void schedinit(void) __attribute__((noreturn));
void sleep(Rendez*, int (*)(void*), void*);
void tsleep(Rendez*, int (*)(void*), void*, long);
int wakeup(Rendez*);
void error(char*) __attribute__((noreturn));
void nexterror(void) __attribute__((noreturn));
int postnote(Proc*, int, char*, int);
void pexit(char*, int) __attribute__((noreturn));
Proc *pidproc(int);
void timertick(void);
void yield(void);
int return0(void*);

/* seg.c (user address space, portable part) */
int segfault(Proc*, uintptr, int, int);
int segcopy(Proc*, Proc*);
uintptr segbrk(uintptr);
void validaddr(uintptr, uintptr, int);
void *uva(uintptr, uintptr, int);
char *validstr(uintptr, int);
int okaddr(uintptr, uintptr, int);

/* chan.c */
Chan *newchan(void);
void incref(int*);
void cclose(Chan*);
Chan *cclone(Chan*);
Chan *namec(char*, int, int, ulong);
void cwalk1(Chan*, char*);
int eqchan(Chan*, Chan*);
int cmount(Chan*, Chan*, int);
void cunmount(Chan*, Chan*);
Mhead *findmount(Chan*);
Pgrp *newpgrp(void);
Pgrp *dupgrp(Pgrp*);
void closepgrp(Pgrp*);
Fgrp *dupfgrp(Fgrp*);
void closefgrp(Fgrp*);
long unionread(Chan*, void*, long);
void cnameset(Chan*, char*);
int devno(int);
Chan *fdtochan(int, int);
char *fdline(char*, char*, int, Chan*);
int newfd(Chan*);
long devtabread(Chan*, void*, long, vlong);
long devtabwrite(Chan*, void*, long, vlong);
void chandevreset(void);

/* dev.c */
void mkqid(Qid*, vlong, ulong, int);
void devdir(Chan*, Qid, char*, vlong, char*, long, Dir*);
int devgen(Chan*, char*, Dirtab*, int, int, Dir*);
Chan *devattach(int, char*);
void devwalk(Chan*, Chan*, char*, Dirtab*, int, Devgen*);
int devstat(Chan*, uchar*, int, Dirtab*, int, Devgen*);
long devdirread(Chan*, char*, long, Dirtab*, int, Devgen*);
Chan *devopen(Chan*, int, Dirtab*, int, Devgen*);
void devpermcheck(char*, ulong, int);
void devcreate(Chan*, char*, int, ulong);
void devremove(Chan*);
int devwstat(Chan*, uchar*, int);

/* qio.c */
Queue *qopen(int);
void qfree(Queue*);
long qread(Queue*, void*, long);
long qwrite(Queue*, void*, long);
int qproduce(Queue*, void*, int);
void qhangup(Queue*);
void qrhangup(Queue*);
int qlen(Queue*);

/* devcons.c */
void consinput(int);
void putstrn(char*, int);

/* env */
void closeegrp(Egrp*);
Egrp *dupegrp(Egrp*);

/* syscall dispatch (trap.c calls) */
void notes(Ureg*);
Seg *seglookup(Proc*, uintptr);
int segnewpage(Proc*, uintptr, uintptr, int);
void segunmap(Proc*, uintptr);
long procalarm(ulong);
void pokeuser(uintptr, uintptr, void*, int);
void kexec(char*, char*, int, int);
void procdiscard(Proc*);
enum { Aaccess, Abind, Atodir, Aopen, Amount, Acreate, Aremove };
void putmhead(Mhead*);
long seconds(void);
Chan *mntattach(int, char*);
void eiarecv(int);
extern int totalpages;
extern int nproc;

/* exchange.c */
int pipexchange(Chan*, int, Xfer***, Rendez**);
void xrefuseall(Xfer**);
void xexit(Proc*);
int xviolation(Proc*, uintptr, int);
char *xviolationnote(void);
char *xpages(Proc*, char*, char*);
void xunmap(uintptr, int);
int xcowfault(Proc*, uintptr);
int xcowcount(Proc*, uintptr, uintptr);
Xfer *xcowoffer(Proc*, uintptr, int, char**);
void xcowfree(Xfer*);
char *xcowdest(Proc*, uintptr, int);
void xcowmap(Proc*, Xfer*, uintptr);
void xcowqueue(Xfer**, Xfer*, ulong);
Xfer *xcowtake(Xfer**, ulong);
extern long boottime;
