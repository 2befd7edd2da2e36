/*
 * test_session.c - the UE and paging-server sessions: the full flow, and
 * every attack of the design brief as a test. Peers exchange bytes in memory;
 * the tests play the network, honest or hostile.
 */
#include <string.h>

#include "fixture.h"
#include "samples.h"
#include "testing.h"

typedef struct {
    upsp_fixture fx;
    upsp_drbg ue_rng, ps_rng;
    upsp_config ue_cfg, ps_cfg;
    upsp_session ue, ps;
    uint8_t ch[UPSP_MAX_MSG], sh[UPSP_MAX_MSG], cf[UPSP_MAX_MSG];
    size_t ch_len, sh_len, cf_len;
} pair;

static uint8_t other_kaf[32] = {0xde, 0xad};

static int lookup_none(void *ctx, const uint8_t *akid, size_t akid_len, uint8_t out[32])
{
    (void)ctx, (void)akid, (void)akid_len, (void)out;
    return -1;
}

static int lookup_other(void *ctx, const uint8_t *akid, size_t akid_len, uint8_t out[32])
{
    (void)ctx, (void)akid, (void)akid_len;
    memcpy(out, other_kaf, 32);
    return 0;
}

static void pair_config(pair *p, uint64_t seed)
{
    static pair zero;
    *p = zero;
    CU_ASSERT_EQUAL_FATAL(upsp_fixture_init(&p->fx), UPSP_OK);
    upsp_drbg_init_u64(&p->ue_rng, seed);
    upsp_drbg_init_u64(&p->ps_rng, ~seed);
    upsp_fixture_ue_config(&p->fx, &p->ue_cfg, &p->ue_rng);
    upsp_fixture_server_config(&p->fx, &p->ps_cfg, &p->ps_rng);
}

static void pair_init(pair *p)
{
    CU_ASSERT_EQUAL_FATAL(upsp_session_init(&p->ue, &p->ue_cfg), UPSP_OK);
    CU_ASSERT_EQUAL_FATAL(upsp_session_init(&p->ps, &p->ps_cfg), UPSP_OK);
}

static void pair_cleanup(pair *p)
{
    upsp_session_cleanup(&p->ue);
    upsp_session_cleanup(&p->ps);
}

/* Delivers one message; the answer, if any, goes to out. */
static upsp_err deliver(upsp_session *to, upsp_event *ev, uint8_t *out, size_t *out_len,
                        const uint8_t *in, size_t len)
{
    static uint8_t scratch[UPSP_MAX_MSG];
    size_t dummy;
    if (!out) {
        out = scratch;
        out_len = &dummy;
    }
    return upsp_session_recv(to, ev, out, UPSP_MAX_MSG, out_len, in, len);
}

/* CLIENT_HELLO and SERVER_HELLO, leaving the UE's answer in p->cf. */
static upsp_err first_flight(pair *p, upsp_event *ev)
{
    upsp_err err;
    CU_ASSERT_EQUAL_FATAL(upsp_session_start(&p->ue, p->ch, sizeof p->ch, &p->ch_len), UPSP_OK);
    err = deliver(&p->ps, ev, p->sh, &p->sh_len, p->ch, p->ch_len);
    if (err)
        return err;
    return deliver(&p->ue, ev, p->cf, &p->cf_len, p->sh, p->sh_len);
}

static void handshake(pair *p)
{
    upsp_event ev;
    CU_ASSERT_EQUAL_FATAL(first_flight(p, &ev), UPSP_OK);
    CU_ASSERT_EQUAL(ev.kind, UPSP_EV_ESTABLISHED);
    CU_ASSERT_EQUAL_FATAL(deliver(&p->ps, &ev, NULL, NULL, p->cf, p->cf_len), UPSP_OK);
    CU_ASSERT_EQUAL(ev.kind, UPSP_EV_ESTABLISHED);
    CU_ASSERT_EQUAL(upsp_session_state(&p->ue), UPSP_ST_OPEN);
    CU_ASSERT_EQUAL(upsp_session_state(&p->ps), UPSP_ST_OPEN);
}

static size_t send_msg(upsp_session *s, uint8_t *out, const upsp_msg *m)
{
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(upsp_session_send(s, out, UPSP_MAX_MSG, &n, m), UPSP_OK);
    return n;
}

static size_t send_sample(upsp_session *s, uint8_t *out, int i)
{
    upsp_msg m;
    t_sample_app(&m, i);
    return send_msg(s, out, &m);
}

