/*
 * session.c - session set-up, dispatch of received messages, the record path
 * and the application state table (docs/SPEC.md section 9).
 */
#include <string.h>

#include "session_int.h"

#define ST(x) (1u << (x))
#define ESTABLISHED_STATES (ST(UPSP_ST_OPEN) | ST(UPSP_ST_REG_PENDING) | ST(UPSP_ST_REGISTERED))
#define KEEP 0xFF

/* The application state table: who may send each message, in which states,
 * and the state both sides move to. Sender and receiver apply the same row
 * (UPSP-INT-7). */
typedef struct {
    uint8_t sender; /* upsp_role bits */
    unsigned allowed;
    uint8_t next;
} app_rule;

static const app_rule app_rules[] = {
    [UPSP_T_REGISTER - UPSP_T_REGISTER] = {UPSP_ROLE_UE, ST(UPSP_ST_OPEN) | ST(UPSP_ST_REGISTERED),
                                           UPSP_ST_REG_PENDING},
    [UPSP_T_REGISTER_ACK - UPSP_T_REGISTER] = {UPSP_ROLE_SERVER, ST(UPSP_ST_REG_PENDING),
                                               UPSP_ST_REGISTERED},
    [UPSP_T_PAGING_NOTIFY - UPSP_T_REGISTER] = {UPSP_ROLE_SERVER, ST(UPSP_ST_REGISTERED), KEEP},
    [UPSP_T_PAGING_RESPONSE - UPSP_T_REGISTER] = {UPSP_ROLE_UE, ST(UPSP_ST_REGISTERED), KEEP},
    [UPSP_T_DEREGISTER - UPSP_T_REGISTER] = {UPSP_ROLE_UE,
                                             ST(UPSP_ST_REG_PENDING) | ST(UPSP_ST_REGISTERED),
                                             UPSP_ST_CLOSED},
    [UPSP_T_HEARTBEAT - UPSP_T_REGISTER] = {UPSP_ROLE_UE | UPSP_ROLE_SERVER, ESTABLISHED_STATES,
                                            KEEP},
    [UPSP_T_ALERT - UPSP_T_REGISTER] = {UPSP_ROLE_UE | UPSP_ROLE_SERVER, ESTABLISHED_STATES,
                                        UPSP_ST_CLOSED},
};

const char *upsp_state_name(upsp_state st)
{
    static const char *const names[] = {"START", "WAIT_SH", "WAIT_CF", "OPEN",
                                        "REG_PENDING", "REGISTERED", "CLOSED", "FAILED"};
    return (unsigned)st <= UPSP_ST_FAILED ? names[st] : "UNKNOWN";
}

upsp_err upsp_sess_random(upsp_session *s, uint8_t *out, size_t n)
{
    return s->rng(s->rng_ctx, out, n) == 0 ? UPSP_OK : UPSP_ERR_RNG; /* UPSP-KEY-9 */
}

/* UPSP-PARSE-13: a defined code, and no state change. */
upsp_err upsp_sess_reject(upsp_reply *rep, upsp_err reason)
{
    rep->ev->kind = UPSP_EV_REJECTED;
    rep->ev->reason = reason;
    *rep->out_len = 0;
    return reason;
}

upsp_err upsp_sess_fail(upsp_session *s, upsp_reply *rep, upsp_err reason, uint8_t alert)
{
    upsp_hs_alert a;
    memcpy(a.session_id, s->session_id, UPSP_SESSION_ID_LEN);
    a.code = alert;
    if (upsp_hs_alert_encode(rep->out, rep->cap, rep->out_len, &a) != UPSP_OK)
        *rep->out_len = 0;
    upsp_hs_wipe(s);
    upsp_record_keys_cleanup(&s->tx);
    upsp_record_keys_cleanup(&s->rx);
    s->state = UPSP_ST_FAILED;
    s->reason = reason;
    rep->ev->kind = UPSP_EV_CLOSED;
    rep->ev->reason = reason;
    rep->ev->alert = alert;
    return reason;
}

static upsp_err check_suites(upsp_session *s, const upsp_config *cfg)
{
    static const uint16_t defaults[] = {UPSP_SUITE_CHACHA20_POLY1305_SHA256,
                                        UPSP_SUITE_AES_128_GCM_SHA256};
    const uint16_t *list = cfg->suites ? cfg->suites : defaults;
    size_t n = cfg->suites ? cfg->n_suites : 2;
    if (n == 0 || n > UPSP_MAX_SUITES)
        return UPSP_ERR_SUITE;
    for (size_t i = 0; i < n; i++) {
        if (!upsp_suite_supported(list[i]))
            return UPSP_ERR_SUITE;
        for (size_t j = 0; j < i; j++)
            if (list[j] == list[i])
                return UPSP_ERR_SUITE;
        s->suites[i] = list[i];
    }
    s->n_suites = (uint8_t)n;
    return UPSP_OK;
}

