/* bench_cmd.c - `upsp bench` (the measuring is in bench/). */
#include "bench.h"
#include "cli.h"

int upsp_cmd_bench(int argc, char **argv, const char *self)
{
    return upsp_bench_main(argc, argv, self, UPSP_SOURCE_DIR);
}
