#!/usr/bin/env bash
# Benchmark (not a test): chattools-lint on WeChat's official demo, side by side in one run with
# `du -sb` of its chat-tool package folder and with miniprogram-ci's own offline app/page
# checks; cold (no cache), warm (cache current) and --no-cache. Prints median wall and CPU
# (user+sys) times, the ratios, the system-call counts (strace -c -f), and which folders the
# lint lists (it should list only the chat-tool package's).
#
#   bench/demo.sh                     # release build; npm installs into $SCRATCH once
#   RUNS=30 CI_RUNS=5 bench/demo.sh
#   BIN=path/to/chattools-lint SCRATCH=/tmp/npm bench/demo.sh
#
# Needs python3, node/npm (miniprogram-ci and tdesign-miniprogram from npm, installed into
# $SCRATCH, never into this repo) and strace (optional). The demo is laid out by
# bench/demo-layout.py from tests/data/miniprogram-demo: its configuration, the chat-tool
# package's files at their listed sizes with TDesign's real component code from npm.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-20}"
CI_RUNS="${CI_RUNS:-3}"
SCRATCH="${SCRATCH:-${XDG_CACHE_HOME:-$HOME/.cache}/chattools-lint-bench}"
if [[ -z "${BIN:-}" ]]; then
  (cd "$here" && cargo build --release --quiet)
  BIN="$here/target/release/chattools-lint"
fi
mkdir -p "$SCRATCH"
if [[ ! -d "$SCRATCH/node_modules/miniprogram-ci" || ! -d "$SCRATCH/node_modules/tdesign-miniprogram" ]]; then
  echo "installing miniprogram-ci and tdesign-miniprogram into $SCRATCH ..." >&2
  (cd "$SCRATCH" && { [[ -f package.json ]] || npm init -y >/dev/null; } &&
    npm install --no-audit --no-fund --silent miniprogram-ci tdesign-miniprogram >/dev/null)
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
demo="$work/miniprogram-demo"
python3 "$here/bench/demo-layout.py" "$demo" "$SCRATCH/node_modules/tdesign-miniprogram/miniprogram_dist"
chat="$demo/miniprogram/packageChatTool"
cache="$demo/.chattools-lint-cache"
echo "chat-tool package: $(find "$chat" -type f | wc -l) files, $(du -sb "$chat" | cut -f1) bytes (du -sb)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo

python3 - "$BIN" "$demo" "$chat" "$cache" "$RUNS" "$CI_RUNS" "$SCRATCH/node_modules" "$here/bench/ci-check.js" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, time
bin_, demo, chat, cache, runs, ci_runs, modules, ci_js = sys.argv[1:]
runs, ci_runs = int(runs), int(ci_runs)

def run(cmd, before=None):
    if before:
        before()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = (time.perf_counter() - t) * 1000
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000
    return wall, cpu

def drop_cache():
    shutil.rmtree(cache, ignore_errors=True)

cases = [
    ("du -sb chat-tool folder", ["du", "-sb", chat], None, runs),
    ("lint cold (no cache yet)", [bin_, demo], drop_cache, runs),
    ("lint --no-cache", [bin_, demo, "--no-cache"], None, runs),
    ("lint warm (cache current)", [bin_, demo], None, runs),
    ("miniprogram-ci checks", ["node", ci_js, demo, modules], None, ci_runs),
]
subprocess.run([bin_, demo], stdout=subprocess.DEVNULL)  # page cache warm, entry written
res = {}
for name, cmd, before, n in cases:
    if name.startswith("lint warm"):
        subprocess.run(cmd, stdout=subprocess.DEVNULL)
    samples = [run(cmd, before) for _ in range(n)]
    walls = sorted(s[0] for s in samples)
    cpus = sorted(s[1] for s in samples)
    res[name] = (statistics.median(walls), walls[0], statistics.median(cpus))
    print(f"{name:28} wall median {res[name][0]:9.2f} ms  min {res[name][1]:9.2f} ms  cpu median {res[name][2]:9.2f} ms  ({n} runs)")
print()
ci = res["miniprogram-ci checks"]
du = res["du -sb chat-tool folder"]
for name in ["lint cold (no cache yet)", "lint --no-cache", "lint warm (cache current)"]:
    w, m, c = res[name]
    print(f"{name:28} {ci[0] / w:7.1f}x faster than miniprogram-ci (wall medians), "
          f"{ci[2] / c:7.1f}x (cpu); {w / du[0]:5.1f}x du -sb (wall), {c / du[2]:5.1f}x (cpu)")
print()
out = subprocess.run(["node", ci_js, demo, modules], capture_output=True, text=True).stdout.strip()
print(out.splitlines()[-1] if out else "miniprogram-ci: no output")
PY

if command -v strace >/dev/null; then
  echo
  for mode in cold warm; do
    [[ "$mode" == cold ]] && rm -rf "$cache"
    echo "strace -c -f, lint $mode:"
    strace -c -f -o "$work/strace.$mode" "$BIN" "$demo" >/dev/null || true
    awk 'NR <= 2 || /total/ { print; next } NR <= 10 { print }' "$work/strace.$mode"
  done
  echo "strace -c -f, du -sb of the chat-tool folder:"
  strace -c -f -o "$work/strace.du" du -sb "$chat" >/dev/null
  grep total "$work/strace.du"
  rm -rf "$cache"
  strace -f -e trace=openat -o "$work/strace.dirs" "$BIN" "$demo" >/dev/null || true
  outside=$(grep O_DIRECTORY "$work/strace.dirs" | grep -v "/packageChatTool" | grep -c "$demo/miniprogram/" || true)
  inside=$(grep O_DIRECTORY "$work/strace.dirs" | grep -c "/packageChatTool" || true)
  echo "folders listed by a cold lint: $inside in the chat-tool package, $outside elsewhere in miniprogram/"
fi
