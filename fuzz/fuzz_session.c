/*
 * fuzz_session.c - a UE and a paging server talk through a hostile network
 * that the input controls. Input: one flag octet (bit 0: AES-128-GCM; bit 1:
 * start from an established session rather than a CLIENT_HELLO in flight,
 * which spares the four X25519 operations of a handshake and makes the
 * target several times faster), then operations of two octets each: an
 * opcode and an argument.
 *
 *   0 the UE sends its next application message (argument picks which)
 *   1 the paging server sends its next application message
 *   2 deliver the oldest message in flight     3 drop it
 *   4 duplicate it                             5 swap the two oldest
 *   6 flip bit (argument) of the oldest        7 inject a record of another session
 *   8 replay a message delivered earlier (argument picks which)
 *
 * Oracles: every application message delivered was sent by the peer in this
 * session, and is delivered once; the network-B identity (5G-S-TMSI) and the
 * A-KID never appear in any octet on the wire; a side is established only
 * after the other really sent what establishes it, and registered only after
 * the server really sent REGISTER_ACK; the two directions never share a key
 * and IV; each sender numbers its records 0, 1, 2, ...
 */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FLIGHT 16
#define MAX_SENT 64

typedef struct {
    uint8_t b[UPSP_MAX_MSG];
    size_t len;
    int to_ps;
} packet;

typedef struct {
    int from_ue;
    uint64_t seq;
    upsp_msg m;
    int delivered;
} sent_msg;

typedef struct {
    fuzz_pair p;
    uint64_t next_seq[2]; /* [1]: the UE's, [0]: the server's */
    packet flight[MAX_FLIGHT];
    size_t n_flight;
    packet history[MAX_FLIGHT];
    size_t n_history;
    sent_msg sent[MAX_SENT];
    size_t n_sent;
    int ps_sent_sh, ue_sent_cf, ps_sent_ack;
} net;

static const uint8_t stmsi_wire[6] = {0xa9, 0x53, 0xc0, 0xff, 0xee, 0x42};

static int contains(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m)
{
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}

static void put_on_wire(net *w, const uint8_t *b, size_t len, int to_ps)
{
    static const char akid[] = UPSP_FX_AKID;
    FUZZ_ORACLE(!contains(b, len, stmsi_wire, 6) && !contains(b, len, stmsi_wire + 2, 4),
                "the 5G-S-TMSI appears in clear on the wire");
    FUZZ_ORACLE(!contains(b, len, (const uint8_t *)akid, 12), "the A-KID appears in clear");
    if (len >= 2 && b[1] == UPSP_T_SERVER_HELLO && !to_ps)
        w->ps_sent_sh = 1;
    if (len >= 2 && b[1] == UPSP_T_CLIENT_FINISHED && to_ps)
        w->ue_sent_cf = 1;
    if (w->n_flight == MAX_FLIGHT || len == 0)
        return;
    memcpy(w->flight[w->n_flight].b, b, len);
    w->flight[w->n_flight].len = len;
    w->flight[w->n_flight++].to_ps = to_ps;
}

static void app_send(net *w, int from_ue, uint8_t arg)
{
    static const uint8_t ue_types[] = {UPSP_T_REGISTER, UPSP_T_PAGING_RESPONSE, UPSP_T_HEARTBEAT,
                                       UPSP_T_DEREGISTER, UPSP_T_ALERT};
    static const uint8_t ps_types[] = {UPSP_T_REGISTER_ACK, UPSP_T_PAGING_NOTIFY, UPSP_T_HEARTBEAT,
                                       UPSP_T_ALERT};
    upsp_session *s = from_ue ? &w->p.ue : &w->p.ps;
    uint8_t type = from_ue ? ue_types[arg % 5] : ps_types[arg % 4];
    /* Every message put on the wire must be remembered, or its delivery
     * would look forged (corpus/crashes/session/a45668bdf3a86d78). */
    if (w->n_sent == MAX_SENT)
        return;
    uint8_t out[UPSP_MAX_MSG];
    size_t n;
    upsp_msg m;
    upsp_hdr h;
    upsp_fixture_sample(&m, type);
    if (upsp_session_send(s, out, sizeof out, &n, &m) != UPSP_OK)
        return;
    upsp_record_parse(&h, out, n);
    FUZZ_ORACLE(h.seq == w->next_seq[from_ue], "a sender numbered a record %llu, not %llu",
                (unsigned long long)h.seq, (unsigned long long)w->next_seq[from_ue]);
    w->next_seq[from_ue]++;
    if (type == UPSP_T_REGISTER_ACK)
        w->ps_sent_ack = 1;
    w->sent[w->n_sent++] = (sent_msg){from_ue, h.seq, m, 0};
    put_on_wire(w, out, n, from_ue);
}

