/*
 * crypto_wolfcrypt.c - the only file of libupsp that includes wolfSSL.
 *
 * Everything cryptographic goes through here so that a port to another
 * library touches one file (as ngtcp2's crypto/wolfssl/wolfssl.c does).
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/aes.h>
#include <wolfssl/wolfcrypt/chacha20_poly1305.h>
#include <wolfssl/wolfcrypt/curve25519.h>
#include <wolfssl/wolfcrypt/error-crypt.h>
#include <wolfssl/wolfcrypt/hmac.h>
#include <wolfssl/wolfcrypt/random.h>
#include <wolfssl/wolfcrypt/sha256.h>

#include <limits.h>
#include <string.h>

#include "upsp/crypto.h"

_Static_assert(sizeof(Aes) <= UPSP_AEAD_IMPL_SIZE, "UPSP_AEAD_IMPL_SIZE too small for Aes");
_Static_assert(_Alignof(Aes) <= 16, "Aes needs more alignment than upsp_aead gives");

/* wolfCrypt takes word32 lengths; anything larger is refused up front. */
static int fits32(size_t n)
{
    return n <= UINT32_MAX;
}

void upsp_wipe(void *p, size_t n)
{
    volatile uint8_t *v = p;
    while (n--)
        *v++ = 0;
}

int upsp_ct_eq(const uint8_t *a, const uint8_t *b, size_t n)
{
    uint8_t d = 0;
    for (size_t i = 0; i < n; i++)
        d |= (uint8_t)(a[i] ^ b[i]);
    /* (d - 1) >> 8 is 1 only for d == 0, without a branch on d. */
    return (int)(((unsigned)d - 1u) >> 8) & 1;
}

int upsp_ct_is_zero(const uint8_t *p, size_t n)
{
    uint8_t d = 0;
    for (size_t i = 0; i < n; i++)
        d |= p[i];
    return (int)(((unsigned)d - 1u) >> 8) & 1;
}

upsp_err upsp_sha256(uint8_t out[UPSP_SHA256_LEN], const upsp_iov *v, size_t n)
{
    wc_Sha256 sha;
    upsp_err err = UPSP_OK;
    if (!out || (n && !v))
        return UPSP_ERR_ARG;
    if (wc_InitSha256(&sha) != 0)
        return UPSP_ERR_CRYPTO;
    for (size_t i = 0; i < n && !err; i++)
        if (!fits32(v[i].len) || wc_Sha256Update(&sha, v[i].p, (word32)v[i].len) != 0)
            err = UPSP_ERR_CRYPTO;
    if (!err && wc_Sha256Final(&sha, out) != 0)
        err = UPSP_ERR_CRYPTO;
    wc_Sha256Free(&sha);
    return err;
}

upsp_err upsp_hmac_sha256(uint8_t out[UPSP_SHA256_LEN], const uint8_t *key, size_t key_len,
                          const upsp_iov *v, size_t n)
{
    Hmac h;
    upsp_err err = UPSP_OK;
    if (!out || !key || (n && !v) || !fits32(key_len))
        return UPSP_ERR_ARG;
    if (wc_HmacInit(&h, NULL, INVALID_DEVID) != 0)
        return UPSP_ERR_CRYPTO;
    if (wc_HmacSetKey(&h, WC_SHA256, key, (word32)key_len) != 0)
        err = UPSP_ERR_CRYPTO;
    for (size_t i = 0; i < n && !err; i++)
        if (!fits32(v[i].len) || wc_HmacUpdate(&h, v[i].p, (word32)v[i].len) != 0)
            err = UPSP_ERR_CRYPTO;
    if (!err && wc_HmacFinal(&h, out) != 0)
        err = UPSP_ERR_CRYPTO;
    wc_HmacFree(&h);
    /* The HMAC state holds the padded key. */
    upsp_wipe(&h, sizeof h);
    return err;
}

