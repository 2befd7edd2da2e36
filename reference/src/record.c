/* record.c - AEAD record protection (docs/SPEC.md section 6). */
#include "upsp/record.h"

#include <string.h>

upsp_err upsp_record_keys_init(upsp_record_keys *k, uint16_t suite, const uint8_t *key,
                               size_t key_len, const uint8_t iv[UPSP_AEAD_NONCE_LEN])
{
    upsp_err err = upsp_aead_init(&k->aead, suite, key, key_len);
    if (err)
        return err;
    memcpy(k->iv, iv, UPSP_AEAD_NONCE_LEN);
    return UPSP_OK;
}

void upsp_record_keys_cleanup(upsp_record_keys *k)
{
    upsp_aead_cleanup(&k->aead);
    upsp_wipe(k->iv, sizeof k->iv);
}

/* UPSP-INT-6: the per-record nonce is the direction's IV with the 64-bit
 * sequence number XORed into its last eight octets (RFC 8446 5.3). */
static void make_nonce(uint8_t out[UPSP_AEAD_NONCE_LEN], const uint8_t iv[UPSP_AEAD_NONCE_LEN],
                       uint64_t seq)
{
    memcpy(out, iv, UPSP_AEAD_NONCE_LEN);
    for (int i = UPSP_AEAD_NONCE_LEN - 1; i >= UPSP_AEAD_NONCE_LEN - 8; i--, seq >>= 8)
        out[i] ^= (uint8_t)seq;
}

upsp_err upsp_record_seal(upsp_record_keys *k, uint8_t *out, size_t cap, size_t *out_len,
                          const upsp_hdr *h, const uint8_t *payload, size_t payload_len)
{
    uint8_t nonce[UPSP_AEAD_NONCE_LEN];
    upsp_wr w;
    uint8_t *ct;
    upsp_err err;
    if (payload_len > UPSP_MAX_PAYLOAD)
        return UPSP_ERR_TOO_LARGE;
    if (h->seq >= UPSP_SEQ_LIMIT)
        return UPSP_ERR_RANGE;
    upsp_wr_init(&w, out, cap);
    upsp_hdr_encode(&w, h);
    ct = upsp_wr_reserve(&w, payload_len + UPSP_AEAD_TAG_LEN);
    if (!ct)
        return UPSP_ERR_BUFFER;
    make_nonce(nonce, k->iv, h->seq);
    /* UPSP-INT-1: all 19 header octets are additional data; UPSP-CONF-5:
     * only ciphertext leaves. */
    err = upsp_aead_seal(&k->aead, ct, nonce, out, UPSP_HDR_LEN, payload, payload_len);
    if (err) {
        upsp_wipe(out, w.len);
        return err;
    }
    *out_len = w.len;
    return UPSP_OK;
}

upsp_err upsp_record_parse(upsp_hdr *out, const uint8_t *in, size_t len)
{
    upsp_rd r;
    upsp_err err;
    upsp_rd_init(&r, in, len);
    err = upsp_hdr_decode(out, &r);
    if (err)
        return err;
    return upsp_rd_left(&r) >= UPSP_AEAD_TAG_LEN ? UPSP_OK : UPSP_ERR_DECODE;
}

upsp_err upsp_record_open(upsp_record_keys *k, uint8_t *out, size_t cap, size_t *out_len,
                          const upsp_hdr *h, const uint8_t *in, size_t len)
{
    uint8_t nonce[UPSP_AEAD_NONCE_LEN];
    size_t ct_len;
    upsp_err err;
    if (len < UPSP_HDR_LEN + UPSP_AEAD_TAG_LEN)
        return UPSP_ERR_DECODE;
    ct_len = len - UPSP_HDR_LEN;
    if (cap < ct_len - UPSP_AEAD_TAG_LEN)
        return UPSP_ERR_BUFFER;
    make_nonce(nonce, k->iv, h->seq);
    err = upsp_aead_open(&k->aead, out, nonce, in, UPSP_HDR_LEN, in + UPSP_HDR_LEN, ct_len);
    if (err)
        return err;
    *out_len = ct_len - UPSP_AEAD_TAG_LEN;
    return UPSP_OK;
}
