/* cert_cx.c - what test bodies use: the IUT, the reference peer, the
 * transcript and the expectations. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cert.h"
#include "iut_reference.h"

const char *cert_verdict_name(cert_verdict v)
{
    static const char *const names[] = {"pass", "fail", "error", "inconclusive", "n/a"};
    return (unsigned)v < V_COUNT ? names[v] : "?";
}

__attribute__((format(printf, 3, 0))) static void vfmt(char *out, size_t n, const char *fmt,
                                                        va_list ap)
{
    vsnprintf(out, n, fmt, ap);
}

/* Ends the test with a verdict; cx->why is already written. */
_Noreturn static void end_test(cert_cx *cx, cert_verdict v)
{
    cx->verdict = v;
    longjmp(cx->out, 1);
}

void cx_fail(cert_cx *cx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfmt(cx->why, sizeof cx->why, fmt, ap);
    va_end(ap); /* in this function, before leaving it (C11 7.16.1) */
    end_test(cx, V_FAIL);
}

void cx_error(cert_cx *cx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfmt(cx->why, sizeof cx->why, fmt, ap);
    va_end(ap);
    end_test(cx, V_ERROR);
}

void cx_diff(cert_cx *cx, const char *expected, const char *actual)
{
    snprintf(cx->expected, sizeof cx->expected, "%s", expected);
    snprintf(cx->actual, sizeof cx->actual, "%s", actual);
}

static void hex_into(char *out, size_t n, const uint8_t *p, size_t len)
{
    size_t o = 0;
    out[0] = 0;
    for (size_t i = 0; i < len && o + 3 < n; i++)
        o += (size_t)snprintf(out + o, n - o, "%02x", p[i]);
}

void cx_diff_hex(cert_cx *cx, const uint8_t *want, size_t want_len, const uint8_t *got,
                 size_t got_len)
{
    hex_into(cx->expected, sizeof cx->expected, want, want_len);
    hex_into(cx->actual, sizeof cx->actual, got, got_len);
}

static cert_wire *wire_slot(cert_cx *cx)
{
    if (cx->n_wire == CERT_MAX_WIRE)
        return NULL; /* long tests keep their first messages */
    cert_wire *w = &cx->wire[cx->n_wire++];
    memset(w, 0, sizeof *w);
    return w;
}

static void wire_log(cert_cx *cx, const char *dir, const uint8_t *p, size_t len)
{
    cert_wire *w = wire_slot(cx);
    if (!w)
        return;
    snprintf(w->dir, sizeof w->dir, "%s", dir);
    w->len = len > sizeof w->bytes ? sizeof w->bytes : len;
    memcpy(w->bytes, p, w->len);
    if (len > 1)
        snprintf(w->note, sizeof w->note, "%s", upsp_type_name(p[1]));
}

void cx_note(cert_cx *cx, const char *fmt, ...)
{
    va_list ap;
    cert_wire *w = wire_slot(cx);
    if (!w)
        return;
    snprintf(w->dir, sizeof w->dir, "note");
    va_start(ap, fmt);
    vfmt(w->note, sizeof w->note, fmt, ap);
    va_end(ap);
}

void cx_default_config(cert_cx *cx, upsp_iut_config *cfg, int role)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->abi_version = UPSP_IUT_ABI_VERSION;
    cfg->role = role;
    cfg->n_suites = 2;
    cfg->suites[0] = UPSP_SUITE_CHACHA20_POLY1305_SHA256;
    cfg->suites[1] = UPSP_SUITE_AES_128_GCM_SHA256;
    cfg->window = UPSP_WINDOW_DEFAULT;
    cfg->rng_seed = cx->seed;
    snprintf(cfg->af_fqdn, sizeof cfg->af_fqdn, "%s", UPSP_FX_AF_FQDN);
    memcpy(cfg->ua_proto, UPSP_UA_PROTO_DEFAULT, 5);
    memcpy(cfg->ue_key.akid, cx->fx.akid, cx->fx.akid_len);
    cfg->ue_key.akid_len = (uint8_t)cx->fx.akid_len;
    memcpy(cfg->ue_key.k_akma, cx->fx.k_akma, 32);
    memcpy(cfg->server_pub, cx->fx.server_pub, 32);
    memcpy(cfg->server_priv, cx->fx.server_priv, 32);
    cfg->keys[0] = cfg->ue_key;
    cfg->n_keys = 1;
}

void cx_iut_create_side(cert_cx *cx, cert_side *side, const upsp_iut_config *cfg)
{
    char err[256] = "";
    if (cfg)
        side->cfg = *cfg;
    else
        cx_default_config(cx, &side->cfg, cx->t->role);
    side->role = side->cfg.role;
    side->h = cert_iut_create(cx, &side->cfg, err, sizeof err);
    if (!side->h)
        cx_error(cx, "the IUT did not create an instance: %s", err[0] ? err : "no reason given");
}

