#!/usr/bin/env python3
"""Generates conformance/vectors/*.json from docs/SPEC.md, independently of reference/.

Everything here is written from the spec with Python's hashlib/hmac and the
`cryptography` package (OpenSSL), so the expected values do not come from the
code under test. Output is deterministic: running it twice gives the same files,
and `--check` fails when the committed vectors differ from what it generates.
"""
import argparse
import hashlib
import hmac
import json
import pathlib
import struct
import sys

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
from cryptography.hazmat.primitives import serialization

SCHEMA_VERSION = "1"
AES, CHACHA = 0x0001, 0x0002
UA_DEFAULT = bytes([0xFF]) + b"UPS1"
FQDN = "ps.musim.example.org"
AKID = b"a-tid-0001@rid1.akma.5gc.mnc001.mcc001.3gppnetwork.org"
K_AKMA = bytes(range(32))
SERVER_PRIV = bytes.fromhex("9b3f6c215e08d47a11c28e634df02a9537be0c58e17649a32fd8641b90c57e42")


# --- primitives, as SPEC.md section 3 and 5 define them ----------------------------------------
def kdf_3gpp(key, fc, params, l_width=2, l_order="big"):
    s = bytes([fc])
    for p in params:
        s += p + len(p).to_bytes(l_width, l_order)
    return hmac.new(key, s, hashlib.sha256).digest()


def k_af(k_akma, fqdn, ua=UA_DEFAULT, **kw):
    return kdf_3gpp(k_akma, 0x82, [fqdn.encode("utf-8") + ua], **kw)


def hkdf_extract(salt, ikm):
    return hmac.new(salt if salt else bytes(32), ikm, hashlib.sha256).digest()


def hkdf_expand(prk, info, length):
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:length]


def x25519(priv, pub):
    k = X25519PrivateKey.from_private_bytes(priv)
    return k.exchange(X25519PublicKey.from_public_bytes(pub))


def x25519_pub(priv):
    return X25519PrivateKey.from_private_bytes(priv).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def aead(suite, key):
    return AESGCM(key) if suite == AES else ChaCha20Poly1305(key)


class Drbg:
    """docs/SHIM.md section 4: block i = SHA-256(SHA-256(seed as u64 BE) || i as u64 BE)."""

    def __init__(self, seed):
        self.key = hashlib.sha256(seed.to_bytes(8, "big")).digest()
        self.counter = 0
        self.buf = b""

    def take(self, n):
        while len(self.buf) < n:
            self.buf += hashlib.sha256(self.key + self.counter.to_bytes(8, "big")).digest()
            self.counter += 1
        out, self.buf = self.buf[:n], self.buf[n:]
        return out


# --- messages (SPEC.md section 4 and 7) ---------------------------------------------------------
T = {"REGISTER": 0x11, "REGISTER_ACK": 0x12, "PAGING_NOTIFY": 0x13, "PAGING_RESPONSE": 0x14,
     "DEREGISTER": 0x15, "HEARTBEAT": 0x16, "ALERT": 0x17}


def tlv(t, value):
    return bytes([t]) + len(value).to_bytes(2, "big") + value


def u8(v):
    return bytes([v])


def u32(v):
    return v.to_bytes(4, "big")


def stmsi(set_id, ptr, tmsi):
    return ((set_id << 6) | ptr).to_bytes(2, "big") + tmsi.to_bytes(4, "big")


SAMPLE = {
    "REGISTER": {"usim_index": 1, "plmn": "00f110", "amf_set_id": 0x2A5, "amf_pointer": 0x13,
                 "tmsi": 0xC0FFEE42, "lifetime": 3600, "causes": 0x1F},
    "REGISTER_ACK": {"reg_id": 7, "lifetime": 1800},
    "PAGING_NOTIFY": {"reg_id": 7, "notif_id": 1001, "paging_cause": 1, "plmn": "214365",
                      "timestamp": 1796386800},
    "PAGING_RESPONSE": {"notif_id": 1001, "result": 0},
    "DEREGISTER": {"reg_id": 7},
    "HEARTBEAT": {},
    "ALERT": {"alert_code": 0},
}


