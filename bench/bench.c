/*
 * bench.c - `upsp bench`: how close the reference and the tools come to
 * their limits. Every figure is the median of at least five timed runs after
 * a warm-up, and every ratio is taken against a baseline measured in the
 * same run (absolute times drift on shared machines; ratios much less).
 */
#define _DEFAULT_SOURCE /* wait4: the peak memory of one child process */
#include <cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "baseline.h"
#include "bench.h"
#include "fixture.h"
#include "upsp.h"

#define RUNS 5

typedef struct {
    char name[80];
    char unit[16];
    double value;
    double baseline; /* 0: none */
    double ratio;
    double goal;     /* 0: none; the ratio must not exceed it */
    char note[120];
} figure;

static figure figs[128];
static size_t n_figs;
static int quick;

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median over RUNS runs (after one warm-up run) of the time per call. */
static double per_call_ns(void (*fn)(void *), void *ctx, unsigned iters)
{
    double v[RUNS];
    for (unsigned i = 0; i < iters / 4 + 1; i++)
        fn(ctx);
    for (int r = 0; r < RUNS; r++) {
        double t0 = now_ns();
        for (unsigned i = 0; i < iters; i++)
            fn(ctx);
        v[r] = (now_ns() - t0) / iters;
    }
    qsort(v, RUNS, sizeof v[0], cmp_double);
    return v[RUNS / 2];
}

static figure *add(const char *name, const char *unit, double value)
{
    figure *f = &figs[n_figs < 127 ? n_figs++ : 127];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s", name);
    snprintf(f->unit, sizeof f->unit, "%s", unit);
    f->value = value;
    return f;
}

static void add_ratio(const char *name, double value, double baseline, double goal)
{
    figure *f = add(name, "ns", value);
    f->baseline = baseline;
    f->ratio = baseline > 0 ? value / baseline : 0;
    f->goal = goal;
}

/* --- record protection ------------------------------------------------------ */

typedef struct {
    upsp_record_keys k;
    uint16_t suite;
    size_t len;
    uint8_t pt[UPSP_MAX_PAYLOAD], rec[UPSP_MAX_MSG], back[UPSP_MAX_MSG];
    upsp_hdr h;
    int failed;
} rec_ctx;

static void record_roundtrip(void *p)
{
    rec_ctx *c = p;
    size_t n, m;
    upsp_hdr h;
    c->failed |= upsp_record_seal(&c->k, c->rec, sizeof c->rec, &n, &c->h, c->pt, c->len) != 0;
    c->failed |= upsp_record_parse(&h, c->rec, n) != 0;
    c->failed |= upsp_record_open(&c->k, c->back, sizeof c->back, &m, &h, c->rec, n) != 0;
}

static void aead_roundtrip(void *p)
{
    rec_ctx *c = p;
    c->failed |= baseline_aead_roundtrip(c->suite, c->pt, c->rec, c->back, c->len) != 0;
}

static void bench_records(void)
{
    static const size_t sizes[] = {64, 256, UPSP_MAX_PAYLOAD};
    static const uint16_t suites[] = {UPSP_SUITE_AES_128_GCM_SHA256,
                                      UPSP_SUITE_CHACHA20_POLY1305_SHA256};
    static rec_ctx c;
    uint8_t key[32] = {1, 2, 3}, iv[12] = {4, 5, 6};
    for (size_t s = 0; s < 2; s++) {
        memset(&c, 0, sizeof c);
        c.suite = suites[s];
        upsp_record_keys_init(&c.k, c.suite, key, upsp_suite_key_len(c.suite), iv);
        baseline_aead_init(c.suite);
        c.h = (upsp_hdr){UPSP_VERSION, UPSP_T_HEARTBEAT, 0, {1}, 7};
        for (size_t i = 0; i < 3; i++) {
            char name[80];
            unsigned iters = quick ? 2000 : 20000;
            c.len = sizes[i];
            double base = per_call_ns(aead_roundtrip, &c, iters);
            double ours = per_call_ns(record_roundtrip, &c, iters);
            snprintf(name, sizeof name, "record protect+unprotect %s %zu B",
                     s ? "ChaCha20-Poly1305" : "AES-128-GCM", c.len);
            add_ratio(name, ours, base, 1.25);
        }
        upsp_record_keys_cleanup(&c.k);
        if (c.failed)
            add("record benchmark FAILED (an operation returned an error)", "", 0);
    }
}

