#!/usr/bin/env bash
# Cost of the signed head (issue 11 c) on one audited step: `hyperfine -N` of
# `cpni session start DEMO-1001` on a fresh demo database, BEFORE (a build without signed heads)
# against AFTER (this build), in the same run, so hyperfine prints the ratio.
# Usage: scripts/bench-signed-head.sh BEFORE_BINARY AFTER_BINARY
set -euo pipefail
before=$1 after=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for side in before after; do
    bin=${!side}
    home=$work/$side
    mkdir -p "$home"
    HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config "$bin" init --demo >/dev/null
done
args() { echo "--db $work/$1/data/cpni/cpni.db --config $work/$1/config/cpni/config.toml"; }
hyperfine -N --warmup 20 --runs "${RUNS:-300}" --export-json "$work/h.json" \
    -n before "$before $(args before) -q session start DEMO-1001" \
    -n after "$after $(args after) -q session start DEMO-1001"
python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
b, a = r["before"]["median"] * 1e3, r["after"]["median"] * 1e3
print(f"median before {b:.3f} ms, after {a:.3f} ms: {a - b:+.3f} ms per step ({a / b:.3f} x)")
PY