def encode(name, f):
    """The TLVs of SPEC.md 7.3, in the order of its table."""
    if name == "REGISTER":
        return (tlv(0x81, u8(f["usim_index"])) + tlv(0x82, bytes.fromhex(f["plmn"])) +
                tlv(0x83, stmsi(f["amf_set_id"], f["amf_pointer"], f["tmsi"])) +
                tlv(0x84, u32(f["lifetime"])) + tlv(0x85, u8(f["causes"])))
    if name == "REGISTER_ACK":
        return tlv(0x86, u32(f["reg_id"])) + tlv(0x84, u32(f["lifetime"]))
    if name == "PAGING_NOTIFY":
        return (tlv(0x86, u32(f["reg_id"])) + tlv(0x87, u32(f["notif_id"])) +
                tlv(0x88, u8(f["paging_cause"])) + tlv(0x82, bytes.fromhex(f["plmn"])) +
                tlv(0x89, f["timestamp"].to_bytes(8, "big")))
    if name == "PAGING_RESPONSE":
        return tlv(0x87, u32(f["notif_id"])) + tlv(0x8A, u8(f["result"]))
    if name == "DEREGISTER":
        return tlv(0x86, u32(f["reg_id"]))
    if name == "ALERT":
        return tlv(0x8B, u8(f["alert_code"]))
    return b""


# --- vector files ------------------------------------------------------------------------------
class File:
    def __init__(self, algorithm, notes):
        self.doc = {"algorithm": algorithm, "schemaVersion": SCHEMA_VERSION, "notes": notes,
                    "numberOfTests": 0, "tests": []}

    def add(self, comment, result, req_ids, flags=(), **fields):
        t = {"tcId": len(self.doc["tests"]) + 1, "comment": comment, "flags": list(flags),
             "result": result, "req_ids": list(req_ids)}
        t.update(fields)
        self.doc["tests"].append(t)
        self.doc["numberOfTests"] = len(self.doc["tests"])


def kaf_vectors():
    f = File("UPSP-KAF", "K_AF = KDF(K_AKMA, FC=0x82, P0 = FQDN || Ua* id) (SPEC.md 3.1). "
             "The IUT is configured with k_akma, af_fqdn and ua_proto; the runner's peer holds "
             "kaf. valid: the handshake must complete; invalid: it must fail.")
    ids = ["UPSP-KEY-1", "UPSP-KEY-2", "UPSP-KEY-3"]

    def add(comment, result, k, fqdn, ua, kaf, flags=()):
        f.add(comment, result, ids, flags, k_akma=k.hex(), af_fqdn=fqdn, ua_proto=ua.hex(),
              kaf=kaf.hex())

    add("fixture key, default Ua* id", "valid", K_AKMA, FQDN, UA_DEFAULT, k_af(K_AKMA, FQDN))
    k2 = hashlib.sha256(b"another K_AKMA").digest()
    add("another K_AKMA", "valid", k2, FQDN, UA_DEFAULT, k_af(k2, FQDN))
    long_fqdn = ("a" * 60 + ".") * 4 + "example.org"
    long_fqdn = long_fqdn[:255]
    add("255-octet FQDN", "valid", K_AKMA, long_fqdn, UA_DEFAULT, k_af(K_AKMA, long_fqdn),
        ["LongFqdn"])
    utf8 = "paging.bücher.example"
    add("UTF-8 FQDN (multi-octet characters count as octets in L0)", "valid", K_AKMA, utf8,
        UA_DEFAULT, k_af(K_AKMA, utf8), ["Utf8"])
    ua3 = bytes([0x01, 0x00, 0x00, 0x01, 0x00])
    add("a configured 3GPP Ua* id instead of the default", "valid", K_AKMA, FQDN, ua3,
        k_af(K_AKMA, FQDN, ua3))
    add("L0 one octet wide", "invalid", K_AKMA, FQDN, UA_DEFAULT,
        k_af(K_AKMA, FQDN, l_width=1), ["WrongLength"])
    add("L0 little-endian", "invalid", K_AKMA, FQDN, UA_DEFAULT,
        k_af(K_AKMA, FQDN, l_order="little"), ["WrongLength"])
    add("FC 0x81 instead of 0x82", "invalid", K_AKMA, FQDN, UA_DEFAULT,
        kdf_3gpp(K_AKMA, 0x81, [FQDN.encode() + UA_DEFAULT]), ["WrongFc"])
    add("Ua* id left out of P0", "invalid", K_AKMA, FQDN, UA_DEFAULT,
        kdf_3gpp(K_AKMA, 0x82, [FQDN.encode()]), ["NoUaId"])
    return f


