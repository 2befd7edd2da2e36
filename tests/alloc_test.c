/*
 * alloc_test.c - proves that the hot paths allocate nothing: record protect
 * and unprotect (both suites), message decode and encode, and a session
 * receiving records. malloc and friends are interposed for the whole process
 * (wolfSSL's shared library included) and counted while the hot paths run.
 * Built without sanitizers, which interpose malloc themselves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "upsp.h"

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static volatile int counting;
static volatile unsigned long allocations;

void *malloc(size_t n)
{
    if (counting)
        allocations++;
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
    if (counting)
        allocations++;
    return __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
    if (counting)
        allocations++;
    return __libc_realloc(p, n);
}

void free(void *p)
{
    __libc_free(p);
}

static int check(const char *what, unsigned long n)
{
    printf("%-40s %lu allocations\n", what, n);
    return n != 0;
}

static int record_path(uint16_t suite)
{
    uint8_t key[32] = {1}, iv[12] = {2}, rec[UPSP_MAX_MSG], pt[UPSP_MAX_MSG], payload[256] = {3};
    upsp_record_keys k;
    upsp_hdr h = {UPSP_VERSION, UPSP_T_HEARTBEAT, 0, {0}, 0};
    size_t n, m;
    int bad = 0;
    if (upsp_record_keys_init(&k, suite, key, upsp_suite_key_len(suite), iv) != UPSP_OK)
        return 1;
    allocations = 0;
    counting = 1;
    for (h.seq = 0; h.seq < 100; h.seq++) {
        upsp_hdr got;
        bad |= upsp_record_seal(&k, rec, sizeof rec, &n, &h, payload, sizeof payload) != UPSP_OK;
        bad |= upsp_record_parse(&got, rec, n) != UPSP_OK;
        bad |= upsp_record_open(&k, pt, sizeof pt, &m, &got, rec, n) != UPSP_OK;
    }
    counting = 0;
    upsp_record_keys_cleanup(&k);
    return bad | check(suite == UPSP_SUITE_AES_128_GCM_SHA256 ? "record seal+open AES-128-GCM"
                                                             : "record seal+open ChaCha20-Poly1305",
                       allocations);
}

static int codec_path(void)
{
    uint8_t buf[256];
    upsp_msg m, d;
    upsp_wr w;
    int bad = 0;
    memset(&m, 0, sizeof m);
    m.type = UPSP_T_PAGING_NOTIFY;
    m.u.notify.reg_id = 7;
    memcpy(m.u.notify.plmn, "\x00\xf1\x10", 3);
    allocations = 0;
    counting = 1;
    for (int i = 0; i < 100; i++) {
        upsp_wr_init(&w, buf, sizeof buf);
        bad |= upsp_msg_encode(&w, &m) != UPSP_OK;
        bad |= upsp_msg_decode(&d, m.type, buf, w.len) != UPSP_OK;
    }
    counting = 0;
    return bad | check("message encode+decode", allocations);
}

static int session_path(void)
{
    static upsp_fixture fx;
    static upsp_session ue, ps;
    static upsp_drbg r1, r2;
    upsp_config c1, c2;
    uint8_t a[UPSP_MAX_MSG], b[UPSP_MAX_MSG];
    size_t na, nb;
    upsp_event ev;
    upsp_msg hb = {.type = UPSP_T_HEARTBEAT};
    int bad = 0;
    upsp_fixture_init(&fx);
    upsp_drbg_init_u64(&r1, 1);
    upsp_drbg_init_u64(&r2, 2);
    upsp_fixture_ue_config(&fx, &c1, &r1);
    upsp_fixture_server_config(&fx, &c2, &r2);
    bad |= upsp_session_init(&ue, &c1) | upsp_session_init(&ps, &c2);
    bad |= upsp_session_start(&ue, a, sizeof a, &na);
    bad |= upsp_session_recv(&ps, &ev, b, sizeof b, &nb, a, na);
    bad |= upsp_session_recv(&ue, &ev, a, sizeof a, &na, b, nb);
    bad |= upsp_session_recv(&ps, &ev, b, sizeof b, &nb, a, na);
    allocations = 0;
    counting = 1;
    for (int i = 0; i < 100; i++) {
        bad |= upsp_session_send(&ue, a, sizeof a, &na, &hb);
        bad |= upsp_session_recv(&ps, &ev, b, sizeof b, &nb, a, na);
    }
    counting = 0;
    upsp_session_cleanup(&ue);
    upsp_session_cleanup(&ps);
    return bad | check("session send+recv of records", allocations);
}

int main(void)
{
    int bad = record_path(UPSP_SUITE_AES_128_GCM_SHA256);
    bad |= record_path(UPSP_SUITE_CHACHA20_POLY1305_SHA256);
    bad |= codec_path();
    bad |= session_path();
    /* The counter itself must work, or a zero above proves nothing. */
    allocations = 0;
    counting = 1;
    void *volatile p = malloc(16);
    counting = 0;
    free(p);
    check("control: one malloc", allocations);
    if (allocations != 1) {
        printf("the allocation counter does not see malloc\n");
        bad = 1;
    }
    puts(bad ? "FAIL" : "OK: the hot paths allocate nothing");
    return bad ? 1 : 0;
}
