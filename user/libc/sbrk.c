/* The break: sbrk moves it up from the end of bss (the linker's "end"). */
#include <u.h>
#include <libc.h>

extern char end[];
static char *cur;

int
brk(void *p)
{
	if(brk_(p) < 0)
		return -1;
	cur = p;
	return 0;
}

void*
sbrk(ulong n)
{
	char *old;

	if(cur == nil)
		cur = end;
	if(n > (uintptr)-1 - (uintptr)cur){
		werrstr("no memory");
		return (void*)-1;
	}
	if(brk_(cur + n) < 0)
		return (void*)-1;
	old = cur;
	cur += n;
	return old;
}
