/*
 * upsp/window.h - the anti-replay sliding window (RFC 4303 section 3.4.3,
 * RFC 9147 section 4.5.1). Check before the AEAD open, mark only after it
 * succeeded (UPSP-RPL-3, UPSP-RPL-4).
 */
#ifndef UPSP_WINDOW_H
#define UPSP_WINDOW_H

#include <stdint.h>

#include "upsp/err.h"

#define UPSP_WINDOW_DEFAULT 64
#define UPSP_WINDOW_MIN 32
#define UPSP_WINDOW_MAX 1024

typedef struct {
    uint64_t next;  /* highest sequence number marked + 1; 0 when none */
    uint32_t size;  /* W: the numbers next-W .. next-1 are tracked */
    uint64_t bits[UPSP_WINDOW_MAX / 64]; /* ring indexed by seq mod 1024 */
} upsp_window;

/* Empties w with size W (0 means the default, 64).
 * Errors: UPSP_ERR_RANGE when W is outside 32..1024. */
upsp_err upsp_window_init(upsp_window *w, uint32_t size);

/* UPSP_OK when seq may be accepted: above everything seen, or inside the
 * window and not yet marked. Changes nothing.
 * Errors: UPSP_ERR_REPLAY (duplicate or left of the window), UPSP_ERR_RANGE
 * (seq >= 2^48). */
upsp_err upsp_window_check(const upsp_window *w, uint64_t seq);

/* Records seq as received, sliding the window forward when seq is new. Call
 * only after upsp_window_check accepted seq and the record authenticated. */
void upsp_window_mark(upsp_window *w, uint64_t seq);

#endif
