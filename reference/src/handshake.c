/*
 * handshake.c - the 1.5-round-trip handshake of both roles
 * (docs/SPEC.md sections 4.2 and 5).
 */
#include <string.h>

#include "session_int.h"
#include "upsp/keysched.h"

/* The concealment AEAD uses a fresh key per CLIENT_HELLO (K_c depends on
 * E_U), so a fixed all-zero nonce never repeats under one key. */
static const uint8_t zero_nonce[UPSP_AEAD_NONCE_LEN];

void upsp_hs_wipe(upsp_session *s)
{
    upsp_wipe(s->eph_priv, sizeof s->eph_priv);
    upsp_wipe(s->z_s, sizeof s->z_s);
    upsp_wipe(s->expected_mac, sizeof s->expected_mac);
    upsp_wipe(s->kaf, sizeof s->kaf); /* UPSP-KEY-8: not needed once the PRK exists */
}

/* A-KID concealment (UPSP-CONF-1, UPSP-CONF-2): ChaCha20-Poly1305 under K_c
 * over length || A-KID || zero padding to 256 octets, so the ciphertext
 * length says nothing about the identity either. */
static upsp_err conceal_akid(upsp_session *s, uint8_t *concealed, const uint8_t *aad,
                             size_t aad_len, const uint8_t e_u[32])
{
    uint8_t kc[32];
    uint8_t pt[UPSP_CONCEAL_PT_LEN];
    upsp_aead a;
    upsp_err err = upsp_ks_conceal_key(kc, s->z_s, e_u, s->static_pub);
    if (!err)
        err = upsp_aead_init(&a, UPSP_SUITE_CHACHA20_POLY1305_SHA256, kc, sizeof kc);
    if (!err) {
        memset(pt, 0, sizeof pt);
        pt[0] = s->akid_len;
        memcpy(pt + 1, s->akid, s->akid_len);
        err = upsp_aead_seal(&a, concealed, zero_nonce, aad, aad_len, pt, sizeof pt);
        upsp_aead_cleanup(&a);
    }
    upsp_wipe(pt, sizeof pt);
    upsp_wipe(kc, sizeof kc);
    return err;
}

upsp_err upsp_hs_client_hello(upsp_session *s, uint8_t *out, size_t cap, size_t *out_len)
{
    upsp_client_hello ch;
    size_t len, aad_len = UPSP_CH_AAD_LEN(s->n_suites);
    upsp_err err;
    memset(&ch, 0, sizeof ch);
    ch.n_suites = s->n_suites;
    memcpy(ch.suites, s->suites, sizeof ch.suites);
    /* UPSP-AUTH-7: fresh nonce and ephemeral key for every handshake. */
    err = upsp_sess_random(s, ch.nonce, sizeof ch.nonce);
    if (!err)
        err = upsp_sess_random(s, s->eph_priv, sizeof s->eph_priv);
    if (!err)
        err = upsp_x25519_public(ch.eph, s->eph_priv);
    if (!err)
        err = upsp_x25519(s->z_s, s->eph_priv, s->static_pub);
    if (!err)
        err = upsp_ch_encode(out, cap, &len, &ch);
    if (!err)
        err = conceal_akid(s, out + aad_len, out, aad_len, ch.eph);
    if (err) {
        upsp_hs_wipe(s);
        return err;
    }
    memcpy(s->ch, out, len);
    s->ch_len = len;
    *out_len = len;
    s->state = UPSP_ST_WAIT_SH;
    return UPSP_OK;
}

/* Traffic keys of both directions from PRK and TH3 (UPSP-KEY-5); each side
 * sends with its own direction's key (UPSP-INT-4). */