void cx_iut_create(cert_cx *cx, const upsp_iut_config *cfg)
{
    cx_iut_create_side(cx, &cx->side, cfg);
}

void cx_iut_destroy_side(cert_cx *cx, cert_side *side)
{
    if (side->h)
        cert_iut_destroy(cx, side->h);
    side->h = NULL;
}

void cx_peer_init(cert_cx *cx, void (*tweak)(cert_cx *, upsp_config *))
{
    upsp_err err;
    upsp_drbg_init_u64(&cx->peer_rng, cx->seed ^ UINT64_C(0x7065657200000000)); /* "peer" */
    if (cx->t->role == UPSP_IUT_ROLE_UE) {
        cx->peer_role = UPSP_ROLE_SERVER;
        upsp_fixture_server_config(&cx->fx, &cx->peer_cfg, &cx->peer_rng);
    } else {
        cx->peer_role = UPSP_ROLE_UE;
        upsp_fixture_ue_config(&cx->fx, &cx->peer_cfg, &cx->peer_rng);
    }
    if (tweak)
        tweak(cx, &cx->peer_cfg);
    err = upsp_session_init(&cx->peer, &cx->peer_cfg);
    if (err)
        cx_error(cx, "runner peer set-up failed: %s", upsp_err_str(err));
    cx->peer_ready = 1;
}

static void check_harness(cert_cx *cx, int rc, const char *op)
{
    if (rc == UPSP_IUT_E_HARNESS)
        cx_error(cx, "the IUT failed during %s (crash, hang or garbage answer)", op);
}

int cx_iut_start(cert_cx *cx, cert_side *s, uint8_t *out, size_t *out_len)
{
    int rc;
    *out_len = 0;
    rc = cert_iut_start(cx, s->h, out, UPSP_MAX_MSG, out_len);
    check_harness(cx, rc, "start");
    if (*out_len > UPSP_MAX_MSG)
        cx_fail(cx, "the IUT wrote %zu octets, over the 1232-octet limit (UPSP-PARSE-1)", *out_len);
    if (*out_len)
        wire_log(cx, "iut->runner", out, *out_len);
    return rc;
}

int cx_iut_recv(cert_cx *cx, cert_side *s, const uint8_t *in, size_t len, uint8_t *out,
                size_t *out_len, upsp_iut_event *ev)
{
    static uint8_t scratch[UPSP_MAX_MSG];
    size_t dummy = 0;
    int rc;
    if (!out) {
        out = scratch;
        out_len = &dummy;
    }
    *out_len = 0;
    memset(ev, 0, sizeof *ev);
    wire_log(cx, "runner->iut", in, len);
    rc = cert_iut_recv(cx, s->h, in, len, out, UPSP_MAX_MSG, out_len, ev);
    check_harness(cx, rc, "recv");
    if (*out_len > UPSP_MAX_MSG)
        cx_fail(cx, "the IUT wrote %zu octets, over the 1232-octet limit (UPSP-PARSE-1)", *out_len);
    if (*out_len)
        wire_log(cx, "iut->runner", out, *out_len);
    return rc;
}

int cx_iut_send(cert_cx *cx, cert_side *s, const upsp_msg *m, uint8_t *out, size_t *out_len)
{
    upsp_iut_msg im;
    int rc;
    *out_len = 0;
    upsp_iut_msg_from(&im, m);
    rc = cert_iut_send(cx, s->h, &im, out, UPSP_MAX_MSG, out_len);
    check_harness(cx, rc, "send");
    if (rc == UPSP_IUT_OK && *out_len)
        wire_log(cx, "iut->runner", out, *out_len);
    return rc;
}

upsp_err cx_peer_recv(cert_cx *cx, const uint8_t *in, size_t len, uint8_t *out, size_t *out_len,
                      upsp_event *ev)
{
    static uint8_t scratch[UPSP_MAX_MSG];
    size_t dummy = 0;
    upsp_err err;
    if (!out) {
        out = scratch;
        out_len = &dummy;
    }
    /* What the peer answers is logged when it is delivered to the IUT. */
    err = upsp_session_recv(&cx->peer, ev, out, UPSP_MAX_MSG, out_len, in, len);
    return err;
}

size_t cx_peer_send(cert_cx *cx, const upsp_msg *m, uint8_t *out)
{
    size_t n = 0;
    upsp_err err = upsp_session_send(&cx->peer, out, UPSP_MAX_MSG, &n, m);
    if (err)
        cx_error(cx, "the runner could not send %s: %s", upsp_type_name(m->type), upsp_err_str(err));
    return n;
}

