#!/usr/bin/env bash
# How `cpni audit verify` scales with the number of decision rows (issue 11 item 3, issue 14
# item 4). For each size it builds a log: N customers imported from a generated CSV, then
# CHANGES email changes and AGENTS agents (each added and given a new role). It then times
# `audit verify` with the new binary and, up to BASE_MAX customers, with a baseline binary
# (the same run, same log: the ratio is the figure), and a raw full-row scan of the audit
# table by the sqlite3 CLI (verify's records/s against it).
#
#   NEW=target/debug/cpni BASE=/path/to/main/cpni scripts/verify_scale.sh 5000 200000
#
# Env: NEW (default target/debug/cpni), BASE (optional; skipped when unset), BASE_MAX
# (default 10000: the old queries are quadratic), CHANGES (default 2000), AGENTS (default 200).
# Prints figures only; asserts nothing about time.
set -euo pipefail

NEW=${NEW:-target/debug/cpni}
BASE=${BASE:-}
BASE_MAX=${BASE_MAX:-10000}
CHANGES=${CHANGES:-2000}
AGENTS=${AGENTS:-200}
command -v sqlite3 >/dev/null || { echo "verify_scale: needs the sqlite3 CLI" >&2; exit 2; }
[ $# -gt 0 ] || set -- 5000 200000

now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }
secs() { # secs CMD...: wall seconds of one run (output discarded; must succeed)
    local t0 t1
    t0=$(now)
    "$@" >/dev/null
    t1=$(now)
    calc "$t1 - $t0"
}

build_log() { # build_log DIR N
    local dir=$1 n=$2
    export HOME=$dir XDG_DATA_HOME=$dir/data XDG_CONFIG_HOME=$dir/config
    mkdir -p "$dir/config/cpni"
    printf '[secrets]\nargon2 = "insecure-test"\n' >"$dir/config/cpni/config.toml"
    "$NEW" init >/dev/null
    awk -v n="$n" 'BEGIN {
        print "account,name,phone,email,street,city,region,postal_code,country,email_since"
        for (i = 1; i <= n; i++)
            printf "ACC-%07d,Customer %d,+1 202 555 %04d,c%d@example.com,%d Main St,Springfield,IL,62701,US,2020-01-01\n", i, i, i % 10000, i, i
    }' >"$dir/customers.csv"
    "$NEW" customer import "$dir/customers.csv" >/dev/null
    for i in $(seq 1 "$CHANGES"); do
        "$NEW" customer set-email "ACC-$(printf %07d $(((i * 7919) % n + 1)))" \
            --email "new$i@example.com" --reason "bench $i" >/dev/null
    done
    for i in $(seq 1 "$AGENTS"); do
        "$NEW" agent add "agent$i" --role agent >/dev/null
        "$NEW" agent role "agent$i" supervisor >/dev/null
    done
}

echo "verify_scale: $(uptime)"
for n in "$@"; do
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
    t0=$(now)
    build_log "$dir" "$n"
    db=$dir/data/cpni/cpni.db
    records=$(sqlite3 "$db" 'SELECT count(*) FROM audit')
    echo "customers=$n changes=$CHANGES agents=$AGENTS records=$records" \
        "(built in $(printf %.0f "$(calc "$(now) - $t0")") s)"
    # Warm the page cache, then one timed run of each (interleaved).
    sqlite3 "$db" 'SELECT * FROM audit' >/dev/null
    scan=$(secs sqlite3 "$db" 'SELECT * FROM audit')
    new=$(secs "$NEW" audit verify)
    printf '  sqlite3 full-row scan   %8.3f s  %9.0f records/s\n' "$scan" "$(calc "$records / $scan")"
    printf '  verify (new)            %8.3f s  %9.0f records/s  %.3f x the scan rate\n' \
        "$new" "$(calc "$records / $new")" "$(calc "$scan / $new")"
    if [ -n "$BASE" ] && [ "$n" -le "$BASE_MAX" ]; then
        base=$(secs "$BASE" audit verify)
        printf '  verify (base)           %8.3f s  %9.0f records/s  base/new = %.1f\n' \
            "$base" "$(calc "$records / $base")" "$(calc "$base / $new")"
    elif [ -n "$BASE" ]; then
        echo "  verify (base)           skipped: over BASE_MAX=$BASE_MAX (quadratic)"
    fi
    echo "  $(uptime)"
    rm -rf "$dir"
    trap - EXIT
done
