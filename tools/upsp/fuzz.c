/*
 * fuzz.c - `upsp fuzz`: the nightly fuzzing job. Builds the libFuzzer targets
 * (preset fuzz) if needed, fuzzes each target for its budget on all cores,
 * merges what is new into corpus/<target>/, de-duplicates findings by stack,
 * minimises each new one and files it under corpus/crashes/<target>/, and
 * writes reports/fuzz/summary.json, findings.sarif and junit.xml.
 * Exit 0: no new finding; 1: a new finding; 2: usage, build or engine error.
 */
#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "upsp.h"

#define MAX_JOBS 64
#define MAX_FINDINGS 64

typedef struct {
    char kind[160];     /* "heap-buffer-overflow", "oracle: ...", "leak" */
    char frames[512];   /* the first frames in our code */
    char file[512];
    int line;
    char id[17];        /* stack hash */
    char path[1600];    /* the filed, minimised input */
    int is_new;
} finding;

typedef struct {
    const char *name;
    unsigned long long execs;
    unsigned long long rate;
    unsigned cov, ft, peak_rss;
    unsigned corpus_before, corpus_after;
    finding found[MAX_FINDINGS];
    size_t n_found;
    int engine_failed;
} target_result;

typedef struct {
    unsigned budget;
    unsigned jobs;
    const char *only;
    int afl; /* engine: AFL++ instead of libFuzzer */
    char src[1024], build[1100], work[1200], out[1100], mutator[1200];
} fuzz_opts;

static const char *all_targets[] = {UPSP_FUZZ_TARGET_LIST};
#define N_TARGETS (sizeof all_targets / sizeof all_targets[0])

static int mkdirs(const char *path)
{
    char tmp[1200];
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

/* Runs argv (cwd: dir), output to log (appended); returns the exit code,
 * 128+signal when killed, -1 when it cannot start. */
static pid_t spawn_env(char *const argv[], const char *dir, const char *log,
                       const char *const env[])
{
    pid_t pid = fork();
    if (pid == 0) {
        for (size_t i = 0; env && env[i]; i += 2)
            setenv(env[i], env[i + 1], 1);
        int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        if (dir && chdir(dir) != 0)
            _exit(127);
        execvp(argv[0], argv);
        _exit(127);
    }
    return pid;
}

static pid_t spawn(char *const argv[], const char *dir, const char *log)
{
    return spawn_env(argv, dir, log, NULL);
}

static int wait_code(pid_t pid)
{
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) < 0)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int run(char *const argv[], const char *dir, const char *log)
{
    return wait_code(spawn(argv, dir, log));
}

static unsigned count_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    unsigned n = 0;
    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)(n < 0 ? 0 : n) + 1);
    if (buf) {
        size_t got = fread(buf, 1, (size_t)(n < 0 ? 0 : n), f);
        buf[got] = 0;
    }
    fclose(f);
    return buf;
}

/* AFL++: the targets of .clusterfuzzlite/build.sh, built with afl-clang-fast
 * and ASan + UBSan, persistent mode through libAFLDriver. */
static int build_afl(const fuzz_opts *o)
{
    char log[1300], script[1300], out[1300], work[1300];
    snprintf(log, sizeof log, "%s/build-afl.log", o->out);
    snprintf(script, sizeof script, "%s/.clusterfuzzlite/build.sh", o->src);
    snprintf(out, sizeof out, "%s/build/afl", o->src);
    snprintf(work, sizeof work, "%s/build/afl-work", o->src);
    mkdirs(work);
    const char *env[] = {"OUT", out, "WORK", work, "CC", "afl-clang-fast", "CXX", "afl-clang-fast++",
                         "FUZZING_ENGINE", "afl", "LIB_FUZZING_ENGINE", "/usr/lib/afl/libAFLDriver.a",
                         "CFLAGS", "-O1 -g -fsanitize=address,undefined", NULL};
    char *argv[] = {"bash", script, NULL};
    remove(log);
    if (access("/usr/bin/afl-clang-fast", X_OK) != 0 || access("/usr/lib/afl/libAFLDriver.a", R_OK)) {
        fprintf(stderr, "upsp fuzz: AFL++ is not installed (apt-get install afl++)\n");
        return -1;
    }
    fprintf(stderr, "upsp fuzz: building the AFL++ targets (log: %s)\n", log);
    return wait_code(spawn_env(argv, o->src, log, env)) == 0 ? 0 : -1;
}

