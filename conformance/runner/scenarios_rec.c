/*
 * scenarios_rec.c - record scenarios: tampering, replay, reordering,
 * reflection, injection from another session, early data, the state table
 * and alerts. The runner's peer seals what it sends with the real keys, so
 * every check reaches the code behind the AEAD.
 */
#include <stdio.h>
#include <string.h>

#include "cert.h"
#include "scenarios.h"

int sc_contains(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m)
{
    for (size_t i = 0; m && i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}

static uint8_t peer_flags(const cert_cx *cx)
{
    return cx->peer_role == UPSP_ROLE_SERVER ? UPSP_FLAG_FROM_SERVER : 0;
}

/* The message the peer sends in REGISTERED state: PAGING_NOTIFY to a UE,
 * PAGING_RESPONSE to a paging server. Both may repeat. */
static void probe_msg(const cert_cx *cx, upsp_msg *m)
{
    cx_sample(m, cx->t->role == UPSP_IUT_ROLE_UE ? UPSP_T_PAGING_NOTIFY : UPSP_T_PAGING_RESPONSE);
}

/* Handshake and registration; the peer's next sequence number is 1. */
static void setup(cert_cx *cx, upsp_msg *probe)
{
    cx_handshake(cx, NULL);
    cx_register(cx);
    probe_msg(cx, probe);
}

/* A probe record with a chosen sequence number. */
size_t sc_probe_raw(cert_cx *cx, const upsp_msg *m, uint64_t seq, uint8_t *out)
{
    uint8_t payload[UPSP_MAX_PAYLOAD];
    upsp_wr w;
    upsp_wr_init(&w, payload, sizeof payload);
    if (upsp_msg_encode(&w, m) != UPSP_OK)
        cx_error(cx, "the runner could not encode its probe message");
    return cx_peer_raw(cx, m->type, peer_flags(cx), seq, payload, w.len, out);
}

/* Tampering with one part of a record: the mutation, then the untouched
 * record must still be accepted (the failed one left no trace). */
typedef struct {
    const char *name;
    const char *reqs;
    const char *summary;
    int offset;       /* octet to change; negative counts from the end (-1: last) */
    uint8_t xor_mask; /* 0: cut the record instead */
    size_t keep;      /* with xor_mask 0: octets kept; 0 means all but the last */
} tamper_case;

static const tamper_case tampers[] = {
    {"rec.tamper_version", "UPSP-INT-1 UPSP-PARSE-2", "record version octet changed", 0, 0x03, 0},
    {"rec.tamper_type", "UPSP-INT-1", "record type changed to another record type", 1, 0x07, 0},
    {"rec.tamper_reserved_flag", "UPSP-PARSE-11", "a reserved flag bit set", 2, 0x80, 0},
    {"rec.tamper_direction_bit", "UPSP-INT-1 UPSP-INT-3", "the direction bit flipped", 2, 0x01, 0},
    {"rec.tamper_session_id", "UPSP-INT-1 UPSP-INT-5", "one session ID octet changed", 7, 0x10, 0},
    {"rec.tamper_sequence", "UPSP-INT-1 UPSP-INT-6", "the sequence number changed", 18, 0x04, 0},
    {"rec.tamper_ciphertext", "UPSP-INT-2", "one ciphertext octet changed", 21, 0x01, 0},
    {"rec.tamper_tag", "UPSP-INT-2 UPSP-AUTH-3", "one tag octet changed", -1, 0x80, 0},
    {"rec.truncated_tag", "UPSP-INT-2 UPSP-PARSE-4", "the last octet removed", 0, 0, 0},
    {"rec.truncated_to_header", "UPSP-PARSE-4", "the header and half a tag", 0, 0,
     UPSP_HDR_LEN + 8},
};

static void run_tamper(cert_cx *cx)
{
    const tamper_case *tc = cx->t->data;
    uint8_t rec[UPSP_MAX_MSG], bad[UPSP_MAX_MSG];
    size_t n, bad_len;
    upsp_msg m;
    setup(cx, &m);
    n = sc_probe_raw(cx, &m, 1, rec);
    memcpy(bad, rec, n);
    bad_len = n;
    if (tc->xor_mask == 0)
        bad_len = tc->keep ? tc->keep : n - 1;
    else
        bad[tc->offset < 0 ? n - (size_t)(-tc->offset) : (size_t)tc->offset] ^= tc->xor_mask;
    cx_note(cx, "%s", tc->summary);
    cx_expect_reject(cx, bad, bad_len, 0);
    cx_note(cx, "the untouched record");
    cx_expect_accept(cx, rec, n, &m);
}

static void replay_duplicate(cert_cx *cx)
{
    uint8_t rec[UPSP_MAX_MSG];
    upsp_msg m;
    setup(cx, &m);
    size_t n = cx_peer_send(cx, &m, rec);
    cx_expect_accept(cx, rec, n, &m);
    cx_note(cx, "the same record again");
    cx_expect_reject(cx, rec, n, CLS(UPSP_IUT_E_REPLAY));
}

/* With W = 64 and 100 accepted, 36 is left of the window and 37 is not. */
static void window_edges(cert_cx *cx, uint32_t w)
{
    uint8_t rec[UPSP_MAX_MSG];
    upsp_msg m;
    upsp_iut_config cfg;
    size_t n;
    cx_default_config(cx, &cfg, cx->t->role);
    cfg.window = w;
    cx_iut_create(cx, &cfg);
    setup(cx, &m);
    n = sc_probe_raw(cx, &m, 100, rec);
    cx_expect_accept(cx, rec, n, &m);
    cx_note(cx, "window %u: %u is left of it", w, 100 - w);
    n = sc_probe_raw(cx, &m, 100 - w, rec);
    cx_expect_reject(cx, rec, n, CLS(UPSP_IUT_E_REPLAY));
    cx_note(cx, "window %u: %u is its left edge", w, 101 - w);
    n = sc_probe_raw(cx, &m, 101 - w, rec);
    cx_expect_accept(cx, rec, n, &m);
    cx_expect_reject(cx, rec, n, CLS(UPSP_IUT_E_REPLAY));
}

static void window_64(cert_cx *cx)
{
    window_edges(cx, 64);
}

static void window_32(cert_cx *cx)
{
    window_edges(cx, 32);
}

static void window_1024(cert_cx *cx)
{
    uint8_t rec[UPSP_MAX_MSG];
    upsp_msg m;
    upsp_iut_config cfg;
    size_t n;
    cx_default_config(cx, &cfg, cx->t->role);
    cfg.window = 1024;
    cx_iut_create(cx, &cfg);
    setup(cx, &m);
    n = sc_probe_raw(cx, &m, 2000, rec);
    cx_expect_accept(cx, rec, n, &m);
    n = sc_probe_raw(cx, &m, 977, rec);
    cx_expect_accept(cx, rec, n, &m);
    n = sc_probe_raw(cx, &m, 976, rec);
    cx_expect_reject(cx, rec, n, CLS(UPSP_IUT_E_REPLAY));
}

static void far_ahead_and_ceiling(cert_cx *cx)
{
    uint8_t rec[UPSP_MAX_MSG];
    upsp_msg m;
    size_t n;
    setup(cx, &m);
    n = sc_probe_raw(cx, &m, 1000000, rec);
    cx_expect_accept(cx, rec, n, &m);
    n = sc_probe_raw(cx, &m, UPSP_SEQ_LIMIT - 1, rec);
    cx_expect_accept(cx, rec, n, &m);
    /* 2^48 cannot be sealed by the reference; patch it into a record: the
     * header check must refuse it before any decryption. */
    n = sc_probe_raw(cx, &m, UPSP_SEQ_LIMIT - 2, rec);
    upsp_put_u64(rec + 11, UPSP_SEQ_LIMIT);
    cx_note(cx, "sequence number 2^48");
    cx_expect_reject(cx, rec, n, 0);
}

static void reorder(cert_cx *cx)
{
    uint8_t r5[UPSP_MAX_MSG], r3[UPSP_MAX_MSG], r4[UPSP_MAX_MSG];
    upsp_msg m;
    size_t n5, n3, n4;
    setup(cx, &m);
    n5 = sc_probe_raw(cx, &m, 5, r5);
    n3 = sc_probe_raw(cx, &m, 3, r3);
    n4 = sc_probe_raw(cx, &m, 4, r4);
    cx_expect_accept(cx, r5, n5, &m);
    cx_expect_accept(cx, r3, n3, &m);
    cx_expect_accept(cx, r4, n4, &m);
    cx_expect_reject(cx, r4, n4, CLS(UPSP_IUT_E_REPLAY));
}

static void reflect(cert_cx *cx)
{
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg hb = {.type = UPSP_T_HEARTBEAT};
    cx_handshake(cx, NULL);
    if (cx_iut_send(cx, &cx->side, &hb, rec, &n) != UPSP_IUT_OK || !n)
        cx_fail(cx, "the IUT refused to send a HEARTBEAT in an open session");
    cx_note(cx, "the IUT's own record sent back to it");
    cx_expect_reject(cx, rec, n, 0);
}

static void cross_session(cert_cx *cx)
{
    uint8_t other[UPSP_MAX_MSG], own[UPSP_MAX_MSG];
    size_t n, m_len;
    upsp_msg m;
    setup(cx, &m);
    n = sc_probe_raw(cx, &m, 1, other);
    /* a second, independent session */
    cx_iut_destroy_side(cx, &cx->side);
    upsp_session_cleanup(&cx->peer);
    cx->peer_ready = 0;
    cx->seed ^= UINT64_C(0x5e55);
    setup(cx, &m);
    m_len = sc_probe_raw(cx, &m, 1, own);
    cx_note(cx, "a record of the first session");
    cx_expect_reject(cx, other, n, 0);
    memcpy(other + 3, upsp_session_id(&cx->peer), UPSP_SESSION_ID_LEN);
    cx_note(cx, "the same record with this session's ID written in");
    cx_expect_reject(cx, other, n, 0);
    cx_expect_accept(cx, own, m_len, &m);
}

static void before_handshake_ps(cert_cx *cx)
{
    cert_hs hs;
    upsp_iut_event ev;
    upsp_event pev;
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg reg;
    cx_peer_init(cx, NULL);
    cx_iut_create(cx, NULL);
    upsp_session_start(&cx->peer, hs.ch, sizeof hs.ch, &hs.ch_len);
    cx_iut_recv(cx, &cx->side, hs.ch, hs.ch_len, hs.sh, &hs.sh_len, &ev);
    if (cx_peer_recv(cx, hs.sh, hs.sh_len, hs.cf, &hs.cf_len, &pev) != UPSP_OK)
        cx_fail(cx, "the reference UE rejected the IUT's SERVER_HELLO");
    cx_sample(&reg, UPSP_T_REGISTER);
    n = cx_peer_send(cx, &reg, rec);
    cx_note(cx, "REGISTER overtakes CLIENT_FINISHED");
    cx_expect_reject(cx, rec, n, 0);
    cx_iut_recv(cx, &cx->side, hs.cf, hs.cf_len, NULL, NULL, &ev);
    if (ev.kind != UPSP_IUT_EV_ESTABLISHED)
        cx_fail(cx, "the handshake did not complete after early data");
    cx_expect_accept(cx, rec, n, &reg);
}

static void before_handshake_ue(cert_cx *cx)
{
    cert_hs hs;
    upsp_iut_event ev;
    upsp_event pev;
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    cx_peer_init(cx, NULL);
    cx_iut_create(cx, NULL);
    cx_iut_start(cx, &cx->side, hs.ch, &hs.ch_len);
    if (cx_peer_recv(cx, hs.ch, hs.ch_len, hs.sh, &hs.sh_len, &pev) != UPSP_OK)
        cx_fail(cx, "the reference paging server rejected the IUT's CLIENT_HELLO");
    n = cx_peer_raw(cx, UPSP_T_HEARTBEAT, UPSP_FLAG_FROM_SERVER, 0, NULL, 0, rec);
    cx_note(cx, "a HEARTBEAT overtakes SERVER_HELLO");
    cx_expect_reject(cx, rec, n, 0);
    cx_iut_recv(cx, &cx->side, hs.sh, hs.sh_len, hs.cf, &hs.cf_len, &ev);
    if (ev.kind != UPSP_IUT_EV_ESTABLISHED)
        cx_fail(cx, "the handshake did not complete after early data");
}

/* Nothing is sent before the peer's MAC is verified (UPSP-AUTH-8). */
static void send_before_handshake(cert_cx *cx)
{
    uint8_t buf[UPSP_MAX_MSG], out[UPSP_MAX_MSG];
    size_t n = 0, out_len = 0;
    upsp_msg hb = {.type = UPSP_T_HEARTBEAT};
    upsp_iut_event ev;
    cx_peer_init(cx, NULL);
    cx_iut_create(cx, NULL);
    if (cx->t->role == UPSP_IUT_ROLE_UE) {
        cx_iut_start(cx, &cx->side, buf, &n);
    } else {
        upsp_session_start(&cx->peer, buf, sizeof buf, &n);
        cx_iut_recv(cx, &cx->side, buf, n, out, &out_len, &ev);
    }
    if (cx_iut_send(cx, &cx->side, &hb, out, &out_len) == UPSP_IUT_OK || out_len)
        cx_fail(cx, "the IUT sent an application record before the handshake completed");
}

static void iut_records(cert_cx *cx)
{
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg hb = {.type = UPSP_T_HEARTBEAT};
    upsp_event pev;
    uint8_t want_flags = cx->t->role == UPSP_IUT_ROLE_SERVER ? UPSP_FLAG_FROM_SERVER : 0;
    cx_handshake(cx, NULL);
    for (uint64_t seq = 0; seq < 3; seq++) {
        upsp_hdr h;
        if (cx_iut_send(cx, &cx->side, &hb, rec, &n) != UPSP_IUT_OK)
            cx_fail(cx, "the IUT refused to send a HEARTBEAT");
        if (upsp_record_parse(&h, rec, n) != UPSP_OK)
            cx_fail(cx, "the IUT's record header does not parse");
        if (h.seq != seq) {
            char a[32], b[32];
            snprintf(a, sizeof a, "seq %llu", (unsigned long long)seq);
            snprintf(b, sizeof b, "seq %llu", (unsigned long long)h.seq);
            cx_diff(cx, a, b);
            cx_fail(cx, "the IUT's sequence numbers do not start at 0 and count up by one");
        }
        if (h.flags != want_flags || memcmp(h.session_id, upsp_session_id(&cx->peer), 8) != 0)
            cx_fail(cx, "the IUT's record has the wrong direction bit or session ID");
        if (cx_peer_recv(cx, rec, n, NULL, NULL, &pev) != UPSP_OK || pev.kind != UPSP_EV_MESSAGE)
            cx_fail(cx, "the reference cannot open the IUT's record (key, IV, nonce or AAD wrong)");
    }
}

static void identity_protected(cert_cx *cx)
{
    static const uint8_t stmsi[6] = {0xa9, 0x53, 0xc0, 0xff, 0xee, 0x42};
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg reg;
    upsp_event pev;
    cx_handshake(cx, NULL);
    cx_sample(&reg, UPSP_T_REGISTER);
    if (cx_iut_send(cx, &cx->side, &reg, rec, &n) != UPSP_IUT_OK)
        cx_fail(cx, "the IUT refused to send REGISTER");
    if (sc_contains(rec, n, stmsi, 6) || sc_contains(rec, n, stmsi + 2, 4))
        cx_fail(cx, "the 5G-S-TMSI appears in clear in the IUT's REGISTER");
    if (cx_peer_recv(cx, rec, n, NULL, NULL, &pev) != UPSP_OK || pev.kind != UPSP_EV_MESSAGE ||
        memcmp(&pev.msg, &reg, sizeof reg) != 0)
        cx_fail(cx, "the reference could not open the IUT's REGISTER to the same fields");
}

static size_t raw_msg(cert_cx *cx, const upsp_msg *m, uint64_t seq, uint8_t *out)
{
    return sc_probe_raw(cx, m, seq, out);
}

static void state_table(cert_cx *cx)
{
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg m, hb = {.type = UPSP_T_HEARTBEAT};
    cx_handshake(cx, NULL);
    if (cx->t->role == UPSP_IUT_ROLE_UE) {
        cx_sample(&m, UPSP_T_PAGING_NOTIFY);
        cx_note(cx, "PAGING_NOTIFY before any registration");
        n = raw_msg(cx, &m, 0, rec);
        cx_expect_reject(cx, rec, n, 0);
        cx_sample(&m, UPSP_T_REGISTER);
        cx_note(cx, "REGISTER sent to a UE");
        n = raw_msg(cx, &m, 1, rec);
        cx_expect_reject(cx, rec, n, 0);
    } else {
        cx_sample(&m, UPSP_T_PAGING_RESPONSE);
        cx_note(cx, "PAGING_RESPONSE before any registration");
        n = raw_msg(cx, &m, 0, rec);
        cx_expect_reject(cx, rec, n, 0);
        cx_sample(&m, UPSP_T_REGISTER_ACK);
        cx_note(cx, "REGISTER_ACK sent to a paging server");
        n = raw_msg(cx, &m, 1, rec);
        cx_expect_reject(cx, rec, n, 0);
    }
    n = raw_msg(cx, &hb, 2, rec);
    cx_expect_accept(cx, rec, n, &hb);
}

static void wrong_reg_id(cert_cx *cx)
{
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg m;
    setup(cx, &m);
    if (cx->t->role == UPSP_IUT_ROLE_UE) {
        cx_sample(&m, UPSP_T_PAGING_NOTIFY);
        m.u.notify.reg_id = 8;
    } else {
        cx_sample(&m, UPSP_T_DEREGISTER);
        m.u.dereg.reg_id = 8;
    }
    cx_note(cx, "%s with a registration ID that was never granted", upsp_type_name(m.type));
    n = raw_msg(cx, &m, 1, rec);
    cx_expect_reject(cx, rec, n, 0);
}

static void alert_closes(cert_cx *cx)
{
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg alert = {.type = UPSP_T_ALERT}, hb = {.type = UPSP_T_HEARTBEAT};
    upsp_iut_event ev;
    cx_handshake(cx, NULL);
    /* sealed raw, so that the runner keeps its keys after "closing" */
    n = raw_msg(cx, &alert, 0, rec);
    cx_iut_recv(cx, &cx->side, rec, n, NULL, NULL, &ev);
    if (ev.kind != UPSP_IUT_EV_CLOSED)
        cx_fail(cx, "a protected ALERT did not close the session");
    n = raw_msg(cx, &hb, 1, rec);
    cx_note(cx, "a valid record after the close");
    cx_expect_reject(cx, rec, n, 0);
    if (cx_iut_send(cx, &cx->side, &hb, rec, &n) == UPSP_IUT_OK)
        cx_fail(cx, "the IUT still sends in a closed session");
}

static void clear_alert_ignored(cert_cx *cx)
{
    uint8_t al[UPSP_HS_ALERT_LEN] = {UPSP_VERSION, UPSP_T_HS_ALERT};
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg hb = {.type = UPSP_T_HEARTBEAT};
    cx_handshake(cx, NULL);
    memcpy(al + 2, upsp_session_id(&cx->peer), 8);
    al[10] = UPSP_ALERT_INTERNAL_ERROR;
    cx_note(cx, "an unauthenticated HS_ALERT in an established session");
    cx_expect_reject(cx, al, sizeof al, 0);
    n = raw_msg(cx, &hb, 0, rec);
    cx_expect_accept(cx, rec, n, &hb);
}

static void oversize(cert_cx *cx)
{
    static uint8_t big[UPSP_MAX_MSG + 1];
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg hb = {.type = UPSP_T_HEARTBEAT};
    cx_handshake(cx, NULL);
    n = raw_msg(cx, &hb, 0, rec);
    memcpy(big, rec, UPSP_HDR_LEN);
    cx_note(cx, "a 1233-octet record");
    cx_expect_reject(cx, big, sizeof big, 0);
    cx_expect_accept(cx, rec, n, &hb);
}

static void unknown_type(cert_cx *cx)
{
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg hb = {.type = UPSP_T_HEARTBEAT};
    cx_handshake(cx, NULL);
    n = cx_peer_raw(cx, 0x20, peer_flags(cx), 0, NULL, 0, rec);
    cx_expect_reject(cx, rec, n, 0);
    rec[1] = 0x7f;
    cx_expect_reject(cx, rec, 2, 0);
    n = raw_msg(cx, &hb, 1, rec);
    cx_expect_accept(cx, rec, n, &hb);
}

static void deregister_closes(cert_cx *cx)
{
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg m, hb = {.type = UPSP_T_HEARTBEAT};
    setup(cx, &m);
    cx_sample(&m, UPSP_T_DEREGISTER);
    n = raw_msg(cx, &m, 1, rec);
    cx_expect_accept(cx, rec, n, &m);
    n = raw_msg(cx, &hb, 2, rec);
    cx_note(cx, "a HEARTBEAT after DEREGISTER");
    cx_expect_reject(cx, rec, n, 0);
}

void sc_add_records(cert_list *l)
{
    for (int role = UPSP_IUT_ROLE_UE; role <= UPSP_IUT_ROLE_SERVER; role++) {
        for (size_t i = 0; i < sizeof tampers / sizeof tampers[0]; i++) {
            cert_test *t = cert_add(l, tampers[i].name, role, tampers[i].reqs, tampers[i].summary,
                                    "rejected; the untouched record is then accepted", run_tamper);
            if (t)
                t->data = &tampers[i];
        }
        cert_add(l, "rec.replay_duplicate", role, "UPSP-RPL-5 UPSP-RPL-4",
                 "a delivered record sent again", "rejected as a replay", replay_duplicate);
        cert_add(l, "rec.window_left_edge_64", role, "UPSP-RPL-6 UPSP-RPL-7",
                 "after 100, sequence numbers 36 and 37 (default window 64)",
                 "36 rejected, 37 accepted once", window_64);
        cert_add(l, "rec.window_left_edge_32", role, "UPSP-RPL-6 UPSP-RPL-7",
                 "window configured to 32: after 100, 68 and 69", "68 rejected, 69 accepted once",
                 window_32);
        cert_add(l, "rec.window_1024", role, "UPSP-RPL-7",
                 "window configured to 1024: after 2000, 977 and 976",
                 "977 accepted, 976 rejected", window_1024);
        cert_add(l, "rec.far_ahead_and_ceiling", role, "UPSP-RPL-10 UPSP-RPL-8",
                 "sequence numbers 10^6 and 2^48-1, then 2^48",
                 "the first two accepted, 2^48 rejected", far_ahead_and_ceiling);
        cert_add(l, "rec.reorder", role, "UPSP-RPL-10 UPSP-RPL-5", "records 5, 3, 4, then 4 again",
                 "5, 3, 4 accepted; the second 4 rejected", reorder);
        cert_add(l, "rec.reflected", role, "UPSP-INT-3 UPSP-INT-4",
                 "the IUT's own record sent back to it", "rejected", reflect);
        cert_add(l, "rec.cross_session", role, "UPSP-RPL-9 UPSP-INT-5",
                 "a record from another session, as is and with the session ID rewritten",
                 "both rejected; the session's own record accepted", cross_session);
        cert_add(l, "rec.send_before_handshake", role, "UPSP-AUTH-8",
                 "the application asks the IUT to send before the handshake completes",
                 "refused, nothing written", send_before_handshake);
        cert_add(l, "rec.iut_records", role,
                 "UPSP-RPL-1 UPSP-RPL-2 UPSP-INT-1 UPSP-INT-3 UPSP-INT-4 UPSP-INT-5 UPSP-INT-6 "
                 "UPSP-CONF-5",
                 "three records from the IUT", "seq 0, 1, 2; right direction and session; they open",
                 iut_records);
        cert_add(l, "rec.state_table", role, "UPSP-INT-7",
                 "messages the state table does not allow", "rejected; the session goes on",
                 state_table);
        cert_add(l, "rec.wrong_registration_id", role, "UPSP-INT-11",
                 "a message naming a registration that was never granted", "rejected",
                 wrong_reg_id);
        cert_add(l, "rec.alert_closes", role, "UPSP-INT-9 UPSP-INT-10",
                 "a protected ALERT, then a valid record", "closed; the record rejected; no sending",
                 alert_closes);
        cert_add(l, "rec.clear_alert_ignored", role, "UPSP-INT-9",
                 "an HS_ALERT in an established session", "ignored; the session goes on",
                 clear_alert_ignored);
        cert_add(l, "rec.oversize", role, "UPSP-PARSE-1", "a 1233-octet record",
                 "rejected; the session goes on", oversize);
        cert_add(l, "rec.unknown_type", role, "UPSP-PARSE-3", "message types 0x20 and 0x7f",
                 "rejected; the session goes on", unknown_type);
    }
    cert_add(l, "rec.before_handshake", UPSP_IUT_ROLE_SERVER, "UPSP-INT-8 UPSP-INT-2",
             "REGISTER arrives before CLIENT_FINISHED", "rejected, then accepted after it",
             before_handshake_ps);
    cert_add(l, "rec.before_handshake", UPSP_IUT_ROLE_UE, "UPSP-INT-8",
             "a record arrives before SERVER_HELLO", "rejected; the handshake completes",
             before_handshake_ue);
    cert_add(l, "rec.identity_protected", UPSP_IUT_ROLE_UE, "UPSP-CONF-3 UPSP-CONF-5",
             "the IUT's REGISTER on the wire", "no 5G-S-TMSI in clear; opens to the same fields",
             identity_protected);
    cert_add(l, "rec.deregister_closes", UPSP_IUT_ROLE_SERVER, "UPSP-INT-7 UPSP-INT-10",
             "DEREGISTER, then a HEARTBEAT", "DEREGISTER delivered; the HEARTBEAT rejected",
             deregister_closes);
}

void cert_add_scenarios(cert_list *l)
{
    sc_add_handshake(l);
    sc_add_records(l);
}