static upsp_err init_role(upsp_session *s, const upsp_config *cfg)
{
    if (cfg->role == UPSP_ROLE_UE) {
        if (!cfg->kaf || !cfg->akid || !cfg->server_pub)
            return UPSP_ERR_ARG;
        if (cfg->akid_len == 0 || cfg->akid_len > UPSP_AKID_MAX)
            return UPSP_ERR_ARG;
        memcpy(s->kaf, cfg->kaf, UPSP_KEY_LEN);
        memcpy(s->akid, cfg->akid, cfg->akid_len);
        s->akid_len = (uint8_t)cfg->akid_len;
        /* UPSP-KEY-11: P_S comes from provisioning, never from the wire. */
        memcpy(s->static_pub, cfg->server_pub, UPSP_KEY_LEN);
        return UPSP_OK;
    }
    if (cfg->role == UPSP_ROLE_SERVER) {
        if (!cfg->server_priv || !cfg->lookup)
            return UPSP_ERR_ARG;
        memcpy(s->static_priv, cfg->server_priv, UPSP_KEY_LEN);
        s->lookup = cfg->lookup;
        s->lookup_ctx = cfg->lookup_ctx;
        return upsp_x25519_public(s->static_pub, s->static_priv);
    }
    return UPSP_ERR_ARG;
}

upsp_err upsp_session_init(upsp_session *s, const upsp_config *cfg)
{
    upsp_err err;
    if (!s || !cfg)
        return UPSP_ERR_ARG;
    memset(s, 0, sizeof *s);
    s->role = cfg->role;
    s->rng = cfg->rng ? cfg->rng : upsp_rng_system;
    s->rng_ctx = cfg->rng_ctx;
    err = check_suites(s, cfg);
    if (!err)
        err = upsp_window_init(&s->window, cfg->window);
    if (!err)
        err = init_role(s, cfg);
    if (err) {
        upsp_wipe(s, sizeof *s);
        return err;
    }
    s->state = UPSP_ST_START;
    return UPSP_OK;
}

upsp_err upsp_session_start(upsp_session *s, uint8_t *out, size_t cap, size_t *out_len)
{
    if (!s || !out || !out_len)
        return UPSP_ERR_ARG;
    *out_len = 0;
    if (s->role != UPSP_ROLE_UE || s->state != UPSP_ST_START)
        return UPSP_ERR_STATE;
    return upsp_hs_client_hello(s, out, cap, out_len);
}

static int is_established(const upsp_session *s)
{
    return (ESTABLISHED_STATES & ST(s->state)) != 0;
}

/* UPSP-INT-11: registration IDs bind NOTIFY and DEREGISTER to the
 * registration that REGISTER_ACK granted in this session. */
static upsp_err check_reg_id(const upsp_session *s, const upsp_msg *m)
{
    if (m->type == UPSP_T_PAGING_NOTIFY && m->u.notify.reg_id != s->reg_id)
        return UPSP_ERR_RANGE;
    if (m->type == UPSP_T_DEREGISTER && m->u.dereg.reg_id != s->reg_id)
        return UPSP_ERR_RANGE;
    return UPSP_OK;
}

/* UPSP-INT-7: may a message of this type go from sender in the current state? */
static upsp_err check_rule(const upsp_session *s, const upsp_msg *m, upsp_role sender)
{
    const app_rule *r = &app_rules[m->type - UPSP_T_REGISTER];
    if (!(r->sender & sender))
        return UPSP_ERR_DIRECTION;
    if (!(r->allowed & ST(s->state)))
        return UPSP_ERR_STATE;
    return check_reg_id(s, m);
}

static void apply_rule(upsp_session *s, const upsp_msg *m)
{
    const app_rule *r = &app_rules[m->type - UPSP_T_REGISTER];
    if (m->type == UPSP_T_REGISTER_ACK)
        s->reg_id = m->u.reg_ack.reg_id;
    if (r->next != KEEP)
        s->state = r->next;
    if (s->state == UPSP_ST_CLOSED) { /* UPSP-KEY-8: nothing more to protect */
        upsp_record_keys_cleanup(&s->tx);
        upsp_record_keys_cleanup(&s->rx);
    }
}

static upsp_role peer_role(const upsp_session *s)
{
    return s->role == UPSP_ROLE_UE ? UPSP_ROLE_SERVER : UPSP_ROLE_UE;
}

