/*
 * test_record.c - record protection. Expected records come from an
 * independent AEAD (Python's cryptography package) applied as SPEC.md 6.2
 * says: nonce = IV xor seq, additional data = the 19-octet header.
 */
#include <string.h>

#include "testing.h"

#define HDR "01160101020304050607080000000102030405"

static void keys_for(upsp_record_keys *k, uint16_t suite)
{
    uint8_t key[32], iv[12];
    for (unsigned i = 0; i < 32; i++)
        key[i] = (uint8_t)i;
    for (unsigned i = 0; i < 12; i++)
        iv[i] = (uint8_t)(0xa0 + i);
    CU_ASSERT_EQUAL_FATAL(upsp_record_keys_init(k, suite, key, upsp_suite_key_len(suite), iv),
                          UPSP_OK);
}

static const upsp_hdr kat_hdr = {UPSP_VERSION, UPSP_T_HEARTBEAT, UPSP_FLAG_FROM_SERVER,
                                 {1, 2, 3, 4, 5, 6, 7, 8}, UINT64_C(0x0102030405)};
static const uint8_t kat_pt[6] = {0x7f, 0x00, 0x03, 0xaa, 0xbb, 0xcc};

static void kat(uint16_t suite, const char *want)
{
    upsp_record_keys k;
    uint8_t out[128], pt[128];
    size_t n, m;
    upsp_hdr h;
    keys_for(&k, suite);
    CU_ASSERT_EQUAL_FATAL(upsp_record_seal(&k, out, sizeof out, &n, &kat_hdr, kat_pt, 6), UPSP_OK);
    T_ASSERT_HEX(out, n, want);
    CU_ASSERT_EQUAL_FATAL(upsp_record_parse(&h, out, n), UPSP_OK);
    CU_ASSERT_EQUAL(upsp_record_open(&k, pt, sizeof pt, &m, &h, out, n), UPSP_OK);
    CU_ASSERT(m == 6 && memcmp(pt, kat_pt, 6) == 0);
    upsp_record_keys_cleanup(&k);
}

static void record_kat_aes_128_gcm(void)
{
    kat(UPSP_SUITE_AES_128_GCM_SHA256, HDR "0251e51c3a471e427bbc58b9a0f814ce3845881bb1a3");
}

static void record_kat_chacha20_poly1305(void)
{
    kat(UPSP_SUITE_CHACHA20_POLY1305_SHA256, HDR "5c411bdec640562cd683ee1a0809d474602743f03585");
}

/* Every single-bit flip of a protected record - header, ciphertext or tag -
 * is rejected, and a rejected open leaves no plaintext (UPSP-INT-1, -2). */
static void every_bit_flip_rejected(void)
{
    static const uint16_t suites[] = {UPSP_SUITE_AES_128_GCM_SHA256,
                                      UPSP_SUITE_CHACHA20_POLY1305_SHA256};
    for (size_t s = 0; s < 2; s++) {
        upsp_record_keys k;
        uint8_t rec[128], pt[128];
        size_t n, m;
        keys_for(&k, suites[s]);
        CU_ASSERT_EQUAL_FATAL(upsp_record_seal(&k, rec, sizeof rec, &n, &kat_hdr, kat_pt, 6),
                              UPSP_OK);
        for (size_t bit = 0; bit < n * 8; bit++) {
            upsp_hdr h;
            upsp_err err;
            rec[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            memset(pt, 0xee, sizeof pt);
            err = upsp_record_parse(&h, rec, n);
            if (!err)
                err = upsp_record_open(&k, pt, sizeof pt, &m, &h, rec, n);
            CU_ASSERT_NOT_EQUAL(err, UPSP_OK);
            if (err == UPSP_ERR_AUTH)
                CU_ASSERT(upsp_ct_is_zero(pt, 6));
            rec[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        upsp_record_keys_cleanup(&k);
    }
}

static void truncation_rejected(void)
{
    upsp_record_keys k;
    uint8_t rec[128], pt[128];
    size_t n, m;
    keys_for(&k, UPSP_SUITE_CHACHA20_POLY1305_SHA256);
    CU_ASSERT_EQUAL_FATAL(upsp_record_seal(&k, rec, sizeof rec, &n, &kat_hdr, kat_pt, 6), UPSP_OK);
    for (size_t len = 0; len < n; len++) {
        upsp_hdr h;
        upsp_err err = upsp_record_parse(&h, rec, len);
        if (!err)
            err = upsp_record_open(&k, pt, sizeof pt, &m, &h, rec, len);
        CU_ASSERT_NOT_EQUAL(err, UPSP_OK);
    }
    upsp_record_keys_cleanup(&k);
}

static void limits(void)
{
    upsp_record_keys k;
    static uint8_t big[UPSP_MAX_MSG + 64];
    uint8_t out[UPSP_MAX_MSG + 64];
    size_t n;
    upsp_hdr h = kat_hdr;
    keys_for(&k, UPSP_SUITE_AES_128_GCM_SHA256);
    CU_ASSERT_EQUAL(upsp_record_seal(&k, out, sizeof out, &n, &h, big, UPSP_MAX_PAYLOAD), UPSP_OK);
    CU_ASSERT_EQUAL(n, UPSP_MAX_MSG);
    CU_ASSERT_EQUAL(upsp_record_seal(&k, out, sizeof out, &n, &h, big, UPSP_MAX_PAYLOAD + 1),
                    UPSP_ERR_TOO_LARGE);
    CU_ASSERT_EQUAL(upsp_record_seal(&k, out, 40, &n, &h, big, 6), UPSP_ERR_BUFFER);
    h.seq = UPSP_SEQ_LIMIT;
    CU_ASSERT_EQUAL(upsp_record_seal(&k, out, sizeof out, &n, &h, big, 6), UPSP_ERR_RANGE);
    upsp_record_keys_cleanup(&k);
}

void t_register_record(void)
{
    static const t_case cases[] = {{"record_kat_aes_128_gcm", record_kat_aes_128_gcm},
                                   {"record_kat_chacha20_poly1305", record_kat_chacha20_poly1305},
                                   {"every_bit_flip_rejected", every_bit_flip_rejected},
                                   {"truncation_rejected", truncation_rejected},
                                   {"limits", limits},
                                   {NULL, NULL}};
    t_add_suite("record", cases);
}
