#!/usr/bin/env python3
"""Gateway benchmark: one audited step (`session start`, then `session end`) run locally as the
service account, through `ssh` to the gateway, and through `ssh` sharing one connection
(ControlMaster); then A agents at once, each with their own key, through one sshd.

Usage (as root: it creates the service account cpni-svc-bench and starts its own sshd):
  scripts/gateway_bench.py [--bin target/release/cpni] [--steps 40] [--agents 32] [--agent-steps 10]
Prints `name value unit` lines, ratios against the local run measured in the same run, and
exits 1 unless every concurrent step succeeded and the audit chain verifies.
"""
import argparse
import os
import pwd
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from multiprocessing import Process, Queue

SVC = "cpni-svc-bench"
HOME = "/var/lib/cpni-svc-bench"
BIN_DIR = "/usr/local/lib/cpni-bench"
ACCOUNT = "DEMO-1001"


def sh(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def ensure_account():
    try:
        pwd.getpwnam(SVC)
    except KeyError:
        subprocess.run(["useradd", "--system", "--create-home", "--shell", "/bin/sh", "--home-dir", HOME, SVC], check=False)
        pwd.getpwnam(SVC)
    sh("usermod", "-p", "*", SVC)
    os.makedirs(HOME, exist_ok=True)
    shutil.chown(HOME, SVC, SVC)
    os.chmod(HOME, 0o700)
    for d in (".ssh", ".config", ".local"):
        shutil.rmtree(os.path.join(HOME, d), ignore_errors=True)


def install(binary):
    os.makedirs(BIN_DIR, exist_ok=True)
    os.chmod(BIN_DIR, 0o755)
    dest = os.path.join(BIN_DIR, "cpni")
    shutil.copy(binary, dest + ".tmp")
    os.chmod(dest + ".tmp", 0o755)
    os.replace(dest + ".tmp", dest)
    return dest


def as_svc(args, **kw):
    pw = pwd.getpwnam(SVC)
    env = {"HOME": HOME, "PATH": "/usr/bin:/bin"}
    return subprocess.run(args, user=pw.pw_uid, group=pw.pw_gid, extra_groups=[], env=env, cwd=HOME,
                          capture_output=True, text=True, **kw)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_sshd(tmp, port):
    os.makedirs("/run/sshd", exist_ok=True)
    hk = f"{tmp}/host_ed25519"
    sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hk)
    cfg = f"{tmp}/sshd_config"
    with open(cfg, "w") as f:
        f.write(f"Port {port}\nListenAddress 127.0.0.1\nHostKey {hk}\nPidFile {tmp}/sshd.pid\n"
                "UsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                f"AuthorizedKeysFile .ssh/authorized_keys\nAllowUsers {SVC}\nPermitUserEnvironment no\n"
                "MaxStartups 200\nMaxSessions 64\nLogLevel ERROR\n")
    p = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", cfg], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=open(f"{tmp}/sshd.log", "w"))
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return p
        except OSError:
            time.sleep(0.05)
    raise SystemExit("sshd did not start")


def ssh_base(key, port, extra=()):
    return ["ssh", "-F", "none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
            "-i", key, "-p", str(port), *extra, "--", f"{SVC}@127.0.0.1"]


def steps(run, n):
    """Alternates session start / end; returns per-step seconds, failures and lock waits."""
    times, failures, locks, session = [], [], [], None
    for i in range(n):
        cmd = f"--debug-timings session start {ACCOUNT}" if session is None else f"--debug-timings session end {session}"
        t0 = time.perf_counter()
        r = run(cmd)
        times.append(time.perf_counter() - t0)
        for line in r.stderr.splitlines():
            if line.startswith("cpni-timing lock_wait_us="):
                locks.append(int(line.split("=")[1]) / 1e6)
        if r.returncode != 0:
            failures.append(f"step {i}: exit {r.returncode}: {r.stderr.strip()[:200]}")
            session = None
            continue
        session = r.stdout.strip() if session is None else None
    return times, failures, locks


