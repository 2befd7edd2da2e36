/* keysched.c - the UPSP key schedule (docs/SPEC.md section 5). */
#include "upsp/keysched.h"

#include <string.h>

#define LABEL_MAX 32

upsp_err upsp_ks_conceal_key(uint8_t out[32], const uint8_t z_s[32], const uint8_t e_u[32],
                             const uint8_t p_s[32])
{
    static const char label[] = UPSP_LABEL_CONCEAL;
    uint8_t prk[32];
    uint8_t info[sizeof label - 1 + 64];
    upsp_err err;
    /* UPSP-CONF-2: the info binds both public keys so that K_c is tied to this
     * CLIENT_HELLO and this server key, as SUCI's ECIES profiles bind them. */
    memcpy(info, label, sizeof label - 1);
    memcpy(info + sizeof label - 1, e_u, 32);
    memcpy(info + sizeof label - 1 + 32, p_s, 32);
    err = upsp_hkdf_extract(prk, NULL, 0, z_s, 32);
    if (!err)
        err = upsp_hkdf_expand(out, 32, prk, info, sizeof info);
    upsp_wipe(prk, sizeof prk);
    return err;
}

upsp_err upsp_ks_prk(uint8_t out[32], const uint8_t kaf[32], const uint8_t z_e[32],
                     const uint8_t z_s[32])
{
    uint8_t ikm[64];
    upsp_err err;
    /* UPSP-KEY-4: K_AF as salt and both X25519 results as IKM, so a false
     * server needs K_AF and the static private key, and a recorded session
     * stays secret after K_AF leaks (forward secrecy through Z_e). */
    memcpy(ikm, z_e, 32);
    memcpy(ikm + 32, z_s, 32);
    err = upsp_hkdf_extract(out, kaf, 32, ikm, sizeof ikm);
    upsp_wipe(ikm, sizeof ikm);
    return err;
}

upsp_err upsp_ks_expand(uint8_t *out, size_t out_len, const uint8_t prk[32], const char *label,
                        const uint8_t th[32])
{
    uint8_t info[LABEL_MAX + 32];
    size_t n = strlen(label);
    if (n > LABEL_MAX)
        return UPSP_ERR_ARG;
    memcpy(info, label, n);
    memcpy(info + n, th, 32);
    return upsp_hkdf_expand(out, out_len, prk, info, n + 32);
}

upsp_err upsp_ks_finished(uint8_t out_mac[32], const uint8_t prk[32], const char *label,
                          const uint8_t th2[32], const uint8_t th[32])
{
    uint8_t fin[32];
    upsp_iov v = {th, 32};
    upsp_err err = upsp_ks_expand(fin, sizeof fin, prk, label, th2);
    if (!err)
        err = upsp_hmac_sha256(out_mac, fin, sizeof fin, &v, 1);
    upsp_wipe(fin, sizeof fin);
    return err;
}
