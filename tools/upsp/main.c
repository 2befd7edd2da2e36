/* main.c - the upsp program: one front for the whole suite. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "upsp.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv, const char *self);
    const char *summary;
} command;

static const command commands[] = {
    {"demo", upsp_cmd_demo, "run a UE and a paging server in memory, printing the wire"},
    {"certify", upsp_cmd_certify, "certify an implementation; write JUnit, JSON and HTML reports"},
    {"selftest", upsp_cmd_selftest, "certify every mutant: the suite's mutation score"},
    {"mutants", upsp_cmd_mutants, "list the deliberately broken implementations"},
    {"fuzz", upsp_cmd_fuzz, "fuzz every target; file findings; write JSON, SARIF, JUnit"},
    {"bench", upsp_cmd_bench, "measure the reference and the tools against their limits"},
};

static int help(FILE *f)
{
    fprintf(f, "usage: upsp <command> [options]\n"
               "       upsp --version | --help\n\n"
               "UPSP-suite: conformance tests and fuzzers for the UE-Paging Server Protocol.\n\n"
               "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'upsp <command> --help' describes a command.\n");
    return f == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return help(stderr);
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
        return help(stdout);
    if (!strcmp(argv[1], "--version")) {
        printf("upsp %s (UPSP protocol version %d)\n", UPSP_LIB_VERSION, UPSP_VERSION);
        return 0;
    }
    /* Commands that print a command line to rerun (repro folders) name this
     * program by its absolute path, so the line works from any directory. */
    static char self[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
    if (k <= 0)
        snprintf(self, sizeof self, "%s", argv[0]);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 2, argv + 2, self);
    fprintf(stderr, "upsp: unknown command '%s' (see 'upsp --help')\n", argv[1]);
    return 2;
}
