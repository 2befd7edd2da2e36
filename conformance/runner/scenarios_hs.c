/*
 * scenarios_hs.c - handshake scenarios: the runner plays the peer, honest or
 * hostile, and checks what the IUT does. Each names the requirements it
 * checks and the outcome SPEC.md demands.
 */
#include <stdio.h>
#include <string.h>

#include "cert.h"
#include "scenarios.h"

static uint8_t wrong_key[32] = {0xde, 0xad, 0xbe, 0xef};

/* The IUT, as UE, must end the handshake with this alert and never
 * establish. */
static void expect_ue_fails(cert_cx *cx, const uint8_t *sh, size_t sh_len, uint8_t alert)
{
    upsp_iut_event ev;
    uint8_t out[UPSP_MAX_MSG];
    size_t n;
    int rc = cx_iut_recv(cx, &cx->side, sh, sh_len, out, &n, &ev);
    if (ev.kind == UPSP_IUT_EV_ESTABLISHED || rc == UPSP_IUT_OK)
        cx_fail(cx, "the IUT (UE) accepted a SERVER_HELLO it must reject");
    sc_expect_alert(cx, out, n, alert);
}

void sc_expect_alert(cert_cx *cx, const uint8_t *out, size_t n, uint8_t alert)
{
    upsp_hs_alert a;
    char want[64], got[64];
    snprintf(want, sizeof want, "HS_ALERT %s", upsp_alert_name(alert));
    if (n == 0 || upsp_hs_alert_decode(&a, out, n) != UPSP_OK) {
        snprintf(got, sizeof got, "%s", n ? upsp_type_name(out[1]) : "no answer");
        cx_diff(cx, want, got);
        cx_fail(cx, "the IUT did not answer with the handshake alert the spec demands");
    }
    if (a.code != alert) {
        snprintf(got, sizeof got, "HS_ALERT %s", upsp_alert_name(a.code));
        cx_diff(cx, want, got);
        cx_fail(cx, "the IUT sent the wrong handshake alert");
    }
}

/* IUT = UE: CLIENT_HELLO from the IUT through the runner's paging server. */
static void ue_first_flight(cert_cx *cx, cert_hs *hs)
{
    upsp_event pev;
    if (!cx->side.h)
        cx_iut_create(cx, NULL);
    if (cx_iut_start(cx, &cx->side, hs->ch, &hs->ch_len) != UPSP_IUT_OK || !hs->ch_len)
        cx_fail(cx, "the IUT (UE) did not produce a CLIENT_HELLO");
    if (cx_peer_recv(cx, hs->ch, hs->ch_len, hs->sh, &hs->sh_len, &pev) != UPSP_OK)
        cx_fail(cx, "the reference paging server rejected the IUT's CLIENT_HELLO");
}

static void tweak_wrong_kaf(cert_cx *cx, upsp_config *c)
{
    (void)cx;
    c->lookup = sc_lookup_wrong;
}

int sc_lookup_wrong(void *ctx, const uint8_t *akid, size_t akid_len, uint8_t out[32])
{
    (void)ctx, (void)akid, (void)akid_len;
    memcpy(out, wrong_key, 32);
    return 0;
}

static void tweak_wrong_static(cert_cx *cx, upsp_config *c)
{
    (void)cx;
    c->server_priv = wrong_key;
}

static void ue_false_server_kaf(cert_cx *cx)
{
    cert_hs hs;
    cx_peer_init(cx, tweak_wrong_kaf);
    ue_first_flight(cx, &hs);
    expect_ue_fails(cx, hs.sh, hs.sh_len, UPSP_ALERT_AUTH_FAILED);
}

static void ue_false_server_static(cert_cx *cx)
{
    cert_hs hs;
    cx_peer_init(cx, tweak_wrong_static);
    ue_first_flight(cx, &hs);
    expect_ue_fails(cx, hs.sh, hs.sh_len, UPSP_ALERT_AUTH_FAILED);
}