static uint8_t dir_flag(upsp_role sender)
{
    return sender == UPSP_ROLE_SERVER ? UPSP_FLAG_FROM_SERVER : 0;
}

static upsp_err deliver(upsp_session *s, upsp_reply *rep, const upsp_hdr *h, size_t pt_len)
{
    upsp_event *ev = rep->ev;
    upsp_err err = upsp_msg_decode(&ev->msg, h->type, s->scratch, pt_len);
    upsp_wipe(s->scratch, pt_len);
    if (!err)
        err = check_rule(s, &ev->msg, peer_role(s));
    if (err) {
        memset(&ev->msg, 0, sizeof ev->msg);
        return upsp_sess_reject(rep, err);
    }
    apply_rule(s, &ev->msg);
    ev->seq = h->seq;
    if (ev->msg.type == UPSP_T_ALERT) { /* UPSP-INT-9 */
        ev->kind = UPSP_EV_CLOSED;
        ev->reason = UPSP_ERR_ALERT;
        ev->alert = ev->msg.u.alert.code;
        return UPSP_OK;
    }
    ev->kind = UPSP_EV_MESSAGE;
    return UPSP_OK;
}

/* The receive order of SPEC.md 6.3: header, state, direction, session ID,
 * replay pre-check, AEAD open, and only then the window update. */
static upsp_err recv_record(upsp_session *s, upsp_reply *rep, const uint8_t *in, size_t len)
{
    upsp_hdr h;
    size_t pt_len;
    upsp_err err = upsp_record_parse(&h, in, len);
    if (err)
        return upsp_sess_reject(rep, err);
    if (!is_established(s)) /* UPSP-INT-8 */
        return upsp_sess_reject(rep, UPSP_ERR_STATE);
    if (h.flags != dir_flag(peer_role(s))) /* UPSP-INT-3: reflection */
        return upsp_sess_reject(rep, UPSP_ERR_DIRECTION);
    /* UPSP-INT-5; a rewritten ID still fails the open below (UPSP-RPL-9). */
    if (memcmp(h.session_id, s->session_id, UPSP_SESSION_ID_LEN) != 0)
        return upsp_sess_reject(rep, UPSP_ERR_SESSION);
    err = upsp_window_check(&s->window, h.seq); /* UPSP-RPL-3 */
    if (err)
        return upsp_sess_reject(rep, err);
    err = upsp_record_open(&s->rx, s->scratch, sizeof s->scratch, &pt_len, &h, in, len);
    if (err) /* UPSP-INT-2: no state change, no plaintext */
        return upsp_sess_reject(rep, err);
    upsp_window_mark(&s->window, h.seq); /* UPSP-RPL-4 */
    return deliver(s, rep, &h, pt_len);
}

/* A clear alert can end a handshake but never an established session: it is
 * unauthenticated (UPSP-INT-9). */
static upsp_err recv_hs_alert(upsp_session *s, upsp_reply *rep, const uint8_t *in, size_t len)
{
    upsp_hs_alert a;
    upsp_err err = upsp_hs_alert_decode(&a, in, len);
    if (err)
        return upsp_sess_reject(rep, err);
    if (s->state == UPSP_ST_WAIT_CF &&
        memcmp(a.session_id, s->session_id, UPSP_SESSION_ID_LEN) != 0)
        return upsp_sess_reject(rep, UPSP_ERR_SESSION);
    if (s->state != UPSP_ST_WAIT_SH && s->state != UPSP_ST_WAIT_CF)
        return upsp_sess_reject(rep, UPSP_ERR_STATE);
    upsp_hs_wipe(s);
    upsp_record_keys_cleanup(&s->tx);
    upsp_record_keys_cleanup(&s->rx);
    s->state = UPSP_ST_FAILED;
    s->reason = UPSP_ERR_ALERT;
    rep->ev->kind = UPSP_EV_CLOSED;
    rep->ev->reason = UPSP_ERR_ALERT;
    rep->ev->alert = a.code;
    return UPSP_ERR_ALERT;
}

