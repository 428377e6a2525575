/*
 * Portable kernel data structures.
 */
#include <abi.h>
#include <9p.h>
#include <sysnum.h>
#include "error.h"

typedef struct Chan Chan;
typedef struct Dev Dev;
typedef struct Dirtab Dirtab;
typedef struct Egrp Egrp;
typedef struct Evar Evar;
typedef struct Fgrp Fgrp;
typedef struct Label Label;
typedef struct Mhead Mhead;
typedef struct Mount Mount;
typedef struct Note Note;
typedef struct Page Page;
typedef struct Pgrp Pgrp;
typedef struct Proc Proc;
typedef struct Queue Queue;
typedef struct Rendez Rendez;
typedef struct Seg Seg;
typedef struct Syscall Syscall;
typedef struct Waitq Waitq;
typedef struct Xfer Xfer;
typedef struct Xwait Xwait;

struct Label {
	uintptr pc, sp, bx, bp, r12, r13, r14, r15;
};

/* processes waiting for a condition: a list through Proc.wnext */
struct Rendez {
	Proc *p;
};

/*
 * One record per physical page frame.  A free frame belongs to the buddy
 * allocator; a user frame has exactly one owner process (page exchange
 * will add lent states); a kernel frame has none.
 */
enum {
	Pfree = 0,	/* in the buddy allocator (head of a free block) */
	Pkernel,	/* kernel memory */
	Puser,		/* mapped in its owner's address space */
	Preserved,	/* not RAM, or the kernel image, or a boot module */
};
/* Puser frames: the exchange state, written out (see exchange.c) */
enum {
	Xowned = 0,	/* mapped read-write by its owner only */
	Xlentshared,	/* owner and borrowers map it read-only */
	Xlentmut,	/* one borrower maps it read-write; the owner not at all */
	Xcow,		/* shared copy-on-write: the owner (if alive) and nborrow
			   others map it read-only; the first to write copies */
};
struct Page {
	uchar state;
	uchar order;	/* free: the block's order */
	ushort pad;
	int owner;	/* Puser: the owning pid, 0 if the owner died while lending */
	uint next;	/* free list link (frame number) */
	uint prev;
	uchar xstate;	/* Puser: Xowned, Xlentshared, Xlentmut or Xcow */
	ushort nborrow;	/* borrowers mapping it */
};

/* A channel: an open or walked-to file on some device. */
enum {
	COPEN = 1<<0,	/* open for I/O */
	CMSG = 1<<1,	/* is the mount point of a mount */
	CCEXEC = 1<<2,	/* close on exec */
	CRCLOSE = 1<<3,	/* remove on close */
};
struct Chan {
	int ref;
	int type;	/* index in devtab */
	uint dev;	/* device instance */
	Qid qid;
	vlong offset;
	int mode;	/* open mode */
	int flag;
	char *path;	/* the name by which it was reached */
	void *aux;	/* device's own */
	uvlong aux2;
	Mhead *umh;	/* union directory being read */
	Chan *ucur;	/* the member being read now, open (aux2 counts members) */
	uint fid;	/* mnt: fid on that server */
	uint iounit;
};

struct Dev {
	int dc;
	char *name;
	void (*reset)(void);
	Chan *(*attach)(char *spec);
	void (*walk)(Chan *c, Chan *nc, char *name);
	int (*stat)(Chan *c, uchar *db, int n);
	Chan *(*open)(Chan *c, int mode);
	void (*create)(Chan *c, char *name, int mode, ulong perm);
	void (*close)(Chan *c);
	long (*read)(Chan *c, void *a, long n, vlong off);
	long (*write)(Chan *c, void *a, long n, vlong off);
	void (*remove)(Chan *c);
	int (*wstat)(Chan *c, uchar *db, int n);
};

struct Dirtab {
	char name[KNAMELEN];
	Qid qid;
	vlong length;
	ulong perm;
};
typedef int Devgen(Chan *c, char *name, Dirtab *tab, int ntab, int i, Dir *d);

/* Namespace: mount points and what is mounted on them. */
struct Mount {
	Mount *next;
	Chan *to;
	int mflag;
};
struct Mhead {
	int ref;
	Chan *from;
	Mount *mount;
	Mhead *next;
};
struct Pgrp {
	int ref;
	Mhead *mnt;
	int noattach;
};

struct Fgrp {
	int ref;
	int nfd;	/* allocated slots */
	int maxfd;	/* highest fd in use */
	Chan **fd;
};

struct Evar {
	Evar *next;
	char *name;
	char *val;
	int len;
	Qid qid;
};
struct Egrp {
	int ref;
	Evar *vars;
	ulong path;	/* next qid path */
	ulong vers;
};