static void complete(cert_cx *cx, uint16_t suite)
{
    upsp_iut_config cfg;
    cert_hs hs;
    cx_default_config(cx, &cfg, cx->t->role);
    cfg.suites[0] = suite;
    cfg.n_suites = 1;
    cx_iut_create(cx, &cfg);
    cx_handshake(cx, &hs);
    if (upsp_session_suite(&cx->peer) != suite)
        cx_fail(cx, "the handshake settled on suite 0x%04x, not 0x%04x", upsp_session_suite(&cx->peer),
                suite);
    cx_register(cx);
}

static void complete_chacha(cert_cx *cx)
{
    complete(cx, UPSP_SUITE_CHACHA20_POLY1305_SHA256);
}

static void complete_aes(cert_cx *cx)
{
    complete(cx, UPSP_SUITE_AES_128_GCM_SHA256);
}

/* IUT = PS: a CLIENT_FINISHED whose MAC was not made with K_AF. */
static void send_forged_finished(cert_cx *cx, const cert_hs *hs, uint8_t *out, size_t *out_len,
                                 upsp_iut_event *ev)
{
    upsp_server_hello sh;
    upsp_client_finished cf;
    uint8_t buf[64];
    size_t n;
    if (upsp_sh_decode(&sh, hs->sh, hs->sh_len) != UPSP_OK)
        cx_fail(cx, "the IUT's SERVER_HELLO does not decode");
    memcpy(cf.session_id, sh.session_id, UPSP_SESSION_ID_LEN);
    memset(cf.mac, 0x5c, sizeof cf.mac);
    upsp_cf_encode(buf, sizeof buf, &n, &cf);
    cx_iut_recv(cx, &cx->side, buf, n, out, out_len, ev);
}

/* The runner UE's CLIENT_HELLO reaches the IUT; its answer is kept. */
static void ps_first_flight(cert_cx *cx, cert_hs *hs)
{
    upsp_iut_event ev;
    if (!cx->side.h)
        cx_iut_create(cx, NULL);
    if (upsp_session_start(&cx->peer, hs->ch, sizeof hs->ch, &hs->ch_len) != UPSP_OK)
        cx_error(cx, "the runner could not start a handshake");
    cx_iut_recv(cx, &cx->side, hs->ch, hs->ch_len, hs->sh, &hs->sh_len, &ev);
}

static void expect_server_hello(cert_cx *cx, const cert_hs *hs)
{
    upsp_server_hello sh;
    if (hs->sh_len != UPSP_SH_LEN || upsp_sh_decode(&sh, hs->sh, hs->sh_len) != UPSP_OK) {
        cx_diff(cx, "SERVER_HELLO (108 octets)",
                hs->sh_len ? upsp_type_name(hs->sh[1]) : "no answer");
        cx_fail(cx, "the IUT (paging server) did not answer with a SERVER_HELLO");
    }
}

static void expect_auth_failed_at_finished(cert_cx *cx, const cert_hs *hs)
{
    upsp_iut_event ev;
    uint8_t out[UPSP_MAX_MSG];
    size_t n;
    send_forged_finished(cx, hs, out, &n, &ev);
    if (ev.kind == UPSP_IUT_EV_ESTABLISHED)
        cx_fail(cx, "the IUT established a session with a forged CLIENT_FINISHED");
    sc_expect_alert(cx, out, n, UPSP_ALERT_AUTH_FAILED);
}

static void ps_masquerading_ue(cert_cx *cx)
{
    cert_hs hs;
    cx_peer_init(cx, NULL);
    ps_first_flight(cx, &hs);
    expect_server_hello(cx, &hs);
    expect_auth_failed_at_finished(cx, &hs);
}

static void tweak_unknown_akid(cert_cx *cx, upsp_config *c)
{
    (void)cx;
    static const char other[] = "a-tid-9999@rid9.akma.5gc.mnc001.mcc001.3gppnetwork.org";
    c->akid = (const uint8_t *)other;
    c->akid_len = sizeof other - 1;
}