static void expect_delivered(upsp_session *to, const uint8_t *rec, size_t n, int sample)
{
    upsp_event ev;
    upsp_msg want;
    t_sample_app(&want, sample);
    CU_ASSERT_EQUAL_FATAL(deliver(to, &ev, NULL, NULL, rec, n), UPSP_OK);
    CU_ASSERT_EQUAL(ev.kind, UPSP_EV_MESSAGE);
    CU_ASSERT(memcmp(&ev.msg, &want, sizeof want) == 0);
}

static void expect_rejected(upsp_session *to, const uint8_t *rec, size_t n, upsp_err why)
{
    upsp_event ev;
    upsp_state before = upsp_session_state(to);
    CU_ASSERT_EQUAL(deliver(to, &ev, NULL, NULL, rec, n), why);
    CU_ASSERT_EQUAL(ev.kind, UPSP_EV_REJECTED);
    CU_ASSERT_EQUAL(upsp_session_state(to), before);
}

/* Handshake, REGISTER, REGISTER_ACK, PAGING_NOTIFY, PAGING_RESPONSE, DEREGISTER. */
static void full_flow(void)
{
    pair p;
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    pair_config(&p, 1);
    pair_init(&p);
    handshake(&p);
    n = send_sample(&p.ue, rec, 0);
    CU_ASSERT_EQUAL(upsp_session_state(&p.ue), UPSP_ST_REG_PENDING);
    expect_delivered(&p.ps, rec, n, 0);
    n = send_sample(&p.ps, rec, 1);
    expect_delivered(&p.ue, rec, n, 1);
    CU_ASSERT_EQUAL(upsp_session_state(&p.ue), UPSP_ST_REGISTERED);
    CU_ASSERT_EQUAL(upsp_session_state(&p.ps), UPSP_ST_REGISTERED);
    n = send_sample(&p.ps, rec, 2);
    expect_delivered(&p.ue, rec, n, 2);
    n = send_sample(&p.ue, rec, 3);
    expect_delivered(&p.ps, rec, n, 3);
    n = send_sample(&p.ue, rec, 5); /* HEARTBEAT */
    expect_delivered(&p.ps, rec, n, 5);
    n = send_sample(&p.ue, rec, 4);
    expect_delivered(&p.ps, rec, n, 4);
    CU_ASSERT_EQUAL(upsp_session_state(&p.ue), UPSP_ST_CLOSED);
    CU_ASSERT_EQUAL(upsp_session_state(&p.ps), UPSP_ST_CLOSED);
    pair_cleanup(&p);
}

static void both_suites_negotiate(void)
{
    static const uint16_t aes_only[] = {UPSP_SUITE_AES_128_GCM_SHA256};
    pair p;
    uint8_t rec[UPSP_MAX_MSG];
    pair_config(&p, 2);
    p.ps_cfg.suites = aes_only;
    p.ps_cfg.n_suites = 1;
    pair_init(&p);
    handshake(&p);
    CU_ASSERT_EQUAL(upsp_session_suite(&p.ue), UPSP_SUITE_AES_128_GCM_SHA256);
    size_t n = send_sample(&p.ue, rec, 0);
    expect_delivered(&p.ps, rec, n, 0);
    pair_cleanup(&p);
}

static void expect_handshake_fails_at_ue(pair *p, upsp_err why, uint8_t alert)
{
    upsp_event ev;
    upsp_hs_alert a;
    CU_ASSERT_EQUAL(first_flight(p, &ev), why);
    CU_ASSERT_EQUAL(ev.kind, UPSP_EV_CLOSED);
    CU_ASSERT_EQUAL(upsp_session_state(&p->ue), UPSP_ST_FAILED);
    /* The UE's answer is a handshake alert, never a CLIENT_FINISHED. */
    CU_ASSERT_EQUAL_FATAL(upsp_hs_alert_decode(&a, p->cf, p->cf_len), UPSP_OK);
    CU_ASSERT_EQUAL(a.code, alert);
    CU_ASSERT_EQUAL(deliver(&p->ps, &ev, NULL, NULL, p->cf, p->cf_len), UPSP_ERR_ALERT);
    CU_ASSERT_EQUAL(upsp_session_state(&p->ps), UPSP_ST_FAILED);
}

/* A UE whose K_AF differs from the server's cannot verify MAC_S. */
static void wrong_kaf_at_ue(void)
{
    pair p;
    pair_config(&p, 3);
    p.ue_cfg.kaf = other_kaf;
    pair_init(&p);
    expect_handshake_fails_at_ue(&p, UPSP_ERR_AUTH, UPSP_ALERT_AUTH_FAILED);
    pair_cleanup(&p);
}

