#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build: compiles libupsp and every fuzz target
# with the engine's $CC, $CFLAGS and $LIB_FUZZING_ENGINE, and puts into $OUT
# each target with its seed corpus (<target>_seed_corpus.zip), dictionary
# (<target>.dict) and options (<target>.options). Run from the source tree
# ($SRC/upsp-suite in the container; any checkout elsewhere).
cd "$(dirname "$0")/.."
: "${CC:=clang}" "${CFLAGS:=}" "${LIB_FUZZING_ENGINE:=-fsanitize=fuzzer}" "${OUT:?set OUT}"
work="${WORK:-$(mktemp -d)}/upsp-objs"
mkdir -p "$work" "$OUT"

wolf_cflags=$(pkg-config --cflags wolfssl 2>/dev/null || true)
wolf_libs=$(pkg-config --libs wolfssl 2>/dev/null || echo -lwolfssl)
inc="-Ireference/include -Iharness/fixture -Ifuzz $wolf_cflags"
objs=()
for src in reference/src/*.c harness/fixture/fixture.c fuzz/fuzz_common.c fuzz/record_mutator.c; do
  obj="$work/$(basename "${src%.c}").o"
  # shellcheck disable=SC2086
  $CC $CFLAGS -std=c11 -D_POSIX_C_SOURCE=200809L $inc -c "$src" -o "$obj"
  objs+=("$obj")
done

for src in fuzz/fuzz_*.c; do
  t=$(basename "${src%.c}")
  # Not targets here: the shared code, fuzz_diff (it needs an IUT library to
  # load; upsp fuzz runs it) and fuzz_empty (upsp bench's baseline).
  case "$t" in fuzz_common|fuzz_diff|fuzz_empty) continue ;; esac
  name=${t#fuzz_}
  # shellcheck disable=SC2086
  # The custom mutator calls LLVMFuzzerMutate, which only libFuzzer provides.
  engine_def=""
  [ "${FUZZING_ENGINE:-libfuzzer}" = libfuzzer ] && engine_def=-DUPSP_LIBFUZZER
  # shellcheck disable=SC2086
  $CC $CFLAGS -std=c11 -D_POSIX_C_SOURCE=200809L $engine_def $inc -c "$src" -o "$work/$t.o"
  # The engine's driver is C++ (libFuzzer, AFL++'s driver): link with $CXX.
  # shellcheck disable=SC2086
  ${CXX:-clang++} $CFLAGS "$work/$t.o" "${objs[@]}" $LIB_FUZZING_ENGINE $wolf_libs -o "$OUT/$t"
  cp "fuzz/dict/$name.dict" "$OUT/$t.dict"
  printf '[libfuzzer]\ndict = %s.dict\nmax_len = 4096\n' "$t" > "$OUT/$t.options"
  (cd "corpus/$name" && python3 -m zipfile -c "$OUT/${t}_seed_corpus.zip" .)
done
echo "build.sh: $(ls "$OUT" | grep -c '^fuzz_[a-z_]*$') targets in $OUT"