static void ps_unknown_akid(cert_cx *cx)
{
    cert_hs hs;
    cx_peer_init(cx, tweak_unknown_akid);
    ps_first_flight(cx, &hs);
    expect_server_hello(cx, &hs); /* no early answer that reveals the A-KID is unknown */
    expect_auth_failed_at_finished(cx, &hs);
}

static void ps_undecryptable_akid(cert_cx *cx)
{
    cert_hs hs;
    upsp_iut_event ev;
    cx_peer_init(cx, NULL);
    cx_iut_create(cx, NULL);
    if (upsp_session_start(&cx->peer, hs.ch, sizeof hs.ch, &hs.ch_len) != UPSP_OK)
        cx_error(cx, "the runner could not start a handshake");
    hs.ch[hs.ch_len - 20] ^= 0x40; /* inside the concealed A-KID */
    cx_iut_recv(cx, &cx->side, hs.ch, hs.ch_len, hs.sh, &hs.sh_len, &ev);
    expect_server_hello(cx, &hs);
    expect_auth_failed_at_finished(cx, &hs);
}

/* The network strips ChaCha20 from the UE's offer; the IUT (UE) must notice. */
static void ue_downgrade(cert_cx *cx)
{
    cert_hs hs;
    upsp_event pev;
    uint8_t ch2[UPSP_MAX_MSG];
    size_t n;
    cx_peer_init(cx, NULL);
    cx_iut_create(cx, NULL);
    if (cx_iut_start(cx, &cx->side, hs.ch, &hs.ch_len) != UPSP_IUT_OK || hs.ch_len < 7 ||
        hs.ch[2] != 2)
        cx_fail(cx, "the IUT (UE) did not offer the two configured suites");
    memcpy(ch2, hs.ch, 2);
    ch2[2] = 1;
    memcpy(ch2 + 3, hs.ch + 5, 2); /* keep only the second suite, AES-128-GCM */
    memcpy(ch2 + 5, hs.ch + 7, hs.ch_len - 7);
    n = hs.ch_len - 2;
    cx_note(cx, "the network removed the first offered suite from CLIENT_HELLO");
    if (cx_peer_recv(cx, ch2, n, hs.sh, &hs.sh_len, &pev) != UPSP_OK)
        cx_error(cx, "the runner's paging server refused the shortened CLIENT_HELLO");
    expect_ue_fails(cx, hs.sh, hs.sh_len, UPSP_ALERT_AUTH_FAILED);
}

static void ue_unoffered_suite(cert_cx *cx)
{
    upsp_iut_config cfg;
    cert_hs hs;
    cx_default_config(cx, &cfg, UPSP_IUT_ROLE_UE);
    cfg.n_suites = 1; /* ChaCha20 only */
    cx_iut_create(cx, &cfg);
    cx_peer_init(cx, NULL);
    ue_first_flight(cx, &hs);
    hs.sh[2] = 0x00;
    hs.sh[3] = 0x01; /* AES-128-GCM, which the UE did not offer */
    cx_note(cx, "SERVER_HELLO rewritten to choose a suite the UE did not offer");
    expect_ue_fails(cx, hs.sh, hs.sh_len, UPSP_ALERT_ILLEGAL_PARAMETER);
}

static void tweak_bogus_suite(cert_cx *cx, upsp_config *c)
{
    static const uint16_t aes[] = {UPSP_SUITE_AES_128_GCM_SHA256};
    (void)cx;
    c->suites = aes;
    c->n_suites = 1;
}

static void ps_no_common_suite(cert_cx *cx)
{
    upsp_iut_config cfg;
    cert_hs hs;
    cx_default_config(cx, &cfg, UPSP_IUT_ROLE_SERVER);
    cfg.n_suites = 1; /* ChaCha20 only */
    cx_iut_create(cx, &cfg);
    cx_peer_init(cx, tweak_bogus_suite); /* the UE offers AES-128-GCM only */
    ps_first_flight(cx, &hs);
    sc_expect_alert(cx, hs.sh, hs.sh_len, UPSP_ALERT_NO_COMMON_SUITE);
}

