/*
 * upsp/wire.h - protocol constants, the record header and the handshake
 * messages: their byte layout (docs/SPEC.md section 4) and strict codecs.
 */
#ifndef UPSP_WIRE_H
#define UPSP_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "upsp/buf.h"
#include "upsp/err.h"

#define UPSP_VERSION 0x01
#define UPSP_MAX_MSG 1232 /* fits an IPv6 minimum-MTU datagram (UPSP-PARSE-1) */

/* Message types: 0x01..0x04 are clear handshake messages, 0x11..0x17 are
 * protected records whose payload is an application message. */
#define UPSP_T_CLIENT_HELLO 0x01
#define UPSP_T_SERVER_HELLO 0x02
#define UPSP_T_CLIENT_FINISHED 0x03
#define UPSP_T_HS_ALERT 0x04
#define UPSP_T_REGISTER 0x11
#define UPSP_T_REGISTER_ACK 0x12
#define UPSP_T_PAGING_NOTIFY 0x13
#define UPSP_T_PAGING_RESPONSE 0x14
#define UPSP_T_DEREGISTER 0x15
#define UPSP_T_HEARTBEAT 0x16
#define UPSP_T_ALERT 0x17

/* 1 for a protected (record) message type. */
int upsp_type_is_record(uint8_t type);
/* Name of a message type ("REGISTER"), or "UNKNOWN". */
const char *upsp_type_name(uint8_t type);

/* Alert codes (docs/SPEC.md section 8). */
#define UPSP_ALERT_CLOSE_NOTIFY 0
#define UPSP_ALERT_DECODE_ERROR 1
#define UPSP_ALERT_AUTH_FAILED 2
#define UPSP_ALERT_UNSUPPORTED_VERSION 3
#define UPSP_ALERT_NO_COMMON_SUITE 4
#define UPSP_ALERT_UNEXPECTED_MESSAGE 5
#define UPSP_ALERT_ILLEGAL_PARAMETER 6
#define UPSP_ALERT_INTERNAL_ERROR 7
#define UPSP_ALERT_SEQ_LIMIT 8
#define UPSP_ALERT_MAX 8
/* Name of an alert code, or "unknown". */
const char *upsp_alert_name(uint8_t code);

#define UPSP_SESSION_ID_LEN 8
#define UPSP_NONCE_LEN 32
#define UPSP_KEY_LEN 32
#define UPSP_MAC_LEN 32
#define UPSP_AKID_MAX 255
#define UPSP_CONCEAL_PT_LEN 256 /* 1 length octet + A-KID + zero padding */
#define UPSP_CONCEALED_LEN (UPSP_CONCEAL_PT_LEN + 16)
#define UPSP_MAX_SUITES 8

/* Record header: version, type, flags, session ID, sequence number. */
#define UPSP_HDR_LEN 19
#define UPSP_FLAG_FROM_SERVER 0x01 /* direction bit; all other bits reserved */
#define UPSP_SEQ_LIMIT (UINT64_C(1) << 48)
#define UPSP_MAX_PAYLOAD (UPSP_MAX_MSG - UPSP_HDR_LEN - 16)

typedef struct {
    uint8_t version;
    uint8_t type;
    uint8_t flags;
    uint8_t session_id[UPSP_SESSION_ID_LEN];
    uint64_t seq;
} upsp_hdr;

/* Writes the 19-octet header. Marks w failed when it does not fit. */
void upsp_hdr_encode(upsp_wr *w, const upsp_hdr *h);

/* Parses and validates the header of a protected record: total length within
 * limits, version 1, a record type, no reserved flag, sequence < 2^48. Leaves
 * r after the header. Errors: UPSP_ERR_DECODE, UPSP_ERR_TOO_LARGE,
 * UPSP_ERR_VERSION, UPSP_ERR_TYPE, UPSP_ERR_FLAGS, UPSP_ERR_RANGE. */
upsp_err upsp_hdr_decode(upsp_hdr *out, upsp_rd *r);

