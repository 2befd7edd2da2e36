/* fuzz_empty.c - a target that does nothing, built like the others: the
 * baseline against which `upsp bench` states each target's speed. */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)data;
    (void)size;
    return 0;
}
