/*
 * record_mutator.h - the structure-aware mutator of the record target,
 * shared by libFuzzer (LLVMFuzzerCustomMutator in fuzz_record.c) and AFL++
 * (afl_record_mutator.c). It decrypts a record with the sender's key,
 * mutates header and plaintext, and seals it again; or replays or reorders
 * records; or, a quarter of the time, leaves the bytes to the engine.
 */
#ifndef UPSP_RECORD_MUTATOR_H
#define UPSP_RECORD_MUTATOR_H

#include <stddef.h>
#include <stdint.h>

/* The engine's own byte mutation: mutates size octets in place (the buffer
 * holds max_size), returns the new size. */
typedef size_t (*fuzz_bytes_fn)(uint8_t *data, size_t size, size_t max_size, void *ctx);

/* Mutates a fuzz_record input in place; returns its new size. */
size_t fuzz_record_mutate(uint8_t *data, size_t size, size_t max_size, unsigned seed,
                          fuzz_bytes_fn bytes, void *ctx);

#endif
