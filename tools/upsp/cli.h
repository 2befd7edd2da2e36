/* cli.h - subcommands of the upsp program and their shared helpers. */
#ifndef UPSP_CLI_H
#define UPSP_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Each subcommand takes the arguments after its name and the program's path
 * (for commands it prints). Exit codes: 0 success, 1 the checked thing
 * failed, 2 usage or environment error. */
int upsp_cmd_demo(int argc, char **argv, const char *self);
int upsp_cmd_certify(int argc, char **argv, const char *self);
int upsp_cmd_selftest(int argc, char **argv, const char *self);
int upsp_cmd_mutants(int argc, char **argv, const char *self);
int upsp_cmd_fuzz(int argc, char **argv, const char *self);
int upsp_cmd_bench(int argc, char **argv, const char *self);

/* Options shared by certify and selftest. */
typedef struct {
    const char *iut;
    int roles;
    const char *ics;
    const char *filter;
    uint64_t seed;
    unsigned jobs;
    const char *out;
    const char *vectors;
    const char *self;
    int quiet;
} upsp_certify_opts;

struct cert_run;
/* Runs a certification; returns the exit code (2 with err set). */
int upsp_certify(const upsp_certify_opts *o, struct cert_run *run, char *err, size_t n);
/* Where mutant libraries are: <dir of the program>/../lib. */
void upsp_cli_mutant_dir(char *out, size_t n);
/* Online CPUs, the default for --jobs. */
int upsp_cli_jobs(void);

/* Prints len octets as indented hex lines of 16 octets. */
void upsp_cli_hex(FILE *f, const uint8_t *p, size_t len);

/* Prints the fields of a message as it is on the wire (clear parts only). */
void upsp_cli_wire(FILE *f, const uint8_t *msg, size_t len);

/* Parses a decimal or 0x-hex unsigned 64-bit number; 0 on success. */
int upsp_cli_u64(const char *s, uint64_t *out);

#endif
