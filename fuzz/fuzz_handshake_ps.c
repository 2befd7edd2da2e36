/*
 * fuzz_handshake_ps.c - a fresh paging server receives whatever the input
 * says a UE sends. Input: one flag octet (bit 0: the honest UE offers
 * AES-128-GCM), then [u16 length][message] items.
 *
 * Oracles: the server establishes a session only after the honest UE's
 * CLIENT_HELLO and the one CLIENT_FINISHED that UE computes for the
 * server's answer - never with a peer that did not prove K_AF; a record
 * before that is neither delivered nor remembered (UPSP-INT-8); it never answers a CLIENT_HELLO with auth_failed or
 * internal_error (an unknown A-KID must look like a known one); it refuses
 * the low-order point 0.
 */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    fuzz_pair p;
    uint8_t sh[UPSP_MAX_MSG], cf[UPSP_MAX_MSG];
    size_t sh_len, cf_len;
} honest;

static const honest *honest_for(int suite)
{
    static honest h[2];
    static int made[2];
    if (!made[suite]) {
        upsp_event ev;
        fuzz_pair tmp;
        fuzz_pair_copy(&h[suite].p, fuzz_pair_get(suite, 0));
        fuzz_pair_copy(&tmp, &h[suite].p);
        upsp_session_recv(&tmp.ps, &ev, h[suite].sh, sizeof h[suite].sh, &h[suite].sh_len,
                          tmp.ch, tmp.ch_len);
        upsp_session_recv(&tmp.ue, &ev, h[suite].cf, sizeof h[suite].cf, &h[suite].cf_len,
                          h[suite].sh, h[suite].sh_len);
        made[suite] = 1;
    }
    return &h[suite];
}

/* Which honest UE (suite 0 or 1) sent exactly this CLIENT_HELLO; -1 if none.
 * Both honest UEs talk to servers that draw the same randomness, so either
 * one's CLIENT_HELLO and CLIENT_FINISHED legitimately complete a handshake. */
static int honest_ue_of(const uint8_t *ch, size_t len)
{
    for (int suite = 0; suite < 2; suite++) {
        const honest *h = honest_for(suite);
        if (len == h->p.ch_len && memcmp(ch, h->p.ch, len) == 0)
            return suite;
    }
    return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static fuzz_pair p;
    upsp_rd r;
    const uint8_t *msg;
    size_t len;
    int hello_from = -1; /* the honest UE whose hello the server answered */
    if (size < 1)
        return 0;
    fuzz_pair_copy(&p, &honest_for(data[0] & 1)->p);
    upsp_rd_init(&r, data + 1, size - 1);
    while (fuzz_next(&r, &msg, &len)) {
        uint8_t out[UPSP_MAX_MSG];
        size_t n = 0;
        upsp_event ev;
        upsp_state before = upsp_session_state(&p.ps);
        upsp_window window = p.ps.window;
        upsp_client_hello ch;
        int hello = before == UPSP_ST_START && upsp_ch_decode(&ch, msg, len) == UPSP_OK;
        upsp_session_recv(&p.ps, &ev, out, sizeof out, &n, msg, len);
        if (hello) {
            /* UPSP-AUTH-4: nothing about the A-KID shows before CLIENT_FINISHED;
             * UPSP-KEY-6: a low-order E_U is refused. */
            FUZZ_ORACLE(!(n == UPSP_HS_ALERT_LEN && (out[10] == UPSP_ALERT_AUTH_FAILED ||
                                                     out[10] == UPSP_ALERT_INTERNAL_ERROR)),
                        "the server answered a CLIENT_HELLO with %s", upsp_alert_name(out[10]));
            FUZZ_ORACLE(!(upsp_ct_is_zero(ch.eph, 32) && n && out[1] == UPSP_T_SERVER_HELLO),
                        "the server accepted the low-order point 0 as E_U");
        }
        if (ev.kind == UPSP_EV_REJECTED)
            FUZZ_ORACLE(fuzz_event_empty(&ev), "a rejected message released content");
        if (before == UPSP_ST_START && upsp_session_state(&p.ps) == UPSP_ST_WAIT_CF)
            hello_from = honest_ue_of(msg, len);
        if (ev.kind == UPSP_EV_ESTABLISHED) {
            const honest *h = hello_from >= 0 ? honest_for(hello_from) : NULL;
            FUZZ_ORACLE(h && len == h->cf_len && memcmp(msg, h->cf, len) == 0,
                        "the server established a session with a UE that did not prove K_AF");
        }
        if (before == UPSP_ST_START || before == UPSP_ST_WAIT_CF) {
            FUZZ_ORACLE(ev.kind != UPSP_EV_MESSAGE,
                        "a message was delivered before the handshake ended");
            FUZZ_ORACLE(memcmp(&window, &p.ps.window, sizeof window) == 0,
                        "a record before the handshake ended left a trace (the replay window)");
        }
    }
    return 0;
}
