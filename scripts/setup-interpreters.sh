#!/usr/bin/env bash
# Builds the interpreter components of examples/interpreters/ (CPython with
# componentize-py, QuickJS with componentize-qjs) into examples/interpreters/build/
# (gitignored), installing componentize-py from PyPI into .tools/componentize-py
# first. Idempotent: a component is rebuilt only when a hash of its sources and
# of its tool's version differs from the one stored next to it
# (<component>.source-sha256: the hash, then the tool line), so a second run
# takes well under a second. src/interpreters/components.ts checks the same hash.
#
#   examples/interpreters/build/python.wasm      CPython 3.14 (componentize-py, WASI stubbed: no imports)
#   examples/interpreters/build/javascript.wasm  QuickJS-ng (componentize-qjs --sync, WASI stubbed: no imports)
#
# Usage: bash scripts/setup-interpreters.sh [--force]
set -euo pipefail

COMPONENTIZE_PY_VERSION=0.25.1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
example="$root/examples/interpreters"
build="$example/build"
force="${1:-}"

say() { printf 'setup-interpreters: %s\n' "$*"; }
sha256() { if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi; }

# Must match sourceHash() in src/interpreters/components.ts.
source_hash() {
  local tool="$1"; shift
  (cd "$example" && { printf 'proxy-component interpreter recipe 1\n%s\n' "$tool"; for file in "$@"; do printf '%s\0' "$file"; cat "$file"; done; } | sha256 | cut -d' ' -f1)
}

install_componentize_py() {
  local target="$tools/componentize-py"
  if [ -d "$target/componentize_py-$COMPONENTIZE_PY_VERSION.dist-info" ]; then return; fi
  say "installing componentize-py $COMPONENTIZE_PY_VERSION (PyPI)"
  rm -rf "$target"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$target" "componentize-py==$COMPONENTIZE_PY_VERSION"
}

# build <output name> <tool line> <command...> -- <sources...>
build_component() {
  local name="$1" tool="$2"; shift 2
  local command=()
  while [ "$1" != "--" ]; do command+=("$1"); shift; done
  shift
  local output="$build/$name" stamp="$build/$name.source-sha256" hash
  hash="$(source_hash "$tool" "$@")"
  if [ "$force" != "--force" ] && [ -f "$output" ] && [ -f "$stamp" ] && [ "$(head -1 "$stamp")" = "$hash" ]; then
    say "up to date  examples/interpreters/build/$name"
    return
  fi
  mkdir -p "$build"
  local started=$SECONDS
  # Built from a copy of the sources: componentize-py writes __pycache__ next to the modules it imports.
  local stage
  stage="$(mktemp -d)"
  cp -R "$example/wit" "$example/python" "$example/javascript" "$stage/"
  if ! (cd "$stage" && "${command[@]}" -o "$output.tmp" >/dev/null); then
    rm -rf "$stage" "$output.tmp"
    say "failed to build examples/interpreters/build/$name"
    return 1
  fi
  rm -rf "$stage"
  mv "$output.tmp" "$output"
  printf '%s\n%s\n' "$hash" "$tool" >"$stamp"
  say "built       examples/interpreters/build/$name ($((SECONDS - started)) s, $(wc -c <"$output") bytes)"
}

install_componentize_py
qjs_version="$(node -p "require('$root/node_modules/componentize-qjs/package.json').version")"

build_component python.wasm "componentize-py $COMPONENTIZE_PY_VERSION" \
  env PYTHONPATH="$tools/componentize-py" python3 "$tools/componentize-py/bin/componentize-py" \
  -d wit -w interpreter componentize --stub-wasi --python-path python app \
  -- wit/interpreter.wit python/app.py

build_component javascript.wasm "componentize-qjs $qjs_version" \
  "$root/node_modules/.bin/componentize-qjs" --wit wit --js javascript/app.js --sync --stub-wasi \
  -- wit/interpreter.wit javascript/app.js
