#!/usr/bin/env bash
# Build the editor extension from editors/vscode (needs node >= 20 and the npm registry):
#   target/vscode/chattools-lint-vscode-<version>.vsix   for VS Code (Extensions → Install from VSIX…)
#   target/vscode/chattools-lint-vscode/                 the unpacked folder WeChat DevTools loads
#                                                        (it does not install .vsix files)
# Works from a clean checkout: the extension is copied to a temporary folder and built there.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/target/vscode}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/ext/schemas" "$out"
# The sources only: never a local node_modules or build output.
(cd "$root/editors/vscode" && cp package.json package-lock.json tsconfig.json README.md .vscodeignore "$work/ext/" && cp -r src "$work/ext/")
cp "$root/schemas/chattools-lint.schema.json" "$root/schemas/app.schema.json" "$work/ext/schemas/"

cd "$work/ext"
npm ci --no-audit --no-fund
npx tsc -p .
version="$(node -p 'require("./package.json").version')"
vsix="$out/chattools-lint-vscode-$version.vsix"
# @vscode/vsce 3.x: the last line that runs on node 20 (4.x needs node 22).
npx --yes @vscode/vsce@3.9.2 package --skip-license --out "$vsix"

# The unpacked extension: the .vsix's `extension/` folder (package.json, out/, node_modules/, schemas/).
unpacked="$out/chattools-lint-vscode"
rm -rf "$unpacked" "$work/unzip"
python3 -m zipfile -e "$vsix" "$work/unzip"
mv "$work/unzip/extension" "$unpacked"

# What an editor needs to load it.
for f in package.json out/extension.js schemas/chattools-lint.schema.json schemas/app.schema.json \
         node_modules/vscode-languageclient/package.json; do
  [ -f "$unpacked/$f" ] || { echo "package-vscode: $f missing from the extension" >&2; exit 1; }
done
echo "built $vsix"
echo "built $unpacked"
