#!/usr/bin/env bash
# Benchmark: lint a generated chat-tool package of about 500 KB (about 200 files of JS, WXML,
# WXSS and JSON) with the release binary on one core, and print the times.
#
#   bench/code.sh [runs]        (default 20 runs; uses hyperfine when installed)
#
# Prints figures only; nothing here asserts a time.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-20}"
cargo build --release --quiet
BIN="$PWD/target/release/chattools-lint"
DIR="$(mktemp -d)"
[ -n "${KEEP:-}" ] && echo "generated in $DIR" || trap 'rm -rf "$DIR"' EXIT

python3 - "$DIR" <<'PY'
import json, os, sys
root = sys.argv[1]
pkg = "packageChatTool"
pages = [f"pages/p{i:02d}/index" for i in range(48)]

def write(rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)

write("app.json", json.dumps({
    "pages": ["pages/index/index"],
    "usingComponents": {"app-nav": "/components/nav/index"},
    "requiredPrivateInfos": ["getLocation"],
    "subPackages": [{"root": pkg, "pages": pages, "independent": True, "renderer": "skyline"}],
    "chatTools": [{"root": pkg, "entryPagePath": pages[0], "desc": "群签到",
                   "scopes": ["scope.userLocation"]}],
}, ensure_ascii=False, indent=2))
write("pages/index/index.wxml", "<view/>\n")
write("pages/index/index.js", "Page({})\n")
write("components/nav/index.json", '{"component": true}\n')
write("components/nav/index.wxml", "<view/>\n")

method = """  handle{n}(e) {{
    const id = e.currentTarget.dataset.id
    const list = this.data.items.filter((it) => it.id !== id).map((it, i) => ({{ ...it, index: i }}))
    if (list.length > {n}) {{
      wx.showToast({{ title: '已更新 {n}', icon: 'none' }})
    }}
    this.setData({{ items: list, total: list.reduce((a, b) => a + b.count, 0) }})
    return formatDate(new Date(), 'YYYY-MM-DD') + String({n})
  }},
"""
for i, page in enumerate(pages):
    base = f"{pkg}/{page}"
    js = ["const { formatDate } = require('../../utils/util')",
          "const { request } = require('../../utils/request')", "",
          "Page({", "  data: { items: [], total: 0 },",
          "  async onLoad(query) {",
          "    const res = await request({ url: '/api/list', data: query })",
          "    this.setData({ items: res.items })",
          "    if (query.near) { const loc = await wx.getLocation({ type: 'gcj02' }); this.setData({ loc }) }",
          f"    wx.navigateTo({{ url: '/{pkg}/{pages[(i + 1) % len(pages)]}?from={i}' }})",
          "  },"]
    js += [method.format(n=n) for n in range(11)]
    js += ["  share() {", "    wx.shareAppMessageToGroup({ title: '群签到' })", "  },", "})", ""]
    write(base + ".js", "\n".join(js))
    items = "\n".join(
        f'  <view class="row row-{n}" wx:for="{{{{items}}}}" wx:key="id" data-id="{{{{item.id}}}}" bindtap="handle{n % 8}">\n'
        f'    <text class="title">{{{{item.title}}}} {n}</text>\n'
        f'    <card title="{{{{item.title}}}}" count="{{{{item.count > {n} ? item.count : 0}}}}" />\n'
        f'  </view>'
        for n in range(14))
    write(base + ".wxml", f'<nav-bar title="页面 {i}" />\n<scroll-view scroll-y type="list">\n{items}\n</scroll-view>\n'
          f'<navigator url="../p{(i + 2) % len(pages):02d}/index">下一页</navigator>\n')
    write(base + ".json", json.dumps({"navigationStyle": "custom", "usingComponents": {
        "nav-bar": "../../components/nav-bar/index", "card": "../../components/card/index"}}, indent=2))
    write(base + ".wxss", "@import '../../styles/common.wxss';\n" + "".join(
        f".row-{n} {{ display: flex; padding: {n}px 24rpx; color: #333; }}\n" for n in range(24)))
for comp in ["nav-bar", "card"]:
    base = f"{pkg}/components/{comp}/index"
    write(base + ".json", '{"component": true}\n')
    write(base + ".wxml", '<view class="c"><text>{{title}}</text><slot /></view>\n')
    write(base + ".js", "Component({ properties: { title: String, count: Number } })\n")
write(f"{pkg}/styles/common.wxss", ".c { display: block; }\n" * 40)
util = "\n".join(f"module.exports.f{n} = (a, b) => (a * {n} + b) % 97" for n in range(200))
write(f"{pkg}/utils/util.js", util + "\nmodule.exports.formatDate = (d) => d.toISOString()\n")
write(f"{pkg}/utils/request.js", "module.exports.request = (o) => new Promise((resolve, reject) => wx.request({ ...o, success: (r) => resolve(r.data), fail: reject }))\n")
PY

FILES=$(find "$DIR/packageChatTool" -type f | wc -l)
BYTES=$(find "$DIR/packageChatTool" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "package: $FILES files, $BYTES bytes"
"$BIN" "$DIR" --format json >/dev/null || true
CMD="taskset -c 0 $BIN $DIR --format json"
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 3 --runs "$RUNS" -N -i "$CMD"
else
    TIMES=()
    for _ in $(seq "$RUNS"); do
        s=$(date +%s%N)
        $CMD >/dev/null || true
        e=$(date +%s%N)
        TIMES+=($(( (e - s) / 1000 )))
    done
    printf '%s\n' "${TIMES[@]}" | sort -n | awk -v runs="$RUNS" '
        { t[NR] = $1; sum += $1 }
        END { printf "runs: %d  min: %.1f ms  median: %.1f ms  mean: %.1f ms  max: %.1f ms\n",
              runs, t[1] / 1000, t[int((NR + 1) / 2)] / 1000, sum / NR / 1000, t[NR] / 1000 }'
fi
# CPU time (user + sys) per run, from the shell's accounting of its children.
CPU=$( (for _ in $(seq "$RUNS"); do $CMD >/dev/null || true; done; times) | tail -1)
echo "cpu per run (user+sys of $RUNS runs / $RUNS): $(echo "$CPU" | awk -v runs="$RUNS" '
    function secs(t) { split(t, a, "m"); sub("s", "", a[2]); return a[1] * 60 + a[2] }
    { printf "%.1f ms", (secs($1) + secs($2)) * 1000 / runs }')"
