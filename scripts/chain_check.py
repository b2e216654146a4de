#!/usr/bin/env python3
"""Independent check of a cpni audit chain, written from docs/audit-format.md only.

Usage: chain_check.py DB
Prints `records N`, `forks N`, `gaps N`, `bad_hashes N`, `bad_links N` and exits 1 if any of the
last four is not zero. Uses Python's own sqlite3 module and hashlib, nothing from cpni.
"""
import hashlib
import sqlite3
import struct
import sys

FIELDS = ("at", "actor", "on_behalf_of", "account", "session", "event", "detail")


def canonical(row):
    out = struct.pack(">Q", row["seq"])
    for f in FIELDS:
        b = row[f].encode("utf-8")
        out += struct.pack(">I", len(b)) + b
    return out


def check(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    rows = con.execute(
        "SELECT seq, at, actor, on_behalf_of, account, session, event, detail, prev_hash, hash "
        "FROM audit ORDER BY seq"
    )
    # After a purge the chain starts from the latest base (docs/audit-format.md, "Purge").
    base = con.execute("SELECT seq, hash FROM audit_base ORDER BY seq DESC LIMIT 1").fetchone()
    prev = bytes(base["hash"]) if base else bytes(32)
    expected_seq = base["seq"] + 1 if base else None
    counts = {"records": 0, "gaps": 0, "bad_hashes": 0, "bad_links": 0}
    for row in rows:
        counts["records"] += 1
        if expected_seq is not None and row["seq"] != expected_seq:
            counts["gaps"] += 1
        expected_seq = row["seq"] + 1
        if bytes(row["prev_hash"]) != prev:
            counts["bad_links"] += 1
        h = hashlib.sha256(bytes(row["prev_hash"]) + canonical(row)).digest()
        if h != bytes(row["hash"]):
            counts["bad_hashes"] += 1
        prev = bytes(row["hash"])
    forks = con.execute(
        "SELECT count(*) FROM (SELECT prev_hash FROM audit GROUP BY prev_hash HAVING count(*) > 1)"
    ).fetchone()[0]
    counts["forks"] = forks
    return counts


if __name__ == "__main__":
    c = check(sys.argv[1])
    for k in ("records", "forks", "gaps", "bad_hashes", "bad_links"):
        print(f"{k} {c[k]}")
    sys.exit(1 if c["forks"] or c["gaps"] or c["bad_hashes"] or c["bad_links"] else 0)
