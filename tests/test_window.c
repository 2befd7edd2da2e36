/* test_window.c - anti-replay window edges (SPEC.md 6.4). */
#include <string.h>

#include "testing.h"

static upsp_err accept(upsp_window *w, uint64_t seq)
{
    upsp_err err = upsp_window_check(w, seq);
    if (!err)
        upsp_window_mark(w, seq);
    return err;
}

static void sizes(void)
{
    upsp_window w;
    CU_ASSERT_EQUAL(upsp_window_init(&w, 0), UPSP_OK);
    CU_ASSERT_EQUAL(w.size, 64);
    CU_ASSERT_EQUAL(upsp_window_init(&w, 31), UPSP_ERR_RANGE);
    CU_ASSERT_EQUAL(upsp_window_init(&w, 32), UPSP_OK);
    CU_ASSERT_EQUAL(upsp_window_init(&w, 1024), UPSP_OK);
    CU_ASSERT_EQUAL(upsp_window_init(&w, 1025), UPSP_ERR_RANGE);
}

static void sequence_zero_and_duplicates(void)
{
    upsp_window w;
    upsp_window_init(&w, 64);
    CU_ASSERT_EQUAL(accept(&w, 0), UPSP_OK);
    CU_ASSERT_EQUAL(accept(&w, 0), UPSP_ERR_REPLAY);
    CU_ASSERT_EQUAL(accept(&w, 1), UPSP_OK);
    CU_ASSERT_EQUAL(accept(&w, 1), UPSP_ERR_REPLAY);
    CU_ASSERT_EQUAL(accept(&w, 0), UPSP_ERR_REPLAY);
}

/* With W = 64 and 100 the highest seen, 37..100 are inside, 36 is not. */
static void left_edge(void)
{
    uint32_t sizes[] = {32, 64, 1024};
    for (size_t i = 0; i < 3; i++) {
        uint32_t W = sizes[i];
        uint64_t top = 5000;
        upsp_window w;
        upsp_window_init(&w, W);
        CU_ASSERT_EQUAL(accept(&w, top), UPSP_OK);
        CU_ASSERT_EQUAL(upsp_window_check(&w, top - W), UPSP_ERR_REPLAY);
        CU_ASSERT_EQUAL(upsp_window_check(&w, top - W + 1), UPSP_OK);
        CU_ASSERT_EQUAL(accept(&w, top - W + 1), UPSP_OK);
        CU_ASSERT_EQUAL(accept(&w, top - W + 1), UPSP_ERR_REPLAY);
        CU_ASSERT_EQUAL(accept(&w, top - 1), UPSP_OK); /* out of order, inside */
    }
}

static void out_of_order_inside(void)
{
    upsp_window w;
    upsp_window_init(&w, 64);
    CU_ASSERT_EQUAL(accept(&w, 10), UPSP_OK);
    CU_ASSERT_EQUAL(accept(&w, 5), UPSP_OK);
    CU_ASSERT_EQUAL(accept(&w, 7), UPSP_OK);
    CU_ASSERT_EQUAL(accept(&w, 5), UPSP_ERR_REPLAY);
    CU_ASSERT_EQUAL(accept(&w, 6), UPSP_OK);
    CU_ASSERT_EQUAL(accept(&w, 11), UPSP_OK);
}

/* A jump far ahead slides the window; what was marked must not stay marked
 * in the ring for the numbers the jump passes over. */
static void far_jumps(void)
{
    upsp_window w;
    upsp_window_init(&w, 64);
    for (uint64_t s = 0; s < 64; s++)
        CU_ASSERT_EQUAL(accept(&w, s), UPSP_OK);
    CU_ASSERT_EQUAL(accept(&w, 1024), UPSP_OK); /* same ring slot as 0 */
    CU_ASSERT_EQUAL(accept(&w, 1000), UPSP_OK);
    CU_ASSERT_EQUAL(accept(&w, 1000), UPSP_ERR_REPLAY);
    CU_ASSERT_EQUAL(accept(&w, 63), UPSP_ERR_REPLAY); /* far left now */
    CU_ASSERT_EQUAL(accept(&w, 1000000), UPSP_OK);
    CU_ASSERT_EQUAL(accept(&w, 1000000 - 1), UPSP_OK);
    CU_ASSERT_EQUAL(accept(&w, 1000000 - 64), UPSP_ERR_REPLAY);
    CU_ASSERT_EQUAL(accept(&w, 1000000 - 63), UPSP_OK);
}

/* Every slot of the ring is cleared on a jump of exactly W..1023 steps. */
static void ring_reuse_after_slide(void)
{
    upsp_window w;
    upsp_window_init(&w, 1024);
    for (uint64_t s = 0; s < 1024; s++)
        CU_ASSERT_EQUAL(accept(&w, s), UPSP_OK);
    for (uint64_t s = 1024; s < 2048; s++) {
        CU_ASSERT_EQUAL(accept(&w, s), UPSP_OK);
        CU_ASSERT_EQUAL(accept(&w, s - 1023), UPSP_ERR_REPLAY);
    }
    CU_ASSERT_EQUAL(accept(&w, 1500), UPSP_ERR_REPLAY);
}

static void ceiling(void)
{
    upsp_window w;
    upsp_window_init(&w, 64);
    CU_ASSERT_EQUAL(accept(&w, UPSP_SEQ_LIMIT - 1), UPSP_OK);
    CU_ASSERT_EQUAL(upsp_window_check(&w, UPSP_SEQ_LIMIT), UPSP_ERR_RANGE);
    CU_ASSERT_EQUAL(upsp_window_check(&w, UINT64_MAX), UPSP_ERR_RANGE);
    CU_ASSERT_EQUAL(upsp_window_check(&w, UPSP_SEQ_LIMIT - 1), UPSP_ERR_REPLAY);
}

static void check_changes_nothing(void)
{
    upsp_window w, before;
    upsp_window_init(&w, 64);
    accept(&w, 3);
    memcpy(&before, &w, sizeof w);
    upsp_window_check(&w, 3);
    upsp_window_check(&w, 100);
    upsp_window_check(&w, 1);
    CU_ASSERT(memcmp(&before, &w, sizeof w) == 0);
}

void t_register_window(void)
{
    static const t_case cases[] = {{"sizes", sizes},
                                   {"sequence_zero_and_duplicates", sequence_zero_and_duplicates},
                                   {"left_edge", left_edge},
                                   {"out_of_order_inside", out_of_order_inside},
                                   {"far_jumps", far_jumps},
                                   {"ring_reuse_after_slide", ring_reuse_after_slide},
                                   {"ceiling", ceiling},
                                   {"check_changes_nothing", check_changes_nothing},
                                   {NULL, NULL}};
    t_add_suite("window", cases);
}