def payload_vectors():
    f = File("UPSP-PAYLOAD", "Application-message payloads (SPEC.md 7). The runner seals "
             "`payload` in a record of type `msg` with the session's real keys and delivers it "
             "to the IUT in a state where that message is allowed. valid: delivered with "
             "`fields`; invalid: rejected.")
    for name, fields in SAMPLE.items():
        f.add(f"{name}, canonical", "valid", ["UPSP-PARSE-8"], msg=name,
              payload=encode(name, fields).hex(), fields=fields)

    def valid(comment, name, payload, ids, flags=(), **over):
        fields = dict(SAMPLE[name], **over)
        f.add(comment, "valid", ids, flags, msg=name, payload=payload.hex(), fields=fields)

    def invalid(comment, name, payload, ids, flags=()):
        f.add(comment, "invalid", ids, flags, msg=name, payload=payload.hex())

    s = SAMPLE
    ack = encode("REGISTER_ACK", s["REGISTER_ACK"])
    notify = encode("PAGING_NOTIFY", s["PAGING_NOTIFY"])
    resp = encode("PAGING_RESPONSE", s["PAGING_RESPONSE"])
    reg = encode("REGISTER", s["REGISTER"])
    valid("REGISTER_ACK, TLVs in reverse order", "REGISTER_ACK",
          tlv(0x84, u32(1800)) + tlv(0x86, u32(7)), ["UPSP-PARSE-8"], ["Order"])
    valid("unknown non-critical TLV skipped", "PAGING_NOTIFY", notify + tlv(0x7F, b"\xaa\xbb"),
          ["UPSP-PARSE-8"], ["UnknownNonCritical"])
    valid("PADDING TLV skipped", "PAGING_RESPONSE", resp + tlv(0x01, bytes(40)), ["UPSP-PARSE-8"],
          ["Padding"])
    valid("empty non-critical TLV first", "REGISTER", tlv(0x42, b"") + reg, ["UPSP-PARSE-8"])
    invalid("unknown critical TLV", "PAGING_RESPONSE", resp + tlv(0xFF, b"\x00"), ["UPSP-PARSE-8"],
            ["UnknownCritical"])
    invalid("known critical TLV that this message does not carry", "PAGING_RESPONSE",
            resp + tlv(0x86, u32(7)), ["UPSP-PARSE-8"], ["UnexpectedCritical"])
    invalid("duplicate TLV", "PAGING_NOTIFY", notify + tlv(0x87, u32(1)), ["UPSP-PARSE-7"],
            ["Duplicate"])
    invalid("duplicate non-critical TLV", "PAGING_RESPONSE",
            resp + tlv(0x7F, b"") + tlv(0x7F, b""), ["UPSP-PARSE-7"], ["Duplicate"])
    invalid("mandatory TLV missing", "PAGING_RESPONSE", tlv(0x87, u32(1001)), ["UPSP-PARSE-9"],
            ["Missing"])
    invalid("REGISTER without S_TMSI", "REGISTER",
            tlv(0x81, u8(1)) + tlv(0x82, bytes.fromhex("00f110")) + tlv(0x84, u32(3600)) +
            tlv(0x85, u8(0x1F)), ["UPSP-PARSE-9"], ["Missing"])
    invalid("TLV length past the end", "PAGING_RESPONSE", resp + b"\x7f\x00\x09\xaa",
            ["UPSP-PARSE-6"], ["Truncated"])
    invalid("TLV header cut short", "PAGING_RESPONSE", resp + b"\x7f\x00", ["UPSP-PARSE-6"],
            ["Truncated"])
    invalid("value one octet too long", "PAGING_RESPONSE",
            tlv(0x87, u32(1001) + b"\x00") + tlv(0x8A, u8(0)), ["UPSP-PARSE-10"], ["BadLength"])
    invalid("value one octet too short", "PAGING_NOTIFY",
            notify.replace(tlv(0x87, u32(1001)), tlv(0x87, u32(1001)[:3])), ["UPSP-PARSE-10"],
            ["BadLength"])
    invalid("RESULT 3 does not exist", "PAGING_RESPONSE", tlv(0x87, u32(1001)) + tlv(0x8A, u8(3)),
            ["UPSP-PARSE-10"], ["Range"])
    invalid("PAGING_CAUSE 5 does not exist", "PAGING_NOTIFY",
            notify.replace(tlv(0x88, u8(1)), tlv(0x88, u8(5))), ["UPSP-PARSE-10"], ["Range"])
    invalid("LIFETIME 0", "REGISTER_ACK", tlv(0x86, u32(7)) + tlv(0x84, u32(0)), ["UPSP-PARSE-10"],
            ["Range"])
    invalid("LIFETIME 86401", "REGISTER_ACK", tlv(0x86, u32(7)) + tlv(0x84, u32(86401)),
            ["UPSP-PARSE-10"], ["Range"])
    valid("LIFETIME 86400, the largest allowed", "REGISTER_ACK",
          tlv(0x86, u32(7)) + tlv(0x84, u32(86400)), ["UPSP-PARSE-10"], lifetime=86400)
    invalid("REG_ID 0", "REGISTER_ACK", tlv(0x86, u32(0)) + tlv(0x84, u32(1800)),
            ["UPSP-PARSE-10"], ["Range"])
    invalid("CAUSE_MASK 0", "REGISTER", reg.replace(tlv(0x85, u8(0x1F)), tlv(0x85, u8(0))),
            ["UPSP-PARSE-10"], ["Range"])
    invalid("CAUSE_MASK 0x20", "REGISTER", reg.replace(tlv(0x85, u8(0x1F)), tlv(0x85, u8(0x20))),
            ["UPSP-PARSE-10"], ["Range"])
    invalid("USIM_INDEX 8", "REGISTER", reg.replace(tlv(0x81, u8(1)), tlv(0x81, u8(8))),
            ["UPSP-PARSE-10"], ["Range"])
    invalid("ALERT code 9", "ALERT", tlv(0x8B, u8(9)), ["UPSP-PARSE-10"], ["Range"])
    invalid("PLMN with a hex digit A", "PAGING_NOTIFY",
            notify.replace(tlv(0x82, bytes.fromhex("214365")), tlv(0x82, bytes.fromhex("2a4365"))),
            ["UPSP-PARSE-15"], ["Bcd"])
    invalid("PLMN with filler F outside MNC digit 3", "REGISTER",
            reg.replace(tlv(0x82, bytes.fromhex("00f110")), tlv(0x82, bytes.fromhex("00f1f0"))),
            ["UPSP-PARSE-15"], ["Bcd"])
    invalid("trailing octet after the last TLV", "PAGING_RESPONSE", resp + b"\x00",
            ["UPSP-PARSE-5", "UPSP-PARSE-6"], ["Trailing"])
    return f


