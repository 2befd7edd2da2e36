/*
 * msg.c - application messages as TLVs (docs/SPEC.md section 7).
 *
 * One table says which TLVs each message carries and what values they may
 * hold; the encoder and the decoder both walk it, so they cannot disagree.
 */
#include "upsp/msg.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "upsp/wire.h"

typedef enum { K_U8, K_U32, K_U64, K_PLMN, K_STMSI } field_kind;

typedef struct {
    uint8_t tlv;
    field_kind kind;
    size_t offset; /* into upsp_msg */
    uint64_t min, max;
} field_spec;

typedef struct {
    uint8_t type;
    uint8_t n_fields;
    field_spec fields[5];
} msg_spec;

#define F(tlv, kind, member, lo, hi) {tlv, kind, offsetof(upsp_msg, u.member), lo, hi}

/* UPSP-PARSE-10: the ranges below are the value rules of SPEC.md 7.2.
 * UPSP-CONF-3: the S-TMSI and PLMN ID exist only as TLVs, and TLVs travel
 * only inside protected records. */
static const msg_spec specs[] = {
    {UPSP_T_REGISTER, 5,
     {F(UPSP_TLV_USIM_INDEX, K_U8, reg.usim_index, 0, UPSP_USIM_INDEX_MAX),
      F(UPSP_TLV_PLMN_ID, K_PLMN, reg.plmn, 0, 0),
      F(UPSP_TLV_S_TMSI, K_STMSI, reg.stmsi, 0, 0),
      F(UPSP_TLV_LIFETIME, K_U32, reg.lifetime, 1, UPSP_LIFETIME_MAX),
      F(UPSP_TLV_CAUSE_MASK, K_U8, reg.causes, 1, UPSP_CAUSE_MASK_ALL)}},
    {UPSP_T_REGISTER_ACK, 2,
     {F(UPSP_TLV_REG_ID, K_U32, reg_ack.reg_id, 1, UINT32_MAX),
      F(UPSP_TLV_LIFETIME, K_U32, reg_ack.lifetime, 1, UPSP_LIFETIME_MAX)}},
    {UPSP_T_PAGING_NOTIFY, 5,
     {F(UPSP_TLV_REG_ID, K_U32, notify.reg_id, 1, UINT32_MAX),
      F(UPSP_TLV_NOTIF_ID, K_U32, notify.notif_id, 0, UINT32_MAX),
      F(UPSP_TLV_PAGING_CAUSE, K_U8, notify.cause, 0, UPSP_CAUSE_MAX),
      F(UPSP_TLV_PLMN_ID, K_PLMN, notify.plmn, 0, 0),
      F(UPSP_TLV_TIMESTAMP, K_U64, notify.timestamp, 0, UINT64_MAX)}},
    {UPSP_T_PAGING_RESPONSE, 2,
     {F(UPSP_TLV_NOTIF_ID, K_U32, response.notif_id, 0, UINT32_MAX),
      F(UPSP_TLV_RESULT, K_U8, response.result, 0, UPSP_RESULT_BUSY)}},
    {UPSP_T_DEREGISTER, 1, {F(UPSP_TLV_REG_ID, K_U32, dereg.reg_id, 1, UINT32_MAX)}},
    {UPSP_T_HEARTBEAT, 0, {{0}}},
    {UPSP_T_ALERT, 1, {F(UPSP_TLV_ALERT_CODE, K_U8, alert.code, 0, UPSP_ALERT_MAX)}},
};

#undef F

static const msg_spec *spec_of(uint8_t type)
{
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (specs[i].type == type)
            return &specs[i];
    return NULL;
}

static size_t kind_len(field_kind k)
{
    static const size_t len[] = {[K_U8] = 1, [K_U32] = 4, [K_U64] = 8, [K_PLMN] = 3, [K_STMSI] = 6};
    return len[k];
}

static int bcd_digit_ok(unsigned d)
{
    return d <= 9;
}

int upsp_plmn_valid(const uint8_t plmn[3])
{
    /* TS 24.008 10.5.1.13: MCC2|MCC1, MNC3|MCC3, MNC2|MNC1; MNC3 may be the
     * filler 0xF for a two-digit MNC. */
    unsigned mnc3 = plmn[1] >> 4;
    return bcd_digit_ok(plmn[0] & 0x0F) && bcd_digit_ok(plmn[0] >> 4) &&
           bcd_digit_ok(plmn[1] & 0x0F) && (bcd_digit_ok(mnc3) || mnc3 == 0xF) &&
           bcd_digit_ok(plmn[2] & 0x0F) && bcd_digit_ok(plmn[2] >> 4);
}

