/*
 * base64.c - encode stdin as base64 (RFC 4648), lines of 76 characters.
 */
#include <stdio.h>

static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int
main(void)
{
	unsigned char in[3 * 4096];
	char out[4 * 4096 + 4096 / 19 + 2];
	size_t n, i, o, col, k;
	unsigned v;

	col = 0;
	for(;;){
		/* read whole groups of 3 so only the last one is padded */
		n = 0;
		while(n < sizeof in && (k = fread(in + n, 1, sizeof in - n, stdin)) > 0)
			n += k;
		if(n == 0)
			break;
		o = 0;
		for(i = 0; i < n; i += 3){
			v = in[i] << 16;
			if(i + 1 < n)
				v |= in[i + 1] << 8;
			if(i + 2 < n)
				v |= in[i + 2];
			out[o++] = alpha[v >> 18];
			out[o++] = alpha[(v >> 12) & 63];
			out[o++] = i + 1 < n ? alpha[(v >> 6) & 63] : '=';
			out[o++] = i + 2 < n ? alpha[v & 63] : '=';
			col += 4;
			if(col == 76){
				out[o++] = '\n';
				col = 0;
			}
		}
		fwrite(out, 1, o, stdout);
		if(n < sizeof in)
			break;
	}
	if(col > 0)
		putchar('\n');
	if(ferror(stdin)){
		perror("read");
		return 1;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
