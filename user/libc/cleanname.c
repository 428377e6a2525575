/*
 * cleanname rewrites a path in place to its shortest lexical form:
 * no doubled slashes, no "." elements, ".." removing the element before
 * it (and vanishing at the root).  An empty result is ".".
 */
#include <u.h>
#include <libc.h>

char*
cleanname(char *name)
{
	char *r, *w, *dotdot;
	int rooted;

	rooted = name[0] == '/';
	r = w = name + rooted;
	dotdot = w;	/* ".." may not remove what is below this */
	while(*r != 0){
		if(r[0] == '/')
			r++;
		else if(r[0] == '.' && (r[1] == '/' || r[1] == 0))
			r++;
		else if(r[0] == '.' && r[1] == '.' && (r[2] == '/' || r[2] == 0)){
			r += 2;
			if(w > dotdot){
				/* back over the last element */
				while(--w > dotdot && *w != '/')
					;
			}else if(!rooted){
				/* a relative path keeps leading ".." */
				if(w != name)
					*w++ = '/';
				*w++ = '.';
				*w++ = '.';
				dotdot = w;
			}
		}else{
			if(w != name + rooted)
				*w++ = '/';
			while(*r != 0 && *r != '/')
				*w++ = *r++;
		}
	}
	if(w == name){
		*w++ = '.';
	}
	*w = 0;
	return name;
}
