/* main.c - runs the CUnit suites: all of them, or those named on the command
 * line (ctest runs one suite per test so failures point at a module). */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testing.h"

size_t t_hex(uint8_t *out, size_t cap, const char *hex)
{
    size_t n = strlen(hex);
    if (n % 2 || n / 2 > cap) {
        fprintf(stderr, "bad test vector hex: %s\n", hex);
        abort();
    }
    for (size_t i = 0; i < n / 2; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
            fprintf(stderr, "bad test vector hex: %s\n", hex);
            abort();
        }
        out[i] = (uint8_t)v;
    }
    return n / 2;
}

void t_add_suite(const char *name, const t_case *cases)
{
    CU_pSuite s = CU_add_suite(name, NULL, NULL);
    if (!s) {
        fprintf(stderr, "cannot add suite %s\n", name);
        exit(2);
    }
    for (const t_case *c = cases; c->name; c++)
        CU_add_test(s, c->name, c->fn);
}

int main(int argc, char **argv)
{
    unsigned failed;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    t_register_buf();
    t_register_crypto();
    t_register_kdf();
    t_register_wire();
    t_register_msg();
    t_register_window();
    t_register_record();
    t_register_session();
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (argc < 2) {
        CU_basic_run_tests();
    } else {
        for (int i = 1; i < argc; i++) {
            CU_pSuite s = CU_get_suite(argv[i]);
            if (!s) {
                fprintf(stderr, "no suite named %s\n", argv[i]);
                CU_cleanup_registry();
                return 2;
            }
            CU_basic_run_suite(s);
        }
    }
    failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    /* A suite that ran nothing is a broken build, not a pass. */
    if (CU_get_number_of_tests_run() == 0)
        failed = 1;
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
