/* fuzz_common.c - shared fuzzing support (see fuzz_common.h). */
#include "fuzz_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_oracle_failed(const char *file, int line, const char *cond, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "\n==UPSP ORACLE== %s:%d: %s\n==UPSP ORACLE== ", file, line, cond);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    abort();
}

static upsp_fixture fx;

static void must(upsp_err err, const char *what)
{
    if (err) {
        fprintf(stderr, "fuzz set-up failed at %s: %s\n", what, upsp_err_str(err));
        abort();
    }
}

static void build(fuzz_pair *p, int suite, int stage)
{
    static const uint16_t chacha[] = {UPSP_SUITE_CHACHA20_POLY1305_SHA256};
    static const uint16_t aes[] = {UPSP_SUITE_AES_128_GCM_SHA256};
    upsp_config uc, pc;
    upsp_event ev;
    must(upsp_fixture_init(&fx), "fixture");
    upsp_drbg_init_u64(&p->ue_rng, 0x5545);
    upsp_drbg_init_u64(&p->ps_rng, 0x5053);
    upsp_fixture_ue_config(&fx, &uc, &p->ue_rng);
    upsp_fixture_server_config(&fx, &pc, &p->ps_rng);
    uc.suites = suite ? aes : chacha;
    uc.n_suites = 1;
    must(upsp_session_init(&p->ue, &uc), "ue init");
    must(upsp_session_init(&p->ps, &pc), "ps init");
    must(upsp_session_start(&p->ue, p->ch, sizeof p->ch, &p->ch_len), "start");
    if (stage == 0)
        return;
    must(upsp_session_recv(&p->ps, &ev, p->sh, sizeof p->sh, &p->sh_len, p->ch, p->ch_len),
         "client hello");
    must(upsp_session_recv(&p->ue, &ev, p->cf, sizeof p->cf, &p->cf_len, p->sh, p->sh_len),
         "server hello");
    size_t none;
    uint8_t out[UPSP_MAX_MSG];
    must(upsp_session_recv(&p->ps, &ev, out, sizeof out, &none, p->cf, p->cf_len),
         "client finished");
}

const fuzz_pair *fuzz_pair_get(int suite, int stage)
{
    static fuzz_pair pairs[2][3];
    static int made[2][3];
    suite = suite ? 1 : 0;
    stage = stage ? 2 : 0;
    if (!made[suite][stage]) {
        build(&pairs[suite][stage], suite, stage);
        made[suite][stage] = 1;
    }
    return &pairs[suite][stage];
}

void fuzz_pair_copy(fuzz_pair *dst, const fuzz_pair *src)
{
    memcpy(dst, src, sizeof *dst);
    dst->ue.rng_ctx = &dst->ue_rng;
    dst->ps.rng_ctx = &dst->ps_rng;
}

int fuzz_next(upsp_rd *r, const uint8_t **msg, size_t *len)
{
    uint16_t n;
    if (!upsp_rd_u16(r, &n) || !upsp_rd_span(r, msg, n))
        return 0;
    *len = n;
    return 1;
}

void fuzz_put(upsp_wr *w, const uint8_t *msg, size_t len)
{
    upsp_wr_u16(w, (uint16_t)len);
    upsp_wr_bytes(w, msg, len);
}

int fuzz_event_empty(const upsp_event *ev)
{
    static const upsp_msg zero;
    return memcmp(&ev->msg, &zero, sizeof zero) == 0;
}
