/*
 * stdio.h - C11 standard I/O, a light layer on bio(2) and print(2).
 * A FILE reads or writes, not both ("+" modes are refused).  stdout is
 * line buffered, stderr unbuffered; all are flushed at exit.  printf's
 * formats are print(2)'s, which accept C's (and %C %S %q %r besides).
 */
#ifndef LUX9_STDIO_H
#define LUX9_STDIO_H

#include <stddef.h>
#include <stdarg.h>

#define EOF (-1)
#define BUFSIZ 8192
#define FILENAME_MAX 1024
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

typedef struct FILE FILE;
typedef long long fpos_t;

extern FILE *stdin, *stdout, *stderr;

FILE *fopen(const char *restrict, const char *restrict);
FILE *fdopen(int, const char*);
int fclose(FILE*);
int fflush(FILE*);
int fileno(FILE*);
int setvbuf(FILE *restrict, char *restrict, int, size_t);
void setbuf(FILE *restrict, char *restrict);

int fgetc(FILE*);
int getc(FILE*);
int getchar(void);
int ungetc(int, FILE*);
char *fgets(char *restrict, int, FILE *restrict);
size_t fread(void *restrict, size_t, size_t, FILE *restrict);
int fputc(int, FILE*);
int putc(int, FILE*);
int putchar(int);
int fputs(const char *restrict, FILE *restrict);
int puts(const char*);
size_t fwrite(const void *restrict, size_t, size_t, FILE *restrict);

int printf(const char *restrict, ...);
int fprintf(FILE *restrict, const char *restrict, ...);
int sprintf(char *restrict, const char *restrict, ...);
int snprintf(char *restrict, size_t, const char *restrict, ...);
int vprintf(const char *restrict, va_list);
int vfprintf(FILE *restrict, const char *restrict, va_list);
int vsprintf(char *restrict, const char *restrict, va_list);
int vsnprintf(char *restrict, size_t, const char *restrict, va_list);

int fseek(FILE*, long, int);
long ftell(FILE*);
void rewind(FILE*);
int feof(FILE*);
int ferror(FILE*);
void clearerr(FILE*);
void perror(const char*);
int remove(const char*);
int rename(const char*, const char*);

#endif
