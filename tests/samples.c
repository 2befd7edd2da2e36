/* samples.c - valid sample messages. */
#include <string.h>

#include "samples.h"

void t_sample_app(upsp_msg *m, int i)
{
    memset(m, 0, sizeof *m);
    m->type = (uint8_t)(UPSP_T_REGISTER + i);
    switch (m->type) {
    case UPSP_T_REGISTER:
        m->u.reg.usim_index = 1;
        memcpy(m->u.reg.plmn, "\x00\xf1\x10", 3);
        m->u.reg.stmsi.amf_set_id = 0x2a5;
        m->u.reg.stmsi.amf_pointer = 0x13;
        m->u.reg.stmsi.tmsi = 0xc0ffee42;
        m->u.reg.lifetime = 3600;
        m->u.reg.causes = 0x1f;
        break;
    case UPSP_T_REGISTER_ACK:
        m->u.reg_ack.reg_id = 7;
        m->u.reg_ack.lifetime = 1800;
        break;
    case UPSP_T_PAGING_NOTIFY:
        m->u.notify.reg_id = 7;
        m->u.notify.notif_id = 1001;
        m->u.notify.cause = UPSP_CAUSE_SMS;
        memcpy(m->u.notify.plmn, "\x21\x43\x65", 3); /* MCC 123, MNC 456 */
        m->u.notify.timestamp = UINT64_C(1796386800);
        break;
    case UPSP_T_PAGING_RESPONSE:
        m->u.response.notif_id = 1001;
        m->u.response.result = UPSP_RESULT_BUSY;
        break;
    case UPSP_T_DEREGISTER:
        m->u.dereg.reg_id = 7;
        break;
    case UPSP_T_ALERT:
        m->u.alert.code = UPSP_ALERT_CLOSE_NOTIFY;
        break;
    default:
        break;
    }
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
