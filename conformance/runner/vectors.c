/*
 * vectors.c - tests generated from the vector files of conformance/vectors/
 * (schema: conformance/vectors/SCHEMA.md). The files are data, produced by
 * the independent generator conformance/gen/gen_vectors.py; this file only
 * plays them against the IUT.
 */
#include <cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cert.h"
#include "iut_reference.h"
#include "scenarios.h"

typedef struct {
    int valid;
    uint8_t k_akma[32], ua[5], kaf[32];
    char fqdn[256];
} kaf_vec;

typedef struct {
    int valid;
    uint8_t type;
    uint8_t payload[UPSP_MAX_PAYLOAD];
    size_t len;
    upsp_msg want;
} payload_vec;

#define MAX_STEPS 128

typedef struct {
    uint32_t window;
    size_t n;
    uint64_t seq[MAX_STEPS];
    int accept[MAX_STEPS];
} window_vec;

typedef struct {
    uint16_t suite;
    uint64_t ue_seed, ps_seed;
    uint8_t ch[UPSP_MAX_MSG], sh[UPSP_MAX_MSG], cf[UPSP_MAX_MSG], reg[UPSP_MAX_MSG],
        ack[UPSP_MAX_MSG];
    size_t ch_len, sh_len, cf_len, reg_len, ack_len;
} kat_vec;

/* --- JSON helpers ----------------------------------------------------------- */

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int jnum(const cJSON *o, const char *k, uint64_t *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 9007199254740992.0)
        return 0;
    *out = (uint64_t)v->valuedouble;
    return 1;
}

/* Hex into out; the length, or -1 when malformed or too long. */
static long jhex(const cJSON *o, const char *k, uint8_t *out, size_t cap)
{
    const char *s = jstr(o, k);
    size_t n;
    if (!s || (n = strlen(s)) % 2 || n / 2 > cap)
        return -1;
    for (size_t i = 0; i < n / 2; i++) {
        unsigned v;
        if (sscanf(s + 2 * i, "%2x", &v) != 1)
            return -1;
        out[i] = (uint8_t)v;
    }
    return (long)(n / 2);
}

static int jfixed(const cJSON *o, const char *k, uint8_t *out, size_t len)
{
    return jhex(o, k, out, len) == (long)len;
}

static void reqs_of(const cJSON *t, char *out, size_t n)
{
    const cJSON *ids = cJSON_GetObjectItemCaseSensitive(t, "req_ids"), *id;
    out[0] = 0;
    cJSON_ArrayForEach(id, ids)
    {
        if (cJSON_IsString(id))
            snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? " " : "", id->valuestring);
    }
}

static int type_of(const char *name)
{
    static const char *const names[] = {"REGISTER",   "REGISTER_ACK", "PAGING_NOTIFY",
                                        "PAGING_RESPONSE", "DEREGISTER", "HEARTBEAT", "ALERT"};
    for (int i = 0; name && i < 7; i++)
        if (!strcmp(name, names[i]))
            return UPSP_T_REGISTER + i;
    return -1;
}

static int fields_of(const cJSON *f, uint8_t type, upsp_msg *out)
{
    upsp_iut_msg m;
    uint64_t v;
    memset(&m, 0, sizeof m);
    m.type = type;
#define NUM(name, field)                                                                           \
    if (jnum(f, name, &v))                                                                         \
        m.field = (__typeof__(m.field))v;
    NUM("usim_index", usim_index)
    NUM("amf_set_id", amf_set_id)
    NUM("amf_pointer", amf_pointer)
    NUM("tmsi", tmsi)
    NUM("lifetime", lifetime)
    NUM("causes", causes)
    NUM("reg_id", reg_id)
    NUM("notif_id", notif_id)
    NUM("paging_cause", paging_cause)
    NUM("timestamp", timestamp)
    NUM("result", result)
    NUM("alert_code", alert_code)
#undef NUM
    if (jstr(f, "plmn") && !jfixed(f, "plmn", m.plmn, 3))
        return 0;
    upsp_iut_msg_to(out, &m);
    return 1;
}

/* --- the tests -------------------------------------------------------------- */