static int build(const fuzz_opts *o)
{
    char log[1300], cache[1300];
    char *configure[] = {"cmake", "--preset", "fuzz", NULL};
    char *make[] = {"cmake", "--build", "--preset", "fuzz", NULL};
    snprintf(log, sizeof log, "%s/build.log", o->out);
    snprintf(cache, sizeof cache, "%s/CMakeCache.txt", o->build);
    remove(log);
    fprintf(stderr, "upsp fuzz: building the fuzz targets (log: %s)\n", log);
    if (access(cache, F_OK) != 0 && run(configure, o->src, log) != 0)
        return -1;
    return run(make, o->src, log) == 0 ? 0 : -1;
}

/* Picks "key: value" numbers out of libFuzzer's final statistics. */
static void parse_stats(target_result *r, const char *log)
{
    const char *p;
    unsigned long long v;
    /* a worker restarted after a finding leaves one block of statistics per run */
    for (p = log; (p = strstr(p, "stat::number_of_executed_units:")) != NULL; p += 31)
        if (sscanf(p + 31, "%llu", &v) == 1)
            r->execs += v;
    if ((p = strstr(log, "stat::peak_rss_mb:")) && sscanf(p + 18, "%llu", &v) == 1 &&
        v > r->peak_rss)
        r->peak_rss = (unsigned)v;
    /* the last "cov: X ft: Y" line is the final coverage */
    for (const char *q = log; (q = strstr(q, " cov: ")) != NULL; q++) {
        unsigned cov, ft;
        if (sscanf(q, " cov: %u ft: %u", &cov, &ft) == 2) {
            if (cov > r->cov)
                r->cov = cov;
            if (ft > r->ft)
                r->ft = ft;
        }
    }
}

static int skip_frame(const char *fn)
{
    static const char *const skip[] = {"__sanitizer", "__asan", "__ubsan", "__lsan", "fuzzer::",
                                       "__interceptor", "abort", "raise", "__pthread_kill",
                                       "__libc", "_start", "main", "fuzz_oracle_failed",
                                       "__GI_", "malloc", "calloc", "free"};
    for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
        if (!strncmp(fn, skip[i], strlen(skip[i])))
            return 1;
    return 0;
}

/* Reads a sanitizer or oracle report: the kind of bug and the first frames
 * in our code; the stack hash de-duplicates findings. */
static void signature(finding *f, const char *report, const char *src)
{
    const char *p;
    int frames = 0;
    f->kind[0] = f->frames[0] = f->file[0] = 0;
    if ((p = strstr(report, "==UPSP ORACLE== ")) && (p = strstr(p + 16, "==UPSP ORACLE== ")))
        snprintf(f->kind, sizeof f->kind, "oracle: %.*s", (int)strcspn(p + 16, "\n"), p + 16);
    else if ((p = strstr(report, "ERROR: AddressSanitizer: ")))
        snprintf(f->kind, sizeof f->kind, "%.*s", (int)strcspn(p + 25, " \n"), p + 25);
    else if ((p = strstr(report, "runtime error: ")))
        snprintf(f->kind, sizeof f->kind, "undefined behaviour: %.*s", (int)strcspn(p + 15, "\n"),
                 p + 15);
    else if (strstr(report, "ERROR: LeakSanitizer"))
        snprintf(f->kind, sizeof f->kind, "memory leak");
    else if (strstr(report, "ERROR: libFuzzer: timeout"))
        snprintf(f->kind, sizeof f->kind, "timeout");
    else if (strstr(report, "out-of-memory"))
        snprintf(f->kind, sizeof f->kind, "out of memory");
    else
        snprintf(f->kind, sizeof f->kind, "crash");
    for (p = report; frames < 3 && (p = strstr(p, " in ")) != NULL; p += 4) {
        char fn[160], loc[512];
        if (sscanf(p, " in %159s %511s", fn, loc) != 2 || skip_frame(fn) || p[-1] == 'n')
            continue;
        if (!strstr(loc, src) && !strchr(loc, ':'))
            continue;
        snprintf(f->frames + strlen(f->frames), sizeof f->frames - strlen(f->frames), "%s%s",
                 frames ? " < " : "", fn);
        if (!strcmp(fn, "LLVMFuzzerTestOneInput"))
            frames = 3; /* the harness entry ends the stack that identifies a bug */
        if (frames++ == 0) {
            const char *rel = strstr(loc, src) ? loc + strlen(src) + 1 : loc;
            char *colon;
            snprintf(f->file, sizeof f->file, "%s", rel);
            if ((colon = strchr(f->file, ':'))) {
                f->line = atoi(colon + 1);
                *colon = 0;
            }
        }
    }
    uint8_t h[32];
    upsp_iov v[2] = {{(const uint8_t *)f->kind, strlen(f->kind)},
                     {(const uint8_t *)f->frames, strlen(f->frames)}};
    upsp_sha256(h, v, 2);
    for (int i = 0; i < 8; i++)
        snprintf(f->id + 2 * i, 3, "%02x", h[i]);
}

