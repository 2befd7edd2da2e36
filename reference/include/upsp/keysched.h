/*
 * upsp/keysched.h - the UPSP key schedule (docs/SPEC.md section 5).
 *
 *   Z_s  = X25519(e_U, P_S)              (concealment and static binding)
 *   K_c  = HKDF-Expand(HKDF-Extract("", Z_s), "upsp1 conceal" || E_U || P_S, 32)
 *   Z_e  = X25519(e_U, E_S)
 *   PRK  = HKDF-Extract(salt = K_AF, IKM = Z_e || Z_s)
 *   TH2  = SHA-256(CLIENT_HELLO || SERVER_HELLO without MAC_S)
 *   TH3  = SHA-256(CLIENT_HELLO || SERVER_HELLO)
 *   fin_S = HKDF-Expand(PRK, "upsp1 s fin" || TH2, 32); MAC_S = HMAC(fin_S, TH2)
 *   fin_U = HKDF-Expand(PRK, "upsp1 u fin" || TH2, 32); MAC_U = HMAC(fin_U, TH3)
 *   key/iv of each direction = HKDF-Expand(PRK, "upsp1 u2s key" || TH3, Nk) ...
 */
#ifndef UPSP_KEYSCHED_H
#define UPSP_KEYSCHED_H

#include <stddef.h>
#include <stdint.h>

#include "upsp/crypto.h"

#define UPSP_LABEL_CONCEAL "upsp1 conceal"
#define UPSP_LABEL_S_FIN "upsp1 s fin"
#define UPSP_LABEL_U_FIN "upsp1 u fin"
#define UPSP_LABEL_U2S_KEY "upsp1 u2s key"
#define UPSP_LABEL_U2S_IV "upsp1 u2s iv"
#define UPSP_LABEL_S2U_KEY "upsp1 s2u key"
#define UPSP_LABEL_S2U_IV "upsp1 s2u iv"

/* K_c, the A-KID concealment key (UPSP-CONF-2).
 * Errors: UPSP_ERR_CRYPTO. */
upsp_err upsp_ks_conceal_key(uint8_t out[32], const uint8_t z_s[32], const uint8_t e_u[32],
                             const uint8_t p_s[32]);

/* PRK from K_AF and the two X25519 results (UPSP-KEY-4).
 * Errors: UPSP_ERR_CRYPTO. */
upsp_err upsp_ks_prk(uint8_t out[32], const uint8_t kaf[32], const uint8_t z_e[32],
                     const uint8_t z_s[32]);

/* HKDF-Expand(PRK, label || th, out_len) (UPSP-KEY-5).
 * Errors: UPSP_ERR_ARG, UPSP_ERR_CRYPTO. */
upsp_err upsp_ks_expand(uint8_t *out, size_t out_len, const uint8_t prk[32], const char *label,
                        const uint8_t th[32]);

/* HMAC(fin key derived with label from PRK and TH2, over th) (UPSP-AUTH-1/2).
 * Errors: UPSP_ERR_CRYPTO. */
upsp_err upsp_ks_finished(uint8_t out_mac[32], const uint8_t prk[32], const char *label,
                          const uint8_t th2[32], const uint8_t th[32]);

#endif
