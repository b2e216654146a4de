#!/usr/bin/env python3
"""Crash test: SIGKILL a write-heavy cpni workload at random moments, then check the database.

Usage: scripts/crash_test.py [--trials 50] [--workers 6] [--bin target/release/cpni]
                             [--min-ms 150] [--max-ms 2500] [--seed N] [--keep]

Each trial starts a process group of WORKERS loops against one database (shared by all trials, so
later trials run on a database that earlier crashes left behind). Each loop does, again and
again: session start, PIN, disclose, mail-code (a code plus a queued letter), set-email with the
change notices, session end, and now and then customer add and notify send. After a random delay
the whole group (loops and the cpni processes they run) gets SIGKILL. Then:

- the database opens (`cpni customer list`) and `PRAGMA integrity_check` says ok;
- scripts/chain_check.py finds no gap, fork, bad hash or bad link, and `cpni audit verify`
  passes (when this build has it);
- every state change has its audit record and every record its state change (sessions and
  session.start, ended sessions and session.end, verified sessions and auth.*.ok, disclosures of
  verified sessions, codes and code.issued, outbox items and the records naming them,
  customers and customer.add, email_since and the last customer.change);
- `cpni notify send --now` then delivers everything still queued, and nothing is sent twice.

Prints `name value unit` lines; exits 1 unless every trial passed.
"""
import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import chain_check  # noqa: E402

PIN = "804713"  # DEMO-1001's public demo PIN (README)


# --------------------------------------------------------------------------- the workload

def worker(binary, env, wid, trial):
    """One write-heavy loop; runs until killed."""
    k = 0

    def cpni(*args, stdin=None):
        return subprocess.run([binary, *args], env=env, input=stdin, capture_output=True,
                              text=True)

    while True:
        k += 1
        r = cpni("--json", "session", "start", "DEMO-1001")
        if r.returncode != 0:
            continue
        s = json.loads(r.stdout)["session"]
        cpni("session", "pin", s, "--pin-stdin", stdin=PIN + "\n")
        cpni("session", "disclose", s, "--scope", "account", "--purpose", "customer-request",
             "--note", f"crash w{wid} k{k}")
        cpni("session", "mail-code", s)
        cpni("customer", "set-email", "DEMO-1001", "--email", f"t{trial}w{wid}k{k}@example.com",
             "--session", s)
        cpni("session", "end", s)
        if k % 3 == 0:
            cpni("customer", "add", f"C-T{trial}-W{wid}-K{k}", "--name", "Crash Test",
                 "--phone", "+1 202 555 0199", "--email", "crash@example.com",
                 "--street", "1 Main St", "--city", "Arlington", "--region", "VA",
                 "--postal-code", "22201", "--country", "US")
        if k % 4 == 0:
            cpni("notify", "send")


def group_main(binary, env, workers, trial):
    """The process-group leader: forks the loops and waits (until SIGKILL)."""
    pids = []
    for wid in range(workers):
        pid = os.fork()
        if pid == 0:
            try:
                worker(binary, env, wid, trial)
            finally:
                os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)


# --------------------------------------------------------------------------- the checks

