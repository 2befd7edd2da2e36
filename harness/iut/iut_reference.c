/*
 * iut_reference.c - libupsp behind the IUT interface: what `--iut reference`
 * runs in process, what libupsp_iut_reference.so exports for `--iut lib:`,
 * what upsp-shim serves for `--iut exec:`, and what every mutant is built
 * from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iut_reference.h"

typedef struct {
    upsp_session s;
    upsp_drbg rng;
    uint8_t kaf[32];
    /* paging server: K_AF of every known subscriber, derived once */
    uint8_t n_keys;
    upsp_iut_key keys[UPSP_IUT_MAX_KEYS];
    uint8_t kafs[UPSP_IUT_MAX_KEYS][32];
} ref_iut;

int upsp_iut_class(upsp_err err)
{
    switch (err) {
    case UPSP_OK:
        return UPSP_IUT_OK;
    case UPSP_ERR_DECODE:
    case UPSP_ERR_TRAILING:
    case UPSP_ERR_TOO_LARGE:
    case UPSP_ERR_VERSION:
    case UPSP_ERR_TYPE:
    case UPSP_ERR_FLAGS:
    case UPSP_ERR_TLV_DUP:
    case UPSP_ERR_TLV_CRITICAL:
    case UPSP_ERR_TLV_MISSING:
    case UPSP_ERR_RANGE:
        return UPSP_IUT_E_PARSE;
    case UPSP_ERR_AUTH:
    case UPSP_ERR_SUITE:
    case UPSP_ERR_KEY:
        return UPSP_IUT_E_AUTH;
    case UPSP_ERR_REPLAY:
        return UPSP_IUT_E_REPLAY;
    case UPSP_ERR_STATE:
    case UPSP_ERR_DIRECTION:
    case UPSP_ERR_SESSION:
    case UPSP_ERR_CLOSED:
    case UPSP_ERR_SEQ_LIMIT:
        return UPSP_IUT_E_STATE;
    default:
        return UPSP_IUT_E_OTHER;
    }
}

void upsp_iut_msg_from(upsp_iut_msg *out, const upsp_msg *m)
{
    memset(out, 0, sizeof *out);
    out->type = m->type;
    switch (m->type) {
    case UPSP_T_REGISTER:
        out->usim_index = m->u.reg.usim_index;
        memcpy(out->plmn, m->u.reg.plmn, 3);
        out->amf_set_id = m->u.reg.stmsi.amf_set_id;
        out->amf_pointer = m->u.reg.stmsi.amf_pointer;
        out->tmsi = m->u.reg.stmsi.tmsi;
        out->lifetime = m->u.reg.lifetime;
        out->causes = m->u.reg.causes;
        break;
    case UPSP_T_REGISTER_ACK:
        out->reg_id = m->u.reg_ack.reg_id;
        out->lifetime = m->u.reg_ack.lifetime;
        break;
    case UPSP_T_PAGING_NOTIFY:
        out->reg_id = m->u.notify.reg_id;
        out->notif_id = m->u.notify.notif_id;
        out->paging_cause = m->u.notify.cause;
        memcpy(out->plmn, m->u.notify.plmn, 3);
        out->timestamp = m->u.notify.timestamp;
        break;
    case UPSP_T_PAGING_RESPONSE:
        out->notif_id = m->u.response.notif_id;
        out->result = m->u.response.result;
        break;
    case UPSP_T_DEREGISTER:
        out->reg_id = m->u.dereg.reg_id;
        break;
    case UPSP_T_ALERT:
        out->alert_code = m->u.alert.code;
        break;
    default:
        break;
    }
}

void upsp_iut_msg_to(upsp_msg *out, const upsp_iut_msg *m)
{
    memset(out, 0, sizeof *out);
    out->type = m->type;
    switch (m->type) {
    case UPSP_T_REGISTER:
        out->u.reg.usim_index = m->usim_index;
        memcpy(out->u.reg.plmn, m->plmn, 3);
        out->u.reg.stmsi.amf_set_id = m->amf_set_id;
        out->u.reg.stmsi.amf_pointer = m->amf_pointer;
        out->u.reg.stmsi.tmsi = m->tmsi;
        out->u.reg.lifetime = m->lifetime;
        out->u.reg.causes = m->causes;
        break;
    case UPSP_T_REGISTER_ACK:
        out->u.reg_ack.reg_id = m->reg_id;
        out->u.reg_ack.lifetime = m->lifetime;
        break;
    case UPSP_T_PAGING_NOTIFY:
        out->u.notify.reg_id = m->reg_id;
        out->u.notify.notif_id = m->notif_id;
        out->u.notify.cause = m->paging_cause;
        memcpy(out->u.notify.plmn, m->plmn, 3);
        out->u.notify.timestamp = m->timestamp;
        break;
    case UPSP_T_PAGING_RESPONSE:
        out->u.response.notif_id = m->notif_id;
        out->u.response.result = m->result;
        break;
    case UPSP_T_DEREGISTER:
        out->u.dereg.reg_id = m->reg_id;
        break;
    case UPSP_T_ALERT:
        out->u.alert.code = m->alert_code;
        break;
    default:
        break;
    }
}

