/*
 * upsp_shim.c - the reference process shim: serves the reference
 * implementation over stdin/stdout with the protocol of docs/SHIM.md, so
 * that `upsp certify --iut exec:"<build>/bin/upsp-shim"` certifies the
 * reference exactly as a shim for another language would be certified.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "iut_reference.h"
#include "shim_codec.h"

#define MAX_HANDLES 16

static struct {
    uint32_t id;
    void *h;
} handles[MAX_HANDLES];

static void **slot_of(uint32_t id, int make)
{
    for (size_t i = 0; i < MAX_HANDLES; i++)
        if (handles[i].h && handles[i].id == id)
            return &handles[i].h;
    if (!make)
        return NULL;
    for (size_t i = 0; i < MAX_HANDLES; i++)
        if (!handles[i].h) {
            handles[i].id = id;
            return &handles[i].h;
        }
    return NULL;
}

static void op_create(const upsp_iut_api *api, upsp_rd *r, upsp_wr *w)
{
    uint32_t id;
    upsp_iut_config cfg;
    char err[200] = "bad CREATE request";
    void **slot;
    if (upsp_rd_u32(r, &id) && shim_get_config(r, &cfg) && (slot = slot_of(id, 1)) != NULL) {
        *slot = api->create(&cfg, err, sizeof err);
        if (*slot) {
            upsp_wr_u8(w, 0);
            upsp_wr_u8(w, 0);
            return;
        }
    }
    upsp_wr_u8(w, 1);
    upsp_wr_u8(w, (uint8_t)strnlen(err, 200));
    upsp_wr_bytes(w, (const uint8_t *)err, strnlen(err, 200));
}

static void *handle_arg(upsp_rd *r)
{
    uint32_t id;
    void **slot;
    if (!upsp_rd_u32(r, &id) || !(slot = slot_of(id, 0)))
        return NULL;
    return *slot;
}

static void put_out(upsp_wr *w, int code, const uint8_t *out, size_t len)
{
    upsp_wr_u8(w, shim_code_out(code));
    upsp_wr_u16(w, (uint16_t)len);
    upsp_wr_bytes(w, out, len);
}

static int serve(const upsp_iut_api *api, uint8_t op, upsp_rd *r, upsp_wr *w)
{
    uint8_t out[UPSP_MAX_MSG], in[UPSP_MAX_MSG + 64];
    size_t out_len = 0;
    uint16_t in_len;
    void *h;
    upsp_iut_event ev;
    upsp_iut_msg m;
    int code;
    switch (op) {
    case SHIM_OP_HELLO:
        upsp_wr_u8(w, 0);
        upsp_wr_u32(w, UPSP_IUT_ABI_VERSION);
        upsp_wr_u8(w, (uint8_t)strlen(api->name));
        upsp_wr_bytes(w, (const uint8_t *)api->name, strlen(api->name));
        upsp_wr_u8(w, (uint8_t)strlen(api->version));
        upsp_wr_bytes(w, (const uint8_t *)api->version, strlen(api->version));
        upsp_wr_u32(w, api->capabilities);
        return 0;
    case SHIM_OP_CREATE:
        op_create(api, r, w);
        return 0;
    case SHIM_OP_START:
        if (!(h = handle_arg(r)))
            return -1;
        code = api->start(h, out, sizeof out, &out_len);
        put_out(w, code, out, out_len);
        return 0;
    case SHIM_OP_RECV:
        if (!(h = handle_arg(r)) || !upsp_rd_u16(r, &in_len) || in_len > sizeof in ||
            !upsp_rd_copy(r, in, in_len))
            return -1;
        code = api->recv(h, in, in_len, out, sizeof out, &out_len, &ev);
        put_out(w, code, out, out_len);
        shim_put_event(w, &ev);
        return 0;
    case SHIM_OP_SEND:
        if (!(h = handle_arg(r)) || !shim_get_msg(r, &m))
            return -1;
        code = api->send(h, &m, out, sizeof out, &out_len);
        put_out(w, code, out, out_len);
        return 0;
    case SHIM_OP_DESTROY:
        for (size_t i = 0; i < MAX_HANDLES; i++) {
            uint32_t id;
            upsp_rd copy = *r;
            if (handles[i].h && upsp_rd_u32(&copy, &id) && handles[i].id == id) {
                api->destroy(handles[i].h);
                handles[i].h = NULL;
            }
        }
        upsp_wr_u8(w, 0);
        return 0;
    default:
        return -1;
    }
}

int main(int argc, char **argv)
{
    const upsp_iut_api *api = upsp_iut_reference_api();
    uint8_t req[SHIM_MAX_FRAME], resp[SHIM_MAX_FRAME];
    size_t len;
    (void)argv;
    if (argc > 1) {
        fprintf(stderr, "usage: upsp-shim  (speaks docs/SHIM.md on stdin/stdout)\n");
        return 2;
    }
    while (shim_read_frame(0, req, sizeof req, &len) == 0 && len > 0) {
        upsp_rd r;
        upsp_wr w;
        uint8_t op = req[0];
        if (op == SHIM_OP_QUIT)
            break;
        upsp_rd_init(&r, req + 1, len - 1);
        upsp_wr_init(&w, resp, sizeof resp);
        if (serve(api, op, &r, &w) != 0 || !upsp_wr_ok(&w)) {
            fprintf(stderr, "upsp-shim: malformed request (op 0x%02x)\n", op);
            return 1;
        }
        if (shim_write_frame(1, resp, w.len) != 0)
            return 1;
    }
    for (size_t i = 0; i < MAX_HANDLES; i++)
        if (handles[i].h)
            api->destroy(handles[i].h);
    return 0;
}
