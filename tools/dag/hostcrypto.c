/*
 * lib/crdt's crypto interface on the host: BLAKE2b-256
 * (crypto_generichash) and ed25519 (crypto_sign_detached).
 */
#include <stdio.h>
#include <sodium.h>
#include "crdt.h"
#include "hostcrypto.h"

static void
hash(uint8_t out[32], const uint8_t *m, size_t n)
{
	crypto_generichash(out, 32, m, n, NULL, 0);
}

static void
sign(uint8_t sig[Sigsize], const uint8_t *m, size_t n, const uint8_t *sk)
{
	crypto_sign_detached(sig, NULL, m, n, sk);
}

static int
verify(const uint8_t sig[Sigsize], const uint8_t *m, size_t n, const uint8_t pk[Keysize])
{
	return crypto_sign_verify_detached(sig, m, n, pk) == 0 ? 0 : -1;
}

static Crypto sodium = {hash, sign, verify};

Crypto *
sodiumcrypto(void)
{
	if(sodium_init() < 0){
		fprintf(stderr, "libsodium: init failed\n");
		return NULL;
	}
	return &sodium;
}
