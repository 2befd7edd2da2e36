#!/usr/bin/env python3
"""The coverage rule: every MUST of docs/SPEC.md is checked by at least one
vector or scenario of `upsp certify`, or the spec's requirement index says,
with a reason, that it cannot be checked from outside ("no: ...").

usage: check_coverage.py UPSP_PROGRAM
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    listing = subprocess.run([sys.argv[1], "certify", "--list"], capture_output=True, text=True,
                             check=True).stdout
    checked = {}
    for line in listing.splitlines():
        test, _, reqs = line.partition("\t")
        for r in reqs.split():
            checked.setdefault(r, []).append(test)
    spec = (ROOT / "docs" / "SPEC.md").read_text(encoding="utf-8")
    index = spec.split("## 11. Requirement index", 1)[1].split("\n## ", 1)[0]
    problems, musts = [], 0
    for m in re.finditer(r"^\| (UPSP-[A-Z]+-\d+) \| [^|]+ \| ([^|]+) \| ([^|]+) \|", index, re.M):
        rid, keyword, outside = m.group(1), m.group(2), m.group(3).strip()
        if "MUST" not in keyword:
            continue
        musts += 1
        if rid in checked:
            continue
        if outside.startswith("no:") and len(outside) > 10:
            continue
        problems.append(f"{rid} is a MUST that no test checks and the index gives no reason")
    unknown = sorted(set(checked) - set(re.findall(r"^\| (UPSP-[A-Z]+-\d+) \|", index, re.M)))
    for rid in unknown:
        problems.append(f"tests name {rid}, which SPEC.md does not define: {checked[rid][:3]}")
    for p in problems:
        print(p)
    print(f"{musts} MUST requirements, {len(checked)} named by tests, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
