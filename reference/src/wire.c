/* wire.c - the record header, the handshake messages and the stream framing. */
#include "upsp/wire.h"

#include <string.h>

int upsp_type_is_record(uint8_t type)
{
    return type >= UPSP_T_REGISTER && type <= UPSP_T_ALERT;
}

const char *upsp_type_name(uint8_t type)
{
    static const char *const hs[] = {"CLIENT_HELLO", "SERVER_HELLO", "CLIENT_FINISHED",
                                     "HS_ALERT"};
    static const char *const app[] = {"REGISTER",   "REGISTER_ACK", "PAGING_NOTIFY",
                                      "PAGING_RESPONSE", "DEREGISTER", "HEARTBEAT",
                                      "ALERT"};
    if (type >= UPSP_T_CLIENT_HELLO && type <= UPSP_T_HS_ALERT)
        return hs[type - UPSP_T_CLIENT_HELLO];
    if (upsp_type_is_record(type))
        return app[type - UPSP_T_REGISTER];
    return "UNKNOWN";
}

const char *upsp_alert_name(uint8_t code)
{
    static const char *const names[] = {
        "close_notify",       "decode_error",      "auth_failed",
        "unsupported_version", "no_common_suite",  "unexpected_message",
        "illegal_parameter",  "internal_error",    "seq_limit"};
    return code <= UPSP_ALERT_MAX ? names[code] : "unknown";
}

void upsp_hdr_encode(upsp_wr *w, const upsp_hdr *h)
{
    upsp_wr_u8(w, h->version);
    upsp_wr_u8(w, h->type);
    upsp_wr_u8(w, h->flags);
    upsp_wr_bytes(w, h->session_id, UPSP_SESSION_ID_LEN);
    upsp_wr_u64(w, h->seq);
}

/* Version and type, common to every message. The total size limit is checked
 * first so that nothing oversized is parsed at all (UPSP-PARSE-1). */
static upsp_err rd_prologue(upsp_rd *r, uint8_t *type)
{
    uint8_t version;
    if (upsp_rd_left(r) > UPSP_MAX_MSG)
        return UPSP_ERR_TOO_LARGE;
    if (!upsp_rd_u8(r, &version) || !upsp_rd_u8(r, type))
        return UPSP_ERR_DECODE;
    if (version != UPSP_VERSION) /* UPSP-PARSE-2 */
        return UPSP_ERR_VERSION;
    return UPSP_OK;
}

upsp_err upsp_hdr_decode(upsp_hdr *out, upsp_rd *r)
{
    upsp_err err = rd_prologue(r, &out->type);
    if (err)
        return err;
    out->version = UPSP_VERSION;
    if (!upsp_type_is_record(out->type)) /* UPSP-PARSE-3 */
        return UPSP_ERR_TYPE;
    if (!upsp_rd_u8(r, &out->flags) || !upsp_rd_copy(r, out->session_id, UPSP_SESSION_ID_LEN) ||
        !upsp_rd_u64(r, &out->seq))
        return UPSP_ERR_DECODE;
    if (out->flags & (uint8_t)~UPSP_FLAG_FROM_SERVER) /* UPSP-PARSE-11 */
        return UPSP_ERR_FLAGS;
    if (out->seq >= UPSP_SEQ_LIMIT) /* UPSP-RPL-8 */
        return UPSP_ERR_RANGE;
    return UPSP_OK;
}

/* Starts a handshake message: checks the size limit, version and type.
 * Every read after it that runs out of octets is a decode error (UPSP-PARSE-4). */
static upsp_err rd_hs_start(upsp_rd *r, const uint8_t *in, size_t len, uint8_t want)
{
    uint8_t type;
    upsp_err err;
    upsp_rd_init(r, in, len);
    err = rd_prologue(r, &type);
    if (err)
        return err;
    return type == want ? UPSP_OK : UPSP_ERR_TYPE;
}

