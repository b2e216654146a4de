#!/usr/bin/env python3
"""Compares cpni binaries on one step, interleaved in the same loop so machine noise hits them
alike (issue 14): medians of each `--debug-timings` phase and wall-clock p50/p90/p99.

usage: scripts/ab_timings.py HOME RUNS BIN...
  HOME  a home made by the latency bench (CPNI_BENCH_HOME=... cargo bench --bench latency),
        absolute path; every binary steps on its database in turn
  ARGS  the step (default "session start DEMO-1001"); TIMINGS=0 runs without --debug-timings
"""
import os, re, subprocess, sys, time, statistics as st
home, runs, bins = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
env = dict(os.environ, HOME=home, XDG_DATA_HOME=home + "/data", XDG_CONFIG_HOME=home + "/config")
env.pop("CPNI_DB", None); env.pop("CPNI_CONFIG", None)
args = os.environ.get("ARGS", "session start DEMO-1001").split()
timed = os.environ.get("TIMINGS", "1") == "1"
wall = {b: [] for b in bins}
phases = {b: {} for b in bins}
for i in range(runs):
    for b in (bins if i % 2 == 0 else bins[::-1]):
        cmd = [b] + (["--debug-timings"] if timed else []) + args
        t = time.perf_counter()
        p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        wall[b].append((time.perf_counter() - t) * 1000)
        assert p.returncode == 0, (cmd, p.stderr)
        for line in p.stderr.decode().splitlines():
            if line.startswith("cpni-timing phases"):
                for k, v in re.findall(r"(\w+)=(\d+)", line):
                    phases[b].setdefault(k, []).append(int(v))
names = []
for b in bins:
    for k in phases[b]:
        if k not in names: names.append(k)
print("phase(us,median)".ljust(18) + "".join(os.path.basename(b)[:14].rjust(15) for b in bins))
for k in names:
    print(k.ljust(18) + "".join(str(int(st.median(phases[b][k]))).rjust(15) if k in phases[b] else "-".rjust(15) for b in bins))
def pct(v, p):
    v = sorted(v); return v[round((len(v) - 1) * p)]
print("wall p50 ms".ljust(18) + "".join(f"{pct(wall[b], .5):15.2f}" for b in bins))
print("wall p90 ms".ljust(18) + "".join(f"{pct(wall[b], .9):15.2f}" for b in bins))
print("wall p99 ms".ljust(18) + "".join(f"{pct(wall[b], .99):15.2f}" for b in bins))
