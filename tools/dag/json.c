/*
 * A small strict JSON reader (RFC 8259): the whole text must be one value,
 * no trailing commas, no comments, nesting at most Maxdepth.  Numbers are
 * kept as their text; jsonint converts integers exactly.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "json.h"

enum { Maxdepth = 256 };

typedef struct Parser Parser;
struct Parser {
	const char *s;
	size_t n, i;
	char *err;
	int nerr;
};

static Json *value(Parser *p, int depth);

static void
perr(Parser *p, const char *msg)
{
	if(p->err[0] == 0)
		snprintf(p->err, p->nerr, "json: %s at offset %zu", msg, p->i);
}

static void
skipws(Parser *p)
{
	while(p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t'
	|| p->s[p->i] == '\n' || p->s[p->i] == '\r'))
		p->i++;
}

void
jsonfree(Json *j)
{
	int i;

	if(j == NULL)
		return;
	for(i = 0; i < j->n; i++){
		jsonfree(j->kids[i]);
		if(j->keys)
			free(j->keys[i]);
	}
	free(j->kids);
	free(j->keys);
	free(j->s);
	free(j);
}

static int
addkid(Json *j, char *key, Json *k)
{
	int a;
	Json **nk;
	char **keys;

	if(j->n == j->a){
		a = j->a ? 2*j->a : 4;
		nk = realloc(j->kids, a * sizeof nk[0]);
		if(nk == NULL)
			return -1;
		j->kids = nk;
		if(j->type == Jobject){
			keys = realloc(j->keys, a * sizeof keys[0]);
			if(keys == NULL)
				return -1;
			j->keys = keys;
		}
		j->a = a;
	}
	if(j->type == Jobject)
		j->keys[j->n] = key;
	j->kids[j->n++] = k;
	return 0;
}

static int
hex4(Parser *p, unsigned *v)
{
	int k, c;

	*v = 0;
	if(p->i + 4 > p->n)
		return -1;
	for(k = 0; k < 4; k++){
		c = p->s[p->i++];
		*v <<= 4;
		if(c >= '0' && c <= '9')
			*v |= c - '0';
		else if(c >= 'a' && c <= 'f')
			*v |= c - 'a' + 10;
		else if(c >= 'A' && c <= 'F')
			*v |= c - 'A' + 10;
		else
			return -1;
	}
	return 0;
}

/* the string at p->i (after the quote); returns malloc'd bytes */
static char *
str(Parser *p, int *len)
{
	char *o;
	size_t n;
	unsigned c, lo;
	unsigned char ch;

	o = malloc(p->n - p->i + 1);
	if(o == NULL){
		perr(p, "out of memory");
		return NULL;
	}
	n = 0;
	for(;;){
		if(p->i >= p->n){
			perr(p, "unterminated string");
			goto bad;
		}
		ch = p->s[p->i++];
		if(ch == '"')
			break;
		if(ch < 0x20){
			perr(p, "control character in string");
			goto bad;
		}
		if(ch != '\\'){
			o[n++] = ch;
			continue;
		}
		if(p->i >= p->n){
			perr(p, "unterminated escape");
			goto bad;
		}
		ch = p->s[p->i++];
		switch(ch){
		case '"': case '\\': case '/': o[n++] = ch; break;
		case 'b': o[n++] = '\b'; break;
		case 'f': o[n++] = '\f'; break;
		case 'n': o[n++] = '\n'; break;
		case 'r': o[n++] = '\r'; break;
		case 't': o[n++] = '\t'; break;
		case 'u':
			if(hex4(p, &c) < 0){
				perr(p, "bad \\u escape");
				goto bad;
			}
			if(c >= 0xd800 && c < 0xdc00){
				if(p->i + 2 > p->n || p->s[p->i] != '\\' || p->s[p->i+1] != 'u'){
					perr(p, "lone surrogate");
					goto bad;
				}
				p->i += 2;
				if(hex4(p, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff){
					perr(p, "bad surrogate pair");
					goto bad;
				}
				c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
			}else if(c >= 0xdc00 && c < 0xe000){
				perr(p, "lone surrogate");
				goto bad;
			}
			/* UTF-8 takes at most 4 bytes; the escape took at least 6 */
			if(c < 0x80)
				o[n++] = c;
			else if(c < 0x800){
				o[n++] = 0xc0 | c >> 6;
				o[n++] = 0x80 | (c & 0x3f);
			}else if(c < 0x10000){
				o[n++] = 0xe0 | c >> 12;
				o[n++] = 0x80 | (c >> 6 & 0x3f);
				o[n++] = 0x80 | (c & 0x3f);
			}else{
				o[n++] = 0xf0 | c >> 18;
				o[n++] = 0x80 | (c >> 12 & 0x3f);
				o[n++] = 0x80 | (c >> 6 & 0x3f);
				o[n++] = 0x80 | (c & 0x3f);
			}
			break;
		default:
			perr(p, "bad escape");
			goto bad;
		}
	}
	o[n] = 0;
	*len = n;
	return o;
bad:
	free(o);
	return NULL;
}

static int
digits(Parser *p)
{
	size_t st;

	st = p->i;
	while(p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	return p->i > st;
}

static Json *
number(Parser *p, Json *j)
{
	size_t st;

	st = p->i;
	if(p->s[p->i] == '-')
		p->i++;
	if(p->i < p->n && p->s[p->i] == '0')
		p->i++;
	else if(!digits(p))
		goto bad;
	if(p->i < p->n && p->s[p->i] == '.'){
		p->i++;
		if(!digits(p))
			goto bad;
	}
	if(p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')){
		p->i++;
		if(p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if(!digits(p))
			goto bad;
	}
	j->type = Jnumber;
	j->slen = p->i - st;
	j->s = malloc(j->slen + 1);
	if(j->s == NULL){
		perr(p, "out of memory");
		jsonfree(j);
		return NULL;
	}
	memcpy(j->s, p->s + st, j->slen);
	j->s[j->slen] = 0;
	return j;
bad:
	perr(p, "bad number");
	jsonfree(j);
	return NULL;
}

static int
lit(Parser *p, const char *w)
{
	size_t l;

	l = strlen(w);
	if(p->n - p->i < l || memcmp(p->s + p->i, w, l) != 0)
		return 0;
	p->i += l;
	return 1;
}

static Json *
value(Parser *p, int depth)
{
	Json *j, *k;
	char *key;
	int klen;
	char c;

	if(depth > Maxdepth){
		perr(p, "nested too deeply");
		return NULL;
	}
	skipws(p);
	if(p->i >= p->n){
		perr(p, "unexpected end");
		return NULL;
	}
	j = calloc(1, sizeof *j);
	if(j == NULL){
		perr(p, "out of memory");
		return NULL;
	}
	c = p->s[p->i];
	if(c == '{' || c == '['){
		j->type = c == '{' ? Jobject : Jarray;
		p->i++;
		skipws(p);
		if(p->i < p->n && p->s[p->i] == (c == '{' ? '}' : ']')){
			p->i++;
			return j;
		}
		for(;;){
			key = NULL;
			if(j->type == Jobject){
				skipws(p);
				if(p->i >= p->n || p->s[p->i] != '"'){
					perr(p, "expected key");
					goto bad;
				}
				p->i++;
				key = str(p, &klen);
				if(key == NULL)
					goto bad;
				skipws(p);
				if(p->i >= p->n || p->s[p->i] != ':'){
					free(key);
					perr(p, "expected ':'");
					goto bad;
				}
				p->i++;
			}
			k = value(p, depth + 1);
			if(k == NULL || addkid(j, key, k) < 0){
				free(key);
				jsonfree(k);
				perr(p, "out of memory");
				goto bad;
			}
			skipws(p);
			if(p->i < p->n && p->s[p->i] == ','){
				p->i++;
				continue;
			}
			if(p->i < p->n && p->s[p->i] == (j->type == Jobject ? '}' : ']')){
				p->i++;
				return j;
			}
			perr(p, "expected ',' or end of container");
			goto bad;
		}
	}
	if(c == '"'){
		p->i++;
		j->type = Jstring;
		j->s = str(p, &j->slen);
		if(j->s == NULL)
			goto bad;
		return j;
	}
	if(c == '-' || (c >= '0' && c <= '9'))
		return number(p, j);
	if(lit(p, "true"))
		j->type = Jtrue;
	else if(lit(p, "false"))
		j->type = Jfalse;
	else if(lit(p, "null"))
		j->type = Jnull;
	else{
		perr(p, "unexpected character");
		goto bad;
	}
	return j;
bad:
	jsonfree(j);
	return NULL;
}

Json *
jsonparse(const char *s, size_t n, char *err, int nerr)
{
	Parser p;
	Json *j;

	p.s = s;
	p.n = n;
	p.i = 0;
	p.err = err;
	p.nerr = nerr;
	err[0] = 0;
	j = value(&p, 0);
	if(j == NULL)
		return NULL;
	skipws(&p);
	if(p.i != p.n){
		perr(&p, "trailing data");
		jsonfree(j);
		return NULL;
	}
	return j;
}

Json *
jsonget(Json *o, const char *key)
{
	int i;

	if(o == NULL || o->type != Jobject)
		return NULL;
	for(i = 0; i < o->n; i++)
		if(strcmp(o->keys[i], key) == 0)
			return o->kids[i];
	return NULL;
}

/* an integer number that fits int64; -1 otherwise */
int
jsonint(Json *j, int64_t *v)
{
	int i, neg;
	uint64_t x;

	if(j == NULL || j->type != Jnumber)
		return -1;
	i = 0;
	neg = j->s[0] == '-';
	if(neg)
		i++;
	x = 0;
	for(; i < j->slen; i++){
		if(j->s[i] < '0' || j->s[i] > '9')
			return -1;
		if(x > (UINT64_MAX - 9) / 10)
			return -1;
		x = x*10 + (j->s[i] - '0');
	}
	if(x > (uint64_t)INT64_MAX)
		return -1;
	*v = neg ? -(int64_t)x : (int64_t)x;
	return 0;
}
