/* kdf.c - TS 33.220 Annex B generic KDF and the AKMA K_AF derivation. */
#include "upsp/kdf.h"

#include "upsp/buf.h"

/* 0xFF is outside the organisation codes of TS 33.220 Annex H, so this value
 * cannot clash with a registered protocol; it is experimental until one is
 * registered for UPSP (UPSP-KEY-3). The remaining octets spell "UPS1". */
const uint8_t UPSP_UA_PROTO_DEFAULT[UPSP_UA_PROTO_LEN] = {0xFF, 'U', 'P', 'S', '1'};

upsp_err upsp_kdf_3gpp(uint8_t out[UPSP_SHA256_LEN], const uint8_t *key, size_t key_len,
                       uint8_t fc, const upsp_iov *params, size_t n_params)
{
    uint8_t s[UPSP_KDF_MAX_S];
    upsp_wr w;
    upsp_iov whole;
    upsp_err err;
    if (!out || !key || (n_params && !params) || n_params > UPSP_KDF_MAX_PARAMS)
        return UPSP_ERR_ARG;
    upsp_wr_init(&w, s, sizeof s);
    upsp_wr_u8(&w, fc);
    for (size_t i = 0; i < n_params; i++) {
        if (params[i].len > 0xFFFF)
            return UPSP_ERR_RANGE;
        upsp_wr_bytes(&w, params[i].p, params[i].len);
        upsp_wr_u16(&w, (uint16_t)params[i].len); /* L_i: 2 octets, big-endian */
    }
    if (!upsp_wr_ok(&w))
        return UPSP_ERR_RANGE;
    whole.p = s;
    whole.len = w.len;
    err = upsp_hmac_sha256(out, key, key_len, &whole, 1);
    upsp_wipe(s, sizeof s);
    return err;
}

upsp_err upsp_kdf_kaf(uint8_t out_kaf[UPSP_KAF_LEN], const uint8_t k_akma[32],
                      const char *af_fqdn, size_t fqdn_len,
                      const uint8_t ua_proto[UPSP_UA_PROTO_LEN])
{
    uint8_t p0[255 + UPSP_UA_PROTO_LEN];
    upsp_iov param;
    upsp_err err;
    if (!out_kaf || !k_akma || !af_fqdn || !ua_proto)
        return UPSP_ERR_ARG;
    if (fqdn_len == 0 || fqdn_len > 255)
        return UPSP_ERR_RANGE;
    /* TS 33.535 A.4: P0 = A_ID = FQDN of the AF || Ua* security protocol id. */
    for (size_t i = 0; i < fqdn_len; i++)
        p0[i] = (uint8_t)af_fqdn[i];
    for (size_t i = 0; i < UPSP_UA_PROTO_LEN; i++)
        p0[fqdn_len + i] = ua_proto[i];
    param.p = p0;
    param.len = fqdn_len + UPSP_UA_PROTO_LEN;
    err = upsp_kdf_3gpp(out_kaf, k_akma, 32, 0x82, &param, 1);
    return err;
}