/* A false server (right static key, wrong K_AF for this A-KID) fails too. */
static void wrong_kaf_at_server(void)
{
    pair p;
    pair_config(&p, 4);
    p.ps_cfg.lookup = lookup_other;
    pair_init(&p);
    expect_handshake_fails_at_ue(&p, UPSP_ERR_AUTH, UPSP_ALERT_AUTH_FAILED);
    pair_cleanup(&p);
}

/* A false server without the static private key cannot read the A-KID nor
 * produce MAC_S. */
static void false_server_without_static_key(void)
{
    pair p;
    pair_config(&p, 5);
    p.ps_cfg.server_priv = other_kaf; /* any other scalar */
    pair_init(&p);
    expect_handshake_fails_at_ue(&p, UPSP_ERR_AUTH, UPSP_ALERT_AUTH_FAILED);
    pair_cleanup(&p);
}

/* An adversary UE without K_AF: whatever MAC_U it sends, the server fails
 * the handshake with auth_failed and never establishes. */
static upsp_err forged_finished(upsp_session *ps, const uint8_t *sh, size_t sh_len,
                                upsp_hs_alert *alert)
{
    upsp_server_hello h;
    upsp_client_finished cf;
    uint8_t buf[64], out[UPSP_MAX_MSG];
    size_t n, out_len = 0;
    upsp_event ev;
    upsp_err err;
    CU_ASSERT_EQUAL_FATAL(upsp_sh_decode(&h, sh, sh_len), UPSP_OK);
    memcpy(cf.session_id, h.session_id, UPSP_SESSION_ID_LEN);
    memset(cf.mac, 0x5c, sizeof cf.mac);
    CU_ASSERT_EQUAL_FATAL(upsp_cf_encode(buf, sizeof buf, &n, &cf), UPSP_OK);
    err = deliver(ps, &ev, out, &out_len, buf, n);
    CU_ASSERT_EQUAL(ev.kind, UPSP_EV_CLOSED);
    CU_ASSERT_EQUAL(upsp_session_state(ps), UPSP_ST_FAILED);
    CU_ASSERT_EQUAL_FATAL(upsp_hs_alert_decode(alert, out, out_len), UPSP_OK);
    return err;
}

static void masquerading_ue_fails(void)
{
    pair p;
    upsp_event ev;
    upsp_hs_alert a;
    pair_config(&p, 6);
    pair_init(&p);
    CU_ASSERT_EQUAL_FATAL(upsp_session_start(&p.ue, p.ch, sizeof p.ch, &p.ch_len), UPSP_OK);
    CU_ASSERT_EQUAL_FATAL(deliver(&p.ps, &ev, p.sh, &p.sh_len, p.ch, p.ch_len), UPSP_OK);
    CU_ASSERT_EQUAL(forged_finished(&p.ps, p.sh, p.sh_len, &a), UPSP_ERR_AUTH);
    CU_ASSERT_EQUAL(a.code, UPSP_ALERT_AUTH_FAILED);
    pair_cleanup(&p);
}

/* UPSP-AUTH-4: an unknown A-KID fails exactly like a bad MAC. The same
 * CLIENT_HELLO goes to a server that knows the A-KID and to one that does
 * not; both answer with a SERVER_HELLO of the same size, and both fail a
 * forged CLIENT_FINISHED with the same error and the same alert. */
static void unknown_akid_fails_like_bad_mac(void)
{
    pair known, unknown;
    upsp_event ev;
    upsp_hs_alert a1, a2;
    pair_config(&known, 7);
    pair_config(&unknown, 7);
    unknown.ps_cfg.lookup = lookup_none;
    pair_init(&known);
    pair_init(&unknown);
    CU_ASSERT_EQUAL_FATAL(upsp_session_start(&known.ue, known.ch, sizeof known.ch, &known.ch_len),
                          UPSP_OK);
    CU_ASSERT_EQUAL_FATAL(deliver(&known.ps, &ev, known.sh, &known.sh_len, known.ch, known.ch_len),
                          UPSP_OK);
    CU_ASSERT_EQUAL(ev.kind, UPSP_EV_NONE);
    CU_ASSERT_EQUAL_FATAL(
        deliver(&unknown.ps, &ev, unknown.sh, &unknown.sh_len, known.ch, known.ch_len), UPSP_OK);
    CU_ASSERT_EQUAL(ev.kind, UPSP_EV_NONE);
    CU_ASSERT_EQUAL(known.sh_len, unknown.sh_len);
    CU_ASSERT_EQUAL(forged_finished(&known.ps, known.sh, known.sh_len, &a1), UPSP_ERR_AUTH);
    CU_ASSERT_EQUAL(forged_finished(&unknown.ps, unknown.sh, unknown.sh_len, &a2), UPSP_ERR_AUTH);
    CU_ASSERT_EQUAL(a1.code, a2.code);
    pair_cleanup(&known);
    pair_cleanup(&unknown);

    /* And an honest UE whose A-KID the server does not know fails at MAC_S. */
    pair_config(&unknown, 8);
    unknown.ps_cfg.lookup = lookup_none;
    pair_init(&unknown);
    expect_handshake_fails_at_ue(&unknown, UPSP_ERR_AUTH, UPSP_ALERT_AUTH_FAILED);
    pair_cleanup(&unknown);
}

