/* test_msg.c - application messages: TLV encoding and strict decoding. */
#include <string.h>

#include "samples.h"
#include "testing.h"

static size_t encode(uint8_t *buf, size_t cap, const upsp_msg *m)
{
    upsp_wr w;
    upsp_wr_init(&w, buf, cap);
    CU_ASSERT_EQUAL_FATAL(upsp_msg_encode(&w, m), UPSP_OK);
    return w.len;
}

/* The layout of SPEC.md 7.3, written out by hand from the spec. */
static void register_known_encoding(void)
{
    uint8_t buf[256];
    upsp_msg m;
    t_sample_app(&m, 0);
    size_t n = encode(buf, sizeof buf, &m);
    T_ASSERT_HEX(buf, n,
                 "810001" "01"
                 "820003" "00f110"
                 "830006" "a953c0ffee42"
                 "840004" "00000e10"
                 "850001" "1f");
}

static void paging_notify_known_encoding(void)
{
    uint8_t buf[256];
    upsp_msg m;
    t_sample_app(&m, 2);
    size_t n = encode(buf, sizeof buf, &m);
    T_ASSERT_HEX(buf, n,
                 "860004" "00000007"
                 "870004" "000003e9"
                 "880001" "01"
                 "820003" "214365"
                 "890008" "000000006b12aff0");
}

static void round_trip_every_message(void)
{
    uint8_t buf[256], again[256];
    for (int i = 0; i < T_N_APP; i++) {
        upsp_msg m, d;
        t_sample_app(&m, i);
        size_t n = encode(buf, sizeof buf, &m);
        CU_ASSERT_EQUAL_FATAL(upsp_msg_decode(&d, m.type, buf, n), UPSP_OK);
        CU_ASSERT(memcmp(&d, &m, sizeof m) == 0);
        CU_ASSERT_EQUAL(encode(again, sizeof again, &d), n);
        CU_ASSERT(memcmp(buf, again, n) == 0);
    }
}

/* UPSP-PARSE-4: every proper prefix of every message fails to decode. */
static void every_prefix_fails(void)
{
    uint8_t buf[256];
    for (int i = 0; i < T_N_APP; i++) {
        upsp_msg m, d;
        t_sample_app(&m, i);
        size_t n = encode(buf, sizeof buf, &m);
        for (size_t k = 0; k < n; k++)
            CU_ASSERT_NOT_EQUAL(upsp_msg_decode(&d, m.type, buf, k), UPSP_OK);
    }
}

static upsp_err decode_hex(uint8_t type, const char *hex)
{
    uint8_t buf[256];
    upsp_msg d;
    size_t n = t_hex(buf, sizeof buf, hex);
    return upsp_msg_decode(&d, type, buf, n);
}

#define ACK_OK "860004" "00000007" "840004" "00000708"

static void tlv_rules(void)
{
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, ACK_OK), UPSP_OK);
    /* any order */
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, "840004" "00000708" "860004" "00000007"),
                    UPSP_OK);
    /* UPSP-PARSE-7: duplicate */
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, ACK_OK "860004" "00000007"), UPSP_ERR_TLV_DUP);
    /* UPSP-PARSE-8: unknown non-critical skipped, unknown critical refused */
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, ACK_OK "7f0003" "aabbcc"), UPSP_OK);
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, ACK_OK "010000"), UPSP_OK);
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, ACK_OK "ff0001" "00"), UPSP_ERR_TLV_CRITICAL);
    /* a known critical TLV that this message does not carry */
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, ACK_OK "8a0001" "00"), UPSP_ERR_TLV_CRITICAL);
    /* UPSP-PARSE-9: missing */
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, "860004" "00000007"), UPSP_ERR_TLV_MISSING);
    /* UPSP-PARSE-6: a length past the end */
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, ACK_OK "7f0005" "aabb"), UPSP_ERR_DECODE);
    /* UPSP-PARSE-10: wrong value length, out of range */
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, "860005" "0000000007" "840004" "00000708"),
                    UPSP_ERR_DECODE);
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, "860004" "00000000" "840004" "00000708"),
                    UPSP_ERR_RANGE);
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, "860004" "00000007" "840004" "00015181"),
                    UPSP_ERR_RANGE);
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_REGISTER_ACK, "860004" "00000007" "840004" "00015180"),
                    UPSP_OK);
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_HEARTBEAT, ""), UPSP_OK);
    CU_ASSERT_EQUAL(decode_hex(0x42, ""), UPSP_ERR_TYPE);
}

static void value_ranges(void)
{
    /* paging cause 5 does not exist; result 3 does not exist; alert 9 neither */
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_PAGING_RESPONSE, "870004" "00000001" "8a0001" "03"),
                    UPSP_ERR_RANGE);
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_PAGING_RESPONSE, "870004" "00000001" "8a0001" "02"), UPSP_OK);
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_ALERT, "8b0001" "09"), UPSP_ERR_RANGE);
    CU_ASSERT_EQUAL(decode_hex(UPSP_T_ALERT, "8b0001" "08"), UPSP_OK);
}

/* UPSP-PARSE-15: BCD digits only; MNC digit 3 may be the filler F. */
static void plmn_bcd(void)
{
    CU_ASSERT(upsp_plmn_valid((const uint8_t *)"\x00\xf1\x10"));
    CU_ASSERT(upsp_plmn_valid((const uint8_t *)"\x21\x43\x65"));
    CU_ASSERT_FALSE(upsp_plmn_valid((const uint8_t *)"\x0a\xf1\x10"));
    CU_ASSERT_FALSE(upsp_plmn_valid((const uint8_t *)"\x00\xfa\x10"));
    CU_ASSERT_FALSE(upsp_plmn_valid((const uint8_t *)"\x00\xe1\x10"));
    CU_ASSERT_FALSE(upsp_plmn_valid((const uint8_t *)"\x00\xf1\xf0"));
}

static void encoder_refuses_invalid(void)
{
    uint8_t buf[256];
    upsp_wr w;
    upsp_msg m;
    t_sample_app(&m, 0);
    m.u.reg.causes = 0;
    upsp_wr_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(upsp_msg_encode(&w, &m), UPSP_ERR_RANGE);
    t_sample_app(&m, 0);
    m.u.reg.stmsi.amf_set_id = 0x400; /* 11 bits */
    upsp_wr_init(&w, buf, sizeof buf);
    CU_ASSERT_EQUAL(upsp_msg_encode(&w, &m), UPSP_ERR_RANGE);
    t_sample_app(&m, 0);
    upsp_wr_init(&w, buf, 10);
    CU_ASSERT_EQUAL(upsp_msg_encode(&w, &m), UPSP_ERR_BUFFER);
}

void t_register_msg(void)
{
    static const t_case cases[] = {{"register_known_encoding", register_known_encoding},
                                   {"paging_notify_known_encoding", paging_notify_known_encoding},
                                   {"round_trip_every_message", round_trip_every_message},
                                   {"every_prefix_fails", every_prefix_fails},
                                   {"tlv_rules", tlv_rules},
                                   {"value_ranges", value_ranges},
                                   {"plmn_bcd", plmn_bcd},
                                   {"encoder_refuses_invalid", encoder_refuses_invalid},
                                   {NULL, NULL}};
    t_add_suite("msg", cases);
}
