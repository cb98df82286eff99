// Shared by the tests: the binary to run, and projects written into temporary folders.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");

const pkgDir = path.resolve(__dirname, "..");

// The binary under test: CHATTOOLS_LINT_BINARY (cargo test and scripts/test-node-api.sh set
// it), else this repository's debug build.
if (!process.env.CHATTOOLS_LINT_BINARY) {
  const exe = process.platform === "win32" ? "chattools-lint.exe" : "chattools-lint";
  process.env.CHATTOOLS_LINT_BINARY = path.resolve(pkgDir, "../../target/debug", exe);
}
if (!fs.existsSync(process.env.CHATTOOLS_LINT_BINARY)) {
  throw new Error(`no binary at ${process.env.CHATTOOLS_LINT_BINARY}: run cargo build first`);
}

const PAGE = { "pages/index/index.wxml": "<view></view>\n", "pages/index/index.js": "Page({})\n" };

const made = [];
process.on("exit", () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder with these files (path → text); removed when the process exits. */
function tempProject(files, parent) {
  const dir = fs.mkdtempSync(path.join(parent || os.tmpdir(), "ctl-node-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  made.push(dir);
  return dir;
}

/** A mini program without problems (exit code 0). */
function cleanProject(parent) {
  return tempProject({ "app.json": '{ "pages": ["pages/index/index"] }\n', ...PAGE }, parent);
}

/** A mini program whose chatTools root is no subpackage: an error at app.json:3:27 (exit code 1). */
function brokenProject(parent) {
  return tempProject(
    {
      "app.json":
        '{\n  "pages": ["pages/index/index"],\n' +
        '  "chatTools": [{ "root": "pkg", "entryPagePath": "pages/a/index", "desc": "投票" }]\n}\n',
      ...PAGE,
    },
    parent
  );
}

module.exports = { pkgDir, tempProject, cleanProject, brokenProject };
