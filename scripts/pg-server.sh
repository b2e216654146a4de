#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests (tests/cli/pg_schema.rs).
#
#   eval "$(bash scripts/pg-server.sh start)"    # installs Debian's postgresql if missing,
#                                                # starts a server, prints `export …` lines
#   bash scripts/pg-server.sh stop "$CPNI_TEST_PG_DIR"   # stops it and removes its folder
#   bash scripts/pg-server.sh pause DIR / resume DIR     # pg_ctl stop / start, folder kept
#
# The server runs as the unprivileged `postgres` user (PostgreSQL refuses root) in a fresh
# temporary folder. It listens on a Unix socket in that folder, where it trusts every role (the
# tests' psql), and on 127.0.0.1 at a free port, where every role logs in with its password
# (scram-sha-256) and TLS is on with a certificate for 127.0.0.1 and localhost signed by a CA
# made here with the openssl CLI (installed if missing): cpni connects there. It holds nothing
# but test databases. The tests connect as its superuser `postgres` to create databases, and
# as the non-superuser roles cpni_owner and cpni_app (a superuser bypasses every grant).
# Exported: CPNI_TEST_PG_HOST (the socket folder), CPNI_TEST_PG_PORT (the socket's and the TCP
# port), CPNI_TEST_PG_DIR, CPNI_TEST_PG_CA (the CA certificate, PEM). It runs with fsync off
# unless CPNI_TEST_PG_FSYNC=on (for benchmarks: `cargo bench --bench pg_append`).
# Works unattended (no stdin) as root or with passwordless sudo; all output but the exports
# goes to stderr.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

# The newest installed server's binaries (Debian keeps them out of PATH).
pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

install_if_missing() {
  local want=()
  pg_bin >/dev/null && command -v psql >/dev/null && command -v pg_dump >/dev/null ||
    want+=(postgresql)
  command -v openssl >/dev/null || want+=(openssl)
  [ "${#want[@]}" -eq 0 ] && return
  echo "pg-server.sh: installing ${want[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq </dev/null >&2
  as_root apt-get install -y -qq --no-install-recommends "${want[@]}" </dev/null >&2
  pg_bin >/dev/null || { echo "pg-server.sh: initdb still missing after install" >&2; exit 1; }
  command -v openssl >/dev/null || { echo "pg-server.sh: openssl still missing" >&2; exit 1; }
}

# A TCP port nothing listens on now (the kernel picks it).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A CA and a server certificate (for IP 127.0.0.1 and DNS localhost, or the names in
# CPNI_PG_CERT_NAMES, e.g. "DNS:localhost") it signs, in $1/tls; the server's key and
# certificate are copied into the data folder, owned by postgres.
make_tls() {
  local dir=$1 t=$1/tls
  mkdir -m 0755 "$t"
  local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  openssl req -x509 "${ec[@]}" -days 3 -subj "/CN=cpni test CA" -keyout "$t/ca.key" \
    -out "$t/ca.crt" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req "${ec[@]}" -subj "/CN=localhost" -keyout "$t/server.key" -out "$t/server.csr" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
    "${CPNI_PG_CERT_NAMES:-IP:127.0.0.1,DNS:localhost}" >"$t/ext"
  openssl x509 -req -in "$t/server.csr" -CA "$t/ca.crt" -CAkey "$t/ca.key" -CAcreateserial \
    -days 3 -extfile "$t/ext" -out "$t/server.crt" 2>/dev/null
  chmod 0644 "$t/ca.crt"
  as_root install -o postgres -g postgres -m 0600 "$t/server.key" "$dir/data/server.key"
  as_root install -o postgres -g postgres -m 0644 "$t/server.crt" "$dir/data/server.crt"
  rm -f "$t/ca.key" "$t/server.key"
}

# Starts the server of folder $1 with the options saved in $1/opts.
pg_start() {
  local dir=$1 bin
  bin=$(pg_bin)
  as_root runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w \
    -o "$(cat "$dir/opts")" start </dev/null >&2 || {
    as_root tail -n 20 "$dir/data/server.log" >&2 || true
    exit 1
  }
}

start() {
  install_if_missing
  id postgres >/dev/null 2>&1 || { echo "pg-server.sh: no postgres user" >&2; exit 1; }
  local bin dir port
  bin=$(pg_bin)
  port=$(free_port)
  dir=$(mktemp -d /tmp/cpni-pg.XXXXXX)
  chmod 0755 "$dir"
  mkdir -m 0700 "$dir/data"
  mkdir -m 0755 "$dir/sock"
  as_root chown postgres: "$dir/data" "$dir/sock"
  as_root runuser -u postgres -- "$bin/initdb" -D "$dir/data" --auth=trust -U postgres \
    -E UTF8 --locale=C.UTF-8 </dev/null >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  make_tls "$dir"
  # The socket trusts every role (the tests' psql); TCP asks each role for its password.
  printf 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n' |
    as_root runuser -u postgres -- tee "$dir/data/pg_hba.conf" >/dev/null
  # fsync off for the tests' speed; CPNI_TEST_PG_FSYNC=on for a benchmark of durable commits.
  echo "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=${CPNI_TEST_PG_FSYNC:-off} -c ssl=on" \
    "-c ssl_cert_file=server.crt -c ssl_key_file=server.key -c max_connections=200" >"$dir/opts"
  # The log stays in the data folder (owned by postgres); `stop` prints its tail on failure.
  pg_start "$dir"
  echo "export CPNI_TEST_PG_HOST=$dir/sock CPNI_TEST_PG_PORT=$port CPNI_TEST_PG_DIR=$dir" \
    "CPNI_TEST_PG_CA=$dir/tls/ca.crt"
}

# pg_ctl stop / start on a test server, its folder kept (the restarted-server tests).
pause() {
  local dir=${1:?usage: pg-server.sh pause DIR}
  case "$dir" in /tmp/cpni-pg.*) ;; *) echo "pg-server.sh: not a test server: $dir" >&2; exit 1 ;; esac
  as_root runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop </dev/null >&2
}

resume() {
  local dir=${1:?usage: pg-server.sh resume DIR}
  case "$dir" in /tmp/cpni-pg.*) ;; *) echo "pg-server.sh: not a test server: $dir" >&2; exit 1 ;; esac
  pg_start "$dir"
}

stop() {
  local dir=${1:?usage: pg-server.sh stop DIR}
  case "$dir" in /tmp/cpni-pg.*) ;; *) echo "pg-server.sh: not a test server: $dir" >&2; exit 1 ;; esac
  local bin
  bin=$(pg_bin)
  if [ -d "$dir/data" ]; then
    as_root runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop </dev/null >&2 || true
  fi
  as_root rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  pause) pause "${2:-}" ;;
  resume) resume "${2:-}" ;;
  *) echo "usage: pg-server.sh start | stop DIR | pause DIR | resume DIR" >&2; exit 2 ;;
esac
