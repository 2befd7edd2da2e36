/* cli.h - subcommands of the upsp program and their shared helpers. */
#ifndef UPSP_CLI_H
#define UPSP_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Each subcommand takes the arguments after its name. Exit codes: 0 success,
 * 1 the checked thing failed, 2 usage or environment error. */
int upsp_cmd_demo(int argc, char **argv);

/* Prints len octets as indented hex lines of 16 octets. */
void upsp_cli_hex(FILE *f, const uint8_t *p, size_t len);

/* Prints the fields of a message as it is on the wire (clear parts only). */
void upsp_cli_wire(FILE *f, const uint8_t *msg, size_t len);

/* Parses a decimal or 0x-hex unsigned 64-bit number; 0 on success. */
int upsp_cli_u64(const char *s, uint64_t *out);

#endif