/* --- the handshake ------------------------------------------------------------ */

typedef struct {
    upsp_session ue0, ps0, ue, ps;
    upsp_drbg r_ue0, r_ps0, r_ue, r_ps;
    upsp_fixture fx;
    uint8_t priv[4][32], pub[4][32];
    int failed;
} hs_ctx;

static void handshake(void *p)
{
    hs_ctx *c = p;
    uint8_t a[UPSP_MAX_MSG], b[UPSP_MAX_MSG];
    size_t na, nb;
    upsp_event ev;
    c->ue = c->ue0;
    c->ps = c->ps0;
    c->r_ue = c->r_ue0;
    c->r_ps = c->r_ps0;
    c->ue.rng_ctx = &c->r_ue;
    c->ps.rng_ctx = &c->r_ps;
    c->failed |= upsp_session_start(&c->ue, a, sizeof a, &na) != 0;
    c->failed |= upsp_session_recv(&c->ps, &ev, b, sizeof b, &nb, a, na) != 0;
    c->failed |= upsp_session_recv(&c->ue, &ev, a, sizeof a, &na, b, nb) != 0;
    c->failed |= upsp_session_recv(&c->ps, &ev, b, sizeof b, &nb, a, na) != 0;
    c->failed |= ev.kind != UPSP_EV_ESTABLISHED;
}

/* The X25519 work a handshake cannot avoid: each side makes its ephemeral
 * public key and two shared secrets (UPSP-KEY-4). */
static void six_x25519(void *p)
{
    hs_ctx *c = p;
    uint8_t out[32];
    c->failed |= baseline_x25519_pub(out, c->priv[0]) | baseline_x25519_pub(out, c->priv[1]);
    c->failed |= baseline_x25519(out, c->priv[0], c->pub[2]) | baseline_x25519(out, c->priv[0], c->pub[1]);
    c->failed |= baseline_x25519(out, c->priv[1], c->pub[0]) | baseline_x25519(out, c->priv[2], c->pub[0]);
}

static void bench_handshake(void)
{
    static hs_ctx c;
    upsp_config uc, pc;
    upsp_fixture_init(&c.fx);
    upsp_drbg_init_u64(&c.r_ue0, 1);
    upsp_drbg_init_u64(&c.r_ps0, 2);
    upsp_fixture_ue_config(&c.fx, &uc, &c.r_ue0);
    upsp_fixture_server_config(&c.fx, &pc, &c.r_ps0);
    c.failed |= upsp_session_init(&c.ue0, &uc) | upsp_session_init(&c.ps0, &pc);
    for (int i = 0; i < 4; i++) {
        memset(c.priv[i], 0x11 * (i + 1), 32);
        baseline_x25519_pub(c.pub[i], c.priv[i]);
    }
    unsigned iters = quick ? 100 : 1000;
    double base = per_call_ns(six_x25519, &c, iters);
    double ours = per_call_ns(handshake, &c, iters);
    add_ratio("full handshake, both roles", ours, base, 1.3);
    if (c.failed)
        add("handshake benchmark FAILED", "", 0);
    upsp_session_cleanup(&c.ue0);
    upsp_session_cleanup(&c.ps0);
}

/* --- codec and window ----------------------------------------------------- */

typedef struct {
    upsp_msg m;
    uint8_t buf[UPSP_MAX_PAYLOAD];
    size_t len;
    upsp_window w;
    uint64_t seq;
    int failed;
} codec_ctx;

