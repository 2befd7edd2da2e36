/*
 * seeds.c - writes the seed corpus: for every fuzz target, inputs named after
 * the messages they hold, made from the same deterministic sessions the
 * targets use and from the conformance vectors (payloads.json).
 *
 * usage: upsp-fuzz-seeds CORPUS_DIR VECTORS_DIR
 */
#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_common.h"

static const char *root;

static int mkdir_p(const char *d)
{
    return mkdir(d, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

static void put(const char *target, const char *name, const uint8_t *b, size_t n)
{
    char dir[1024], path[1200];
    FILE *f;
    snprintf(dir, sizeof dir, "%s/%s", root, target);
    if (mkdir_p(root) || mkdir_p(dir)) {
        fprintf(stderr, "upsp-fuzz-seeds: cannot create %s\n", dir);
        exit(2);
    }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (!f || fwrite(b, 1, n, f) != n || fclose(f) != 0) {
        fprintf(stderr, "upsp-fuzz-seeds: cannot write %s\n", path);
        exit(2);
    }
}

static const char *lower(const char *s)
{
    static char out[64];
    size_t i = 0;
    for (; s[i] && i < sizeof out - 1; i++)
        out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    out[i] = 0;
    return out;
}

static void handshake_seeds(int suite)
{
    const char *sx = suite ? "aes" : "chacha";
    const fuzz_pair *p = fuzz_pair_get(suite, 2);
    uint8_t buf[4096], alert[UPSP_HS_ALERT_LEN];
    char name[96];
    upsp_wr w;
    size_t n;
    upsp_hs_alert a = {{0}, UPSP_ALERT_AUTH_FAILED};
    snprintf(name, sizeof name, "client_hello_%s", sx);
    put("decode_hs", name, p->ch, p->ch_len);
    snprintf(name, sizeof name, "server_hello_%s", sx);
    put("decode_hs", name, p->sh, p->sh_len);
    snprintf(name, sizeof name, "client_finished_%s", sx);
    put("decode_hs", name, p->cf, p->cf_len);
    upsp_hs_alert_encode(alert, sizeof alert, &n, &a);
    put("decode_hs", "hs_alert", alert, n);
    upsp_wr_init(&w, buf, sizeof buf);
    upsp_wr_u8(&w, (uint8_t)suite);
    fuzz_put(&w, p->sh, p->sh_len);
    snprintf(name, sizeof name, "server_hello_%s", sx);
    put("handshake_ue", name, buf, w.len);
    upsp_wr_init(&w, buf, sizeof buf);
    upsp_wr_u8(&w, (uint8_t)suite);
    fuzz_put(&w, p->ch, p->ch_len);
    fuzz_put(&w, p->cf, p->cf_len);
    snprintf(name, sizeof name, "client_hello_client_finished_%s", sx);
    put("handshake_ps", name, buf, w.len);

    /* REGISTER overtakes CLIENT_FINISHED: it must wait (UPSP-INT-8). */
    fuzz_pair q;
    uint8_t rec[UPSP_MAX_MSG], ch[UPSP_MAX_MSG];
    upsp_msg m;
    fuzz_pair_copy(&q, p);
    upsp_fixture_sample(&m, UPSP_T_REGISTER);
    if (upsp_session_send(&q.ue, rec, sizeof rec, &n, &m) == UPSP_OK) {
        upsp_wr_init(&w, buf, sizeof buf);
        upsp_wr_u8(&w, (uint8_t)suite);
        fuzz_put(&w, p->ch, p->ch_len);
        fuzz_put(&w, rec, n);
        fuzz_put(&w, p->cf, p->cf_len);
        snprintf(name, sizeof name, "client_hello_early_register_%s", sx);
        put("handshake_ps", name, buf, w.len);
    }
    /* E_U replaced by the low-order point 0 (UPSP-KEY-6). */
    memcpy(ch, p->ch, p->ch_len);
    memset(ch + 3 + 2 * ch[2] + UPSP_NONCE_LEN, 0, UPSP_KEY_LEN);
    upsp_wr_init(&w, buf, sizeof buf);
    upsp_wr_u8(&w, (uint8_t)suite);
    fuzz_put(&w, ch, p->ch_len);
    snprintf(name, sizeof name, "client_hello_low_order_point_%s", sx);
    put("handshake_ps", name, buf, w.len);
}

/* One record of every message type, each direction, sealed with the pair's
 * keys (raw: a message the state table would stop still reaches the
 * decoder, which is what the fuzzer should explore). */
static void record_seeds(int suite)
{
    for (int dir = 0; dir < 2; dir++) {
        for (uint8_t type = UPSP_T_REGISTER; type <= UPSP_T_ALERT; type++) {
            fuzz_pair p;
            uint8_t rec[UPSP_MAX_MSG], buf[4096], payload[UPSP_MAX_PAYLOAD];
            size_t n;
            upsp_msg m;
            upsp_wr w;
            upsp_hdr h = {UPSP_VERSION, type, (uint8_t)(dir ? UPSP_FLAG_FROM_SERVER : 0), {0}, 0};
            char name[96];
            fuzz_pair_copy(&p, fuzz_pair_get(suite, 2));
            upsp_fixture_sample(&m, type);
            upsp_wr_init(&w, payload, sizeof payload);
            upsp_msg_encode(&w, &m);
            memcpy(h.session_id, upsp_session_id(&p.ue), UPSP_SESSION_ID_LEN);
            if (upsp_session_seal_raw(dir ? &p.ps : &p.ue, rec, sizeof rec, &n, &h, payload,
                                      w.len) != UPSP_OK)
                continue;
            upsp_wr_init(&w, buf, sizeof buf);
            upsp_wr_u8(&w, (uint8_t)(suite | (dir << 1)));
            fuzz_put(&w, rec, n);
            snprintf(name, sizeof name, "%s_%s_%s", dir ? "ps_to_ue" : "ue_to_ps",
                     lower(upsp_type_name(type)), suite ? "aes" : "chacha");
            put("record", name, buf, w.len);
            snprintf(name, sizeof name, "%s_%s", lower(upsp_type_name(type)),
                     suite ? "aes" : "chacha");
            put("decode_wire", name, rec, n);
        }
    }
}

/* An unauthenticated HS_ALERT, then a HEARTBEAT: the alert must not end
 * the established session (UPSP-INT-9). */
static void clear_alert_seed(int suite)
{
    fuzz_pair p;
    uint8_t al[UPSP_HS_ALERT_LEN], rec[UPSP_MAX_MSG], buf[4096];
    size_t n, k;
    upsp_hs_alert a = {{0}, UPSP_ALERT_INTERNAL_ERROR};
    upsp_msg hb = {.type = UPSP_T_HEARTBEAT};
    upsp_wr w;
    fuzz_pair_copy(&p, fuzz_pair_get(suite, 2));
    memcpy(a.session_id, upsp_session_id(&p.ps), UPSP_SESSION_ID_LEN);
    upsp_hs_alert_encode(al, sizeof al, &k, &a);
    upsp_session_send(&p.ue, rec, sizeof rec, &n, &hb);
    upsp_wr_init(&w, buf, sizeof buf);
    upsp_wr_u8(&w, (uint8_t)suite);
    fuzz_put(&w, al, k);
    fuzz_put(&w, rec, n);
    put("record", suite ? "ue_to_ps_hs_alert_heartbeat_aes" : "ue_to_ps_hs_alert_heartbeat_chacha",
        buf, w.len);
}

static void session_seeds(void)
{
    /* The whole flow: CLIENT_HELLO, SERVER_HELLO and CLIENT_FINISHED are
     * delivered, then REGISTER, REGISTER_ACK, PAGING_NOTIFY,
     * PAGING_RESPONSE and DEREGISTER, each sent and delivered. */
    static const uint8_t flow[] = {0, 2, 0, 2, 0, 2, 0, 0, 0, 2, 0, 1, 0, 2, 0,
                                   1, 1, 2, 0, 0, 1, 2, 0, 0, 3, 2, 0};
    static const uint8_t hostile[] = {0, 2, 0, 2, 0, 2, 0, 0, 0, 4, 0, 2, 0, 2, 0, 7, 0,
                                      1, 0, 6, 77, 2, 0, 8, 1, 1, 0, 5, 0, 2, 0};
    /* From an established session: REGISTER, REGISTER_ACK, PAGING_NOTIFY,
     * then a replay of the notification and a reordered response. */
    static const uint8_t established[] = {2, 0, 0, 2, 0, 1, 0, 2, 0, 1, 1, 4, 0, 2, 0,
                                          2, 0, 0, 1, 0, 2, 5, 0, 2, 0, 8, 3};
    put("session", "full_flow", flow, sizeof flow);
    put("session", "duplicate_inject_flip_replay", hostile, sizeof hostile);
    put("session", "established_register_notify_replay", established, sizeof established);
    /* fuzz_diff takes the same operations without the flag octet. */
    put("diff", "full_flow", flow + 1, sizeof flow - 1);
    put("diff", "duplicate_flip_reorder", hostile + 1, sizeof hostile - 1);
}

static void payload_seeds(const char *vectors)
{
    char path[1024];
    FILE *f;
    static char text[1 << 20];
    size_t n;
    cJSON *doc, *t;
    static const char *const names[] = {"REGISTER",   "REGISTER_ACK", "PAGING_NOTIFY",
                                        "PAGING_RESPONSE", "DEREGISTER", "HEARTBEAT", "ALERT"};
    snprintf(path, sizeof path, "%s/payloads.json", vectors);
    f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "upsp-fuzz-seeds: cannot read %s\n", path);
        exit(2);
    }
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    doc = cJSON_Parse(text);
    cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(doc, "tests"))
    {
        const cJSON *msg = cJSON_GetObjectItemCaseSensitive(t, "msg");
        const cJSON *hex = cJSON_GetObjectItemCaseSensitive(t, "payload");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(t, "tcId");
        const cJSON *res = cJSON_GetObjectItemCaseSensitive(t, "result");
        uint8_t buf[UPSP_MAX_MSG];
        size_t len = 1;
        char name[96];
        if (!cJSON_IsString(msg) || !cJSON_IsString(hex) || !cJSON_IsNumber(id))
            continue;
        for (int i = 0; i < 7; i++)
            if (!strcmp(msg->valuestring, names[i]))
                buf[0] = (uint8_t)i;
        for (const char *h = hex->valuestring; h[0] && h[1] && len < sizeof buf; h += 2) {
            unsigned v;
            sscanf(h, "%2x", &v);
            buf[len++] = (uint8_t)v;
        }
        snprintf(name, sizeof name, "%s_%s_%d", lower(msg->valuestring),
                 cJSON_IsString(res) ? res->valuestring : "x", id->valueint);
        put("decode_msg", name, buf, len);
    }
    cJSON_Delete(doc);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: upsp-fuzz-seeds CORPUS_DIR VECTORS_DIR\n");
        return 2;
    }
    root = argv[1];
    for (int suite = 0; suite < 2; suite++) {
        handshake_seeds(suite);
        record_seeds(suite);
        clear_alert_seed(suite);
    }
    session_seeds();
    payload_seeds(argv[2]);
    return 0;
}