/* A network that strips ChaCha20 from the offer steers the server to
 * AES-128-GCM; the transcript exposes it (UPSP-AUTH-5). */
static void downgraded_suite_list_fails(void)
{
    pair p;
    upsp_event ev;
    uint8_t ch2[UPSP_MAX_MSG];
    size_t n;
    pair_config(&p, 9);
    pair_init(&p);
    CU_ASSERT_EQUAL_FATAL(upsp_session_start(&p.ue, p.ch, sizeof p.ch, &p.ch_len), UPSP_OK);
    /* 01 01 02 [0002 0001] ... -> 01 01 01 [0001] ... */
    memcpy(ch2, p.ch, 2);
    ch2[2] = 1;
    memcpy(ch2 + 3, p.ch + 5, 2);
    memcpy(ch2 + 5, p.ch + 7, p.ch_len - 7);
    n = p.ch_len - 2;
    CU_ASSERT_EQUAL_FATAL(deliver(&p.ps, &ev, p.sh, &p.sh_len, ch2, n), UPSP_OK);
    CU_ASSERT_EQUAL(upsp_session_suite(&p.ps), UPSP_SUITE_AES_128_GCM_SHA256);
    CU_ASSERT_EQUAL(deliver(&p.ue, &ev, p.cf, &p.cf_len, p.sh, p.sh_len), UPSP_ERR_AUTH);
    CU_ASSERT_EQUAL(upsp_session_state(&p.ue), UPSP_ST_FAILED);
    pair_cleanup(&p);
}

/* A SERVER_HELLO naming a suite the UE did not offer ends the handshake. */
static void unoffered_suite_fails(void)
{
    pair p;
    upsp_event ev;
    pair_config(&p, 10);
    pair_init(&p);
    CU_ASSERT_EQUAL_FATAL(upsp_session_start(&p.ue, p.ch, sizeof p.ch, &p.ch_len), UPSP_OK);
    CU_ASSERT_EQUAL_FATAL(deliver(&p.ps, &ev, p.sh, &p.sh_len, p.ch, p.ch_len), UPSP_OK);
    p.sh[3] = 0x03;
    CU_ASSERT_EQUAL(deliver(&p.ue, &ev, p.cf, &p.cf_len, p.sh, p.sh_len), UPSP_ERR_SUITE);
    CU_ASSERT_EQUAL(ev.alert, UPSP_ALERT_ILLEGAL_PARAMETER);
    pair_cleanup(&p);
}

static void no_common_suite(void)
{
    static const uint16_t aes_only[] = {UPSP_SUITE_AES_128_GCM_SHA256};
    static const uint16_t chacha_only[] = {UPSP_SUITE_CHACHA20_POLY1305_SHA256};
    pair p;
    upsp_event ev;
    upsp_hs_alert a;
    pair_config(&p, 11);
    p.ue_cfg.suites = aes_only;
    p.ue_cfg.n_suites = 1;
    p.ps_cfg.suites = chacha_only;
    p.ps_cfg.n_suites = 1;
    pair_init(&p);
    CU_ASSERT_EQUAL_FATAL(upsp_session_start(&p.ue, p.ch, sizeof p.ch, &p.ch_len), UPSP_OK);
    CU_ASSERT_EQUAL(deliver(&p.ps, &ev, p.sh, &p.sh_len, p.ch, p.ch_len), UPSP_ERR_SUITE);
    CU_ASSERT_EQUAL_FATAL(upsp_hs_alert_decode(&a, p.sh, p.sh_len), UPSP_OK);
    CU_ASSERT_EQUAL(a.code, UPSP_ALERT_NO_COMMON_SUITE);
    pair_cleanup(&p);
}

