/*
 * certify.c - `upsp certify`: certify an implementation against every
 * requirement of SPEC.md and write the reports; and the pieces `upsp
 * selftest` shares with it.
 */
#include <cJSON.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cert.h"
#include "cli.h"

int cert_filter_match(const char *filter, const char *id);

static void default_path(char *out, size_t n, const char *env, const char *rel)
{
    const char *e = getenv(env);
    if (e && *e)
        snprintf(out, n, "%s", e);
    else
        snprintf(out, n, "%s/%s", UPSP_SOURCE_DIR, rel);
}

void upsp_cli_mutant_dir(char *out, size_t n)
{
    char exe[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k > 0) {
        exe[k] = 0;
        snprintf(out, n, "%s/../lib", dirname(exe));
    } else {
        snprintf(out, n, "%s/lib", UPSP_BUILD_DIR);
    }
}

static int read_ics(cert_ics *ics, const char *path, char *err, size_t n)
{
    FILE *f = fopen(path, "r");
    char buf[65536];
    size_t len;
    cJSON *doc, *item;
    if (!f) {
        snprintf(err, n, "cannot read the ICS file %s", path);
        return -1;
    }
    len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = 0;
    doc = cJSON_Parse(buf);
    if (!cJSON_IsObject(doc)) {
        snprintf(err, n, "%s: not a JSON object", path);
        cJSON_Delete(doc);
        return -1;
    }
    ics->roles = 0;
    ics->features = 0;
    cJSON_ArrayForEach(item, doc)
    {
        if (!strcmp(item->string, "name") && cJSON_IsString(item))
            continue;
        if (!strcmp(item->string, "roles") && cJSON_IsArray(item)) {
            const cJSON *r;
            cJSON_ArrayForEach(r, item)
            {
                if (cJSON_IsString(r) && !strcmp(r->valuestring, "ue"))
                    ics->roles |= UPSP_IUT_ROLE_UE;
                else if (cJSON_IsString(r) && !strcmp(r->valuestring, "server"))
                    ics->roles |= UPSP_IUT_ROLE_SERVER;
                else {
                    snprintf(err, n, "%s: roles are \"ue\" and \"server\"", path);
                    cJSON_Delete(doc);
                    return -1;
                }
            }
            continue;
        }
        if (!strcmp(item->string, "features") && cJSON_IsObject(item)) {
            const cJSON *ft;
            cJSON_ArrayForEach(ft, item)
            {
                if (!strcmp(ft->string, "deterministic_rng") && cJSON_IsBool(ft)) {
                    if (cJSON_IsTrue(ft))
                        ics->features |= CAP_DETERMINISTIC_RNG;
                    continue;
                }
                /* Only optional features can be declared; everything else in
                 * SPEC.md is mandatory and cannot be declared away. */
                snprintf(err, n, "%s: '%s' is not an optional feature (only deterministic_rng is)",
                         path, ft->string);
                cJSON_Delete(doc);
                return -1;
            }
            continue;
        }
        snprintf(err, n, "%s: unknown or malformed field '%s' (fields: name, roles, features)",
                 path, item->string);
        cJSON_Delete(doc);
        return -1;
    }
    cJSON_Delete(doc);
    if (!ics->roles) {
        snprintf(err, n, "%s: declares no role", path);
        return -1;
    }
    return 0;
}

static void keep_matching(cert_list *l, const char *filter)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++)
        if (cert_filter_match(filter, l->v[i].id))
            l->v[k++] = l->v[i];
    l->n = k;
}

int upsp_certify(const upsp_certify_opts *o, cert_run *run, char *err, size_t n)
{
    memset(run, 0, sizeof *run);
    run->roles = o->roles;
    run->seed = o->seed;
    run->jobs = o->jobs;
    run->quiet = o->quiet;
    snprintf(run->out_dir, sizeof run->out_dir, "%s", o->out);
    snprintf(run->filter, sizeof run->filter, "%s", o->filter ? o->filter : "");
    snprintf(run->self, sizeof run->self, "%s", o->self);
    if (o->vectors)
        snprintf(run->vectors_dir, sizeof run->vectors_dir, "%s", o->vectors);
    else
        default_path(run->vectors_dir, sizeof run->vectors_dir, "UPSP_VECTORS_DIR",
                     "conformance/vectors");
    default_path(run->spec_path, sizeof run->spec_path, "UPSP_SPEC", "docs/SPEC.md");
    upsp_cli_mutant_dir(run->mutant_dir, sizeof run->mutant_dir);
    if (cert_iut_open(&run->iut, o->iut, run->mutant_dir, err, n) != 0)
        return 2;
    run->ics.roles = UPSP_IUT_ROLE_UE | UPSP_IUT_ROLE_SERVER;
    run->ics.features = run->iut.caps & UPSP_IUT_CAP_DETERMINISTIC_RNG ? CAP_DETERMINISTIC_RNG : 0;
    if (o->ics && read_ics(&run->ics, o->ics, err, n) != 0)
        return 2;
    cert_add_scenarios(&run->tests);
    if (cert_add_vectors(&run->tests, run->vectors_dir, run->vectors_sha256, err, n) != 0)
        return 2;
    keep_matching(&run->tests, run->filter);
    if (run->tests.n == 0) {
        snprintf(err, n, "no test matches --filter '%s'", run->filter);
        return 2;
    }
    if (cert_run_all(run, err, n) != 0 || cert_requirements(run, err, n) != 0 ||
        cert_write_reports(run, err, n) != 0)
        return 2;
    return run->counts[V_FAIL] || run->counts[V_ERROR] ? 1 : 0;
}

