#!/usr/bin/env python3
"""A deliberately broken process shim (docs/SHIM.md) for testing the runner:
it answers HELLO correctly, then misbehaves on the first CREATE.

usage: fake_shim.py crash|hang|garbage
"""
import os
import struct
import sys
import time

mode = sys.argv[1]
inp, out = sys.stdin.buffer, sys.stdout.buffer


def frame(body):
    out.write(struct.pack(">I", len(body)) + body)
    out.flush()


while True:
    head = inp.read(4)
    if len(head) < 4:
        sys.exit(0)
    body = inp.read(struct.unpack(">I", head)[0])
    if body[0] == 0x01:  # HELLO
        name, ver = b"fake-shim", b"0"
        frame(bytes([0]) + struct.pack(">I", 1) + bytes([len(name)]) + name + bytes([len(ver)]) +
              ver + struct.pack(">I", 0))
    elif body[0] == 0x07:
        sys.exit(0)
    elif mode == "crash":
        os.kill(os.getpid(), 9)
    elif mode == "hang":
        time.sleep(3600)
    else:
        frame(b"\xde\xad\xbe\xef" * 3)