static upsp_err install_keys(upsp_session *s, const uint8_t prk[32], const uint8_t th3[32])
{
    uint8_t k_u2s[32], iv_u2s[12], k_s2u[32], iv_s2u[12];
    size_t nk = upsp_suite_key_len(s->suite);
    upsp_err err = upsp_ks_expand(k_u2s, nk, prk, UPSP_LABEL_U2S_KEY, th3);
    if (!err)
        err = upsp_ks_expand(iv_u2s, sizeof iv_u2s, prk, UPSP_LABEL_U2S_IV, th3);
    if (!err)
        err = upsp_ks_expand(k_s2u, nk, prk, UPSP_LABEL_S2U_KEY, th3);
    if (!err)
        err = upsp_ks_expand(iv_s2u, sizeof iv_s2u, prk, UPSP_LABEL_S2U_IV, th3);
    if (!err) {
        int ue = s->role == UPSP_ROLE_UE;
        err = upsp_record_keys_init(&s->tx, s->suite, ue ? k_u2s : k_s2u, nk, ue ? iv_u2s : iv_s2u);
        if (!err)
            err = upsp_record_keys_init(&s->rx, s->suite, ue ? k_s2u : k_u2s, nk,
                                        ue ? iv_s2u : iv_u2s);
    }
    upsp_wipe(k_u2s, sizeof k_u2s);
    upsp_wipe(k_s2u, sizeof k_s2u);
    upsp_wipe(iv_u2s, sizeof iv_u2s);
    upsp_wipe(iv_s2u, sizeof iv_s2u);
    return err;
}

static upsp_err transcript(uint8_t out[32], const uint8_t *ch, size_t ch_len, const uint8_t *sh,
                           size_t sh_len)
{
    upsp_iov v[2] = {{ch, ch_len}, {sh, sh_len}};
    return upsp_sha256(out, v, 2);
}

static int suite_offered(const upsp_session *s, uint16_t suite)
{
    for (size_t i = 0; i < s->n_suites; i++)
        if (s->suites[i] == suite)
            return 1;
    return 0;
}

/* What the UE computes from SERVER_HELLO: the MAC it must verify, its own
 * MAC, and the traffic keys. */
typedef struct {
    uint8_t prk[32], th2[32], th3[32], mac_s[32], mac_u[32];
} hs_secrets;

static upsp_err ue_derive(upsp_session *s, hs_secrets *x, const upsp_server_hello *sh,
                          const uint8_t *in, size_t len)
{
    uint8_t z_e[32];
    upsp_err err = upsp_x25519(z_e, s->eph_priv, sh->eph);
    if (!err)
        err = upsp_ks_prk(x->prk, s->kaf, z_e, s->z_s);
    upsp_wipe(z_e, sizeof z_e);
    if (!err)
        err = transcript(x->th2, s->ch, s->ch_len, in, UPSP_SH_MAC_OFFSET);
    if (!err)
        err = transcript(x->th3, s->ch, s->ch_len, in, len);
    if (!err)
        err = upsp_ks_finished(x->mac_s, x->prk, UPSP_LABEL_S_FIN, x->th2, x->th2);
    if (!err)
        err = upsp_ks_finished(x->mac_u, x->prk, UPSP_LABEL_U_FIN, x->th2, x->th3);
    return err;
}

static uint8_t alert_for(upsp_err err)
{
    switch (err) {
    case UPSP_ERR_KEY:
        return UPSP_ALERT_ILLEGAL_PARAMETER;
    case UPSP_ERR_RNG:
    case UPSP_ERR_CRYPTO:
    default:
        return UPSP_ALERT_INTERNAL_ERROR;
    }
}