static void file_finding(const fuzz_opts *o, target_result *r, const char *prog,
                         const char *artifact)
{
    char log[1400], dir[1300], meta[1400], mini[1400], runs[32] = "-runs=20000", exact[1500];
    finding *f = &r->found[r->n_found];
    if (r->n_found == MAX_FINDINGS)
        return;
    snprintf(log, sizeof log, "%s/%s/report-%zu.txt", o->work, r->name, r->n_found);
    char *rerun[] = {(char *)prog, (char *)artifact, NULL};
    run(rerun, NULL, log);
    char *report = slurp(log);
    signature(f, report ? report : "", o->src);
    snprintf(dir, sizeof dir, "%s/corpus/crashes/%s", o->src, r->name);
    char id[sizeof f->id];
    memcpy(id, f->id, sizeof id);
    snprintf(f->path, sizeof f->path, "%s/%s", dir, id);
    for (size_t i = 0; i < r->n_found; i++)
        if (!strcmp(r->found[i].id, f->id)) { /* the same bug found twice in this run */
            free(report);
            return;
        }
    f->is_new = access(f->path, F_OK) != 0;
    if (f->is_new) {
        /* Minimise the input; the unminimised one stands in if that fails. */
        mkdirs(dir);
        snprintf(mini, sizeof mini, "%s/%s/min-%s", o->work, r->name, f->id);
        snprintf(exact, sizeof exact, "-exact_artifact_path=%s", mini);
        char *minimise[] = {(char *)prog, "-minimize_crash=1", runs, exact, (char *)artifact, NULL};
        run(minimise, NULL, log);
        char *cp[] = {"cp", access(mini, F_OK) == 0 ? mini : (char *)artifact, f->path, NULL};
        run(cp, NULL, "/dev/null");
        snprintf(meta, sizeof meta, "%s/.meta", dir);
        mkdirs(meta);
        snprintf(meta, sizeof meta, "%s/.meta/%s.txt", dir, f->id);
        FILE *m = fopen(meta, "w");
        if (m) {
            fprintf(m, "target: %s\nkind: %s\nstack: %s\nlocation: %s:%d\n\n%s", r->name, f->kind,
                    f->frames, f->file, f->line, report ? report : "");
            fclose(m);
        }
    }
    free(report);
    r->n_found++;
}

static void collect_findings(const fuzz_opts *o, target_result *r, const char *prog)
{
    char dir[1300];
    DIR *d;
    struct dirent *e;
    snprintf(dir, sizeof dir, "%s/%s/artifacts", o->work, r->name);
    if (!(d = opendir(dir)))
        return;
    while ((e = readdir(d)) != NULL) {
        char path[1600];
        if (strncmp(e->d_name, "crash-", 6) && strncmp(e->d_name, "leak-", 5) &&
            strncmp(e->d_name, "timeout-", 8) && strncmp(e->d_name, "oom-", 4))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        file_finding(o, r, prog, path);
    }
    closedir(d);
}

static long now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

typedef pid_t (*restart_fn)(void *ctx, unsigned job, unsigned seconds_left, unsigned round);

/* Waits for the fuzzing processes, with a progress line on a terminal and
 * a guard against one that outlives its budget. A worker that stops early
 * (a finding ends a libFuzzer run) is started again for the time left, so
 * one finding does not end the night's fuzzing of that target. */
