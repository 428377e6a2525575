/* tools/dag/json.c - a small strict JSON reader */
#include <stddef.h>
#include <stdint.h>

typedef struct Json Json;

enum {
	Jnull,
	Jfalse,
	Jtrue,
	Jnumber,
	Jstring,
	Jarray,
	Jobject,
};

struct Json {
	int type;
	char *s;	/* string bytes or number text, NUL-terminated */
	int slen;
	Json **kids;	/* array elements or object values */
	char **keys;	/* object keys */
	int n, a;
};

Json *jsonparse(const char *s, size_t n, char *err, int nerr);
Json *jsonget(Json *o, const char *key);
int jsonint(Json *j, int64_t *v);
void jsonfree(Json *j);
