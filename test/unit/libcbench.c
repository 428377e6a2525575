/*
 * libcbench: host timings of libc's hot paths beside glibc's, for
 * `make bench`.  The library is built -O2 without sanitizers and
 * linked with the fake kernel as in libctest.  It reports; it never
 * judges.
 */
#include <regex.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "libclux.h"
#include "libcfake.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
cmpint(const void *a, const void *b)
{
	int x = *(const int*)a, y = *(const int*)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *what, double lux, double glibc, const char *unit)
{
	if(glibc > 0)
		printf("%-34s lux %10.1f  glibc %10.1f  %s\n", what, lux, glibc, unit);
	else
		printf("%-34s lux %10.1f  %s\n", what, lux, unit);
}

int
main(void)
{
	enum { N = 1000000 };
	static int v[N], w[N];
	static char text[Maxdata];
	static void *ptr[1024];
	char buf[128];
	double t, lux, gl;
	long i, n, k;
	LBiobuf *b;
	LReprog *re;
	regex_t g;
	volatile long sink = 0;

	t = now();
	for(i = 0; i < N; i++)
		sink += lux_snprint(buf, sizeof buf, "%s %d %x %5.2f|%-8s|", "name", (int)i, (unsigned)i, i * 0.5, "x");
	lux = (now() - t) / N * 1e9;
	t = now();
	for(i = 0; i < N; i++)
		sink += snprintf(buf, sizeof buf, "%s %d %x %5.2f|%-8s|", "name", (int)i, (unsigned)i, i * 0.5, "x");
	gl = (now() - t) / N * 1e9;
	report("snprint, 5 verbs incl. %f", lux, gl, "ns/call");

	/* malloc/free of mixed small sizes with 1024 live blocks */
	srand(1);
	t = now();
	for(i = 0; i < 4*N; i++){
		k = i & 1023;
		lux_free(ptr[k]);
		ptr[k] = lux_malloc((i * 7) % 500 + 1);
	}
	lux = (now() - t) / (4*N) * 1e9;
	for(k = 0; k < 1024; k++){
		lux_free(ptr[k]);
		ptr[k] = NULL;
	}
	t = now();
	for(i = 0; i < 4*N; i++){
		k = i & 1023;
		free(ptr[k]);
		ptr[k] = malloc((i * 7) % 500 + 1);
	}
	gl = (now() - t) / (4*N) * 1e9;
	for(k = 0; k < 1024; k++)
		free(ptr[k]);
	report("malloc+free, 1..500 bytes", lux, gl, "ns/pair");

	for(i = 0; i < N; i++)
		v[i] = w[i] = rand();
	t = now();
	lux_qsort(v, N, sizeof v[0], cmpint);
	lux = (now() - t) * 1e3;
	t = now();
	qsort(w, N, sizeof w[0], cmpint);
	gl = (now() - t) * 1e3;
	report("qsort 1M random ints", lux, gl, "ms");

	/* Brdline over a 64 KiB file of 40-byte lines, many times */
	for(i = 0; i < Maxdata; i++)
		text[i] = i % 40 == 39 ? '\n' : 'a' + i % 26;
	addfile("/bench", text, Maxdata);
	n = 0;
	t = now();
	for(k = 0; k < 2000; k++){
		b = lux_Bopen("/bench", 0);
		while(lux_Brdline(b, '\n') != NULL)
			n += lux_Blinelen(b);
		lux_Bterm(b);
	}
	lux = n / (now() - t) / 1e6;
	report("Brdline", lux, 0, "MB/s");

	/* regexec over the same text */
	text[Maxdata - 1] = 0;
	re = lux_regcomp("(foo|ba[rz])+q|x[0-9]+y");
	t = now();
	for(k = 0; k < 20; k++)
		sink += lux_regexec(re, text, NULL, 0);
	lux = 20.0 * Maxdata / (now() - t) / 1e6;
	regcomp(&g, "(foo|ba[rz])+q|x[0-9]+y", REG_EXTENDED | REG_NOSUB);
	t = now();
	for(k = 0; k < 20; k++)
		sink += regexec(&g, text, 0, NULL, 0);
	gl = 20.0 * Maxdata / (now() - t) / 1e6;
	report("regexec, no match, 64 KiB", lux, gl, "MB/s");
	lux_free(re);
	regfree(&g);

	t = now();
	for(i = 0; i < N; i++){
		lux_snprint(buf, sizeof buf, "%.17g", i * 1.37e-3);
		sink += (long)lux_strtod(buf, NULL);
	}
	lux = (now() - t) / N * 1e9;
	t = now();
	for(i = 0; i < N; i++){
		snprintf(buf, sizeof buf, "%.17g", i * 1.37e-3);
		sink += (long)strtod(buf, NULL);
	}
	gl = (now() - t) / N * 1e9;
	report("%.17g then strtod", lux, gl, "ns/pair");
	return sink == 42;
}
