/*
 * libFuzzer target for the block decoder: any bytes must decode cleanly
 * or be refused with a reason.  A fixed key is authorised, and signatures
 * checked with libsodium, so well-formed input reaches the verifier.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <sodium.h>
#include "crdt.h"
#include "hostcrypto.h"

int
LLVMFuzzerTestOneInput(const uint8_t *p, size_t n)
{
	static Crypto *cr;
	static uint8_t keys[1][Keysize];
	Cblock b;
	const char *err;

	if(cr == NULL){
		cr = sodiumcrypto();
		memset(keys, 0x5a, sizeof keys);
	}
	err = NULL;
	if(blockdecode(p, n, cr, (const uint8_t (*)[Keysize])keys, 1, &b, &err) == 0)
		blockclear(&b);
	else if(err == NULL || err[0] == 0)
		__builtin_trap();
	return 0;
}
