/*
 * watnum.h - numeric literals of the WebAssembly text format
 * (spec 6.3.1 Integers, 6.3.2 Floating-Point), converted exactly.
 * Freestanding: no libc beyond the compiler's headers.
 */
#include <stdint.h>
#include <stddef.h>

/*
 * Text-format numeric literals.  s[0..n) is one token (not NUL-terminated).
 * Each returns 0 and stores the value, or -1 if the token is not a literal
 * of that kind or is out of range (the text format calls both malformed).
 */
int watuint(const char *s, size_t n, uint64_t max, uint64_t *v);	/* unsigned only: no sign allowed; value <= max */
int watint(const char *s, size_t n, int bits, uint64_t *v);	/* bits 32 or 64: uN or sN (with + or -) form; stores the two's-complement bit pattern (for 32, in the low 32 bits, upper bits zero) */
int watf32(const char *s, size_t n, uint32_t *bits);
int watf64(const char *s, size_t n, uint64_t *bits);
