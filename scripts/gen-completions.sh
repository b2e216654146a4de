#!/usr/bin/env bash
# Regenerates completions/ (bash, zsh, fish, PowerShell, elvish and the man page) from the
# binary's own clap definition. Run it after changing any command or flag, and commit the result;
# `cargo test` fails while the committed files differ from what the binary prints.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --bin cpni
cpni() { cargo run --quiet --bin cpni -- "$@"; }

gen() { # gen FILE ARGS...
  local file="completions/$1"; shift
  cpni "$@" > "$file.tmp"
  mv "$file.tmp" "$file"
  echo "wrote $file"
}

mkdir -p completions
gen cpni.bash completions bash
gen _cpni completions zsh
gen cpni.fish completions fish
gen _cpni.ps1 completions powershell
gen cpni.elv completions elvish
gen cpni.1 man
# The top-level help that `cpni --help` prints without building clap's tree (src/main.rs):
# clap's own rendering at its default width, without colour (COLUMNS forces clap to render it).
COLUMNS=100 cpni --help > completions/help.txt.tmp < /dev/null 2> /dev/null
mv completions/help.txt.tmp completions/help.txt
echo "wrote completions/help.txt"