/* A handshake that may fail: 1 when both sides end established. */
static int try_handshake(cert_cx *cx)
{
    cert_hs hs;
    upsp_iut_event ev;
    upsp_event pev;
    memset(&hs, 0, sizeof hs);
    if (cx->t->role == UPSP_IUT_ROLE_UE) {
        if (cx_iut_start(cx, &cx->side, hs.ch, &hs.ch_len) != UPSP_IUT_OK ||
            cx_peer_recv(cx, hs.ch, hs.ch_len, hs.sh, &hs.sh_len, &pev) != UPSP_OK)
            return 0;
        cx_iut_recv(cx, &cx->side, hs.sh, hs.sh_len, hs.cf, &hs.cf_len, &ev);
        if (ev.kind != UPSP_IUT_EV_ESTABLISHED)
            return 0;
        return cx_peer_recv(cx, hs.cf, hs.cf_len, NULL, NULL, &pev) == UPSP_OK &&
               pev.kind == UPSP_EV_ESTABLISHED;
    }
    upsp_session_start(&cx->peer, hs.ch, sizeof hs.ch, &hs.ch_len);
    cx_iut_recv(cx, &cx->side, hs.ch, hs.ch_len, hs.sh, &hs.sh_len, &ev);
    if (!hs.sh_len || cx_peer_recv(cx, hs.sh, hs.sh_len, hs.cf, &hs.cf_len, &pev) != UPSP_OK)
        return 0;
    cx_iut_recv(cx, &cx->side, hs.cf, hs.cf_len, NULL, NULL, &ev);
    return ev.kind == UPSP_IUT_EV_ESTABLISHED;
}

static const uint8_t *kaf_of_test;

static int lookup_vector(void *ctx, const uint8_t *akid, size_t akid_len, uint8_t out[32])
{
    (void)ctx, (void)akid, (void)akid_len;
    memcpy(out, kaf_of_test, 32);
    return 0;
}

static void tweak_kaf(cert_cx *cx, upsp_config *c)
{
    const kaf_vec *v = cx->t->data;
    kaf_of_test = v->kaf;
    if (c->role == UPSP_ROLE_UE)
        c->kaf = v->kaf;
    else
        c->lookup = lookup_vector;
}

static void run_kaf(cert_cx *cx)
{
    const kaf_vec *v = cx->t->data;
    upsp_iut_config cfg;
    cx_default_config(cx, &cfg, cx->t->role);
    snprintf(cfg.af_fqdn, sizeof cfg.af_fqdn, "%s", v->fqdn);
    memcpy(cfg.ua_proto, v->ua, 5);
    memcpy(cfg.ue_key.k_akma, v->k_akma, 32);
    cfg.keys[0] = cfg.ue_key;
    cx_iut_create(cx, &cfg);
    cx_peer_init(cx, tweak_kaf);
    int ok = try_handshake(cx);
    if (v->valid && !ok)
        cx_fail(cx, "no handshake with a peer holding the K_AF the spec derives");
    if (!v->valid && ok)
        cx_fail(cx, "a handshake completed with a peer holding a K_AF derived the wrong way");
}

/* Brings the session to a state where a message of this type is allowed to
 * reach the IUT; returns the peer's next sequence number. */
static uint64_t prepare_for(cert_cx *cx, uint8_t type)
{
    upsp_msg reg;
    upsp_event pev;
    uint8_t rec[UPSP_MAX_MSG];
    size_t n;
    cx_handshake(cx, NULL);
    switch (type) {
    case UPSP_T_REGISTER_ACK:
        cx_sample(&reg, UPSP_T_REGISTER);
        if (cx_iut_send(cx, &cx->side, &reg, rec, &n) != UPSP_IUT_OK ||
            cx_peer_recv(cx, rec, n, NULL, NULL, &pev) != UPSP_OK)
            cx_fail(cx, "the IUT (UE) could not register");
        return 0;
    case UPSP_T_PAGING_NOTIFY:
    case UPSP_T_PAGING_RESPONSE:
    case UPSP_T_DEREGISTER:
        cx_register(cx);
        return 1;
    default:
        return 0;
    }
}

static void run_payload(cert_cx *cx)
{
    const payload_vec *v = cx->t->data;
    uint8_t rec[UPSP_MAX_MSG];
    uint64_t seq = prepare_for(cx, v->type);
    uint8_t flags = cx->t->role == UPSP_IUT_ROLE_UE ? UPSP_FLAG_FROM_SERVER : 0;
    size_t n = cx_peer_raw(cx, v->type, flags, seq, v->payload, v->len, rec);
    if (!v->valid) {
        cx_expect_reject(cx, rec, n, CLS(UPSP_IUT_E_PARSE));
        return;
    }
    if (v->type != UPSP_T_ALERT) {
        cx_expect_accept(cx, rec, n, &v->want);
        return;
    }
    upsp_iut_event ev;
    cx_iut_recv(cx, &cx->side, rec, n, NULL, NULL, &ev);
    if (ev.kind != UPSP_IUT_EV_CLOSED)
        cx_fail(cx, "a valid ALERT did not close the session");
}

