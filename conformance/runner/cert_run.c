/*
 * cert_run.c - running the tests, each in a forked child so that a crash, a
 * hang or a leak in the IUT costs one test an error verdict, never the run;
 * and turning test verdicts into requirement verdicts.
 */
#include <cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cert.h"

#define TEST_TIMEOUT_MS 60000

static uint64_t test_seed(uint64_t seed, const char *id)
{
    uint8_t s[8], d[32];
    upsp_iov v[2] = {{s, 8}, {(const uint8_t *)id, strlen(id)}};
    uint64_t out = 0;
    upsp_put_u64(s, seed);
    upsp_sha256(d, v, 2);
    for (int i = 0; i < 8; i++)
        out = (out << 8) | d[i];
    return out;
}

static void hex_line(char *out, size_t n, const uint8_t *p, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 3 < n; i++)
        o += (size_t)snprintf(out + o, n - o, "%02x", p[i]);
    out[o < n ? o : n - 1] = 0;
}

/* The child's whole report, as JSON on the pipe. */
static void child_report(int fd, const cert_cx *cx)
{
    cJSON *o = cJSON_CreateObject(), *tr = cJSON_AddArrayToObject(o, "transcript");
    static char hex[2 * (UPSP_MAX_MSG + 8) + 1];
    char *text;
    cJSON_AddNumberToObject(o, "verdict", cx->verdict);
    cJSON_AddStringToObject(o, "why", cx->why);
    cJSON_AddStringToObject(o, "expected", cx->expected);
    cJSON_AddStringToObject(o, "actual", cx->actual);
    for (size_t i = 0; i < cx->n_wire; i++) {
        cJSON *w = cJSON_CreateObject();
        hex_line(hex, sizeof hex, cx->wire[i].bytes, cx->wire[i].len);
        cJSON_AddStringToObject(w, "dir", cx->wire[i].dir);
        cJSON_AddStringToObject(w, "note", cx->wire[i].note);
        cJSON_AddStringToObject(w, "hex", hex);
        cJSON_AddItemToArray(tr, w);
    }
    text = cJSON_PrintUnformatted(o);
    if (text) {
        size_t len = strlen(text), off = 0;
        while (off < len) {
            ssize_t k = write(fd, text + off, len - off);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break;
            off += (size_t)k;
        }
        free(text);
    }
    cJSON_Delete(o);
}

static void child_run(const cert_run *run, cert_test *t, int fd)
{
    static cert_cx cx;
    memset(&cx, 0, sizeof cx);
    cx.t = t;
    cx.iut = &run->iut;
    cx.ics = &run->ics;
    cx.seed = test_seed(run->seed, t->id);
    cx.verdict = V_PASS;
    signal(SIGPIPE, SIG_IGN);
    if (upsp_fixture_init(&cx.fx) != UPSP_OK) {
        cx.verdict = V_ERROR;
        snprintf(cx.why, sizeof cx.why, "fixture set-up failed");
    } else if (setjmp(cx.out) == 0) {
        t->run(&cx);
    }
    if (cx.side.h)
        cert_iut_destroy(&cx, cx.side.h);
    if (cx.peer_ready)
        upsp_session_cleanup(&cx.peer);
    cert_iut_end_test(&cx);
    child_report(fd, &cx);
}

typedef struct {
    pid_t pid;
    int fd;
    size_t index;
    char *buf;
    size_t len, cap;
    long deadline;
} job;

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int job_start(const cert_run *run, job *j, size_t index)
{
    int p[2];
    if (pipe(p) != 0)
        return -1;
    /* A shim started by the test must not inherit the result pipe, or an
     * orphaned shim would keep it open after the test ended. */
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    fcntl(p[1], F_SETFD, FD_CLOEXEC);
    fflush(NULL);
    j->pid = fork();
    if (j->pid < 0) {
        close(p[0]);
        close(p[1]);
        return -1;
    }
    if (j->pid == 0) {
        close(p[0]);
        child_run(run, run->results[index].test, p[1]);
        close(p[1]);
        _exit(0);
    }
    close(p[1]);
    j->fd = p[0];
    j->index = index;
    j->buf = NULL;
    j->len = j->cap = 0;
    j->deadline = now_ms() + TEST_TIMEOUT_MS;
    return 0;
}

static char *dup_str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return strdup(cJSON_IsString(v) ? v->valuestring : "");
}

static void set_text(char *dst, size_t n, const cJSON *o, const char *k)
{
    char *s = dup_str(o, k);
    snprintf(dst, n, "%s", s ? s : "");
    free(s);
}

