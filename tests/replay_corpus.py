#!/usr/bin/env python3
"""Runs every file of the given corpus folders through a replay program, each
file in its own process, and fails on any crash, leak, sanitizer report or
oracle violation (any non-zero exit).

usage: replay_corpus.py REPLAY_PROGRAM DIR...
"""
import pathlib
import subprocess
import sys


def main():
    prog, dirs = sys.argv[1], sys.argv[2:]
    # Hidden folders (.meta) hold what is known about a finding, not inputs.
    files = sorted(f for d in dirs if pathlib.Path(d).is_dir()
                   for f in pathlib.Path(d).rglob("*")
                   if f.is_file() and not any(p.startswith(".") for p in f.relative_to(d).parts))
    bad = 0
    for f in files:
        r = subprocess.run([prog, str(f)], capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            bad += 1
            print(f"FAIL {f} (exit {r.returncode})\n{r.stderr[-3000:]}")
    print(f"{len(files)} files replayed, {bad} failed")
    if not files:
        print("no corpus files: nothing was checked")
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
