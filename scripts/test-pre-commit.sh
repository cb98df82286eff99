#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, for real: install the pre-commit framework
# (pip, into a venv), make a throwaway git repository with a broken chat-tool project that uses
# this repository's hooks at its current commit, and show the hook failing the commit, then
# passing once the project is fixed, and not running for unrelated files.
# Needs: cargo, python3 with venv, git, and PyPI. The hooks file must be committed (pre-commit
# clones this repository at HEAD).
#   scripts/test-pre-commit.sh                 the `chattools-lint` (system) hook
#   TEST_RUST_HOOK=1 scripts/test-pre-commit.sh  also the `chattools-lint-rust` hook, which
#                                               builds the linter with cargo (minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
fail() { echo "FAIL: $*" >&2; exit 1; }

rev=$(git rev-parse HEAD)
git diff --quiet HEAD -- .pre-commit-hooks.yaml || fail ".pre-commit-hooks.yaml has uncommitted changes"

cargo build --quiet
export PATH="$root/target/debug:$PATH" # the system hook runs the installed binary
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
"$work/venv/bin/pre-commit" --version

run_case() { # $1 = hook id
  local hook=$1 repo="$work/repo-$1"
  echo "=== hook $hook"
  git init --quiet "$repo"
  cd "$repo"
  git config user.email test@example.com
  git config user.name test
  git config commit.gpgsign false
  cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: $hook
YAML
  "$work/venv/bin/pre-commit" install >/dev/null
  # A correct chat-tool project but for one typo: its chatTools root names no subpackage.
  mkdir -p miniprogram/pages/index miniprogram/packageChatTool/pages/entry
  echo '{ "miniprogramRoot": "miniprogram/" }' > project.config.json
  cat > miniprogram/app.json <<'JSON'
{
  "pages": ["pages/index/index"],
  "subPackages": [
    {
      "root": "packageChatTool",
      "pages": ["pages/entry/index"],
      "independent": true,
      "renderer": "skyline",
      "componentFramework": "glass-easel"
    }
  ],
  "chatTools": [
    { "root": "packageChatTools", "entryPagePath": "pages/entry/index", "desc": "群签到" }
  ],
  "lazyCodeLoading": "requiredComponents",
  "rendererOptions": { "skyline": { "disableABTest": true } }
}
JSON
  for p in miniprogram/pages/index/index miniprogram/packageChatTool/pages/entry/index; do
    echo '<view></view>' > "$p.wxml"
    echo 'Page({})' > "$p.js"
  done
  git add -A
  set +e
  git commit -m "broken chat tool" > "$work/commit1.log" 2>&1
  code=$?
  set -e
  cat "$work/commit1.log"
  [ "$code" != 0 ] || fail "$hook: the commit of a broken project succeeded"
  grep -q 'chat-tools/unknown-root' "$work/commit1.log" || fail "$hook: no chat-tools/unknown-root in the hook output"
  git rev-parse --verify -q HEAD >/dev/null && fail "$hook: a commit was made"
  echo "--- $hook: the broken commit was refused (exit $code)"

  # The fix.
  sed -i 's/"packageChatTools"/"packageChatTool"/' miniprogram/app.json
  git add -A
  git commit -m "fixed chat tool" > "$work/commit2.log" 2>&1 || { cat "$work/commit2.log"; fail "$hook: the fixed project was refused"; }
  cat "$work/commit2.log"
  grep -q 'Passed' "$work/commit2.log" || fail "$hook: the hook did not report Passed"
  echo "--- $hook: the fixed commit passed"

  # A change to unrelated files does not run the linter.
  echo "notes" > README.md
  git add README.md
  git commit -m "docs" > "$work/commit3.log" 2>&1 || { cat "$work/commit3.log"; fail "$hook: unrelated commit refused"; }
  cat "$work/commit3.log"
  grep -q 'no files to check' "$work/commit3.log" || fail "$hook: ran for an unrelated file"
  echo "--- $hook: skipped for unrelated files"
  cd "$root"
}

start=$(date +%s)
run_case chattools-lint
echo "system hook: $(( $(date +%s) - start )) s"
if [ "${TEST_RUST_HOOK:-}" = 1 ]; then
  start=$(date +%s)
  run_case chattools-lint-rust
  echo "rust hook (including the cargo build): $(( $(date +%s) - start )) s"
fi
echo "OK: pre-commit hooks work"
