/*
 * A translator that goes wrong on purpose, for the trans tests: it
 * copies its input, but traps (unreachable) when the input
 * holds "boom", and spins until it runs out of fuel when it holds
 * "spin".
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[65536];

int
main(void)
{
	volatile unsigned long n;
	ssize_t got;
	size_t len = 0;

	while(len < sizeof buf - 1 && (got = read(0, buf + len, sizeof buf - 1 - len)) > 0)
		len += got;
	buf[len] = 0;
	if(strstr(buf, "boom") != NULL)
		__builtin_trap();
	if(strstr(buf, "spin") != NULL)
		for(n = 0; ; n++)
			;
	fwrite(buf, 1, len, stdout);
	return 0;
}
