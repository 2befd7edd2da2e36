/*
 * fuzz_record.c - the record layer of an established session. Input: one
 * flag octet (bit 0: AES-128-GCM; bit 1: the paging server sends and the UE
 * receives, else the reverse), then [u16 length][record] items delivered to
 * the receiver in order.
 *
 * Oracles: integrity - every accepted record opens, independently, under the
 * sender's key and yields exactly what was delivered; replay - no sequence
 * number is accepted twice; confidentiality of failures - a rejected record
 * releases nothing; state - the receiver never leaves the states a record
 * can lead to.
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

static int state_ok(upsp_state st)
{
    return st == UPSP_ST_OPEN || st == UPSP_ST_REG_PENDING || st == UPSP_ST_REGISTERED ||
           st == UPSP_ST_CLOSED;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static fuzz_pair p;
    uint64_t accepted[MAX_ACCEPTED];
    size_t n_acc = 0;
    upsp_session *rx, *tx;
    upsp_rd r;
    const uint8_t *msg;
    size_t len;
    if (size < 1)
        return 0;
    fuzz_pair_copy(&p, fuzz_pair_get(data[0] & 1, 2));
    roles(data[0], &p, &rx, &tx);
    upsp_rd_init(&r, data + 1, size - 1);
    while (fuzz_next(&r, &msg, &len)) {
        uint8_t out[UPSP_MAX_MSG], pt[UPSP_MAX_MSG];
        size_t n = 0, pt_len = 0;
        upsp_event ev;
        upsp_hdr h;
        upsp_session_recv(rx, &ev, out, sizeof out, &n, msg, len);
        FUZZ_ORACLE(state_ok(upsp_session_state(rx)), "the receiver reached state %s",
                    upsp_state_name(upsp_session_state(rx)));
        if (ev.kind == UPSP_EV_REJECTED || ev.kind == UPSP_EV_NONE) {
            FUZZ_ORACLE(fuzz_event_empty(&ev), "a rejected record released content");
            continue;
        }
        if (ev.kind != UPSP_EV_MESSAGE && !(ev.kind == UPSP_EV_CLOSED && ev.msg.type))
            continue;
        /* Integrity: an independent open with the sender's own key. */
        upsp_record_keys k = tx->tx;
        upsp_msg m;
        FUZZ_ORACLE(upsp_record_parse(&h, msg, len) == UPSP_OK &&
                        upsp_record_open(&k, pt, sizeof pt, &pt_len, &h, msg, len) == UPSP_OK,
                    "an accepted record does not open under the sender's key");
        FUZZ_ORACLE(upsp_msg_decode(&m, h.type, pt, pt_len) == UPSP_OK &&
                        memcmp(&m, &ev.msg, sizeof m) == 0 && ev.seq == h.seq,
                    "the delivered message differs from what the sender sealed");
        for (size_t i = 0; i < n_acc; i++)
            FUZZ_ORACLE(accepted[i] != h.seq, "sequence number %llu accepted twice",
                        (unsigned long long)h.seq);
        if (n_acc < MAX_ACCEPTED)
            accepted[n_acc++] = h.seq;
    }
    return 0;
}

#if defined(UPSP_LIBFUZZER) && !defined(UPSP_FUZZ_NO_MUTATOR)
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);

typedef struct {
    const uint8_t *p[64];
    size_t len[64];
    size_t n;
} items;

static void split(const uint8_t *data, size_t size, items *it)
{
    upsp_rd r;
    it->n = 0;
    upsp_rd_init(&r, data + 1, size - 1);
    while (it->n < 64 && fuzz_next(&r, &it->p[it->n], &it->len[it->n]))
        it->n++;
}

static uint32_t next_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Re-seals one record with the sender's key after mutating its plaintext
 * and, sometimes, its header; writes it to out. 0 when it did not open. */
static size_t reseal(const uint8_t flags, const uint8_t *rec, size_t len, uint8_t *out,
                     uint32_t *rnd)
{
    static fuzz_pair p;
    upsp_session *rx, *tx;
    upsp_hdr h;
    uint8_t pt[UPSP_MAX_MSG];
    size_t pt_len, n = 0;
    fuzz_pair_copy(&p, fuzz_pair_get(flags & 1, 2));
    roles(flags, &p, &rx, &tx);
    upsp_record_keys k = tx->tx;
    if (upsp_record_parse(&h, rec, len) != UPSP_OK ||
        upsp_record_open(&k, pt, sizeof pt, &pt_len, &h, rec, len) != UPSP_OK)
        return 0;
    switch (next_rand(rnd) % 4) {
    case 0:
        h.type = (uint8_t)(UPSP_T_REGISTER + next_rand(rnd) % 7);
        break;
    case 1:
        h.seq = next_rand(rnd) % 4 ? h.seq + next_rand(rnd) % 130 - 65 : next_rand(rnd);
        h.seq &= UPSP_SEQ_LIMIT - 1;
        break;
    default:
        break;
    }
    pt_len = LLVMFuzzerMutate(pt, pt_len, UPSP_MAX_PAYLOAD);
    if (upsp_session_seal_raw(tx, out, UPSP_MAX_MSG, &n, &h, pt, pt_len) != UPSP_OK)
        return 0;
    return n;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    static uint8_t buf[1 << 16];
    uint8_t one[UPSP_MAX_MSG];
    uint32_t rnd = seed | 1;
    items it;
    upsp_wr w;
    size_t pick, n;
    if (size < 1 || next_rand(&rnd) % 4 == 0)
        return LLVMFuzzerMutate(data, size, max_size); /* plain bytes, a quarter of the time */
    split(data, size, &it);
    if (it.n == 0)
        return LLVMFuzzerMutate(data, size, max_size);
    pick = next_rand(&rnd) % it.n;
    upsp_wr_init(&w, buf, sizeof buf < max_size ? sizeof buf : max_size);
    upsp_wr_u8(&w, data[0]);
    switch (next_rand(&rnd) % 4) {
    case 0: /* replay: the picked record again, at the end */
        for (size_t i = 0; i < it.n; i++)
            fuzz_put(&w, it.p[i], it.len[i]);
        fuzz_put(&w, it.p[pick], it.len[pick]);
        break;
    case 1: /* reorder: the picked record first */
        fuzz_put(&w, it.p[pick], it.len[pick]);
        for (size_t i = 0; i < it.n; i++)
            if (i != pick)
                fuzz_put(&w, it.p[i], it.len[i]);
        break;
    default: /* behind the tag: decrypt, mutate, seal again */
        n = reseal(data[0], it.p[pick], it.len[pick], one, &rnd);
        for (size_t i = 0; i < it.n; i++) {
            if (i == pick && n)
                fuzz_put(&w, one, n);
            else
                fuzz_put(&w, it.p[i], it.len[i]);
        }
        break;
    }
    if (!upsp_wr_ok(&w))
        return LLVMFuzzerMutate(data, size, max_size);
    memcpy(data, buf, w.len);
    return w.len;
}
#endif