def q(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def agent_worker(key, port, n, start_at, out):
    while time.time() < start_at:
        time.sleep(0.0005)
    out.put(steps(lambda c: subprocess.run(ssh_base(key, port) + [c], capture_output=True, text=True,
                                           stdin=subprocess.DEVNULL), n))


def main():
    ap = argparse.ArgumentParser()
    default = "target/release/cpni" if os.path.exists("target/release/cpni") else "target/debug/cpni"
    ap.add_argument("--bin", default=default)
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--agents", type=int, default=32)
    ap.add_argument("--agent-steps", type=int, default=10)
    a = ap.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("run as root: the benchmark creates the service account and starts sshd")
    ensure_account()
    binary = install(os.path.abspath(a.bin))
    cfgdir = f"{HOME}/.config/cpni"
    r = as_svc(["/bin/sh", "-c", f"umask 077; mkdir -p {cfgdir} && : > {cfgdir}/config.toml"])
    assert r.returncode == 0, r.stderr
    r = as_svc([binary, "init", "--demo", "-q"])
    assert r.returncode == 0, r.stderr
    tmp = tempfile.mkdtemp(prefix="cpni-gwbench-")
    port = free_port()
    sshd = start_sshd(tmp, port)
    try:
        keys = []
        for i in range(a.agents):
            k = f"{tmp}/agent{i:02}"
            sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", k)
            r = as_svc([binary, "agent", "add", f"agent{i:02}", "--role", "agent", "--ssh-key-file", "-"],
                       input=open(k + ".pub").read())
            assert r.returncode == 0, r.stderr
            keys.append(k)
        print(f"binary {a.bin} path")
        local, f1, _ = steps(lambda c: as_svc([binary, *c.split()], stdin=subprocess.DEVNULL), a.steps)
        plain, f2, _ = steps(lambda c: subprocess.run(ssh_base(keys[0], port) + [c], capture_output=True,
                                                      text=True, stdin=subprocess.DEVNULL), a.steps)
        sock = f"{tmp}/cm.sock"
        subprocess.run(ssh_base(keys[0], port, ["-M", "-S", sock, "-o", "ControlPersist=60", "-f", "-N"]),
                       check=True, stdin=subprocess.DEVNULL)
        shared, f3, _ = steps(lambda c: subprocess.run(ssh_base(keys[0], port, ["-S", sock]) + [c],
                                                       capture_output=True, text=True, stdin=subprocess.DEVNULL), a.steps)
        subprocess.run(ssh_base(keys[0], port, ["-S", sock, "-O", "exit"]), capture_output=True)
        if f1 or f2 or f3:
            print("failures:", (f1 + f2 + f3)[:5], file=sys.stderr)
            return 1
        ml, mp, ms = statistics.median(local), statistics.median(plain), statistics.median(shared)
        print(f"step_local_median {ml * 1e3:.2f} ms")
        print(f"step_local_p90 {q(local, 0.9) * 1e3:.2f} ms")
        print(f"step_ssh_median {mp * 1e3:.2f} ms")
        print(f"step_ssh_p90 {q(plain, 0.9) * 1e3:.2f} ms")
        print(f"step_ssh_controlmaster_median {ms * 1e3:.2f} ms")
        print(f"step_ssh_controlmaster_p90 {q(shared, 0.9) * 1e3:.2f} ms")
        print(f"ratio_ssh_vs_local {mp / ml:.2f} x")
        print(f"ratio_ssh_controlmaster_vs_local {ms / ml:.2f} x")
        print(f"ratio_ssh_vs_controlmaster {mp / ms:.2f} x")
        db = f"{HOME}/.local/share/cpni/cpni.db"
        count = "select count(*) from audit where event in ('session.start','session.end')"
        before = int(sh("sqlite3", db, count).stdout)
        out = Queue()
        start_at = time.time() + 1.0
        ps = [Process(target=agent_worker, args=(k, port, a.agent_steps, start_at, out)) for k in keys]
        for p in ps:
            p.start()
        results = [out.get() for _ in ps]
        for p in ps:
            p.join()
        elapsed = time.time() - start_at
        times = [t for r in results for t in r[0]]
        fails = [f for r in results for f in r[1]]
        locks = [w for r in results for w in r[2]]
        print(f"concurrent_agents {a.agents} agents")
        print(f"concurrent_steps {len(times)} steps")
        print(f"concurrent_failures {len(fails)} steps")
        print(f"concurrent_throughput {len(times) / elapsed:.1f} steps/s")
        print(f"concurrent_step_median {statistics.median(times) * 1e3:.1f} ms")
        print(f"concurrent_step_p99 {q(times, 0.99) * 1e3:.1f} ms")
        print(f"concurrent_step_max {max(times) * 1e3:.1f} ms")
        print(f"writer_lock_wait_median {statistics.median(locks) * 1e3:.2f} ms" if locks else "writer_lock_wait_median nan ms")
        print(f"writer_lock_wait_max {max(locks) * 1e3:.2f} ms" if locks else "writer_lock_wait_max nan ms")
        print(f"ratio_concurrent_median_vs_single_ssh {statistics.median(times) / mp:.2f} x")
        v = as_svc([binary, "audit", "verify"], stdin=subprocess.DEVNULL)
        print(f"chain_verifies {int(v.returncode == 0)} bool")
        expected = len(times) - len(fails)
        n = int(sh("sqlite3", db, count).stdout) - before
        print(f"concurrent_records {n} records (expected {expected})")
        for f in fails[:5]:
            print("failure:", f, file=sys.stderr)
        return 0 if not fails and v.returncode == 0 and n == expected else 1
    finally:
        sshd.kill()
        sshd.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