upsp_err upsp_hkdf_extract(uint8_t out_prk[UPSP_SHA256_LEN], const uint8_t *salt,
                           size_t salt_len, const uint8_t *ikm, size_t ikm_len)
{
    /* RFC 5869: an absent salt is HashLen zeros; wolfCrypt does the same for
     * a NULL salt but we pass it explicitly so the behaviour is ours. */
    static const uint8_t zero_salt[UPSP_SHA256_LEN];
    if (!out_prk || (ikm_len && !ikm) || (salt_len && !salt) || !fits32(salt_len) ||
        !fits32(ikm_len))
        return UPSP_ERR_ARG;
    if (salt_len == 0) {
        salt = zero_salt;
        salt_len = sizeof zero_salt;
    }
    if (wc_HKDF_Extract(WC_SHA256, salt, (word32)salt_len, ikm, (word32)ikm_len, out_prk) != 0)
        return UPSP_ERR_CRYPTO;
    return UPSP_OK;
}

upsp_err upsp_hkdf_expand(uint8_t *out, size_t out_len, const uint8_t prk[UPSP_SHA256_LEN],
                          const uint8_t *info, size_t info_len)
{
    if (!out || !prk || (info_len && !info) || out_len == 0 ||
        out_len > 255 * UPSP_SHA256_LEN || !fits32(info_len))
        return UPSP_ERR_ARG;
    if (wc_HKDF_Expand(WC_SHA256, prk, UPSP_SHA256_LEN, info, (word32)info_len, out,
                       (word32)out_len) != 0)
        return UPSP_ERR_CRYPTO;
    return UPSP_OK;
}

void upsp_x25519_clamp(uint8_t priv[UPSP_X25519_LEN])
{
    priv[0] &= 248;
    priv[31] &= 127;
    priv[31] |= 64;
}

/* wolfCrypt refuses unclamped scalars; X25519 clamps by definition
 * (RFC 7748 section 5), so clamping a copy gives the same function (UPSP-KEY-10). */
static upsp_err scalar_mult(uint8_t out[32], const uint8_t priv[32], const uint8_t *point)
{
    uint8_t k[32];
    int rc;
    memcpy(k, priv, sizeof k);
    upsp_x25519_clamp(k);
    if (point)
        rc = wc_curve25519_generic(32, out, 32, k, 32, point);
    else
        rc = wc_curve25519_make_pub(32, out, 32, k);
    upsp_wipe(k, sizeof k);
    return rc == 0 ? UPSP_OK : UPSP_ERR_CRYPTO;
}

upsp_err upsp_x25519_public(uint8_t out_pub[UPSP_X25519_LEN], const uint8_t priv[UPSP_X25519_LEN])
{
    if (!out_pub || !priv)
        return UPSP_ERR_ARG;
    return scalar_mult(out_pub, priv, NULL);
}

upsp_err upsp_x25519(uint8_t out[UPSP_X25519_LEN], const uint8_t priv[UPSP_X25519_LEN],
                     const uint8_t peer[UPSP_X25519_LEN])
{
    upsp_err err;
    if (!out || !priv || !peer)
        return UPSP_ERR_ARG;
    err = scalar_mult(out, priv, peer);
    if (err)
        return err;
    if (upsp_ct_is_zero(out, UPSP_X25519_LEN)) { /* UPSP-KEY-6 */
        upsp_wipe(out, UPSP_X25519_LEN);
        return UPSP_ERR_KEY;
    }
    return UPSP_OK;
}

size_t upsp_suite_key_len(uint16_t suite)
{
    switch (suite) {
    case UPSP_SUITE_AES_128_GCM_SHA256:
        return 16;
    case UPSP_SUITE_CHACHA20_POLY1305_SHA256:
        return 32;
    default:
        return 0;
    }
}

int upsp_suite_supported(uint16_t suite)
{
    return upsp_suite_key_len(suite) != 0;
}

static Aes *aes_of(upsp_aead *a)
{
    return (Aes *)(void *)a->impl;
}

upsp_err upsp_aead_init(upsp_aead *a, uint16_t suite, const uint8_t *key, size_t key_len)
{
    if (!a || !key)
        return UPSP_ERR_ARG;
    memset(a, 0, sizeof *a);
    if (!upsp_suite_supported(suite))
        return UPSP_ERR_SUITE;
    if (key_len != upsp_suite_key_len(suite))
        return UPSP_ERR_ARG;
    a->suite = suite;
    memcpy(a->key, key, key_len);
    if (suite != UPSP_SUITE_AES_128_GCM_SHA256)
        return UPSP_OK;
    if (wc_AesInit(aes_of(a), NULL, INVALID_DEVID) != 0)
        goto fail;
    if (wc_AesGcmSetKey(aes_of(a), key, (word32)key_len) != 0) {
        wc_AesFree(aes_of(a));
        goto fail;
    }
    return UPSP_OK;
fail:
    upsp_wipe(a, sizeof *a);
    return UPSP_ERR_CRYPTO;
}

