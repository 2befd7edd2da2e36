/*
 * upsp/crypto.h - the narrow cryptographic interface of libupsp.
 *
 * Only reference/src/crypto_wolfcrypt.c includes wolfSSL headers; everything
 * else in the library sees these functions. Contexts are plain structs with an
 * opaque, aligned area large enough for wolfCrypt's own state (checked by a
 * static assertion in that file), so callers can keep them on the stack or in
 * a session without allocation.
 */
#ifndef UPSP_CRYPTO_H
#define UPSP_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "upsp/err.h"

#define UPSP_SHA256_LEN 32
#define UPSP_X25519_LEN 32
#define UPSP_AEAD_TAG_LEN 16
#define UPSP_AEAD_NONCE_LEN 12
#define UPSP_AEAD_MAX_KEY_LEN 32

/* Cipher suite code points (UPSP-KEY-7). */
#define UPSP_SUITE_AES_128_GCM_SHA256 0x0001
#define UPSP_SUITE_CHACHA20_POLY1305_SHA256 0x0002

/* One piece of a message that is hashed or MACed in several parts. */
typedef struct {
    const uint8_t *p;
    size_t len;
} upsp_iov;

/* SHA-256 of the concatenation of n pieces.
 * Errors: UPSP_ERR_ARG, UPSP_ERR_CRYPTO. */
upsp_err upsp_sha256(uint8_t out[UPSP_SHA256_LEN], const upsp_iov *v, size_t n);

/* HMAC-SHA-256 (RFC 2104) of the concatenation of n pieces.
 * Errors: UPSP_ERR_ARG, UPSP_ERR_CRYPTO. */
upsp_err upsp_hmac_sha256(uint8_t out[UPSP_SHA256_LEN], const uint8_t *key,
                          size_t key_len, const upsp_iov *v, size_t n);

/* HKDF-Extract with SHA-256 (RFC 5869 section 2.2). salt may be empty.
 * Errors: UPSP_ERR_ARG, UPSP_ERR_CRYPTO. */
upsp_err upsp_hkdf_extract(uint8_t out_prk[UPSP_SHA256_LEN], const uint8_t *salt,
                           size_t salt_len, const uint8_t *ikm, size_t ikm_len);

/* HKDF-Expand with SHA-256 (RFC 5869 section 2.3); out_len <= 255 * 32.
 * Errors: UPSP_ERR_ARG, UPSP_ERR_CRYPTO. */
upsp_err upsp_hkdf_expand(uint8_t *out, size_t out_len,
                          const uint8_t prk[UPSP_SHA256_LEN],
                          const uint8_t *info, size_t info_len);

/* Clamps a 32-octet X25519 private key in place (RFC 7748 section 5). */
void upsp_x25519_clamp(uint8_t priv[UPSP_X25519_LEN]);

/* Public key of a private key (clamped first on a copy).
 * Errors: UPSP_ERR_ARG, UPSP_ERR_CRYPTO. */
upsp_err upsp_x25519_public(uint8_t out_pub[UPSP_X25519_LEN],
                            const uint8_t priv[UPSP_X25519_LEN]);

/* X25519(priv, peer) (RFC 7748). The all-zero result, which a low-order peer
 * point produces, is refused (UPSP-KEY-6) and out is wiped.
 * Errors: UPSP_ERR_ARG, UPSP_ERR_KEY, UPSP_ERR_CRYPTO. */
upsp_err upsp_x25519(uint8_t out[UPSP_X25519_LEN], const uint8_t priv[UPSP_X25519_LEN],
                     const uint8_t peer[UPSP_X25519_LEN]);

/* Room for wolfCrypt's AES state (1104 octets with GCM tables on Debian 12). */
#define UPSP_AEAD_IMPL_SIZE 1152

typedef struct {
    uint16_t suite;
    uint8_t key[UPSP_AEAD_MAX_KEY_LEN];
    _Alignas(16) uint8_t impl[UPSP_AEAD_IMPL_SIZE];
} upsp_aead;

/* Key length of a suite; 0 for an unknown suite. */
size_t upsp_suite_key_len(uint16_t suite);

/* 1 for a suite this library implements. */
int upsp_suite_supported(uint16_t suite);

/* Sets up a for suite with key (upsp_suite_key_len(suite) octets). The key
 * schedule is computed once here, not per message.
 * Errors: UPSP_ERR_ARG, UPSP_ERR_SUITE, UPSP_ERR_CRYPTO. */
upsp_err upsp_aead_init(upsp_aead *a, uint16_t suite, const uint8_t *key, size_t key_len);

/* Encrypts pt and writes ct || tag (pt_len + 16 octets) to out. out may not
 * overlap pt. Errors: UPSP_ERR_ARG, UPSP_ERR_CRYPTO. */
upsp_err upsp_aead_seal(upsp_aead *a, uint8_t *out,
                        const uint8_t nonce[UPSP_AEAD_NONCE_LEN], const uint8_t *aad,
                        size_t aad_len, const uint8_t *pt, size_t pt_len);

/* Checks and decrypts ct || tag (ct_len includes the tag) into out
 * (ct_len - 16 octets). On any failure out is wiped: no plaintext leaves a
 * failed open (UPSP-INT-2). Errors: UPSP_ERR_ARG, UPSP_ERR_AUTH, UPSP_ERR_CRYPTO. */
upsp_err upsp_aead_open(upsp_aead *a, uint8_t *out,
                        const uint8_t nonce[UPSP_AEAD_NONCE_LEN], const uint8_t *aad,
                        size_t aad_len, const uint8_t *ct, size_t ct_len);

/* Frees wolfCrypt state and wipes the key. Safe on a zeroed struct. */
void upsp_aead_cleanup(upsp_aead *a);

/* Fills out with len random octets from wolfCrypt's DRBG; returns 0 on
 * success. Has the upsp_rng_fn signature; ctx is unused. */
int upsp_rng_system(void *ctx, uint8_t *out, size_t len);

/* 1 when a and b hold the same n octets; time depends on n only (UPSP-AUTH-3). */
int upsp_ct_eq(const uint8_t *a, const uint8_t *b, size_t n);

/* 1 when all n octets are zero; time depends on n only. */
int upsp_ct_is_zero(const uint8_t *p, size_t n);

/* Zeroes n octets in a way the compiler may not remove. */
void upsp_wipe(void *p, size_t n);

#endif
