/* ctype.h - C11 character classes, for the "C" locale (ASCII). */
#ifndef LUX9_CTYPE_H
#define LUX9_CTYPE_H

int isalnum(int);
int isalpha(int);
int isblank(int);
int iscntrl(int);
int isdigit(int);
int isgraph(int);
int islower(int);
int isprint(int);
int ispunct(int);
int isspace(int);
int isupper(int);
int isxdigit(int);
int isascii(int);
int tolower(int);
int toupper(int);

#endif
