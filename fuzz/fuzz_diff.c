/*
 * fuzz_diff.c - differential fuzzing of an implementation under test against
 * the reference, through the C interface of harness/include/upsp_iut.h.
 *
 * Two worlds run side by side: a reference UE talking to a reference paging
 * server, and the IUT's UE talking to the IUT's paging server, with the same
 * configuration and seeds. One hostile network (the operations of
 * fuzz_session.c) acts on both. Every answer, event and octet on the wire
 * must be the same in both worlds; the first difference is a finding. The
 * IUT is the library named by UPSP_FUZZ_IUT (default: the reference built as
 * a library, so that the target itself is checked); it must declare the
 * deterministic_rng capability, or octets could not be compared.
 *
 * Input: operations of two octets (opcode, argument); see step().
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "iut_reference.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MAX_FLIGHT 12

typedef struct {
    uint8_t b[UPSP_MAX_MSG];
    size_t len;
    int to_ps;
} packet;

typedef struct {
    const upsp_iut_api *api;
    void *ue, *ps;
    packet flight[MAX_FLIGHT];
    size_t n_flight;
} world;

static const upsp_iut_api *iut_api;
static upsp_iut_config ue_cfg, ps_cfg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *path = getenv("UPSP_FUZZ_IUT");
    upsp_fixture fx;
    (void)argc, (void)argv;
    if (!path)
        path = UPSP_FUZZ_DEFAULT_IUT;
    void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    upsp_iut_get_api_fn get = NULL;
    if (dl)
        *(void **)(&get) = dlsym(dl, UPSP_IUT_SYMBOL);
    iut_api = get ? get() : NULL;
    if (!iut_api || iut_api->abi_version != UPSP_IUT_ABI_VERSION ||
        !(iut_api->capabilities & UPSP_IUT_CAP_DETERMINISTIC_RNG)) {
        fprintf(stderr, "fuzz_diff: %s is not a usable IUT library with deterministic_rng (%s)\n",
                path, dl ? "bad API" : dlerror());
        exit(2);
    }
    upsp_fixture_init(&fx);
    memset(&ue_cfg, 0, sizeof ue_cfg);
    ue_cfg.abi_version = UPSP_IUT_ABI_VERSION;
    ue_cfg.role = UPSP_IUT_ROLE_UE;
    ue_cfg.n_suites = 2;
    ue_cfg.suites[0] = UPSP_SUITE_CHACHA20_POLY1305_SHA256;
    ue_cfg.suites[1] = UPSP_SUITE_AES_128_GCM_SHA256;
    ue_cfg.window = UPSP_WINDOW_DEFAULT;
    ue_cfg.rng_seed = 0x5545;
    snprintf(ue_cfg.af_fqdn, sizeof ue_cfg.af_fqdn, "%s", UPSP_FX_AF_FQDN);
    memcpy(ue_cfg.ua_proto, UPSP_UA_PROTO_DEFAULT, 5);
    memcpy(ue_cfg.ue_key.akid, fx.akid, fx.akid_len);
    ue_cfg.ue_key.akid_len = (uint8_t)fx.akid_len;
    memcpy(ue_cfg.ue_key.k_akma, fx.k_akma, 32);
    memcpy(ue_cfg.server_pub, fx.server_pub, 32);
    memcpy(ue_cfg.server_priv, fx.server_priv, 32);
    ue_cfg.keys[0] = ue_cfg.ue_key;
    ue_cfg.n_keys = 1;
    ps_cfg = ue_cfg;
    ps_cfg.role = UPSP_IUT_ROLE_SERVER;
    ps_cfg.rng_seed = 0x5053;
    return 0;
}

static void push(world *w, const uint8_t *b, size_t len, int to_ps)
{
    if (!len || w->n_flight == MAX_FLIGHT)
        return;
    memcpy(w->flight[w->n_flight].b, b, len);
    w->flight[w->n_flight].len = len;
    w->flight[w->n_flight++].to_ps = to_ps;
}

static int open_world(world *w, const upsp_iut_api *api)
{
    char err[128];
    uint8_t ch[UPSP_MAX_MSG];
    size_t n = 0;
    memset(w, 0, sizeof *w);
    w->api = api;
    w->ue = api->create(&ue_cfg, err, sizeof err);
    w->ps = api->create(&ps_cfg, err, sizeof err);
    if (!w->ue || !w->ps)
        return -1;
    api->start(w->ue, ch, sizeof ch, &n);
    push(w, ch, n, 1);
    return 0;
}

static void close_world(world *w)
{
    if (w->ue)
        w->api->destroy(w->ue);
    if (w->ps)
        w->api->destroy(w->ps);
}

/* What one step produced in one world, to compare. */
typedef struct {
    int rc;
    upsp_iut_event ev;
    uint8_t out[UPSP_MAX_MSG];
    size_t out_len;
} outcome;

