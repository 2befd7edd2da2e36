/* buf.c - bounds-checked reader and sticky-error writer. */
#include "upsp/buf.h"

#include <string.h>

void upsp_rd_init(upsp_rd *r, const uint8_t *p, size_t len)
{
    r->p = p;
    r->len = p ? len : 0;
}

size_t upsp_rd_left(const upsp_rd *r)
{
    return r->len;
}

int upsp_rd_span(upsp_rd *r, const uint8_t **out, size_t n)
{
    if (r->len < n)
        return 0;
    *out = r->p;
    r->p += n;
    r->len -= n;
    return 1;
}

int upsp_rd_copy(upsp_rd *r, uint8_t *out, size_t n)
{
    const uint8_t *p;
    if (!upsp_rd_span(r, &p, n))
        return 0;
    if (n)
        memcpy(out, p, n);
    return 1;
}

int upsp_rd_sub(upsp_rd *r, upsp_rd *out, size_t n)
{
    const uint8_t *p;
    if (!upsp_rd_span(r, &p, n))
        return 0;
    upsp_rd_init(out, p, n);
    return 1;
}

/* Reads an n-octet big-endian integer (n <= 8). */
static int rd_be(upsp_rd *r, uint64_t *out, size_t n)
{
    const uint8_t *p;
    uint64_t v = 0;
    if (!upsp_rd_span(r, &p, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        v = (v << 8) | p[i];
    *out = v;
    return 1;
}

int upsp_rd_u8(upsp_rd *r, uint8_t *out)
{
    uint64_t v;
    if (!rd_be(r, &v, 1))
        return 0;
    *out = (uint8_t)v;
    return 1;
}

int upsp_rd_u16(upsp_rd *r, uint16_t *out)
{
    uint64_t v;
    if (!rd_be(r, &v, 2))
        return 0;
    *out = (uint16_t)v;
    return 1;
}

int upsp_rd_u32(upsp_rd *r, uint32_t *out)
{
    uint64_t v;
    if (!rd_be(r, &v, 4))
        return 0;
    *out = (uint32_t)v;
    return 1;
}

int upsp_rd_u64(upsp_rd *r, uint64_t *out)
{
    return rd_be(r, out, 8);
}

void upsp_wr_init(upsp_wr *w, uint8_t *buf, size_t cap)
{
    w->p = buf;
    w->cap = buf ? cap : 0;
    w->len = 0;
    w->failed = 0;
}

int upsp_wr_ok(const upsp_wr *w)
{
    return !w->failed;
}

uint8_t *upsp_wr_reserve(upsp_wr *w, size_t n)
{
    uint8_t *p;
    if (w->failed || w->cap - w->len < n) {
        w->failed = 1;
        return NULL;
    }
    p = w->p + w->len;
    w->len += n;
    return p;
}

static void wr_be(upsp_wr *w, uint64_t v, size_t n)
{
    uint8_t *p = upsp_wr_reserve(w, n);
    if (!p)
        return;
    for (size_t i = n; i-- > 0; v >>= 8)
        p[i] = (uint8_t)v;
}

void upsp_wr_u8(upsp_wr *w, uint8_t v)
{
    wr_be(w, v, 1);
}

void upsp_wr_u16(upsp_wr *w, uint16_t v)
{
    wr_be(w, v, 2);
}

void upsp_wr_u32(upsp_wr *w, uint32_t v)
{
    wr_be(w, v, 4);
}

void upsp_wr_u64(upsp_wr *w, uint64_t v)
{
    wr_be(w, v, 8);
}

void upsp_wr_bytes(upsp_wr *w, const uint8_t *src, size_t n)
{
    uint8_t *p = upsp_wr_reserve(w, n);
    if (p && n)
        memcpy(p, src, n);
}

void upsp_wr_zeros(upsp_wr *w, size_t n)
{
    uint8_t *p = upsp_wr_reserve(w, n);
    if (p && n)
        memset(p, 0, n);
}

void upsp_put_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

void upsp_put_u64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}
