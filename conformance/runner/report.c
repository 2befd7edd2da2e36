/*
 * report.c - the certification reports: junit.xml, report.json, report.html
 * and a repro folder for every failed test. Everything but the generation
 * timestamp is a function of the inputs, so two runs with one seed give the
 * same files.
 */
#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cert.h"

static int mkdirs(const char *path)
{
    char tmp[2048];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(tmp, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

/* Writes to path.tmp and renames, so no reader ever sees half a report. */
typedef struct {
    FILE *f;
    char path[4096], tmp[4200];
} out_file;

static int out_open(out_file *o, const char *dir, const char *name)
{
    snprintf(o->path, sizeof o->path, "%s/%s", dir, name);
    snprintf(o->tmp, sizeof o->tmp, "%s.tmp", o->path);
    o->f = fopen(o->tmp, "w");
    return o->f ? 0 : -1;
}

static int out_close(out_file *o)
{
    int bad = ferror(o->f);
    bad |= fclose(o->f) != 0;
    if (bad) {
        remove(o->tmp);
        return -1;
    }
    return rename(o->tmp, o->path);
}

static void xml(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '&':
            fputs("&amp;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
                fputc(*s, f);
        }
    }
}

static void timestamp(char *out, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int write_junit(const cert_run *run, const char *ts)
{
    out_file o;
    if (out_open(&o, run->out_dir, "junit.xml") != 0)
        return -1;
    FILE *f = o.f;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fprintf(f, "<testsuites name=\"upsp-certify\" tests=\"%zu\" failures=\"%u\" errors=\"%u\" "
               "skipped=\"%u\" timestamp=\"%s\">\n",
            run->tests.n, run->counts[V_FAIL], run->counts[V_ERROR],
            run->counts[V_NA] + run->counts[V_INCONCLUSIVE], ts);
    for (int role = UPSP_IUT_ROLE_UE; role <= UPSP_IUT_ROLE_SERVER; role++) {
        unsigned t = 0, fl = 0, er = 0, sk = 0;
        for (size_t i = 0; i < run->tests.n; i++) {
            const cert_result *r = &run->results[i];
            if (r->test->role != role)
                continue;
            t++;
            fl += r->verdict == V_FAIL;
            er += r->verdict == V_ERROR;
            sk += r->verdict == V_NA || r->verdict == V_INCONCLUSIVE;
        }
        fprintf(f, "  <testsuite name=\"%s\" tests=\"%u\" failures=\"%u\" errors=\"%u\" "
                   "skipped=\"%u\">\n",
                role == UPSP_IUT_ROLE_UE ? "iut-as-ue" : "iut-as-paging-server", t, fl, er, sk);
        for (size_t i = 0; i < run->tests.n; i++) {
            const cert_result *r = &run->results[i];
            const char *dot = strrchr(r->test->id, '.');
            if (r->test->role != role)
                continue;
            fprintf(f, "    <testcase classname=\"");
            fprintf(f, "%.*s", (int)(dot - r->test->id), r->test->id);
            fprintf(f, "\" name=\"%s\">\n", dot + 1);
            fprintf(f, "      <properties><property name=\"requirements\" value=\"%s\"/>"
                       "</properties>\n",
                    r->test->reqs);
            if (r->verdict == V_FAIL || r->verdict == V_ERROR) {
                fprintf(f, "      <%s message=\"", r->verdict == V_FAIL ? "failure" : "error");
                xml(f, r->why);
                fprintf(f, "\">expected: ");
                xml(f, r->expected[0] ? r->expected : r->test->expect);
                fprintf(f, "\nactual: ");
                xml(f, r->actual[0] ? r->actual : r->why);
                fprintf(f, "\n</%s>\n", r->verdict == V_FAIL ? "failure" : "error");
            } else if (r->verdict == V_NA) {
                fprintf(f, "      <skipped message=\"");
                xml(f, r->why);
                fprintf(f, "\"/>\n");
            }
            fprintf(f, "    </testcase>\n");
        }
        fprintf(f, "  </testsuite>\n");
    }
    fprintf(f, "</testsuites>\n");
    return out_close(&o);
}

static int write_json(const cert_run *run, const char *ts, int exit_code)
{
    cJSON *root = cJSON_CreateObject(), *iut, *tests, *reqs, *sum;
    char *text;
    out_file o;
    int rc;
    cJSON_AddStringToObject(root, "suite", "upsp-certify");
    cJSON_AddStringToObject(root, "suite_version", CERT_SUITE_VERSION);
    cJSON_AddStringToObject(root, "protocol_version", "UPSP v1");
    cJSON_AddStringToObject(root, "vectors_sha256", run->vectors_sha256);
    cJSON_AddStringToObject(root, "generated_at", ts);
    cJSON_AddNumberToObject(root, "seed", (double)run->seed);
    iut = cJSON_AddObjectToObject(root, "implementation");
    cJSON_AddStringToObject(iut, "iut", run->iut.spec);
    cJSON_AddStringToObject(iut, "name", run->iut.name);
    cJSON_AddStringToObject(iut, "version", run->iut.version);
    cJSON_AddStringToObject(iut, "roles", run->roles == 3 ? "both" : run->roles == 1 ? "ue" : "server");
    tests = cJSON_AddArrayToObject(root, "tests");
    for (size_t i = 0; i < run->tests.n; i++) {
        const cert_result *r = &run->results[i];
        cJSON *t = cJSON_CreateObject();
        cJSON_AddStringToObject(t, "id", r->test->id);
        cJSON_AddStringToObject(t, "role", r->test->role == UPSP_IUT_ROLE_UE ? "ue" : "server");
        cJSON_AddStringToObject(t, "requirements", r->test->reqs);
        cJSON_AddStringToObject(t, "summary", r->test->summary);
        cJSON_AddStringToObject(t, "expected_outcome", r->test->expect);
        cJSON_AddStringToObject(t, "verdict", cert_verdict_name(r->verdict));
        if (r->why[0])
            cJSON_AddStringToObject(t, "reason", r->why);
        if (r->expected[0] || r->actual[0]) {
            cJSON_AddStringToObject(t, "expected", r->expected);
            cJSON_AddStringToObject(t, "actual", r->actual);
        }
        cJSON_AddItemToArray(tests, t);
    }
    reqs = cJSON_AddArrayToObject(root, "requirements");
    for (size_t i = 0; i < run->n_reqs; i++) {
        const cert_req *q = &run->reqs[i];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "id", q->id);
        cJSON_AddStringToObject(j, "section", q->section);
        cJSON_AddBoolToObject(j, "mandatory", q->mandatory);
        cJSON_AddStringToObject(j, "verdict", cert_verdict_name(q->verdict));
        cJSON_AddStringToObject(j, "checked_from_outside", q->outside);
        cJSON_AddStringToObject(j, "tests", q->tests);
        cJSON_AddItemToArray(reqs, j);
    }
    sum = cJSON_AddObjectToObject(root, "summary");
    for (int v = 0; v < V_COUNT; v++)
        cJSON_AddNumberToObject(sum, cert_verdict_name((cert_verdict)v), run->counts[v]);
    cJSON_AddNumberToObject(sum, "exit_code", exit_code);
    text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text || out_open(&o, run->out_dir, "report.json") != 0) {
        free(text);
        return -1;
    }
    fputs(text, o.f);
    fputc('\n', o.f);
    free(text);
    rc = out_close(&o);
    return rc;
}

