/* drbg.c - deterministic SHA-256 counter generator (see upsp/drbg.h). */
#include "upsp/drbg.h"

#include <string.h>

#include "upsp/buf.h"
#include "upsp/crypto.h"

void upsp_drbg_init(upsp_drbg *d, const uint8_t *seed, size_t seed_len)
{
    upsp_iov v = {seed, seed_len};
    memset(d, 0, sizeof *d);
    if (upsp_sha256(d->seed, &v, 1) != UPSP_OK)
        memset(d->seed, 0, sizeof d->seed);
    d->used = sizeof d->block; /* empty: the first fill makes block 0 */
}

void upsp_drbg_init_u64(upsp_drbg *d, uint64_t seed)
{
    uint8_t s[8];
    upsp_put_u64(s, seed);
    upsp_drbg_init(d, s, sizeof s);
}

int upsp_drbg_fill(void *ctx, uint8_t *out, size_t len)
{
    upsp_drbg *d = ctx;
    while (len) {
        size_t n;
        if (d->used == sizeof d->block) {
            uint8_t ctr[8];
            upsp_iov v[2] = {{d->seed, sizeof d->seed}, {ctr, sizeof ctr}};
            upsp_put_u64(ctr, d->counter++);
            if (upsp_sha256(d->block, v, 2) != UPSP_OK)
                return -1;
            d->used = 0;
        }
        n = sizeof d->block - d->used;
        if (n > len)
            n = len;
        memcpy(out, d->block + d->used, n);
        d->used += n;
        out += n;
        len -= n;
    }
    return 0;
}
