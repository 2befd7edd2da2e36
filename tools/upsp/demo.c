/*
 * demo.c - `upsp demo`: one UE and one paging server in memory, through the
 * whole flow, printing every message on the wire and what the receiver made
 * of it.
 */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "fixture.h"
#include "upsp.h"

typedef struct {
    upsp_session ue, ps;
    upsp_fixture fx;
    upsp_drbg ue_rng, ps_rng;
    unsigned n;
    int leaked; /* the network-B identity or the A-KID was seen in clear */
    uint8_t stmsi_wire[6];
} demo;

static int contains(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m)
{
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}

static void print_event(const upsp_event *ev, const char *who)
{
    char line[256];
    switch (ev->kind) {
    case UPSP_EV_ESTABLISHED:
        printf("  %s: handshake complete, session established\n", who);
        break;
    case UPSP_EV_MESSAGE:
        upsp_msg_describe(line, sizeof line, &ev->msg);
        printf("  %s decrypted (seq %" PRIu64 "): %s\n", who, ev->seq, line);
        break;
    case UPSP_EV_REJECTED:
        printf("  %s rejected it: %s\n", who, upsp_err_str(ev->reason));
        break;
    case UPSP_EV_CLOSED:
        printf("  %s: session closed (%s)\n", who, upsp_err_str(ev->reason));
        break;
    default:
        break;
    }
}

/* Puts one message on the wire from one side to the other, and carries any
 * answer back, until nobody has anything to say. */
static int carry(demo *d, int from_ue, const uint8_t *msg, size_t len)
{
    uint8_t out[UPSP_MAX_MSG];
    size_t out_len = 0;
    upsp_event ev;
    upsp_session *to = from_ue ? &d->ps : &d->ue;
    const char *name = from_ue ? "PS" : "UE";
    printf("[%u] %s -> %s  %s, %zu octets\n", ++d->n, from_ue ? "UE" : "PS", name,
           upsp_type_name(len > 1 ? msg[1] : 0), len);
    upsp_cli_hex(stdout, msg, len);
    upsp_cli_wire(stdout, msg, len);
    if (contains(msg, len, d->stmsi_wire, sizeof d->stmsi_wire) ||
        contains(msg, len, (const uint8_t *)d->fx.akid, d->fx.akid_len))
        d->leaked = 1;
    upsp_err err = upsp_session_recv(to, &ev, out, sizeof out, &out_len, msg, len);
    print_event(&ev, name);
    if (err && ev.kind != UPSP_EV_CLOSED)
        return -1;
    if (out_len)
        return carry(d, !from_ue, out, out_len);
    return err ? -1 : 0;
}

static int send_app(demo *d, int from_ue, const upsp_msg *m)
{
    uint8_t out[UPSP_MAX_MSG];
    size_t len;
    upsp_err err = upsp_session_send(from_ue ? &d->ue : &d->ps, out, sizeof out, &len, m);
    if (err) {
        fprintf(stderr, "upsp demo: cannot send %s: %s\n", upsp_type_name(m->type),
                upsp_err_str(err));
        return -1;
    }
    return carry(d, from_ue, out, len);
}

static void flow(upsp_msg m[5])
{
    memset(m, 0, 5 * sizeof m[0]);
    m[0].type = UPSP_T_REGISTER;
    m[0].u.reg.usim_index = 1;
    memcpy(m[0].u.reg.plmn, "\x00\xf1\x10", 3); /* MCC 001, MNC 01 */
    m[0].u.reg.stmsi.amf_set_id = 0x2a5;
    m[0].u.reg.stmsi.amf_pointer = 0x13;
    m[0].u.reg.stmsi.tmsi = 0xC0FFEE42;
    m[0].u.reg.lifetime = 3600;
    m[0].u.reg.causes = UPSP_CAUSE_MASK_ALL;
    m[1].type = UPSP_T_REGISTER_ACK;
    m[1].u.reg_ack.reg_id = 7;
    m[1].u.reg_ack.lifetime = 3600;
    m[2].type = UPSP_T_PAGING_NOTIFY;
    m[2].u.notify.reg_id = 7;
    m[2].u.notify.notif_id = 1001;
    m[2].u.notify.cause = UPSP_CAUSE_VOICE;
    memcpy(m[2].u.notify.plmn, "\x00\xf1\x10", 3);
    m[2].u.notify.timestamp = 1796386800; /* 2026-12-04T12:20:00Z */
    m[3].type = UPSP_T_PAGING_RESPONSE;
    m[3].u.response.notif_id = 1001;
    m[3].u.response.result = UPSP_RESULT_ACCEPT;
    m[4].type = UPSP_T_DEREGISTER;
    m[4].u.dereg.reg_id = 7;
}

