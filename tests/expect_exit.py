#!/usr/bin/env python3
"""Runs a command and checks its exit code and, for exit 2, that it explains
itself in exactly one line on stderr.

usage: expect_exit.py CODE [--env K=V] -- COMMAND ARGS...
"""
import os
import subprocess
import sys

code = int(sys.argv[1])
args = sys.argv[2:]
env = dict(os.environ)
while args and args[0] == "--env":
    k, _, v = args[1].partition("=")
    env[k] = v
    args = args[2:]
if args and args[0] == "--":
    args = args[1:]
r = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)
errs = [l for l in r.stderr.splitlines() if l.strip()]
ok = r.returncode == code and (code != 2 or len(errs) == 1)
print(f"exit {r.returncode} (want {code}); stderr: {errs}")
if not ok:
    print(r.stdout[-2000:])
sys.exit(0 if ok else 1)