static const char *css =
    "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
    "text-align:left;vertical-align:top}th{background:#f3f3f3}"
    ".pass{background:#d8f5d8}.fail{background:#f8d0d0}.error{background:#f8e3b8}"
    ".na,.inconclusive{background:#eee;color:#666}code,pre{font:12px monospace}"
    "pre{background:#f7f7f7;padding:6px;overflow-x:auto;white-space:pre-wrap;word-break:break-all}";

static const char *cls_of(cert_verdict v)
{
    return v == V_NA ? "na" : cert_verdict_name(v);
}

static void html(FILE *f, const char *s)
{
    xml(f, s);
}

static int write_html(const cert_run *run, const char *ts)
{
    out_file o;
    if (out_open(&o, run->out_dir, "report.html") != 0)
        return -1;
    FILE *f = o.f;
    fprintf(f, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>UPSP certification"
               "</title><style>%s</style></head><body>\n",
            css);
    fprintf(f, "<h1>UPSP certification report</h1>\n<p>Implementation: <code>");
    html(f, run->iut.spec);
    fprintf(f, "</code>");
    fprintf(f, " (");
    html(f, run->iut.name);
    fprintf(f, " ");
    html(f, run->iut.version);
    fprintf(f, ")");
    fprintf(f, "<br>Suite %s, vectors SHA-256 <code>%s</code>, seed %llu, generated %s</p>\n",
            CERT_SUITE_VERSION, run->vectors_sha256, (unsigned long long)run->seed, ts);
    fprintf(f, "<p>Tests: %u pass, %u fail, %u error, %u n/a.</p>\n", run->counts[V_PASS],
            run->counts[V_FAIL], run->counts[V_ERROR], run->counts[V_NA]);
    fprintf(f, "<h2>Requirements</h2>\n<table><tr><th>requirement</th><th>section</th>"
               "<th>verdict</th><th>checked from outside</th><th>tests</th></tr>\n");
    for (size_t i = 0; i < run->n_reqs; i++) {
        const cert_req *q = &run->reqs[i];
        fprintf(f, "<tr><td>%s</td><td>%s</td><td class=\"%s\">%s</td><td>", q->id, q->section,
                cls_of(q->verdict), cert_verdict_name(q->verdict));
        html(f, q->outside);
        fprintf(f, "</td><td><small>%s</small></td></tr>\n", q->tests);
    }
    fprintf(f, "</table>\n<h2>Failures and errors</h2>\n");
    int any = 0;
    for (size_t i = 0; i < run->tests.n; i++) {
        const cert_result *r = &run->results[i];
        if (r->verdict != V_FAIL && r->verdict != V_ERROR)
            continue;
        any = 1;
        fprintf(f, "<h3 class=\"%s\">%s: %s</h3>\n<p>", cls_of(r->verdict), r->test->id,
                cert_verdict_name(r->verdict));
        html(f, r->test->summary);
        fprintf(f, "<br>requirements: %s<br>reason: ", r->test->reqs);
        html(f, r->why);
        fprintf(f, "</p>\n<table><tr><th>expected</th><td><pre>");
        html(f, r->expected[0] ? r->expected : r->test->expect);
        fprintf(f, "</pre></td></tr><tr><th>actual</th><td><pre>");
        html(f, r->actual[0] ? r->actual : r->why);
        fprintf(f, "</pre></td></tr></table>\n<details><summary>transcript</summary><pre>");
        html(f, r->transcript ? r->transcript : "");
        fprintf(f, "</pre></details>\n");
    }
    if (!any)
        fprintf(f, "<p>None.</p>\n");
    fprintf(f, "<h2>All tests</h2>\n<table><tr><th>test</th><th>verdict</th><th>requirements"
               "</th><th>what</th></tr>\n");
    for (size_t i = 0; i < run->tests.n; i++) {
        const cert_result *r = &run->results[i];
        fprintf(f, "<tr><td>%s</td><td class=\"%s\">%s</td><td><small>%s</small></td><td>",
                r->test->id, cls_of(r->verdict), cert_verdict_name(r->verdict), r->test->reqs);
        html(f, r->test->summary);
        fprintf(f, "</td></tr>\n");
    }
    fprintf(f, "</table>\n</body></html>\n");
    return out_close(&o);
}