struct Note {
	char msg[ERRMAX];
	int flag;	/* NUser or NDebug */
};
enum {
	NUser = 0,	/* posted by a process */
	NExit,		/* kill: cannot be caught */
	NNOTE = 5,
	NERR = 32,	/* depth of waserror */
};

struct Waitq {
	Waitq *next;
	int pid;
	char msg[ERRMAX + 64];
};

/* User address space pieces. */
enum {
	SText, SData, SStack, NSEG,
	SRead = 1, SWrite = 2, SExec = 4, SGrow = 8,
};
struct Seg {
	uintptr base;
	uintptr top;	/* exclusive */
	int flags;
};

enum {
	Dead = 0, Running, Ready, Wakeme, Moribund, Broken,
	NPRI = 8,
	PriNormal = 4,
};

struct Proc {
	Label sched;
	char *kstack;
	int pid;
	int state;
	int pri;
	int basepri;
	char text[KNAMELEN];
	char *args;		/* argv strings, NUL-separated */
	int nargs;
	char *user;
	char *psstate;		/* what it waits for, for ps */

	Proc *parent;
	int ppid;
	int noteid;
	Proc *next;		/* all processes */
	Proc *rnext;		/* run queue */

	Pgrp *pgrp;
	Fgrp *fgrp;
	Egrp *egrp;
	Chan *slash;
	Chan *dot;

	uintptr pml4;		/* physical address of the page table root */
	Seg seg[NSEG];

	char errstr[ERRMAX];
	Label errlab[NERR];
	int nerrlab;
	Ureg *ureg;		/* user registers of the current entry */

	Note note[NNOTE];
	int nnote;
	int notified;		/* in a note handler */
	int notepending;
	void *notify;		/* user note handler */
	uintptr noteureg;	/* user address of the saved registers */
	char lastnote[ERRMAX];

	Waitq *waitq;
	int nchild;
	Rendez waitr;
	Rendez *r;		/* the Rendez it sleeps on */
	Proc *wnext;		/* next on that Rendez */
	Rendez sleepr;
	vlong twhen;		/* wake up from sleep() at this tick */
	Proc *tlink;		/* timer list */
	vlong alarm;		/* tick at which to post "alarm" */
	int kp;			/* kernel process: never in user mode */
	int mntwrite;		/* writing 9P for the mount driver: no pipe note */

	Xfer *lent;		/* ranges this process has lent out */
	Xfer *borrowed;		/* ranges it has borrowed */
	uintptr xnext;		/* where the next received range goes */

	uvlong time[3];		/* user, system, real (ms) */
	uvlong tstart;
	uchar fpu[512] __attribute__((aligned(16)));
};

struct Syscall {
	char *name;
	uintptr (*f)(uintptr *arg);
};

/*
 * A page exchange: an offer from a sender, waiting in a pipe for its
 * receiver, then (for lends) the record both sides keep until return.
 */
enum { Xoffered, Xaccepted, Xrefused };
struct Xfer {
	Xfer *next;	/* in the pipe's offers */
	Xfer *lnext;	/* in the lender's list */
	Xfer *bnext;	/* in the borrower's list */
	int mode;	/* PGMOVE, PGLEND, PGLENDMUT, PGCOW */
	int state;
	ulong key;	/* PGCOW: what the receiver asks for (a 9P tag) */
	uint *frames;	/* PGCOW: the frames, each holding one share */
	int senderpid;
	Proc *sender;	/* nil once the lender has exited */
	uintptr sva;
	int npages;
	int receiverpid;
	uintptr rva;
	Xwait *w;	/* the waiting sender's, while the offer is pending */
};
/* On the sender's stack while it waits: the receiver answers here. */
struct Xwait {
	int state;
	char *err;
	Rendez r;
};

/* Byte queues: pipes and the console. */
struct Queue {
	uchar *buf;
	int size;
	int rp;
	int wp;
	int len;
	int closed;	/* writer hung up */
	int rclosed;	/* reader hung up */
	Rendez rr;
	Rendez wr;
};

enum {
	HZ = 100,	/* timer ticks per second */
};

extern Dev *devtab[];
extern Proc *up;	/* the current process */
extern Proc *procs;
extern vlong ticks;
extern Syscall systab[];
extern int nfreepages;
enum {
	Ureserve = 256,		/* free pages user memory may not take */
	UADDRMAX = 0x800000000000ULL,	/* the end of user addresses */
};
extern int npages;
extern uintptr maxpa;
extern Page *pagetab;
extern char *sysname;
extern char *eve;

#define waserror()	(up->nerrlab++, setlabel(&up->errlab[up->nerrlab-1]))
#define poperror()	(up->nerrlab--)