static void check_delivery(net *w, int to_ps, const upsp_event *ev)
{
    for (size_t i = 0; i < w->n_sent; i++) {
        sent_msg *s = &w->sent[i];
        if (s->from_ue == to_ps && s->seq == ev->seq && memcmp(&s->m, &ev->msg, sizeof s->m) == 0) {
            FUZZ_ORACLE(!s->delivered, "a %s was delivered twice", upsp_type_name(s->m.type));
            s->delivered = 1;
            return;
        }
    }
    FUZZ_ORACLE(0, "a %s was delivered that the peer never sent", upsp_type_name(ev->msg.type));
}

static void deliver(net *w, const packet *pk)
{
    upsp_session *to = pk->to_ps ? &w->p.ps : &w->p.ue;
    uint8_t out[UPSP_MAX_MSG];
    size_t n = 0;
    upsp_event ev;
    upsp_session_recv(to, &ev, out, sizeof out, &n, pk->b, pk->len);
    if (ev.kind == UPSP_EV_ESTABLISHED) {
        FUZZ_ORACLE(pk->to_ps ? w->ue_sent_cf : w->ps_sent_sh,
                    "established without the peer's handshake message");
        upsp_session *s = pk->to_ps ? &w->p.ps : &w->p.ue;
        FUZZ_ORACLE(memcmp(s->tx.aead.key, s->rx.aead.key, sizeof s->tx.aead.key) != 0 ||
                        memcmp(s->tx.iv, s->rx.iv, sizeof s->tx.iv) != 0,
                    "both directions share one key and IV");
    }
    if (ev.kind == UPSP_EV_MESSAGE || (ev.kind == UPSP_EV_CLOSED && ev.msg.type))
        check_delivery(w, pk->to_ps, &ev);
    if (ev.kind == UPSP_EV_REJECTED)
        FUZZ_ORACLE(fuzz_event_empty(&ev), "a rejected message released content");
    if (upsp_session_state(&w->p.ue) == UPSP_ST_REGISTERED)
        FUZZ_ORACLE(w->ps_sent_ack, "the UE is registered but the server never granted it");
    if (n)
        put_on_wire(w, out, n, !pk->to_ps);
    if (w->n_history < MAX_FLIGHT)
        w->history[w->n_history++] = *pk;
}

/* A record from another session, to inject. */
static const packet *foreign(int suite)
{
    static packet pk[2];
    static int made[2];
    if (!made[suite]) {
        fuzz_pair other;
        upsp_msg m;
        upsp_fixture_sample(&m, UPSP_T_REGISTER);
        fuzz_pair_copy(&other, fuzz_pair_get(suite, 2));
        other.ue.session_id[0] ^= 0x5a; /* as if another server had chosen it */
        upsp_session_send(&other.ue, pk[suite].b, sizeof pk[suite].b, &pk[suite].len, &m);
        pk[suite].to_ps = 1;
        made[suite] = 1;
    }
    return &pk[suite];
}

static void drop_first(net *w)
{
    memmove(&w->flight[0], &w->flight[1], (w->n_flight - 1) * sizeof w->flight[0]);
    w->n_flight--;
}

static void step(net *w, uint8_t op, uint8_t arg, int suite)
{
    packet tmp;
    switch (op % 9) {
    case 0:
    case 1:
        app_send(w, op % 9 == 0, arg);
        break;
    case 2:
        if (w->n_flight) {
            tmp = w->flight[0];
            drop_first(w);
            deliver(w, &tmp);
        }
        break;
    case 3:
        if (w->n_flight)
            drop_first(w);
        break;
    case 4:
        if (w->n_flight && w->n_flight < MAX_FLIGHT)
            w->flight[w->n_flight++] = w->flight[0];
        break;
    case 5:
        if (w->n_flight >= 2) {
            tmp = w->flight[0];
            w->flight[0] = w->flight[1];
            w->flight[1] = tmp;
        }
        break;
    case 6:
        if (w->n_flight && w->flight[0].len)
            w->flight[0].b[(arg / 8) % w->flight[0].len] ^= (uint8_t)(1u << (arg % 8));
        break;
    case 7:
        deliver(w, foreign(suite));
        break;
    default:
        if (w->n_history)
            deliver(w, &w->history[arg % w->n_history]);
        break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static net w;
    if (size < 1)
        return 0;
    int suite = data[0] & 1;
    memset(&w, 0, sizeof w);
    if (data[0] & 2) {
        fuzz_pair_copy(&w.p, fuzz_pair_get(suite, 2));
        w.ps_sent_sh = w.ue_sent_cf = 1;
    } else {
        fuzz_pair_copy(&w.p, fuzz_pair_get(suite, 0));
        put_on_wire(&w, w.p.ch, w.p.ch_len, 1);
    }
    for (size_t i = 1; i + 1 < size; i += 2)
        step(&w, data[i], data[i + 1], suite);
    return 0;
}