/* Every decoder ends here: nothing may be left over (UPSP-PARSE-5). */
static upsp_err rd_end(const upsp_rd *r)
{
    return upsp_rd_left(r) ? UPSP_ERR_TRAILING : UPSP_OK;
}

static upsp_err wr_end(const upsp_wr *w, size_t *out_len)
{
    if (!upsp_wr_ok(w))
        return UPSP_ERR_BUFFER;
    *out_len = w->len;
    return UPSP_OK;
}

static void wr_hs_start(upsp_wr *w, uint8_t *out, size_t cap, uint8_t type)
{
    upsp_wr_init(w, out, cap);
    upsp_wr_u8(w, UPSP_VERSION);
    upsp_wr_u8(w, type);
}

upsp_err upsp_ch_encode(uint8_t *out, size_t cap, size_t *out_len, const upsp_client_hello *m)
{
    upsp_wr w;
    if (m->n_suites == 0 || m->n_suites > UPSP_MAX_SUITES)
        return UPSP_ERR_ARG;
    wr_hs_start(&w, out, cap, UPSP_T_CLIENT_HELLO);
    upsp_wr_u8(&w, m->n_suites);
    for (size_t i = 0; i < m->n_suites; i++)
        upsp_wr_u16(&w, m->suites[i]);
    upsp_wr_bytes(&w, m->nonce, UPSP_NONCE_LEN);
    upsp_wr_bytes(&w, m->eph, UPSP_KEY_LEN);
    upsp_wr_bytes(&w, m->concealed, UPSP_CONCEALED_LEN);
    return wr_end(&w, out_len);
}

upsp_err upsp_ch_decode(upsp_client_hello *out, const uint8_t *in, size_t len)
{
    upsp_rd r;
    upsp_err err = rd_hs_start(&r, in, len, UPSP_T_CLIENT_HELLO);
    if (err)
        return err;
    if (!upsp_rd_u8(&r, &out->n_suites))
        return UPSP_ERR_DECODE;
    if (out->n_suites == 0 || out->n_suites > UPSP_MAX_SUITES) /* UPSP-PARSE-12 */
        return UPSP_ERR_DECODE;
    for (size_t i = 0; i < out->n_suites; i++) {
        if (!upsp_rd_u16(&r, &out->suites[i]))
            return UPSP_ERR_DECODE;
        for (size_t j = 0; j < i; j++)
            if (out->suites[j] == out->suites[i])
                return UPSP_ERR_DECODE;
    }
    if (!upsp_rd_copy(&r, out->nonce, UPSP_NONCE_LEN) || !upsp_rd_copy(&r, out->eph, UPSP_KEY_LEN) ||
        !upsp_rd_copy(&r, out->concealed, UPSP_CONCEALED_LEN))
        return UPSP_ERR_DECODE;
    return rd_end(&r);
}

upsp_err upsp_sh_encode(uint8_t *out, size_t cap, size_t *out_len, const upsp_server_hello *m)
{
    upsp_wr w;
    wr_hs_start(&w, out, cap, UPSP_T_SERVER_HELLO);
    upsp_wr_u16(&w, m->suite);
    upsp_wr_bytes(&w, m->session_id, UPSP_SESSION_ID_LEN);
    upsp_wr_bytes(&w, m->nonce, UPSP_NONCE_LEN);
    upsp_wr_bytes(&w, m->eph, UPSP_KEY_LEN);
    upsp_wr_bytes(&w, m->mac, UPSP_MAC_LEN);
    return wr_end(&w, out_len);
}

upsp_err upsp_sh_decode(upsp_server_hello *out, const uint8_t *in, size_t len)
{
    upsp_rd r;
    upsp_err err = rd_hs_start(&r, in, len, UPSP_T_SERVER_HELLO);
    if (err)
        return err;
    if (!upsp_rd_u16(&r, &out->suite) || !upsp_rd_copy(&r, out->session_id, UPSP_SESSION_ID_LEN) ||
        !upsp_rd_copy(&r, out->nonce, UPSP_NONCE_LEN) || !upsp_rd_copy(&r, out->eph, UPSP_KEY_LEN) ||
        !upsp_rd_copy(&r, out->mac, UPSP_MAC_LEN))
        return UPSP_ERR_DECODE;
    return rd_end(&r);
}

