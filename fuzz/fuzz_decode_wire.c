/*
 * fuzz_decode_wire.c - the record header and the stream framing. Oracles: a
 * header that parses re-encodes to the same 19 octets and obeys every header
 * rule; the stream splitter never hands out octets past the buffer and
 * accounts for every octet it consumes.
 */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void header(const uint8_t *data, size_t size)
{
    upsp_hdr h;
    uint8_t out[UPSP_HDR_LEN];
    upsp_wr w;
    if (upsp_record_parse(&h, data, size) != UPSP_OK)
        return;
    FUZZ_ORACLE(size >= UPSP_HDR_LEN + UPSP_AEAD_TAG_LEN && size <= UPSP_MAX_MSG,
                "a record of %zu octets parsed", size);
    FUZZ_ORACLE(upsp_type_is_record(h.type) && !(h.flags & 0xFE) && h.seq < UPSP_SEQ_LIMIT,
                "a header breaking a rule parsed");
    upsp_wr_init(&w, out, sizeof out);
    upsp_hdr_encode(&w, &h);
    FUZZ_ORACLE(upsp_wr_ok(&w) && memcmp(out, data, UPSP_HDR_LEN) == 0,
                "the header re-encodes to other octets");
}

static void stream(const uint8_t *data, size_t size)
{
    size_t off = 0;
    while (off < size) {
        const uint8_t *msg;
        size_t len, used;
        if (upsp_stream_next(data + off, size - off, &msg, &len, &used) != UPSP_OK || used == 0)
            return;
        FUZZ_ORACLE(used == len + 2 && msg == data + off + 2 && off + used <= size,
                    "the stream splitter miscounted");
        FUZZ_ORACLE(len >= 1 && len <= UPSP_MAX_MSG, "a framed message of %zu octets", len);
        off += used;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    header(data, size);
    stream(data, size);
    return 0;
}
