/*
 * upsp/record.h - record protection: AEAD over the payload, the whole header
 * as additional data, nonce = IV XOR sequence number (docs/SPEC.md section 6).
 * The record layer holds no replay state: the session checks the window
 * between upsp_record_parse and upsp_record_open.
 */
#ifndef UPSP_RECORD_H
#define UPSP_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "upsp/crypto.h"
#include "upsp/wire.h"

/* Keys of one direction. */
typedef struct {
    upsp_aead aead;
    uint8_t iv[UPSP_AEAD_NONCE_LEN];
} upsp_record_keys;

/* Sets up k for suite from a key and a 12-octet IV.
 * Errors: those of upsp_aead_init. */
upsp_err upsp_record_keys_init(upsp_record_keys *k, uint16_t suite, const uint8_t *key,
                               size_t key_len, const uint8_t iv[UPSP_AEAD_NONCE_LEN]);

/* Wipes k. */
void upsp_record_keys_cleanup(upsp_record_keys *k);

/* Writes header || AEAD(payload) to out.
 * Errors: UPSP_ERR_TOO_LARGE (payload over UPSP_MAX_PAYLOAD), UPSP_ERR_RANGE
 * (seq >= 2^48), UPSP_ERR_BUFFER, UPSP_ERR_CRYPTO. */
upsp_err upsp_record_seal(upsp_record_keys *k, uint8_t *out, size_t cap, size_t *out_len,
                          const upsp_hdr *h, const uint8_t *payload, size_t payload_len);

/* Parses the header of a received record (upsp_hdr_decode) and checks that
 * a ciphertext with its tag follows.
 * Errors: those of upsp_hdr_decode. */
upsp_err upsp_record_parse(upsp_hdr *out, const uint8_t *in, size_t len);

/* Authenticates and decrypts a record whose header was parsed. The plaintext
 * (len - 35 octets) goes to out; on failure out holds no plaintext.
 * Errors: UPSP_ERR_DECODE, UPSP_ERR_BUFFER, UPSP_ERR_AUTH, UPSP_ERR_CRYPTO. */
upsp_err upsp_record_open(upsp_record_keys *k, uint8_t *out, size_t cap, size_t *out_len,
                          const upsp_hdr *h, const uint8_t *in, size_t len);

#endif