ORPHAN_QUERIES = {
    "session_without_start":
        "SELECT id FROM session WHERE id NOT IN "
        "(SELECT session FROM audit WHERE event = 'session.start')",
    "start_without_session":
        "SELECT session FROM audit WHERE event = 'session.start' "
        "AND session NOT IN (SELECT id FROM session)",
    "session_started_twice":
        "SELECT session FROM audit WHERE event = 'session.start' GROUP BY session "
        "HAVING count(*) > 1",
    "ended_without_end_record":
        "SELECT id FROM session WHERE ended_at IS NOT NULL AND id NOT IN (SELECT session FROM "
        "audit WHERE event IN ('session.end', 'session.abandoned', 'session.idle'))",
    "end_record_without_ended_session":
        "SELECT session FROM audit WHERE event IN ('session.end', 'session.abandoned', "
        "'session.idle') AND session NOT IN (SELECT id FROM session WHERE ended_at IS NOT NULL)",
    "session_ended_twice":
        "SELECT session FROM audit WHERE event IN ('session.end', 'session.abandoned', "
        "'session.idle') GROUP BY session HAVING count(*) > 1",
    "verified_without_auth_record":
        "SELECT id FROM session WHERE basis IS NOT NULL AND id NOT IN "
        "(SELECT session FROM audit WHERE event LIKE 'auth.%.ok')",
    "auth_record_without_verified_session":
        "SELECT session FROM audit WHERE event LIKE 'auth.%.ok' "
        "AND session NOT IN (SELECT id FROM session WHERE basis IS NOT NULL)",
    "disclosure_without_verified_session":
        "SELECT seq FROM audit WHERE event = 'disclosure' "
        "AND session NOT IN (SELECT id FROM session WHERE basis IS NOT NULL)",
    "code_without_record":
        "SELECT id FROM code WHERE id NOT IN (SELECT json_extract(detail, '$.code_id') "
        "FROM audit WHERE event = 'code.issued')",
    "code_record_without_code":
        "SELECT seq FROM audit WHERE event = 'code.issued' "
        "AND json_extract(detail, '$.code_id') NOT IN (SELECT id FROM code)",
    "code_record_without_letter":
        "SELECT seq FROM audit WHERE event = 'code.issued' "
        "AND json_extract(detail, '$.outbox_id') NOT IN (SELECT id FROM outbox)",
    "change_notice_missing":
        "SELECT a.seq FROM audit a, json_each(a.detail, '$.notices') n "
        "WHERE a.event = 'customer.change' AND n.value NOT IN "
        "(SELECT id FROM outbox WHERE kind = 'notice')",
    "notice_without_change":
        "SELECT id FROM outbox WHERE kind = 'notice' AND id NOT IN (SELECT n.value FROM "
        "audit a, json_each(a.detail, '$.notices') n WHERE a.event = 'customer.change')",
    "notice_in_two_changes":
        "SELECT n.value FROM audit a, json_each(a.detail, '$.notices') n "
        "WHERE a.event = 'customer.change' GROUP BY n.value HAVING count(*) > 1",
    "letter_without_code_record":
        "SELECT id FROM outbox WHERE kind = 'mail-code' AND id NOT IN (SELECT "
        "json_extract(detail, '$.outbox_id') FROM audit WHERE event = 'code.issued')",
    "sent_without_record":
        "SELECT id FROM outbox WHERE status = 'sent' AND id NOT IN (SELECT "
        "json_extract(detail, '$.outbox_id') FROM audit WHERE event = 'delivery.sent')",
    "sent_record_without_sent_item":
        "SELECT seq FROM audit WHERE event = 'delivery.sent' AND json_extract(detail, "
        "'$.outbox_id') NOT IN (SELECT id FROM outbox WHERE status = 'sent')",
    "sent_twice":
        "SELECT json_extract(detail, '$.outbox_id') FROM audit WHERE event = 'delivery.sent' "
        "GROUP BY 1 HAVING count(*) > 1",
    "attempts_without_records":
        "SELECT o.id FROM outbox o WHERE o.attempts != (SELECT count(*) FROM audit a WHERE "
        "a.event IN ('delivery.sent', 'delivery.failed') "
        "AND json_extract(a.detail, '$.outbox_id') = o.id)",
    "customer_without_record":
        "SELECT account FROM customer WHERE account NOT IN "
        "(SELECT account FROM audit WHERE event = 'customer.add')",
    "customer_record_without_customer":
        "SELECT seq FROM audit WHERE event = 'customer.add' "
        "AND account NOT IN (SELECT account FROM customer)",
    "email_change_not_applied":
        "SELECT c.account FROM customer c WHERE EXISTS (SELECT 1 FROM audit a WHERE "
        "a.event = 'customer.change' AND a.account = c.account "
        "AND json_extract(a.detail, '$.change') = 'email') AND c.email_since != (SELECT at "
        "FROM audit a WHERE a.event = 'customer.change' AND a.account = c.account "
        "AND json_extract(a.detail, '$.change') = 'email' ORDER BY seq DESC LIMIT 1)",
    # A change notice goes only to contacts of record (30 days or more), never to a value set
    # within the 30 days before it (issue 12): every set-email in the workload sets a new
    # address, so a notice to one of them means a change read a stale contact history.
    "email_notice_to_recent_address":
        "SELECT o.recipient FROM outbox o WHERE o.kind = 'notice' AND o.channel = 'email' AND ("
        "EXISTS (SELECT 1 FROM contact_history h WHERE h.account = o.account "
        "AND h.value = o.recipient AND julianday(h.since) > julianday(o.created_at) - 30) "
        "OR EXISTS (SELECT 1 FROM customer c WHERE c.account = o.account AND c.email = o.recipient "
        "AND julianday(c.email_since) > julianday(o.created_at) - 30))",
}


def run_cpni(binary, env, *args):
    return subprocess.run([binary, *args], env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)