void upsp_aead_cleanup(upsp_aead *a)
{
    if (!a)
        return;
    if (a->suite == UPSP_SUITE_AES_128_GCM_SHA256)
        wc_AesFree(aes_of(a));
    upsp_wipe(a, sizeof *a);
}

/* wolfCrypt refuses NULL buffers even for zero lengths; an empty message
 * (HEARTBEAT) is legal, so it gets a harmless non-NULL pointer. */
static const uint8_t empty[1];

upsp_err upsp_aead_seal(upsp_aead *a, uint8_t *out, const uint8_t nonce[UPSP_AEAD_NONCE_LEN],
                        const uint8_t *aad, size_t aad_len, const uint8_t *pt, size_t pt_len)
{
    int rc;
    if (pt_len == 0 && !pt)
        pt = empty;
    if (!a || !out || !nonce || (aad_len && !aad) || (pt_len && !pt) || !fits32(aad_len) ||
        !fits32(pt_len))
        return UPSP_ERR_ARG;
    switch (a->suite) {
    case UPSP_SUITE_AES_128_GCM_SHA256:
        rc = wc_AesGcmEncrypt(aes_of(a), out, pt, (word32)pt_len, nonce, UPSP_AEAD_NONCE_LEN,
                              out + pt_len, UPSP_AEAD_TAG_LEN, aad, (word32)aad_len);
        break;
    case UPSP_SUITE_CHACHA20_POLY1305_SHA256:
        rc = wc_ChaCha20Poly1305_Encrypt(a->key, nonce, aad, (word32)aad_len, pt,
                                         (word32)pt_len, out, out + pt_len);
        break;
    default:
        return UPSP_ERR_ARG;
    }
    return rc == 0 ? UPSP_OK : UPSP_ERR_CRYPTO;
}

upsp_err upsp_aead_open(upsp_aead *a, uint8_t *out, const uint8_t nonce[UPSP_AEAD_NONCE_LEN],
                        const uint8_t *aad, size_t aad_len, const uint8_t *ct, size_t ct_len)
{
    size_t pt_len;
    int rc;
    if (!a || !out || !nonce || !ct || (aad_len && !aad) || ct_len < UPSP_AEAD_TAG_LEN ||
        !fits32(aad_len) || !fits32(ct_len))
        return UPSP_ERR_ARG;
    pt_len = ct_len - UPSP_AEAD_TAG_LEN;
    switch (a->suite) {
    case UPSP_SUITE_AES_128_GCM_SHA256:
        rc = wc_AesGcmDecrypt(aes_of(a), out, ct, (word32)pt_len, nonce, UPSP_AEAD_NONCE_LEN,
                              ct + pt_len, UPSP_AEAD_TAG_LEN, aad, (word32)aad_len);
        break;
    case UPSP_SUITE_CHACHA20_POLY1305_SHA256:
        rc = wc_ChaCha20Poly1305_Decrypt(a->key, nonce, aad, (word32)aad_len, ct,
                                         (word32)pt_len, ct + pt_len, out);
        break;
    default:
        return UPSP_ERR_ARG;
    }
    if (rc == 0)
        return UPSP_OK;
    /* Decrypt-then-release: whatever wolfCrypt wrote before noticing the bad
     * tag must not reach the caller (UPSP-INT-2). */
    upsp_wipe(out, pt_len);
    return (rc == AES_GCM_AUTH_E || rc == MAC_CMP_FAILED_E) ? UPSP_ERR_AUTH : UPSP_ERR_CRYPTO;
}

int upsp_rng_system(void *ctx, uint8_t *out, size_t len)
{
    WC_RNG rng;
    int rc;
    (void)ctx;
    if (!out || !fits32(len))
        return -1;
    if (wc_InitRng(&rng) != 0)
        return -1;
    rc = wc_RNG_GenerateBlock(&rng, out, (word32)len);
    wc_FreeRng(&rng);
    return rc == 0 ? 0 : -1;
}