static void ps_chooses_offered(cert_cx *cx)
{
    cert_hs hs;
    cx_peer_init(cx, tweak_bogus_suite);
    cx_handshake(cx, &hs);
    if (upsp_session_suite(&cx->peer) != UPSP_SUITE_AES_128_GCM_SHA256)
        cx_fail(cx, "the IUT chose a suite the UE did not offer");
}

/* A recorded handshake replayed to a fresh IUT instance never yields a
 * session. */
static void ps_replayed_handshake(cert_cx *cx)
{
    cert_hs hs, again;
    cert_side fresh;
    upsp_iut_event ev;
    upsp_iut_config cfg;
    cx_handshake(cx, &hs);
    cx_default_config(cx, &cfg, UPSP_IUT_ROLE_SERVER);
    cfg.rng_seed ^= 0x1111; /* every instance has randomness of its own */
    memset(&fresh, 0, sizeof fresh);
    cx_iut_create_side(cx, &fresh, &cfg);
    cx_note(cx, "replaying the recorded CLIENT_HELLO and CLIENT_FINISHED to a new instance");
    cx_iut_recv(cx, &fresh, hs.ch, hs.ch_len, again.sh, &again.sh_len, &ev);
    if (again.sh_len == UPSP_SH_LEN && memcmp(again.sh, hs.sh, UPSP_SH_LEN) == 0)
        cx_fail(cx, "the IUT answered a replayed CLIENT_HELLO with the very same SERVER_HELLO");
    cx_iut_recv(cx, &fresh, hs.cf, hs.cf_len, NULL, NULL, &ev);
    if (ev.kind == UPSP_IUT_EV_ESTABLISHED)
        cx_fail(cx, "a replayed handshake established a session");
    /* The live session ignores a second HELLO and FINISHED. */
    cx_expect_reject(cx, hs.ch, hs.ch_len, 0);
    cx_expect_reject(cx, hs.cf, hs.cf_len, 0);
    cx_iut_destroy_side(cx, &fresh);
}

static void ue_replayed_server_hello(cert_cx *cx)
{
    cert_hs hs;
    cert_side fresh;
    upsp_iut_event ev;
    uint8_t ch[UPSP_MAX_MSG];
    size_t ch_len;
    upsp_iut_config cfg;
    cx_handshake(cx, &hs);
    cx_default_config(cx, &cfg, UPSP_IUT_ROLE_UE);
    cfg.rng_seed ^= 0x1111; /* another session of the same UE */
    memset(&fresh, 0, sizeof fresh);
    cx_iut_create_side(cx, &fresh, &cfg);
    if (cx_iut_start(cx, &fresh, ch, &ch_len) != UPSP_IUT_OK)
        cx_fail(cx, "the IUT did not start a second session");
    cx_note(cx, "replaying the first session's SERVER_HELLO to the second");
    cx_iut_recv(cx, &fresh, hs.sh, hs.sh_len, NULL, NULL, &ev);
    if (ev.kind == UPSP_IUT_EV_ESTABLISHED)
        cx_fail(cx, "a replayed SERVER_HELLO established a session");
    cx_expect_reject(cx, hs.sh, hs.sh_len, 0); /* and the first session ignores it */
    cx_iut_destroy_side(cx, &fresh);
}

static void ps_duplicate_hello_while_waiting(cert_cx *cx)
{
    cert_hs hs;
    upsp_iut_event ev;
    upsp_event pev;
    cx_peer_init(cx, NULL);
    ps_first_flight(cx, &hs);
    expect_server_hello(cx, &hs);
    cx_expect_reject(cx, hs.ch, hs.ch_len, 0);
    if (cx_peer_recv(cx, hs.sh, hs.sh_len, hs.cf, &hs.cf_len, &pev) != UPSP_OK)
        cx_fail(cx, "the reference UE rejected the IUT's SERVER_HELLO");
    cx_iut_recv(cx, &cx->side, hs.cf, hs.cf_len, NULL, NULL, &ev);
    if (ev.kind != UPSP_IUT_EV_ESTABLISHED)
        cx_fail(cx, "a duplicate CLIENT_HELLO disturbed the handshake");
}