def check(binary, env, db):
    """Returns a list of problems (empty when the database is consistent)."""
    problems = []
    r = run_cpni(binary, env, "customer", "list")
    if r.returncode != 0:
        return [f"the database does not open: exit {r.returncode}: {r.stderr.strip()}"]
    ic = subprocess.run(["sqlite3", db, "PRAGMA integrity_check;"], capture_output=True,
                        text=True)
    if ic.stdout.strip() != "ok":
        problems.append(f"integrity_check: {ic.stdout.strip()} {ic.stderr.strip()}")
    c = chain_check.check(db)
    for k in ("forks", "gaps", "bad_hashes", "bad_links"):
        if c[k]:
            problems.append(f"chain_check: {k} {c[k]}")
    v = run_cpni(binary, env, "audit", "verify")
    if "unrecognized subcommand" not in v.stderr and v.returncode != 0:
        problems.append(f"cpni audit verify: exit {v.returncode}: {v.stderr.strip()[:300]}")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for name, q in ORPHAN_QUERIES.items():
            rows = con.execute(q).fetchall()
            if rows:
                problems.append(f"{name}: {len(rows)} e.g. {rows[:3]}")
    finally:
        con.close()
    # Recovery: whatever the crash left queued is delivered now, each item once.
    sent_before = count(db, "SELECT count(*) FROM audit WHERE event = 'delivery.sent'")
    queued = count(db, "SELECT count(*) FROM outbox WHERE status = 'queued'")
    r = run_cpni(binary, env, "--json", "notify", "send", "--now")
    if r.returncode != 0:
        problems.append(f"notify send --now after the crash: exit {r.returncode}: "
                        f"{r.stderr.strip()[:300]}")
    left = count(db, "SELECT count(*) FROM outbox WHERE status = 'queued'")
    sent_after = count(db, "SELECT count(*) FROM audit WHERE event = 'delivery.sent'")
    if left:
        problems.append(f"{left} item(s) still queued after notify send --now")
    if sent_after - sent_before != queued - left:
        problems.append(f"notify send --now recorded {sent_after - sent_before} deliveries "
                        f"for {queued} queued item(s)")
    twice = count(db, "SELECT count(*) FROM (SELECT 1 FROM audit WHERE event = 'delivery.sent' "
                      "GROUP BY json_extract(detail, '$.outbox_id') HAVING count(*) > 1)")
    if twice:
        problems.append(f"{twice} item(s) recorded as sent twice")
    return problems


def count(db, q):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(q).fetchone()[0]
    finally:
        con.close()


# --------------------------------------------------------------------------- the driver

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trials", type=int, default=50)
    ap.add_argument("--workers", type=int, default=6)
    ap.add_argument("--min-ms", type=int, default=150, help="earliest kill after the start")
    ap.add_argument("--max-ms", type=int, default=2500, help="latest kill after the start")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--config", default=None, help="a config file for cpni (default: none)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary home")
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "cpni"))
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    if not os.path.exists(binary):
        subprocess.run(["cargo", "build", "--release"], cwd=os.path.join(HERE, ".."),
                       check=True)
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)

    home = tempfile.mkdtemp(prefix="cpni-crash-")
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=f"{home}/data",
               XDG_CONFIG_HOME=f"{home}/config")
    for k in ("CPNI_DB", "CPNI_CONFIG"):
        env.pop(k, None)
    if a.config:
        os.makedirs(f"{home}/config/cpni", exist_ok=True)
        with open(a.config) as src, open(f"{home}/config/cpni/config.toml", "w") as dst:
            dst.write(src.read())
    subprocess.run([binary, "init", "--demo", "-q"], env=env, check=True)
    db = f"{home}/data/cpni/cpni.db"

    passed, records_before, failures = 0, count(db, "SELECT count(*) FROM audit"), []
    for trial in range(1, a.trials + 1):
        delay = rng.uniform(a.min_ms, a.max_ms) / 1000
        pid = os.fork()
        if pid == 0:
            os.setpgid(0, 0)
            try:
                group_main(binary, env, a.workers, trial)
            finally:
                os._exit(0)
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass  # the child already did it
        time.sleep(delay)
        os.killpg(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        # The killed loops' children are gone too (same group); give the kernel a moment to
        # release their file locks before checking.
        while True:
            try:
                os.killpg(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.01)
        problems = check(binary, env, db)
        if problems:
            failures.append((trial, problems))
            print(f"# trial {trial}: FAILED after {delay * 1000:.0f} ms", file=sys.stderr)
            for p in problems:
                print(f"#   {p}", file=sys.stderr)
        else:
            passed += 1
        print(f"# trial {trial}: killed after {delay * 1000:.0f} ms, "
              f"{'ok' if not problems else 'FAILED'}", file=sys.stderr)

    records = count(db, "SELECT count(*) FROM audit")
    print(f"crash_seed {seed} seed")
    print(f"crash_trials {a.trials} trials")
    print(f"crash_trials_passed {passed} trials")
    print(f"crash_trials_failed {a.trials - passed} trials")
    print(f"crash_audit_records_written {records - records_before} records")
    for k, v in sorted(chain_check.check(db).items()):
        print(f"crash_final_chain_{k} {v} count")
    if a.keep or failures:
        print(f"# database kept in {home}", file=sys.stderr)
    else:
        subprocess.run(["rm", "-rf", home])
    sys.exit(0 if passed == a.trials else 1)


if __name__ == "__main__":
    main()
