/*
 * wasmwasi.c - a WASI program (wasm32-wasi, wasi-libc) that uses every
 * call lib/wasm provides; test/suites/wasm.sh runs it under wasmrun
 * and node:wasi with the same granted directory and compares output.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	char *names[64], buf[256];
	struct timespec t0, t1;
	unsigned char r[32];
	DIR *d;
	struct dirent *de;
	FILE *f;
	int i, n, fd, nonzero;
	off_t end;

	for(i = 0; i < argc; i++)
		printf("arg %d: %s\n", i, i == 0 ? "(module)" : argv[i]);
	printf("environ: %s\n", getenv("HOME") == NULL ? "empty" : "set");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("monotonic: %s\n", t1.tv_sec > t0.tv_sec || (t1.tv_sec == t0.tv_sec && t1.tv_nsec >= t0.tv_nsec) ? "ok" : "backwards");
	clock_gettime(CLOCK_REALTIME, &t0);
	printf("realtime after 2020: %s\n", t0.tv_sec > 1577836800 ? "yes" : "no");
	memset(r, 0, sizeof r);
	getentropy(r, sizeof r);
	for(nonzero = 0, i = 0; i < (int)sizeof r; i++)
		nonzero += r[i] != 0;
	printf("random: %s\n", nonzero > 8 ? "ok" : "zeros");
	d = opendir("/sandbox");
	if(d == NULL){
		printf("opendir: %s\n", strerror(errno));
		return 1;
	}
	n = 0;
	while((de = readdir(d)) != NULL && n < 64)
		if(de->d_name[0] != '.')
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof names[0], cmp);
	for(i = 0; i < n; i++)
		printf("entry: %s\n", names[i]);
	f = fopen("/sandbox/hello.txt", "r");
	if(f == NULL){
		printf("fopen: %s\n", strerror(errno));
		return 1;
	}
	while(fgets(buf, sizeof buf, f) != NULL)
		printf("read: %s", buf);
	fclose(f);
	fd = open("/sandbox/hello.txt", O_RDONLY);
	end = lseek(fd, 0, SEEK_END);
	printf("size by seek: %lld\n", (long long)end);
	close(fd);
	printf("escape with ..: %s\n", open("/sandbox/../x", O_RDONLY) < 0 ? "refused" : "ALLOWED");
	printf("outside sandbox: %s\n", open("/etc/passwd", O_RDONLY) < 0 ? "refused" : "ALLOWED");
	fprintf(stderr, "to stderr\n");
	return argc > 1 ? atoi(argv[argc - 1]) : 0;
}
