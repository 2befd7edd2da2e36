/*
 * upsp/buf.h - bounds-checked reader and writer.
 *
 * Every byte libupsp parses goes through upsp_rd, every byte it writes
 * through upsp_wr. The reader never advances on failure (BoringSSL CBS); the
 * writer has a sticky error so that a sequence of writes needs one check at
 * the end (CBB_init_fixed).
 */
#ifndef UPSP_BUF_H
#define UPSP_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const uint8_t *p;
    size_t len;
} upsp_rd;

/* Points r at len bytes at p. */
void upsp_rd_init(upsp_rd *r, const uint8_t *p, size_t len);

/* Each reader returns 1 and advances on success, 0 and leaves r untouched when
 * fewer bytes are left than asked for. Integers are big-endian. */
int upsp_rd_u8(upsp_rd *r, uint8_t *out);
int upsp_rd_u16(upsp_rd *r, uint16_t *out);
int upsp_rd_u32(upsp_rd *r, uint32_t *out);
int upsp_rd_u64(upsp_rd *r, uint64_t *out);
/* Copies n bytes to out. */
int upsp_rd_copy(upsp_rd *r, uint8_t *out, size_t n);
/* Points *out at the next n bytes without copying. */
int upsp_rd_span(upsp_rd *r, const uint8_t **out, size_t n);
/* Splits off the next n bytes as a reader of their own. */
int upsp_rd_sub(upsp_rd *r, upsp_rd *out, size_t n);
/* Bytes left to read. */
size_t upsp_rd_left(const upsp_rd *r);

typedef struct {
    uint8_t *p;
    size_t cap;
    size_t len;
    int failed;
} upsp_wr;

/* Writes go to buf, cap bytes at most. */
void upsp_wr_init(upsp_wr *w, uint8_t *buf, size_t cap);

/* Each writer appends, or marks w failed (and writes nothing more) when the
 * bytes do not fit. Integers are big-endian. */
void upsp_wr_u8(upsp_wr *w, uint8_t v);
void upsp_wr_u16(upsp_wr *w, uint16_t v);
void upsp_wr_u32(upsp_wr *w, uint32_t v);
void upsp_wr_u64(upsp_wr *w, uint64_t v);
void upsp_wr_bytes(upsp_wr *w, const uint8_t *src, size_t n);
void upsp_wr_zeros(upsp_wr *w, size_t n);
/* Reserves n bytes to be filled later (a length prefix); NULL when failed. */
uint8_t *upsp_wr_reserve(upsp_wr *w, size_t n);

/* 1 when every write so far fitted. */
int upsp_wr_ok(const upsp_wr *w);

/* Big-endian stores for reserved slots. */
void upsp_put_u16(uint8_t *p, uint16_t v);
void upsp_put_u64(uint8_t *p, uint64_t v);

#endif