static void encode_one(void *p)
{
    codec_ctx *c = p;
    upsp_wr w;
    upsp_wr_init(&w, c->buf, sizeof c->buf);
    c->failed |= upsp_msg_encode(&w, &c->m) != 0;
    c->len = w.len;
}

static void decode_one(void *p)
{
    codec_ctx *c = p;
    upsp_msg out;
    c->failed |= upsp_msg_decode(&out, c->m.type, c->buf, c->len) != 0;
}

static void window_one(void *p)
{
    codec_ctx *c = p;
    uint64_t s = c->seq++;
    if (upsp_window_check(&c->w, s) == UPSP_OK)
        upsp_window_mark(&c->w, s);
}

static void bench_codec(void)
{
    static codec_ctx c;
    unsigned iters = quick ? 20000 : 200000;
    for (uint8_t t = UPSP_T_REGISTER; t <= UPSP_T_ALERT; t++) {
        char name[80];
        memset(&c, 0, sizeof c);
        upsp_fixture_sample(&c.m, t);
        snprintf(name, sizeof name, "encode %s", upsp_type_name(t));
        add(name, "ns", per_call_ns(encode_one, &c, iters));
        snprintf(name, sizeof name, "decode %s", upsp_type_name(t));
        add(name, "ns", per_call_ns(decode_one, &c, iters));
        if (c.failed)
            add("codec benchmark FAILED", "", 0);
    }
    upsp_window_init(&c.w, 64);
    add("replay window check + update", "ns", per_call_ns(window_one, &c, iters));
}

/* --- the tools, as processes ----------------------------------------------- */

/* Runs argv; wall time in seconds and the peak resident memory (MiB) of the
 * process and everything it waited for. -1 on failure. */
static double run_timed(char *const argv[], double *peak_mib, const char *log)
{
    double t0 = now_ns();
    pid_t pid = fork();
    int st;
    struct rusage ru;
    if (pid == 0) {
        FILE *f = freopen(log, "w", stdout);
        (void)f;
        if (!freopen(log, "a", stderr))
            _exit(127);
        execv(argv[0], argv);
        _exit(127);
    }
    if (pid < 0 || wait4(pid, &st, 0, &ru) < 0)
        return -1;
    if (peak_mib)
        *peak_mib = (double)ru.ru_maxrss / 1024.0;
    if (!WIFEXITED(st) || (WEXITSTATUS(st) != 0 && WEXITSTATUS(st) != 1))
        return -1;
    return (now_ns() - t0) / 1e9;
}

static double median_of(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    return v[n / 2];
}

static void bench_certify(const char *self, const char *tmp)
{
    char shim[PATH_MAX + 16], out[PATH_MAX], iut[PATH_MAX + 32], log[PATH_MAX];
    const char *dir_end = strrchr(self, '/');
    double t[RUNS], peak = 0, p;
    int n_tests = 159;
    snprintf(shim, sizeof shim, "%.*s/upsp-shim", (int)(dir_end ? dir_end - self : 1),
             dir_end ? self : ".");
    snprintf(iut, sizeof iut, "exec:%s", shim);
    snprintf(out, sizeof out, "%s/certify", tmp);
    snprintf(log, sizeof log, "%s/certify.log", tmp);
    {
        /* the number of tests, from the catalogue itself */
        char cmd[PATH_MAX + 32], line[512];
        snprintf(cmd, sizeof cmd, "'%s' certify --list", self);
        FILE *f = popen(cmd, "r");
        n_tests = 0;
        while (f && fgets(line, sizeof line, f))
            n_tests++;
        if (f)
            pclose(f);
    }
    const struct {
        const char *label;
        const char *iut;
        const char *jobs;
    } modes[] = {{"certify tests/s, C interface (1 job)", "reference", "1"},
                 {"certify tests/s, process shim (1 job)", iut, "1"}};
    for (size_t m = 0; m < 2; m++) {
        char *argv[] = {(char *)self, "certify", "--iut", (char *)modes[m].iut, "--jobs",
                        (char *)modes[m].jobs, "--out", out, NULL};
        run_timed(argv, NULL, log); /* warm-up */
        for (int r = 0; r < RUNS; r++)
            t[r] = run_timed(argv, &p, log);
        double med = median_of(t, RUNS);
        add(modes[m].label, "tests/s", med > 0 ? n_tests / med : 0);
    }
    char *argv[] = {(char *)self, "certify", "--iut", "reference", "--out", out, NULL};
    for (int r = 0; r < RUNS; r++) {
        t[r] = run_timed(argv, &p, log);
        if (p > peak)
            peak = p;
    }
    add("certify --iut reference, wall time (all cores)", "s", median_of(t, RUNS));
    add("certify --iut reference, peak memory", "MiB", peak);
}

