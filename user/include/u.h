/*
 * u.h - the basic types every Lux9 program uses (Plan 9 names).
 * Include it first, before libc.h.
 */
#ifndef LUX9_U_H
#define LUX9_U_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

typedef unsigned char uchar;
typedef signed char schar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef long long vlong;
typedef unsigned long long uvlong;
typedef uintptr_t uintptr;
typedef size_t usize;
typedef unsigned int Rune;	/* a Unicode code point, up to Runemax */

typedef uint8_t u8int;
typedef uint16_t u16int;
typedef uint32_t u32int;
typedef uint64_t u64int;

#ifndef nil
#define nil ((void*)0)
#endif

#define USED(x) ((void)(x))
#define SET(x) ((void)(x))
#define nelem(a) ((int)(sizeof(a)/sizeof((a)[0])))	/* int: loops count with int */

#endif
