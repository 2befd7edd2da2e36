#!/usr/bin/env bash
# Runs .clusterfuzzlite/build.sh with the variables OSS-Fuzz sets for a
# libFuzzer + ASan build, then checks that every target, its dictionary,
# options and seed corpus are in $OUT and that each target runs its seeds.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export CC=clang CXX=clang++ OUT="$tmp/out" WORK="$tmp/work" SRC="$src" SANITIZER=address \
       FUZZING_ENGINE=libfuzzer LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
       CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
mkdir -p "$WORK"
bash "$src/.clusterfuzzlite/build.sh" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
n=0
for t in "$src"/fuzz/fuzz_*.c; do
  name=$(basename "${t%.c}")
  case "$name" in fuzz_common|fuzz_diff|fuzz_empty) continue ;; esac
  for f in "$name" "$name.dict" "$name.options" "${name}_seed_corpus.zip"; do
    [ -s "$OUT/$f" ] || { echo "missing $OUT/$f"; exit 1; }
  done
  mkdir -p "$tmp/seeds/$name"
  (cd "$tmp/seeds/$name" && python3 -m zipfile -e "$OUT/${name}_seed_corpus.zip" .)
  "$OUT/$name" -runs=0 "$tmp/seeds/$name" >"$tmp/run.log" 2>&1 || { cat "$tmp/run.log"; exit 1; }
  n=$((n + 1))
done
echo "OSS-Fuzz build: $n targets built and run on their seed corpora"
