/*
 * upsp/session.h - the UE and paging-server session objects.
 *
 * A session takes received messages and gives messages to send and events;
 * it opens no socket and allocates nothing (BearSSL's engine model). The
 * caller declares the upsp_session, passes every buffer, and moves bytes.
 * One received message per call: a UDP datagram, or one message taken off a
 * stream with upsp_stream_next.
 *
 * States and transitions are the tables of docs/SPEC.md section 9.
 */
#ifndef UPSP_SESSION_H
#define UPSP_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "upsp/crypto.h"
#include "upsp/msg.h"
#include "upsp/record.h"
#include "upsp/window.h"
#include "upsp/wire.h"

typedef enum { UPSP_ROLE_UE = 1, UPSP_ROLE_SERVER = 2 } upsp_role;

typedef enum {
    UPSP_ST_START,       /* UE: nothing sent; server: waiting for CLIENT_HELLO */
    UPSP_ST_WAIT_SH,     /* UE: CLIENT_HELLO sent */
    UPSP_ST_WAIT_CF,     /* server: SERVER_HELLO sent */
    UPSP_ST_OPEN,        /* handshake done, not registered */
    UPSP_ST_REG_PENDING, /* REGISTER sent or received, no REGISTER_ACK yet */
    UPSP_ST_REGISTERED,  /* REGISTER_ACK sent or received */
    UPSP_ST_CLOSED,      /* ended by ALERT, DEREGISTER or the sequence limit */
    UPSP_ST_FAILED       /* handshake failed; sticky */
} upsp_state;

/* Name of a state ("OPEN"). */
const char *upsp_state_name(upsp_state st);

/* Fills out with len random octets; returns 0 on success. */
typedef int (*upsp_rng_fn)(void *ctx, uint8_t *out, size_t len);

/* Paging server: finds the K_AF named by an A-KID; returns 0 and fills
 * out_kaf when found, non-zero otherwise. */
typedef int (*upsp_lookup_fn)(void *ctx, const uint8_t *akid, size_t akid_len,
                              uint8_t out_kaf[UPSP_KEY_LEN]);

typedef struct {
    upsp_role role;
    /* Suites in preference order; NULL means ChaCha20-Poly1305 then AES-128-GCM. */
    const uint16_t *suites;
    size_t n_suites;
    uint32_t window;     /* replay window, 32..1024; 0 means 64 */
    upsp_rng_fn rng;     /* NULL means upsp_rng_system */
    void *rng_ctx;
    /* UE only */
    const uint8_t *kaf;        /* 32 octets */
    const uint8_t *akid;       /* NAI, 1..255 octets */
    size_t akid_len;
    const uint8_t *server_pub; /* paging server's static X25519 public key */
    /* paging server only */
    const uint8_t *server_priv; /* static X25519 private key */
    upsp_lookup_fn lookup;
    void *lookup_ctx;
} upsp_config;

typedef enum {
    UPSP_EV_NONE,        /* nothing for the application */
    UPSP_EV_ESTABLISHED, /* handshake complete; records may flow */
    UPSP_EV_MESSAGE,     /* msg holds an authenticated application message */
    UPSP_EV_REJECTED,    /* the input was discarded; reason says why; state unchanged */
    UPSP_EV_CLOSED       /* the session ended; reason and alert say why */
} upsp_event_kind;

typedef struct {
    upsp_event_kind kind;
    upsp_err reason;
    uint8_t alert; /* alert code received or sent, when kind is CLOSED */
    uint64_t seq;  /* sequence number of a delivered message */
    upsp_msg msg;
} upsp_event;

/* The session. Its fields are private; the struct is public only so that the
 * caller can own its memory. */
