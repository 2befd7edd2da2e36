/*
 * upsp/drbg.h - a deterministic random generator for vectors, tests, demos
 * and fuzzing: block i = SHA-256(seed || i as 8 octets big-endian). It makes
 * runs reproducible; it is not a production RNG (use upsp_rng_system).
 */
#ifndef UPSP_DRBG_H
#define UPSP_DRBG_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t seed[32];
    uint64_t counter;
    uint8_t block[32];
    size_t used; /* octets of block already handed out */
} upsp_drbg;

/* Seeds d from seed_len octets (hashed, any length). */
void upsp_drbg_init(upsp_drbg *d, const uint8_t *seed, size_t seed_len);

/* Seeds d from a 64-bit number (its 8 octets big-endian). */
void upsp_drbg_init_u64(upsp_drbg *d, uint64_t seed);

/* upsp_rng_fn: ctx is a upsp_drbg. Returns 0, or -1 when hashing fails. */
int upsp_drbg_fill(void *ctx, uint8_t *out, size_t len);

#endif
