/*
 * ramfs9p: ramfs on the host.  Without -p it serves one 9P session on
 * standard input and output (as for Linux's trans=fd); with -p it
 * listens on 127.0.0.1:PORT and serves connections one after another,
 * each a fresh session of the same tree.  See ramfs(4).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "ramfs.h"

typedef struct Conn Conn;
struct Conn {
	int rfd;
	int wfd;
};

static long
fdread(Srv *s, void *buf, long n)
{
	Conn *c = s->conn;
	long m;

	do
		m = read(c->rfd, buf, n);
	while(m < 0 && errno == EINTR);
	return m;
}

static long
fdwrite(Srv *s, const void *buf, long n)
{
	Conn *c = s->conn;
	long m;

	do
		m = write(c->wfd, buf, n);
	while(m < 0 && errno == EINTR);
	return m;
}

static uint32_t
now(void)
{
	return time(NULL);
}

static void
serve(Ramfs *fs, int rfd, int wfd)
{
	Srv s;
	Conn c;

	memset(&s, 0, sizeof s);
	c.rfd = rfd;
	c.wfd = wfd;
	s.conn = &c;
	s.readfn = fdread;
	s.writefn = fdwrite;
	s.msize = 65536 + IOHDRSZ;
	ramfssrv(&s, fs);
	if(srvrun(&s) < 0)
		fprintf(stderr, "ramfs9p: session ended by a protocol or transport error\n");
}

static void
usage(void)
{
	fprintf(stderr, "usage: ramfs9p [-p port] [-u user]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	Ramfs *fs;
	char *user, *end;
	long port;
	int c, lfd, fd, one;
	struct sockaddr_in sa;
	socklen_t salen;

	user = "nobody";
	port = -1;
	while((c = getopt(argc, argv, "p:u:")) != -1)
		switch(c){
		case 'p':
			port = strtol(optarg, &end, 10);
			if(*end != 0 || port < 0 || port > 65535)
				usage();
			break;
		case 'u':
			user = optarg;
			if(user[0] == 0 || strlen(user) > 255)
				usage();
			break;
		default:
			usage();
		}
	if(optind != argc)
		usage();
	signal(SIGPIPE, SIG_IGN);
	fs = ramfsnew(user, now);
	if(fs == NULL){
		fprintf(stderr, "ramfs9p: out of memory\n");
		return 1;
	}
	if(port < 0){
		serve(fs, 0, 1);
		ramfsfree(fs);
		return 0;
	}
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	one = 1;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons(port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if(lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	   bind(lfd, (struct sockaddr*)&sa, sizeof sa) < 0 || listen(lfd, 4) < 0){
		fprintf(stderr, "ramfs9p: listen on 127.0.0.1:%ld: %s\n", port, strerror(errno));
		return 1;
	}
	/* with -p 0 the system picks the port: say which */
	salen = sizeof sa;
	if(getsockname(lfd, (struct sockaddr*)&sa, &salen) == 0)
		fprintf(stderr, "ramfs9p: listening on 127.0.0.1:%d\n", ntohs(sa.sin_port));
	for(;;){
		fd = accept(lfd, NULL, NULL);
		if(fd < 0){
			if(errno == EINTR || errno == ECONNABORTED)
				continue;
			fprintf(stderr, "ramfs9p: accept: %s\n", strerror(errno));
			return 1;
		}
		serve(fs, fd, fd);
		close(fd);
	}
}
