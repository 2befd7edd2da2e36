/*
 * test_crypto.c - published known-answer vectors for every primitive as
 * libupsp uses it, and the properties the protocol relies on (a bad tag
 * releases nothing, all-zero X25519 results are refused).
 */
#include <string.h>

#include "testing.h"

static void hmac_one(const char *key_hex, const uint8_t *data, size_t data_len, const char *want)
{
    uint8_t key[256], out[32];
    size_t kn = t_hex(key, sizeof key, key_hex);
    upsp_iov v = {data, data_len};
    CU_ASSERT_EQUAL_FATAL(upsp_hmac_sha256(out, key, kn, &v, 1), UPSP_OK);
    T_ASSERT_HEX(out, 32, want);
}

/* RFC 4231 section 4: test cases 1, 2 and 6 for HMAC-SHA-256. */
static void hmac_sha256_rfc4231(void)
{
    char longkey[263];
    memset(longkey, 'a', 262);
    longkey[262] = 0;
    hmac_one("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", (const uint8_t *)"Hi There", 8,
             "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    hmac_one("4a656665", (const uint8_t *)"what do ya want for nothing?", 28,
             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    hmac_one(longkey, (const uint8_t *)"Test Using Larger Than Block-Size Key - Hash Key First", 54,
             "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

static void hmac_over_pieces_equals_whole(void)
{
    static const uint8_t key[4] = {'J', 'e', 'f', 'e'};
    const char *msg = "what do ya want for nothing?";
    upsp_iov v[3] = {{(const uint8_t *)msg, 4}, {NULL, 0}, {(const uint8_t *)msg + 4, 24}};
    uint8_t out[32];
    CU_ASSERT_EQUAL_FATAL(upsp_hmac_sha256(out, key, 4, v, 3), UPSP_OK);
    T_ASSERT_HEX(out, 32, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

/* RFC 5869 appendix A.1 (basic) and A.3 (empty salt and info). */
static void hkdf_rfc5869(void)
{
    uint8_t ikm[22], salt[13], info[10], prk[32], okm[42];
    memset(ikm, 0x0b, sizeof ikm);
    for (unsigned i = 0; i < sizeof salt; i++)
        salt[i] = (uint8_t)i;
    for (unsigned i = 0; i < sizeof info; i++)
        info[i] = (uint8_t)(0xf0 + i);
    CU_ASSERT_EQUAL_FATAL(upsp_hkdf_extract(prk, salt, sizeof salt, ikm, sizeof ikm), UPSP_OK);
    T_ASSERT_HEX(prk, 32, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    CU_ASSERT_EQUAL_FATAL(upsp_hkdf_expand(okm, sizeof okm, prk, info, sizeof info), UPSP_OK);
    T_ASSERT_HEX(okm, 42, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                          "34007208d5b887185865");
    CU_ASSERT_EQUAL_FATAL(upsp_hkdf_extract(prk, NULL, 0, ikm, sizeof ikm), UPSP_OK);
    T_ASSERT_HEX(prk, 32, "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
    CU_ASSERT_EQUAL_FATAL(upsp_hkdf_expand(okm, sizeof okm, prk, NULL, 0), UPSP_OK);
    T_ASSERT_HEX(okm, 42, "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                          "9d201395faa4b61a96c8");
}

/* RFC 7748 section 5.2 (first vector, unclamped scalar) and section 6.1. */
static void x25519_rfc7748(void)
{
    uint8_t k[32], u[32], out[32], a[32], b[32], pa[32], pb[32], s1[32], s2[32];
    t_hex(k, 32, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
    t_hex(u, 32, "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
    CU_ASSERT_EQUAL_FATAL(upsp_x25519(out, k, u), UPSP_OK);
    T_ASSERT_HEX(out, 32, "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");

    t_hex(a, 32, "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    t_hex(b, 32, "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    CU_ASSERT_EQUAL_FATAL(upsp_x25519_public(pa, a), UPSP_OK);
    CU_ASSERT_EQUAL_FATAL(upsp_x25519_public(pb, b), UPSP_OK);
    T_ASSERT_HEX(pa, 32, "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    T_ASSERT_HEX(pb, 32, "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    CU_ASSERT_EQUAL_FATAL(upsp_x25519(s1, a, pb), UPSP_OK);
    CU_ASSERT_EQUAL_FATAL(upsp_x25519(s2, b, pa), UPSP_OK);
    T_ASSERT_HEX(s1, 32, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    CU_ASSERT(memcmp(s1, s2, 32) == 0);
}

/* Low-order points give an all-zero shared secret, which must be refused
 * (RFC 7748 section 6.1, UPSP-KEY-6): u = 0 and u = 1 are two of them. */
static void x25519_refuses_all_zero(void)
{
    uint8_t k[32], u[32], out[32];
    t_hex(k, 32, "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    memset(u, 0, sizeof u);
    CU_ASSERT_EQUAL(upsp_x25519(out, k, u), UPSP_ERR_KEY);
    u[0] = 1;
    CU_ASSERT_EQUAL(upsp_x25519(out, k, u), UPSP_ERR_KEY);
    CU_ASSERT(upsp_ct_is_zero(out, sizeof out));
}

static void aead_kat(uint16_t suite, const char *key_hex, const char *nonce_hex,
                     const char *aad_hex, const uint8_t *pt, size_t pt_len, const char *ct_tag_hex)
{
    uint8_t key[32], nonce[12], aad[64], ct[256], back[256];
    size_t kn = t_hex(key, sizeof key, key_hex);
    size_t an = t_hex(aad, sizeof aad, aad_hex);
    upsp_aead a;
    t_hex(nonce, sizeof nonce, nonce_hex);
    CU_ASSERT_EQUAL_FATAL(upsp_aead_init(&a, suite, key, kn), UPSP_OK);
    CU_ASSERT_EQUAL_FATAL(upsp_aead_seal(&a, ct, nonce, aad, an, pt, pt_len), UPSP_OK);
    T_ASSERT_HEX(ct, pt_len + 16, ct_tag_hex);
    CU_ASSERT_EQUAL(upsp_aead_open(&a, back, nonce, aad, an, ct, pt_len + 16), UPSP_OK);
    CU_ASSERT(pt_len == 0 || memcmp(back, pt, pt_len) == 0);
    /* A flipped tag bit must fail and release nothing. */
    ct[pt_len] ^= 0x01;
    memset(back, 0xee, sizeof back);
    CU_ASSERT_EQUAL(upsp_aead_open(&a, back, nonce, aad, an, ct, pt_len + 16), UPSP_ERR_AUTH);
    CU_ASSERT(upsp_ct_is_zero(back, pt_len));
    upsp_aead_cleanup(&a);
}

/* RFC 8439 section 2.8.2. */
static void chacha20_poly1305_rfc8439(void)
{
    static const char pt[] = "Ladies and Gentlemen of the class of '99: If I could offer you "
                             "only one tip for the future, sunscreen would be it.";
    aead_kat(UPSP_SUITE_CHACHA20_POLY1305_SHA256,
             "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
             "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7", (const uint8_t *)pt,
             sizeof pt - 1,
             "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
             "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
             "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
             "3ff4def08e4b7a9de576d26586cec64b6116"
             "1ae10b594f09e26a7e902ecbd0600691");
}

/* The GCM specification (McGrew and Viega), test cases 2 and 4. */
static void aes_128_gcm_spec(void)
{
    uint8_t zeros[16] = {0}, p4[60];
    aead_kat(UPSP_SUITE_AES_128_GCM_SHA256, "00000000000000000000000000000000",
             "000000000000000000000000", "", zeros, sizeof zeros,
             "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf");
    t_hex(p4, sizeof p4,
          "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
          "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    aead_kat(UPSP_SUITE_AES_128_GCM_SHA256, "feffe9928665731c6d6a8f9467308308",
             "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2", p4,
             sizeof p4,
             "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
             "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
             "5bc94fbc3221a5db94fae95ae7121a47");
}

static void aead_rejects_bad_arguments(void)
{
    uint8_t key[32] = {0};
    upsp_aead a;
    CU_ASSERT_EQUAL(upsp_aead_init(&a, 0x7777, key, 32), UPSP_ERR_SUITE);
    CU_ASSERT_EQUAL(upsp_aead_init(&a, UPSP_SUITE_AES_128_GCM_SHA256, key, 32), UPSP_ERR_ARG);
    CU_ASSERT_EQUAL(upsp_aead_init(&a, UPSP_SUITE_CHACHA20_POLY1305_SHA256, key, 16), UPSP_ERR_ARG);
}

static void constant_time_helpers(void)
{
    uint8_t a[32], b[32];
    memset(a, 0x5a, sizeof a);
    memcpy(b, a, sizeof b);
    CU_ASSERT_EQUAL(upsp_ct_eq(a, b, 32), 1);
    for (unsigned i = 0; i < 32 * 8; i++) {
        b[i / 8] ^= (uint8_t)(1u << (i % 8));
        CU_ASSERT_EQUAL(upsp_ct_eq(a, b, 32), 0);
        b[i / 8] ^= (uint8_t)(1u << (i % 8));
    }
    memset(a, 0, sizeof a);
    CU_ASSERT_EQUAL(upsp_ct_is_zero(a, 32), 1);
    a[31] = 0x80;
    CU_ASSERT_EQUAL(upsp_ct_is_zero(a, 32), 0);
}

void t_register_crypto(void)
{
    static const t_case cases[] = {
        {"hmac_sha256_rfc4231", hmac_sha256_rfc4231},
        {"hmac_over_pieces_equals_whole", hmac_over_pieces_equals_whole},
        {"hkdf_rfc5869", hkdf_rfc5869},
        {"x25519_rfc7748", x25519_rfc7748},
        {"x25519_refuses_all_zero", x25519_refuses_all_zero},
        {"chacha20_poly1305_rfc8439", chacha20_poly1305_rfc8439},
        {"aes_128_gcm_spec", aes_128_gcm_spec},
        {"aead_rejects_bad_arguments", aead_rejects_bad_arguments},
        {"constant_time_helpers", constant_time_helpers},
        {NULL, NULL}};
    t_add_suite("crypto", cases);
}
