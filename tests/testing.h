/* testing.h - shared helpers of the CUnit suites. */
#ifndef UPSP_TESTING_H
#define UPSP_TESTING_H

#include <CUnit/CUnit.h>
#include <stddef.h>
#include <stdint.h>

#include "upsp.h"

/* Decodes hex (no separators) into out; returns the octet count. Aborts the
 * test program on malformed hex: a broken vector is a bug in the test. */
size_t t_hex(uint8_t *out, size_t cap, const char *hex);

/* CU_ASSERT that n octets at got equal the hex string want. */
#define T_ASSERT_HEX(got, n, want)                                                                \
    do {                                                                                         \
        uint8_t t_exp_[2048];                                                                    \
        size_t t_n_ = t_hex(t_exp_, sizeof t_exp_, (want));                                      \
        CU_ASSERT_EQUAL_FATAL(t_n_, (size_t)(n));                                                \
        CU_ASSERT(memcmp((got), t_exp_, t_n_) == 0);                                             \
    } while (0)

typedef struct {
    const char *name;
    void (*fn)(void);
} t_case;

/* Adds a suite made of the NULL-terminated case list. */
void t_add_suite(const char *name, const t_case *cases);

/* One registration function per test file. */
void t_register_buf(void);
void t_register_crypto(void);
void t_register_kdf(void);
void t_register_wire(void);
void t_register_msg(void);
void t_register_window(void);
void t_register_record(void);
void t_register_session(void);

#endif
