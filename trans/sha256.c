/*
 * sha256.c - print the SHA-256 of stdin in hex (FIPS 180-4).
 * bench/wasm/sha.c reuses the hash with -DSHA256NOMAIN.
 */
#include <stdint.h>
#include <stddef.h>
#ifdef SHA256NOMAIN
void *memcpy(void *, const void *, size_t);
void *memset(void *, int, size_t);
#else
#include <stdio.h>
#include <string.h>
#endif

typedef struct Sha256 Sha256;
struct Sha256 {
	uint32_t h[8];
	uint8_t buf[64];
	size_t nbuf;
	uint64_t len;
};

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) ((x) >> (n) | (x) << (32 - (n)))

static void
shablock(Sha256 *s, const uint8_t *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h, t1, t2;
	int i;

	for(i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for(; i < 64; i++)
		w[i] = (ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10)) + w[i - 7] +
			(ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3)) + w[i - 16];
	a = s->h[0]; b = s->h[1]; c = s->h[2]; d = s->h[3];
	e = s->h[4]; f = s->h[5]; g = s->h[6]; h = s->h[7];
	for(i = 0; i < 64; i++){
		t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
	s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

static void
shainit(Sha256 *s)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(s->h, iv, sizeof iv);
	s->nbuf = 0;
	s->len = 0;
}

static void
shaupdate(Sha256 *s, const uint8_t *p, size_t n)
{
	size_t k;

	s->len += n;
	while(n > 0){
		if(s->nbuf == 0 && n >= 64){
			shablock(s, p);
			p += 64;
			n -= 64;
			continue;
		}
		k = 64 - s->nbuf < n ? 64 - s->nbuf : n;
		memcpy(s->buf + s->nbuf, p, k);
		s->nbuf += k;
		p += k;
		n -= k;
		if(s->nbuf == 64){
			shablock(s, s->buf);
			s->nbuf = 0;
		}
	}
}

static void
shafinal(Sha256 *s, uint8_t out[32])
{
	uint64_t bits;
	uint8_t pad[72];
	size_t n;
	int i;

	bits = s->len * 8;
	n = s->nbuf < 56 ? 56 - s->nbuf : 120 - s->nbuf;
	memset(pad, 0, sizeof pad);
	pad[0] = 0x80;
	for(i = 0; i < 8; i++)
		pad[n + i] = bits >> (56 - 8 * i);
	shaupdate(s, pad, n + 8);
	for(i = 0; i < 32; i++)
		out[i] = s->h[i / 4] >> (24 - 8 * (i % 4));
}

#ifndef SHA256NOMAIN
int
main(void)
{
	static uint8_t buf[65536];
	Sha256 s;
	uint8_t d[32];
	size_t n;
	int i;

	shainit(&s);
	while((n = fread(buf, 1, sizeof buf, stdin)) > 0)
		shaupdate(&s, buf, n);
	if(ferror(stdin)){
		perror("read");
		return 1;
	}
	shafinal(&s, d);
	for(i = 0; i < 32; i++)
		printf("%02x", d[i]);
	printf("\n");
	return 0;
}
#endif
