/* shim_codec.c - the process-shim protocol's byte layout (docs/SHIM.md). */
#include "shim_codec.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

uint8_t shim_code_out(int code)
{
    return code < 0 ? 0xFF : (uint8_t)code;
}

int shim_code_in(uint8_t v)
{
    return v == 0xFF ? UPSP_IUT_E_HARNESS : (v <= 5 ? v : UPSP_IUT_E_HARNESS);
}

static void put_key(upsp_wr *w, const upsp_iut_key *k)
{
    upsp_wr_u8(w, k->akid_len);
    upsp_wr_bytes(w, k->akid, k->akid_len);
    upsp_wr_bytes(w, k->k_akma, 32);
}

static int get_key(upsp_rd *r, upsp_iut_key *k)
{
    memset(k, 0, sizeof *k);
    return upsp_rd_u8(r, &k->akid_len) && upsp_rd_copy(r, k->akid, k->akid_len) &&
           upsp_rd_copy(r, k->k_akma, 32);
}

void shim_put_config(upsp_wr *w, const upsp_iut_config *cfg)
{
    size_t fq = strnlen(cfg->af_fqdn, sizeof cfg->af_fqdn - 1);
    upsp_wr_u32(w, cfg->abi_version);
    upsp_wr_u8(w, (uint8_t)cfg->role);
    upsp_wr_u8(w, cfg->n_suites);
    for (size_t i = 0; i < UPSP_IUT_MAX_SUITES; i++)
        upsp_wr_u16(w, cfg->suites[i]);
    upsp_wr_u32(w, cfg->window);
    upsp_wr_u64(w, cfg->rng_seed);
    upsp_wr_u8(w, (uint8_t)fq);
    upsp_wr_bytes(w, (const uint8_t *)cfg->af_fqdn, fq);
    upsp_wr_bytes(w, cfg->ua_proto, 5);
    put_key(w, &cfg->ue_key);
    upsp_wr_bytes(w, cfg->server_pub, 32);
    upsp_wr_bytes(w, cfg->server_priv, 32);
    upsp_wr_u8(w, cfg->n_keys);
    for (size_t i = 0; i < cfg->n_keys && i < UPSP_IUT_MAX_KEYS; i++)
        put_key(w, &cfg->keys[i]);
}

int shim_get_config(upsp_rd *r, upsp_iut_config *cfg)
{
    uint8_t role, fq;
    memset(cfg, 0, sizeof *cfg);
    if (!upsp_rd_u32(r, &cfg->abi_version) || !upsp_rd_u8(r, &role) ||
        !upsp_rd_u8(r, &cfg->n_suites))
        return 0;
    cfg->role = role;
    for (size_t i = 0; i < UPSP_IUT_MAX_SUITES; i++)
        if (!upsp_rd_u16(r, &cfg->suites[i]))
            return 0;
    if (!upsp_rd_u32(r, &cfg->window) || !upsp_rd_u64(r, &cfg->rng_seed) || !upsp_rd_u8(r, &fq) ||
        !upsp_rd_copy(r, (uint8_t *)cfg->af_fqdn, fq) || !upsp_rd_copy(r, cfg->ua_proto, 5) ||
        !get_key(r, &cfg->ue_key) || !upsp_rd_copy(r, cfg->server_pub, 32) ||
        !upsp_rd_copy(r, cfg->server_priv, 32) || !upsp_rd_u8(r, &cfg->n_keys))
        return 0;
    if (cfg->n_keys > UPSP_IUT_MAX_KEYS || cfg->n_suites > UPSP_IUT_MAX_SUITES)
        return 0;
    for (size_t i = 0; i < cfg->n_keys; i++)
        if (!get_key(r, &cfg->keys[i]))
            return 0;
    return 1;
}

void shim_put_msg(upsp_wr *w, const upsp_iut_msg *m)
{
    upsp_wr_u8(w, m->type);
    upsp_wr_u8(w, m->usim_index);
    upsp_wr_bytes(w, m->plmn, 3);
    upsp_wr_u16(w, m->amf_set_id);
    upsp_wr_u8(w, m->amf_pointer);
    upsp_wr_u32(w, m->tmsi);
    upsp_wr_u32(w, m->lifetime);
    upsp_wr_u8(w, m->causes);
    upsp_wr_u32(w, m->reg_id);
    upsp_wr_u32(w, m->notif_id);
    upsp_wr_u8(w, m->paging_cause);
    upsp_wr_u64(w, m->timestamp);
    upsp_wr_u8(w, m->result);
    upsp_wr_u8(w, m->alert_code);
}

int shim_get_msg(upsp_rd *r, upsp_iut_msg *m)
{
    memset(m, 0, sizeof *m);
    return upsp_rd_u8(r, &m->type) && upsp_rd_u8(r, &m->usim_index) &&
           upsp_rd_copy(r, m->plmn, 3) && upsp_rd_u16(r, &m->amf_set_id) &&
           upsp_rd_u8(r, &m->amf_pointer) && upsp_rd_u32(r, &m->tmsi) &&
           upsp_rd_u32(r, &m->lifetime) && upsp_rd_u8(r, &m->causes) &&
           upsp_rd_u32(r, &m->reg_id) && upsp_rd_u32(r, &m->notif_id) &&
           upsp_rd_u8(r, &m->paging_cause) && upsp_rd_u64(r, &m->timestamp) &&
           upsp_rd_u8(r, &m->result) && upsp_rd_u8(r, &m->alert_code);
}

void shim_put_event(upsp_wr *w, const upsp_iut_event *ev)
{
    upsp_wr_u8(w, (uint8_t)ev->kind);
    upsp_wr_u8(w, shim_code_out(ev->err_class));
    upsp_wr_u8(w, ev->alert);
    shim_put_msg(w, &ev->msg);
}

int shim_get_event(upsp_rd *r, upsp_iut_event *ev)
{
    uint8_t kind, cls;
    memset(ev, 0, sizeof *ev);
    if (!upsp_rd_u8(r, &kind) || !upsp_rd_u8(r, &cls) || !upsp_rd_u8(r, &ev->alert) ||
        !shim_get_msg(r, &ev->msg) || kind > UPSP_IUT_EV_CLOSED)
        return 0;
    ev->kind = kind;
    ev->err_class = shim_code_in(cls);
    return 1;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

static int read_all(int fd, uint8_t *p, size_t n)
{
    while (n) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

int shim_write_frame(int fd, const uint8_t *body, size_t len)
{
    uint8_t hdr[4] = {(uint8_t)(len >> 24), (uint8_t)(len >> 16), (uint8_t)(len >> 8),
                      (uint8_t)len};
    if (len > SHIM_MAX_FRAME)
        return -1;
    return write_all(fd, hdr, 4) == 0 && write_all(fd, body, len) == 0 ? 0 : -1;
}

int shim_read_frame(int fd, uint8_t *body, size_t cap, size_t *len)
{
    uint8_t hdr[4];
    size_t n;
    if (read_all(fd, hdr, 4) != 0)
        return -1;
    n = ((size_t)hdr[0] << 24) | ((size_t)hdr[1] << 16) | ((size_t)hdr[2] << 8) | hdr[3];
    if (n > cap || n > SHIM_MAX_FRAME)
        return -1;
    if (read_all(fd, body, n) != 0)
        return -1;
    *len = n;
    return 0;
}
