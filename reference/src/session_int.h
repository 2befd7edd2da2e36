/* session_int.h - what session.c and handshake.c share; not installed. */
#ifndef UPSP_SESSION_INT_H
#define UPSP_SESSION_INT_H

#include "upsp/session.h"

/* Output of one upsp_session_recv call. */
typedef struct {
    upsp_event *ev;
    uint8_t *out;
    size_t cap;
    size_t *out_len;
} upsp_reply;

/* Random octets from the session's RNG. Errors: UPSP_ERR_RNG. */
upsp_err upsp_sess_random(upsp_session *s, uint8_t *out, size_t n);

/* The input is discarded: ev REJECTED with reason, state unchanged. */
upsp_err upsp_sess_reject(upsp_reply *rep, upsp_err reason);

/* The handshake fails: answers with a handshake alert (when it fits), moves
 * to FAILED, wipes handshake secrets; ev CLOSED. Returns reason. */
upsp_err upsp_sess_fail(upsp_session *s, upsp_reply *rep, upsp_err reason, uint8_t alert);

/* Handshake steps (handshake.c). Each returns what upsp_session_recv returns. */
upsp_err upsp_hs_client_hello(upsp_session *s, uint8_t *out, size_t cap, size_t *out_len);
upsp_err upsp_hs_on_client_hello(upsp_session *s, upsp_reply *rep, const uint8_t *in, size_t len);
upsp_err upsp_hs_on_server_hello(upsp_session *s, upsp_reply *rep, const uint8_t *in, size_t len);
upsp_err upsp_hs_on_client_finished(upsp_session *s, upsp_reply *rep, const uint8_t *in,
                                    size_t len);

/* Wipes what only the handshake needs: ephemeral key, Z_s, the expected MAC. */
void upsp_hs_wipe(upsp_session *s);

#endif
