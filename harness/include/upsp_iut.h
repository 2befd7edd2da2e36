/*
 * upsp_iut.h - the C interface through which UPSP-suite drives an
 * implementation under test (IUT). ABI version 1.
 *
 * An IUT is a shared library that exports one function, upsp_iut_get_api(),
 * returning a table of operations. The suite creates one IUT instance per
 * test, in one role, feeds it the messages the network delivers, asks it to
 * send application messages, and reads back what it sends and what it
 * reports. The interface is datagram-level: one UPSP message per call.
 *
 * This header is self-contained (no libupsp types) so that any
 * implementation can provide it. Values (message types, TLV ranges, alert
 * codes, suites) are those of docs/SPEC.md.
 *
 * Deterministic randomness: an IUT that declares the capability
 * "deterministic_rng" draws every random octet from the generator of
 * docs/SHIM.md section 4 seeded with cfg->rng_seed, in the order given
 * there; the suite's known-answer handshakes then check its bytes exactly.
 */
#ifndef UPSP_IUT_H
#define UPSP_IUT_H

#include <stddef.h>
#include <stdint.h>

#define UPSP_IUT_ABI_VERSION 1u
#define UPSP_IUT_SYMBOL "upsp_iut_get_api"
#define UPSP_IUT_MAX_KEYS 4
#define UPSP_IUT_MAX_SUITES 8

enum { UPSP_IUT_ROLE_UE = 1, UPSP_IUT_ROLE_SERVER = 2 };

/* Result of an operation. 0 is success; a positive value is the class of a
 * protocol error (a rejected input, a refused send); UPSP_IUT_E_HARNESS means
 * the IUT itself failed (bad configuration, internal error, crash of a shim). */
enum {
    UPSP_IUT_OK = 0,
    UPSP_IUT_E_PARSE = 1,  /* malformed, oversized, bad version, type, TLV or value */
    UPSP_IUT_E_AUTH = 2,   /* MAC or tag failure, no acceptable suite, bad key */
    UPSP_IUT_E_REPLAY = 3, /* duplicate or too old sequence number */
    UPSP_IUT_E_STATE = 4,  /* not allowed in this state, wrong direction or session, closed */
    UPSP_IUT_E_OTHER = 5,  /* any other protocol error */
    UPSP_IUT_E_HARNESS = -1
};

typedef struct {
    uint8_t akid[255];
    uint8_t akid_len;
    uint8_t k_akma[32];
} upsp_iut_key;

typedef struct {
    uint32_t abi_version; /* UPSP_IUT_ABI_VERSION */
    int role;             /* UPSP_IUT_ROLE_* */
    uint16_t suites[UPSP_IUT_MAX_SUITES]; /* preference order */
    uint8_t n_suites;
    uint32_t window;      /* replay window, 32..1024 */
    uint64_t rng_seed;
    /* K_AF = KDF(K_AKMA, 0x82, af_fqdn || ua_proto): the IUT derives it. */
    char af_fqdn[256];    /* NUL-terminated, 1..255 octets */
    uint8_t ua_proto[5];
    /* UE */
    upsp_iut_key ue_key;        /* its A-KID and K_AKMA */
    uint8_t server_pub[32];
    /* paging server */
    uint8_t server_priv[32];
    upsp_iut_key keys[UPSP_IUT_MAX_KEYS]; /* the subscribers it knows */
    uint8_t n_keys;
} upsp_iut_config;

/* An application message, flattened: only the fields of msg.type matter. */
typedef struct {
    uint8_t type; /* 0x11..0x17 */
    uint8_t usim_index;
    uint8_t plmn[3];
    uint16_t amf_set_id;
    uint8_t amf_pointer;
    uint32_t tmsi;
    uint32_t lifetime;
    uint8_t causes;
    uint32_t reg_id;
    uint32_t notif_id;
    uint8_t paging_cause;
    uint64_t timestamp;
    uint8_t result;
    uint8_t alert_code;
} upsp_iut_msg;

enum {
    UPSP_IUT_EV_NONE = 0,
    UPSP_IUT_EV_ESTABLISHED = 1,
    UPSP_IUT_EV_MESSAGE = 2,
    UPSP_IUT_EV_REJECTED = 3,
    UPSP_IUT_EV_CLOSED = 4
};

typedef struct {
    int kind;       /* UPSP_IUT_EV_* */
    int err_class;  /* with REJECTED or CLOSED: UPSP_IUT_E_* */
    uint8_t alert;  /* with CLOSED: the alert code sent or received */
    upsp_iut_msg msg; /* with MESSAGE */
} upsp_iut_event;

/* Capabilities an IUT declares (an ICS file may narrow them). */
#define UPSP_IUT_CAP_DETERMINISTIC_RNG 0x1u

typedef struct {
    uint32_t abi_version;
    const char *name;
    const char *version;
    unsigned capabilities; /* UPSP_IUT_CAP_* */
    /* Creates an instance; NULL with a message in err on failure. */
    void *(*create)(const upsp_iut_config *cfg, char *err, size_t err_len);
    /* UE: writes CLIENT_HELLO. */
    int (*start)(void *iut, uint8_t *out, size_t cap, size_t *out_len);
    /* Takes one received message; writes an answer (or *out_len = 0) and an event. */
    int (*recv)(void *iut, const uint8_t *in, size_t in_len, uint8_t *out, size_t cap,
                size_t *out_len, upsp_iut_event *ev);
    /* Protects and writes one application message. */
    int (*send)(void *iut, const upsp_iut_msg *m, uint8_t *out, size_t cap, size_t *out_len);
    /* Destroys the instance, wiping its keys. */
    void (*destroy)(void *iut);
} upsp_iut_api;

typedef const upsp_iut_api *(*upsp_iut_get_api_fn)(void);

#endif
