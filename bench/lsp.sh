#!/usr/bin/env bash
# Benchmark (not a test): how fast `chattools-lint lsp` starts and lints. Prints, over RUNS runs,
# the median wall time from spawning the server to its `initialize` answer, and to the first
# diagnostics of examples/broken-chat-tool; and the binary's size.
#
#   bench/lsp.sh                      # builds the release binary, 20 runs
#   RUNS=50 BIN=path/to/chattools-lint bench/lsp.sh
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-20}"
if [[ -z "${BIN:-}" ]]; then
  (cd "$here" && cargo build --release --quiet)
  BIN="$here/target/release/chattools-lint"
fi
ls -l "$BIN"
python3 - "$BIN" "$here/examples/broken-chat-tool" "$RUNS" <<'PY'
import json, statistics, subprocess, sys, time
bin_, root, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])

def frame(o):
    b = json.dumps(o).encode()
    return b"Content-Length: %d\r\n\r\n" % len(b) + b

def read(out):
    n = 0
    while True:
        line = out.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length:"):
            n = int(line.split(b":")[1])
    return json.loads(out.read(n))

init_t, diag_t = [], []
for _ in range(runs):
    t0 = time.perf_counter()
    p = subprocess.Popen([bin_, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    p.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                         "params": {"processId": None, "rootUri": "file://" + root, "capabilities": {}}}))
    p.stdin.flush()
    while "result" not in read(p.stdout):
        pass
    init_t.append(time.perf_counter() - t0)
    p.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    p.stdin.flush()
    while read(p.stdout).get("method") != "textDocument/publishDiagnostics":
        pass
    diag_t.append(time.perf_counter() - t0)
    p.stdin.close()
    p.wait()
ms = lambda xs: f"{statistics.median(xs) * 1000:.1f} ms (min {min(xs) * 1000:.1f})"
print(f"spawn → initialize answered: {ms(init_t)}")
print(f"spawn → first diagnostics: {ms(diag_t)}")
PY
