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

/* 9P2000 message types */
enum {
	Tversion = 100,
	Rversion,
	Tauth = 102,
	Rauth,
	Tattach = 104,
	Rattach,
	Terror = 106,	/* illegal: never sent */
	Rerror,
	Tflush = 108,
	Rflush,
	Twalk = 110,
	Rwalk,
	Topen = 112,
	Ropen,
	Tcreate = 114,
	Rcreate,
	Tread = 116,
	Rread,
	Twrite = 118,
	Rwrite,
	Tclunk = 120,
	Rclunk,
	Tremove = 122,
	Rremove,
	Tstat = 124,
	Rstat,
	Twstat = 126,
	Rwstat,
	/*
	 * 9P2000.x (pages(5)), only after Tversion agreed on "9P2000.x":
	 * reads and writes whose data starts with npages whole pages given
	 * by page exchange on the same pipe, keyed by the tag, rather
	 * than carried in the message.
	 */
	Treadpg = 128,	/* as Tread */
	Rreadpg,	/* count[4] npages[4] data[count - npages*XPAGE] */
	Twritepg = 130,	/* fid[4] offset[8] count[4] npages[4] data[count - npages*XPAGE] */
	Rwritepg,	/* as Rwrite */
	Tmax,
	XPAGE = 4096,	/* the size of an exchanged page */

	QIDSZ = 13,		/* a packed Qid */
	MSGHDRSZ = 7,		/* size[4] type[1] tag[2] */
};

/*
 * One 9P message, either direction.  Only the fields of its type
 * matter.  After fcallunpack the strings and data point into the
 * message buffer, which must outlive the Fcall.
 */
typedef struct Fcall Fcall;
struct Fcall {
	uint8_t type;
	uint16_t tag;
	uint32_t fid;

	uint32_t msize;		/* Tversion, Rversion */
	char *version;		/* Tversion, Rversion */
	uint16_t oldtag;	/* Tflush */
	char *ename;		/* Rerror */
	Qid qid;		/* Rattach, Ropen, Rcreate; Rauth's aqid */
	uint32_t iounit;	/* Ropen, Rcreate */
	uint32_t afid;		/* Tauth, Tattach */
	char *uname;		/* Tauth, Tattach */
	char *aname;		/* Tauth, Tattach */
	uint32_t perm;		/* Tcreate */
	char *name;		/* Tcreate */
	uint8_t mode;		/* Topen, Tcreate */
	uint32_t newfid;	/* Twalk */
	uint16_t nwname;	/* Twalk */
	char *wname[MAXWELEM];	/* Twalk */
	uint16_t nwqid;		/* Rwalk */
	Qid wqid[MAXWELEM];	/* Rwalk */
	uint64_t offset;	/* Tread, Twrite */
	uint32_t count;		/* Tread, Twrite, Rread, Rwrite */
	uint8_t *data;		/* Twrite, Rread; the bytes after the pages */
	uint32_t npages;	/* Rreadpg, Twritepg: pages of the data exchanged */
	uint16_t nstat;		/* Rstat, Twstat: bytes of the packed Dir */
	uint8_t *stat;		/* Rstat, Twstat */
};

/*
 * The codec (fcall.c): pure functions, no allocation, no libc beyond
 * memcpy and strlen, so the kernel can use it too.
 *
 * fcallunpack checks one whole message at buf[0..n) and fills f; it
 * returns the bytes the message used, or 0 if it is truncated, longer
 * than its contents, or malformed.  It turns the strings into C
 * strings in place (each moves one byte down over its length), so buf
 * is modified and f points into it.
 * fcallpack returns the bytes written, or 0 if f is invalid or does
 * not fit in n bytes.  fcallsize returns the packed size, 0 if invalid.
 * fcallpeeksize returns a message's size[4] from its first four bytes.
 */
uint32_t fcallunpack(uint8_t *buf, uint32_t n, Fcall *f);
uint32_t fcallpack(const Fcall *f, uint8_t *buf, uint32_t n);
uint32_t fcallsize(const Fcall *f);
uint32_t fcallpeeksize(const uint8_t *buf);

/*
 * Stat entries, as in Rstat, Twstat and directory reads.  dirunpack
 * checks one entry at buf[0..n) and returns its bytes (size[2] and
 * all), or 0 if malformed; like fcallunpack it makes the four strings
 * C strings in place.  dirpack returns the bytes written, 0 if it does
 * not fit; dirsize the bytes needed (nil strings count as empty).
 */
uint32_t dirunpack(uint8_t *buf, uint32_t n, Dir *d);
uint32_t dirpack(const Dir *d, uint8_t *buf, uint32_t n);
uint32_t dirsize(const Dir *d);
void dirnull(Dir *d);

#endif