static void ps_low_order_point(cert_cx *cx)
{
    cert_hs hs;
    upsp_iut_event ev;
    cx_peer_init(cx, NULL);
    cx_iut_create(cx, NULL);
    upsp_session_start(&cx->peer, hs.ch, sizeof hs.ch, &hs.ch_len);
    memset(hs.ch + 3 + 2 * hs.ch[2] + UPSP_NONCE_LEN, 0, UPSP_KEY_LEN); /* E_U = 0 */
    cx_note(cx, "E_U replaced by the low-order point 0");
    cx_iut_recv(cx, &cx->side, hs.ch, hs.ch_len, hs.sh, &hs.sh_len, &ev);
    sc_expect_alert(cx, hs.sh, hs.sh_len, UPSP_ALERT_ILLEGAL_PARAMETER);
}

static void ue_low_order_point(cert_cx *cx)
{
    cert_hs hs;
    cx_peer_init(cx, NULL);
    ue_first_flight(cx, &hs);
    memset(hs.sh + 44, 0, UPSP_KEY_LEN); /* E_S = 0 */
    cx_note(cx, "E_S replaced by the low-order point 0");
    expect_ue_fails(cx, hs.sh, hs.sh_len, UPSP_ALERT_ILLEGAL_PARAMETER);
}

static void ps_bad_version(cert_cx *cx)
{
    cert_hs hs;
    upsp_iut_event ev;
    cx_peer_init(cx, NULL);
    cx_iut_create(cx, NULL);
    upsp_session_start(&cx->peer, hs.ch, sizeof hs.ch, &hs.ch_len);
    hs.ch[0] = 0x02;
    cx_iut_recv(cx, &cx->side, hs.ch, hs.ch_len, hs.sh, &hs.sh_len, &ev);
    sc_expect_alert(cx, hs.sh, hs.sh_len, UPSP_ALERT_UNSUPPORTED_VERSION);
}

static void ps_trailing_octet(cert_cx *cx)
{
    cert_hs hs;
    upsp_iut_event ev;
    cx_peer_init(cx, NULL);
    cx_iut_create(cx, NULL);
    upsp_session_start(&cx->peer, hs.ch, sizeof hs.ch, &hs.ch_len);
    hs.ch[hs.ch_len++] = 0x00;
    cx_iut_recv(cx, &cx->side, hs.ch, hs.ch_len, hs.sh, &hs.sh_len, &ev);
    sc_expect_alert(cx, hs.sh, hs.sh_len, UPSP_ALERT_DECODE_ERROR);
}

static void ps_truncated_hello(cert_cx *cx)
{
    static const size_t cuts[] = {1, 2, 3, 40, 100, 342};
    uint8_t ch[UPSP_MAX_MSG];
    size_t ch_len;
    cx_peer_init(cx, NULL);
    upsp_session_start(&cx->peer, ch, sizeof ch, &ch_len);
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        cert_side s;
        uint8_t out[UPSP_MAX_MSG];
        size_t n;
        upsp_iut_event ev;
        memset(&s, 0, sizeof s);
        cx_iut_create_side(cx, &s, NULL);
        cx_iut_recv(cx, &s, ch, cuts[i], out, &n, &ev);
        if (ev.kind == UPSP_IUT_EV_ESTABLISHED || (n >= 2 && out[1] == UPSP_T_SERVER_HELLO))
            cx_fail(cx, "the IUT answered a CLIENT_HELLO cut to %zu octets with a SERVER_HELLO",
                    cuts[i]);
        cx_iut_destroy_side(cx, &s);
    }
}