size_t cx_peer_raw(cert_cx *cx, uint8_t type, uint8_t flags, uint64_t seq, const uint8_t *payload,
                   size_t len, uint8_t *out)
{
    upsp_hdr h;
    size_t n = 0;
    upsp_err err;
    h.version = UPSP_VERSION;
    h.type = type;
    h.flags = flags;
    memcpy(h.session_id, upsp_session_id(&cx->peer), UPSP_SESSION_ID_LEN);
    h.seq = seq;
    err = upsp_session_seal_raw(&cx->peer, out, UPSP_MAX_MSG, &n, &h, payload, len);
    if (err)
        cx_error(cx, "the runner could not seal a record: %s", upsp_err_str(err));
    return n;
}

static const char *ev_name(int kind)
{
    static const char *const names[] = {"none", "established", "message", "rejected", "closed"};
    return kind >= 0 && kind <= 4 ? names[kind] : "invalid";
}

static void handshake_iut_ue(cert_cx *cx, cert_hs *hs)
{
    upsp_iut_event ev;
    upsp_event pev;
    int rc = cx_iut_start(cx, &cx->side, hs->ch, &hs->ch_len);
    if (rc != UPSP_IUT_OK || hs->ch_len == 0)
        cx_fail(cx, "the IUT (UE) did not produce a CLIENT_HELLO (code %d)", rc);
    upsp_err err = cx_peer_recv(cx, hs->ch, hs->ch_len, hs->sh, &hs->sh_len, &pev);
    if (err)
        cx_fail(cx, "the reference paging server rejected the IUT's CLIENT_HELLO: %s",
                upsp_err_str(err));
    cx_iut_recv(cx, &cx->side, hs->sh, hs->sh_len, hs->cf, &hs->cf_len, &ev);
    if (ev.kind != UPSP_IUT_EV_ESTABLISHED || hs->cf_len == 0)
        cx_fail(cx, "the IUT (UE) did not complete the handshake: event %s", ev_name(ev.kind));
    err = cx_peer_recv(cx, hs->cf, hs->cf_len, NULL, NULL, &pev);
    if (err || pev.kind != UPSP_EV_ESTABLISHED)
        cx_fail(cx, "the reference paging server rejected the IUT's CLIENT_FINISHED: %s",
                upsp_err_str(err));
}

static void handshake_iut_ps(cert_cx *cx, cert_hs *hs)
{
    upsp_iut_event ev;
    upsp_event pev;
    upsp_err err = upsp_session_start(&cx->peer, hs->ch, sizeof hs->ch, &hs->ch_len);
    if (err)
        cx_error(cx, "the runner could not start: %s", upsp_err_str(err));
    cx_iut_recv(cx, &cx->side, hs->ch, hs->ch_len, hs->sh, &hs->sh_len, &ev);
    if (hs->sh_len == 0)
        cx_fail(cx, "the IUT (paging server) did not answer CLIENT_HELLO: event %s",
                ev_name(ev.kind));
    err = cx_peer_recv(cx, hs->sh, hs->sh_len, hs->cf, &hs->cf_len, &pev);
    if (err || pev.kind != UPSP_EV_ESTABLISHED)
        cx_fail(cx, "the reference UE rejected the IUT's SERVER_HELLO: %s", upsp_err_str(err));
    cx_iut_recv(cx, &cx->side, hs->cf, hs->cf_len, NULL, NULL, &ev);
    if (ev.kind != UPSP_IUT_EV_ESTABLISHED)
        cx_fail(cx, "the IUT (paging server) did not accept a valid CLIENT_FINISHED: event %s",
                ev_name(ev.kind));
}

void cx_handshake(cert_cx *cx, cert_hs *hs)
{
    static cert_hs scratch;
    if (!hs)
        hs = &scratch;
    memset(hs, 0, sizeof *hs);
    if (!cx->side.h)
        cx_iut_create(cx, NULL);
    if (!cx->peer_ready)
        cx_peer_init(cx, NULL);
    if (cx->t->role == UPSP_IUT_ROLE_UE)
        handshake_iut_ue(cx, hs);
    else
        handshake_iut_ps(cx, hs);
}

void cx_sample(upsp_msg *m, uint8_t type)
{
    upsp_fixture_sample(m, type);
}

static void describe(char *out, size_t n, const upsp_msg *m)
{
    upsp_msg_describe(out, n, m);
}

void cx_expect_accept(cert_cx *cx, const uint8_t *in, size_t len, const upsp_msg *want)
{
    upsp_iut_event ev;
    upsp_msg got;
    char a[256], b[256];
    int rc = cx_iut_recv(cx, &cx->side, in, len, NULL, NULL, &ev);
    if (rc != UPSP_IUT_OK || ev.kind != UPSP_IUT_EV_MESSAGE) {
        describe(a, sizeof a, want);
        snprintf(b, sizeof b, "event %s, code %d", ev_name(ev.kind), rc);
        cx_diff(cx, a, b);
        cx_fail(cx, "a valid %s was not delivered (event %s, code %d)", upsp_type_name(want->type),
                ev_name(ev.kind), rc);
    }
    upsp_iut_msg_to(&got, &ev.msg);
    if (memcmp(&got, want, sizeof got) != 0) {
        describe(a, sizeof a, want);
        describe(b, sizeof b, &got);
        cx_diff(cx, a, b);
        cx_fail(cx, "the IUT delivered different field values than were sent");
    }
}

