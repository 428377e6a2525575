/*
 * ramfs: a file tree in memory, served over 9P by lib/9p.  Portable:
 * lib/9p, malloc and string functions only; a main supplies the
 * transport and the clock.  See ramfs(4).
 */
#ifndef LUX9_RAMFS_H
#define LUX9_RAMFS_H

#include <stdint.h>
#include "9psrv.h"

typedef struct Ramfile Ramfile;
typedef struct Ramfs Ramfs;

struct Ramfs {
	Ramfile *root;
	uint64_t nextpath;
	uint64_t maxfile;		/* the largest a file may grow */
	uint64_t maxbytes;		/* the most all files may hold */
	uint64_t bytes;			/* what they hold now */
	uint32_t (*now)(void);	/* seconds since the epoch */
};

/* A tree whose root directory belongs to owner; nil if out of memory. */
Ramfs *ramfsnew(const char *owner, uint32_t (*now)(void));
/* Free the tree; no session may be using it. */
void ramfsfree(Ramfs*);
/* Point a Srv's callbacks at the tree; the transport is the caller's. */
void ramfssrv(Srv*, Ramfs*);

#endif