static void ps_duplicate_suite(cert_cx *cx)
{
    cert_hs hs;
    upsp_iut_event ev;
    cx_peer_init(cx, NULL);
    cx_iut_create(cx, NULL);
    upsp_session_start(&cx->peer, hs.ch, sizeof hs.ch, &hs.ch_len);
    hs.ch[5] = hs.ch[3];
    hs.ch[6] = hs.ch[4];
    cx_iut_recv(cx, &cx->side, hs.ch, hs.ch_len, hs.sh, &hs.sh_len, &ev);
    sc_expect_alert(cx, hs.sh, hs.sh_len, UPSP_ALERT_DECODE_ERROR);
}

/* An unknown suite code point in the offer is ignored, not an error. */
static void ps_unknown_suite_ignored(cert_cx *cx)
{
    cert_hs hs;
    upsp_iut_event ev;
    uint8_t ch2[UPSP_MAX_MSG];
    cx_peer_init(cx, NULL);
    cx_iut_create(cx, NULL);
    upsp_session_start(&cx->peer, hs.ch, sizeof hs.ch, &hs.ch_len);
    /* A third, unknown suite goes first. The concealed A-KID's additional
     * data changes with it, so the A-KID no longer opens; the IUT cannot
     * tell that apart from an unknown A-KID and must still answer with a
     * SERVER_HELLO - an IUT that chokes on the unknown suite does not. */
    memcpy(ch2, hs.ch, 2);
    ch2[2] = 3;
    ch2[3] = 0x7f;
    ch2[4] = 0x7f;
    memcpy(ch2 + 5, hs.ch + 3, hs.ch_len - 3);
    cx_iut_recv(cx, &cx->side, ch2, hs.ch_len + 2, hs.sh, &hs.sh_len, &ev);
    expect_server_hello(cx, &hs);
}

/* CLIENT_HELLO carries the A-KID only concealed, at full padded size, and a
 * fresh concealment each time (UPSP-CONF-1, -2). */
static void ue_akid_concealed(cert_cx *cx)
{
    uint8_t ch[UPSP_MAX_MSG], ch2[UPSP_MAX_MSG];
    size_t n, n2;
    cert_side again;
    upsp_iut_config cfg;
    cx_iut_create(cx, NULL);
    if (cx_iut_start(cx, &cx->side, ch, &n) != UPSP_IUT_OK)
        cx_fail(cx, "the IUT did not produce a CLIENT_HELLO");
    if (sc_contains(ch, n, (const uint8_t *)cx->fx.akid, cx->fx.akid_len) ||
        sc_contains(ch, n, (const uint8_t *)cx->fx.akid, 12))
        cx_fail(cx, "the A-KID appears in clear in CLIENT_HELLO");
    if (n < 3 || n != UPSP_CH_LEN(ch[2])) {
        char want[32], got[32];
        snprintf(want, sizeof want, "%zu octets", n >= 3 ? UPSP_CH_LEN(ch[2]) : (size_t)343);
        snprintf(got, sizeof got, "%zu octets", n);
        cx_diff(cx, want, got);
        cx_fail(cx, "CLIENT_HELLO does not have the fixed, padded layout");
    }
    cx_default_config(cx, &cfg, UPSP_IUT_ROLE_UE);
    cfg.rng_seed ^= 0x2222;
    memset(&again, 0, sizeof again);
    cx_iut_create_side(cx, &again, &cfg);
    if (cx_iut_start(cx, &again, ch2, &n2) != UPSP_IUT_OK || n2 != n)
        cx_fail(cx, "a second session's CLIENT_HELLO differs in size");
    if (memcmp(ch + n - UPSP_CONCEALED_LEN, ch2 + n - UPSP_CONCEALED_LEN, UPSP_CONCEALED_LEN) == 0 ||
        memcmp(ch + 3 + 2 * ch[2], ch2 + 3 + 2 * ch[2], 64) == 0)
        cx_fail(cx, "two sessions used the same nonce, ephemeral key or concealed A-KID");
    cx_iut_destroy_side(cx, &again);
    /* and the runner's paging server can open it: the concealment is right */
    cx_peer_init(cx, NULL);
    cx_iut_destroy_side(cx, &cx->side);
    cx_handshake(cx, NULL);
}