/* Replayed handshake messages never yield a session (UPSP-AUTH-7). */
static void replayed_hello_and_finished(void)
{
    pair p, q;
    upsp_event ev;
    uint8_t sh2[UPSP_MAX_MSG];
    size_t sh2_len;
    pair_config(&p, 12);
    pair_init(&p);
    handshake(&p);
    /* The recorded CLIENT_HELLO to a fresh server: it answers... */
    pair_config(&q, 13);
    pair_init(&q);
    CU_ASSERT_EQUAL_FATAL(deliver(&q.ps, &ev, sh2, &sh2_len, p.ch, p.ch_len), UPSP_OK);
    /* ...with a fresh session ID, so the recorded FINISHED does not fit... */
    CU_ASSERT(memcmp(sh2 + 4, p.sh + 4, UPSP_SESSION_ID_LEN) != 0);
    expect_rejected(&q.ps, p.cf, p.cf_len, UPSP_ERR_SESSION);
    /* ...and with the new session ID patched in, its MAC does not verify. */
    memcpy(p.cf + 2, sh2 + 4, UPSP_SESSION_ID_LEN);
    CU_ASSERT_EQUAL(deliver(&q.ps, &ev, NULL, NULL, p.cf, p.cf_len), UPSP_ERR_AUTH);
    CU_ASSERT_EQUAL(upsp_session_state(&q.ps), UPSP_ST_FAILED);
    memcpy(p.cf + 2, p.sh + 4, UPSP_SESSION_ID_LEN);
    /* The live server ignores a second HELLO or FINISHED. */
    expect_rejected(&p.ps, p.ch, p.ch_len, UPSP_ERR_STATE);
    expect_rejected(&p.ps, p.cf, p.cf_len, UPSP_ERR_STATE);
    expect_rejected(&p.ue, p.sh, p.sh_len, UPSP_ERR_STATE);
    pair_cleanup(&p);
    pair_cleanup(&q);
}

/* A record sent back to its sender is refused (UPSP-INT-3). */
static void reflected_record_fails(void)
{
    pair p;
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    pair_config(&p, 14);
    pair_init(&p);
    handshake(&p);
    n = send_sample(&p.ue, rec, 0);
    expect_rejected(&p.ue, rec, n, UPSP_ERR_DIRECTION);
    rec[2] ^= UPSP_FLAG_FROM_SERVER; /* claim the other direction: tag fails */
    expect_rejected(&p.ue, rec, n, UPSP_ERR_AUTH);
    rec[2] ^= UPSP_FLAG_FROM_SERVER;
    expect_delivered(&p.ps, rec, n, 0);
    n = send_sample(&p.ps, rec, 1);
    expect_rejected(&p.ps, rec, n, UPSP_ERR_DIRECTION);
    pair_cleanup(&p);
}

/* Application data before the handshake ends is refused and leaves no trace
 * (UPSP-INT-8). */
static void app_data_before_handshake_end(void)
{
    pair p;
    upsp_event ev;
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg m;
    pair_config(&p, 15);
    pair_init(&p);
    t_sample_app(&m, 5);
    CU_ASSERT_EQUAL(upsp_session_send(&p.ue, rec, sizeof rec, &n, &m), UPSP_ERR_STATE);
    CU_ASSERT_EQUAL_FATAL(first_flight(&p, &ev), UPSP_OK);
    CU_ASSERT_EQUAL(upsp_session_send(&p.ps, rec, sizeof rec, &n, &m), UPSP_ERR_STATE);
    n = send_sample(&p.ue, rec, 0); /* overtakes CLIENT_FINISHED */
    expect_rejected(&p.ps, rec, n, UPSP_ERR_STATE);
    CU_ASSERT_EQUAL_FATAL(deliver(&p.ps, &ev, NULL, NULL, p.cf, p.cf_len), UPSP_OK);
    expect_delivered(&p.ps, rec, n, 0);
    pair_cleanup(&p);
}

/* A record of one session injected into another is refused (UPSP-INT-5,
 * UPSP-RPL-9), also with the session ID rewritten, and the victim's window
 * does not move. */
