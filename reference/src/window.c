/*
 * window.c - sliding anti-replay window.
 *
 * The bitmap is a ring of 1024 bits indexed by seq mod 1024, whatever the
 * configured size W; W only decides how far left a number may be. Sliding
 * clears the bits of the numbers skipped over, so a bit is set only for a
 * number inside the current window.
 */
#include "upsp/window.h"

#include <string.h>

#include "upsp/wire.h"

#define RING_BITS UPSP_WINDOW_MAX

upsp_err upsp_window_init(upsp_window *w, uint32_t size)
{
    if (size == 0)
        size = UPSP_WINDOW_DEFAULT; /* UPSP-RPL-7 */
    if (size < UPSP_WINDOW_MIN || size > UPSP_WINDOW_MAX)
        return UPSP_ERR_RANGE;
    memset(w, 0, sizeof *w);
    w->size = size;
    return UPSP_OK;
}

static int bit_get(const upsp_window *w, uint64_t seq)
{
    unsigned i = (unsigned)(seq % RING_BITS);
    return (int)((w->bits[i / 64] >> (i % 64)) & 1u);
}

static void bit_set(upsp_window *w, uint64_t seq, int on)
{
    unsigned i = (unsigned)(seq % RING_BITS);
    uint64_t m = UINT64_C(1) << (i % 64);
    if (on)
        w->bits[i / 64] |= m;
    else
        w->bits[i / 64] &= ~m;
}

upsp_err upsp_window_check(const upsp_window *w, uint64_t seq)
{
    if (seq >= UPSP_SEQ_LIMIT) /* UPSP-RPL-8 */
        return UPSP_ERR_RANGE;
    if (seq >= w->next) /* UPSP-RPL-10: ahead is always new */
        return UPSP_OK;
    if (w->next - seq > w->size) /* UPSP-RPL-6: left of the window */
        return UPSP_ERR_REPLAY;
    return bit_get(w, seq) ? UPSP_ERR_REPLAY : UPSP_OK; /* UPSP-RPL-5 */
}

void upsp_window_mark(upsp_window *w, uint64_t seq)
{
    if (seq >= w->next) {
        uint64_t skip = seq - w->next;
        if (skip >= RING_BITS) {
            memset(w->bits, 0, sizeof w->bits);
        } else {
            for (uint64_t s = w->next; s < seq; s++)
                bit_set(w, s, 0);
        }
        w->next = seq + 1;
    }
    bit_set(w, seq, 1);
}
