/*
 * The environment is the env device: variable NAME is the file
 * /env/NAME.  rc keeps lists there separated by NUL bytes; getenv
 * shows them separated by spaces.
 */
#include <u.h>
#include <libc.h>

enum { Envmax = 1<<20 };

/* envpath builds /env/NAME into buf, refusing names that are not one path element */
static int
envpath(char *buf, int n, const char *name)
{
	if(name == nil || name[0] == 0 || strchr(name, '/') != nil ||
	   strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strlen(name) > 255){
		werrstr("bad environment variable name");
		return -1;
	}
	snprint(buf, n, "/env/%s", name);
	return 0;
}

char*
getenv(const char *name)
{
	char path[300], *s, *t;
	long n, m, size;
	int fd;

	if(envpath(path, sizeof path, name) < 0)
		return nil;
	fd = open(path, OREAD);
	if(fd < 0)
		return nil;
	size = 128;
	s = malloc(size);
	n = 0;
	while(s != nil){
		if(n == size - 1){
			if(size >= Envmax){
				werrstr("environment variable too long");
				break;
			}
			size *= 2;
			t = realloc(s, size);
			if(t == nil)
				break;
			s = t;
		}
		m = read(fd, s + n, size - 1 - n);
		if(m < 0)
			break;
		if(m == 0){
			close(fd);
			/* a list's NUL separators (and its final one) become spaces and the end */
			while(n > 0 && s[n-1] == 0)
				n--;
			for(m = 0; m < n; m++)
				if(s[m] == 0)
					s[m] = ' ';
			s[n] = 0;
			return s;
		}
		n += m;
	}
	free(s);
	close(fd);
	return nil;
}

int
putenv(const char *name, const char *val)
{
	char path[300];
	long n;
	int fd;

	if(envpath(path, sizeof path, name) < 0)
		return -1;
	fd = create(path, OWRITE | OTRUNC, 0664);
	if(fd < 0)
		return -1;
	n = strlen(val);
	if(write(fd, val, n) != n){
		close(fd);
		return -1;
	}
	return close(fd);
}

int
setenv(const char *name, const char *val, int overwrite)
{
	char *old;

	if(!overwrite && (old = getenv(name)) != nil){
		free(old);
		return 0;
	}
	return putenv(name, val);
}

int
unsetenv(const char *name)
{
	char path[300];

	if(envpath(path, sizeof path, name) < 0)
		return -1;
	remove(path);
	return 0;
}
