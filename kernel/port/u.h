/* Kernel basic types. */
#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>

typedef unsigned char uchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef long long vlong;
typedef unsigned long long uvlong;
typedef uintptr_t uintptr;
typedef uint32_t Rune;

#define nil	((void*)0)
#define nelem(x)	(sizeof(x)/sizeof((x)[0]))
#define ROUNDUP(x, n)	(((x) + (n) - 1) & ~((uintptr)(n) - 1))
#define ROUNDDN(x, n)	((x) & ~((uintptr)(n) - 1))
#define USED(...)	/* unused parameters: the kernel builds with -Wno-unused-parameter */