/* Two paging-server sessions answer with different session IDs and keys. */
static void ps_fresh_session_ids(cert_cx *cx)
{
    cert_hs a, b;
    cx_handshake(cx, &a);
    cx_iut_destroy_side(cx, &cx->side);
    upsp_session_cleanup(&cx->peer);
    cx->peer_ready = 0;
    cx->seed ^= 0x3333;
    cx_handshake(cx, &b);
    if (memcmp(a.sh + 4, b.sh + 4, UPSP_SESSION_ID_LEN) == 0 || memcmp(a.sh + 44, b.sh + 44, 32) == 0)
        cx_fail(cx, "two handshakes reused a session ID or an ephemeral key");
}

/* A clear alert with an undefined code does not end the wait. */
static void ue_bad_alert_code(cert_cx *cx)
{
    cert_hs hs;
    upsp_iut_event ev;
    uint8_t al[UPSP_HS_ALERT_LEN] = {UPSP_VERSION, UPSP_T_HS_ALERT, 0, 0, 0, 0, 0, 0, 0, 0, 99};
    cx_peer_init(cx, NULL);
    ue_first_flight(cx, &hs);
    cx_expect_reject(cx, al, sizeof al, 0);
    cx_iut_recv(cx, &cx->side, hs.sh, hs.sh_len, hs.cf, &hs.cf_len, &ev);
    if (ev.kind != UPSP_IUT_EV_ESTABLISHED)
        cx_fail(cx, "an HS_ALERT with an undefined code ended the handshake");
}