static char *transcript_text(const cJSON *tr)
{
    size_t cap = 256, len = 0;
    char *out = malloc(cap);
    const cJSON *w;
    if (!out)
        return NULL;
    out[0] = 0;
    cJSON_ArrayForEach(w, tr)
    {
        const cJSON *dir = cJSON_GetObjectItemCaseSensitive(w, "dir");
        const cJSON *note = cJSON_GetObjectItemCaseSensitive(w, "note");
        const cJSON *hex = cJSON_GetObjectItemCaseSensitive(w, "hex");
        size_t need = 64 + (cJSON_IsString(hex) ? strlen(hex->valuestring) : 0) +
                      (cJSON_IsString(note) ? strlen(note->valuestring) : 0);
        if (len + need >= cap) {
            char *grown;
            while (len + need >= cap)
                cap *= 2;
            grown = realloc(out, cap);
            if (!grown)
                break;
            out = grown;
        }
        len += (size_t)snprintf(out + len, cap - len, "%-12s %-18s %s\n",
                                cJSON_IsString(dir) ? dir->valuestring : "",
                                cJSON_IsString(note) ? note->valuestring : "",
                                cJSON_IsString(hex) ? hex->valuestring : "");
    }
    return out;
}

static void job_finish(cert_run *run, job *j, int timed_out)
{
    cert_result *r = &run->results[j->index];
    int status = 0;
    cJSON *o = NULL;
    if (timed_out)
        kill(j->pid, SIGKILL);
    waitpid(j->pid, &status, 0);
    close(j->fd);
    if (j->buf) {
        j->buf[j->len] = 0;
        o = cJSON_Parse(j->buf);
    }
    if (timed_out) {
        r->verdict = V_ERROR;
        snprintf(r->why, sizeof r->why, "the test did not finish within %d s (the IUT hangs)",
                 TEST_TIMEOUT_MS / 1000);
    } else if (!o) {
        r->verdict = V_ERROR;
        if (WIFSIGNALED(status))
            snprintf(r->why, sizeof r->why, "the IUT crashed (signal %d: %s)", WTERMSIG(status),
                     strsignal(WTERMSIG(status)));
        else
            snprintf(r->why, sizeof r->why, "the test process ended without a result (exit %d)",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    } else {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "verdict");
        r->verdict = cJSON_IsNumber(v) && v->valueint >= 0 && v->valueint < V_COUNT
                         ? (cert_verdict)v->valueint
                         : V_ERROR;
        set_text(r->why, sizeof r->why, o, "why");
        set_text(r->expected, sizeof r->expected, o, "expected");
        set_text(r->actual, sizeof r->actual, o, "actual");
        r->transcript = transcript_text(cJSON_GetObjectItemCaseSensitive(o, "transcript"));
    }
    cJSON_Delete(o);
    free(j->buf);
    j->pid = 0;
    run->counts[r->verdict]++;
}

static int job_read(job *j)
{
    char tmp[65536];
    ssize_t k = read(j->fd, tmp, sizeof tmp);
    if (k < 0 && errno == EINTR)
        return 1;
    if (k <= 0)
        return 0;
    if (j->len + (size_t)k + 1 > j->cap) {
        size_t cap = j->cap ? j->cap : 65536;
        char *grown;
        while (j->len + (size_t)k + 1 > cap)
            cap *= 2;
        grown = realloc(j->buf, cap);
        if (!grown)
            return 0;
        j->buf = grown;
        j->cap = cap;
    }
    memcpy(j->buf + j->len, tmp, (size_t)k);
    j->len += (size_t)k;
    return 1;
}

static const char *not_applicable(const cert_run *run, const cert_test *t)
{
    if (!(run->roles & t->role))
        return "role not selected (--role)";
    if (!(run->ics.roles & t->role))
        return "the implementation does not declare this role (ICS)";
    if ((t->needs & CAP_DETERMINISTIC_RNG) && !(run->ics.features & CAP_DETERMINISTIC_RNG))
        return "needs the deterministic_rng capability (ICS)";
    return NULL;
}

static void progress(const cert_run *run, size_t done, size_t total, const char *id)
{
    if (run->quiet || !isatty(2))
        return;
    fprintf(stderr, "\r\033[K[%zu/%zu] pass %u fail %u error %u  %s", done, total,
            run->counts[V_PASS], run->counts[V_FAIL], run->counts[V_ERROR], id);
    if (done == total)
        fprintf(stderr, "\r\033[K");
}