static void cross_session_injection(void)
{
    pair a, b;
    uint8_t rec[UPSP_MAX_MSG], own[UPSP_MAX_MSG];
    size_t n, m;
    pair_config(&a, 16);
    pair_config(&b, 17);
    pair_init(&a);
    pair_init(&b);
    handshake(&a);
    handshake(&b);
    n = send_sample(&a.ue, rec, 0);
    m = send_sample(&b.ue, own, 0);
    expect_rejected(&b.ps, rec, n, UPSP_ERR_SESSION);
    memcpy(rec + 3, upsp_session_id(&b.ps), UPSP_SESSION_ID_LEN);
    expect_rejected(&b.ps, rec, n, UPSP_ERR_AUTH);
    expect_delivered(&b.ps, own, m, 0);
    pair_cleanup(&a);
    pair_cleanup(&b);
}

/* Duplicates are refused; tampered copies are refused and do not consume
 * the sequence number (UPSP-RPL-4, UPSP-INT-2). */
static void record_replay_and_tamper(void)
{
    pair p;
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    pair_config(&p, 18);
    pair_init(&p);
    handshake(&p);
    n = send_sample(&p.ue, rec, 0);
    for (size_t bit = 0; bit < n * 8; bit++) {
        upsp_event ev;
        rec[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        CU_ASSERT_NOT_EQUAL(deliver(&p.ps, &ev, NULL, NULL, rec, n), UPSP_OK);
        CU_ASSERT_EQUAL(ev.kind, UPSP_EV_REJECTED);
        rec[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    }
    CU_ASSERT_EQUAL(upsp_session_state(&p.ps), UPSP_ST_OPEN);
    expect_delivered(&p.ps, rec, n, 0);
    expect_rejected(&p.ps, rec, n, UPSP_ERR_REPLAY);
    pair_cleanup(&p);
}

/* Every single-bit flip of SERVER_HELLO or CLIENT_FINISHED keeps the peer
 * from establishing a session. */
static void handshake_bit_flips(void)
{
    pair ref;
    pair_config(&ref, 19);
    pair_init(&ref);
    handshake(&ref);
    for (size_t bit = 0; bit < ref.sh_len * 8; bit++) {
        pair p;
        upsp_event ev;
        uint8_t cf[UPSP_MAX_MSG];
        size_t cf_len;
        pair_config(&p, 19);
        pair_init(&p);
        CU_ASSERT_EQUAL_FATAL(upsp_session_start(&p.ue, p.ch, sizeof p.ch, &p.ch_len), UPSP_OK);
        ref.sh[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        deliver(&p.ue, &ev, cf, &cf_len, ref.sh, ref.sh_len);
        ref.sh[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        CU_ASSERT_NOT_EQUAL(ev.kind, UPSP_EV_ESTABLISHED);
        CU_ASSERT_NOT_EQUAL(upsp_session_state(&p.ue), UPSP_ST_OPEN);
        pair_cleanup(&p);
    }
    for (size_t bit = 0; bit < ref.cf_len * 8; bit++) {
        pair p;
        upsp_event ev;
        pair_config(&p, 19);
        pair_init(&p);
        CU_ASSERT_EQUAL_FATAL(first_flight(&p, &ev), UPSP_OK);
        p.cf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        deliver(&p.ps, &ev, NULL, NULL, p.cf, p.cf_len);
        CU_ASSERT_NOT_EQUAL(ev.kind, UPSP_EV_ESTABLISHED);
        CU_ASSERT_NOT_EQUAL(upsp_session_state(&p.ps), UPSP_ST_OPEN);
        pair_cleanup(&p);
    }
    pair_cleanup(&ref);
}

/* Every single-bit flip of CLIENT_HELLO ends in no session on either side. */
static void client_hello_bit_flips(void)
{
    pair ref;
    pair_config(&ref, 20);
    pair_init(&ref);
    CU_ASSERT_EQUAL_FATAL(upsp_session_start(&ref.ue, ref.ch, sizeof ref.ch, &ref.ch_len), UPSP_OK);
    for (size_t bit = 0; bit < ref.ch_len * 8; bit++) {
        pair p;
        upsp_event ev;
        pair_config(&p, 20);
        pair_init(&p);
        CU_ASSERT_EQUAL_FATAL(upsp_session_start(&p.ue, p.ch, sizeof p.ch, &p.ch_len), UPSP_OK);
        p.ch[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        if (deliver(&p.ps, &ev, p.sh, &p.sh_len, p.ch, p.ch_len) == UPSP_OK) {
            deliver(&p.ue, &ev, p.cf, &p.cf_len, p.sh, p.sh_len);
            CU_ASSERT_NOT_EQUAL(upsp_session_state(&p.ue), UPSP_ST_OPEN);
        }
        pair_cleanup(&p);
    }
    pair_cleanup(&ref);
}

static void sequence_ceiling(void)
{
    pair p;
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg m;
    pair_config(&p, 21);
    pair_init(&p);
    handshake(&p);
    p.ue.tx_seq = UPSP_SEQ_LIMIT - 1; /* white-box: skip 2^48 - 1 records */
    n = send_sample(&p.ue, rec, 5);
    expect_delivered(&p.ps, rec, n, 5);
    t_sample_app(&m, 5);
    CU_ASSERT_EQUAL(upsp_session_send(&p.ue, rec, sizeof rec, &n, &m), UPSP_ERR_SEQ_LIMIT);
    CU_ASSERT_EQUAL(upsp_session_state(&p.ue), UPSP_ST_CLOSED);
    CU_ASSERT_EQUAL(upsp_session_send(&p.ue, rec, sizeof rec, &n, &m), UPSP_ERR_CLOSED);
    pair_cleanup(&p);
}

/* Clear alerts end a handshake but are ignored once the session is up. */
static void clear_alerts(void)
{
    pair p;
    uint8_t buf[32];
    size_t n;
    upsp_hs_alert a = {{0}, UPSP_ALERT_INTERNAL_ERROR};
    pair_config(&p, 22);
    pair_init(&p);
    handshake(&p);
    memcpy(a.session_id, upsp_session_id(&p.ps), UPSP_SESSION_ID_LEN);
    CU_ASSERT_EQUAL_FATAL(upsp_hs_alert_encode(buf, sizeof buf, &n, &a), UPSP_OK);
    expect_rejected(&p.ps, buf, n, UPSP_ERR_STATE);
    expect_rejected(&p.ue, buf, n, UPSP_ERR_STATE);
    pair_cleanup(&p);
}

static void protected_alert_closes(void)
{
    pair p;
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_event ev;
    pair_config(&p, 23);
    pair_init(&p);
    handshake(&p);
    n = send_sample(&p.ps, rec, 6);
    CU_ASSERT_EQUAL(upsp_session_state(&p.ps), UPSP_ST_CLOSED);
    CU_ASSERT_EQUAL(deliver(&p.ue, &ev, NULL, NULL, rec, n), UPSP_OK);
    CU_ASSERT_EQUAL(ev.kind, UPSP_EV_CLOSED);
    CU_ASSERT_EQUAL(ev.alert, UPSP_ALERT_CLOSE_NOTIFY);
    CU_ASSERT_EQUAL(upsp_session_state(&p.ue), UPSP_ST_CLOSED);
    expect_rejected(&p.ue, rec, n, UPSP_ERR_CLOSED);
    pair_cleanup(&p);
}

/* The state table: wrong sender, wrong state, wrong registration. */
static void state_table(void)
{
    pair p;
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg m;
    pair_config(&p, 24);
    pair_init(&p);
    handshake(&p);
    t_sample_app(&m, 1); /* REGISTER_ACK from the UE */
    CU_ASSERT_EQUAL(upsp_session_send(&p.ue, rec, sizeof rec, &n, &m), UPSP_ERR_STATE);
    t_sample_app(&m, 2); /* PAGING_NOTIFY before any registration */
    CU_ASSERT_EQUAL(upsp_session_send(&p.ps, rec, sizeof rec, &n, &m), UPSP_ERR_STATE);
    n = send_sample(&p.ue, rec, 0);
    expect_delivered(&p.ps, rec, n, 0);
    n = send_sample(&p.ps, rec, 1);
    expect_delivered(&p.ue, rec, n, 1);
    t_sample_app(&m, 2);
    m.u.notify.reg_id = 8; /* not the granted registration */
    CU_ASSERT_EQUAL(upsp_session_send(&p.ps, rec, sizeof rec, &n, &m), UPSP_ERR_RANGE);
    pair_cleanup(&p);
}

static int contains(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m)
{
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}

/* UPSP-CONF-1, UPSP-CONF-3: neither the A-KID nor the 5G-S-TMSI (nor its
 * 5G-TMSI part) appears in any octet on the wire. */
static void identity_never_in_clear(void)
{
    static const uint8_t stmsi[6] = {0xa9, 0x53, 0xc0, 0xff, 0xee, 0x42};
    pair p;
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    pair_config(&p, 25);
    pair_init(&p);
    handshake(&p);
    n = send_sample(&p.ue, rec, 0);
    CU_ASSERT_FALSE(contains(rec, n, stmsi, 6));
    CU_ASSERT_FALSE(contains(rec, n, stmsi + 2, 4));
    const uint8_t *akid = (const uint8_t *)p.fx.akid;
    CU_ASSERT_FALSE(contains(p.ch, p.ch_len, akid, p.fx.akid_len));
    CU_ASSERT_FALSE(contains(p.ch, p.ch_len, akid, 10));
    CU_ASSERT_FALSE(contains(p.ch, p.ch_len, (const uint8_t *)"3gppnetwork", 11));
    /* and the concealed A-KID differs between two handshakes of one UE */
    pair q;
    pair_config(&q, 26);
    pair_init(&q);
    handshake(&q);
    CU_ASSERT(memcmp(p.ch + p.ch_len - UPSP_CONCEALED_LEN, q.ch + q.ch_len - UPSP_CONCEALED_LEN,
                     UPSP_CONCEALED_LEN) != 0);
    pair_cleanup(&p);
    pair_cleanup(&q);
}

static void config_checks(void)
{
    static const uint16_t bad[] = {0x0099};
    static const uint16_t dup[] = {1, 1};
    pair p;
    upsp_session s;
    pair_config(&p, 27);
    p.ue_cfg.suites = bad;
    p.ue_cfg.n_suites = 1;
    CU_ASSERT_EQUAL(upsp_session_init(&s, &p.ue_cfg), UPSP_ERR_SUITE);
    p.ue_cfg.suites = dup;
    p.ue_cfg.n_suites = 2;
    CU_ASSERT_EQUAL(upsp_session_init(&s, &p.ue_cfg), UPSP_ERR_SUITE);
    p.ue_cfg.suites = NULL;
    p.ue_cfg.window = 16;
    CU_ASSERT_EQUAL(upsp_session_init(&s, &p.ue_cfg), UPSP_ERR_RANGE);
    p.ue_cfg.window = 0;
    p.ue_cfg.akid_len = 256;
    CU_ASSERT_EQUAL(upsp_session_init(&s, &p.ue_cfg), UPSP_ERR_ARG);
    p.ps_cfg.lookup = NULL;
    CU_ASSERT_EQUAL(upsp_session_init(&s, &p.ps_cfg), UPSP_ERR_ARG);
    p.ps_cfg.role = (upsp_role)7;
    CU_ASSERT_EQUAL(upsp_session_init(&s, &p.ps_cfg), UPSP_ERR_ARG);
}

/* Garbage and oversize input never changes state. */
static void garbage_input(void)
{
    pair p;
    static uint8_t big[UPSP_MAX_MSG + 1];
    uint8_t junk[3] = {0x01, 0x99, 0x00};
    pair_config(&p, 28);
    pair_init(&p);
    handshake(&p);
    expect_rejected(&p.ps, big, sizeof big, UPSP_ERR_TOO_LARGE);
    expect_rejected(&p.ps, junk, 1, UPSP_ERR_DECODE);
    expect_rejected(&p.ps, junk, 3, UPSP_ERR_TYPE);
    pair_cleanup(&p);
}

void t_register_session(void)
{
    static const t_case cases[] = {
        {"full_flow", full_flow},
        {"both_suites_negotiate", both_suites_negotiate},
        {"wrong_kaf_at_ue", wrong_kaf_at_ue},
        {"wrong_kaf_at_server", wrong_kaf_at_server},
        {"false_server_without_static_key", false_server_without_static_key},
        {"masquerading_ue_fails", masquerading_ue_fails},
        {"unknown_akid_fails_like_bad_mac", unknown_akid_fails_like_bad_mac},
        {"downgraded_suite_list_fails", downgraded_suite_list_fails},
        {"unoffered_suite_fails", unoffered_suite_fails},
        {"no_common_suite", no_common_suite},
        {"replayed_hello_and_finished", replayed_hello_and_finished},
        {"reflected_record_fails", reflected_record_fails},
        {"app_data_before_handshake_end", app_data_before_handshake_end},
        {"cross_session_injection", cross_session_injection},
        {"record_replay_and_tamper", record_replay_and_tamper},
        {"handshake_bit_flips", handshake_bit_flips},
        {"client_hello_bit_flips", client_hello_bit_flips},
        {"sequence_ceiling", sequence_ceiling},
        {"clear_alerts", clear_alerts},
        {"protected_alert_closes", protected_alert_closes},
        {"state_table", state_table},
        {"identity_never_in_clear", identity_never_in_clear},
        {"config_checks", config_checks},
        {"garbage_input", garbage_input},
        {NULL, NULL}};
    t_add_suite("session", cases);
}
