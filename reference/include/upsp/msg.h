/*
 * upsp/msg.h - application messages: the TLV payload of protected records
 * (docs/SPEC.md section 7). Decoding is table-driven and strict.
 */
#ifndef UPSP_MSG_H
#define UPSP_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "upsp/buf.h"
#include "upsp/err.h"

/* TLV types; the high bit marks a critical TLV (UPSP-PARSE-8). */
#define UPSP_TLV_CRITICAL 0x80
#define UPSP_TLV_PADDING 0x01
#define UPSP_TLV_USIM_INDEX 0x81
#define UPSP_TLV_PLMN_ID 0x82
#define UPSP_TLV_S_TMSI 0x83
#define UPSP_TLV_LIFETIME 0x84
#define UPSP_TLV_CAUSE_MASK 0x85
#define UPSP_TLV_REG_ID 0x86
#define UPSP_TLV_NOTIF_ID 0x87
#define UPSP_TLV_PAGING_CAUSE 0x88
#define UPSP_TLV_TIMESTAMP 0x89
#define UPSP_TLV_RESULT 0x8A
#define UPSP_TLV_ALERT_CODE 0x8B

/* Paging causes (PAGING_NOTIFY) and their bits in CAUSE_MASK (REGISTER). */
enum { UPSP_CAUSE_VOICE, UPSP_CAUSE_SMS, UPSP_CAUSE_DATA, UPSP_CAUSE_IMS, UPSP_CAUSE_OTHER };
#define UPSP_CAUSE_MAX UPSP_CAUSE_OTHER
#define UPSP_CAUSE_MASK_ALL 0x1F

/* PAGING_RESPONSE results. */
enum { UPSP_RESULT_ACCEPT, UPSP_RESULT_REJECT, UPSP_RESULT_BUSY };

#define UPSP_LIFETIME_MAX 86400u
#define UPSP_USIM_INDEX_MAX 7

/* 5G-S-TMSI (TS 23.003 section 2.11): AMF Set ID (10 bits), AMF Pointer
 * (6 bits), 5G-TMSI (32 bits); 6 octets on the wire. */
typedef struct {
    uint16_t amf_set_id;
    uint8_t amf_pointer;
    uint32_t tmsi;
} upsp_stmsi;

typedef struct {
    uint8_t usim_index;
    uint8_t plmn[3]; /* TS 24.008 BCD layout */
    upsp_stmsi stmsi;
    uint32_t lifetime;
    uint8_t causes;
} upsp_register;

typedef struct {
    uint32_t reg_id;
    uint32_t lifetime;
} upsp_register_ack;

typedef struct {
    uint32_t reg_id;
    uint32_t notif_id;
    uint8_t cause;
    uint8_t plmn[3];
    uint64_t timestamp;
} upsp_paging_notify;

typedef struct {
    uint32_t notif_id;
    uint8_t result;
} upsp_paging_response;

typedef struct {
    uint32_t reg_id;
} upsp_deregister;

typedef struct {
    uint8_t code;
} upsp_alert;

typedef struct {
    uint8_t type; /* UPSP_T_REGISTER .. UPSP_T_ALERT */
    union {
        upsp_register reg;
        upsp_register_ack reg_ack;
        upsp_paging_notify notify;
        upsp_paging_response response;
        upsp_deregister dereg;
        upsp_alert alert;
    } u;
} upsp_msg;

/* Writes the TLVs of m (not the record header), in the order of SPEC.md.
 * Errors: UPSP_ERR_TYPE, UPSP_ERR_RANGE (a field the spec forbids),
 * UPSP_ERR_BUFFER. */
upsp_err upsp_msg_encode(upsp_wr *w, const upsp_msg *m);

/* Decodes the TLV payload of a message of the given type into out.
 * Errors: UPSP_ERR_TYPE, UPSP_ERR_DECODE (truncated TLV, wrong value length),
 * UPSP_ERR_TLV_DUP, UPSP_ERR_TLV_CRITICAL, UPSP_ERR_TLV_MISSING, UPSP_ERR_RANGE. */
upsp_err upsp_msg_decode(upsp_msg *out, uint8_t type, const uint8_t *in, size_t len);

/* 1 when the three octets are a valid BCD PLMN ID (UPSP-PARSE-15). */
int upsp_plmn_valid(const uint8_t plmn[3]);

/* Writes a one-line human-readable description of m into out (always
 * NUL-terminated). The network-B identity is printed: callers must not log it
 * in production. */
void upsp_msg_describe(char *out, size_t cap, const upsp_msg *m);

#endif