static uint64_t get_int(const upsp_msg *m, const field_spec *f)
{
    const uint8_t *p = (const uint8_t *)m + f->offset;
    uint32_t v32;
    uint64_t v64;
    switch (f->kind) {
    case K_U8:
        return *p;
    case K_U32:
        memcpy(&v32, p, sizeof v32);
        return v32;
    default:
        memcpy(&v64, p, sizeof v64);
        return v64;
    }
}

static void set_int(upsp_msg *m, const field_spec *f, uint64_t v)
{
    uint8_t *p = (uint8_t *)m + f->offset;
    uint32_t v32 = (uint32_t)v;
    switch (f->kind) {
    case K_U8:
        *p = (uint8_t)v;
        break;
    case K_U32:
        memcpy(p, &v32, sizeof v32);
        break;
    default:
        memcpy(p, &v, sizeof v);
        break;
    }
}

static int stmsi_valid(const upsp_stmsi *s)
{
    return s->amf_set_id <= 0x3FF && s->amf_pointer <= 0x3F;
}

static upsp_err field_valid(const upsp_msg *m, const field_spec *f)
{
    const void *p = (const uint8_t *)m + f->offset;
    uint64_t v;
    if (f->kind == K_PLMN)
        return upsp_plmn_valid(p) ? UPSP_OK : UPSP_ERR_RANGE;
    if (f->kind == K_STMSI)
        return stmsi_valid(p) ? UPSP_OK : UPSP_ERR_RANGE;
    v = get_int(m, f);
    return (v < f->min || v > f->max) ? UPSP_ERR_RANGE : UPSP_OK;
}

static void write_value(upsp_wr *w, const upsp_msg *m, const field_spec *f)
{
    const uint8_t *p = (const uint8_t *)m + f->offset;
    const upsp_stmsi *s = (const upsp_stmsi *)(const void *)p;
    switch (f->kind) {
    case K_U8:
        upsp_wr_u8(w, (uint8_t)get_int(m, f));
        break;
    case K_U32:
        upsp_wr_u32(w, (uint32_t)get_int(m, f));
        break;
    case K_U64:
        upsp_wr_u64(w, get_int(m, f));
        break;
    case K_PLMN:
        upsp_wr_bytes(w, p, 3);
        break;
    case K_STMSI:
        /* AMF Set ID (10) | AMF Pointer (6) | 5G-TMSI (32) */
        upsp_wr_u16(w, (uint16_t)((s->amf_set_id << 6) | s->amf_pointer));
        upsp_wr_u32(w, s->tmsi);
        break;
    }
}

static void read_value(upsp_msg *m, const field_spec *f, upsp_rd *v)
{
    uint8_t *p = (uint8_t *)m + f->offset;
    upsp_stmsi *s = (upsp_stmsi *)(void *)p;
    uint8_t u8 = 0;
    uint16_t u16 = 0;
    uint32_t u32 = 0;
    uint64_t u64 = 0;
    /* The caller checked the length, so every read below succeeds. */
    switch (f->kind) {
    case K_U8:
        upsp_rd_u8(v, &u8);
        set_int(m, f, u8);
        break;
    case K_U32:
        upsp_rd_u32(v, &u32);
        set_int(m, f, u32);
        break;
    case K_U64:
        upsp_rd_u64(v, &u64);
        set_int(m, f, u64);
        break;
    case K_PLMN:
        upsp_rd_copy(v, p, 3);
        break;
    case K_STMSI:
        upsp_rd_u16(v, &u16);
        upsp_rd_u32(v, &u32);
        s->amf_set_id = (uint16_t)(u16 >> 6);
        s->amf_pointer = (uint8_t)(u16 & 0x3F);
        s->tmsi = u32;
        break;
    }
}

upsp_err upsp_msg_encode(upsp_wr *w, const upsp_msg *m)
{
    const msg_spec *spec = spec_of(m->type);
    if (!spec)
        return UPSP_ERR_TYPE;
    for (size_t i = 0; i < spec->n_fields; i++) {
        const field_spec *f = &spec->fields[i];
        upsp_err err = field_valid(m, f);
        if (err)
            return err;
        upsp_wr_u8(w, f->tlv);
        upsp_wr_u16(w, (uint16_t)kind_len(f->kind));
        write_value(w, m, f);
    }
    return upsp_wr_ok(w) ? UPSP_OK : UPSP_ERR_BUFFER;
}

static int find_field(const msg_spec *spec, uint8_t tlv)
{
    for (int i = 0; i < spec->n_fields; i++)
        if (spec->fields[i].tlv == tlv)
            return i;
    return -1;
}

/* Marks tlv as seen; 0 when it was seen before (UPSP-PARSE-7). */
static int mark_seen(uint64_t seen[4], uint8_t tlv)
{
    uint64_t bit = UINT64_C(1) << (tlv & 63);
    if (seen[tlv >> 6] & bit)
        return 0;
    seen[tlv >> 6] |= bit;
    return 1;
}

