/* baseline.h - the limits UPSP is measured against, straight from wolfCrypt. */
#ifndef UPSP_BENCH_BASELINE_H
#define UPSP_BENCH_BASELINE_H

#include <stddef.h>
#include <stdint.h>

/* One AEAD seal and one open of len octets with wolfCrypt's own API
 * (suite: 1 AES-128-GCM, 2 ChaCha20-Poly1305); the key schedule is set up
 * once by baseline_aead_init. 0 on success. */
int baseline_aead_init(uint16_t suite);
int baseline_aead_roundtrip(uint16_t suite, const uint8_t *pt, uint8_t *ct, uint8_t *back,
                            size_t len);

/* One X25519 key generation (public from private) and one shared secret. */
int baseline_x25519_pub(uint8_t pub[32], const uint8_t priv[32]);
int baseline_x25519(uint8_t out[32], const uint8_t priv[32], const uint8_t peer[32]);

#endif
