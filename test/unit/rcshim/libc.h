/*
 * Host build of rc (a test aid, never part of Lux9): rc is compiled
 * against Lux9's real libc.h, with the calls it makes renamed so that
 * rcshim.c can provide them on top of POSIX without clashing with the
 * host C library.
 */
#include <string.h>
#include <stdlib.h>
#include <setjmp.h>
#define open p9open
#define create p9create
#define close p9close
#define read p9read
#define write p9write
#define seek p9seek
#define remove p9remove
#define chdir p9chdir
#define dup p9dup
#define pipe p9pipe
#define rfork p9rfork
#define exec p9exec
#define await p9await
#define errstr p9errstr
#define rerrstr p9rerrstr
#define exits p9exits
#define getpid p9getpid
#define notify p9notify
#define noted p9noted
#define dirreadall p9dirreadall
#define dirstat p9dirstat
#define emalloc p9emalloc
#define estrdup p9estrdup
#define sysfatal p9sysfatal
#define smprint p9smprint
#define snprint p9snprint
#define chartorune p9chartorune
#define argv0 p9argv0
#define putenv p9putenv
#include "../../../user/include/libc.h"