upsp_err upsp_hs_on_server_hello(upsp_session *s, upsp_reply *rep, const uint8_t *in, size_t len)
{
    upsp_server_hello sh;
    upsp_client_finished cf;
    hs_secrets x;
    upsp_err err = upsp_sh_decode(&sh, in, len);
    if (err) /* garbage does not end the wait: the real answer may follow */
        return upsp_sess_reject(rep, err);
    if (!suite_offered(s, sh.suite)) /* UPSP-AUTH-5 */
        return upsp_sess_fail(s, rep, UPSP_ERR_SUITE, UPSP_ALERT_ILLEGAL_PARAMETER);
    s->suite = sh.suite;
    memcpy(s->session_id, sh.session_id, UPSP_SESSION_ID_LEN);
    err = ue_derive(s, &x, &sh, in, len);
    if (!err && !upsp_ct_eq(x.mac_s, sh.mac, UPSP_MAC_LEN)) /* UPSP-AUTH-1, UPSP-AUTH-3 */
        err = UPSP_ERR_AUTH;
    if (!err)
        err = install_keys(s, x.prk, x.th3);
    if (!err) {
        memcpy(cf.session_id, sh.session_id, UPSP_SESSION_ID_LEN);
        memcpy(cf.mac, x.mac_u, UPSP_MAC_LEN);
        err = upsp_cf_encode(rep->out, rep->cap, rep->out_len, &cf);
    }
    upsp_wipe(&x, sizeof x);
    if (err)
        return upsp_sess_fail(s, rep, err,
                              err == UPSP_ERR_AUTH ? UPSP_ALERT_AUTH_FAILED : alert_for(err));
    upsp_hs_wipe(s); /* UPSP-CONF-4: e_U and Z_s go before any record flows */
    s->state = UPSP_ST_OPEN;
    rep->ev->kind = UPSP_EV_ESTABLISHED;
    return UPSP_OK;
}

/* Reads the concealed A-KID and finds its K_AF. Any failure - a ciphertext
 * that does not open, a bad length or padding, an unknown A-KID - yields a
 * random K_AF instead, so that the handshake goes on and fails at
 * CLIENT_FINISHED exactly as a wrong MAC would (UPSP-AUTH-4). */
static upsp_err resolve_kaf(upsp_session *s, const upsp_client_hello *ch, const uint8_t *aad,
                            size_t aad_len)
{
    uint8_t kc[32];
    uint8_t pt[UPSP_CONCEAL_PT_LEN];
    upsp_aead a;
    int found = 0;
    upsp_err err = upsp_ks_conceal_key(kc, s->z_s, ch->eph, s->static_pub);
    if (!err)
        err = upsp_aead_init(&a, UPSP_SUITE_CHACHA20_POLY1305_SHA256, kc, sizeof kc);
    upsp_wipe(kc, sizeof kc);
    if (err)
        return err;
    err = upsp_aead_open(&a, pt, zero_nonce, aad, aad_len, ch->concealed, UPSP_CONCEALED_LEN);
    upsp_aead_cleanup(&a);
    /* UPSP-PARSE-16: a zero length or non-zero padding counts as unknown. */
    if (!err && pt[0] != 0 && upsp_ct_is_zero(pt + 1 + pt[0], sizeof pt - 1 - pt[0]))
        found = s->lookup(s->lookup_ctx, pt + 1, pt[0], s->kaf) == 0;
    upsp_wipe(pt, sizeof pt);
    if (err && err != UPSP_ERR_AUTH)
        return err;
    return found ? UPSP_OK : upsp_sess_random(s, s->kaf, sizeof s->kaf);
}

static uint16_t choose_suite(const upsp_session *s, const upsp_client_hello *ch)
{
    /* UPSP-AUTH-6: the server's preference among what the UE offered. */
    for (size_t i = 0; i < s->n_suites; i++)
        for (size_t j = 0; j < ch->n_suites; j++)
            if (s->suites[i] == ch->suites[j])
                return s->suites[i];
    return 0;
}

/* Builds SERVER_HELLO into rep->out with MAC_S, and leaves the expected MAC_U
 * and the traffic keys in s. */
