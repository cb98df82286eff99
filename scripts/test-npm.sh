#!/usr/bin/env bash
# The npm packages, end to end: build the release binary, copy it into the linux-x64 package,
# `npm pack` the launcher and the platform package, install both tarballs into a throwaway npm
# project, and run `npx chattools-lint` there, checking exit codes, output and signals.
# Needs: cargo, node ≥ 16, npm and the npm registry (for the optional dependencies' metadata).
# Linux x64 only (the one platform package built here). Usage: scripts/test-npm.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
fail() { echo "FAIL: $*" >&2; exit 1; }

[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || { echo "skipped: not linux x64"; exit 0; }

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
for pkg in npm/chattools-lint npm/linux-x64; do
  v=$(node -p "require('./$pkg/package.json').version")
  [ "$v" = "$version" ] || fail "$pkg/package.json has version $v, Cargo.toml $version"
done
node -e '
const l = require("./npm/chattools-lint/package.json"), v = l.version;
const platforms = require("./npm/platforms.json");
for (const p of platforms) if (l.optionalDependencies[p.package] !== v) { console.error("optionalDependencies lacks " + p.package + "@" + v); process.exit(1); }
if (Object.keys(l.optionalDependencies).length !== platforms.length) { console.error("optionalDependencies and platforms.json differ"); process.exit(1); }
' || fail "launcher package.json and npm/platforms.json disagree"

cargo build --release --locked --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Stage copies, so the repository's npm/ folders stay free of binaries and tarballs.
cp -R npm/chattools-lint npm/linux-x64 "$work/"
cp target/release/chattools-lint "$work/linux-x64/bin/chattools-lint"
cp schemas/chattools-lint.schema.json "$work/chattools-lint/"
chmod +x "$work/linux-x64/bin/chattools-lint"
mkdir "$work/packs"
(cd "$work/chattools-lint" && npm pack --silent --pack-destination "$work/packs" >/dev/null)
(cd "$work/linux-x64" && npm pack --silent --pack-destination "$work/packs" >/dev/null)
ls -l "$work/packs"
launcher_tgz=$(ls "$work"/packs/chattools-lint-"$version".tgz)
platform_tgz=$(ls "$work"/packs/chattools-lint-linux-x64-"$version".tgz)
# (Listed to files first: `grep -q` closing a pipe early would fail the pipeline.)
tar -tzf "$platform_tgz" > "$work/platform.list"
tar -tzf "$launcher_tgz" > "$work/launcher.list"
grep -qx 'package/bin/chattools-lint' "$work/platform.list" || fail "binary missing from $platform_tgz"
grep -qx 'package/bin/chattools-lint.js' "$work/launcher.list" || fail "launcher missing from $launcher_tgz"
grep -qx 'package/chattools-lint.schema.json' "$work/launcher.list" || fail "schema missing from $launcher_tgz"

# A throwaway project, installed as users do (optional dependencies on). The platform package
# comes from its tarball; npm looks the other platforms' packages up in the registry and skips
# them (wrong os/cpu, or not published yet).
app="$work/app"
mkdir "$app"
cd "$app"
npm init -y >/dev/null
npm install --no-audit --no-fund "$platform_tgz" "$launcher_tgz" >/dev/null
[ -x node_modules/.bin/chattools-lint ] || fail "no node_modules/.bin/chattools-lint"

cp -R "$root/tests/projects/." "$app/projects/"

echo "--- npx chattools-lint --version"
out=$(npx --no-install chattools-lint --version)
echo "$out"
[ "$out" = "chattools-lint $version" ] || fail "--version printed '$out'"

echo "--- npx chattools-lint on a project with errors (expect exit 1)"
set +e
out=$(cd projects && npx --no-install chattools-lint --format short --lang en "formats, 1 (中文)")
code=$?
set -e
echo "$out"
[ "$code" = 1 ] || fail "exit code $code, expected 1"
echo "$out" | grep -q 'app.json:15:30: error\[chat-tools/unknown-root\]' || fail "unknown-root missing"
[ "$(echo "$out" | wc -l)" = 4 ] || fail "expected 4 diagnostics"

echo "--- a clean project (expect exit 0)"
mkdir -p clean/pages/index
echo '{ "pages": ["pages/index/index"] }' > clean/app.json
echo '<view></view>' > clean/pages/index/index.wxml
echo 'Page({})' > clean/pages/index/index.js
npx --no-install chattools-lint --lang en clean | tee "$work/clean.txt"
grep -q 'No problems found in 1 project.' "$work/clean.txt" || fail "clean project not clean"

echo "--- no project (expect exit 2)"
set +e
npx --no-install chattools-lint --lang en does-not-exist 2> "$work/err.txt"
code=$?
set -e
cat "$work/err.txt"
[ "$code" = 2 ] || fail "exit code $code, expected 2"

echo "--- signals are forwarded (SIGTERM to the launcher stops the binary; status 143)"
cat > "$work/slow.sh" <<'SH'
#!/bin/sh
echo $$ > "$PIDFILE"
trap 'echo got-TERM > "$PIDFILE.term"; exit 143' TERM
sleep 30 & wait
SH
chmod +x "$work/slow.sh"
export PIDFILE="$work/child.pid"
set +e
CHATTOOLS_LINT_BINARY="$work/slow.sh" node node_modules/chattools-lint/bin/chattools-lint.js &
launcher=$!
for _ in $(seq 50); do [ -s "$PIDFILE" ] && break; sleep 0.1; done
kill -TERM "$launcher"
wait "$launcher"
code=$?
set -e
[ -f "$PIDFILE.term" ] || fail "the binary did not receive SIGTERM"
[ "$code" = 143 ] || fail "launcher exit status $code after SIGTERM, expected 143"
echo "binary got SIGTERM; launcher exit status $code"
unset PIDFILE

echo "--- a missing platform package gives a clear error (exit 2)"
rm -rf node_modules/@chattools-lint
set +e
npx --no-install chattools-lint --version 2> "$work/err.txt"
code=$?
set -e
cat "$work/err.txt"
[ "$code" = 2 ] && grep -q '@chattools-lint/linux-x64' "$work/err.txt" || fail "expected exit 2 naming the package"

echo "OK: npm packages work"
