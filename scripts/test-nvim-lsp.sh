#!/usr/bin/env bash
# A second, real LSP client: Neovim's built-in client (headless) starts `chattools-lint lsp` on a
# copy of examples/broken-chat-tool, collects the diagnostics it receives, asks for a code action
# and a hover, and this script checks them against what the command line reports for the same
# project. Installs Debian's neovim (apt-get, as root) when it is missing. Run by hand:
#   scripts/test-nvim-lsp.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v nvim >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
fi
nvim --version | head -1

cargo build --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/debug/chattools-lint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/broken-chat-tool" "$work/project"
proj="$work/project"

# What the command line reports: (file, rule, line).
(cd "$proj" && "$bin" --format json . >"$work/cli.json") || true
expected="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["diagnostics"]))' "$work/cli.json")"

cat >"$work/init.lua" <<'LUA'
-- Neovim 0.7+: start_client + buf_attach_client (vim.lsp.start is 0.8+).
local bin, root, out = os.getenv("CTL_BIN"), os.getenv("CTL_ROOT"), os.getenv("CTL_OUT")
local expected = tonumber(os.getenv("CTL_EXPECTED"))
local function fail(msg)
  io.stderr:write("nvim: " .. msg .. "\n")
  vim.cmd("cquit 1")
end
-- After startup, when app.json (the file on the command line) is the current buffer.
local function main()
local id = vim.lsp.start_client({ name = "chattools-lint", cmd = { bin, "lsp" }, root_dir = root })
vim.lsp.buf_attach_client(0, id)
if not vim.wait(20000, function() return #vim.diagnostic.get(nil) >= expected end, 20) then
  fail("timed out: " .. #vim.diagnostic.get(nil) .. " diagnostics of " .. expected)
end
local lines = {}
local desc, entry
for _, d in ipairs(vim.diagnostic.get(nil)) do
  local file = vim.api.nvim_buf_get_name(d.bufnr)
  table.insert(lines, vim.fn.json_encode({ file = file, line = d.lnum + 1, code = d.code, source = d.source }))
  if d.code == "chat-tools/desc" then desc = d end
  if d.code == "chat-tools/entry-page" then entry = d end
end
if not desc then fail("no chat-tools/desc diagnostic") end
-- Neovim turned the server's UTF-16 position into a byte column: keep it for the check.
table.insert(lines, vim.fn.json_encode({ desc_byte_col = desc.col, desc_line = desc.lnum }))
-- A code action and a hover on the `desc` diagnostic of app.json (buffer 0), at the
-- position the server sent.
local text = vim.api.nvim_buf_get_lines(0, desc.lnum, desc.lnum + 1, false)[1]
local _, utf16 = vim.str_utfindex(text, desc.col)
local pos = { line = desc.lnum, character = utf16 }
local params = {
  textDocument = vim.lsp.util.make_text_document_params(),
  range = { start = pos, ["end"] = pos },
  context = { diagnostics = {} },
}
local actions = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000)
for _, r in pairs(actions or {}) do
  for _, a in ipairs(r.result or {}) do
    table.insert(lines, vim.fn.json_encode({ action = a.title }))
  end
end
-- The rule's own fix at the entry-page problem.
local etext = vim.api.nvim_buf_get_lines(0, entry.lnum, entry.lnum + 1, false)[1]
local _, ecol = vim.str_utfindex(etext, entry.col)
local epos = { line = entry.lnum, character = ecol }
params.range = { start = epos, ["end"] = epos }
local fixes = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000)
for _, r in pairs(fixes or {}) do
  for _, a in ipairs(r.result or {}) do
    table.insert(lines, vim.fn.json_encode({ fix = a.title }))
  end
end
local hover = vim.lsp.buf_request_sync(0, "textDocument/hover",
  { textDocument = params.textDocument, position = pos }, 10000)
for _, r in pairs(hover or {}) do
  if r.result then table.insert(lines, vim.fn.json_encode({ hover = r.result.contents.value })) end
end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
vim.cmd("qall!")
end
vim.api.nvim_create_autocmd("VimEnter", { callback = main })
LUA

CTL_BIN="$bin" CTL_ROOT="$proj" CTL_OUT="$work/nvim.jsonl" CTL_EXPECTED="$expected" \
  timeout 60 nvim --headless --clean -u "$work/init.lua" "$proj/miniprogram/app.json"

python3 - "$work/cli.json" "$work/nvim.jsonl" "$proj" <<'PY'
import json, os, sys
cli, got, proj = sys.argv[1], sys.argv[2], sys.argv[3]
want = {(os.path.normpath(os.path.join(proj, d["file"])), d["rule"], d["line"])
        for d in json.load(open(cli))["diagnostics"]}
rows = [json.loads(l) for l in open(got)]
diags = [r for r in rows if "code" in r]
have = {(os.path.normpath(r["file"]), r["code"], r["line"]) for r in diags}
assert all(r["source"] == "chattools-lint" for r in diags), diags
if have != want:
    print("missing:", sorted(want - have)); print("unexpected:", sorted(have - want))
    sys.exit(1)
actions = [r["action"] for r in rows if "action" in r]
assert "Disable `chat-tools/desc` in chattools-lint.json" in actions, actions
fixes = [r["fix"] for r in rows if "fix" in r]
assert any("entryPagePath" in f for f in fixes), fixes
hovers = [r["hover"] for r in rows if "hover" in r]
assert hovers and hovers[0].startswith("# chat-tools/desc"), hovers
# The `desc` problem starts at the first marketing word, after Chinese text on its line: the
# byte column Neovim computed from the server's UTF-16 column must land exactly there.
at = next(r for r in rows if "desc_byte_col" in r)
line = open(os.path.join(proj, "miniprogram/app.json"), "rb").read().split(b"\n")[at["desc_line"]]
assert line[at["desc_byte_col"]:].startswith("最好".encode()), (line, at)
files = sorted({os.path.relpath(f, proj) for f, _, _ in have})
print(f"ok: Neovim received the {len(have)} diagnostics the command line reports, in {len(files)} files:")
for f in files:
    print(f"  {f}: " + ", ".join(sorted({c for g, c, _ in have if os.path.relpath(g, proj) == f})))
print(f"ok: code actions at chat-tools/desc: {actions}")
print(f"ok: code actions at chat-tools/entry-page: {fixes}")
print("ok: hover shows the rule's documentation")
print(f"ok: Neovim placed chat-tools/desc at byte column {at['desc_byte_col']}, on `最好` after Chinese text")
PY
