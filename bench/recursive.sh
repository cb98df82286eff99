#!/usr/bin/env bash
# Benchmark (not a test): `chattools-lint -r` over N copies (default 1,000) of
# examples/chat-tool-ok, cold (no cache yet: every project's entry written), warm (every entry
# current) and --no-cache. Prints median wall and CPU (user+sys) times. With BASE (another
# build, e.g. one from before the cache existed), its runs alternate with --no-cache's, run for
# run, and both medians are printed: this machine's noise moves whole rounds by 20-30 %.
#
#   bench/recursive.sh [copies]      RUNS=9 BIN=path/to/chattools-lint bench/recursive.sh
#   BASE=/tmp/old/chattools-lint bench/recursive.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-1000}"
RUNS="${RUNS:-7}"
if [[ -z "${BIN:-}" ]]; then
  (cd "$here" && cargo build --release --quiet)
  BIN="$here/target/release/chattools-lint"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$N"); do
  mkdir "$work/p$i"
  (cd "$here/examples/chat-tool-ok" && tar --exclude=.chattools-lint-cache -cf - .) | tar -xf - -C "$work/p$i"
done
python3 - "$BIN" "$work" "$RUNS" "$N" "${BASE:-}" <<'PY'
import glob, os, resource, shutil, statistics, subprocess, sys, time
bin_, work, runs, n, base = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
def clear():
    for d in glob.glob(f"{work}/.chattools-lint-cache") + glob.glob(f"{work}/*/.chattools-lint-cache"):
        shutil.rmtree(d)
def run(cmd, before=None):
    if before: before()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    wall = (time.perf_counter() - t) * 1000; r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000
def show(name, s):
    w = sorted(x[0] for x in s); c = sorted(x[1] for x in s)
    print(f"{n} projects, {name:26} wall median {statistics.median(w):8.1f} ms  min {w[0]:8.1f} ms  cpu median {statistics.median(c):8.1f} ms")
if base:
    # Older builds ignore the variable (and have no cache); newer ones skip their cache.
    os.environ["CHATTOOLS_LINT_NO_CACHE"] = "1"
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(run([bin_, "-r", ".", "--no-cache"]))
        theirs.append(run([base, "-r", "."]))
    del os.environ["CHATTOOLS_LINT_NO_CACHE"]
    show("-r --no-cache (alternating)", ours)
    show("-r, BASE (alternating)", theirs)
subprocess.run([bin_, "-r", ".", "--no-cache"], stdout=subprocess.DEVNULL, cwd=work)
for name, cmd, before in [("-r --no-cache", [bin_, "-r", ".", "--no-cache"], None),
                          ("-r cold (entries written)", [bin_, "-r", "."], clear),
                          ("-r warm", [bin_, "-r", "."], None)]:
    show(name, [run(cmd, before) for _ in range(runs)])
PY
