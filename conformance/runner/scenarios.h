/* scenarios.h - helpers shared by the scenario files. */
#ifndef UPSP_SCENARIOS_H
#define UPSP_SCENARIOS_H

#include "cert.h"

void sc_add_handshake(cert_list *l);
void sc_add_records(cert_list *l);
void sc_expect_alert(cert_cx *cx, const uint8_t *out, size_t n, uint8_t alert);
int sc_lookup_wrong(void *ctx, const uint8_t *akid, size_t akid_len, uint8_t out[32]);
int sc_contains(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m);
size_t sc_probe_raw(cert_cx *cx, const upsp_msg *m, uint64_t seq, uint8_t *out);

#endif