static void summary(const cert_run *run, int rc)
{
    unsigned rq[V_COUNT] = {0};
    for (size_t i = 0; i < run->n_reqs; i++)
        rq[run->reqs[i].verdict]++;
    printf("upsp certify: %s (%s %s)\n", run->iut.spec, run->iut.name, run->iut.version);
    printf("tests:        %u pass, %u fail, %u error, %u n/a\n", run->counts[V_PASS],
           run->counts[V_FAIL], run->counts[V_ERROR], run->counts[V_NA]);
    printf("requirements: %u pass, %u fail, %u error, %u inconclusive, %u n/a\n", rq[V_PASS],
           rq[V_FAIL], rq[V_ERROR], rq[V_INCONCLUSIVE], rq[V_NA]);
    for (size_t i = 0; i < run->n_reqs; i++)
        if (run->reqs[i].verdict == V_FAIL || run->reqs[i].verdict == V_ERROR)
            printf("  %-14s %s\n", run->reqs[i].id, cert_verdict_name(run->reqs[i].verdict));
    for (size_t i = 0, shown = 0; i < run->tests.n && shown < 10; i++) {
        const cert_result *r = &run->results[i];
        if (r->verdict == V_FAIL || r->verdict == V_ERROR) {
            printf("  %s: %s: %s\n", cert_verdict_name(r->verdict), r->test->id, r->why);
            shown++;
        }
    }
    printf("reports:      %s/junit.xml %s/report.json %s/report.html\n", run->out_dir,
           run->out_dir, run->out_dir);
    printf("result:       %s\n", rc == 0 ? "PASS" : "FAIL");
}

static int usage(void)
{
    FILE *f = stdout;
    fprintf(f,
            "usage: upsp certify --iut reference|lib:PATH|exec:CMD|mutant:NAME [--role ue|server|both]\n"
            "                    [--ics FILE] [--filter GLOB] [--seed N] [--jobs N] [--out DIR]\n"
            "                    [--list]\n"
            "  Certifies an implementation against every requirement of docs/SPEC.md and writes\n"
            "  DIR/junit.xml, DIR/report.json, DIR/report.html and DIR/repro/ (default DIR: reports).\n"
            "  exit 0: every applicable mandatory requirement passes; 1: the implementation fails;\n"
            "  2: usage or harness error.\n");
    return 0;
}

int upsp_cli_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 && n < 64 ? (int)n : 1;
}

static int list_tests(void)
{
    cert_list l = {0};
    char dir[1024], sha[65], err[512];
    default_path(dir, sizeof dir, "UPSP_VECTORS_DIR", "conformance/vectors");
    cert_add_scenarios(&l);
    if (cert_add_vectors(&l, dir, sha, err, sizeof err) != 0) {
        fprintf(stderr, "upsp certify: %s\n", err);
        cert_list_free(&l);
        return 2;
    }
    for (size_t i = 0; i < l.n; i++)
        printf("%s\t%s\n", l.v[i].id, l.v[i].reqs);
    cert_list_free(&l);
    return 0;
}

int upsp_cmd_certify(int argc, char **argv, const char *self)
{
    static cert_run run;
    upsp_certify_opts o = {.roles = 3, .jobs = (unsigned)upsp_cli_jobs(), .out = "reports",
                           .self = self};
    char err[1024];
    uint64_t v;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            return usage();
        if (!strcmp(a, "--list"))
            return list_tests();
        if (!val) {
            fprintf(stderr, "upsp certify: %s needs a value (see 'upsp certify --help')\n", a);
            return 2;
        }
        i++;
        if (!strcmp(a, "--iut"))
            o.iut = val;
        else if (!strcmp(a, "--role") && !strcmp(val, "ue"))
            o.roles = UPSP_IUT_ROLE_UE;
        else if (!strcmp(a, "--role") && !strcmp(val, "server"))
            o.roles = UPSP_IUT_ROLE_SERVER;
        else if (!strcmp(a, "--role") && !strcmp(val, "both"))
            o.roles = 3;
        else if (!strcmp(a, "--ics"))
            o.ics = val;
        else if (!strcmp(a, "--filter"))
            o.filter = val;
        else if (!strcmp(a, "--seed") && upsp_cli_u64(val, &o.seed) == 0)
            ;
        else if (!strcmp(a, "--jobs") && upsp_cli_u64(val, &v) == 0 && v >= 1 && v <= 64)
            o.jobs = (unsigned)v;
        else if (!strcmp(a, "--out"))
            o.out = val;
        else if (!strcmp(a, "--vectors"))
            o.vectors = val;
        else {
            fprintf(stderr, "upsp certify: bad argument %s %s (see 'upsp certify --help')\n", a,
                    val);
            return 2;
        }
    }
    if (!o.iut) {
        fprintf(stderr, "upsp certify: --iut is required (see 'upsp certify --help')\n");
        return 2;
    }
    int rc = upsp_certify(&o, &run, err, sizeof err);
    if (rc == 2)
        fprintf(stderr, "upsp certify: %s\n", err);
    else
        summary(&run, rc);
    cert_run_free(&run);
    return rc;
}