static upsp_err decode_tlv(upsp_msg *out, const msg_spec *spec, uint64_t seen[4],
                           unsigned *present, upsp_rd *r)
{
    uint8_t tlv;
    uint16_t len;
    upsp_rd v;
    int idx;
    if (!upsp_rd_u8(r, &tlv) || !upsp_rd_u16(r, &len) || !upsp_rd_sub(r, &v, len))
        return UPSP_ERR_DECODE; /* UPSP-PARSE-6 */
    if (!mark_seen(seen, tlv))
        return UPSP_ERR_TLV_DUP;
    idx = find_field(spec, tlv);
    if (idx < 0) /* UPSP-PARSE-8: skip only what the sender marked skippable */
        return (tlv & UPSP_TLV_CRITICAL) ? UPSP_ERR_TLV_CRITICAL : UPSP_OK;
    if (len != kind_len(spec->fields[idx].kind))
        return UPSP_ERR_DECODE;
    read_value(out, &spec->fields[idx], &v);
    *present |= 1u << idx;
    return field_valid(out, &spec->fields[idx]);
}

upsp_err upsp_msg_decode(upsp_msg *out, uint8_t type, const uint8_t *in, size_t len)
{
    const msg_spec *spec = spec_of(type);
    uint64_t seen[4] = {0, 0, 0, 0};
    unsigned present = 0;
    upsp_rd r;
    memset(out, 0, sizeof *out);
    if (!spec)
        return UPSP_ERR_TYPE;
    out->type = type;
    upsp_rd_init(&r, in, len);
    while (upsp_rd_left(&r)) {
        upsp_err err = decode_tlv(out, spec, seen, &present, &r);
        if (err) {
            memset(out, 0, sizeof *out);
            return err;
        }
    }
    if (present != (1u << spec->n_fields) - 1) { /* UPSP-PARSE-9 */
        memset(out, 0, sizeof *out);
        return UPSP_ERR_TLV_MISSING;
    }
    return UPSP_OK;
}

static void plmn_str(char out[16], const uint8_t p[3])
{
    unsigned mnc3 = p[1] >> 4;
    if (mnc3 == 0xF)
        snprintf(out, 16, "%u%u%u-%u%u", p[0] & 15u, p[0] >> 4, p[1] & 15u, p[2] & 15u, p[2] >> 4);
    else
        snprintf(out, 16, "%u%u%u-%u%u%u", p[0] & 15u, p[0] >> 4, p[1] & 15u, p[2] & 15u,
                 p[2] >> 4, mnc3);
}

void upsp_msg_describe(char *out, size_t cap, const upsp_msg *m)
{
    char plmn[16];
    const char *name = upsp_type_name(m->type);
    if (!out || cap == 0)
        return;
    switch (m->type) {
    case UPSP_T_REGISTER:
        plmn_str(plmn, m->u.reg.plmn);
        snprintf(out, cap,
                 "%s usim=%u plmn=%s 5g-s-tmsi=%03x:%02x:%08" PRIx32 " lifetime=%" PRIu32
                 " causes=0x%02x",
                 name, m->u.reg.usim_index, plmn, m->u.reg.stmsi.amf_set_id,
                 m->u.reg.stmsi.amf_pointer, m->u.reg.stmsi.tmsi, m->u.reg.lifetime,
                 m->u.reg.causes);
        break;
    case UPSP_T_REGISTER_ACK:
        snprintf(out, cap, "%s reg_id=%" PRIu32 " lifetime=%" PRIu32, name, m->u.reg_ack.reg_id,
                 m->u.reg_ack.lifetime);
        break;
    case UPSP_T_PAGING_NOTIFY:
        plmn_str(plmn, m->u.notify.plmn);
        snprintf(out, cap,
                 "%s reg_id=%" PRIu32 " notif_id=%" PRIu32 " cause=%u plmn=%s timestamp=%" PRIu64,
                 name, m->u.notify.reg_id, m->u.notify.notif_id, m->u.notify.cause, plmn,
                 m->u.notify.timestamp);
        break;
    case UPSP_T_PAGING_RESPONSE:
        snprintf(out, cap, "%s notif_id=%" PRIu32 " result=%u", name, m->u.response.notif_id,
                 m->u.response.result);
        break;
    case UPSP_T_DEREGISTER:
        snprintf(out, cap, "%s reg_id=%" PRIu32, name, m->u.dereg.reg_id);
        break;
    case UPSP_T_ALERT:
        snprintf(out, cap, "%s code=%u (%s)", name, m->u.alert.code,
                 upsp_alert_name(m->u.alert.code));
        break;
    default:
        snprintf(out, cap, "%s", name);
        break;
    }
}
