/*
 * afl_record_mutator.c - the record target's structure-aware mutator as an
 * AFL++ custom mutator library:
 *   AFL_CUSTOM_MUTATOR_LIBRARY=<build>/lib/libupsp_afl_record_mutator.so
 * AFL++'s own havoc still runs beside it; the byte mutation it uses for
 * plaintexts is a small havoc of its own (AFL++ offers no callback for it).
 */
#include <stdlib.h>
#include <string.h>

#include "record_mutator.h"

typedef struct {
    uint32_t rnd;
    uint8_t *buf;
    size_t cap;
} afl_state;

void *afl_custom_init(void *afl, unsigned int seed);
size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf,
                       uint8_t *add_buf, size_t add_buf_size, size_t max_size);
void afl_custom_deinit(void *data);

static uint32_t next_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* A few havoc steps: flip bits, set interesting octets, insert or delete. */
static size_t havoc(uint8_t *d, size_t size, size_t max_size, void *ctx)
{
    static const uint8_t interesting[] = {0x00, 0x01, 0x7f, 0x80, 0xff, 0x40, 0x20, 0x10};
    afl_state *st = ctx;
    unsigned steps = 1 + next_rand(&st->rnd) % 4;
    for (unsigned i = 0; i < steps; i++) {
        size_t pos = size ? next_rand(&st->rnd) % size : 0;
        switch (next_rand(&st->rnd) % 4) {
        case 0:
            if (size)
                d[pos] ^= (uint8_t)(1u << (next_rand(&st->rnd) % 8));
            break;
        case 1:
            if (size)
                d[pos] = interesting[next_rand(&st->rnd) % sizeof interesting];
            break;
        case 2:
            if (size < max_size) {
                memmove(d + pos + 1, d + pos, size - pos);
                d[pos] = (uint8_t)next_rand(&st->rnd);
                size++;
            }
            break;
        default:
            if (size > 1) {
                memmove(d + pos, d + pos + 1, size - pos - 1);
                size--;
            }
            break;
        }
    }
    return size;
}

void *afl_custom_init(void *afl, unsigned int seed)
{
    afl_state *st = calloc(1, sizeof *st);
    (void)afl;
    if (st)
        st->rnd = seed | 1;
    return st;
}

size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf,
                       uint8_t *add_buf, size_t add_buf_size, size_t max_size)
{
    afl_state *st = data;
    (void)add_buf, (void)add_buf_size;
    if (st->cap < max_size) {
        uint8_t *grown = realloc(st->buf, max_size);
        if (!grown) {
            *out_buf = buf;
            return buf_size;
        }
        st->buf = grown;
        st->cap = max_size;
    }
    if (buf_size > max_size)
        buf_size = max_size;
    memcpy(st->buf, buf, buf_size);
    *out_buf = st->buf;
    return fuzz_record_mutate(st->buf, buf_size, max_size, next_rand(&st->rnd), havoc, st);
}

void afl_custom_deinit(void *data)
{
    afl_state *st = data;
    if (st)
        free(st->buf);
    free(st);
}
