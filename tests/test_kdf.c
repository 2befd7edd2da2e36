/* test_kdf.c - the TS 33.220 generic KDF and the AKMA K_AF derivation. */
#include <string.h>

#include "testing.h"

#define KASME "238e457e0f758badbca8d34bb2612c10428d426757cb5553b2b184fa64bfc549"

/* TS 33.401 A.2 K_ASME vector (as in Open5GS' unit tests): key CK || IK,
 * FC = 0x10, P0 = SN id 024830, P1 = SQN xor AK = 57e673245c0d. */
static void kdf_33401_kasme(void)
{
    uint8_t key[32], p0[3], p1[6], out[32];
    upsp_iov p[2] = {{p0, 3}, {p1, 6}};
    t_hex(key, 32, "b40ba9a3c58b2a05bbf0d987b21bf8cbf769bcd751044604127672711c6d3441");
    t_hex(p0, 3, "024830");
    t_hex(p1, 6, "57e673245c0d");
    CU_ASSERT_EQUAL_FATAL(upsp_kdf_3gpp(out, key, 32, 0x10, p, 2), UPSP_OK);
    T_ASSERT_HEX(out, 32, KASME);
}

/* TS 33.401 A.3 K_eNB vector: FC = 0x11, P0 = uplink NAS COUNT db1a3569. */
static void kdf_33401_kenb(void)
{
    uint8_t key[32], p0[4], out[32];
    upsp_iov p = {p0, 4};
    t_hex(key, 32, KASME);
    t_hex(p0, 4, "db1a3569");
    CU_ASSERT_EQUAL_FATAL(upsp_kdf_3gpp(out, key, 32, 0x11, &p, 1), UPSP_OK);
    T_ASSERT_HEX(out, 32, "8eb1bf0083bd79281ef7034bf677e9ec529f196e15287514a2d122acf713b8e8");
}

/* Negative vectors: L0 one octet wide, or little-endian, must not give the
 * published key - the encoding of S is part of the function. */
static void kdf_wrong_length_encoding_differs(void)
{
    uint8_t key[32], s[16], out[32], want[32];
    upsp_iov v;
    t_hex(key, 32, "b40ba9a3c58b2a05bbf0d987b21bf8cbf769bcd751044604127672711c6d3441");
    t_hex(want, 32, KASME);
    t_hex(s, 12, "10024830" "03" "57e673245c0d" "06"); /* 1-octet L0, L1 */
    v.p = s;
    v.len = 12;
    CU_ASSERT_EQUAL_FATAL(upsp_hmac_sha256(out, key, 32, &v, 1), UPSP_OK);
    CU_ASSERT(memcmp(out, want, 32) != 0);
    t_hex(s, 14, "10024830" "0300" "57e673245c0d" "0600"); /* little-endian */
    v.len = 14;
    CU_ASSERT_EQUAL_FATAL(upsp_hmac_sha256(out, key, 32, &v, 1), UPSP_OK);
    CU_ASSERT(memcmp(out, want, 32) != 0);
    v.len = t_hex(s, sizeof s, "10024830" "0003" "57e673245c0d" "0006"); /* the right S */
    CU_ASSERT_EQUAL_FATAL(upsp_hmac_sha256(out, key, 32, &v, 1), UPSP_OK);
    CU_ASSERT(memcmp(out, want, 32) == 0);
}

/* K_AF for the fixture: K_AKMA = 00..1f, AF FQDN "ps.musim.example.org",
 * Ua* id ff 55 50 53 31. Expected value from an independent HMAC-SHA-256
 * (Python's hmac) over S = 82 || FQDN || id || 00 19, per TS 33.535 A.4. */
static void akma_kaf(void)
{
    uint8_t kakma[32], out[32];
    for (unsigned i = 0; i < 32; i++)
        kakma[i] = (uint8_t)i;
    CU_ASSERT_EQUAL_FATAL(upsp_kdf_kaf(out, kakma, "ps.musim.example.org", 20,
                                       UPSP_UA_PROTO_DEFAULT),
                          UPSP_OK);
    T_ASSERT_HEX(out, 32, "219cc89edf49592111aadfdc58cef15268b3d36c2277e7bc61097b5e0a20cc46");
}

static void kdf_rejects_bad_input(void)
{
    uint8_t key[32] = {0}, out[32];
    static uint8_t big[70000];
    upsp_iov p = {big, sizeof big};
    CU_ASSERT_EQUAL(upsp_kdf_3gpp(out, key, 32, 0x10, &p, 1), UPSP_ERR_RANGE);
    CU_ASSERT_EQUAL(upsp_kdf_kaf(out, key, "", 0, UPSP_UA_PROTO_DEFAULT), UPSP_ERR_RANGE);
    CU_ASSERT_EQUAL(upsp_kdf_kaf(NULL, key, "x", 1, UPSP_UA_PROTO_DEFAULT), UPSP_ERR_ARG);
}

void t_register_kdf(void)
{
    static const t_case cases[] = {{"kdf_33401_kasme", kdf_33401_kasme},
                                   {"kdf_33401_kenb", kdf_33401_kenb},
                                   {"kdf_wrong_length_encoding_differs",
                                    kdf_wrong_length_encoding_differs},
                                   {"akma_kaf", akma_kaf},
                                   {"kdf_rejects_bad_input", kdf_rejects_bad_input},
                                   {NULL, NULL}};
    t_add_suite("kdf", cases);
}
