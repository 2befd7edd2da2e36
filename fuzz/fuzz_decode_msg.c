/*
 * fuzz_decode_msg.c - the application-message (TLV) decoder. The first octet
 * picks the message type, the rest is the payload. Oracles: a message that
 * decodes has only values the spec allows (it re-encodes without error), and
 * decoding its canonical encoding gives the same message back.
 */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    upsp_msg m, again;
    uint8_t out[UPSP_MAX_PAYLOAD];
    upsp_wr w;
    if (size < 1)
        return 0;
    uint8_t type = (uint8_t)(UPSP_T_REGISTER + data[0] % 8); /* 8: one type that is not valid */
    if (upsp_msg_decode(&m, type, data + 1, size - 1) != UPSP_OK)
        return 0;
    upsp_wr_init(&w, out, sizeof out);
    FUZZ_ORACLE(upsp_msg_encode(&w, &m) == UPSP_OK, "a decoded %s holds a forbidden value",
                upsp_type_name(type));
    FUZZ_ORACLE(upsp_msg_decode(&again, type, out, w.len) == UPSP_OK &&
                    memcmp(&again, &m, sizeof m) == 0,
                "%s does not survive decode -> encode -> decode", upsp_type_name(type));
    return 0;
}