def window_vectors():
    f = File("UPSP-WINDOW", "Replay-window decisions (SPEC.md 6.4). After the handshake the "
             "runner sends HEARTBEAT records with the sequence numbers of `steps`, in order; "
             "each must be accepted or rejected as given. `window` is the IUT's configuration.")

    def add(comment, window, seqs, ids, flags=()):
        nxt, seen, steps = 0, set(), []
        for s in seqs:  # the decision rule of SPEC.md 6.4, stated directly
            ok = s >= nxt or (s + window >= nxt and s not in seen)
            steps.append({"seq": s, "result": "accept" if ok else "reject"})
            if ok:
                seen.add(s)
                nxt = max(nxt, s + 1)
        f.add(comment, "valid", ids, flags, window=window, steps=steps)

    add("in order from 0, each once, then a duplicate", 64, [0, 1, 2, 3, 2], ["UPSP-RPL-5"])
    add("sequence 0 twice", 64, [0, 0], ["UPSP-RPL-5"])
    add("left edge, W=64", 64, [100, 36, 37, 37, 99, 100], ["UPSP-RPL-6", "UPSP-RPL-7"])
    add("left edge, W=32", 32, [100, 68, 69, 70, 70], ["UPSP-RPL-6", "UPSP-RPL-7"])
    add("left edge, W=1024", 1024, [5000, 3976, 3977, 4999], ["UPSP-RPL-6", "UPSP-RPL-7"])
    add("far jump then the skipped numbers", 64, [0, 1000, 999, 937, 936, 1000],
        ["UPSP-RPL-10", "UPSP-RPL-6"])
    add("reordering inside the window", 64, [10, 5, 7, 6, 5, 11, 8], ["UPSP-RPL-10", "UPSP-RPL-5"])
    add("a ring-slot alias of an old number", 64, list(range(0, 64)) + [1024, 1000, 63],
        ["UPSP-RPL-5", "UPSP-RPL-6"], ["RingAlias"])
    add("jump past the whole ring", 64, [3, 3000, 2937, 2936, 3], ["UPSP-RPL-10", "UPSP-RPL-6"])
    return f


