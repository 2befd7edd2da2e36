/*
 * shim_codec.h - the byte layout of the process-shim protocol (docs/SHIM.md):
 * frames, configurations, messages and events. Shared by the runner's
 * client and the reference shim, upsp-shim.
 */
#ifndef UPSP_SHIM_CODEC_H
#define UPSP_SHIM_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "upsp/buf.h"
#include "upsp_iut.h"

enum {
    SHIM_OP_HELLO = 0x01,
    SHIM_OP_CREATE = 0x02,
    SHIM_OP_START = 0x03,
    SHIM_OP_RECV = 0x04,
    SHIM_OP_SEND = 0x05,
    SHIM_OP_DESTROY = 0x06,
    SHIM_OP_QUIT = 0x07
};

#define SHIM_MAX_FRAME 4096
#define SHIM_MSG_LEN 36

/* A result code on the wire: 0..5 as is, UPSP_IUT_E_HARNESS as 0xFF. */
uint8_t shim_code_out(int code);
int shim_code_in(uint8_t v);

void shim_put_config(upsp_wr *w, const upsp_iut_config *cfg);
int shim_get_config(upsp_rd *r, upsp_iut_config *cfg); /* 1 on success */
void shim_put_msg(upsp_wr *w, const upsp_iut_msg *m);
int shim_get_msg(upsp_rd *r, upsp_iut_msg *m);
void shim_put_event(upsp_wr *w, const upsp_iut_event *ev);
int shim_get_event(upsp_rd *r, upsp_iut_event *ev);

/* Blocking frame I/O on a file descriptor; 0 on success, -1 on EOF or error.
 * A frame is a 4-octet big-endian body length, then the body. */
int shim_write_frame(int fd, const uint8_t *body, size_t len);
int shim_read_frame(int fd, uint8_t *body, size_t cap, size_t *len);

#endif
