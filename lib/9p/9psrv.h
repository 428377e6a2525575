/*
 * lib/9p server library: a 9P2000 file server is a table of callbacks,
 * one per message.  The library keeps the fids and the tags in flight,
 * checks what the protocol requires (fid in use, open modes, directory
 * offsets, msize), and packs the replies.  It makes no OS calls: the
 * transport is the Srv's read and write functions, memory is malloc.
 * See 9p(2).
 */
#ifndef LUX9_9PSRV_H
#define LUX9_9PSRV_H

#include <stdint.h>
#include "9p.h"

typedef struct Fid Fid;
typedef struct Req Req;
typedef struct Srv Srv;

struct Fid {
	uint32_t fid;
	Qid qid;
	int omode;		/* -1 until opened */
	char *uid;		/* the user who attached */
	void *aux;		/* the server's */
	Srv *srv;
	/* directory reads: where the last one ended */
	uint64_t diroffset;
	uint32_t dirindex;
	int ref;		/* the fid table's and each request's */
	int intable;
	Fid *next;
};

struct Req {
	uint16_t tag;
	Fcall ifcall;		/* the T-message */
	Fcall ofcall;		/* the R-message the callback fills in */
	Fid *fid;
	Fid *newfid;		/* Twalk's new fid */
	Dir d;			/* Tstat: fill in; Twstat: what was asked */
	Srv *srv;
	void *aux;		/* the server's */
	uint8_t *in;		/* the message buffer ifcall points into */
	uint8_t *rbuf;		/* Tread: room for count bytes */
	const uint8_t *pgdata;	/* Treadpg: where the reply's ofcall.npages pages are */
	uint8_t *pgbuf;		/* Twritepg: the library's room for the data */
	Req *oldreq;		/* Tflush: the request it flushes */
	Req *flushes;		/* Tflushes waiting for this one */
	uint32_t session;
	Req *next;
};

/*
 * A server.  Every callback is optional; a missing one answers with a
 * sensible error.  A request callback must, now or later, call
 * srvrespond(r, err) with err nil for success.  walk1 moves fid along
 * one name, setting *qid; clone gives a walk's new fid its aux; clunk
 * is called once when a fid is gone for good (Tclunk, Tremove, a
 * failed walk's new fid, the end of a session).
 */
struct Srv {
	void (*attach)(Req*);
	void (*auth)(Req*);
	char *(*walk1)(Fid *fid, char *name, Qid *qid);
	char *(*clone)(Fid *oldfid, Fid *newfid);
	void (*open)(Req*);
	void (*create)(Req*);
	void (*read)(Req*);
	void (*write)(Req*);
	void (*remove)(Req*);
	void (*stat)(Req*);
	void (*wstat)(Req*);
	void (*flush)(Req*);	/* r->oldreq is to be abandoned */
	void (*clunk)(Fid*);

	/* transport: like read(2) and write(2); read may return less */
	long (*readfn)(Srv*, void *buf, long n);
	long (*writefn)(Srv*, const void *buf, long n);
	/*
	 * Page exchange (9P2000.x, pages(5)), where the transport has it:
	 * offer len bytes of pages at va to the client, for the reply
	 * with tag; take the pages of request tag's data to va.  Each
	 * returns 0 or -1.  With both set, a client asking for 9P2000.x
	 * gets it, unless nopages is set.
	 */
	int (*pgofferfn)(Srv*, uint16_t tag, const void *va, uint32_t len);
	int (*pgtakefn)(Srv*, uint16_t tag, void *va, uint32_t len);
	int nopages;
	/*
	 * Twritepg: where the pages may go in place (page-aligned, room
	 * for ifcall.count bytes), or NULL for a buffer of the library's.
	 * The write callback then finds ifcall.data already there.
	 */
	void *(*pagedest)(Req*);

	uint32_t msize;		/* the largest we take; 0 means 8192+IOHDRSZ */
	void *aux;		/* the server's */
	void *conn;		/* the transport's */

	/* the library's */
	Fid *fids[64];
	Req *reqs;
	uint8_t *rbuf;
	uint8_t *wbuf;
	uint32_t maxmsg;	/* negotiated msize */
	uint32_t session;	/* counts Tversions: older replies are dropped */
	int versioned;
	int pg;			/* 9P2000.x agreed */
	int dead;
};

/* Serve until the transport ends or fails; returns 0, or -1 on error. */
int srvrun(Srv*);
/* Handle one complete message, for callers with their own loop. */
void srvmsg(Srv*, uint8_t *msg, uint32_t n);
/* Clunk every fid, forget every request: a session ends. */
void srvreset(Srv*);
void srvrespond(Req*, const char *err);

/*
 * Synthetic files: fill a Tread's reply (r->ofcall) from a buffer or
 * string at the request's offset; the caller then responds.  For a
 * Treadpg, whole pages of a page-aligned part of buf go by exchange.
 */
void srvreadbuf(Req*, const void *buf, uint64_t len);
void srvreadstr(Req*, const char *s);
/*
 * Directory reads: gen fills *d with entry n (0, 1, ...) and returns 0,
 * or -1 past the end.  Whole entries are packed, continuing from where
 * the fid's last read stopped; if the next one does not fit in the
 * count, none is.  Returns nil or an error to respond with.
 */
typedef int Dirgen(uint32_t n, Dir *d, void *aux);
char *srvdirread(Req*, Dirgen *gen, void *aux);

/*
 * Permissions: does uid get all the bits of need (DMREAD, DMWRITE,
 * DMEXEC) on d?  srvopenneed gives the bits a Topen mode needs.
 */
int srvperm(const Dir *d, const char *uid, uint32_t need);
uint32_t srvopenneed(int mode);

extern char Ebadfid[], Efidinuse[], Enotfound[], Eperm[], Eisdir[],
	Enotdir[], Ebadoffset[], Ebotch[], Eopen[], Ebadmode[], Etoobig[],
	Ebadusefid[], Enoauth[], Etaginuse[];

#endif