/* One libFuzzer run of prog with -runs=runs on a fresh copy-free corpus
 * folder; wall time in seconds (-1 on failure) and peak memory. */
static double fuzz_run(const char *prog, const char *seeds, const char *work, unsigned long runs,
                       double *peak)
{
    char rm[2 * PATH_MAX + 32], nruns[32], log[PATH_MAX + 8];
    snprintf(rm, sizeof rm, "rm -rf '%s' && mkdir -p '%s'", work, work);
    if (system(rm) != 0)
        return -1;
    snprintf(nruns, sizeof nruns, "-runs=%lu", runs);
    snprintf(log, sizeof log, "%s.log", work);
    char *argv[] = {(char *)prog, nruns, (char *)work, (char *)seeds, NULL};
    return run_timed(argv, peak, log);
}

/* Executions per second of each target, from -runs=N wall times minus the
 * cost of starting (a -runs=0 run: load and execute the seeds, then stop). */
static void bench_fuzz(const char *src, const char *tmp)
{
    static const char *const targets[] = {"empty",        "decode_hs",    "decode_wire",
                                          "decode_msg",   "handshake_ue", "handshake_ps",
                                          "record",       "session",      "diff"};
    char prog[PATH_MAX], seeds[PATH_MAX], work[PATH_MAX];
    double empty_rate = 0, seconds = quick ? 0.15 : 1.0;
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        double rates[RUNS], start[3], peak = 0, p = 0;
        snprintf(prog, sizeof prog, "%s/build/fuzz/bin/fuzz_%s", src, targets[i]);
        snprintf(seeds, sizeof seeds, "%s/corpus/%s", src, i ? targets[i] : "decode_hs");
        snprintf(work, sizeof work, "%s/fz-%s", tmp, targets[i]);
        if (access(prog, X_OK) != 0) {
            figure *f = add("fuzz speed", "", 0);
            snprintf(f->note, sizeof f->note,
                     "not measured: build the fuzz preset first (cmake --workflow --preset fuzz)");
            return;
        }
        for (int k = 0; k < 3; k++)
            start[k] = fuzz_run(prog, seeds, work, 0, &p);
        double t_start = median_of(start, 3);
        double t_warm = fuzz_run(prog, seeds, work, 20000, &p) - t_start; /* warm-up, estimate */
        unsigned long n = t_warm > 0 ? (unsigned long)(20000 / t_warm * seconds) : 20000;
        if (n < 2000)
            n = 2000;
        for (int r = 0; r < RUNS; r++) {
            double t = fuzz_run(prog, seeds, work, n, &p) - t_start;
            rates[r] = t > 0 ? (double)n / t : 0;
            if (p > peak)
                peak = p;
        }
        char name[80];
        double rate = median_of(rates, RUNS);
        if (i == 0) {
            empty_rate = rate;
            add("fuzz speed, empty target (baseline)", "exec/s", rate);
        } else {
            snprintf(name, sizeof name, "fuzz speed, %s", targets[i]);
            figure *f = add(name, "exec/s", rate);
            f->baseline = empty_rate;
            f->ratio = empty_rate > 0 ? rate / empty_rate : 0;
        }
        snprintf(name, sizeof name, "fuzz peak memory, %s", targets[i]);
        add(name, "MiB", peak);
    }
}

