#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests (tests/cli/pg_schema.rs).
#
#   eval "$(bash scripts/pg-server.sh start)"    # installs Debian's postgresql if missing,
#                                                # starts a server, prints `export …` lines
#   bash scripts/pg-server.sh stop "$CPNI_TEST_PG_DIR"   # stops it and removes its folder
#
# The server runs as the unprivileged `postgres` user (PostgreSQL refuses root) in a fresh
# temporary folder, listens only on a Unix socket in that folder (no TCP port, so nothing else
# on the machine can reach it and two runs never collide), and trusts local connections: it
# holds nothing but test databases. The tests connect as its superuser `postgres` to create
# databases, and as the non-superuser roles cpni_owner and cpni_app (a superuser bypasses every
# grant). Exported: CPNI_TEST_PG_HOST (the socket folder), CPNI_TEST_PG_PORT, CPNI_TEST_PG_DIR.
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
  if pg_bin >/dev/null && command -v psql >/dev/null && command -v pg_dump >/dev/null; then
    return
  fi
  echo "pg-server.sh: installing postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq </dev/null >&2
  as_root apt-get install -y -qq --no-install-recommends postgresql </dev/null >&2
  pg_bin >/dev/null || { echo "pg-server.sh: initdb still missing after install" >&2; exit 1; }
}

start() {
  install_if_missing
  id postgres >/dev/null 2>&1 || { echo "pg-server.sh: no postgres user" >&2; exit 1; }
  local bin dir port=5432
  bin=$(pg_bin)
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
  # The log stays in the data folder (owned by postgres); `stop` prints its tail on failure.
  as_root runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w \
    -o "-p $port -k $dir/sock -c listen_addresses='' -c fsync=off" start </dev/null >&2 || {
    as_root tail -n 20 "$dir/data/server.log" >&2 || true
    exit 1
  }
  echo "export CPNI_TEST_PG_HOST=$dir/sock CPNI_TEST_PG_PORT=$port CPNI_TEST_PG_DIR=$dir"
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
  *) echo "usage: pg-server.sh start | stop DIR" >&2; exit 2 ;;
esac
