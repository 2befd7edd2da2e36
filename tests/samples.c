/* samples.c - valid sample messages. */
#include <string.h>

#include "samples.h"

#include "fixture.h"

void t_sample_app(upsp_msg *m, int i)
{
    upsp_fixture_sample(m, (uint8_t)(UPSP_T_REGISTER + i));
}

size_t t_sample_hs(uint8_t *out, size_t cap, int i)
{
    size_t len = 0;
    upsp_client_hello ch;
    upsp_server_hello sh;
    upsp_client_finished cf;
    upsp_hs_alert al;
    upsp_err err = UPSP_ERR_ARG;
    switch (i) {
    case 0:
        memset(&ch, 0x11, sizeof ch);
        ch.n_suites = 2;
        ch.suites[0] = UPSP_SUITE_CHACHA20_POLY1305_SHA256;
        ch.suites[1] = UPSP_SUITE_AES_128_GCM_SHA256;
        err = upsp_ch_encode(out, cap, &len, &ch);
        break;
    case 1:
        memset(&sh, 0x22, sizeof sh);
        sh.suite = UPSP_SUITE_AES_128_GCM_SHA256;
        err = upsp_sh_encode(out, cap, &len, &sh);
        break;
    case 2:
        memset(&cf, 0x33, sizeof cf);
        err = upsp_cf_encode(out, cap, &len, &cf);
        break;
    case 3:
        memset(&al, 0x44, sizeof al);
        al.code = UPSP_ALERT_AUTH_FAILED;
        err = upsp_hs_alert_encode(out, cap, &len, &al);
        break;
    default:
        break;
    }
    return err == UPSP_OK ? len : 0;
}
