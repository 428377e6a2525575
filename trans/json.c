/*
 * json.c - validate JSON (RFC 8259) from stdin and pretty-print it
 * with two-space indents.  Invalid input prints "json: line L, column
 * C: what" on stderr, nothing on stdout, and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { Maxdepth = 512 };

static unsigned char *in;
static size_t nin, pos;
static char *out;
static size_t nout, capout;
static const char *errmsg;
static size_t errpos;

static int
fail(const char *msg)
{
	if(errmsg == NULL){
		errmsg = msg;
		errpos = pos;
	}
	return -1;
}

static void
emit(const void *p, size_t n)
{
	char *o;

	if(nout + n > capout){
		capout = (nout + n) * 2 + 1024;
		o = realloc(out, capout);
		if(o == NULL){
			fprintf(stderr, "json: out of memory\n");
			exit(1);
		}
		out = o;
	}
	memcpy(out + nout, p, n);
	nout += n;
}

static void
indent(int depth)
{
	int i;

	emit("\n", 1);
	for(i = 0; i < depth; i++)
		emit("  ", 2);
}

static void
ws(void)
{
	while(pos < nin && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r'))
		pos++;
}

static int
ishex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int
string(void)
{
	size_t st;
	int i;

	st = pos++;
	for(;;){
		if(pos >= nin)
			return fail("unterminated string");
		if(in[pos] == '"')
			break;
		if(in[pos] < 0x20)
			return fail("control character in string");
		if(in[pos] == '\\'){
			pos++;
			if(pos >= nin)
				return fail("unterminated string");
			if(in[pos] == 'u'){
				for(i = 1; i <= 4; i++)
					if(pos + i >= nin || !ishex(in[pos + i])){
						pos += i;
						return fail("bad \\u escape");
					}
				pos += 4;
			}else if(strchr("\"\\/bfnrt", in[pos]) == NULL || in[pos] == 0)
				return fail("bad escape");
		}
		pos++;
	}
	pos++;
	emit(in + st, pos - st);
	return 0;
}

static int
digits(void)
{
	size_t st;

	st = pos;
	while(pos < nin && in[pos] >= '0' && in[pos] <= '9')
		pos++;
	return pos > st ? 0 : fail("digit expected");
}

static int
number(void)
{
	size_t st;

	st = pos;
	if(in[pos] == '-')
		pos++;
	if(pos < nin && in[pos] == '0')
		pos++;
	else if(digits() < 0)
		return -1;
	if(pos < nin && in[pos] == '.'){
		pos++;
		if(digits() < 0)
			return -1;
	}
	if(pos < nin && (in[pos] == 'e' || in[pos] == 'E')){
		pos++;
		if(pos < nin && (in[pos] == '+' || in[pos] == '-'))
			pos++;
		if(digits() < 0)
			return -1;
	}
	emit(in + st, pos - st);
	return 0;
}

static int
word(const char *w)
{
	size_t n;

	n = strlen(w);
	if(nin - pos < n || memcmp(in + pos, w, n) != 0)
		return fail("unexpected character");
	pos += n;
	emit(w, n);
	return 0;
}

static int
value(int depth)
{
	int first;
	unsigned char close;

	ws();
	if(pos >= nin)
		return fail("unexpected end of input");
	switch(in[pos]){
	case '{':
	case '[':
		if(depth >= Maxdepth)
			return fail("nested too deeply");
		close = in[pos] == '{' ? '}' : ']';
		emit(in + pos, 1);
		pos++;
		ws();
		if(pos < nin && in[pos] == close){
			pos++;
			emit(&close, 1);
			return 0;
		}
		for(first = 1;; first = 0){
			if(!first){
				ws();
				if(pos < nin && in[pos] == close)
					break;
				if(pos >= nin || in[pos] != ',')
					return fail(close == '}' ? "',' or '}' expected" : "',' or ']' expected");
				pos++;
				emit(",", 1);
			}
			indent(depth + 1);
			if(close == '}'){
				ws();
				if(pos >= nin || in[pos] != '"')
					return fail("member name expected");
				if(string() < 0)
					return -1;
				ws();
				if(pos >= nin || in[pos] != ':')
					return fail("':' expected");
				pos++;
				emit(": ", 2);
			}
			if(value(depth + 1) < 0)
				return -1;
		}
		pos++;
		indent(depth);
		emit(&close, 1);
		return 0;
	case '"':
		return string();
	case 't':
		return word("true");
	case 'f':
		return word("false");
	case 'n':
		return word("null");
	}
	if(in[pos] == '-' || (in[pos] >= '0' && in[pos] <= '9'))
		return number();
	return fail("unexpected character");
}

int
main(void)
{
	size_t cap, n, line, col, i;
	unsigned char *b;

	cap = 65536;
	in = malloc(cap);
	if(in == NULL)
		return 1;
	while((n = fread(in + nin, 1, cap - nin, stdin)) > 0){
		nin += n;
		if(nin == cap){
			cap *= 2;
			b = realloc(in, cap);
			if(b == NULL){
				fprintf(stderr, "json: out of memory\n");
				return 1;
			}
			in = b;
		}
	}
	if(value(0) == 0){
		ws();
		if(pos != nin)
			fail("text after the value");
	}
	if(errmsg != NULL){
		line = 1;
		col = 1;
		for(i = 0; i < errpos && i < nin; i++){
			if(in[i] == '\n'){
				line++;
				col = 1;
			}else
				col++;
		}
		fprintf(stderr, "json: line %zu, column %zu: %s\n", line, col, errmsg);
		return 1;
	}
	emit("\n", 1);
	fwrite(out, 1, nout, stdout);
	return fflush(stdout) == 0 ? 0 : 1;
}
