/*
 * 9pc: a small 9P2000 client for the host, to drive a file server over
 * TCP on 127.0.0.1 from tests and by hand.  One command a session.
 * See 9pc(1).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "9p.h"

enum {
	Rootfid = 0,
	Fid = 1,
	Msize = 8192 + IOHDRSZ,
};

static int fd;
static uint32_t msize = Msize;
static uint8_t *tbuf, *rbuf;

static void
fail(const char *what, const char *why)
{
	fprintf(stderr, "9pc: %s: %s\n", what, why);
	exit(1);
}

static int
readfull(uint8_t *p, uint32_t n)
{
	long m;

	while(n > 0){
		m = read(fd, p, n);
		if(m < 0 && errno == EINTR)
			continue;
		if(m <= 0)
			return -1;
		p += m;
		n -= m;
	}
	return 0;
}

/* Send t, wait for its answer in *r; an Rerror is returned as a string. */
static char *
rpc(Fcall *t, Fcall *r)
{
	static char ename[256];
	uint32_t n, size;

	t->tag = t->type == Tversion ? NOTAG : 1;
	n = fcallpack(t, tbuf, msize);
	if(n == 0)
		fail("pack", "message too large");
	if(write(fd, tbuf, n) != (long)n)
		fail("write", strerror(errno));
	if(readfull(rbuf, 4) < 0)
		fail("read", "connection closed");
	size = fcallpeeksize(rbuf);
	if(size < MSGHDRSZ || size > msize)
		fail("read", "bad message size");
	if(readfull(rbuf+4, size-4) < 0)
		fail("read", "connection closed");
	if(fcallunpack(rbuf, size, r) != size)
		fail("read", "malformed reply");
	if(r->tag != t->tag)
		fail("read", "reply with the wrong tag");
	if(r->type == Rerror){
		snprintf(ename, sizeof ename, "%s", r->ename);
		return ename;
	}
	if(r->type != t->type+1)
		fail("read", "reply of the wrong type");
	return NULL;
}

