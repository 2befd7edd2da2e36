/* shim_client.h - the runner's side of the process shim (docs/SHIM.md). */
#ifndef UPSP_SHIM_CLIENT_H
#define UPSP_SHIM_CLIENT_H

#include "cert.h"

/* Starts the shim once, checks its HELLO, stops it. -1 with err on failure. */
int shim_probe(cert_iut *iut, char *err, size_t n);

/* The IUT operations over the shim of the current test (started on first
 * use). Any crash, timeout or malformed answer gives UPSP_IUT_E_HARNESS. */
void *shim_create(cert_cx *cx, const upsp_iut_config *cfg, char *err, size_t n);
int shim_start(cert_cx *cx, void *h, uint8_t *out, size_t cap, size_t *out_len);
int shim_recv(cert_cx *cx, void *h, const uint8_t *in, size_t len, uint8_t *out, size_t cap,
              size_t *out_len, upsp_iut_event *ev);
int shim_send(cert_cx *cx, void *h, const upsp_iut_msg *m, uint8_t *out, size_t cap,
              size_t *out_len);
void shim_destroy(cert_cx *cx, void *h);
void shim_end(cert_cx *cx);

#endif