static upsp_err server_answer(upsp_session *s, upsp_reply *rep, const upsp_client_hello *ch,
                              const uint8_t *in, size_t len)
{
    upsp_server_hello sh;
    uint8_t z_e[32], prk[32], th2[32], th3[32];
    upsp_err err;
    memset(&sh, 0, sizeof sh);
    sh.suite = s->suite;
    err = upsp_sess_random(s, sh.session_id, sizeof sh.session_id); /* UPSP-AUTH-9 */
    if (!err)
        err = upsp_sess_random(s, sh.nonce, sizeof sh.nonce);
    if (!err)
        err = upsp_sess_random(s, s->eph_priv, sizeof s->eph_priv);
    if (!err)
        err = upsp_x25519_public(sh.eph, s->eph_priv);
    if (!err)
        err = upsp_x25519(z_e, s->eph_priv, ch->eph);
    if (!err)
        err = upsp_ks_prk(prk, s->kaf, z_e, s->z_s);
    if (!err)
        err = upsp_sh_encode(rep->out, rep->cap, rep->out_len, &sh);
    if (!err)
        err = transcript(th2, in, len, rep->out, UPSP_SH_MAC_OFFSET);
    if (!err)
        err = upsp_ks_finished(rep->out + UPSP_SH_MAC_OFFSET, prk, UPSP_LABEL_S_FIN, th2, th2);
    if (!err)
        err = transcript(th3, in, len, rep->out, UPSP_SH_LEN);
    if (!err)
        err = upsp_ks_finished(s->expected_mac, prk, UPSP_LABEL_U_FIN, th2, th3);
    if (!err)
        err = install_keys(s, prk, th3);
    if (!err)
        memcpy(s->session_id, sh.session_id, UPSP_SESSION_ID_LEN);
    upsp_wipe(z_e, sizeof z_e);
    upsp_wipe(prk, sizeof prk);
    return err;
}

upsp_err upsp_hs_on_client_hello(upsp_session *s, upsp_reply *rep, const uint8_t *in, size_t len)
{
    upsp_client_hello ch;
    upsp_err err = upsp_ch_decode(&ch, in, len);
    if (err == UPSP_ERR_VERSION)
        return upsp_sess_fail(s, rep, err, UPSP_ALERT_UNSUPPORTED_VERSION);
    if (err)
        return upsp_sess_fail(s, rep, err, UPSP_ALERT_DECODE_ERROR);
    s->suite = choose_suite(s, &ch);
    if (!s->suite)
        return upsp_sess_fail(s, rep, UPSP_ERR_SUITE, UPSP_ALERT_NO_COMMON_SUITE);
    err = upsp_x25519(s->z_s, s->static_priv, ch.eph);
    if (!err)
        err = resolve_kaf(s, &ch, in, UPSP_CH_AAD_LEN(ch.n_suites));
    if (!err)
        err = server_answer(s, rep, &ch, in, len);
    if (err) {
        *rep->out_len = 0;
        return upsp_sess_fail(s, rep, err, alert_for(err));
    }
    /* The MAC_U to expect and the traffic keys are set: drop the rest. */
    upsp_wipe(s->eph_priv, sizeof s->eph_priv);
    upsp_wipe(s->z_s, sizeof s->z_s);
    upsp_wipe(s->kaf, sizeof s->kaf);
    s->state = UPSP_ST_WAIT_CF;
    return UPSP_OK;
}

upsp_err upsp_hs_on_client_finished(upsp_session *s, upsp_reply *rep, const uint8_t *in,
                                    size_t len)
{
    upsp_client_finished cf;
    upsp_err err = upsp_cf_decode(&cf, in, len);
    if (err)
        return upsp_sess_reject(rep, err);
    if (memcmp(cf.session_id, s->session_id, UPSP_SESSION_ID_LEN) != 0)
        return upsp_sess_reject(rep, UPSP_ERR_SESSION);
    if (!upsp_ct_eq(cf.mac, s->expected_mac, UPSP_MAC_LEN)) /* UPSP-AUTH-2, UPSP-AUTH-3 */
        return upsp_sess_fail(s, rep, UPSP_ERR_AUTH, UPSP_ALERT_AUTH_FAILED);
    upsp_hs_wipe(s);
    s->state = UPSP_ST_OPEN;
    rep->ev->kind = UPSP_EV_ESTABLISHED;
    return UPSP_OK;
}