static void run_window(cert_cx *cx)
{
    const window_vec *v = cx->t->data;
    upsp_iut_config cfg;
    upsp_msg hb = {.type = UPSP_T_HEARTBEAT};
    uint8_t rec[UPSP_MAX_MSG];
    uint8_t flags = cx->t->role == UPSP_IUT_ROLE_UE ? UPSP_FLAG_FROM_SERVER : 0;
    cx_default_config(cx, &cfg, cx->t->role);
    cfg.window = v->window;
    cx_iut_create(cx, &cfg);
    cx_handshake(cx, NULL);
    for (size_t i = 0; i < v->n; i++) {
        size_t n = cx_peer_raw(cx, UPSP_T_HEARTBEAT, flags, v->seq[i], NULL, 0, rec);
        cx_note(cx, "step %zu: seq %llu must be %s", i + 1, (unsigned long long)v->seq[i],
                v->accept[i] ? "accepted" : "rejected");
        if (v->accept[i])
            cx_expect_accept(cx, rec, n, &hb);
        else
            cx_expect_reject(cx, rec, n, CLS(UPSP_IUT_E_REPLAY));
    }
}

static void expect_bytes(cert_cx *cx, const char *what, const uint8_t *want, size_t want_len,
                         const uint8_t *got, size_t got_len)
{
    if (got_len != want_len || memcmp(want, got, want_len) != 0) {
        cx_diff_hex(cx, want, want_len, got, got_len);
        cx_fail(cx, "the IUT's %s differs from the known answer", what);
    }
}

static void run_kat(cert_cx *cx)
{
    const kat_vec *v = cx->t->data;
    upsp_iut_config cfg;
    upsp_iut_event ev;
    uint8_t out[UPSP_MAX_MSG];
    size_t n;
    upsp_msg reg, ack;
    cx_sample(&reg, UPSP_T_REGISTER);
    cx_sample(&ack, UPSP_T_REGISTER_ACK);
    cx_default_config(cx, &cfg, cx->t->role);
    cfg.suites[0] = v->suite;
    cfg.n_suites = 1;
    if (cx->t->role == UPSP_IUT_ROLE_UE) {
        cfg.rng_seed = v->ue_seed;
        cx_iut_create(cx, &cfg);
        cx_iut_start(cx, &cx->side, out, &n);
        expect_bytes(cx, "CLIENT_HELLO", v->ch, v->ch_len, out, n);
        cx_iut_recv(cx, &cx->side, v->sh, v->sh_len, out, &n, &ev);
        expect_bytes(cx, "CLIENT_FINISHED", v->cf, v->cf_len, out, n);
        if (cx_iut_send(cx, &cx->side, &reg, out, &n) != UPSP_IUT_OK)
            cx_fail(cx, "the IUT refused to send REGISTER");
        expect_bytes(cx, "REGISTER record", v->reg, v->reg_len, out, n);
        cx_expect_accept(cx, v->ack, v->ack_len, &ack);
    } else {
        cfg.rng_seed = v->ps_seed;
        cx_iut_create(cx, &cfg);
        cx_iut_recv(cx, &cx->side, v->ch, v->ch_len, out, &n, &ev);
        expect_bytes(cx, "SERVER_HELLO", v->sh, v->sh_len, out, n);
        cx_iut_recv(cx, &cx->side, v->cf, v->cf_len, NULL, NULL, &ev);
        if (ev.kind != UPSP_IUT_EV_ESTABLISHED)
            cx_fail(cx, "the known-answer CLIENT_FINISHED did not establish the session");
        cx_expect_accept(cx, v->reg, v->reg_len, &reg);
        if (cx_iut_send(cx, &cx->side, &ack, out, &n) != UPSP_IUT_OK)
            cx_fail(cx, "the IUT refused to send REGISTER_ACK");
        expect_bytes(cx, "REGISTER_ACK record", v->ack, v->ack_len, out, n);
    }
}

/* --- loading ---------------------------------------------------------------- */

typedef struct {
    cert_list *l;
    const char *file;
    const cJSON *t;
    char reqs[160];
    char comment[160];
    char err[256];
    int tc;
} load_cx;

static cert_test *add_vec(load_cx *lc, int role, const char *kind, void (*run)(cert_cx *),
                          const char *expect)
{
    char id[64];
    snprintf(id, sizeof id, "vec.%s.%d", kind, lc->tc);
    return cert_add(lc->l, id, role, lc->reqs, lc->comment, expect, run);
}