static void deliver(world *w, const packet *pk, outcome *o)
{
    memset(o, 0, sizeof *o);
    o->rc = w->api->recv(pk->to_ps ? w->ps : w->ue, pk->b, pk->len, o->out, sizeof o->out,
                         &o->out_len, &o->ev);
    push(w, o->out, o->out_len, !pk->to_ps);
}

static void app_send(world *w, int from_ue, uint8_t arg, outcome *o)
{
    static const uint8_t ue_types[] = {UPSP_T_REGISTER, UPSP_T_PAGING_RESPONSE, UPSP_T_HEARTBEAT,
                                       UPSP_T_DEREGISTER, UPSP_T_ALERT};
    static const uint8_t ps_types[] = {UPSP_T_REGISTER_ACK, UPSP_T_PAGING_NOTIFY, UPSP_T_HEARTBEAT,
                                       UPSP_T_ALERT};
    upsp_msg m;
    upsp_iut_msg im;
    upsp_fixture_sample(&m, from_ue ? ue_types[arg % 5] : ps_types[arg % 4]);
    upsp_iut_msg_from(&im, &m);
    memset(o, 0, sizeof *o);
    o->rc = w->api->send(from_ue ? w->ue : w->ps, &im, o->out, sizeof o->out, &o->out_len);
    if (o->rc == UPSP_IUT_OK)
        push(w, o->out, o->out_len, from_ue);
}

static void network(world *w, uint8_t op, uint8_t arg)
{
    packet tmp;
    switch (op) {
    case 3: /* drop */
        if (w->n_flight)
            memmove(&w->flight[0], &w->flight[1], --w->n_flight * sizeof tmp);
        break;
    case 4: /* duplicate */
        if (w->n_flight && w->n_flight < MAX_FLIGHT)
            w->flight[w->n_flight++] = w->flight[0];
        break;
    case 5: /* reorder */
        if (w->n_flight >= 2) {
            tmp = w->flight[0];
            w->flight[0] = w->flight[1];
            w->flight[1] = tmp;
        }
        break;
    default: /* flip a bit */
        if (w->n_flight && w->flight[0].len)
            w->flight[0].b[(arg / 8) % w->flight[0].len] ^= (uint8_t)(1u << (arg % 8));
        break;
    }
}

static void compare(const outcome *a, const outcome *b, uint8_t op)
{
    FUZZ_ORACLE(a->rc == b->rc && a->ev.kind == b->ev.kind && a->ev.err_class == b->ev.err_class,
                "op %u: the reference answered %d (event %d, class %d), the IUT %d (event %d, "
                "class %d)",
                op, a->rc, a->ev.kind, a->ev.err_class, b->rc, b->ev.kind, b->ev.err_class);
    FUZZ_ORACLE(memcmp(&a->ev.msg, &b->ev.msg, sizeof a->ev.msg) == 0,
                "op %u: the IUT delivered other field values than the reference", op);
    FUZZ_ORACLE(a->out_len == b->out_len && memcmp(a->out, b->out, a->out_len) == 0,
                "op %u: the IUT put other octets on the wire than the reference", op);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static world ref, iut;
    static outcome a, b;
    if (open_world(&ref, upsp_iut_reference_api()) != 0 || open_world(&iut, iut_api) != 0) {
        close_world(&ref);
        close_world(&iut);
        FUZZ_ORACLE(0, "an instance could not be created");
    }
    for (size_t i = 0; i + 1 < size; i += 2) {
        uint8_t op = data[i] % 7, arg = data[i + 1];
        if (op <= 1) {
            app_send(&ref, op == 0, arg, &a);
            app_send(&iut, op == 0, arg, &b);
            compare(&a, &b, op);
        } else if (op == 2) {
            if (!ref.n_flight || !iut.n_flight)
                continue;
            packet pr = ref.flight[0], pi = iut.flight[0];
            memmove(&ref.flight[0], &ref.flight[1], --ref.n_flight * sizeof pr);
            memmove(&iut.flight[0], &iut.flight[1], --iut.n_flight * sizeof pi);
            deliver(&ref, &pr, &a);
            deliver(&iut, &pi, &b);
            compare(&a, &b, op);
        } else {
            network(&ref, op, arg);
            network(&iut, op, arg);
        }
    }
    close_world(&ref);
    close_world(&iut);
    return 0;
}
