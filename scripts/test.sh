#!/usr/bin/env bash
# Runs the whole test suite, first installing what the tests need and this machine lacks:
#   sqlite3, zsh, fish      (Debian packages; the schema and completion tests run them)
#   openssh-server/-client  (the gateway tests start a real sshd and connect with ssh, sftp, scp;
#                            they create the service account cpni-svc-test, so they run as root)
#   tzdata                  (Debian package; the wizard's local-time test uses America/New_York)
#   aiosmtpd 1.4.6          (Python; the SMTP tests start it as a local mail server)
#   postgresql              (Debian package; scripts/pg-server.sh starts a throw-away server as
#                            the postgres user, on a Unix socket and on 127.0.0.1 with TLS, for
#                            tests/cli/pg_*.rs, stopped and removed when this script exits)
#   openssl                 (Debian package; the CLI makes the test server's CA and certificate,
#                            and the wrong CA of the TLS test)
# Works unattended (no stdin) as root or with passwordless sudo. Extra arguments go to
# `cargo test`, e.g. `bash scripts/test.sh -- --test-threads=4` or `bash scripts/test.sh import`
# (a filter; `bash scripts/test.sh pg_` runs the PostgreSQL tests), and skip the benchmarks.
#
# The CLI suite (tests/cli) runs twice: on SQLite (with the lib, bins and other tests), then on
# PostgreSQL (CPNI_TEST_BACKEND=pg: every home's db is a database of its own on the test
# server; the pg_* modules, which pick their own databases, ran in the first run and are not
# repeated). The second run ends with the list and count of the tests marked SQLite-only
# (`sqlite_only(reason)` in tests/cli/backend.rs). CPNI_TEST_BACKENDS=sqlite or =pg runs one of
# the two only (default: both).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

missing=()
for tool in sqlite3 zsh fish; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
for tool in ssh sftp scp ssh-keygen; do
  command -v "$tool" >/dev/null 2>&1 || { missing+=(openssh-client); break; }
done
# The wizard's card test shows a lock in the agent's local time (TZ=America/New_York).
[ -e /usr/share/zoneinfo/America/New_York ] || missing+=(tzdata)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq </dev/null
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "test.sh: installing aiosmtpd 1.4.6" >&2
  # Debian's own python3 refuses plain pip installs (PEP 668) unless given
  # --break-system-packages; pips older than 23 reject that option, so pass it only if known.
  pip_opts=(--quiet --disable-pip-version-check)
  if python3 -m pip install --help 2>/dev/null | grep -q -- --break-system-packages; then
    pip_opts+=(--break-system-packages)
  fi
  python3 -m pip install "${pip_opts[@]}" aiosmtpd==1.4.6 </dev/null
  python3 -c 'import aiosmtpd' || { echo "test.sh: aiosmtpd still not importable" >&2; exit 1; }
fi

if ! python3 -c 'import cryptography.hazmat.primitives.asymmetric.ed25519' >/dev/null 2>&1; then
  # For the offline recipe of docs/audit-format.md (Ed25519 signatures), run by the tests.
  echo "test.sh: installing cryptography" >&2
  pip_opts=(--quiet --disable-pip-version-check)
  if python3 -m pip install --help 2>/dev/null | grep -q -- --break-system-packages; then
    pip_opts+=(--break-system-packages)
  fi
  python3 -m pip install "${pip_opts[@]}" 'cryptography>=42' </dev/null
  python3 -c 'import cryptography' || { echo "test.sh: cryptography still not importable" >&2; exit 1; }
fi

# A throw-away PostgreSQL server (installed first if missing) for the PostgreSQL tests; the
# trap stops it and removes its folder however the run ends.
pg_env=$(bash scripts/pg-server.sh start)
eval "$pg_env"
trap 'bash scripts/pg-server.sh stop "$CPNI_TEST_PG_DIR"' EXIT

# The benchmarks first, as smoke runs (unoptimised, a few iterations), then every test, so the
# run closes on the test summary. (Not `exec`: the trap must still run.)
if [ "$#" -eq 0 ]; then
  cargo test --benches </dev/null
fi
backends=${CPNI_TEST_BACKENDS:-both}
case "$backends" in both | sqlite | pg) ;; *)
  echo "test.sh: CPNI_TEST_BACKENDS=$backends: use both, sqlite or pg" >&2
  exit 2
  ;;
esac
status=0
if [ "$backends" != pg ]; then
  # A failure here still lets the PostgreSQL run go; the script exits non-zero at the end.
  start=$SECONDS
  cargo test --lib --bins --tests "$@" </dev/null || status=$?
  echo "test.sh: SQLite run (lib, bins, every test binary) took $((SECONDS - start)) s" >&2
fi
if [ "$backends" != sqlite ]; then
  # The same CLI suite on PostgreSQL; `--skip pg_` after the caller's own harness arguments.
  harness=(--)
  for a in "$@"; do [ "$a" = -- ] && harness=(); done
  only_log=$(mktemp /tmp/cpni-sqlite-only.XXXXXX)
  start=$SECONDS
  CPNI_TEST_BACKEND=pg CPNI_TEST_SQLITE_ONLY_LOG=$only_log \
    cargo test --test cli "$@" "${harness[@]}" --skip pg_ </dev/null || status=$((status | $?))
  echo "test.sh: PostgreSQL run of the CLI suite took $((SECONDS - start)) s" >&2
  echo "test.sh: SQLite-only tests (not run on PostgreSQL): $(sort -u "$only_log" | wc -l)" >&2
  sort -u "$only_log" | sed 's/^SQLITE-ONLY /  /' >&2
  rm -f "$only_log"
fi
exit "$status"