static void wait_workers(const fuzz_opts *o, pid_t *pids, const char *name, const char *what,
                         restart_fn restart, void *ctx)
{
    long t0 = now_s();
    unsigned round = 1;
    for (;;) {
        int running = 0;
        for (unsigned j = 0; j < o->jobs; j++) {
            if (pids[j] > 0 && waitpid(pids[j], NULL, WNOHANG) == 0) {
                running++;
                continue;
            }
            pids[j] = 0;
            long left = (long)o->budget - (now_s() - t0);
            if (restart && left >= 2) {
                pids[j] = restart(ctx, j, (unsigned)left, round++);
                running += pids[j] > 0;
            }
        }
        if (!running)
            break;
        if (now_s() - t0 > (long)o->budget + 120)
            for (unsigned j = 0; j < o->jobs; j++)
                if (pids[j] > 0)
                    kill(pids[j], SIGKILL);
        if (isatty(2))
            fprintf(stderr, "\r\033[K[%s] %ld/%u s, %d %s", name, now_s() - t0, o->budget,
                    running, what);
        sleep(1);
    }
    if (isatty(2))
        fprintf(stderr, "\r\033[K");
}

/* How to start one libFuzzer worker of a target. */
typedef struct {
    char prog[1300], fresh[1400], artp[1500], dictp[1400];
    char corpus[1300];
    char logs[MAX_JOBS][1400];
} lf_job;

static pid_t lf_start(void *ctx, unsigned job, unsigned seconds, unsigned round)
{
    lf_job *lj = ctx;
    char budget[32], seed[32];
    snprintf(budget, sizeof budget, "-max_total_time=%u", seconds);
    /* a restarted worker takes another seed, or it would find the same bug again at once */
    snprintf(seed, sizeof seed, "-seed=%u", 1000 + job + 64 * round);
    char *argv[] = {lj->prog, budget, seed, lj->artp, lj->dictp, "-print_final_stats=1",
                    "-reload=1", lj->fresh, lj->corpus, NULL};
    return spawn(argv, NULL, lj->logs[job]);
}

static int fuzz_target(const fuzz_opts *o, target_result *r)
{
    static lf_job lj;
    char arts[1400], dict[1300], tmp[1300];
    pid_t pids[MAX_JOBS];
    snprintf(lj.prog, sizeof lj.prog, "%s/bin/fuzz_%s", o->build, r->name);
    snprintf(lj.corpus, sizeof lj.corpus, "%s/corpus/%s", o->src, r->name);
    snprintf(tmp, sizeof tmp, "%s/%s", o->work, r->name);
    snprintf(lj.fresh, sizeof lj.fresh, "%s/new", tmp);
    snprintf(arts, sizeof arts, "%s/artifacts", tmp);
    snprintf(dict, sizeof dict, "%s/fuzz/dict/%s.dict", o->src, r->name);
    char *rm[] = {"rm", "-rf", tmp, NULL};
    run(rm, NULL, "/dev/null");
    if (mkdirs(lj.fresh) || mkdirs(arts) || mkdirs(lj.corpus))
        return -1;
    r->corpus_before = count_files(lj.corpus);
    snprintf(lj.artp, sizeof lj.artp, "-artifact_prefix=%s/", arts);
    snprintf(lj.dictp, sizeof lj.dictp, "-dict=%s", dict);
    for (unsigned j = 0; j < o->jobs; j++) {
        snprintf(lj.logs[j], sizeof lj.logs[j], "%s/job-%u.log", tmp, j);
        pids[j] = lf_start(&lj, j, o->budget, 0);
    }
    char *prog = lj.prog, *corpus = lj.corpus, *fresh = lj.fresh;
    char (*logs)[1400] = lj.logs;
    wait_workers(o, pids, r->name, "workers", lf_start, &lj);
    for (unsigned j = 0; j < o->jobs; j++) {
        char *log = slurp(logs[j]);
        if (log) {
            if (!strstr(log, "stat::number_of_executed_units") && !strstr(log, "==ERROR") &&
                !strstr(log, "UPSP ORACLE") && !strstr(log, "deadly signal"))
                r->engine_failed = 1;
            parse_stats(r, log);
            free(log);
        }
    }
    r->rate = o->budget ? r->execs / o->budget : 0;
    /* Keep what adds coverage: merge the new units into the corpus. */
    char mlog[1400];
    snprintf(mlog, sizeof mlog, "%s/merge.log", tmp);
    char *merge[] = {prog, "-merge=1", corpus, fresh, NULL};
    run(merge, NULL, mlog);
    r->corpus_after = count_files(corpus);
    collect_findings(o, r, prog);
    return 0;
}