static upsp_err dispatch(upsp_session *s, upsp_reply *rep, const uint8_t *in, size_t len)
{
    uint8_t type = in[1];
    if (upsp_type_is_record(type))
        return recv_record(s, rep, in, len);
    switch (type) {
    case UPSP_T_CLIENT_HELLO:
        if (s->role == UPSP_ROLE_SERVER && s->state == UPSP_ST_START)
            return upsp_hs_on_client_hello(s, rep, in, len);
        break;
    case UPSP_T_SERVER_HELLO:
        if (s->role == UPSP_ROLE_UE && s->state == UPSP_ST_WAIT_SH)
            return upsp_hs_on_server_hello(s, rep, in, len);
        break;
    case UPSP_T_CLIENT_FINISHED:
        if (s->role == UPSP_ROLE_SERVER && s->state == UPSP_ST_WAIT_CF)
            return upsp_hs_on_client_finished(s, rep, in, len);
        break;
    case UPSP_T_HS_ALERT:
        return recv_hs_alert(s, rep, in, len);
    default:
        return upsp_sess_reject(rep, UPSP_ERR_TYPE); /* UPSP-PARSE-3 */
    }
    /* UPSP-AUTH-7: a handshake message out of place (a replayed HELLO or
     * FINISHED) is dropped and changes nothing. */
    return upsp_sess_reject(rep, UPSP_ERR_STATE);
}

upsp_err upsp_session_recv(upsp_session *s, upsp_event *ev, uint8_t *out, size_t cap,
                           size_t *out_len, const uint8_t *in, size_t in_len)
{
    upsp_reply rep = {ev, out, cap, out_len};
    if (!s || !ev || !out_len || (!in && in_len) || (!out && cap))
        return UPSP_ERR_ARG;
    memset(ev, 0, sizeof *ev);
    *out_len = 0;
    if (s->state == UPSP_ST_CLOSED || s->state == UPSP_ST_FAILED) /* UPSP-INT-10 */
        return upsp_sess_reject(&rep, UPSP_ERR_CLOSED);
    if (in_len > UPSP_MAX_MSG) /* UPSP-PARSE-1 */
        return upsp_sess_reject(&rep, UPSP_ERR_TOO_LARGE);
    if (in_len < 2)
        return upsp_sess_reject(&rep, UPSP_ERR_DECODE);
    return dispatch(s, &rep, in, in_len);
}

upsp_err upsp_session_send(upsp_session *s, uint8_t *out, size_t cap, size_t *out_len,
                           const upsp_msg *m)
{
    upsp_hdr h;
    upsp_wr w;
    upsp_err err;
    if (!s || !out || !out_len || !m)
        return UPSP_ERR_ARG;
    *out_len = 0;
    if (s->state == UPSP_ST_CLOSED || s->state == UPSP_ST_FAILED)
        return UPSP_ERR_CLOSED;
    if (!upsp_type_is_record(m->type))
        return UPSP_ERR_TYPE;
    if (!is_established(s)) /* UPSP-AUTH-8 */
        return UPSP_ERR_STATE;
    err = check_rule(s, m, s->role);
    if (err)
        return err == UPSP_ERR_DIRECTION ? UPSP_ERR_STATE : err;
    if (s->tx_seq >= UPSP_SEQ_LIMIT) { /* UPSP-RPL-2 */
        s->state = UPSP_ST_CLOSED;
        upsp_record_keys_cleanup(&s->tx);
        upsp_record_keys_cleanup(&s->rx);
        return UPSP_ERR_SEQ_LIMIT;
    }
    upsp_wr_init(&w, s->scratch, UPSP_MAX_PAYLOAD);
    err = upsp_msg_encode(&w, m);
    if (!err) {
        h.version = UPSP_VERSION;
        h.type = m->type;
        h.flags = dir_flag(s->role);
        memcpy(h.session_id, s->session_id, UPSP_SESSION_ID_LEN);
        h.seq = s->tx_seq; /* UPSP-RPL-1 */
        err = upsp_record_seal(&s->tx, out, cap, out_len, &h, s->scratch, w.len);
    }
    upsp_wipe(s->scratch, w.len);
    if (err)
        return err;
    s->tx_seq++;
    apply_rule(s, m);
    return UPSP_OK;
}

upsp_err upsp_session_seal_raw(upsp_session *s, uint8_t *out, size_t cap, size_t *out_len,
                               const upsp_hdr *h, const uint8_t *payload, size_t payload_len)
{
    if (!s || !out || !out_len || !h || (!payload && payload_len))
        return UPSP_ERR_ARG;
    if (s->tx.aead.suite == 0)
        return UPSP_ERR_STATE;
    return upsp_record_seal(&s->tx, out, cap, out_len, h, payload, payload_len);
}

upsp_state upsp_session_state(const upsp_session *s)
{
    return s->state;
}

const uint8_t *upsp_session_id(const upsp_session *s)
{
    return s->session_id;
}

uint16_t upsp_session_suite(const upsp_session *s)
{
    return s->suite;
}

void upsp_session_cleanup(upsp_session *s)
{
    if (!s)
        return;
    upsp_record_keys_cleanup(&s->tx);
    upsp_record_keys_cleanup(&s->rx);
    upsp_wipe(s, sizeof *s);
}