void sc_add_handshake(cert_list *l)
{
    const int UE = UPSP_IUT_ROLE_UE, PS = UPSP_IUT_ROLE_SERVER;
    for (int role = UE; role <= PS; role++) {
        cert_add(l, "hs.complete_chacha20", role,
                 "UPSP-AUTH-1 UPSP-AUTH-2 UPSP-KEY-1 UPSP-KEY-2 UPSP-KEY-3 UPSP-KEY-4 UPSP-KEY-5 "
                 "UPSP-KEY-7 UPSP-KEY-10 UPSP-CONF-2 UPSP-INT-4 UPSP-INT-6",
                 "a full handshake and registration with the reference, ChaCha20-Poly1305",
                 "established, REGISTER and REGISTER_ACK delivered", complete_chacha);
        cert_add(l, "hs.complete_aes128gcm", role,
                 "UPSP-AUTH-1 UPSP-AUTH-2 UPSP-KEY-4 UPSP-KEY-5 UPSP-KEY-7 UPSP-INT-4 UPSP-INT-6",
                 "a full handshake and registration with the reference, AES-128-GCM",
                 "established, REGISTER and REGISTER_ACK delivered", complete_aes);
    }
    cert_add(l, "hs.false_server_wrong_kaf", UE, "UPSP-AUTH-1",
             "a paging server with the right static key but the wrong K_AF",
             "no session; HS_ALERT auth_failed", ue_false_server_kaf);
    cert_add(l, "hs.false_server_wrong_static_key", UE, "UPSP-AUTH-1 UPSP-KEY-4",
             "a paging server without the static private key",
             "no session; HS_ALERT auth_failed", ue_false_server_static);
    cert_add(l, "hs.masquerading_ue", PS, "UPSP-AUTH-2",
             "a UE without K_AF sends a CLIENT_FINISHED with a forged MAC_U",
             "no session; HS_ALERT auth_failed", ps_masquerading_ue);
    cert_add(l, "hs.unknown_akid", PS, "UPSP-AUTH-4",
             "a CLIENT_HELLO with an A-KID the paging server does not know",
             "a normal SERVER_HELLO, then auth_failed at CLIENT_FINISHED", ps_unknown_akid);
    cert_add(l, "hs.undecryptable_akid", PS, "UPSP-AUTH-4 UPSP-PARSE-16",
             "a CLIENT_HELLO whose concealed A-KID does not open",
             "a normal SERVER_HELLO, then auth_failed at CLIENT_FINISHED", ps_undecryptable_akid);
    cert_add(l, "hs.downgraded_offer", UE, "UPSP-AUTH-5",
             "the network removes a suite from the UE's offer",
             "no session; HS_ALERT auth_failed", ue_downgrade);
    cert_add(l, "hs.unoffered_suite", UE, "UPSP-AUTH-5",
             "a SERVER_HELLO choosing a suite the UE did not offer",
             "no session; HS_ALERT illegal_parameter", ue_unoffered_suite);
    cert_add(l, "hs.no_common_suite", PS, "UPSP-AUTH-6",
             "the UE offers only a suite the paging server does not accept",
             "HS_ALERT no_common_suite", ps_no_common_suite);
    cert_add(l, "hs.chooses_offered_suite", PS, "UPSP-AUTH-6 UPSP-KEY-7",
             "the UE offers AES-128-GCM only", "the session uses AES-128-GCM", ps_chooses_offered);
    cert_add(l, "hs.replayed_handshake", PS, "UPSP-AUTH-7 UPSP-AUTH-9 UPSP-KEY-9",
             "a recorded CLIENT_HELLO and CLIENT_FINISHED replayed",
             "a fresh SERVER_HELLO, no session; the live session ignores them",
             ps_replayed_handshake);
    cert_add(l, "hs.replayed_server_hello", UE, "UPSP-AUTH-7",
             "a SERVER_HELLO of an earlier session replayed", "no session", ue_replayed_server_hello);
    cert_add(l, "hs.duplicate_client_hello", PS, "UPSP-AUTH-7 UPSP-PARSE-13",
             "CLIENT_HELLO again while waiting for CLIENT_FINISHED",
             "discarded; the handshake completes", ps_duplicate_hello_while_waiting);
    cert_add(l, "hs.low_order_point", PS, "UPSP-KEY-6",
             "a CLIENT_HELLO whose E_U is a low-order point", "HS_ALERT illegal_parameter",
             ps_low_order_point);
    cert_add(l, "hs.low_order_point", UE, "UPSP-KEY-6",
             "a SERVER_HELLO whose E_S is a low-order point", "no session; HS_ALERT illegal_parameter",
             ue_low_order_point);
    cert_add(l, "hs.unsupported_version", PS, "UPSP-PARSE-2",
             "a CLIENT_HELLO with version 2", "HS_ALERT unsupported_version", ps_bad_version);
    cert_add(l, "hs.trailing_octet", PS, "UPSP-PARSE-5",
             "a CLIENT_HELLO with one octet too many", "HS_ALERT decode_error", ps_trailing_octet);
    cert_add(l, "hs.truncated_hello", PS, "UPSP-PARSE-4",
             "CLIENT_HELLO cut short at several lengths", "no SERVER_HELLO", ps_truncated_hello);
    cert_add(l, "hs.duplicate_suite", PS, "UPSP-PARSE-12",
             "a CLIENT_HELLO listing one suite twice", "HS_ALERT decode_error", ps_duplicate_suite);
    cert_add(l, "hs.unknown_suite_ignored", PS, "UPSP-PARSE-12",
             "a CLIENT_HELLO offering an unknown suite first", "a SERVER_HELLO",
             ps_unknown_suite_ignored);
    cert_add(l, "hs.akid_concealed", UE, "UPSP-CONF-1 UPSP-CONF-2 UPSP-CONF-4 UPSP-KEY-9",
             "the A-KID on the wire", "only concealed, 272 octets, different every session",
             ue_akid_concealed);
    cert_add(l, "hs.fresh_session_ids", PS, "UPSP-AUTH-9 UPSP-CONF-4 UPSP-KEY-9",
             "two handshakes with one paging server", "different session IDs and E_S",
             ps_fresh_session_ids);
    cert_add(l, "hs.undefined_alert_code", UE, "UPSP-PARSE-17",
             "an HS_ALERT with an undefined code while waiting for SERVER_HELLO",
             "discarded; the handshake completes", ue_bad_alert_code);
}
