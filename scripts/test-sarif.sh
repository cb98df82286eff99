#!/usr/bin/env bash
# Validate `--format sarif` with Microsoft's SARIF validator (npm @microsoft/sarif-multitool).
# Needs: cargo, node/npx and the npm registry (the first run downloads the validator).
# Usage: scripts/test-sarif.sh            (exit 0 when the SARIF log has no validation errors)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cargo build --quiet
bin=$root/target/debug/chattools-lint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The formats test project (diagnostics of four rules at three levels, Chinese text, a folder
# name that needs percent-encoding), linted from its parent folder.
cp -R "$root/tests/projects/." "$work/"
cd "$work"
set +e
"$bin" --lang en --format sarif "formats, 1 (中文)" > result.sarif
code=$?
set -e
if [ "$code" != 1 ]; then
  echo "FAIL: expected exit code 1 (errors found), got $code" >&2
  exit 1
fi
results=$(node -e 'const d=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(d.runs[0].results.length)' result.sarif)
echo "SARIF log: $results results"
[ "$results" -ge 4 ] || { echo "FAIL: expected at least 4 results" >&2; exit 1; }

# Microsoft's validator (pinned: 4.x crashes on Linux before validating anything). It exits 0
# even when the log is invalid, so its own SARIF output is read: any `error` result fails.
# Notes it always gives (rule ids with `/`, no snippets, helpUri not reachable) are shown only.
validator="@microsoft/sarif-multitool@5.7.0"
validate() { # $1 = SARIF file (relative, `./` prefixed: the tool wants it), $2 = report file
  npx --yes "$validator" validate "$1" --output "$2" --log ForceOverwrite \
    --level '"Error;Warning;Note"' > "$2.log" 2>&1 || { cat "$2.log"; exit 1; }
  node -e '
const v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const rs = v.runs.flatMap(r => r.results || []);
const by = {};
for (const r of rs) by[r.level || "warning"] = (by[r.level || "warning"] || 0) + 1;
console.log(process.argv[1] + ": validator findings by level:", JSON.stringify(by));
for (const r of rs.filter(r => r.level !== "note")) console.log(`  ${r.level || "warning"} ${r.ruleId}: ${r.message.text || r.message.id}`);
process.exit(rs.some(r => (r.level || "warning") === "error") ? 3 : 0);
' "$2"
}

# First make sure the validator does catch a broken log (else this script proves nothing).
# (It misses some schema violations, e.g. an unknown `level`, hence the checks of our own below.)
node -e '
const d = JSON.parse(require("fs").readFileSync("result.sarif", "utf8"));
delete d.runs[0].tool.driver.name; delete d.runs[0].results[1].message;
require("fs").writeFileSync("broken.sarif", JSON.stringify(d));'
set +e
validate ./broken.sarif "$work/broken-validation.sarif" > /dev/null
broken=$?
set -e
if [ "$broken" != 3 ]; then
  echo "FAIL: the validator did not reject a deliberately broken log (status $broken)" >&2
  exit 1
fi
echo "OK: a deliberately broken log is rejected"

validate ./result.sarif "$work/validation.sarif" || { echo "FAIL: the SARIF log has validation errors" >&2; exit 1; }
echo "OK: no validation errors"

# Checks of our own: levels, rule references, regions.
node -e '
const d = JSON.parse(require("fs").readFileSync("result.sarif", "utf8"));
const run = d.runs[0], ids = run.tool.driver.rules.map(r => r.id);
const fail = m => { console.error("FAIL: " + m); process.exit(1); };
if (run.columnKind !== "unicodeCodePoints") fail("columnKind");
for (const r of run.tool.driver.rules)
  if (!r.helpUri || !r.shortDescription.text || !["error","warning","note"].includes(r.defaultConfiguration.level)) fail("rule " + r.id);
const levels = new Set();
for (const r of run.results) {
  levels.add(r.level);
  if (!["error","warning","note"].includes(r.level)) fail("level " + r.level);
  if (ids[r.ruleIndex] !== r.ruleId) fail("ruleIndex of " + r.ruleId);
  const g = r.locations[0].physicalLocation.region;
  if (!(g.startLine >= 1 && g.startColumn >= 1 && (g.endLine > g.startLine || g.endColumn >= g.startColumn))) fail("region " + JSON.stringify(g));
}
if (levels.size !== 3) fail("expected error, warning and note results, got " + [...levels]);
console.log("OK: levels, rule references and regions");
'
