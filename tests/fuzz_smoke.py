#!/usr/bin/env python3
"""Runs one libFuzzer target briefly on its seed corpus (read-only).

usage: fuzz_smoke.py [--expect-finding] FUZZ_PROGRAM SEED_DIR DICT SECONDS
       fuzz_smoke.py --compare STRUCTURED PLAIN SEED_DIR DICT SECONDS

Without --expect-finding: fails on any finding (the reference must be clean)
and prints executions per second. With it: the program is built from a
mutant, and the run must end in a finding within SECONDS; prints the time it
took and the oracle or sanitizer report that fired. With --compare: both
programs get the same time; STRUCTURED (the re-encrypting mutator) must find
the planted bug and PLAIN (byte mutation only) must not.
"""
import re
import subprocess
import sys
import tempfile
import time


def fuzz(prog, seeds, dict_path, secs):
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as work:
        r = subprocess.run([prog, f"-max_total_time={secs}", f"-dict={dict_path}", "-seed=1",
                            "-print_final_stats=1", f"-artifact_prefix={work}/", work, seeds],
                           capture_output=True, text=True)
    took = time.monotonic() - t0
    m = re.search(r"stat::number_of_executed_units:\s*(\d+)", r.stderr)
    execs = int(m.group(1)) if m else 0
    found = r.returncode != 0 and ("deadly signal" in r.stderr or "ERROR:" in r.stderr)
    why = re.search(r"==UPSP ORACLE== (?!/)(.*)", r.stderr) or \
        re.search(r"ERROR: (AddressSanitizer: \S+|LeakSanitizer.*)", r.stderr)
    return r, took, execs, found, why.group(1) if why else "-"


def compare(structured, plain, seeds, dict_path, secs):
    _, t1, e1, f1, w1 = fuzz(structured, seeds, dict_path, secs)
    _, t2, e2, f2, w2 = fuzz(plain, seeds, dict_path, secs)
    print(f"re-encrypting mutator: {'found' if f1 else 'NOT found'} after {t1:.2f} s, {e1} executions: {w1}")
    print(f"plain byte mutation:   {'found' if f2 else 'NOT found'} after {t2:.2f} s, {e2} executions: {w2}")
    return 0 if f1 and not f2 else 1


def main():
    args = sys.argv[1:]
    if args and args[0] == "--compare":
        return compare(*args[1:6])
    expect = args and args[0] == "--expect-finding"
    if expect:
        args = args[1:]
    prog, seeds, dict_path, secs = args[:4]
    r, took, execs, found, why = fuzz(prog, seeds, dict_path, secs)
    if expect:
        print(f"{prog}: {'found' if found else 'NOT found'} after {took:.2f} s, {execs} executions"
              f": {why}")
        return 0 if found else 1
    print(f"{prog}: {execs} executions in {secs} s ({execs // max(int(secs), 1)}/s), exit {r.returncode}")
    if r.returncode != 0:
        print(r.stderr[-4000:])
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
