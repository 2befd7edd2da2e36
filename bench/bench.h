/* bench.h - `upsp bench` (bench.c). */
#ifndef UPSP_BENCH_H
#define UPSP_BENCH_H

/* Runs the benchmarks; self is the upsp program, src the source tree. */
int upsp_bench_main(int argc, char **argv, const char *self, const char *src);

#endif
