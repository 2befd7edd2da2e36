/*
 * cert.h - the certification runner: tests, their context, and the run.
 *
 * A test is a scenario (C code in scenarios_*.c) or a case generated from a
 * vector file (vectors.c). Each runs in a forked child against fresh IUT
 * instances, with the reference library playing the peer; the child reports
 * a verdict, the reason, expected and actual values, and the byte
 * transcript. The parent aggregates verdicts per requirement and writes the
 * reports.
 */
#ifndef UPSP_CERT_H
#define UPSP_CERT_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include "fixture.h"
#include "upsp.h"
#include "upsp_iut.h"

#define CERT_SUITE_VERSION "1.0.0"

typedef enum { V_PASS, V_FAIL, V_ERROR, V_INCONCLUSIVE, V_NA, V_COUNT } cert_verdict;
const char *cert_verdict_name(cert_verdict v);

/* Capabilities a test may need (cert_ics.features). */
#define CAP_DETERMINISTIC_RNG 0x1u

struct cert_cx;

typedef struct cert_test {
    char id[96];          /* "ue.hs.false_server_wrong_kaf" */
    int role;             /* the IUT's role */
    char reqs[160];       /* space-separated requirement IDs */
    char summary[200];
    char expect[160];     /* the outcome the spec demands */
    void (*run)(struct cert_cx *cx);
    const void *data;     /* a vector, for generated tests */
    unsigned needs;       /* CAP_* */
} cert_test;

/* How to reach an implementation under test. */
typedef enum { IUT_INPROC, IUT_EXEC } cert_iut_kind;

typedef struct {
    char spec[1024];      /* as given: reference, lib:PATH, exec:CMD, mutant:NAME */
    cert_iut_kind kind;
    const upsp_iut_api *api; /* in process */
    void *dl;
    char cmd[1024];       /* exec */
    unsigned timeout_ms;  /* per operation */
    char name[64], version[64];
    unsigned caps;        /* UPSP_IUT_CAP_* the IUT declares */
} cert_iut;

/* Implementation conformance statement (--ics). */
typedef struct {
    int roles;            /* bit 1 UE, bit 2 server */
    uint16_t suites[UPSP_IUT_MAX_SUITES];
    uint8_t n_suites;
    unsigned features;    /* CAP_* */
} cert_ics;

/* One message on the wire, for the transcript. */
typedef struct {
    char dir[24];         /* "runner->iut", "iut->runner", "note" */
    uint8_t bytes[UPSP_MAX_MSG + 8];
    size_t len;
    char note[160];
} cert_wire;

#define CERT_MAX_WIRE 96

/* The IUT side of a test: one instance and what it last said. */
typedef struct {
    void *h;
    upsp_iut_config cfg;
    int role;
} cert_side;

typedef struct cert_cx {
    const cert_test *t;
    const cert_iut *iut;
    const cert_ics *ics;
    uint64_t seed;
    upsp_fixture fx;
    /* the IUT and the runner's reference peer */
    cert_side side;
    upsp_session peer;
    upsp_config peer_cfg;
    upsp_drbg peer_rng;
    int peer_role;        /* UPSP_ROLE_* */
    int peer_ready;
    /* outcome */
    cert_verdict verdict;
    char why[512];
    char expected[1024];
    char actual[1024];
    cert_wire wire[CERT_MAX_WIRE];
    size_t n_wire;
    jmp_buf out;
    void *shim;           /* exec: the shim process of this test */
} cert_cx;

/* --- test bodies use these (cert_cx.c) ------------------------------------ */

/* Ends the test: fail (the IUT broke a requirement), error (the IUT or the
 * harness could not be driven). Never return. */
