/* record_mutator.c - structure-aware mutation of record inputs (see
 * record_mutator.h and fuzz_record.c for the input format). */
#include "record_mutator.h"

#include <string.h>

#include "fuzz_common.h"

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
static size_t reseal(uint8_t flags, const uint8_t *rec, size_t len, uint8_t *out, uint32_t *rnd,
                     fuzz_bytes_fn bytes, void *ctx)
{
    static fuzz_pair p;
    upsp_hdr h;
    uint8_t pt[UPSP_MAX_MSG];
    size_t pt_len, n = 0;
    fuzz_pair_copy(&p, fuzz_pair_get(flags & 1, 2));
    upsp_session *tx = (flags & 2) ? &p.ps : &p.ue;
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
    pt_len = bytes(pt, pt_len, UPSP_MAX_PAYLOAD, ctx);
    if (upsp_session_seal_raw(tx, out, UPSP_MAX_MSG, &n, &h, pt, pt_len) != UPSP_OK)
        return 0;
    return n;
}

size_t fuzz_record_mutate(uint8_t *data, size_t size, size_t max_size, unsigned seed,
                          fuzz_bytes_fn bytes, void *ctx)
{
    static uint8_t buf[1 << 16];
    uint8_t one[UPSP_MAX_MSG];
    uint32_t rnd = seed | 1;
    items it;
    upsp_wr w;
    size_t pick, n;
    if (size < 1 || next_rand(&rnd) % 4 == 0)
        return bytes(data, size, max_size, ctx); /* plain bytes, a quarter of the time */
    split(data, size, &it);
    if (it.n == 0)
        return bytes(data, size, max_size, ctx);
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
        n = reseal(data[0], it.p[pick], it.len[pick], one, &rnd, bytes, ctx);
        for (size_t i = 0; i < it.n; i++) {
            if (i == pick && n)
                fuzz_put(&w, one, n);
            else
                fuzz_put(&w, it.p[i], it.len[i]);
        }
        break;
    }
    if (!upsp_wr_ok(&w))
        return bytes(data, size, max_size, ctx);
    memcpy(data, buf, w.len);
    return w.len;
}