/* Single-quotes s for a POSIX shell. */
static void shell_quote(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", f);
        else
            fputc(*s, f);
    }
    fputc('\'', f);
}

static int write_repro(const cert_run *run, const cert_result *r)
{
    char dir[2048];
    out_file o;
    snprintf(dir, sizeof dir, "%s/repro/%s", run->out_dir, r->test->id);
    if (mkdirs(dir) != 0 || out_open(&o, dir, "transcript.txt") != 0)
        return -1;
    fprintf(o.f, "# %s: %s\n# requirements: %s\n# reason: %s\n# expected: %s\n# actual: %s\n"
                 "# direction    message            octets (hex)\n%s",
            r->test->id, cert_verdict_name(r->verdict), r->test->reqs, r->why,
            r->expected[0] ? r->expected : r->test->expect, r->actual, r->transcript ? r->transcript : "");
    if (out_close(&o) != 0 || out_open(&o, dir, "command") != 0)
        return -1;
    fprintf(o.f, "%s certify --iut ", run->self);
    shell_quote(o.f, run->iut.spec);
    fprintf(o.f, " --role %s --filter ", r->test->role == UPSP_IUT_ROLE_UE ? "ue" : "server");
    shell_quote(o.f, r->test->id);
    fprintf(o.f, " --seed %llu --out ", (unsigned long long)run->seed);
    shell_quote(o.f, dir);
    fprintf(o.f, "/rerun\n");
    return out_close(&o);
}

int cert_write_reports(const cert_run *run, char *err, size_t n)
{
    char ts[32];
    int exit_code = run->counts[V_FAIL] || run->counts[V_ERROR] ? 1 : 0;
    timestamp(ts, sizeof ts);
    for (size_t i = 0; i < run->n_reqs; i++)
        if (run->reqs[i].mandatory &&
            (run->reqs[i].verdict == V_FAIL || run->reqs[i].verdict == V_ERROR))
            exit_code = 1;
    if (mkdirs(run->out_dir) != 0) {
        snprintf(err, n, "cannot create %s: %s", run->out_dir, strerror(errno));
        return -1;
    }
    if (write_junit(run, ts) != 0 || write_json(run, ts, exit_code) != 0 ||
        write_html(run, ts) != 0) {
        snprintf(err, n, "cannot write the reports in %s", run->out_dir);
        return -1;
    }
    for (size_t i = 0; i < run->tests.n; i++) {
        const cert_result *r = &run->results[i];
        if ((r->verdict == V_FAIL || r->verdict == V_ERROR) && write_repro(run, r) != 0) {
            snprintf(err, n, "cannot write the repro folder of %s", r->test->id);
            return -1;
        }
    }
    return 0;
}