_Noreturn void cx_fail(cert_cx *cx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void cx_error(cert_cx *cx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Records the expected and actual values shown in reports. */
void cx_diff(cert_cx *cx, const char *expected, const char *actual);
void cx_diff_hex(cert_cx *cx, const uint8_t *want, size_t want_len, const uint8_t *got,
                 size_t got_len);
void cx_note(cert_cx *cx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The default IUT configuration for a role (fixture keys, both suites). */
void cx_default_config(cert_cx *cx, upsp_iut_config *cfg, int role);
/* Creates the IUT instance of the test with cfg (NULL: the default). */
void cx_iut_create(cert_cx *cx, const upsp_iut_config *cfg);
/* A second, independent IUT instance (for cross-session tests). */
void cx_iut_create_side(cert_cx *cx, cert_side *side, const upsp_iut_config *cfg);
void cx_iut_destroy_side(cert_cx *cx, cert_side *side);
/* Sets up the runner's peer: the role opposite the IUT's; tweak may edit the
 * configuration first (NULL for none). */
void cx_peer_init(cert_cx *cx, void (*tweak)(cert_cx *, upsp_config *));

/* IUT operations (logged). The result is the operation's code. */
int cx_iut_start(cert_cx *cx, cert_side *s, uint8_t *out, size_t *out_len);
int cx_iut_recv(cert_cx *cx, cert_side *s, const uint8_t *in, size_t len, uint8_t *out,
                size_t *out_len, upsp_iut_event *ev);
int cx_iut_send(cert_cx *cx, cert_side *s, const upsp_msg *m, uint8_t *out, size_t *out_len);
/* Peer operations (the reference; logged). */
upsp_err cx_peer_recv(cert_cx *cx, const uint8_t *in, size_t len, uint8_t *out, size_t *out_len,
                      upsp_event *ev);
size_t cx_peer_send(cert_cx *cx, const upsp_msg *m, uint8_t *out);
size_t cx_peer_raw(cert_cx *cx, uint8_t type, uint8_t flags, uint64_t seq, const uint8_t *payload,
                   size_t len, uint8_t *out);

/* The whole handshake between the IUT and the peer; fails the test unless
 * both end established. Keeps the handshake messages for later replays. */
typedef struct {
    uint8_t ch[UPSP_MAX_MSG], sh[UPSP_MAX_MSG], cf[UPSP_MAX_MSG];
    size_t ch_len, sh_len, cf_len;
} cert_hs;
void cx_handshake(cert_cx *cx, cert_hs *hs);
/* REGISTER and REGISTER_ACK, so that both sides are REGISTERED. */
void cx_register(cert_cx *cx);

/* Expectations on one message delivered to the IUT. */
void cx_expect_accept(cert_cx *cx, const uint8_t *in, size_t len, const upsp_msg *want);
/* Rejected or ignored: no MESSAGE and no ESTABLISHED event, no answer other
 * than an alert. classes is a bit set of acceptable UPSP_IUT_E_* (0: any). */
void cx_expect_reject(cert_cx *cx, const uint8_t *in, size_t len, unsigned classes);
#define CLS(c) (1u << (c))

/* A sample application message of each type (the same as the unit tests'). */
void cx_sample(upsp_msg *m, uint8_t type);

/* --- the catalogue --------------------------------------------------------- */

typedef struct {
    cert_test *v;
    size_t n, cap;
    void **owned;         /* memory the tests' data points into */
    size_t n_owned;
} cert_list;

/* Hands p to l, to be freed with it; returns p (NULL if it cannot be kept,
 * in which case p is freed). */
void *cert_list_own(cert_list *l, void *p);
void cert_list_free(cert_list *l);

/* Appends a test; returns it for further filling. */
cert_test *cert_add(cert_list *l, const char *id, int role, const char *reqs, const char *summary,
                    const char *expect, void (*run)(cert_cx *));
void cert_add_scenarios(cert_list *l);
/* Loads the vector files of dir and adds their tests; fills the SHA-256 of
 * the vector set. Returns 0, or -1 with a message in err. */
int cert_add_vectors(cert_list *l, const char *dir, char sha256_hex[65], char *err, size_t err_len);

/* --- IUT attachment (cert_iut.c) ------------------------------------------ */

/* Resolves --iut SPEC. mutant_dir is where mutant libraries are built.
 * Returns 0, or -1 with a one-line message in err. */
int cert_iut_open(cert_iut *iut, const char *spec, const char *mutant_dir, char *err, size_t n);
void cert_iut_close(cert_iut *iut);
/* The operations the tests call, whatever the attachment. */
void *cert_iut_create(cert_cx *cx, const upsp_iut_config *cfg, char *err, size_t n);
int cert_iut_start(cert_cx *cx, void *h, uint8_t *out, size_t cap, size_t *out_len);
int cert_iut_recv(cert_cx *cx, void *h, const uint8_t *in, size_t len, uint8_t *out, size_t cap,
                  size_t *out_len, upsp_iut_event *ev);
int cert_iut_send(cert_cx *cx, void *h, const upsp_iut_msg *m, uint8_t *out, size_t cap,
                  size_t *out_len);
void cert_iut_destroy(cert_cx *cx, void *h);
/* Ends any shim process of this test. */
void cert_iut_end_test(cert_cx *cx);

/* --- the run (cert_run.c) and reports (report.c) --------------------------- */

typedef struct {
    cert_test *test;
    cert_verdict verdict;
    char why[512];
    char expected[1024];
    char actual[1024];
    char *transcript;     /* text, one message a line */
} cert_result;

typedef struct {
    const char *id;
    const char *section;
    const char *outside;  /* the spec's "checked from outside" column */
    int mandatory;
    cert_verdict verdict;
    char tests[2048];     /* ids of the tests that check it */
} cert_req;

typedef struct cert_run {
    cert_iut iut;
    cert_ics ics;
    int roles;            /* --role */
    char filter[256];
    uint64_t seed;
    unsigned jobs;
    char out_dir[1024];
    char vectors_dir[1024];
    char spec_path[1024];
    char mutant_dir[1024];
    char self[1024];      /* how to re-run: argv[0] */
    int quiet;
    /* results */
    cert_list tests;
    cert_result *results;
    cert_req *reqs;
    size_t n_reqs;
    char vectors_sha256[65];
    unsigned counts[V_COUNT];
} cert_run;

/* Runs every selected test and fills results. Returns 0, or -1 on a harness
 * error (message in err). */
int cert_run_all(cert_run *run, char *err, size_t n);
/* Reads the requirement index of SPEC.md and computes each verdict. */
int cert_requirements(cert_run *run, char *err, size_t n);
/* Writes junit.xml, report.json, report.html and repro/ under out_dir. */
int cert_write_reports(const cert_run *run, char *err, size_t n);
/* Frees what a run allocated and closes the IUT. */
void cert_run_free(cert_run *run);

#endif
