/*
 * setjmp.h - non-local jumps.  A jmp_buf holds the callee-saved
 * registers of amd64: rbx, rbp, r12-r15, the stack pointer and the pc.
 */
#ifndef LUX9_SETJMP_H
#define LUX9_SETJMP_H

typedef long jmp_buf[8];

int setjmp(jmp_buf);
_Noreturn void longjmp(jmp_buf, int);

#endif
