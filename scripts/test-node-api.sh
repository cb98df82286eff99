#!/usr/bin/env bash
# The Node API end to end: `node --test` on npm/chattools-lint/test/ against the debug binary,
# including the upload gate (examples/upload-gate.js) with the real miniprogram-ci from npm and
# its `upload` replaced by a recorder; then the packed launcher package installed into a
# throwaway project: require/import by name, and index.d.ts compiled by tsc --strict.
# Needs: cargo, node ≥ 18, npm and the npm registry. Usage: scripts/test-node-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
fail() { echo "FAIL: $*" >&2; exit 1; }

major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 18 ] || fail "node $major has no built-in test runner; needs 18 or later"

cargo build --locked --quiet
export CHATTOOLS_LINT_BINARY="$root/target/debug/chattools-lint"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The launcher package as npm would publish it (the schema is copied in at release).
cp -R npm/chattools-lint "$work/pkg"
cp schemas/chattools-lint.schema.json "$work/pkg/"
rm -rf "$work/pkg/node_modules"
(cd "$work/pkg" && npm pack --silent --pack-destination "$work" >/dev/null)
tgz=$(ls "$work"/chattools-lint-*.tgz)
tar -tzf "$tgz" > "$work/list"
for f in index.js index.mjs index.d.ts lib/binary.js bin/chattools-lint.js chattools-lint.schema.json; do
  grep -qx "package/$f" "$work/list" || fail "$f missing from $tgz"
done
if grep -q 'package/test/\|package/examples/' "$work/list"; then fail "tests or examples packed"; fi

echo "--- npm install miniprogram-ci, typescript and the packed launcher"
app="$work/app"
mkdir "$app"
cd "$app"
npm init -y >/dev/null
# (npm skips the optional platform packages it cannot find or that do not fit this machine.)
npm install --no-audit --no-fund miniprogram-ci@2.1.42 typescript@5 "$tgz" >/dev/null 2>"$work/npm.log" \
  || { cat "$work/npm.log"; fail "npm install"; }
node -p '"miniprogram-ci " + require("miniprogram-ci/package.json").version'

echo "--- node --test (API, ESM, upload gate)"
cd "$root/npm/chattools-lint"
MINIPROGRAM_CI_DIR="$app" node --test test/lint.test.js test/lint.test.mjs test/upload-gate.test.js \
  | tee "$work/test.out" | grep -E '^(not )?ok|^# (pass|fail|skipped)'
grep -qx '# fail 0' "$work/test.out" || fail "node tests failed (full output: above)"
grep -qx '# skipped 0' "$work/test.out" || fail "some node tests were skipped"

echo "--- the installed package, by name"
cd "$app"
mkdir -p projects/bad/pages/index
printf '{ "pages": ["pages/index/index"], "chatTools": [{ "root": "pkg", "entryPagePath": "pages/a/index", "desc": "投票" }] }\n' > projects/bad/app.json
echo '<view></view>' > projects/bad/pages/index/index.wxml
echo 'Page({})' > projects/bad/pages/index/index.js
out=$(node -e 'require("chattools-lint").lint("projects/bad").then((r) => console.log(r.summary.errors))')
[ "$out" = 1 ] || fail "require: expected 1 error, got '$out'"
out=$(node --input-type=module -e 'import { lint } from "chattools-lint"; console.log((await lint("projects/bad")).summary.errors)')
[ "$out" = 1 ] || fail "import: expected 1 error, got '$out'"
echo "require and import: 1 error each"
out=$(npx --no-install chattools-lint --version)
[ "$out" = "chattools-lint $(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -1)" ] || fail "the launcher printed '$out'"
echo "the installed launcher runs: $out"

echo "--- index.d.ts with tsc --strict (CommonJS and ESM callers)"
cat > check.ts <<'TS'
import { lint, LintResult, Diagnostic, ChattoolsLintError } from "chattools-lint";
export async function gate(): Promise<number> {
  const r: LintResult = await lint(["."], { lang: "zh", config: "c.json", cwd: ".", recursive: true });
  const d: Diagnostic | undefined = r.diagnostics[0];
  const line: number | null = d ? d.line : null;
  const version: 1 = r.version;
  const failures = r.errors ? r.errors.map((e) => `${e.kind}: ${e.message}`) : [];
  // @ts-expect-error: lang is "en" or "zh"
  await lint(".", { lang: "fr" });
  // @ts-expect-error: no such option
  await lint(".", { format: "sarif" });
  // @ts-expect-error: severity is a union of three strings
  const s: "fatal" = r.diagnostics[0].severity;
  try {
    await lint("x");
  } catch (e) {
    const err = e as ChattoolsLintError;
    const code: number | null = err.exitCode;
    return code ?? 2;
  }
  return r.summary.errors + (line ?? 0) + version + failures.length + s.length;
}
TS
cat > check.mts <<'TS'
import api, { lint, type LintResult } from "chattools-lint";
const r: LintResult = await lint("projects/bad");
const same: typeof lint = api.lint;
export const checked: [number, boolean] = [r.summary.errors, same === lint];
TS
# No @types: miniprogram-ci brings an old @types/node that today's TypeScript rejects.
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "strict": true, "noEmit": true, "module": "node16", "moduleResolution": "node16",
    "target": "es2022", "lib": ["es2022"], "types": []
  },
  "files": ["check.ts", "check.mts"]
}
JSON
npx --no-install tsc -p tsconfig.json \
  || fail "tsc rejected the declarations"
echo "tsc: no errors"

echo "OK: the Node API works"