/* Reads "key : value" from an AFL++ fuzzer_stats file. */
static unsigned long long afl_stat(const char *stats, const char *key)
{
    const char *p = stats;
    size_t n = strlen(key);
    while ((p = strstr(p, key)) != NULL) {
        if ((p == stats || p[-1] == '\n') && (p[n] == ' ' || p[n] == ':'))
            return strtoull(p + n + strspn(p + n, " :"), NULL, 10);
        p += n;
    }
    return 0;
}

/* Copies AFL++'s queue of the main instance into the corpus, each file named
 * by the SHA-1-like hash of its content as libFuzzer names its units (here
 * the first 20 octets of SHA-256), so re-runs do not duplicate. */
static void afl_keep_queue(const char *queue, const char *corpus)
{
    DIR *d = opendir(queue);
    struct dirent *e;
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        char path[2048], dest[1700], name[41];
        uint8_t h[32];
        if (strncmp(e->d_name, "id:", 3) != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", queue, e->d_name);
        char *data = slurp(path);
        struct stat st;
        if (!data || stat(path, &st) != 0) {
            free(data);
            continue;
        }
        upsp_iov v = {(const uint8_t *)data, (size_t)st.st_size};
        upsp_sha256(h, &v, 1);
        for (int i = 0; i < 20; i++)
            snprintf(name + 2 * i, 3, "%02x", h[i]);
        snprintf(dest, sizeof dest, "%s/%s", corpus, name);
        if (access(dest, F_OK) != 0) {
            FILE *f = fopen(dest, "wb");
            if (f) {
                fwrite(data, 1, (size_t)st.st_size, f);
                fclose(f);
            }
        }
        free(data);
    }
    closedir(d);
}

static int fuzz_target_afl(const fuzz_opts *o, target_result *r)
{
    char prog[1300], corpus[1300], out[1400], dict[1300], tmp[1300], budget[32], timeout[16] = "1000+";
    char names[MAX_JOBS][16], logs[MAX_JOBS][1400];
    pid_t pids[MAX_JOBS];
    snprintf(prog, sizeof prog, "%s/build/afl/fuzz_%s", o->src, r->name);
    snprintf(corpus, sizeof corpus, "%s/corpus/%s", o->src, r->name);
    snprintf(tmp, sizeof tmp, "%s/%s", o->work, r->name);
    snprintf(out, sizeof out, "%s/afl", tmp);
    snprintf(dict, sizeof dict, "%s/fuzz/dict/%s.dict", o->src, r->name);
    snprintf(budget, sizeof budget, "%u", o->budget);
    char *rm[] = {"rm", "-rf", tmp, NULL};
    run(rm, NULL, "/dev/null");
    if (mkdirs(tmp))
        return -1;
    r->corpus_before = count_files(corpus);
    const char *env[] = {"AFL_NO_UI", "1", "AFL_SKIP_CPUFREQ", "1",
                         "AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES", "1", "AFL_NO_AFFINITY", "1",
                         "AFL_CUSTOM_MUTATOR_LIBRARY", o->mutator, NULL};
    if (strcmp(r->name, "record") != 0)
        env[8] = NULL; /* the structure-aware mutator knows record inputs only */
    for (unsigned j = 0; j < o->jobs; j++) {
        /* One main instance and secondaries, as on several machines
         * (docs/FUZZING.md), here sharing one output folder. */
        snprintf(names[j], sizeof names[j], j ? "s%u" : "main", j);
        snprintf(logs[j], sizeof logs[j], "%s/afl-%s.log", tmp, names[j]);
        char *argv[] = {"afl-fuzz", "-i", corpus, "-o", out, j ? "-S" : "-M", names[j], "-V",
                        budget, "-x", dict, "-m", "none", "-t", timeout, "--", prog, NULL};
        pids[j] = spawn_env(argv, NULL, logs[j], env);
    }
    wait_workers(o, pids, r->name, "AFL++ instances", NULL, NULL);
    for (unsigned j = 0; j < o->jobs; j++) {
        char stats_path[1500];
        snprintf(stats_path, sizeof stats_path, "%s/%s/fuzzer_stats", out, names[j]);
        char *stats = slurp(stats_path);
        if (!stats) {
            r->engine_failed = 1;
            continue;
        }
        r->execs += afl_stat(stats, "execs_done");
        if (afl_stat(stats, "edges_found") > r->cov)
            r->cov = (unsigned)afl_stat(stats, "edges_found");
        if (afl_stat(stats, "peak_rss_mb") > r->peak_rss)
            r->peak_rss = (unsigned)afl_stat(stats, "peak_rss_mb");
        free(stats);
        char dir[1500];
        snprintf(dir, sizeof dir, "%s/%s/crashes", out, names[j]);
        DIR *d = opendir(dir);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            char path[1800];
            if (strncmp(e->d_name, "id:", 3) != 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            file_finding(o, r, prog, path);
        }
        if (d)
            closedir(d);
    }
    r->rate = o->budget ? r->execs / o->budget : 0;
    char queue[1500];
    snprintf(queue, sizeof queue, "%s/main/queue", out);
    afl_keep_queue(queue, corpus);
    r->corpus_after = count_files(corpus);
    return 0;
}

