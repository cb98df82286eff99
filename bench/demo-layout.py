#!/usr/bin/env python3
"""Lay out WeChat's official demo (wechat-miniprogram/miniprogram-demo) for bench/demo.sh.

    bench/demo-layout.py OUT TDESIGN_DIST

Its configuration comes from tests/data/miniprogram-demo (project.config.json, app.json, the
chat-tool package's .json files); the chat-tool package's files are those listed in
packageChatTool.files.tsv, at their listed sizes: TDesign's files are copied from the npm
package's miniprogram_dist when it has them (real component code), the others are generated.
Every other package gets its listed pages (js/json/wxml/wxss) and filler assets, so that
miniprogram/ holds about 3,700 entries, as the real demo does; packageSkylineExamples (a git
submodule) as cloned with --recursive, so that miniprogram-ci's app.json check passes and its
page checks run.
"""
import json
import os
import re
import shutil
import sys

out, dist = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "tests", "data", "miniprogram-demo")


def write(rel, text):
    p = os.path.join(out, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w" if isinstance(text, str) else "wb") as f:
        f.write(text)


def pad(text, size, comment):
    """`text` grown (with comment lines) or cut to exactly `size` bytes."""
    b = text.encode()
    i = 0
    while len(b) < size:
        b += (comment % i).encode()
        i += 1
    return b[:size]


# Configuration, verbatim.
for root, _, files in os.walk(data):
    for name in files:
        if name.endswith(".json"):
            src = os.path.join(root, name)
            rel = os.path.relpath(src, data)
            os.makedirs(os.path.dirname(os.path.join(out, rel)), exist_ok=True)
            shutil.copyfile(src, os.path.join(out, rel))

app = json.load(open(os.path.join(data, "miniprogram", "app.json")))

# The chat-tool package, file by file.
for line in open(os.path.join(data, "packageChatTool.files.tsv")):
    size, rel = line.rstrip("\n").split("\t")
    size = int(size)
    dest = os.path.join(out, rel)
    if os.path.exists(dest):
        continue
    marker = "/tdesign-miniprogram/"
    if marker in rel:
        src = os.path.join(dist, rel.split(marker, 1)[1])
        if os.path.isfile(src):
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copyfile(src, dest)
            continue
    ext = os.path.splitext(rel)[1]
    if ext == ".js":
        body = pad("const util = require('%s')\nPage({\n  data: { list: [] },\n  onLoad(query) {\n"
                   "    this.setData({ id: query.id })\n  },\n" % ("../../util" if "/pages/" in rel else "./util"),
                   size - 4, "  m%d() { return this.data.list.length },\n") + b"})\n\n"
        body = body[:size]
    elif ext == ".wxml":
        body = pad("<view class=\"page\">\n", size, "  <view class=\"row\">{{list[%d]}}</view>\n")
    elif ext == ".wxss":
        body = pad(".page { padding: 24rpx; }\n", size, ".row-%d { display: flex; color: #333; }\n")
    elif ext == ".json":
        body = pad("{}", size, "")
        body = b"{}" + b" " * (size - 2)
    else:  # README.md, .d.ts
        body = pad("# TDesign\n", size, "line %d of documentation\n")
    write(rel, body)

# Every other package: its pages, plus filler images, so miniprogram/ has about 3,700 entries.
packages = [("", app["pages"])] + [
    (s["root"], s["pages"]) for s in app["subpackages"] if s["root"] != "packageChatTool"
]
for root, pages in packages:
    prefix = f"miniprogram/{root}/" if root else "miniprogram/"
    for page in pages:
        base = prefix + page
        write(base + ".js", "Page({\n  data: {},\n  onLoad() {},\n  onShareAppMessage() { return { title: 'demo' } }\n})\n")
        write(base + ".json", '{\n  "navigationBarTitleText": "demo",\n  "usingComponents": {}\n}\n')
        write(base + ".wxml", "<view class=\"container\">\n  <text>demo</text>\n</view>\n")
        write(base + ".wxss", ".container { padding: 32rpx; }\n")
for i in range(1560):
    pkg = ["", "packageAPI/", "packageComponent/", "packageExtend/", "packageXRFrame/"][i % 5]
    write(f"miniprogram/{pkg}image/d{i % 30}/img{i}.png", bytes(200 + (i * 97) % 3000))
write("miniprogram/component/navigation-bar/navigation-bar.json", '{"component": true}\n')
write("miniprogram/component/navigation-bar/navigation-bar.wxml", "<view><slot/></view>\n")
write("miniprogram/component/navigation-bar/navigation-bar.js", "Component({})\n")
write("miniprogram/app.js", "App({})\n")
write("miniprogram/app.wxss", "page { background: #f6f6f6; }\n")
# The theme file app.json's `themeLocation` names: every `@variable` of app.json, icons as
# images that exist, the rest as colours.
theme = {}
for var in sorted(set(re.findall(r'"@(\w+)"', open(os.path.join(data, "miniprogram", "app.json")).read()))):
    if "icon" in var.lower():
        write(f"miniprogram/image/theme/{var}.png", bytes(600))
        theme[var] = f"image/theme/{var}.png"
    elif "style" in var.lower():
        theme[var] = "black"
    else:
        theme[var] = "#000000"
write("miniprogram/" + app.get("themeLocation", "theme.json"),
      json.dumps({"light": theme, "dark": theme}, indent=2))
if isinstance(app.get("workers"), str):
    write(f"miniprogram/{app['workers']}/index.js", "worker.onMessage(() => {})\n")
write("miniprogram/sitemap.json", '{"rules": [{"action": "allow", "page": "*"}]}\n')
count = sum(len(d) + len(f) for _, d, f in os.walk(os.path.join(out, "miniprogram")))
print(f"laid out {out}: {count} entries under miniprogram/", file=sys.stderr)
