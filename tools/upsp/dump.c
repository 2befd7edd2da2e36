/* dump.c - printing messages as they are on the wire. */
#include <inttypes.h>
#include <stdlib.h>
#include <errno.h>

#include "cli.h"
#include "upsp.h"

void upsp_cli_hex(FILE *f, const uint8_t *p, size_t len)
{
    for (size_t i = 0; i < len; i += 16) {
        fprintf(f, "    %04zx ", i);
        for (size_t j = i; j < i + 16 && j < len; j++)
            fprintf(f, " %02x", p[j]);
        fputc('\n', f);
    }
}

static void hex_inline(FILE *f, const uint8_t *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        fprintf(f, "%02x", p[i]);
}

static const char *suite_name(uint16_t s)
{
    switch (s) {
    case UPSP_SUITE_AES_128_GCM_SHA256:
        return "AES-128-GCM-SHA256";
    case UPSP_SUITE_CHACHA20_POLY1305_SHA256:
        return "CHACHA20-POLY1305-SHA256";
    default:
        return "unknown";
    }
}

static void print_ch(FILE *f, const uint8_t *msg, size_t len)
{
    upsp_client_hello ch;
    if (upsp_ch_decode(&ch, msg, len) != UPSP_OK) {
        fprintf(f, "    (does not decode)\n");
        return;
    }
    fprintf(f, "    suites:");
    for (size_t i = 0; i < ch.n_suites; i++)
        fprintf(f, " %s", suite_name(ch.suites[i]));
    fprintf(f, "\n    nonce_U: ");
    hex_inline(f, ch.nonce, sizeof ch.nonce);
    fprintf(f, "\n    E_U:     ");
    hex_inline(f, ch.eph, sizeof ch.eph);
    fprintf(f, "\n    A-KID:   concealed (%d octets of ciphertext)\n", UPSP_CONCEALED_LEN);
}

static void print_sh(FILE *f, const uint8_t *msg, size_t len)
{
    upsp_server_hello sh;
    if (upsp_sh_decode(&sh, msg, len) != UPSP_OK) {
        fprintf(f, "    (does not decode)\n");
        return;
    }
    fprintf(f, "    suite:      %s\n    session ID: ", suite_name(sh.suite));
    hex_inline(f, sh.session_id, sizeof sh.session_id);
    fprintf(f, "\n    nonce_S:    ");
    hex_inline(f, sh.nonce, sizeof sh.nonce);
    fprintf(f, "\n    E_S:        ");
    hex_inline(f, sh.eph, sizeof sh.eph);
    fprintf(f, "\n    MAC_S:      ");
    hex_inline(f, sh.mac, sizeof sh.mac);
    fputc('\n', f);
}

static void print_cf(FILE *f, const uint8_t *msg, size_t len)
{
    upsp_client_finished cf;
    if (upsp_cf_decode(&cf, msg, len) != UPSP_OK) {
        fprintf(f, "    (does not decode)\n");
        return;
    }
    fprintf(f, "    session ID: ");
    hex_inline(f, cf.session_id, sizeof cf.session_id);
    fprintf(f, "\n    MAC_U:      ");
    hex_inline(f, cf.mac, sizeof cf.mac);
    fputc('\n', f);
}

static void print_record(FILE *f, const uint8_t *msg, size_t len)
{
    upsp_hdr h;
    if (upsp_record_parse(&h, msg, len) != UPSP_OK) {
        fprintf(f, "    (does not parse)\n");
        return;
    }
    fprintf(f, "    header: type=%s flags=0x%02x (%s) session ID=", upsp_type_name(h.type), h.flags,
            (h.flags & UPSP_FLAG_FROM_SERVER) ? "from PS" : "from UE");
    hex_inline(f, h.session_id, sizeof h.session_id);
    fprintf(f, " seq=%" PRIu64 "\n    payload: %zu octets of ciphertext + 16-octet tag\n", h.seq,
            len - UPSP_HDR_LEN - UPSP_AEAD_TAG_LEN);
}

void upsp_cli_wire(FILE *f, const uint8_t *msg, size_t len)
{
    if (len < 2)
        return;
    switch (msg[1]) {
    case UPSP_T_CLIENT_HELLO:
        print_ch(f, msg, len);
        break;
    case UPSP_T_SERVER_HELLO:
        print_sh(f, msg, len);
        break;
    case UPSP_T_CLIENT_FINISHED:
        print_cf(f, msg, len);
        break;
    default:
        if (upsp_type_is_record(msg[1]))
            print_record(f, msg, len);
        break;
    }
}

int upsp_cli_u64(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;
    if (!s || !*s || *s == '-')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 0);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}
