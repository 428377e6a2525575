/*
 * regexp.h - regular expressions (Plan 9 regexp(2) and regexp(7)):
 * literals, . [] [^] ^ $ * + ? | () with submatches, \ escapes.
 * Matching is a Thompson NFA run in linear time, leftmost-longest.
 */
#ifndef LUX9_REGEXP_H
#define LUX9_REGEXP_H

enum { NSUBEXP = 32 };	/* most submatches reported */

typedef struct Resub Resub;
struct Resub {
	union {
		char *sp;
		Rune *rsp;
	} s;
	union {
		char *ep;
		Rune *rep;
	} e;
};

typedef struct Reprog Reprog;

Reprog *regcomp(const char*);
Reprog *regcomplit(const char*);
Reprog *regcompnl(const char*);
int regexec(Reprog*, const char*, Resub*, int);
int rregexec(Reprog*, const Rune*, Resub*, int);
void regsub(const char*, char*, int, Resub*, int);
void rregsub(const Rune*, Rune*, int, Resub*, int);
void regerror(char*);

#endif
