#!/usr/bin/env python3
"""End-to-end checks of `upsp certify` that need two runs or several
attachments:

  same-verdicts UPSP BUILD OUT   reference, lib: and exec: give identical verdicts
  deterministic UPSP OUT         two runs with one seed give identical reports
                                 apart from their timestamps
"""
import json
import pathlib
import re
import subprocess
import sys


def certify(upsp, iut, out, *extra):
    r = subprocess.run([upsp, "certify", "--iut", iut, "--out", str(out), *extra],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(f"certify --iut {iut} exited {r.returncode}\n{r.stdout}{r.stderr}")
        sys.exit(1)
    return json.loads((pathlib.Path(out) / "report.json").read_text())


def verdicts(report):
    return [(t["id"], t["verdict"]) for t in report["tests"]], \
           [(q["id"], q["verdict"]) for q in report["requirements"]]


def same_verdicts(upsp, build, out):
    out = pathlib.Path(out)
    ref = verdicts(certify(upsp, "reference", out / "ref"))
    for iut in (f"lib:{build}/lib/libupsp_iut_reference.so", f"exec:{build}/bin/upsp-shim"):
        got = verdicts(certify(upsp, iut, out / iut.split(":")[0]))
        if got != ref:
            diff = [a for a, b in zip(got[0], ref[0]) if a != b][:5]
            print(f"{iut} gives other verdicts than the reference: {diff}")
            return 1
    print(f"reference, lib: and exec: agree on {len(ref[0])} tests and {len(ref[1])} requirements")
    return 0


STAMP = re.compile(r"(generated_at\"?:\s*\"|timestamp=\"|generated )[0-9T:\-Z]+")


def deterministic(upsp, out):
    out = pathlib.Path(out)
    for run in ("a", "b"):
        certify(upsp, "reference", out / run, "--seed", "1234", "--jobs", "2" if run == "a" else "1")
    for name in ("junit.xml", "report.json", "report.html"):
        a = STAMP.sub("<ts>", (out / "a" / name).read_text())
        b = STAMP.sub("<ts>", (out / "b" / name).read_text())
        if a != b:
            print(f"{name} differs between two runs with the same seed")
            return 1
    print("two runs with seed 1234 (2 jobs and 1 job) wrote identical reports")
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "same-verdicts":
        sys.exit(same_verdicts(*sys.argv[2:5]))
    sys.exit(deterministic(*sys.argv[2:4]))
