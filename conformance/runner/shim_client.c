/* shim_client.c - driving an IUT that runs as a separate process. */
#include "shim_client.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "shim_codec.h"

typedef struct {
    pid_t pid;
    int to, from;
    uint32_t next_id;
    int dead;
    unsigned timeout_ms;
} shim_proc;

static int spawn(shim_proc *p, const char *cmd, unsigned timeout_ms)
{
    int in[2], out[2];
    memset(p, 0, sizeof *p);
    p->timeout_ms = timeout_ms;
    if (pipe(in) != 0)
        return -1;
    if (pipe(out) != 0) {
        close(in[0]);
        close(in[1]);
        return -1;
    }
    p->pid = fork();
    if (p->pid < 0)
        return -1;
    if (p->pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        /* Its own process group, so that stopping it also stops whatever
         * the command line started (sh -c, interpreters). */
        setpgid(0, 0);
        dup2(in[0], 0);
        dup2(out[1], 1);
        /* The shim's diagnostics would garble the runner's output;
         * UPSP_SHIM_STDERR=1 keeps them for debugging. */
        if (devnull >= 0 && !getenv("UPSP_SHIM_STDERR"))
            dup2(devnull, 2);
        close(in[0]);
        close(in[1]);
        close(out[0]);
        close(out[1]);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    p->to = in[1];
    p->from = out[0];
    p->next_id = 1;
    return 0;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int read_exact(shim_proc *p, uint8_t *buf, size_t n, long deadline)
{
    while (n) {
        struct pollfd pfd = {p->from, POLLIN, 0};
        long left = deadline - now_ms();
        ssize_t k;
        if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
            return -1;
        k = read(p->from, buf, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        buf += k;
        n -= (size_t)k;
    }
    return 0;
}

/* One request, one answer, within the timeout; -1 marks the shim dead. */
static int call(shim_proc *p, const uint8_t *req, size_t req_len, uint8_t *resp, size_t cap,
                size_t *resp_len)
{
    uint8_t hdr[4];
    size_t n;
    long deadline = now_ms() + (long)p->timeout_ms;
    if (p->dead || shim_write_frame(p->to, req, req_len) != 0)
        goto dead;
    if (read_exact(p, hdr, 4, deadline) != 0)
        goto dead;
    n = ((size_t)hdr[0] << 24) | ((size_t)hdr[1] << 16) | ((size_t)hdr[2] << 8) | hdr[3];
    if (n == 0 || n > cap || read_exact(p, resp, n, deadline) != 0)
        goto dead;
    *resp_len = n;
    return 0;
dead:
    p->dead = 1;
    return -1;
}

static void stop(shim_proc *p)
{
    uint8_t quit = SHIM_OP_QUIT;
    int status;
    if (p->pid <= 0)
        return;
    if (!p->dead)
        shim_write_frame(p->to, &quit, 1);
    close(p->to);
    close(p->from);
    for (int i = 0; i < 50; i++) { /* up to 0.5 s to leave on its own */
        if (waitpid(p->pid, &status, WNOHANG) == p->pid) {
            kill(-p->pid, SIGKILL); /* anything it left behind */
            p->pid = 0;
            return;
        }
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    }
    kill(-p->pid, SIGKILL);
    kill(p->pid, SIGKILL);
    waitpid(p->pid, &status, 0);
    p->pid = 0;
}

int shim_probe(cert_iut *iut, char *err, size_t n)
{
    shim_proc p;
    uint8_t req[8], resp[SHIM_MAX_FRAME];
    size_t len;
    upsp_rd r;
    uint8_t status;
    uint32_t abi;
    signal(SIGPIPE, SIG_IGN);
    if (spawn(&p, iut->cmd, iut->timeout_ms) != 0) {
        snprintf(err, n, "cannot start shim '%s'", iut->cmd);
        return -1;
    }
    req[0] = SHIM_OP_HELLO;
    upsp_put_u16(req + 1, 0);
    upsp_put_u16(req + 3, UPSP_IUT_ABI_VERSION);
    if (call(&p, req, 5, resp, sizeof resp, &len) != 0) {
        stop(&p);
        snprintf(err, n, "shim '%s' did not answer HELLO (not running, crashed or not a UPSP shim)",
                 iut->cmd);
        return -1;
    }
    upsp_rd_init(&r, resp, len);
    uint8_t nl = 0, vl = 0;
    const uint8_t *name = NULL, *ver = NULL;
    if (!upsp_rd_u8(&r, &status) || status != 0 || !upsp_rd_u32(&r, &abi) ||
        abi != UPSP_IUT_ABI_VERSION || !upsp_rd_u8(&r, &nl) || !upsp_rd_span(&r, &name, nl) ||
        !upsp_rd_u8(&r, &vl) || !upsp_rd_span(&r, &ver, vl) || !upsp_rd_u32(&r, &iut->caps)) {
        stop(&p);
        snprintf(err, n, "shim '%s' answered HELLO with an unsupported ABI or garbage", iut->cmd);
        return -1;
    }
    snprintf(iut->name, sizeof iut->name, "%.*s", (int)nl, (const char *)name);
    snprintf(iut->version, sizeof iut->version, "%.*s", (int)vl, (const char *)ver);
    stop(&p);
    return 0;
}

static shim_proc *proc_of(cert_cx *cx)
{
    shim_proc *p = cx->shim;
    if (p)
        return p;
    p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    signal(SIGPIPE, SIG_IGN);
    if (spawn(p, cx->iut->cmd, cx->iut->timeout_ms) != 0)
        p->dead = 1;
    cx->shim = p;
    return p;
}

void *shim_create(cert_cx *cx, const upsp_iut_config *cfg, char *err, size_t n)
{
    shim_proc *p = proc_of(cx);
    uint8_t req[SHIM_MAX_FRAME], resp[SHIM_MAX_FRAME];
    size_t len;
    upsp_wr w;
    upsp_rd r;
    uint8_t status, mlen;
    uint32_t id;
    if (!p) {
        snprintf(err, n, "out of memory");
        return NULL;
    }
    id = p->next_id++;
    upsp_wr_init(&w, req, sizeof req);
    upsp_wr_u8(&w, SHIM_OP_CREATE);
    upsp_wr_u32(&w, id);
    shim_put_config(&w, cfg);
    if (call(p, req, w.len, resp, sizeof resp, &len) != 0) {
        snprintf(err, n, "the shim crashed, hung or answered garbage");
        return NULL;
    }
    upsp_rd_init(&r, resp, len);
    if (!upsp_rd_u8(&r, &status) || !upsp_rd_u8(&r, &mlen)) {
        snprintf(err, n, "malformed CREATE answer");
        return NULL;
    }
    if (status != 0) {
        const uint8_t *msg = NULL;
        if (!upsp_rd_span(&r, &msg, mlen))
            mlen = 0;
        snprintf(err, n, "%.*s", (int)mlen, msg ? (const char *)msg : "");
        return NULL;
    }
    return (void *)(uintptr_t)id;
}

static void put_handle(upsp_wr *w, uint8_t op, void *h)
{
    upsp_wr_u8(w, op);
    upsp_wr_u32(w, (uint32_t)(uintptr_t)h);
}

/* Reads "code, u16 length, octets" into out. */
static int get_out(upsp_rd *r, int *code, uint8_t *out, size_t cap, size_t *out_len)
{
    uint8_t c;
    uint16_t n;
    if (!upsp_rd_u8(r, &c) || !upsp_rd_u16(r, &n) || n > cap || !upsp_rd_copy(r, out, n))
        return 0;
    *code = shim_code_in(c);
    *out_len = n;
    return 1;
}

/* Sends a built request and reads "code, out" (and an event when ev is not
 * NULL); anything malformed is a harness failure. */
static int exchange(cert_cx *cx, const upsp_wr *w, uint8_t *out, size_t cap, size_t *out_len,
                    upsp_iut_event *ev)
{
    shim_proc *p = proc_of(cx);
    uint8_t resp[SHIM_MAX_FRAME];
    size_t len;
    upsp_rd r;
    int code;
    if (!p || !upsp_wr_ok(w) || call(p, w->p, w->len, resp, sizeof resp, &len) != 0)
        return UPSP_IUT_E_HARNESS;
    upsp_rd_init(&r, resp, len);
    if (!get_out(&r, &code, out, cap, out_len) || (ev && !shim_get_event(&r, ev)) ||
        upsp_rd_left(&r))
        return UPSP_IUT_E_HARNESS;
    return code;
}

int shim_start(cert_cx *cx, void *h, uint8_t *out, size_t cap, size_t *out_len)
{
    uint8_t req[8];
    upsp_wr w;
    upsp_wr_init(&w, req, sizeof req);
    put_handle(&w, SHIM_OP_START, h);
    return exchange(cx, &w, out, cap, out_len, NULL);
}

int shim_recv(cert_cx *cx, void *h, const uint8_t *in, size_t in_len, uint8_t *out, size_t cap,
              size_t *out_len, upsp_iut_event *ev)
{
    uint8_t req[SHIM_MAX_FRAME];
    upsp_wr w;
    if (in_len > 0xFFFF)
        return UPSP_IUT_E_HARNESS;
    upsp_wr_init(&w, req, sizeof req);
    put_handle(&w, SHIM_OP_RECV, h);
    upsp_wr_u16(&w, (uint16_t)in_len);
    upsp_wr_bytes(&w, in, in_len);
    return exchange(cx, &w, out, cap, out_len, ev);
}

int shim_send(cert_cx *cx, void *h, const upsp_iut_msg *m, uint8_t *out, size_t cap,
              size_t *out_len)
{
    uint8_t req[64];
    upsp_wr w;
    upsp_wr_init(&w, req, sizeof req);
    put_handle(&w, SHIM_OP_SEND, h);
    shim_put_msg(&w, m);
    return exchange(cx, &w, out, cap, out_len, NULL);
}

void shim_destroy(cert_cx *cx, void *h)
{
    shim_proc *p = cx->shim;
    uint8_t req[8], resp[16];
    size_t len;
    upsp_wr w;
    if (!p || p->dead)
        return;
    upsp_wr_init(&w, req, sizeof req);
    put_handle(&w, SHIM_OP_DESTROY, h);
    call(p, req, w.len, resp, sizeof resp, &len);
}

void shim_end(cert_cx *cx)
{
    shim_proc *p = cx->shim;
    if (!p)
        return;
    stop(p);
    free(p);
    cx->shim = NULL;
}
