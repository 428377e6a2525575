/*
 * 9P2000: the file protocol.  Types and constants shared by the kernel,
 * lib/9p and user programs.  Portable: only <stdint.h>.
 */
#ifndef LUX9_9P_H
#define LUX9_9P_H

#include <stdint.h>

enum {
	/* open modes (Topen, Tcreate and the open system call) */
	OREAD = 0,
	OWRITE = 1,
	ORDWR = 2,
	OEXEC = 3,
	OTRUNC = 0x10,
	OCEXEC = 0x20,
	ORCLOSE = 0x40,
	OEXCL = 0x1000,

	/* Qid.type */
	QTDIR = 0x80,
	QTAPPEND = 0x40,
	QTEXCL = 0x20,
	QTMOUNT = 0x10,
	QTAUTH = 0x08,
	QTTMP = 0x04,
	QTFILE = 0x00,

	/* Dir.mode */
	DMDIR = (int)0x80000000,
	DMAPPEND = 0x40000000,
	DMEXCL = 0x20000000,
	DMMOUNT = 0x10000000,
	DMAUTH = 0x08000000,
	DMTMP = 0x04000000,
	DMREAD = 0x4,
	DMWRITE = 0x2,
	DMEXEC = 0x1,

	STATFIXLEN = 49,	/* a packed Dir without its four strings' bytes */
	STATMAX = 65535,
	MAXWELEM = 16,
	NOTAG = 0xffff,
	NOFID = (int)0xffffffff,
	IOHDRSZ = 24,		/* Twrite/Rread header, leaves room for data */
};

typedef struct Qid Qid;
struct Qid {
	uint64_t path;
	uint32_t vers;
	uint8_t type;
};

typedef struct Dir Dir;
struct Dir {
	uint16_t type;		/* server type (kernel device letter) */
	uint32_t dev;		/* server subtype */
	Qid qid;
	uint32_t mode;		/* permissions, DMDIR etc. */
	uint32_t atime;
	uint32_t mtime;
	uint64_t length;
	char *name;
	char *uid;
	char *gid;
	char *muid;
};

#endif