/* --- output ------------------------------------------------------------------ */

static void print_table(void)
{
    printf("%-52s %14s %-8s %14s %8s  %s\n", "figure", "value", "unit", "baseline", "ratio",
           "goal");
    for (size_t i = 0; i < n_figs; i++) {
        const figure *f = &figs[i];
        char ratio[16] = "", base[24] = "", goal[48] = "";
        if (f->baseline > 0) {
            snprintf(base, sizeof base, "%.1f", f->baseline);
            snprintf(ratio, sizeof ratio, "%.3f", f->ratio);
        }
        if (f->goal > 0)
            snprintf(goal, sizeof goal, "<= %.2f %s", f->goal,
                     f->ratio <= f->goal ? "met" : "MISSED");
        printf("%-52s %14.1f %-8s %14s %8s  %s%s\n", f->name, f->value, f->unit, base, ratio, goal,
               f->note);
    }
}

static int write_json(const char *path)
{
    cJSON *root = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(root, "figures");
    cJSON_AddStringToObject(root, "mode", quick ? "quick" : "full");
    cJSON_AddNumberToObject(root, "runs_per_figure", RUNS);
    for (size_t i = 0; i < n_figs; i++) {
        const figure *f = &figs[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", f->name);
        cJSON_AddStringToObject(o, "unit", f->unit);
        cJSON_AddNumberToObject(o, "value", f->value);
        if (f->baseline > 0) {
            cJSON_AddNumberToObject(o, "baseline", f->baseline);
            cJSON_AddNumberToObject(o, "ratio", f->ratio);
        }
        if (f->goal > 0) {
            cJSON_AddNumberToObject(o, "goal", f->goal);
            cJSON_AddBoolToObject(o, "goal_met", f->ratio <= f->goal);
        }
        if (f->note[0])
            cJSON_AddStringToObject(o, "note", f->note);
        cJSON_AddItemToArray(arr, o);
    }
    char *text = cJSON_Print(root);
    FILE *out = fopen(path, "w");
    int ok = out && text && fprintf(out, "%s\n", text) > 0;
    if (out)
        ok &= fclose(out) == 0;
    free(text);
    cJSON_Delete(root);
    return ok ? 0 : -1;
}

int upsp_bench_main(int argc, char **argv, const char *self, const char *src)
{
    const char *json = NULL;
    char tmp[] = "/tmp/upsp-bench-XXXXXX";
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--quick"))
            quick = 1;
        else if (!strcmp(argv[i], "--json") && i + 1 < argc)
            json = argv[++i];
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: upsp bench [--quick] [--json FILE]\n"
                   "  Record protection and the handshake against wolfCrypt's own AEAD and\n"
                   "  X25519, codec and window costs, certification speed, fuzz speed against an\n"
                   "  empty target, peak memory. Each figure: the median of 5 runs after a\n"
                   "  warm-up. --quick: fewer iterations (under a minute).\n");
            return 0;
        } else {
            fprintf(stderr, "upsp bench: bad argument '%s' (see 'upsp bench --help')\n", argv[i]);
            return 2;
        }
    }
    if (!mkdtemp(tmp)) {
        fprintf(stderr, "upsp bench: cannot create a temporary folder: %s\n", strerror(errno));
        return 2;
    }
    bench_records();
    bench_handshake();
    bench_codec();
    bench_certify(self, tmp);
    bench_fuzz(src, tmp);
    print_table();
    char rm[64];
    snprintf(rm, sizeof rm, "rm -rf '%s'", tmp);
    if (system(rm) != 0)
        fprintf(stderr, "upsp bench: could not remove %s\n", tmp);
    if (json && write_json(json) != 0) {
        fprintf(stderr, "upsp bench: cannot write %s\n", json);
        return 2;
    }
    for (size_t i = 0; i < n_figs; i++)
        if (strstr(figs[i].name, "FAILED"))
            return 1;
    return 0;
}