upsp_err upsp_cf_encode(uint8_t *out, size_t cap, size_t *out_len, const upsp_client_finished *m)
{
    upsp_wr w;
    wr_hs_start(&w, out, cap, UPSP_T_CLIENT_FINISHED);
    upsp_wr_bytes(&w, m->session_id, UPSP_SESSION_ID_LEN);
    upsp_wr_bytes(&w, m->mac, UPSP_MAC_LEN);
    return wr_end(&w, out_len);
}

upsp_err upsp_cf_decode(upsp_client_finished *out, const uint8_t *in, size_t len)
{
    upsp_rd r;
    upsp_err err = rd_hs_start(&r, in, len, UPSP_T_CLIENT_FINISHED);
    if (err)
        return err;
    if (!upsp_rd_copy(&r, out->session_id, UPSP_SESSION_ID_LEN) ||
        !upsp_rd_copy(&r, out->mac, UPSP_MAC_LEN))
        return UPSP_ERR_DECODE;
    return rd_end(&r);
}

upsp_err upsp_hs_alert_encode(uint8_t *out, size_t cap, size_t *out_len, const upsp_hs_alert *m)
{
    upsp_wr w;
    wr_hs_start(&w, out, cap, UPSP_T_HS_ALERT);
    upsp_wr_bytes(&w, m->session_id, UPSP_SESSION_ID_LEN);
    upsp_wr_u8(&w, m->code);
    return wr_end(&w, out_len);
}

upsp_err upsp_hs_alert_decode(upsp_hs_alert *out, const uint8_t *in, size_t len)
{
    upsp_rd r;
    upsp_err err = rd_hs_start(&r, in, len, UPSP_T_HS_ALERT);
    if (err)
        return err;
    if (!upsp_rd_copy(&r, out->session_id, UPSP_SESSION_ID_LEN) || !upsp_rd_u8(&r, &out->code))
        return UPSP_ERR_DECODE;
    if (out->code > UPSP_ALERT_MAX) /* UPSP-PARSE-17 */
        return UPSP_ERR_RANGE;
    return rd_end(&r);
}

upsp_err upsp_stream_frame(uint8_t *out, size_t cap, size_t *out_len, const uint8_t *msg,
                           size_t msg_len)
{
    upsp_wr w;
    if (msg_len == 0)
        return UPSP_ERR_DECODE;
    if (msg_len > UPSP_MAX_MSG)
        return UPSP_ERR_TOO_LARGE;
    upsp_wr_init(&w, out, cap);
    upsp_wr_u16(&w, (uint16_t)msg_len);
    upsp_wr_bytes(&w, msg, msg_len);
    return wr_end(&w, out_len);
}

upsp_err upsp_stream_next(const uint8_t *buf, size_t len, const uint8_t **msg, size_t *msg_len,
                          size_t *consumed)
{
    upsp_rd r;
    uint16_t n;
    *consumed = 0;
    *msg = NULL;
    *msg_len = 0;
    upsp_rd_init(&r, buf, len);
    if (!upsp_rd_u16(&r, &n))
        return UPSP_OK; /* need more bytes */
    /* UPSP-PARSE-14: a bad prefix poisons the stream; the caller closes it. */
    if (n == 0)
        return UPSP_ERR_DECODE;
    if (n > UPSP_MAX_MSG)
        return UPSP_ERR_TOO_LARGE;
    if (!upsp_rd_span(&r, msg, n))
        return UPSP_OK;
    *msg_len = n;
    *consumed = 2u + n;
    return UPSP_OK;
}
