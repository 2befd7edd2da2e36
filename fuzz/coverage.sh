#!/usr/bin/env bash
# Line and branch coverage of reference/ by the whole corpus (seeds, merged
# inputs and crashes), with clang's source-based coverage (llvm-cov).
# usage: fuzz/coverage.sh [OUT_DIR]   (default: reports/coverage)
# Writes OUT_DIR/summary.txt (per file) and OUT_DIR/html/index.html.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$src/reports/coverage}"
build="$src/build/coverage"
profile_tool=$(command -v llvm-profdata-14 || command -v llvm-profdata)
cov_tool=$(command -v llvm-cov-14 || command -v llvm-cov)
cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
      -DUPSP_BUILD_TESTS=OFF -DCMAKE_C_FLAGS="-fprofile-instr-generate -fcoverage-mapping" \
      >"$build.log" 2>&1 || { cat "$build.log"; exit 2; }
targets=$(sed -n "s/^set(UPSP_FUZZ_TARGETS \\([a-z_ ]*\\))$/\\1/p" "$src/fuzz/CMakeLists.txt")
for t in $targets; do
  cmake --build "$build" --target "replay_$t" -j2 >>"$build.log" 2>&1 || { tail -20 "$build.log"; exit 2; }
done
prof="$build/profiles"
rm -rf "$prof" && mkdir -p "$prof" "$out"
objects=()
for t in $targets; do
  # One process per input, like the replay test; a crashing input still
  # leaves its profile.
  { find "$src/corpus/$t" "$src/corpus/crashes/$t" -type f -not -path '*/.*' 2>/dev/null || true; } |
    while read -r f; do
      LLVM_PROFILE_FILE="$prof/$t-%p.profraw" "$build/bin/replay_$t" "$f" >/dev/null 2>&1 || true
    done
  objects+=(-object "$build/bin/replay_$t")
done
"$profile_tool" merge -sparse "$prof"/*.profraw -o "$build/corpus.profdata"
"$cov_tool" report "${objects[@]:1}" -instr-profile "$build/corpus.profdata" \
  "$src/reference/src" >"$out/summary.txt"
"$cov_tool" show "${objects[@]:1}" -instr-profile "$build/corpus.profdata" -format=html \
  -output-dir "$out/html" "$src/reference/src" >/dev/null
tail -1 "$out/summary.txt"
