#!/usr/bin/env bash
# Compare chattools-lint's compiled-size estimate with WeChat's own compiler (miniprogram-ci),
# offline: `getCompiledResult` compiles the project on this machine with no appid key or network.
#
#   scripts/measure-compiled-size.sh [SCRATCH_DIR]     (needs node + npm; run by hand)
#
# It builds, in SCRATCH_DIR (default /tmp/chattools-size-measure), WeChat's official demo's chat-tool
# package as its file list (tests/data/miniprogram-demo/packageChatTool.files.tsv) describes it:
# TDesign 1.8.5 from npm (every one of its 321 files matches the list byte for byte) plus
# stand-ins of the same size for the demo's 14 own files (their code is not in this repo), and a
# second project using @vant/weapp and this repo's examples. Each is compiled by miniprogram-ci with
# the project's own settings and with miniprogram-ci's defaults (no minification), and the
# estimate of `chattools-lint size --format json` is compared per file and per kind.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-/tmp/chattools-size-measure}
mkdir -p "$scratch"
cd "$scratch"
if [ ! -d node_modules/miniprogram-ci ] || [ ! -d node_modules/tdesign-miniprogram ]; then
  [ -f package.json ] || npm init -y >/dev/null
  npm install --no-audit --no-fund miniprogram-ci tdesign-miniprogram@1.8.5 @vant/weapp >/dev/null
fi
bin=${CHATTOOLS_LINT:-$repo/target/release/chattools-lint}
[ -x "$bin" ] || bin=$repo/target/debug/chattools-lint
[ -x "$bin" ] || (cd "$repo" && cargo build --release)
[ -x "$bin" ] || bin=$repo/target/release/chattools-lint

node "$repo/scripts/measure-compiled-size.js" "$repo" "$scratch" "$bin"
