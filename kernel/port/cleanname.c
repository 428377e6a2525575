#include "u.h"

void *memmove(void*, const void*, size_t);

/*
 * Lexical clean-up of a path name, in place: multiple slashes become one,
 * "." elements vanish and ".." removes the element before it (above the
 * root it is dropped).  A name rooted at "#x" (a device) keeps that prefix.
 */
char*
cleanname(char *name)
{
	char *p, *q, *e, *root, *floor;
	int rooted, len;

	if(name[0] == '#'){
		root = name + 1;
		if(*root)
			root++;
		while(*root && *root != '/')
			root++;
		rooted = 2;
	}else if(name[0] == '/'){
		root = name + 1;
		rooted = 1;
	}else{
		root = name;
		rooted = 0;
	}
	p = q = floor = root;
	while(*p){
		while(*p == '/')
			p++;
		if(*p == 0)
			break;
		for(e = p; *e && *e != '/'; e++)
			;
		len = e - p;
		if(len == 1 && p[0] == '.'){
			/* nothing */
		}else if(len == 2 && p[0] == '.' && p[1] == '.'){
			if(q > floor){
				while(q > floor && q[-1] != '/')
					q--;
				if(q > root && q[-1] == '/')
					q--;
			}else if(!rooted){
				if(q > root)
					*q++ = '/';
				*q++ = '.';
				*q++ = '.';
				floor = q;
			}
		}else{
			if(q > root || rooted == 2)
				*q++ = '/';
			memmove(q, p, len);
			q += len;
		}
		p = e;
	}
	if(q == root && !rooted)
		*q++ = '.';
	*q = 0;
	return name;
}
