/*
 * fuzz_decode_hs.c - the handshake message decoders. Oracle: whatever decodes
 * re-encodes to exactly the input (the layouts are fixed, so a decoder that
 * accepts anything else is lenient where the spec is strict).
 */
#include <stdio.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same(const uint8_t *data, size_t size, upsp_err enc_err, const uint8_t *out, size_t n,
                 const char *what)
{
    FUZZ_ORACLE(enc_err == UPSP_OK, "%s decoded but does not re-encode", what);
    FUZZ_ORACLE(n == size && memcmp(out, data, n) == 0, "%s re-encodes to other octets", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t out[UPSP_MAX_MSG + 16];
    size_t n = 0;
    upsp_err err;
    upsp_client_hello ch;
    upsp_server_hello sh;
    upsp_client_finished cf;
    upsp_hs_alert al;
    /* Each encode runs before same() reads n: argument order is unspecified. */
    if (upsp_ch_decode(&ch, data, size) == UPSP_OK) {
        err = upsp_ch_encode(out, sizeof out, &n, &ch);
        same(data, size, err, out, n, "CLIENT_HELLO");
    }
    if (upsp_sh_decode(&sh, data, size) == UPSP_OK) {
        err = upsp_sh_encode(out, sizeof out, &n, &sh);
        same(data, size, err, out, n, "SERVER_HELLO");
    }
    if (upsp_cf_decode(&cf, data, size) == UPSP_OK) {
        err = upsp_cf_encode(out, sizeof out, &n, &cf);
        same(data, size, err, out, n, "CLIENT_FINISHED");
    }
    if (upsp_hs_alert_decode(&al, data, size) == UPSP_OK) {
        err = upsp_hs_alert_encode(out, sizeof out, &n, &al);
        same(data, size, err, out, n, "HS_ALERT");
    }
    return 0;
}
