/*
 * relay - join a virtio-serial port to two FIFOs for the kernel's 9P client.
 *
 * Linux's trans=fd needs file descriptors the kernel can read and write. A
 * virtio console port can be opened only once and refuses kernel writes, so
 * this process holds the port and copies bytes both ways: port -> INFIFO
 * (which the kernel reads) and OUTFIFO (which the kernel writes) -> port.
 *
 * usage: relay PORTDEV INFIFO OUTFIFO
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
	Bufsize = 65536,
};

static char *argv0 = "relay";

static void
relayfatal(char *what, char *name)
{
	fprintf(stderr, "%s: %s %s: %s\n", argv0, what, name, strerror(errno));
	exit(1);
}

/* write all of buf, or fail: a short write to a FIFO or port is retried */
static int
relaywrite(int fd, char *buf, ssize_t n)
{
	ssize_t w;

	while(n > 0){
		w = write(fd, buf, n);
		if(w < 0){
			if(errno == EINTR || errno == EAGAIN)
				continue;
			return -1;
		}
		buf += w;
		n -= w;
	}
	return 0;
}

/*
 * The port reads 0 and polls as hung up while nobody is connected on the
 * host side (e.g. QEMU listening with wait=off): wait a little and retry
 * instead of spinning or giving up.
 */
static void
relaynap(void)
{
	struct timespec ts = {0, 10 * 1000 * 1000};

	nanosleep(&ts, NULL);
}

int
main(int argc, char **argv)
{
	static char buf[Bufsize];
	struct pollfd p[2];
	int port, in, out;
	ssize_t n;

	if(argc > 0)
		argv0 = argv[0];
	if(argc != 4){
		fprintf(stderr, "usage: %s PORTDEV INFIFO OUTFIFO\n", argv0);
		return 2;
	}
	port = open(argv[1], O_RDWR);
	if(port < 0)
		relayfatal("open", argv[1]);
	/* O_RDWR on a FIFO does not wait for the other end (Linux) */
	in = open(argv[2], O_RDWR);
	if(in < 0)
		relayfatal("open", argv[2]);
	out = open(argv[3], O_RDWR);
	if(out < 0)
		relayfatal("open", argv[3]);
	for(;;){
		p[0] = (struct pollfd){.fd = port, .events = POLLIN};
		p[1] = (struct pollfd){.fd = out, .events = POLLIN};
		if(poll(p, 2, -1) < 0){
			if(errno == EINTR)
				continue;
			relayfatal("poll", "");
		}
		if(p[0].revents & (POLLIN | POLLHUP | POLLERR)){
			n = read(port, buf, sizeof buf);
			if(n < 0 && errno != EINTR && errno != EAGAIN)
				relayfatal("read", argv[1]);
			if(n > 0 && relaywrite(in, buf, n) < 0)
				relayfatal("write", argv[2]);
			if(n == 0 && !(p[1].revents & POLLIN))
				relaynap();
		}
		if(p[1].revents & POLLIN){
			n = read(out, buf, sizeof buf);
			if(n < 0 && errno != EINTR && errno != EAGAIN)
				relayfatal("read", argv[3]);
			if(n > 0 && relaywrite(port, buf, n) < 0)
				relayfatal("write", argv[1]);
		}
	}
}
