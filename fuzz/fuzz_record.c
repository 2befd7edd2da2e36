/*
 * fuzz_record.c - the record layer of an established session. Input: one
 * flag octet (bit 0: AES-128-GCM; bit 1: the paging server sends and the UE
 * receives, else the reverse), then [u16 length][record] items delivered to
 * the receiver in order.
 *
 * Oracles: integrity - every accepted record opens under the sender's key
 * with a nonce computed here from the spec, and yields exactly what was
 * delivered; replay - for every authentic record the receiver's replay
 * verdict matches the spec's window rule, written again here; failed opens -
 * a record that does not authenticate releases nothing and leaves the
 * window untouched; state - the receiver never leaves the states a record
 * can lead to (a clear alert must not end the session).
 *
 * A plain byte fuzzer cannot get past the AEAD tag. The custom mutator below
 * (libFuzzer builds) decrypts a record with the sender's key, mutates header
 * and plaintext, and seals it again, so the code behind the tag is reached.
 */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ACCEPTED 256

static void roles(const uint8_t flags, fuzz_pair *p, upsp_session **rx, upsp_session **tx)
{
    *rx = (flags & 2) ? &p->ue : &p->ps;
    *tx = (flags & 2) ? &p->ps : &p->ue;
}

/* The spec's replay rule (SPEC.md 6.4), written again here from the text, so
 * that a receiver whose window disagrees with it is caught. */
typedef struct {
    uint64_t next;
    uint64_t seen[MAX_ACCEPTED];
    size_t n;
} model_window;

static int model_is_replay(const model_window *m, uint64_t seq)
{
    if (seq >= m->next)
        return 0;
    if (seq + UPSP_WINDOW_DEFAULT < m->next)
        return 1;
    for (size_t i = 0; i < m->n; i++)
        if (m->seen[i] == seq)
            return 1;
    return 0;
}

static void model_mark(model_window *m, uint64_t seq)
{
    if (m->n < MAX_ACCEPTED)
        m->seen[m->n++] = seq;
    if (seq >= m->next)
        m->next = seq + 1;
}

/* 1 when rec is exactly what the sender's key seals: the nonce is computed
 * here from the spec (SPEC.md 6.2), and the verdict comes from sealing the
 * decrypted text again and comparing every octet - not from the open under
 * test, which may be the flawed part. */
static int independent_open(upsp_session *tx, const upsp_hdr *h, const uint8_t *rec, size_t len,
                            uint8_t *pt)
{
    static uint8_t again[UPSP_MAX_MSG];
    uint8_t nonce[UPSP_AEAD_NONCE_LEN];
    upsp_aead a = tx->tx.aead;
    size_t ct_len;
    if (len < UPSP_HDR_LEN + UPSP_AEAD_TAG_LEN)
        return 0;
    ct_len = len - UPSP_HDR_LEN;
    memcpy(nonce, tx->tx.iv, sizeof nonce);
    for (int i = 0; i < 8; i++)
        nonce[UPSP_AEAD_NONCE_LEN - 1 - i] ^= (uint8_t)(h->seq >> (8 * i));
    upsp_aead_open(&a, pt, nonce, rec, UPSP_HDR_LEN, rec + UPSP_HDR_LEN, ct_len);
    return upsp_aead_seal(&a, again, nonce, rec, UPSP_HDR_LEN, pt,
                          ct_len - UPSP_AEAD_TAG_LEN) == UPSP_OK &&
           memcmp(again, rec + UPSP_HDR_LEN, ct_len) == 0;
}

static void check_record(upsp_session *rx, upsp_session *tx, model_window *mw,
                         const uint8_t *msg, size_t len)
{
    uint8_t out[UPSP_MAX_MSG], pt[UPSP_MAX_MSG];
    size_t n = 0;
    upsp_event ev;
    upsp_hdr h;
    upsp_window before = rx->window;
    upsp_err err = upsp_session_recv(rx, &ev, out, sizeof out, &n, msg, len);
    int parsed = upsp_record_parse(&h, msg, len) == UPSP_OK;
    int authentic = parsed && independent_open(tx, &h, msg, len, pt);
    int routed = parsed && h.flags == (rx->role == UPSP_ROLE_UE ? UPSP_FLAG_FROM_SERVER : 0) &&
                 memcmp(h.session_id, rx->session_id, UPSP_SESSION_ID_LEN) == 0;
    FUZZ_ORACLE(upsp_session_state(rx) == UPSP_ST_OPEN || upsp_session_state(rx) == UPSP_ST_REG_PENDING ||
                    upsp_session_state(rx) == UPSP_ST_REGISTERED ||
                    upsp_session_state(rx) == UPSP_ST_CLOSED,
                "the receiver reached state %s", upsp_state_name(upsp_session_state(rx)));
    if (ev.kind == UPSP_EV_REJECTED || ev.kind == UPSP_EV_NONE) {
        FUZZ_ORACLE(fuzz_event_empty(&ev), "a rejected record released content");
        if (!authentic)
            FUZZ_ORACLE(memcmp(&before, &rx->window, sizeof before) == 0,
                        "a record that does not authenticate moved the replay window");
    }
    if (authentic && routed && upsp_session_state(rx) != UPSP_ST_CLOSED) {
        int replay = model_is_replay(mw, h.seq);
        FUZZ_ORACLE((err == UPSP_ERR_REPLAY) == replay,
                    "sequence number %llu: the receiver says %s, the spec's window says %s",
                    (unsigned long long)h.seq, err == UPSP_ERR_REPLAY ? "replay" : "fresh",
                    replay ? "replay" : "fresh");
        if (!replay)
            model_mark(mw, h.seq);
    }
    if (ev.kind != UPSP_EV_MESSAGE && !(ev.kind == UPSP_EV_CLOSED && ev.msg.type))
        return;
    upsp_msg m;
    FUZZ_ORACLE(authentic, "an accepted record does not open under the sender's key and nonce");
    FUZZ_ORACLE(upsp_msg_decode(&m, h.type, pt, len - UPSP_HDR_LEN - UPSP_AEAD_TAG_LEN) ==
                        UPSP_OK &&
                    memcmp(&m, &ev.msg, sizeof m) == 0 && ev.seq == h.seq,
                "the delivered message differs from what the sender sealed");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static fuzz_pair p;
    static model_window mw;
    upsp_session *rx, *tx;
    upsp_rd r;
    const uint8_t *msg;
    size_t len;
    if (size < 1)
        return 0;
    fuzz_pair_copy(&p, fuzz_pair_get(data[0] & 1, 2));
    roles(data[0], &p, &rx, &tx);
    memset(&mw, 0, sizeof mw);
    upsp_rd_init(&r, data + 1, size - 1);
    while (fuzz_next(&r, &msg, &len))
        check_record(rx, tx, &mw, msg, len);
    return 0;
}

#if defined(UPSP_LIBFUZZER) && !defined(UPSP_FUZZ_NO_MUTATOR)
#include "record_mutator.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);

static size_t libfuzzer_bytes(uint8_t *data, size_t size, size_t max_size, void *ctx)
{
    (void)ctx;
    return LLVMFuzzerMutate(data, size, max_size);
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    return fuzz_record_mutate(data, size, max_size, seed, libfuzzer_bytes, NULL);
}
#endif