static int setup(demo *d, uint64_t seed, int seeded)
{
    upsp_config ue_cfg, ps_cfg;
    upsp_err err = upsp_fixture_init(&d->fx);
    if (err)
        return (int)err;
    upsp_drbg_init_u64(&d->ue_rng, seed);
    upsp_drbg_init_u64(&d->ps_rng, seed ^ UINT64_C(0x5053)); /* "PS" */
    upsp_fixture_ue_config(&d->fx, &ue_cfg, seeded ? &d->ue_rng : NULL);
    upsp_fixture_server_config(&d->fx, &ps_cfg, seeded ? &d->ps_rng : NULL);
    err = upsp_session_init(&d->ue, &ue_cfg);
    if (!err)
        err = upsp_session_init(&d->ps, &ps_cfg);
    return (int)err;
}

static int run(demo *d)
{
    static const int from_ue[5] = {1, 0, 0, 1, 1};
    uint8_t ch[UPSP_MAX_MSG];
    size_t len;
    upsp_msg m[5];
    upsp_wr w;
    flow(m);
    /* The S-TMSI as it would appear on the wire, to look for it in clear. */
    upsp_wr_init(&w, d->stmsi_wire, sizeof d->stmsi_wire);
    upsp_wr_u16(&w, (uint16_t)((m[0].u.reg.stmsi.amf_set_id << 6) | m[0].u.reg.stmsi.amf_pointer));
    upsp_wr_u32(&w, m[0].u.reg.stmsi.tmsi);
    if (upsp_session_start(&d->ue, ch, sizeof ch, &len) != UPSP_OK || carry(d, 1, ch, len) != 0)
        return -1;
    for (int i = 0; i < 5; i++)
        if (send_app(d, from_ue[i], &m[i]) != 0)
            return -1;
    return 0;
}

static int usage(FILE *f)
{
    fprintf(f, "usage: upsp demo [--seed N]\n"
               "  Runs one UE and one paging server in memory through the full flow\n"
               "  and prints every message on the wire, in hex and decoded.\n"
               "  --seed N  deterministic randomness (the same N gives the same bytes)\n");
    return f == stdout ? 0 : 2;
}

int upsp_cmd_demo(int argc, char **argv, const char *self)
{
    (void)self;
    static demo d; /* two sessions are ~7 KiB; keep them off the stack */
    uint64_t seed = 0;
    int seeded = 0, rc;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return usage(stdout);
        if (!strcmp(argv[i], "--seed") && i + 1 < argc && upsp_cli_u64(argv[i + 1], &seed) == 0) {
            seeded = 1;
            i++;
            continue;
        }
        fprintf(stderr, "upsp demo: bad argument '%s'\n", argv[i]);
        return usage(stderr);
    }
    memset(&d, 0, sizeof d);
    rc = setup(&d, seed, seeded);
    if (rc) {
        fprintf(stderr, "upsp demo: set-up failed: %s\n", upsp_err_str((upsp_err)rc));
        return 2;
    }
    rc = run(&d);
    printf("\nnetwork-B identity or A-KID in clear on the wire: %s\n", d.leaked ? "YES" : "no");
    printf("final states: UE %s, PS %s\n", upsp_state_name(upsp_session_state(&d.ue)),
           upsp_state_name(upsp_session_state(&d.ps)));
    upsp_session_cleanup(&d.ue);
    upsp_session_cleanup(&d.ps);
    if (rc || d.leaked) {
        fprintf(stderr, "upsp demo: the flow did not complete\n");
        return 1;
    }
    return 0;
}
