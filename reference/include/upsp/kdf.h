/*
 * upsp/kdf.h - the 3GPP generic key derivation function and AKMA K_AF.
 */
#ifndef UPSP_KDF_H
#define UPSP_KDF_H

#include <stddef.h>
#include <stdint.h>

#include "upsp/crypto.h"

#define UPSP_KAF_LEN 32
#define UPSP_UA_PROTO_LEN 5
#define UPSP_KDF_MAX_PARAMS 8
#define UPSP_KDF_MAX_S 1024

/* Experimental Ua* security protocol identifier of UPSP (UPSP-KEY-3). */
extern const uint8_t UPSP_UA_PROTO_DEFAULT[UPSP_UA_PROTO_LEN];

/* TS 33.220 Annex B.2: out = HMAC-SHA-256(key, S) with
 * S = FC || P0 || L0 || ... || Pn-1 || Ln-1, each Li the length of Pi as two
 * octets big-endian (UPSP-KEY-1). At most UPSP_KDF_MAX_PARAMS parameters, each
 * at most 65535 octets, S at most UPSP_KDF_MAX_S octets.
 * Errors: UPSP_ERR_ARG, UPSP_ERR_RANGE, UPSP_ERR_CRYPTO. */
upsp_err upsp_kdf_3gpp(uint8_t out[UPSP_SHA256_LEN], const uint8_t *key, size_t key_len,
                       uint8_t fc, const upsp_iov *params, size_t n_params);

/* AKMA K_AF (TS 33.535 Annex A.4): FC = 0x82, P0 = af_fqdn || ua_proto,
 * key K_AKMA (UPSP-KEY-2). af_fqdn is UTF-8, 1..255 octets.
 * Errors: UPSP_ERR_ARG, UPSP_ERR_RANGE, UPSP_ERR_CRYPTO. */
upsp_err upsp_kdf_kaf(uint8_t out_kaf[UPSP_KAF_LEN], const uint8_t k_akma[32],
                      const char *af_fqdn, size_t fqdn_len,
                      const uint8_t ua_proto[UPSP_UA_PROTO_LEN]);

#endif