typedef struct {
    uint8_t n_suites;
    uint16_t suites[UPSP_MAX_SUITES];
    uint8_t nonce[UPSP_NONCE_LEN];
    uint8_t eph[UPSP_KEY_LEN];
    uint8_t concealed[UPSP_CONCEALED_LEN];
} upsp_client_hello;

typedef struct {
    uint16_t suite;
    uint8_t session_id[UPSP_SESSION_ID_LEN];
    uint8_t nonce[UPSP_NONCE_LEN];
    uint8_t eph[UPSP_KEY_LEN];
    uint8_t mac[UPSP_MAC_LEN];
} upsp_server_hello;

typedef struct {
    uint8_t session_id[UPSP_SESSION_ID_LEN];
    uint8_t mac[UPSP_MAC_LEN];
} upsp_client_finished;

typedef struct {
    uint8_t session_id[UPSP_SESSION_ID_LEN];
    uint8_t code;
} upsp_hs_alert;

/* Fixed lengths of the handshake messages. */
#define UPSP_CH_LEN(n) (3 + 2 * (size_t)(n) + UPSP_NONCE_LEN + UPSP_KEY_LEN + UPSP_CONCEALED_LEN)
#define UPSP_SH_LEN (2 + 2 + UPSP_SESSION_ID_LEN + UPSP_NONCE_LEN + UPSP_KEY_LEN + UPSP_MAC_LEN)
#define UPSP_SH_MAC_OFFSET (UPSP_SH_LEN - UPSP_MAC_LEN)
#define UPSP_CF_LEN (2 + UPSP_SESSION_ID_LEN + UPSP_MAC_LEN)
#define UPSP_HS_ALERT_LEN (2 + UPSP_SESSION_ID_LEN + 1)
/* Octets of CLIENT_HELLO before the concealed A-KID: its AEAD additional data. */
#define UPSP_CH_AAD_LEN(n) (UPSP_CH_LEN(n) - UPSP_CONCEALED_LEN)

/* Encoders write the whole message, version and type included.
 * Errors: UPSP_ERR_ARG (bad suite count), UPSP_ERR_BUFFER. */
upsp_err upsp_ch_encode(uint8_t *out, size_t cap, size_t *out_len, const upsp_client_hello *m);
upsp_err upsp_sh_encode(uint8_t *out, size_t cap, size_t *out_len, const upsp_server_hello *m);
upsp_err upsp_cf_encode(uint8_t *out, size_t cap, size_t *out_len, const upsp_client_finished *m);
upsp_err upsp_hs_alert_encode(uint8_t *out, size_t cap, size_t *out_len, const upsp_hs_alert *m);

/* Decoders take the whole message and accept it only if every octet is
 * consumed. Errors: UPSP_ERR_DECODE (truncated, bad count, duplicate suite),
 * UPSP_ERR_TRAILING, UPSP_ERR_TOO_LARGE, UPSP_ERR_VERSION, UPSP_ERR_TYPE,
 * UPSP_ERR_RANGE (alert code). */
upsp_err upsp_ch_decode(upsp_client_hello *out, const uint8_t *in, size_t len);
upsp_err upsp_sh_decode(upsp_server_hello *out, const uint8_t *in, size_t len);
upsp_err upsp_cf_decode(upsp_client_finished *out, const uint8_t *in, size_t len);
upsp_err upsp_hs_alert_decode(upsp_hs_alert *out, const uint8_t *in, size_t len);

/* Stream binding (UPSP-PARSE-14): a 2-octet big-endian length, then the
 * message. upsp_stream_frame writes the prefix and the message; 
 * upsp_stream_next finds the first complete message in buf and sets *msg,
 * *msg_len and *consumed, or sets *consumed = 0 when more bytes are needed.
 * Errors: UPSP_ERR_BUFFER, UPSP_ERR_DECODE (length 0), UPSP_ERR_TOO_LARGE. */
upsp_err upsp_stream_frame(uint8_t *out, size_t cap, size_t *out_len, const uint8_t *msg,
                           size_t msg_len);
upsp_err upsp_stream_next(const uint8_t *buf, size_t len, const uint8_t **msg,
                          size_t *msg_len, size_t *consumed);

#endif