def handshake_kat(suite, ue_seed, ps_seed, sid_note):
    """One deterministic handshake and one record each way (SPEC.md 5 and 6)."""
    ue, ps = Drbg(ue_seed), Drbg(ps_seed)
    kaf = k_af(K_AKMA, FQDN)
    s_pub = x25519_pub(SERVER_PRIV)
    suites = [suite]
    nonce_u, e_u = ue.take(32), ue.take(32)
    E_u = x25519_pub(e_u)
    head = bytes([1, 1, len(suites)]) + b"".join(s.to_bytes(2, "big") for s in suites) + nonce_u + E_u
    z_s = x25519(e_u, s_pub)
    k_c = hkdf_expand(hkdf_extract(b"", z_s), b"upsp1 conceal" + E_u + s_pub, 32)
    pt = bytes([len(AKID)]) + AKID
    pt += bytes(256 - len(pt))
    ch = head + ChaCha20Poly1305(k_c).encrypt(bytes(12), pt, head)
    sid, nonce_s, e_s = ps.take(8), ps.take(32), ps.take(32)
    E_s = x25519_pub(e_s)
    sh0 = bytes([1, 2]) + suite.to_bytes(2, "big") + sid + nonce_s + E_s
    z_e = x25519(e_u, E_s)
    prk = hkdf_extract(kaf, z_e + z_s)
    th2 = hashlib.sha256(ch + sh0).digest()

    def expand(label, th, n):
        return hkdf_expand(prk, label.encode() + th, n)

    mac_s = hmac.new(expand("upsp1 s fin", th2, 32), th2, hashlib.sha256).digest()
    sh = sh0 + mac_s
    th3 = hashlib.sha256(ch + sh).digest()
    mac_u = hmac.new(expand("upsp1 u fin", th2, 32), th3, hashlib.sha256).digest()
    cf = bytes([1, 3]) + sid + mac_u
    nk = 16 if suite == AES else 32
    keys = {d: (expand(f"upsp1 {d} key", th3, nk), expand(f"upsp1 {d} iv", th3, 12))
            for d in ("u2s", "s2u")}

    def record(direction, name, seq):
        key, iv = keys[direction]
        flags = 1 if direction == "s2u" else 0
        hdr = bytes([1, T[name], flags]) + sid + seq.to_bytes(8, "big")
        nonce = bytes(a ^ b for a, b in zip(iv, seq.to_bytes(12, "big")))
        return hdr + aead(suite, key).encrypt(nonce, encode(name, SAMPLE[name]), hdr)

    return {"suite": suite, "ue_seed": ue_seed, "ps_seed": ps_seed, "k_akma": K_AKMA.hex(),
            "af_fqdn": FQDN, "ua_proto": UA_DEFAULT.hex(), "akid": AKID.decode(),
            "server_priv": SERVER_PRIV.hex(), "server_pub": s_pub.hex(), "kaf": kaf.hex(),
            "client_hello": ch.hex(), "server_hello": sh.hex(), "client_finished": cf.hex(),
            "register": record("u2s", "REGISTER", 0).hex(),
            "register_ack": record("s2u", "REGISTER_ACK", 0).hex(),
            "key_u2s": keys["u2s"][0].hex(), "iv_u2s": keys["u2s"][1].hex(),
            "key_s2u": keys["s2u"][0].hex(), "iv_s2u": keys["s2u"][1].hex(), "note": sid_note}


def kat_vectors():
    f = File("UPSP-HANDSHAKE-KAT", "Deterministic handshakes (SPEC.md 5, 6): the IUT draws its "
             "randomness from the generator of docs/SHIM.md section 4 seeded with ue_seed (as "
             "UE, offering only `suite`) or ps_seed (as paging server). Every octet it sends "
             "must equal the vector. Needs the deterministic_rng capability.")
    ids = ["UPSP-KEY-4", "UPSP-KEY-5", "UPSP-KEY-10", "UPSP-CONF-2", "UPSP-INT-1", "UPSP-INT-6",
           "UPSP-RPL-1"]
    for suite, name in ((CHACHA, "ChaCha20-Poly1305"), (AES, "AES-128-GCM")):
        v = handshake_kat(suite, 0x55450001 + suite, 0x50530001 + suite, name)
        f.add(f"handshake and first records, {name}", "valid", ids, ["DeterministicRng"], **v)
    return f


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(pathlib.Path(__file__).resolve().parent.parent / "vectors"))
    ap.add_argument("--check", action="store_true", help="compare with the files instead of writing")
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    files = {"kaf.json": kaf_vectors(), "payloads.json": payload_vectors(),
             "window.json": window_vectors(), "handshake_kat.json": kat_vectors()}
    bad = 0
    for name, f in files.items():
        text = json.dumps(f.doc, indent=1, ensure_ascii=False) + "\n"
        path = out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"{path} differs from what gen_vectors.py generates")
                bad = 1
        else:
            path.write_text(text, encoding="utf-8")
    if args.check and not bad:
        print(f"{len(files)} vector files match the generator")
    return bad


if __name__ == "__main__":
    sys.exit(main())