static void write_reports(const fuzz_opts *o, target_result *res, size_t n, int new_findings)
{
    char path[1300], ts[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cJSON *sum = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(sum, "targets");
    cJSON_AddStringToObject(sum, "generated_at", ts);
    cJSON_AddStringToObject(sum, "engine", o->afl ? "afl++" : "libfuzzer");
    cJSON_AddNumberToObject(sum, "budget_seconds", o->budget);
    cJSON_AddNumberToObject(sum, "jobs", o->jobs);
    cJSON_AddNumberToObject(sum, "new_findings", new_findings);
    cJSON *sarif = cJSON_CreateObject(), *runs = cJSON_AddArrayToObject(sarif, "runs");
    cJSON_AddStringToObject(sarif, "version", "2.1.0");
    cJSON_AddStringToObject(sarif, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    cJSON *sr = cJSON_CreateObject(), *driver = cJSON_CreateObject();
    cJSON_AddItemToArray(runs, sr);
    cJSON_AddItemToObject(cJSON_AddObjectToObject(sr, "tool"), "driver", driver);
    cJSON_AddStringToObject(driver, "name", "upsp fuzz");
    cJSON_AddStringToObject(driver, "version", UPSP_LIB_VERSION);
    cJSON *results = cJSON_AddArrayToObject(sr, "results");
    for (size_t i = 0; i < n; i++) {
        target_result *r = &res[i];
        cJSON *t = cJSON_CreateObject(), *fa = cJSON_CreateArray();
        cJSON_AddStringToObject(t, "name", r->name);
        cJSON_AddNumberToObject(t, "executions", (double)r->execs);
        cJSON_AddNumberToObject(t, "executions_per_second", (double)r->rate);
        cJSON *cov = cJSON_AddObjectToObject(t, "coverage");
        cJSON_AddNumberToObject(cov, "edges", r->cov);
        cJSON_AddNumberToObject(cov, "features", r->ft);
        cJSON_AddNumberToObject(t, "corpus_files", r->corpus_after);
        cJSON_AddNumberToObject(t, "corpus_added", (double)r->corpus_after - r->corpus_before);
        cJSON_AddNumberToObject(t, "peak_rss_mb", r->peak_rss);
        cJSON_AddBoolToObject(t, "engine_failed", r->engine_failed);
        for (size_t k = 0; k < r->n_found; k++) {
            finding *f = &r->found[k];
            cJSON *j = cJSON_CreateObject();
            cJSON_AddStringToObject(j, "id", f->id);
            cJSON_AddStringToObject(j, "kind", f->kind);
            cJSON_AddStringToObject(j, "stack", f->frames);
            cJSON_AddBoolToObject(j, "new", f->is_new);
            cJSON_AddStringToObject(j, "input", f->path + strlen(o->src) + 1);
            cJSON_AddItemToArray(fa, j);
            cJSON *res1 = cJSON_CreateObject(), *locs = cJSON_CreateArray();
            cJSON_AddStringToObject(res1, "ruleId", f->kind);
            cJSON_AddStringToObject(res1, "level", "error");
            char msg[1024];
            snprintf(msg, sizeof msg, "fuzz target %s: %s in %s (input %s)", r->name, f->kind,
                     f->frames, f->path + strlen(o->src) + 1);
            cJSON_AddStringToObject(cJSON_AddObjectToObject(res1, "message"), "text", msg);
            if (f->file[0]) {
                cJSON *loc = cJSON_CreateObject(), *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
                cJSON_AddStringToObject(cJSON_AddObjectToObject(phys, "artifactLocation"), "uri", f->file);
                cJSON_AddNumberToObject(cJSON_AddObjectToObject(phys, "region"), "startLine",
                                        f->line > 0 ? f->line : 1);
                cJSON_AddItemToArray(locs, loc);
            }
            cJSON_AddItemToObject(res1, "locations", locs);
            cJSON_AddStringToObject(cJSON_AddObjectToObject(res1, "partialFingerprints"),
                                    "stackHash/v1", f->id);
            cJSON_AddItemToArray(results, res1);
        }
        cJSON_AddItemToObject(t, "findings", fa);
        cJSON_AddItemToArray(arr, t);
    }
    const struct {
        const char *name;
        cJSON *doc;
    } files[] = {{"summary.json", sum}, {"findings.sarif", sarif}};
    for (size_t i = 0; i < 2; i++) {
        char *text = cJSON_Print(files[i].doc);
        snprintf(path, sizeof path, "%s/%s", o->out, files[i].name);
        FILE *f = fopen(path, "w");
        if (f && text)
            fprintf(f, "%s\n", text);
        if (f)
            fclose(f);
        free(text);
        cJSON_Delete(files[i].doc);
    }
    snprintf(path, sizeof path, "%s/junit.xml", o->out);
    FILE *j = fopen(path, "w");
    if (!j)
        return;
    fprintf(j, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"upsp-fuzz\" "
               "timestamp=\"%s\">\n  <testsuite name=\"fuzz\" tests=\"%zu\">\n",
            ts, n);
    for (size_t i = 0; i < n; i++) {
        int fresh = 0;
        for (size_t k = 0; k < res[i].n_found; k++)
            fresh += res[i].found[k].is_new;
        fprintf(j, "    <testcase classname=\"fuzz\" name=\"%s\">", res[i].name);
        if (fresh || res[i].engine_failed)
            fprintf(j, "<failure message=\"%s\"/>",
                    fresh ? "new finding (see findings.sarif)" : "the fuzzer did not run");
        fprintf(j, "</testcase>\n");
    }
    fprintf(j, "  </testsuite>\n</testsuites>\n");
    fclose(j);
}

static int usage(void)
{
    printf("usage: upsp fuzz [--budget SECONDS] [--target NAME] [--engine libfuzzer|afl] [--jobs N]\n"
           "  Builds the fuzz targets (preset fuzz) if needed, fuzzes each target (or NAME) for\n"
           "  SECONDS (default 60) on N cores (default: all), merges new coverage into corpus/,\n"
           "  files new findings, minimised and de-duplicated by stack, under corpus/crashes/,\n"
           "  and writes reports/fuzz/{summary.json,findings.sarif,junit.xml}.\n"
           "  exit 0: no new finding; 1: new findings; 2: usage, build or engine error.\n"
           "  targets:");
    for (size_t i = 0; i < N_TARGETS; i++)
        printf(" %s", all_targets[i]);
    printf("\n");
    return 0;
}

int upsp_cmd_fuzz(int argc, char **argv, const char *self)
{
    static target_result res[N_TARGETS];
    fuzz_opts o = {.budget = 60, .jobs = (unsigned)upsp_cli_jobs()};
    uint64_t v;
    size_t n = 0;
    int new_findings = 0, engine_failed = 0;
    (void)self;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            return usage();
        if (!val) {
            fprintf(stderr, "upsp fuzz: %s needs a value (see 'upsp fuzz --help')\n", a);
            return 2;
        }
        i++;
        if (!strcmp(a, "--budget") && upsp_cli_u64(val, &v) == 0 && v >= 1 && v <= 86400)
            o.budget = (unsigned)v;
        else if (!strcmp(a, "--jobs") && upsp_cli_u64(val, &v) == 0 && v >= 1 && v <= MAX_JOBS)
            o.jobs = (unsigned)v;
        else if (!strcmp(a, "--target"))
            o.only = val;
        else if (!strcmp(a, "--engine") && !strcmp(val, "libfuzzer"))
            o.afl = 0;
        else if (!strcmp(a, "--engine") && !strcmp(val, "afl"))
            o.afl = 1;
        else {
            fprintf(stderr, "upsp fuzz: bad argument %s %s (see 'upsp fuzz --help')\n", a, val);
            return 2;
        }
    }
    if (o.only) {
        int known = 0;
        for (size_t i = 0; i < N_TARGETS; i++)
            known |= !strcmp(o.only, all_targets[i]);
        if (!known) {
            fprintf(stderr, "upsp fuzz: unknown target '%s' (see 'upsp fuzz --help')\n", o.only);
            return 2;
        }
    }
    snprintf(o.src, sizeof o.src, "%s", UPSP_SOURCE_DIR);
    snprintf(o.build, sizeof o.build, "%s/build/fuzz", o.src);
    snprintf(o.work, sizeof o.work, "%s/work", o.build);
    snprintf(o.out, sizeof o.out, "%s/reports/fuzz", o.src);
    if (mkdirs(o.out) != 0 || mkdirs(o.work) != 0) {
        fprintf(stderr, "upsp fuzz: cannot create %s\n", o.out);
        return 2;
    }
    upsp_cli_mutant_dir(o.mutator, sizeof o.mutator);
    strncat(o.mutator, "/libupsp_afl_record_mutator.so", sizeof o.mutator - strlen(o.mutator) - 1);
    if (o.afl ? build_afl(&o) != 0 : build(&o) != 0) {
        fprintf(stderr, "upsp fuzz: building the fuzz targets failed (see %s/build%s.log)\n", o.out,
                o.afl ? "-afl" : "");
        return 2;
    }
    for (size_t i = 0; i < N_TARGETS; i++) {
        if (o.only && strcmp(o.only, all_targets[i]))
            continue;
        target_result *r = &res[n++];
        memset(r, 0, sizeof *r);
        r->name = all_targets[i];
        if ((o.afl ? fuzz_target_afl(&o, r) : fuzz_target(&o, r)) != 0) {
            fprintf(stderr, "upsp fuzz: cannot set up %s\n", r->name);
            return 2;
        }
        int fresh = 0;
        for (size_t k = 0; k < r->n_found; k++)
            fresh += r->found[k].is_new;
        new_findings += fresh;
        engine_failed |= r->engine_failed;
        printf("%-14s %12llu execs %8llu/s  cov %5u  corpus %u (+%d)  findings %zu (%d new)\n",
               r->name, r->execs, r->rate, r->cov, r->corpus_after,
               (int)r->corpus_after - (int)r->corpus_before, r->n_found, fresh);
        for (size_t k = 0; k < r->n_found; k++)
            printf("  %s %s: %s at %s\n", r->found[k].is_new ? "NEW" : "known", r->found[k].id,
                   r->found[k].kind, r->found[k].frames);
        fflush(stdout);
    }
    write_reports(&o, res, n, new_findings);
    printf("reports: %s/summary.json %s/findings.sarif %s/junit.xml\n", o.out, o.out, o.out);
    /* Coverage of reference/ by the corpus as it now stands. */
    char script[1300], cov_out[1300], cov_log[1300];
    snprintf(script, sizeof script, "%s/fuzz/coverage.sh", o.src);
    snprintf(cov_out, sizeof cov_out, "%s/reports/coverage", o.src);
    snprintf(cov_log, sizeof cov_log, "%s/coverage.log", o.out);
    char *cov[] = {"bash", script, cov_out, NULL};
    if (run(cov, o.src, cov_log) == 0)
        printf("coverage: %s/summary.txt %s/html/index.html\n", cov_out, cov_out);
    else
        fprintf(stderr, "upsp fuzz: the coverage report failed (see %s)\n", cov_log);
    if (engine_failed) {
        fprintf(stderr, "upsp fuzz: a fuzzer did not run (see %s/<target>/job-*.log)\n", o.work);
        return 2;
    }
    return new_findings ? 1 : 0;
}
