/*
 * atnotify keeps a list of note handlers behind one notify handler:
 * a note is offered to each in turn, and the first to return nonzero
 * has handled it (the process continues); if none does, the default
 * action (death) follows.
 */
#include <u.h>
#include <libc.h>

enum { Nhandler = 32 };

static int (*handlers[Nhandler])(void*, char*);
static int installed;

static void
notifier(void *ureg, char *note)
{
	int i;

	for(i = 0; i < Nhandler; i++)
		if(handlers[i] != nil && handlers[i](ureg, note))
			noted(NCONT);
	noted(NDFLT);
}

int
atnotify(int (*f)(void*, char*), int in)
{
	int i;

	if(!in){
		for(i = 0; i < Nhandler; i++)
			if(handlers[i] == f){
				handlers[i] = nil;
				return 1;
			}
		return 0;
	}
	if(!installed){
		if(notify(notifier) < 0)
			return 0;
		installed = 1;
	}
	for(i = 0; i < Nhandler; i++)
		if(handlers[i] == nil){
			handlers[i] = f;
			return 1;
		}
	return 0;
}