static upsp_err derive(uint8_t out[32], const upsp_iut_config *cfg, const uint8_t k_akma[32])
{
    return upsp_kdf_kaf(out, k_akma, cfg->af_fqdn, strlen(cfg->af_fqdn), cfg->ua_proto);
}

static int ref_lookup(void *ctx, const uint8_t *akid, size_t akid_len, uint8_t out_kaf[32])
{
    const ref_iut *r = ctx;
    for (size_t i = 0; i < r->n_keys; i++)
        if (r->keys[i].akid_len == akid_len && memcmp(r->keys[i].akid, akid, akid_len) == 0) {
            memcpy(out_kaf, r->kafs[i], 32);
            return 0;
        }
    return -1;
}

static upsp_err configure(ref_iut *r, const upsp_iut_config *cfg)
{
    upsp_config c;
    upsp_err err = UPSP_OK;
    memset(&c, 0, sizeof c);
    c.role = cfg->role == UPSP_IUT_ROLE_UE ? UPSP_ROLE_UE : (upsp_role)cfg->role;
    c.suites = cfg->n_suites ? cfg->suites : NULL;
    c.n_suites = cfg->n_suites;
    c.window = cfg->window;
    upsp_drbg_init_u64(&r->rng, cfg->rng_seed);
    c.rng = upsp_drbg_fill;
    c.rng_ctx = &r->rng;
    if (cfg->role == UPSP_IUT_ROLE_UE) {
        err = derive(r->kaf, cfg, cfg->ue_key.k_akma);
        c.kaf = r->kaf;
        c.akid = cfg->ue_key.akid;
        c.akid_len = cfg->ue_key.akid_len;
        c.server_pub = cfg->server_pub;
    } else {
        r->n_keys = cfg->n_keys > UPSP_IUT_MAX_KEYS ? UPSP_IUT_MAX_KEYS : cfg->n_keys;
        memcpy(r->keys, cfg->keys, sizeof r->keys);
        for (size_t i = 0; i < r->n_keys && !err; i++)
            err = derive(r->kafs[i], cfg, cfg->keys[i].k_akma);
        c.server_priv = cfg->server_priv;
        c.lookup = ref_lookup;
        c.lookup_ctx = r;
    }
    if (!err)
        err = upsp_session_init(&r->s, &c);
    upsp_wipe(r->kaf, sizeof r->kaf);
    return err;
}

static void ref_destroy(void *iut)
{
    ref_iut *r = iut;
    if (!r)
        return;
    upsp_session_cleanup(&r->s);
    upsp_wipe(r, sizeof *r);
    free(r);
}

static void *ref_create(const upsp_iut_config *cfg, char *err, size_t err_len)
{
    ref_iut *r;
    upsp_err e;
    if (!cfg || cfg->abi_version != UPSP_IUT_ABI_VERSION) {
        snprintf(err, err_len, "unsupported IUT ABI version");
        return NULL;
    }
    r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    e = configure(r, cfg);
    if (e) {
        snprintf(err, err_len, "bad configuration: %s", upsp_err_str(e));
        ref_destroy(r);
        return NULL;
    }
    return r;
}

static int ref_start(void *iut, uint8_t *out, size_t cap, size_t *out_len)
{
    ref_iut *r = iut;
    return upsp_iut_class(upsp_session_start(&r->s, out, cap, out_len));
}

static int ref_recv(void *iut, const uint8_t *in, size_t in_len, uint8_t *out, size_t cap,
                    size_t *out_len, upsp_iut_event *ev)
{
    ref_iut *r = iut;
    upsp_event e;
    upsp_err err = upsp_session_recv(&r->s, &e, out, cap, out_len, in, in_len);
    memset(ev, 0, sizeof *ev);
    ev->kind = (int)e.kind;
    ev->err_class = upsp_iut_class(e.reason);
    ev->alert = e.alert;
    if (e.kind == UPSP_EV_MESSAGE || (e.kind == UPSP_EV_CLOSED && e.msg.type))
        upsp_iut_msg_from(&ev->msg, &e.msg);
    return upsp_iut_class(err);
}

static int ref_send(void *iut, const upsp_iut_msg *m, uint8_t *out, size_t cap, size_t *out_len)
{
    ref_iut *r = iut;
    upsp_msg msg;
    upsp_iut_msg_to(&msg, m);
    return upsp_iut_class(upsp_session_send(&r->s, out, cap, out_len, &msg));
}

#ifndef UPSP_IUT_NAME
#define UPSP_IUT_NAME "upsp-reference"
#endif

static const upsp_iut_api reference_api = {
    UPSP_IUT_ABI_VERSION, UPSP_IUT_NAME, UPSP_LIB_VERSION, UPSP_IUT_CAP_DETERMINISTIC_RNG,
    ref_create, ref_start, ref_recv, ref_send, ref_destroy};

const upsp_iut_api *upsp_iut_reference_api(void)
{
    return &reference_api;
}
