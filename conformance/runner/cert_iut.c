/* cert_iut.c - attaching the implementation under test: in process (the
 * reference, a library, a mutant) or as a shim process (exec:). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cert.h"
#include "iut_reference.h"
#include "shim_client.h"

static int check_api(const upsp_iut_api *api, const char *what, char *err, size_t n)
{
    if (!api) {
        snprintf(err, n, "%s: upsp_iut_get_api() returned NULL", what);
        return -1;
    }
    if (api->abi_version != UPSP_IUT_ABI_VERSION) {
        snprintf(err, n, "%s: IUT ABI version %u, this suite speaks %u", what, api->abi_version,
                 UPSP_IUT_ABI_VERSION);
        return -1;
    }
    if (!api->create || !api->start || !api->recv || !api->send || !api->destroy) {
        snprintf(err, n, "%s: the IUT's operation table is incomplete", what);
        return -1;
    }
    return 0;
}

static int open_lib(cert_iut *iut, const char *path, char *err, size_t n)
{
    upsp_iut_get_api_fn get;
    iut->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!iut->dl) {
        snprintf(err, n, "cannot load IUT library %s: %s", path, dlerror());
        return -1;
    }
    *(void **)(&get) = dlsym(iut->dl, UPSP_IUT_SYMBOL);
    if (!get) {
        snprintf(err, n, "%s does not export %s()", path, UPSP_IUT_SYMBOL);
        return -1;
    }
    iut->api = get();
    return check_api(iut->api, path, err, n);
}

static void describe(cert_iut *iut)
{
    snprintf(iut->name, sizeof iut->name, "%s", iut->api->name ? iut->api->name : "");
    snprintf(iut->version, sizeof iut->version, "%s", iut->api->version ? iut->api->version : "");
    iut->caps = iut->api->capabilities;
}

int cert_iut_open(cert_iut *iut, const char *spec, const char *mutant_dir, char *err, size_t n)
{
    char path[2048];
    memset(iut, 0, sizeof *iut);
    snprintf(iut->spec, sizeof iut->spec, "%s", spec);
    iut->timeout_ms = 5000;
    if (getenv("UPSP_SHIM_TIMEOUT_MS")) /* per shim operation; see docs/SHIM.md */
        iut->timeout_ms = (unsigned)strtoul(getenv("UPSP_SHIM_TIMEOUT_MS"), NULL, 10);
    if (iut->timeout_ms == 0)
        iut->timeout_ms = 5000;
    if (!strcmp(spec, "reference")) {
        iut->kind = IUT_INPROC;
        iut->api = upsp_iut_reference_api();
        describe(iut);
        return 0;
    }
    if (!strncmp(spec, "lib:", 4) && spec[4]) {
        iut->kind = IUT_INPROC;
        if (open_lib(iut, spec + 4, err, n) != 0)
            return -1;
        describe(iut);
        return 0;
    }
    if (!strncmp(spec, "mutant:", 7) && spec[7]) {
        if (strchr(spec + 7, '/')) {
            snprintf(err, n, "unknown mutant '%s' (see 'upsp mutants')", spec + 7);
            return -1;
        }
        snprintf(path, sizeof path, "%s/libupsp_iut_mutant_%s.so", mutant_dir, spec + 7);
        if (access(path, R_OK) != 0) {
            snprintf(err, n, "unknown mutant '%s' (see 'upsp mutants')", spec + 7);
            return -1;
        }
        iut->kind = IUT_INPROC;
        if (open_lib(iut, path, err, n) != 0)
            return -1;
        describe(iut);
        return 0;
    }
    if (!strncmp(spec, "exec:", 5) && spec[5]) {
        iut->kind = IUT_EXEC;
        snprintf(iut->cmd, sizeof iut->cmd, "%s", spec + 5);
        return shim_probe(iut, err, n);
    }
    snprintf(err, n, "bad --iut '%s': use reference, lib:PATH, exec:\"CMD\" or mutant:NAME", spec);
    return -1;
}

void cert_iut_close(cert_iut *iut)
{
    if (iut->dl)
        dlclose(iut->dl);
    iut->dl = NULL;
}

void *cert_iut_create(cert_cx *cx, const upsp_iut_config *cfg, char *err, size_t n)
{
    if (cx->iut->kind == IUT_EXEC)
        return shim_create(cx, cfg, err, n);
    return cx->iut->api->create(cfg, err, n);
}

int cert_iut_start(cert_cx *cx, void *h, uint8_t *out, size_t cap, size_t *out_len)
{
    if (cx->iut->kind == IUT_EXEC)
        return shim_start(cx, h, out, cap, out_len);
    return cx->iut->api->start(h, out, cap, out_len);
}

int cert_iut_recv(cert_cx *cx, void *h, const uint8_t *in, size_t len, uint8_t *out, size_t cap,
                  size_t *out_len, upsp_iut_event *ev)
{
    if (cx->iut->kind == IUT_EXEC)
        return shim_recv(cx, h, in, len, out, cap, out_len, ev);
    return cx->iut->api->recv(h, in, len, out, cap, out_len, ev);
}

int cert_iut_send(cert_cx *cx, void *h, const upsp_iut_msg *m, uint8_t *out, size_t cap,
                  size_t *out_len)
{
    if (cx->iut->kind == IUT_EXEC)
        return shim_send(cx, h, m, out, cap, out_len);
    return cx->iut->api->send(h, m, out, cap, out_len);
}

void cert_iut_destroy(cert_cx *cx, void *h)
{
    if (cx->iut->kind == IUT_EXEC)
        shim_destroy(cx, h);
    else
        cx->iut->api->destroy(h);
}

void cert_iut_end_test(cert_cx *cx)
{
    if (cx->iut->kind == IUT_EXEC)
        shim_end(cx);
}
