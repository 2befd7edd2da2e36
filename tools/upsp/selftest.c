/*
 * selftest.c - `upsp selftest` and `upsp mutants`: the suite proves its own
 * power by certifying every deliberately broken implementation; each must
 * fail, and the requirements that caught it are reported.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cert.h"
#include "cli.h"
#include "mutants_table.h"

typedef struct {
    const char *name, *family, *description;
} mutant_row;

static const mutant_row mutants[] = {UPSP_MUTANTS_TABLE};
#define N_MUTANTS (sizeof mutants / sizeof mutants[0])

int upsp_cmd_mutants(int argc, char **argv, const char *self)
{
    (void)self;
    if (argc > 0 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
        printf("usage: upsp mutants\n  Lists the deliberately broken implementations, one a line;\n"
               "  certify one with 'upsp certify --iut mutant:NAME'.\n");
        return 0;
    }
    if (argc > 0) {
        fprintf(stderr, "upsp mutants: takes no arguments\n");
        return 2;
    }
    for (size_t i = 0; i < N_MUTANTS; i++)
        printf("%s\n", mutants[i].name);
    return 0;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The requirements a run failed, space-separated. */
static void caught_by(const cert_run *run, char *out, size_t n)
{
    out[0] = 0;
    for (size_t i = 0; i < run->n_reqs; i++)
        if (run->reqs[i].verdict == V_FAIL || run->reqs[i].verdict == V_ERROR)
            snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? " " : "",
                     run->reqs[i].id);
}

/* The first few requirement IDs, for a table that stays one line a mutant;
 * selftest.json keeps them all. */
static const char *shorten(const char *ids)
{
    static char out[160];
    int n = 0;
    const char *p = ids;
    while (*p && n < 5) {
        p += strcspn(p, " ");
        p += *p == ' ';
        n++;
    }
    if (!*p)
        return ids;
    size_t words = 0;
    for (const char *q = p; *q; q++)
        words += *q == ' ';
    snprintf(out, sizeof out, "%.*s (+%zu more)", (int)(p - ids - 1), ids, words + 1);
    return out;
}

static int usage(void)
{
    fprintf(stdout, "usage: upsp selftest [--jobs N] [--out DIR]\n"
               "  Certifies the reference (it must pass) and every mutant (each must fail),\n"
               "  prints which requirements caught each mutant and the mutation score, and\n"
               "  writes DIR/selftest.json and each mutant's reports under DIR/mutants/\n"
               "  (default DIR: reports/selftest). exit 0 only for a 100%% score.\n");
    return 0;
}

int upsp_cmd_selftest(int argc, char **argv, const char *self)
{
    static cert_run run;
    char out[1024] = "reports/selftest", dir[1200], err[1024], caught[2048], spec[128];
    unsigned jobs = (unsigned)upsp_cli_jobs(), killed = 0;
    uint64_t v;
    cJSON *root = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(root, "mutants");
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return usage();
        if (!strcmp(argv[i], "--jobs") && i + 1 < argc && upsp_cli_u64(argv[i + 1], &v) == 0 &&
            v >= 1 && v <= 64) {
            jobs = (unsigned)v;
            i++;
        } else if (!strcmp(argv[i], "--out") && i + 1 < argc) {
            snprintf(out, sizeof out, "%s", argv[++i]);
        } else {
            fprintf(stderr, "upsp selftest: bad argument '%s' (see 'upsp selftest --help')\n",
                    argv[i]);
            return 2;
        }
    }
    upsp_certify_opts o = {.roles = 3, .jobs = jobs, .quiet = 1, .self = self};
    snprintf(dir, sizeof dir, "%s/reference", out);
    o.iut = "reference";
    o.out = dir;
    int rc = upsp_certify(&o, &run, err, sizeof err);
    unsigned ref_passed = run.counts[V_PASS];
    cert_run_free(&run);
    if (rc != 0) {
        fprintf(stderr, "upsp selftest: %s\n", rc == 2 ? err : "the reference itself fails "
                "certification; a mutation score would mean nothing (see its reports)");
        cJSON_Delete(root);
        return 2;
    }
    printf("reference passes: %u tests\n\n%-26s %-6s %-7s %6s  %s\n", ref_passed,
           "mutant", "family", "result", "time", "caught by");
    for (size_t i = 0; i < N_MUTANTS; i++) {
        struct timespec t0;
        cJSON *m = cJSON_CreateObject();
        clock_gettime(CLOCK_MONOTONIC, &t0);
        snprintf(spec, sizeof spec, "mutant:%s", mutants[i].name);
        snprintf(dir, sizeof dir, "%s/mutants/%s", out, mutants[i].name);
        o.iut = spec;
        o.out = dir;
        rc = upsp_certify(&o, &run, err, sizeof err);
        if (rc == 2) {
            fprintf(stderr, "upsp selftest: %s: %s\n", mutants[i].name, err);
            cert_run_free(&run);
            cJSON_Delete(root);
            return 2;
        }
        caught_by(&run, caught, sizeof caught);
        killed += rc == 1;
        printf("%-26s %-6s %-7s %5.1fs  %s\n", mutants[i].name, mutants[i].family,
               rc == 1 ? "killed" : "SURVIVED", seconds_since(&t0),
               rc == 1 ? shorten(caught) : "-");
        fflush(stdout);
        cJSON_AddStringToObject(m, "name", mutants[i].name);
        cJSON_AddStringToObject(m, "family", mutants[i].family);
        cJSON_AddStringToObject(m, "description", mutants[i].description);
        cJSON_AddBoolToObject(m, "killed", rc == 1);
        cJSON_AddStringToObject(m, "caught_by", caught);
        cJSON_AddNumberToObject(m, "failed_tests", run.counts[V_FAIL] + run.counts[V_ERROR]);
        cJSON_AddItemToArray(arr, m);
        cert_run_free(&run);
    }
    printf("\nmutation score: %u/%zu (%.0f%%)\n", killed, N_MUTANTS,
           100.0 * killed / (double)N_MUTANTS);
    cJSON_AddNumberToObject(root, "killed", killed);
    cJSON_AddNumberToObject(root, "total", (double)N_MUTANTS);
    char *text = cJSON_Print(root);
    snprintf(dir, sizeof dir, "%s/selftest.json", out);
    FILE *f = fopen(dir, "w");
    if (!f || !text || fputs(text, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "upsp selftest: cannot write %s\n", dir);
        free(text);
        cJSON_Delete(root);
        return 2;
    }
    free(text);
    cJSON_Delete(root);
    return killed == N_MUTANTS ? 0 : 1;
}
