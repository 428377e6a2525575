/*
 * map.c - byte-for-byte translators: upper, lower, rot13 (built from
 * this one file with -DUPPER, -DLOWER or -DROT13).  A WASI command:
 * stdin to stdout.
 */
#include <stdio.h>

static int
map(int c)
{
#if defined(UPPER)
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
#elif defined(LOWER)
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
#elif defined(ROT13)
	if(c >= 'a' && c <= 'z')
		return 'a' + (c - 'a' + 13) % 26;
	if(c >= 'A' && c <= 'Z')
		return 'A' + (c - 'A' + 13) % 26;
	return c;
#else
#error define UPPER, LOWER or ROT13
#endif
}

int
main(void)
{
	unsigned char buf[65536];
	size_t n, i;

	while((n = fread(buf, 1, sizeof buf, stdin)) > 0){
		for(i = 0; i < n; i++)
			buf[i] = map(buf[i]);
		if(fwrite(buf, 1, n, stdout) != n){
			perror("write");
			return 1;
		}
	}
	if(ferror(stdin)){
		perror("read");
		return 1;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
