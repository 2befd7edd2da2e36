/* samples.h - one valid instance of every message, for round trips and sweeps. */
#ifndef UPSP_SAMPLES_H
#define UPSP_SAMPLES_H

#include "upsp.h"

#define T_N_APP 7

/* Fills m with a valid message of the i-th application type (0..6). */
void t_sample_app(upsp_msg *m, int i);

/* Encodes each handshake message with recognisable field values; returns
 * the length written to out, for index 0..3 (CH, SH, CF, HS_ALERT). */
size_t t_sample_hs(uint8_t *out, size_t cap, int i);

#endif
