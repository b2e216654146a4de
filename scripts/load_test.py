#!/usr/bin/env python3
"""Concurrency load test: P processes released at the same instant, each running S audited
steps (`cpni session start` then `cpni session end`, alternating) against one database.

Usage: scripts/load_test.py [--procs 64] [--steps 200] [--bin target/release/cpni] [--runs 1]
Prints `name value unit` lines (the machine's load average before each run, and the time each
step waited for and then held the writer lock, from `--debug-timings`) and exits 1 unless every
step succeeded, the audit chain is intact (no gap, no fork, every hash right; checked
independently by scripts/chain_check.py and, when available, by `cpni audit verify`), and the
expected number of records is there.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from multiprocessing import Process, Queue

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import chain_check  # noqa: E402


def worker(binary, env, steps, start_at, q):
    while time.time() < start_at:
        time.sleep(0.0005)
    waits, locks, holds, failures, session = [], [], [], [], None
    for i in range(steps):
        args = [binary, "--debug-timings", "session", "start", "DEMO-1001"] if session is None else [binary, "--debug-timings", "session", "end", session]
        t0 = time.perf_counter()
        r = subprocess.run(args, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        waits.append(time.perf_counter() - t0)
        for line in r.stderr.splitlines():
            if line.startswith("cpni-timing lock_wait_us="):
                locks.append(int(line.split("=")[1]) / 1e6)
            elif line.startswith("cpni-timing lock_hold_us="):
                holds.append(int(line.split("=")[1]) / 1e6)
        if r.returncode != 0:
            failures.append(f"step {i}: exit {r.returncode}: {r.stderr.strip()[:200]}")
            session = None
            continue
        session = r.stdout.strip() if session is None else None
    q.put((waits, failures, locks, holds))


def one_run(binary, procs, steps):
    home = tempfile.mkdtemp(prefix="cpni-load-")
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config")
    for k in ("CPNI_DB", "CPNI_CONFIG"):
        env.pop(k, None)
    subprocess.run([binary, "init", "--demo", "-q"], env=env, check=True)
    db = f"{home}/data/cpni/cpni.db"
    base = int(subprocess.run(["sqlite3", db, "select count(*) from audit"], capture_output=True, text=True, check=True).stdout)
    q = Queue()
    start_at = time.time() + 1.0
    ps = [Process(target=worker, args=(binary, env, steps, start_at, q)) for _ in range(procs)]
    for p in ps:
        p.start()
    results = [q.get() for _ in ps]
    for p in ps:
        p.join()
    elapsed = time.time() - start_at
    waits = sorted(w for r in results for w in r[0])
    failures = [f for r in results for f in r[1]]
    locks = sorted(w for r in results for w in r[2])
    holds = sorted(w for r in results for w in r[3])
    c = chain_check.check(db)
    verify = subprocess.run([binary, "audit", "verify"], env=env, capture_output=True, text=True)
    ok = (not failures and c["records"] == base + procs * steps
          and not (c["forks"] or c["gaps"] or c["bad_hashes"] or c["bad_links"]))
    verify_known = "unrecognized subcommand" not in verify.stderr
    if verify_known and verify.returncode != 0:
        ok = False
    print(f"load_steps_ok {len(waits) - len(failures)} steps")
    print(f"load_steps_failed {len(failures)} steps")
    print(f"load_records_added {c['records'] - base} records")
    print(f"load_forks {c['forks']} forks")
    print(f"load_gaps {c['gaps']} gaps")
    print(f"load_bad_hashes {c['bad_hashes'] + c['bad_links']} records")
    print(f"load_audit_verify_exit {verify.returncode if verify_known else 'n/a'} code")
    print(f"load_throughput {len(waits) / elapsed:.0f} steps/s")
    print(f"load_step_p50 {waits[len(waits) // 2] * 1000:.1f} ms")
    print(f"load_step_p99 {waits[int(len(waits) * 0.99)] * 1000:.1f} ms")
    print(f"load_step_max {waits[-1] * 1000:.1f} ms")
    print(f"load_lock_wait_p99 {locks[int(len(locks) * 0.99)] * 1000:.1f} ms")
    print(f"load_lock_wait_max {locks[-1] * 1000:.1f} ms")
    if holds:
        print(f"load_lock_hold_p50 {holds[len(holds) // 2] * 1000:.2f} ms")
        print(f"load_lock_hold_p99 {holds[int(len(holds) * 0.99)] * 1000:.2f} ms")
        print(f"load_lock_hold_max {holds[-1] * 1000:.1f} ms")
    for f in failures[:10]:
        print(f"  failure: {f}", file=sys.stderr)
    return ok, locks[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--procs", type=int, default=64)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "cpni"))
    a = ap.parse_args()
    all_ok = True
    for run in range(a.runs):
        print(f"# run {run + 1} of {a.runs}: {a.procs} processes x {a.steps} steps")
        # The machine's load just before the run (other work on it skews every figure).
        print("load_avg_before {:.2f} {:.2f} {:.2f} (1/5/15 min)".format(*os.getloadavg()))
        ok, longest = one_run(os.path.abspath(a.bin), a.procs, a.steps)
        # The wait is the time a step waited for the writer lock (the queue of appends);
        # the whole-step times above also include process start-up and CPU queueing.
        print(f"load_lock_wait_under_1s {'yes' if longest < 1.0 else 'no'} flag")
        all_ok = all_ok and ok
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
