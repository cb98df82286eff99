#!/usr/bin/env bash
# Benchmark (not a test): `chattools-lint size` against `du -sb` on generated trees of 10,000
# and 100,000 files. Prints each run's wall time and the ratio; aim: within 1.2x of du. With
# BASE (another build), its `size` runs in the same rounds and gets a column of its own.
#
#   bench/size.sh                 # builds the release binary, 5 runs per tree
#   RUNS=9 SIZES="10000" bench/size.sh
#   BIN=path/to/chattools-lint bench/size.sh
#   BASE=/tmp/old/chattools-lint bench/size.sh
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-5}"
SIZES="${SIZES:-10000 100000}"
if [[ -z "${BIN:-}" ]]; then
  (cd "$here" && cargo build --release --quiet)
  BIN="$here/target/release/chattools-lint"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now() { date +%s%N; }

# A project: app.json with a chat-tool subpackage and two others; files spread over nested
# folders in every package, with a realistic mix of extensions (some not uploaded).
generate() {
  local dir="$1" n="$2"
  python3 - "$dir" "$n" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
os.makedirs(root, exist_ok=True)
with open(os.path.join(root, "project.config.json"), "w") as f:
    f.write('{"setting":{"useCompilerPlugins":["typescript","less"]},'
            '"packOptions":{"ignore":[{"type":"folder","value":"packageA/docs"},'
            '{"type":"glob","value":"**/*.test.js"}],"include":[]}}')
with open(os.path.join(root, "app.json"), "w") as f:
    f.write('{"pages":["pages/index/index"],"subPackages":['
            '{"root":"packageChatTool","pages":["pages/entry/index"],"independent":true},'
            '{"root":"packageA","pages":["pages/a"]},{"root":"packageB","pages":["pages/b"]}],'
            '"chatTools":[{"root":"packageChatTool","entryPagePath":"pages/entry/index","desc":"d"}]}')
exts = [".js", ".js", ".json", ".wxml", ".wxss", ".ts", ".d.ts", ".less", ".png", ".md", ".test.js", ".txt"]
pkgs = ["pages", "packageChatTool", "packageA", "packageA/docs", "packageB", "miniprogram_npm"]
blob = b"x" * 4096
for i in range(n):
    pkg = pkgs[i % len(pkgs)]
    d = os.path.join(root, pkg, "d%d" % (i // 600 % 40), "e%d" % (i // 60 % 10))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%d%s" % (i, exts[i % len(exts)])), "wb") as f:
        f.write(blob[: (i * 37) % 4096])
PY
}

printf '%-8s %-4s %12s %12s %7s\n' files run "size (ms)" "du -sb (ms)" ratio
for n in $SIZES; do
  dir="$work/tree$n"
  generate "$dir" "$n"
  # Warm the cache once for both.
  du -sb "$dir" >/dev/null
  "$BIN" size "$dir" >/dev/null
  tool_sum=0; du_sum=0; base_sum=0
  for run in $(seq 1 "$RUNS"); do
    t0=$(now); du -sb "$dir" >/dev/null; t1=$(now)
    "$BIN" size "$dir" >/dev/null; t2=$(now)
    [[ -n "${BASE:-}" ]] && "$BASE" size "$dir" >/dev/null
    t3=$(now)
    du_ns=$((t1 - t0)); tool_ns=$((t2 - t1)); base_ns=$((t3 - t2))
    du_sum=$((du_sum + du_ns)); tool_sum=$((tool_sum + tool_ns)); base_sum=$((base_sum + base_ns))
    awk -v n="$n" -v r="$run" -v a="$tool_ns" -v b="$du_ns" -v c="$base_ns" -v has="${BASE:+1}" \
      'BEGIN { printf "%-8s %-4s %12.1f %12.1f %6.2fx", n, r, a/1e6, b/1e6, a/b;
               if (has) printf "   base %8.1f %6.2fx", c/1e6, c/b; print "" }'
  done
  awk -v n="$n" -v a="$tool_sum" -v b="$du_sum" -v c="$base_sum" -v k="$RUNS" -v has="${BASE:+1}" \
    'BEGIN { printf "%-8s %-4s %12.1f %12.1f %6.2fx", n, "mean", a/k/1e6, b/k/1e6, a/b;
             if (has) printf "   base %8.1f %6.2fx", c/k/1e6, c/b; print "" }'
done
