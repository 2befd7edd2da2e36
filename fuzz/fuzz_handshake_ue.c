/*
 * fuzz_handshake_ue.c - a UE that has sent CLIENT_HELLO receives whatever the
 * input says the paging server sends. Input: one flag octet (bit 0: AES-128-GCM
 * instead of ChaCha20), then [u16 length][message] items.
 *
 * Oracles: the UE establishes a session only with the one SERVER_HELLO that a
 * holder of K_AF and the static key produces for its CLIENT_HELLO; its
 * CLIENT_FINISHED then satisfies that honest server; every application
 * message it delivers afterwards was sealed by that server; a SERVER_HELLO
 * choosing a suite it did not offer is refused with illegal_parameter.
 */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    fuzz_pair p;          /* p.ue: the target; p.ps: the honest server */
    uint8_t sh[UPSP_MAX_MSG];
    size_t sh_len;
} honest;

static const honest *honest_for(int suite)
{
    static honest h[2];
    static int made[2];
    if (!made[suite]) {
        upsp_event ev;
        fuzz_pair_copy(&h[suite].p, fuzz_pair_get(suite, 0));
        upsp_session_recv(&h[suite].p.ps, &ev, h[suite].sh, sizeof h[suite].sh, &h[suite].sh_len,
                          h[suite].p.ch, h[suite].p.ch_len);
        made[suite] = 1;
    }
    return &h[suite];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static honest h;
    upsp_rd r;
    const uint8_t *msg;
    size_t len;
    int established = 0;
    if (size < 1)
        return 0;
    const honest *ref = honest_for(data[0] & 1);
    memcpy(&h, ref, sizeof h);
    fuzz_pair_copy(&h.p, &ref->p);
    upsp_rd_init(&r, data + 1, size - 1);
    while (fuzz_next(&r, &msg, &len)) {
        uint8_t out[UPSP_MAX_MSG];
        size_t n = 0;
        upsp_event ev;
        upsp_server_hello sh;
        int unoffered = upsp_session_state(&h.p.ue) == UPSP_ST_WAIT_SH &&
                        upsp_sh_decode(&sh, msg, len) == UPSP_OK && sh.suite != h.p.ue.suites[0];
        upsp_session_recv(&h.p.ue, &ev, out, sizeof out, &n, msg, len);
        if (unoffered) /* UPSP-AUTH-5 */
            FUZZ_ORACLE(n == UPSP_HS_ALERT_LEN && out[1] == UPSP_T_HS_ALERT &&
                            out[10] == UPSP_ALERT_ILLEGAL_PARAMETER,
                        "a SERVER_HELLO with a suite the UE did not offer was not refused as such");
        if (ev.kind == UPSP_EV_REJECTED)
            FUZZ_ORACLE(fuzz_event_empty(&ev), "a rejected message released content");
        if (ev.kind == UPSP_EV_ESTABLISHED) {
            FUZZ_ORACLE(!established, "established twice");
            FUZZ_ORACLE(len == h.sh_len && memcmp(msg, h.sh, len) == 0,
                        "the UE established a session with a SERVER_HELLO no K_AF holder sent");
            upsp_event pev;
            size_t none;
            uint8_t tmp[UPSP_MAX_MSG];
            upsp_session_recv(&h.p.ps, &pev, tmp, sizeof tmp, &none, out, n);
            FUZZ_ORACLE(pev.kind == UPSP_EV_ESTABLISHED,
                        "the honest server rejects the UE's CLIENT_FINISHED");
            established = 1;
        }
        if (ev.kind == UPSP_EV_MESSAGE) {
            upsp_hdr hd;
            uint8_t pt[UPSP_MAX_MSG];
            size_t pt_len;
            upsp_record_keys k = h.p.ps.tx; /* what the honest server seals with */
            FUZZ_ORACLE(established, "a message was delivered before the handshake ended");
            FUZZ_ORACLE(upsp_record_parse(&hd, msg, len) == UPSP_OK &&
                            upsp_record_open(&k, pt, sizeof pt, &pt_len, &hd, msg, len) == UPSP_OK,
                        "the UE delivered a record the honest server did not seal");
        }
    }
    return 0;
}
