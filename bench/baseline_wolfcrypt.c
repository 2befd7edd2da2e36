/*
 * baseline_wolfcrypt.c - wolfCrypt used directly, without UPSP, as the
 * baseline of the ratios: the only bench file that includes wolfSSL.
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/aes.h>
#include <wolfssl/wolfcrypt/chacha20_poly1305.h>
#include <wolfssl/wolfcrypt/curve25519.h>

#include <string.h>

#include "baseline.h"

static Aes aes;
static const uint8_t key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
static const uint8_t nonce[12] = {9, 9, 9};
static const uint8_t aad[19] = {1, 0x11};

int baseline_aead_init(uint16_t suite)
{
    if (suite != 1)
        return 0;
    if (wc_AesInit(&aes, NULL, INVALID_DEVID) != 0)
        return -1;
    return wc_AesGcmSetKey(&aes, key, 16);
}

int baseline_aead_roundtrip(uint16_t suite, const uint8_t *pt, uint8_t *ct, uint8_t *back,
                            size_t len)
{
    uint8_t tag[16];
    if (suite == 1)
        return wc_AesGcmEncrypt(&aes, ct, pt, (word32)len, nonce, 12, tag, 16, aad, 19) |
               wc_AesGcmDecrypt(&aes, back, ct, (word32)len, nonce, 12, tag, 16, aad, 19);
    return wc_ChaCha20Poly1305_Encrypt(key, nonce, aad, 19, pt, (word32)len, ct, tag) |
           wc_ChaCha20Poly1305_Decrypt(key, nonce, aad, 19, ct, (word32)len, tag, back);
}

/* Clamped scalars, as X25519 uses them (RFC 7748), so that wolfCrypt
 * accepts them exactly as the library under test feeds them. */
static void clamp(uint8_t k[32], const uint8_t priv[32])
{
    memcpy(k, priv, 32);
    k[0] &= 248;
    k[31] &= 127;
    k[31] |= 64;
}

int baseline_x25519_pub(uint8_t pub[32], const uint8_t priv[32])
{
    uint8_t k[32];
    clamp(k, priv);
    return wc_curve25519_make_pub(32, pub, 32, k);
}

int baseline_x25519(uint8_t out[32], const uint8_t priv[32], const uint8_t peer[32])
{
    uint8_t k[32];
    clamp(k, priv);
    return wc_curve25519_generic(32, out, 32, k, 32, peer);
}
