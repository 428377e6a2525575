/*
 * unbase64.c - decode base64 from stdin; white space is ignored, any
 * other character outside the alphabet, or bad padding, is an error.
 */
#include <stdio.h>

static int
val(int c)
{
	if(c >= 'A' && c <= 'Z')
		return c - 'A';
	if(c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if(c >= '0' && c <= '9')
		return c - '0' + 52;
	if(c == '+')
		return 62;
	if(c == '/')
		return 63;
	return -1;
}

int
main(void)
{
	int c, v, n, pad;
	unsigned acc;
	long off;

	acc = 0;
	n = 0;
	pad = 0;
	for(off = 0; (c = getchar()) != EOF; off++){
		if(c == ' ' || c == '\n' || c == '\r' || c == '\t')
			continue;
		if(c == '='){
			if(n < 2){
				fprintf(stderr, "unbase64: misplaced '=' at byte %ld\n", off);
				return 1;
			}
			pad++;
			if(n + pad == 4){
				if(n == 2)
					putchar(acc >> 4);
				else{
					putchar(acc >> 10);
					putchar((acc >> 2) & 0xff);
				}
				acc = 0;
				n = 0;
				pad = -1;	/* only white space may follow */
			}
			continue;
		}
		v = val(c);
		if(v < 0 || pad != 0){
			fprintf(stderr, "unbase64: invalid character at byte %ld\n", off);
			return 1;
		}
		acc = acc << 6 | v;
		if(++n == 4){
			putchar(acc >> 16);
			putchar((acc >> 8) & 0xff);
			putchar(acc & 0xff);
			acc = 0;
			n = 0;
		}
	}
	if(n != 0 || pad > 0){
		fprintf(stderr, "unbase64: truncated input\n");
		return 1;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