static void
dial(int port)
{
	struct sockaddr_in sa;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons(port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if(fd < 0 || connect(fd, (struct sockaddr*)&sa, sizeof sa) < 0)
		fail("connect", strerror(errno));
}

static void
session(const char *user)
{
	Fcall t, r;
	char *err;

	tbuf = malloc(msize);
	rbuf = malloc(msize);
	if(tbuf == NULL || rbuf == NULL)
		fail("malloc", "out of memory");
	memset(&t, 0, sizeof t);
	t.type = Tversion;
	t.msize = msize;
	t.version = "9P2000";
	if((err = rpc(&t, &r)) != NULL)
		fail("version", err);
	if(strcmp(r.version, "9P2000") != 0 || r.msize > msize || r.msize < 256)
		fail("version", "server refused 9P2000");
	msize = r.msize;
	memset(&t, 0, sizeof t);
	t.type = Tattach;
	t.fid = Rootfid;
	t.afid = NOFID;
	t.uname = (char*)user;
	t.aname = "";
	if((err = rpc(&t, &r)) != NULL)
		fail("attach", err);
}

/* Walk Fid to path from the root, sixteen names at a time. */
static char *
walk(const char *path)
{
	static char err[300];
	Fcall t, r;
	char *p, *s, *e;
	uint32_t from;

	/* Fid may be left over from an earlier walk: start afresh */
	memset(&t, 0, sizeof t);
	t.type = Tclunk;
	t.fid = Fid;
	rpc(&t, &r);
	p = strdup(path);
	if(p == NULL)
		fail("malloc", "out of memory");
	from = Rootfid;
	s = p;
	do{
		memset(&t, 0, sizeof t);
		t.type = Twalk;
		t.fid = from;
		t.newfid = Fid;
		while(t.nwname < MAXWELEM && (e = strsep(&s, "/")) != NULL)
			if(e[0] != 0)
				t.wname[t.nwname++] = e;
		if((e = rpc(&t, &r)) != NULL || r.nwqid != t.nwname){
			snprintf(err, sizeof err, "%s", e != NULL ? e : "file does not exist");
			free(p);
			return err;
		}
		from = Fid;
	}while(s != NULL);
	free(p);
	return NULL;
}

static void
simple(int type, uint32_t fid, uint8_t mode, const char *what)
{
	Fcall t, r;
	char *err;

	memset(&t, 0, sizeof t);
	t.type = type;
	t.fid = fid;
	t.mode = mode;
	if((err = rpc(&t, &r)) != NULL)
		fail(what, err);
}

static void
printdir(Dir *d)
{
	printf("%c%c%c %4o %s %s %llu %s\n", d->mode & DMDIR ? 'd' : '-',
		d->mode & DMAPPEND ? 'a' : '-', d->mode & DMEXCL ? 'l' : '-',
		d->mode & 0777, d->uid, d->gid, (unsigned long long)d->length, d->name);
}

/* Read the open Fid to the end: to stdout, or as directory entries. */
static void
readall(int isdir)
{
	Fcall t, r;
	Dir d;
	uint64_t off;
	uint32_t i, n;
	char *err;

	for(off = 0;; off += r.count){
		memset(&t, 0, sizeof t);
		t.type = Tread;
		t.fid = Fid;
		t.offset = off;
		t.count = msize - IOHDRSZ;
		if((err = rpc(&t, &r)) != NULL)
			fail("read", err);
		if(r.count == 0)
			break;
		if(!isdir){
			fwrite(r.data, 1, r.count, stdout);
			continue;
		}
		for(i = 0; i < r.count; i += n){
			n = dirunpack(r.data + i, r.count - i, &d);
			if(n == 0)
				fail("read", "malformed directory entry");
			printdir(&d);
		}
	}
}

static void
writeall(void)
{
	Fcall t, r;
	uint8_t *buf;
	uint64_t off;
	size_t n;
	char *err;

	buf = malloc(msize);
	if(buf == NULL)
		fail("malloc", "out of memory");
	for(off = 0; (n = fread(buf, 1, msize - IOHDRSZ, stdin)) > 0; off += n){
		memset(&t, 0, sizeof t);
		t.type = Twrite;
		t.fid = Fid;
		t.offset = off;
		t.count = n;
		t.data = buf;
		if((err = rpc(&t, &r)) != NULL)
			fail("write", err);
		if(r.count != n)
			fail("write", "short write");
	}
	free(buf);
}

static void
stat(const char *path, Dir *d)
{
	Fcall t, r;
	char *err;

	if((err = walk(path)) != NULL)
		fail(path, err);
	memset(&t, 0, sizeof t);
	t.type = Tstat;
	t.fid = Fid;
	if((err = rpc(&t, &r)) != NULL)
		fail("stat", err);
	if(dirunpack(r.stat, r.nstat, d) != r.nstat)
		fail("stat", "malformed stat");
}

static void
wstat(const char *path, Dir *d)
{
	static uint8_t buf[STATMAX];
	Fcall t, r;
	char *err;

	if((err = walk(path)) != NULL)
		fail(path, err);
	memset(&t, 0, sizeof t);
	t.type = Twstat;
	t.fid = Fid;
	t.nstat = dirpack(d, buf, sizeof buf);
	t.stat = buf;
	if(t.nstat == 0 || (err = rpc(&t, &r)) != NULL)
		fail("wstat", err != NULL ? err : "stat too large");
}

/* Split path into its directory (walked to) and last name. */
static char *
walkparent(char *path)
{
	char *name, *err;

	name = strrchr(path, '/');
	if(name == NULL){
		name = path;
		path = "";
	}else
		*name++ = 0;
	if(name[0] == 0)
		fail(path, "no file name");
	if((err = walk(path)) != NULL)
		fail(path, err);
	return name;
}

static void
create(char *path, uint32_t perm, uint8_t mode)
{
	Fcall t, r;
	char *err;

	memset(&t, 0, sizeof t);
	t.type = Tcreate;
	t.fid = Fid;
	t.name = walkparent(path);
	t.perm = perm;
	t.mode = mode;
	if((err = rpc(&t, &r)) != NULL)
		fail("create", err);
}

static void
usage(void)
{
	fprintf(stderr, "usage: 9pc -p port [-u user] [-m msize] cmd args\n"
		"cmds: ls path | stat path | cat path | put path | append path |\n"
		"\tcreate path perm | mkdir path | rm path | mv path newname |\n"
		"\tchmod perm path | truncate length path\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	char *user, *cmd, *end;
	long port;
	int c;
	Dir d;

	user = "nobody";
	port = -1;
	while((c = getopt(argc, argv, "p:u:m:")) != -1)
		switch(c){
		case 'p':
			port = strtol(optarg, &end, 10);
			if(*end != 0 || port <= 0 || port > 65535)
				usage();
			break;
		case 'u':
			user = optarg;
			break;
		case 'm':
			msize = strtoul(optarg, &end, 10);
			if(*end != 0 || msize < 256 || msize > 1<<24)
				usage();
			break;
		default:
			usage();
		}
	argv += optind;
	argc -= optind;
	if(port < 0 || argc < 2)
		usage();
	dial(port);
	session(user);
	cmd = argv[0];
	if(strcmp(cmd, "ls") == 0 || strcmp(cmd, "stat") == 0){
		stat(argv[1], &d);
		if(cmd[0] == 's' || !(d.mode & DMDIR)){
			printdir(&d);
			return 0;
		}
		simple(Topen, Fid, OREAD, "open");
		readall(1);
	}else if(strcmp(cmd, "cat") == 0){
		if((end = walk(argv[1])) != NULL)
			fail(argv[1], end);
		simple(Topen, Fid, OREAD, "open");
		readall(0);
	}else if(strcmp(cmd, "put") == 0){
		if(walk(argv[1]) == NULL)
			simple(Topen, Fid, OWRITE|OTRUNC, "open");
		else
			create(argv[1], 0666, OWRITE);
		writeall();
	}else if(strcmp(cmd, "append") == 0){
		if((end = walk(argv[1])) != NULL)
			fail(argv[1], end);
		simple(Topen, Fid, OWRITE, "open");
		writeall();
	}else if(strcmp(cmd, "create") == 0 && argc == 3){
		create(argv[1], strtoul(argv[2], NULL, 0), OREAD);
	}else if(strcmp(cmd, "mkdir") == 0){
		create(argv[1], DMDIR|0777, OREAD);
	}else if(strcmp(cmd, "rm") == 0){
		if((end = walk(argv[1])) != NULL)
			fail(argv[1], end);
		simple(Tremove, Fid, 0, "remove");
	}else if(strcmp(cmd, "mv") == 0 && argc == 3){
		dirnull(&d);
		d.name = argv[2];
		wstat(argv[1], &d);
	}else if(strcmp(cmd, "chmod") == 0 && argc == 3){
		stat(argv[2], &d);
		c = d.mode & DMDIR;
		dirnull(&d);
		d.mode = strtoul(argv[1], NULL, 0) | c;
		wstat(argv[2], &d);
	}else if(strcmp(cmd, "truncate") == 0 && argc == 3){
		dirnull(&d);
		d.length = strtoull(argv[1], NULL, 0);
		wstat(argv[2], &d);
	}else
		usage();
	simple(Tclunk, Rootfid, 0, "clunk");
	return 0;
}