static int load_kaf(load_cx *lc)
{
    kaf_vec *v = cert_list_own(lc->l, calloc(1, sizeof *v));
    const char *fqdn = jstr(lc->t, "af_fqdn"), *res = jstr(lc->t, "result");
    if (!v || !fqdn || !res || strlen(fqdn) == 0 || strlen(fqdn) > 255 ||
        !jfixed(lc->t, "k_akma", v->k_akma, 32) || !jfixed(lc->t, "ua_proto", v->ua, 5) ||
        !jfixed(lc->t, "kaf", v->kaf, 32))
        return -1;
    snprintf(v->fqdn, sizeof v->fqdn, "%s", fqdn);
    v->valid = !strcmp(res, "valid");
    for (int role = UPSP_IUT_ROLE_UE; role <= UPSP_IUT_ROLE_SERVER; role++) {
        cert_test *t = add_vec(lc, role, "kaf", run_kaf,
                               v->valid ? "the handshake completes" : "the handshake fails");
        if (t)
            t->data = v;
    }
    return 0;
}

static int receiver_roles(uint8_t type)
{
    switch (type) {
    case UPSP_T_REGISTER:
    case UPSP_T_PAGING_RESPONSE:
    case UPSP_T_DEREGISTER:
        return 2;
    case UPSP_T_REGISTER_ACK:
    case UPSP_T_PAGING_NOTIFY:
        return 1;
    default:
        return 3;
    }
}

static int load_payload(load_cx *lc)
{
    payload_vec *v = cert_list_own(lc->l, calloc(1, sizeof *v));
    const char *res = jstr(lc->t, "result");
    int type = type_of(jstr(lc->t, "msg"));
    long len = jhex(lc->t, "payload", v ? v->payload : NULL, UPSP_MAX_PAYLOAD);
    if (!v || !res || type < 0 || len < 0)
        return -1;
    v->type = (uint8_t)type;
    v->len = (size_t)len;
    v->valid = !strcmp(res, "valid");
    if (v->valid &&
        !fields_of(cJSON_GetObjectItemCaseSensitive(lc->t, "fields"), v->type, &v->want))
        return -1;
    int roles = receiver_roles(v->type);
    for (int role = UPSP_IUT_ROLE_UE; role <= UPSP_IUT_ROLE_SERVER; role++)
        if (roles & role) {
            cert_test *t = add_vec(lc, role, "payload", run_payload,
                                   v->valid ? "delivered with the vector's fields"
                                            : "rejected as a parse error");
            if (t)
                t->data = v;
        }
    return 0;
}

static int load_window(load_cx *lc)
{
    window_vec *v = cert_list_own(lc->l, calloc(1, sizeof *v));
    const cJSON *steps = cJSON_GetObjectItemCaseSensitive(lc->t, "steps"), *s;
    uint64_t w;
    if (!v || !jnum(lc->t, "window", &w) || !cJSON_IsArray(steps))
        return -1;
    v->window = (uint32_t)w;
    cJSON_ArrayForEach(s, steps)
    {
        const char *r = jstr(s, "result");
        if (v->n == MAX_STEPS || !r || !jnum(s, "seq", &v->seq[v->n]))
            return -1;
        v->accept[v->n++] = !strcmp(r, "accept");
    }
    for (int role = UPSP_IUT_ROLE_UE; role <= UPSP_IUT_ROLE_SERVER; role++) {
        cert_test *t = add_vec(lc, role, "window", run_window, "every step as the vector says");
        if (t)
            t->data = v;
    }
    return 0;
}

static int load_kat(load_cx *lc)
{
    kat_vec *v = cert_list_own(lc->l, calloc(1, sizeof *v));
    uint64_t suite;
    long a, b, c, d, e;
    if (!v || !jnum(lc->t, "suite", &suite) || !jnum(lc->t, "ue_seed", &v->ue_seed) ||
        !jnum(lc->t, "ps_seed", &v->ps_seed))
        return -1;
    v->suite = (uint16_t)suite;
    a = jhex(lc->t, "client_hello", v->ch, sizeof v->ch);
    b = jhex(lc->t, "server_hello", v->sh, sizeof v->sh);
    c = jhex(lc->t, "client_finished", v->cf, sizeof v->cf);
    d = jhex(lc->t, "register", v->reg, sizeof v->reg);
    e = jhex(lc->t, "register_ack", v->ack, sizeof v->ack);
    if (a < 0 || b < 0 || c < 0 || d < 0 || e < 0)
        return -1;
    v->ch_len = (size_t)a, v->sh_len = (size_t)b, v->cf_len = (size_t)c;
    v->reg_len = (size_t)d, v->ack_len = (size_t)e;
    for (int role = UPSP_IUT_ROLE_UE; role <= UPSP_IUT_ROLE_SERVER; role++) {
        cert_test *t = add_vec(lc, role, "kat", run_kat, "every octet as the vector says");
        if (t) {
            t->data = v;
            t->needs = CAP_DETERMINISTIC_RNG;
        }
    }
    return 0;
}