typedef struct {
    upsp_role role;
    upsp_state state;
    upsp_err reason;
    uint8_t n_suites;
    uint16_t suites[UPSP_MAX_SUITES];
    uint16_t suite;
    upsp_rng_fn rng;
    void *rng_ctx;
    upsp_lookup_fn lookup;
    void *lookup_ctx;
    uint8_t kaf[UPSP_KEY_LEN];
    uint8_t akid[UPSP_AKID_MAX];
    uint8_t akid_len;
    uint8_t static_pub[UPSP_KEY_LEN];
    uint8_t static_priv[UPSP_KEY_LEN];
    uint8_t eph_priv[UPSP_KEY_LEN];
    uint8_t z_s[UPSP_KEY_LEN];
    uint8_t session_id[UPSP_SESSION_ID_LEN];
    uint8_t expected_mac[UPSP_MAC_LEN];
    uint8_t ch[UPSP_CH_LEN(UPSP_MAX_SUITES)];
    size_t ch_len;
    uint32_t reg_id;
    uint64_t tx_seq;
    upsp_window window;
    upsp_record_keys tx;
    upsp_record_keys rx;
    uint8_t scratch[UPSP_MAX_MSG];
} upsp_session;

/* Checks cfg and sets s up in state START; keys are copied into s.
 * Errors: UPSP_ERR_ARG (missing key or callback, bad A-KID length),
 * UPSP_ERR_SUITE (empty, unknown or duplicated suite), UPSP_ERR_RANGE (window). */
upsp_err upsp_session_init(upsp_session *s, const upsp_config *cfg);

/* UE: writes CLIENT_HELLO to out and moves to WAIT_SH.
 * Errors: UPSP_ERR_STATE (not a UE in START), UPSP_ERR_BUFFER, UPSP_ERR_RNG,
 * UPSP_ERR_KEY (server public key of low order), UPSP_ERR_CRYPTO. */
upsp_err upsp_session_start(upsp_session *s, uint8_t *out, size_t cap, size_t *out_len);

/* Processes one received message. *ev says what happened; when the session
 * has something to answer (SERVER_HELLO, CLIENT_FINISHED, a handshake alert)
 * it is written to out and *out_len is set, else *out_len is 0. Returns
 * UPSP_OK when the input was accepted, else the reason it was rejected or
 * ended the session (ev->reason): any decoding, authentication, replay,
 * state or crypto error of upsp/err.h. With cap >= UPSP_MAX_MSG,
 * UPSP_ERR_BUFFER never occurs. */
upsp_err upsp_session_recv(upsp_session *s, upsp_event *ev, uint8_t *out, size_t cap,
                           size_t *out_len, const uint8_t *in, size_t in_len);

/* Protects application message m and writes the record to out; applies the
 * sender's transition of the state table.
 * Errors: UPSP_ERR_STATE (not allowed for this role in this state),
 * UPSP_ERR_CLOSED, UPSP_ERR_SEQ_LIMIT (session closed), UPSP_ERR_BUFFER,
 * UPSP_ERR_RANGE / UPSP_ERR_TYPE (bad message), UPSP_ERR_CRYPTO. */
upsp_err upsp_session_send(upsp_session *s, uint8_t *out, size_t cap, size_t *out_len,
                           const upsp_msg *m);

/* For test tools (the conformance runner, fuzzers): protects payload with the
 * session's sending keys under header h exactly as given - any type, flags,
 * session ID and sequence number - without checking or changing any state.
 * Errors: UPSP_ERR_STATE (no keys yet), those of upsp_record_seal. */
upsp_err upsp_session_seal_raw(upsp_session *s, uint8_t *out, size_t cap, size_t *out_len,
                               const upsp_hdr *h, const uint8_t *payload, size_t payload_len);

/* Current state. */
upsp_state upsp_session_state(const upsp_session *s);

/* Session ID (8 octets), meaningful from SERVER_HELLO on. */
const uint8_t *upsp_session_id(const upsp_session *s);

/* Negotiated suite, 0 before SERVER_HELLO. */
uint16_t upsp_session_suite(const upsp_session *s);

/* Wipes every key and all state. */
void upsp_session_cleanup(upsp_session *s);

#endif
