#!/usr/bin/env python3
"""Runs one libFuzzer target briefly on its seed corpus (read-only) and
fails on any finding. Prints executions per second.

usage: fuzz_smoke.py FUZZ_PROGRAM SEED_DIR DICT SECONDS
"""
import re
import subprocess
import sys
import tempfile


def main():
    prog, seeds, dict_path, secs = sys.argv[1:5]
    with tempfile.TemporaryDirectory() as work:
        r = subprocess.run([prog, f"-max_total_time={secs}", f"-dict={dict_path}",
                            "-print_final_stats=1", f"-artifact_prefix={work}/", work, seeds],
                           capture_output=True, text=True)
    m = re.search(r"stat::number_of_executed_units:\s*(\d+)", r.stderr)
    execs = int(m.group(1)) if m else 0
    print(f"{prog}: {execs} executions in {secs} s ({execs // max(int(secs), 1)}/s), exit {r.returncode}")
    if r.returncode != 0:
        print(r.stderr[-4000:])
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
