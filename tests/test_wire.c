/* test_wire.c - the record header and the handshake messages on the wire. */
#include <string.h>

#include "samples.h"
#include "testing.h"

static upsp_err decode_hs(int i, const uint8_t *in, size_t len)
{
    upsp_client_hello ch;
    upsp_server_hello sh;
    upsp_client_finished cf;
    upsp_hs_alert al;
    switch (i) {
    case 0:
        return upsp_ch_decode(&ch, in, len);
    case 1:
        return upsp_sh_decode(&sh, in, len);
    case 2:
        return upsp_cf_decode(&cf, in, len);
    default:
        return upsp_hs_alert_decode(&al, in, len);
    }
}

/* Sizes from SPEC.md 4.2: every handshake message has a fixed layout. */
static void handshake_sizes(void)
{
    uint8_t buf[UPSP_MAX_MSG];
    CU_ASSERT_EQUAL(t_sample_hs(buf, sizeof buf, 0), 343);
    CU_ASSERT_EQUAL(t_sample_hs(buf, sizeof buf, 1), 108);
    CU_ASSERT_EQUAL(t_sample_hs(buf, sizeof buf, 2), 42);
    CU_ASSERT_EQUAL(t_sample_hs(buf, sizeof buf, 3), 11);
}

static void handshake_round_trip(void)
{
    uint8_t buf[UPSP_MAX_MSG], again[UPSP_MAX_MSG];
    upsp_client_hello ch;
    upsp_server_hello sh;
    size_t n = t_sample_hs(buf, sizeof buf, 0), m = 0;
    CU_ASSERT_EQUAL_FATAL(upsp_ch_decode(&ch, buf, n), UPSP_OK);
    CU_ASSERT_EQUAL(ch.n_suites, 2);
    CU_ASSERT_EQUAL(ch.suites[1], UPSP_SUITE_AES_128_GCM_SHA256);
    CU_ASSERT_EQUAL(upsp_ch_encode(again, sizeof again, &m, &ch), UPSP_OK);
    CU_ASSERT(m == n && memcmp(buf, again, n) == 0);
    n = t_sample_hs(buf, sizeof buf, 1);
    CU_ASSERT_EQUAL_FATAL(upsp_sh_decode(&sh, buf, n), UPSP_OK);
    CU_ASSERT_EQUAL(sh.suite, UPSP_SUITE_AES_128_GCM_SHA256);
    CU_ASSERT_EQUAL(upsp_sh_encode(again, sizeof again, &m, &sh), UPSP_OK);
    CU_ASSERT(m == n && memcmp(buf, again, n) == 0);
}

/* UPSP-PARSE-4 / -5: every proper prefix fails, one extra octet fails. */
static void handshake_prefixes_and_trailing(void)
{
    uint8_t buf[UPSP_MAX_MSG];
    for (int i = 0; i < 4; i++) {
        size_t n = t_sample_hs(buf, sizeof buf, i);
        CU_ASSERT_FATAL(n > 0);
        CU_ASSERT_EQUAL(decode_hs(i, buf, n), UPSP_OK);
        for (size_t k = 0; k < n; k++)
            CU_ASSERT_NOT_EQUAL(decode_hs(i, buf, k), UPSP_OK);
        buf[n] = 0;
        CU_ASSERT_EQUAL(decode_hs(i, buf, n + 1), UPSP_ERR_TRAILING);
    }
}

static void handshake_version_and_type(void)
{
    uint8_t buf[UPSP_MAX_MSG];
    size_t n = t_sample_hs(buf, sizeof buf, 2);
    buf[0] = 2;
    CU_ASSERT_EQUAL(decode_hs(2, buf, n), UPSP_ERR_VERSION);
    buf[0] = UPSP_VERSION;
    buf[1] = UPSP_T_CLIENT_HELLO;
    CU_ASSERT_EQUAL(decode_hs(2, buf, n), UPSP_ERR_TYPE);
}

static void client_hello_suite_list_rules(void)
{
    uint8_t buf[UPSP_MAX_MSG];
    upsp_client_hello ch;
    size_t n = t_sample_hs(buf, sizeof buf, 0);
    buf[5] = buf[3]; /* second suite = first: a duplicate */
    buf[6] = buf[4];
    CU_ASSERT_EQUAL(upsp_ch_decode(&ch, buf, n), UPSP_ERR_DECODE);
    n = t_sample_hs(buf, sizeof buf, 0);
    buf[2] = 0; /* no suites */
    CU_ASSERT_EQUAL(upsp_ch_decode(&ch, buf, n), UPSP_ERR_DECODE);
    buf[2] = UPSP_MAX_SUITES + 1;
    CU_ASSERT_EQUAL(upsp_ch_decode(&ch, buf, n), UPSP_ERR_DECODE);
    /* Unknown suite values are listed and ignored, not an error. */
    n = t_sample_hs(buf, sizeof buf, 0);
    buf[3] = 0x7f;
    CU_ASSERT_EQUAL(upsp_ch_decode(&ch, buf, n), UPSP_OK);
}