static int load_file(cert_list *l, const char *path, const char *name, const char *text,
                     char *err, size_t n)
{
    cJSON *doc = cJSON_Parse(text);
    const cJSON *tests, *t;
    const char *alg;
    int (*load)(load_cx *) = NULL;
    char kind[32];
    if (!doc) {
        snprintf(err, n, "%s: not valid JSON", path);
        return -1;
    }
    alg = jstr(doc, "algorithm");
    tests = cJSON_GetObjectItemCaseSensitive(doc, "tests");
    if (alg && !strcmp(alg, "UPSP-KAF"))
        load = load_kaf;
    else if (alg && !strcmp(alg, "UPSP-PAYLOAD"))
        load = load_payload;
    else if (alg && !strcmp(alg, "UPSP-WINDOW"))
        load = load_window;
    else if (alg && !strcmp(alg, "UPSP-HANDSHAKE-KAT"))
        load = load_kat;
    if (!load || !cJSON_IsArray(tests)) {
        snprintf(err, n, "%s: unknown algorithm or no tests", path);
        cJSON_Delete(doc);
        return -1;
    }
    snprintf(kind, sizeof kind, "%.*s", (int)(strcspn(name, ".")), name);
    cJSON_ArrayForEach(t, tests)
    {
        load_cx lc = {.l = l, .file = kind, .t = t};
        uint64_t tc;
        if (!jnum(t, "tcId", &tc)) {
            snprintf(err, n, "%s: a test without tcId", path);
            cJSON_Delete(doc);
            return -1;
        }
        lc.tc = (int)tc;
        reqs_of(t, lc.reqs, sizeof lc.reqs);
        snprintf(lc.comment, sizeof lc.comment, "%s", jstr(t, "comment") ? jstr(t, "comment") : "");
        if (load(&lc) != 0) {
            snprintf(err, n, "%s: test %d is malformed", path, lc.tc);
            cJSON_Delete(doc);
            return -1;
        }
    }
    cJSON_Delete(doc);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && n < (1L << 24) &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = 0;
            *len = (size_t)n;
        }
    }
    fclose(f);
    return buf;
}

int cert_add_vectors(cert_list *l, const char *dir, char sha256_hex[65], char *err, size_t n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char *names[64];
    size_t count = 0;
    uint8_t digest[32];
    /* The set's hash covers every file's name and content, in name order. */
    upsp_iov iov[128];
    char *texts[64];
    int rc = 0;
    if (!d) {
        snprintf(err, n, "cannot open the vector directory %s", dir);
        return -1;
    }
    while ((e = readdir(d)) != NULL && count < 64) {
        size_t len = strlen(e->d_name);
        if (len > 5 && !strcmp(e->d_name + len - 5, ".json"))
            names[count++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof names[0], by_name);
    for (size_t i = 0; i < count; i++) {
        char path[2048];
        size_t len = 0;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        texts[i] = slurp(path, &len);
        if (!texts[i]) {
            snprintf(err, n, "cannot read %s", path);
            rc = -1;
            count = i;
            break;
        }
        iov[2 * i] = (upsp_iov){(const uint8_t *)names[i], strlen(names[i]) + 1};
        iov[2 * i + 1] = (upsp_iov){(const uint8_t *)texts[i], len};
        if (load_file(l, path, names[i], texts[i], err, n) != 0) {
            rc = -1;
            count = i + 1;
            break;
        }
    }
    if (rc == 0 && count == 0) {
        snprintf(err, n, "no vector files in %s", dir);
        rc = -1;
    }
    if (rc == 0 && upsp_sha256(digest, iov, 2 * count) == UPSP_OK)
        for (int i = 0; i < 32; i++)
            snprintf(sha256_hex + 2 * i, 3, "%02x", digest[i]);
    for (size_t i = 0; i < count; i++) {
        free(texts[i]);
        free(names[i]);
    }
    return rc;
}