void cx_expect_reject(cert_cx *cx, const uint8_t *in, size_t len, unsigned classes)
{
    static const char *const cls[] = {"ok", "parse", "auth", "replay", "state", "other"};
    upsp_iut_event ev;
    uint8_t out[UPSP_MAX_MSG];
    size_t out_len = 0;
    int rc = cx_iut_recv(cx, &cx->side, in, len, out, &out_len, &ev);
    if (rc == UPSP_IUT_OK || ev.kind == UPSP_IUT_EV_MESSAGE || ev.kind == UPSP_IUT_EV_ESTABLISHED) {
        cx_diff(cx, "rejected (no delivery, no state change)",
                ev.kind == UPSP_IUT_EV_MESSAGE ? "delivered as a message" : "accepted");
        cx_fail(cx, "the IUT accepted a message it must reject (event %s, code %d)",
                ev_name(ev.kind), rc);
    }
    if (out_len && !(out_len >= 2 && out[1] == UPSP_T_HS_ALERT))
        cx_fail(cx, "the IUT answered a rejected message with a %s", upsp_type_name(out[1]));
    if (classes && (rc < 0 || rc > 5 || !(classes & CLS(rc)))) {
        char want[64] = "";
        for (int c = 1; c <= 5; c++)
            if (classes & CLS(c))
                snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s",
                         want[0] ? " or " : "", cls[c]);
        cx_diff(cx, want, rc >= 0 && rc <= 5 ? cls[rc] : "invalid code");
        cx_fail(cx, "rejected with the wrong class of error");
    }
}

void cx_register(cert_cx *cx)
{
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    upsp_msg reg, ack;
    upsp_event pev;
    cx_sample(&reg, UPSP_T_REGISTER);
    cx_sample(&ack, UPSP_T_REGISTER_ACK);
    if (cx->t->role == UPSP_IUT_ROLE_UE) {
        if (cx_iut_send(cx, &cx->side, &reg, rec, &n) != UPSP_IUT_OK)
            cx_fail(cx, "the IUT (UE) refused to send REGISTER");
        if (cx_peer_recv(cx, rec, n, NULL, NULL, &pev) != UPSP_OK || pev.kind != UPSP_EV_MESSAGE)
            cx_fail(cx, "the reference could not open the IUT's REGISTER");
        n = cx_peer_send(cx, &ack, rec);
        cx_expect_accept(cx, rec, n, &ack);
    } else {
        n = cx_peer_send(cx, &reg, rec);
        cx_expect_accept(cx, rec, n, &reg);
        if (cx_iut_send(cx, &cx->side, &ack, rec, &n) != UPSP_IUT_OK)
            cx_fail(cx, "the IUT (paging server) refused to send REGISTER_ACK");
        if (cx_peer_recv(cx, rec, n, NULL, NULL, &pev) != UPSP_OK || pev.kind != UPSP_EV_MESSAGE)
            cx_fail(cx, "the reference could not open the IUT's REGISTER_ACK");
    }
}

void *cert_list_own(cert_list *l, void *p)
{
    void **grown;
    if (!p)
        return NULL;
    grown = realloc(l->owned, (l->n_owned + 1) * sizeof *grown);
    if (!grown) {
        free(p);
        return NULL;
    }
    l->owned = grown;
    l->owned[l->n_owned++] = p;
    return p;
}

void cert_list_free(cert_list *l)
{
    for (size_t i = 0; i < l->n_owned; i++)
        free(l->owned[i]);
    free(l->owned);
    free(l->v);
    memset(l, 0, sizeof *l);
}

cert_test *cert_add(cert_list *l, const char *id, int role, const char *reqs, const char *summary,
                    const char *expect, void (*run)(cert_cx *))
{
    cert_test *t;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 256;
        cert_test *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return NULL;
        l->v = v;
        l->cap = cap;
    }
    t = &l->v[l->n++];
    memset(t, 0, sizeof *t);
    snprintf(t->id, sizeof t->id, "%s.%s", role == UPSP_IUT_ROLE_UE ? "ue" : "ps", id);
    t->role = role;
    snprintf(t->reqs, sizeof t->reqs, "%s", reqs);
    snprintf(t->summary, sizeof t->summary, "%s", summary);
    snprintf(t->expect, sizeof t->expect, "%s", expect);
    t->run = run;
    return t;
}