static void hs_alert_code_range(void)
{
    uint8_t buf[32];
    upsp_hs_alert al;
    size_t n = t_sample_hs(buf, sizeof buf, 3);
    buf[n - 1] = UPSP_ALERT_MAX + 1;
    CU_ASSERT_EQUAL(upsp_hs_alert_decode(&al, buf, n), UPSP_ERR_RANGE);
}

static void record_header_rules(void)
{
    uint8_t buf[64];
    upsp_hdr h = {UPSP_VERSION, UPSP_T_HEARTBEAT, UPSP_FLAG_FROM_SERVER,
                  {1, 2, 3, 4, 5, 6, 7, 8}, UINT64_C(0x0000123456789abc)};
    upsp_hdr out;
    upsp_wr w;
    upsp_rd r;
    upsp_wr_init(&w, buf, sizeof buf);
    upsp_hdr_encode(&w, &h);
    CU_ASSERT_EQUAL_FATAL(w.len, UPSP_HDR_LEN);
    T_ASSERT_HEX(buf, UPSP_HDR_LEN, "011601" "0102030405060708" "0000123456789abc");
    upsp_rd_init(&r, buf, UPSP_HDR_LEN);
    CU_ASSERT_EQUAL(upsp_hdr_decode(&out, &r), UPSP_OK);
    CU_ASSERT_EQUAL(out.seq, h.seq);
    CU_ASSERT_EQUAL(out.flags, h.flags);
    buf[2] = 0x02; /* reserved flag */
    upsp_rd_init(&r, buf, UPSP_HDR_LEN);
    CU_ASSERT_EQUAL(upsp_hdr_decode(&out, &r), UPSP_ERR_FLAGS);
    buf[2] = 0x01;
    buf[11] = 0x00;
    buf[12] = 0x01; /* seq = 2^48 + ... : over the ceiling */
    upsp_rd_init(&r, buf, UPSP_HDR_LEN);
    CU_ASSERT_EQUAL(upsp_hdr_decode(&out, &r), UPSP_ERR_RANGE);
    buf[12] = 0x00;
    buf[1] = 0x20; /* not a record type */
    upsp_rd_init(&r, buf, UPSP_HDR_LEN);
    CU_ASSERT_EQUAL(upsp_hdr_decode(&out, &r), UPSP_ERR_TYPE);
    buf[1] = UPSP_T_HEARTBEAT;
    for (size_t k = 0; k < UPSP_HDR_LEN; k++) {
        upsp_rd_init(&r, buf, k);
        CU_ASSERT_NOT_EQUAL(upsp_hdr_decode(&out, &r), UPSP_OK);
    }
}

static void size_limit(void)
{
    static uint8_t big[UPSP_MAX_MSG + 1];
    upsp_hdr h;
    big[0] = UPSP_VERSION;
    big[1] = UPSP_T_HEARTBEAT;
    CU_ASSERT_EQUAL(upsp_record_parse(&h, big, sizeof big), UPSP_ERR_TOO_LARGE);
    CU_ASSERT_EQUAL(upsp_record_parse(&h, big, UPSP_MAX_MSG), UPSP_OK);
}

static void stream_framing(void)
{
    uint8_t msg[3] = {0xaa, 0xbb, 0xcc}, buf[16];
    const uint8_t *got;
    size_t n, got_len, used;
    CU_ASSERT_EQUAL_FATAL(upsp_stream_frame(buf, sizeof buf, &n, msg, 3), UPSP_OK);
    T_ASSERT_HEX(buf, n, "0003aabbcc");
    for (size_t k = 0; k < n; k++) { /* partial input: wait for more */
        CU_ASSERT_EQUAL(upsp_stream_next(buf, k, &got, &got_len, &used), UPSP_OK);
        CU_ASSERT_EQUAL(used, 0);
    }
    CU_ASSERT_EQUAL(upsp_stream_next(buf, n, &got, &got_len, &used), UPSP_OK);
    CU_ASSERT(used == 5 && got_len == 3 && got == buf + 2);
    buf[0] = 0;
    buf[1] = 0;
    CU_ASSERT_EQUAL(upsp_stream_next(buf, n, &got, &got_len, &used), UPSP_ERR_DECODE);
    buf[0] = 0x04;
    buf[1] = 0xd1; /* 1233 */
    CU_ASSERT_EQUAL(upsp_stream_next(buf, n, &got, &got_len, &used), UPSP_ERR_TOO_LARGE);
    CU_ASSERT_EQUAL(upsp_stream_frame(buf, 4, &n, msg, 3), UPSP_ERR_BUFFER);
}

void t_register_wire(void)
{
    static const t_case cases[] = {
        {"handshake_sizes", handshake_sizes},
        {"handshake_round_trip", handshake_round_trip},
        {"handshake_prefixes_and_trailing", handshake_prefixes_and_trailing},
        {"handshake_version_and_type", handshake_version_and_type},
        {"client_hello_suite_list_rules", client_hello_suite_list_rules},
        {"hs_alert_code_range", hs_alert_code_range},
        {"record_header_rules", record_header_rules},
        {"size_limit", size_limit},
        {"stream_framing", stream_framing},
        {NULL, NULL}};
    t_add_suite("wire", cases);
}
