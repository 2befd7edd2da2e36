/* test_buf.c - the bounds-checked reader and writer. */
#include <string.h>

#include "testing.h"

static void reader_reads_big_endian(void)
{
    static const uint8_t in[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
                                 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
    upsp_rd r;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    upsp_rd_init(&r, in, sizeof in);
    CU_ASSERT(upsp_rd_u8(&r, &u8) && u8 == 0x01);
    CU_ASSERT(upsp_rd_u16(&r, &u16) && u16 == 0x0203);
    CU_ASSERT(upsp_rd_u32(&r, &u32) && u32 == 0x04050607);
    CU_ASSERT(upsp_rd_u64(&r, &u64) && u64 == UINT64_C(0x08090a0b0c0d0e0f));
    CU_ASSERT_EQUAL(upsp_rd_left(&r), 0);
}

static void reader_never_advances_on_failure(void)
{
    static const uint8_t in[] = {0xaa, 0xbb, 0xcc};
    upsp_rd r, sub;
    uint32_t u32 = 0x11111111;
    uint8_t buf[4];
    const uint8_t *p = NULL;
    upsp_rd_init(&r, in, sizeof in);
    CU_ASSERT_FALSE(upsp_rd_u32(&r, &u32));
    CU_ASSERT_EQUAL(u32, 0x11111111);
    CU_ASSERT_FALSE(upsp_rd_copy(&r, buf, 4));
    CU_ASSERT_FALSE(upsp_rd_span(&r, &p, 4));
    CU_ASSERT_FALSE(upsp_rd_sub(&r, &sub, 4));
    CU_ASSERT_EQUAL(upsp_rd_left(&r), 3);
    CU_ASSERT(upsp_rd_sub(&r, &sub, 2));
    CU_ASSERT_EQUAL(upsp_rd_left(&sub), 2);
    CU_ASSERT_EQUAL(upsp_rd_left(&r), 1);
}

static void writer_error_is_sticky(void)
{
    uint8_t buf[5];
    upsp_wr w;
    upsp_wr_init(&w, buf, sizeof buf);
    upsp_wr_u32(&w, 0xdeadbeef);
    CU_ASSERT(upsp_wr_ok(&w));
    upsp_wr_u16(&w, 0x1234); /* does not fit */
    CU_ASSERT_FALSE(upsp_wr_ok(&w));
    upsp_wr_u8(&w, 0x55); /* would fit, but the writer has failed */
    CU_ASSERT_FALSE(upsp_wr_ok(&w));
    CU_ASSERT_EQUAL(w.len, 4);
    CU_ASSERT(memcmp(buf, "\xde\xad\xbe\xef", 4) == 0);
}

static void writer_reserve_and_patch(void)
{
    uint8_t buf[8];
    upsp_wr w;
    uint8_t *len;
    upsp_wr_init(&w, buf, sizeof buf);
    len = upsp_wr_reserve(&w, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(len);
    upsp_wr_bytes(&w, (const uint8_t *)"abc", 3);
    upsp_put_u16(len, 3);
    CU_ASSERT(upsp_wr_ok(&w));
    CU_ASSERT(memcmp(buf, "\x00\x03" "abc", 5) == 0);
    CU_ASSERT_PTR_NULL(upsp_wr_reserve(&w, 4));
}

void t_register_buf(void)
{
    static const t_case cases[] = {{"reader_reads_big_endian", reader_reads_big_endian},
                                   {"reader_never_advances_on_failure", reader_never_advances_on_failure},
                                   {"writer_error_is_sticky", writer_error_is_sticky},
                                   {"writer_reserve_and_patch", writer_reserve_and_patch},
                                   {NULL, NULL}};
    t_add_suite("buf", cases);
}