int cert_run_all(cert_run *run, char *err, size_t n)
{
    size_t total = run->tests.n, next = 0, done = 0, running = 0;
    unsigned jobs = run->jobs ? run->jobs : 1;
    job *pool;
    run->results = calloc(total ? total : 1, sizeof *run->results);
    pool = calloc(jobs, sizeof *pool);
    if (!run->results || !pool) {
        snprintf(err, n, "out of memory");
        free(pool);
        return -1;
    }
    for (size_t i = 0; i < total; i++) {
        cert_result *r = &run->results[i];
        const char *na;
        r->test = &run->tests.v[i];
        r->verdict = V_NA;
        if ((na = not_applicable(run, r->test)) != NULL) {
            snprintf(r->why, sizeof r->why, "%s", na);
            run->counts[V_NA]++;
            done++;
        }
    }
    while (done < total) {
        while (running < jobs && next < total) {
            if (run->results[next].why[0]) { /* decided without running: n/a */
                next++;
                continue;
            }
            size_t slot = 0;
            while (pool[slot].pid)
                slot++;
            if (job_start(run, &pool[slot], next) != 0) {
                snprintf(err, n, "cannot fork a test process: %s", strerror(errno));
                free(pool);
                return -1;
            }
            running++;
            next++;
        }
        struct pollfd pfd[64];
        size_t map[64], m = 0;
        for (size_t s = 0; s < jobs && m < 64; s++)
            if (pool[s].pid) {
                pfd[m] = (struct pollfd){pool[s].fd, POLLIN, 0};
                map[m++] = s;
            }
        if (m == 0)
            break;
        poll(pfd, m, 200);
        for (size_t k = 0; k < m; k++) {
            job *j = &pool[map[k]];
            int timed_out = now_ms() > j->deadline;
            if (!timed_out && !(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            if (!timed_out && job_read(j))
                continue;
            const char *id = run->results[j->index].test->id;
            job_finish(run, j, timed_out);
            running--;
            done++;
            progress(run, done, total, id);
        }
    }
    free(pool);
    return 0;
}

/* --- requirement verdicts --------------------------------------------------- */

static int has_req(const cert_test *t, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = t->reqs; (p = strstr(p, id)) != NULL; p += n)
        if ((p == t->reqs || p[-1] == ' ') && (p[n] == 0 || p[n] == ' '))
            return 1;
    return 0;
}

static cert_verdict combine(const cert_run *run, cert_req *q)
{
    int any[V_COUNT] = {0};
    size_t off = 0;
    for (size_t i = 0; i < run->tests.n; i++) {
        const cert_result *r = &run->results[i];
        if (!has_req(r->test, q->id))
            continue;
        any[r->verdict] = 1;
        if (off + strlen(r->test->id) + 2 < sizeof q->tests)
            off += (size_t)snprintf(q->tests + off, sizeof q->tests - off, "%s%s",
                                    off ? " " : "", r->test->id);
    }
    if (any[V_FAIL])
        return V_FAIL;
    if (any[V_ERROR])
        return V_ERROR;
    if (any[V_PASS])
        return V_PASS;
    if (any[V_NA])
        return V_NA;
    return V_INCONCLUSIVE;
}

int cert_requirements(cert_run *run, char *err, size_t n)
{
    FILE *f = fopen(run->spec_path, "r");
    char line[1024];
    int in_index = 0;
    if (!f) {
        snprintf(err, n, "cannot read %s (the requirement index)", run->spec_path);
        return -1;
    }
    run->reqs = calloc(256, sizeof *run->reqs);
    while (run->reqs && fgets(line, sizeof line, f) && run->n_reqs < 256) {
        char id[32], section[16], keyword[32], outside[512];
        if (!strncmp(line, "## 11.", 6))
            in_index = 1;
        else if (!strncmp(line, "## ", 3))
            in_index = 0;
        if (!in_index || sscanf(line, "| %31[A-Z0-9-] | %15[^ |] | %31[^|]| %511[^|\n]", id,
                                section, keyword, outside) != 4)
            continue;
        if (strncmp(id, "UPSP-", 5) != 0)
            continue;
        cert_req *q = &run->reqs[run->n_reqs++];
        q->id = strdup(id);
        q->section = strdup(section);
        q->outside = strdup(outside);
        q->mandatory = strstr(keyword, "MUST") != NULL;
        q->verdict = combine(run, q);
    }
    fclose(f);
    if (!run->reqs || run->n_reqs == 0) {
        snprintf(err, n, "no requirement index found in %s", run->spec_path);
        return -1;
    }
    return 0;
}

void cert_run_free(cert_run *run)
{
    if (run->results)
        for (size_t i = 0; i < run->tests.n; i++)
            free(run->results[i].transcript);
    free(run->results);
    run->results = NULL;
    for (size_t i = 0; i < run->n_reqs; i++) {
        free((char *)run->reqs[i].id);
        free((char *)run->reqs[i].section);
        free((char *)run->reqs[i].outside);
    }
    free(run->reqs);
    run->reqs = NULL;
    run->n_reqs = 0;
    cert_list_free(&run->tests);
    cert_iut_close(&run->iut);
}

/* Used by the CLI: does id match the --filter glob? */
int cert_filter_match(const char *filter, const char *id);
int cert_filter_match(const char *filter, const char *id)
{
    return !filter[0] || fnmatch(filter, id, 0) == 0;
}
