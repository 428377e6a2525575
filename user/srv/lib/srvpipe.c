/*
 * What every Lux9 file server's main does with lib/9p: serve on one end
 * of a pipe, in a process of its own, and give the other end to clients
 * through /srv and/or a mount.
 */
#include <u.h>
#include <libc.h>
#include <9psrv.h>
#include "srvpipe.h"

static int srvfd;

static long
piperead(Srv *s, void *buf, long n)
{
	USED(s);
	return read(srvfd, buf, n);
}

static long
pipewrite(Srv *s, const void *buf, long n)
{
	USED(s);
	return write(srvfd, buf, n);
}

/* Page exchange with the mount driver (pages(5)), keyed by the 9P tag. */
static int
pipeoffer(Srv *s, uint16_t tag, const void *va, uint32_t len)
{
	USED(s);
	return pgoffer(srvfd, (void*)va, len, tag);
}

static int
pipetake(Srv *s, uint16_t tag, void *va, uint32_t len)
{
	USED(s);
	return pgtake(srvfd, tag, va, len);
}

/* Post fd as /srv/name.  0, or -1 with the error string set. */
int
srvpost(char *name, int fd)
{
	char buf[64];
	int f;

	snprint(buf, sizeof buf, "/srv/%s", name);
	f = create(buf, OWRITE, 0666);
	if(f < 0){
		werrstr("create %s: %r", buf);
		return -1;
	}
	if(fprint(f, "%d", fd) < 0){
		werrstr("post %s: %r", buf);
		close(f);
		return -1;
	}
	close(f);
	return 0;
}

/*
 * Run s on one end of a new pipe in a new process (its own note group, a
 * copy of the namespace as it is now, so it never sees its own mount),
 * and post the other end as /srv/srvname and/or mount it on mtpt with
 * flag; either may be nil.  The server ends when the last client's
 * channel is closed.  0, or -1 with the error string set.
 */
int
srvpipe(Srv *s, char *srvname, char *mtpt, int flag)
{
	int p[2];

	if(pipe(p) < 0)
		return -1;
	switch(rfork(RFPROC|RFFDG|RFNOTEG|RFNAMEG|RFNOWAIT)){
	case -1:
		close(p[0]);
		close(p[1]);
		return -1;
	case 0:
		close(p[0]);
		srvfd = p[1];
		s->readfn = piperead;
		s->writefn = pipewrite;
		s->pgofferfn = pipeoffer;
		s->pgtakefn = pipetake;
		if(srvrun(s) < 0)
			exits("protocol error");
		exits(nil);
	}
	close(p[1]);
	if(srvname != nil && srvpost(srvname, p[0]) < 0){
		close(p[0]);
		return -1;
	}
	if(mtpt != nil && mount(p[0], -1, mtpt, flag, "") < 0){
		werrstr("mount %s: %r", mtpt);
		close(p[0]);
		return -1;
	}
	close(p[0]);
	return 0;
}
