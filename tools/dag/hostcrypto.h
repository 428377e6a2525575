/* tools/dag/hostcrypto.c - lib/crdt's Crypto on the host, by libsodium */
Crypto *sodiumcrypto(void);
