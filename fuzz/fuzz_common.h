/*
 * fuzz_common.h - what the fuzz targets share: deterministic sessions made
 * once and copied per input (the caller owns their memory, so a copy is a
 * snapshot), the honest handshake messages, reading an input as a sequence
 * of messages, and the oracle that turns a broken security property into a
 * crash the engines can see.
 */
#ifndef UPSP_FUZZ_COMMON_H
#define UPSP_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "fixture.h"
#include "upsp.h"

/* A security property broke: report and abort, so every engine files it. */
#define FUZZ_ORACLE(cond, ...)                                                                     \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fuzz_oracle_failed(__FILE__, __LINE__, #cond, __VA_ARGS__);                            \
    } while (0)
_Noreturn void fuzz_oracle_failed(const char *file, int line, const char *cond, const char *fmt,
                                  ...) __attribute__((format(printf, 4, 5)));

/* Both sessions of one honest handshake, with the messages it exchanged.
 * suite selects ChaCha20-Poly1305 (0) or AES-128-GCM (1). */
typedef struct {
    upsp_session ue, ps;
    upsp_drbg ue_rng, ps_rng; /* the sessions' generators, snapshotted with them */
    uint8_t ch[UPSP_MAX_MSG], sh[UPSP_MAX_MSG], cf[UPSP_MAX_MSG];
    size_t ch_len, sh_len, cf_len;
} fuzz_pair;

/* The pair after CLIENT_HELLO only (ps in START, ue in WAIT_SH) when
 * stage is 0, after the whole handshake (both OPEN) when stage is 2. Built
 * once per suite and stage; use a copy made with fuzz_pair_copy. */
const fuzz_pair *fuzz_pair_get(int suite, int stage);

/* Copies a pair so that the copy draws from its own generators: every
 * input then sees the same randomness, whatever ran before it. */
void fuzz_pair_copy(fuzz_pair *dst, const fuzz_pair *src);

/* Reads the next message of an input made of [u16 length][octets] items.
 * Returns 1 and sets *msg, *len; 0 at the end or on a malformed item. */
int fuzz_next(upsp_rd *r, const uint8_t **msg, size_t *len);

/* Appends one [u16 length][octets] item to w. */
void fuzz_put(upsp_wr *w, const uint8_t *msg, size_t len);

/* 1 when the event carries no message content (nothing released). */
int fuzz_event_empty(const upsp_event *ev);

#endif
