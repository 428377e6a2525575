/*
 * wc.c - count lines, words (runs of non-space bytes) and bytes of stdin.
 */
#include <stdio.h>

int
main(void)
{
	unsigned char buf[65536];
	unsigned long long lines, words, bytes;
	size_t n, i;
	int inword, sp;

	lines = words = bytes = 0;
	inword = 0;
	while((n = fread(buf, 1, sizeof buf, stdin)) > 0){
		bytes += n;
		for(i = 0; i < n; i++){
			if(buf[i] == '\n')
				lines++;
			sp = buf[i] == ' ' || (buf[i] >= '\t' && buf[i] <= '\r');
			if(!sp && !inword)
				words++;
			inword = !sp;
		}
	}
	if(ferror(stdin)){
		perror("read");
		return 1;
	}
	printf("%llu %llu %llu\n", lines, words, bytes);
	return 0;
}
