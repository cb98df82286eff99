// examples/upload-gate.js (the gate shown in docs/integrations.md) with the real miniprogram-ci,
// up to the call of `ci.upload`, which a recorder replaces. Needs MINIPROGRAM_CI_DIR: a folder
// whose node_modules holds miniprogram-ci (scripts/test-node-api.sh installs it from npm).
"use strict";

const test = require("node:test");
const assert = require("node:assert");
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { pkgDir, tempProject, cleanProject, brokenProject } = require("./helpers.js");

const ciDir = process.env.MINIPROGRAM_CI_DIR;
const skip = ciDir
  ? false
  : "MINIPROGRAM_CI_DIR is not set (scripts/test-node-api.sh installs miniprogram-ci and sets it)";

// Loaded with --require before the gate: miniprogram-ci's exports are read-only getters, so the
// module's exports are swapped for a copy whose `upload` writes its arguments to a file.
const RECORDER = `
const fs = require("fs");
const id = require.resolve("miniprogram-ci");
const real = require(id);
const fake = {};
for (const k of Object.keys(real)) {
  if (k !== "upload") Object.defineProperty(fake, k, { enumerable: true, get: () => real[k] });
}
Object.defineProperty(fake, "upload", {
  enumerable: true,
  value: async (o) => {
    const p = o.project;
    fs.writeFileSync(process.env.UPLOAD_RECORD, JSON.stringify({
      appid: p.appid, type: p.type, projectPath: p.projectPath, version: o.version, desc: o.desc,
    }));
    return {};
  },
});
require.cache[id].exports = fake;
`;

function setup() {
  // Under MINIPROGRAM_CI_DIR, so `require("miniprogram-ci")` finds its node_modules.
  const run = tempProject({ "recorder.js": RECORDER, "upload.key": "not a real key\n" }, ciDir);
  fs.copyFileSync(path.join(pkgDir, "examples", "upload-gate.js"), path.join(run, "upload-gate.js"));
  fs.mkdirSync(path.join(run, "node_modules"));
  fs.symlinkSync(pkgDir, path.join(run, "node_modules", "chattools-lint"), "junction");
  return run;
}

function gate(run, projectPath) {
  const record = path.join(run, "upload.json");
  const r = spawnSync(process.execPath, ["--require", path.join(run, "recorder.js"), path.join(run, "upload-gate.js")], {
    cwd: run,
    env: {
      ...process.env,
      LANG: "C",
      WX_PROJECT_PATH: projectPath,
      WX_APPID: "wx0123456789abcdef",
      WX_PRIVATE_KEY_PATH: path.join(run, "upload.key"),
      WX_VERSION: "1.2.3",
      UPLOAD_RECORD: record,
    },
  });
  const uploaded = fs.existsSync(record) ? JSON.parse(fs.readFileSync(record, "utf8")) : null;
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString(), uploaded };
}

const withConfig = (dir) => {
  fs.writeFileSync(path.join(dir, "project.config.json"), '{ "appid": "wx0123456789abcdef", "compileType": "miniprogram" }\n');
  return dir;
};

test("the recorder really stands in for miniprogram-ci's upload", { skip }, () => {
  const run = setup();
  const r = spawnSync(process.execPath, ["--require", path.join(run, "recorder.js"), "-e",
    "const ci = require('miniprogram-ci'); console.log(typeof ci.Project, ci.upload.toString().includes('UPLOAD_RECORD'))"], { cwd: run });
  // (miniprogram-ci prints its own lines when loaded; ours is the last.)
  assert.strictEqual(r.stdout.toString().trim().split("\n").pop(), "function true", r.stderr.toString());
});

test("errors: the gate prints them and does not upload (exit 1)", { skip }, () => {
  const run = setup();
  const project = withConfig(brokenProject(run));
  const r = gate(run, project);
  assert.strictEqual(r.status, 1, r.stderr);
  assert.match(r.stdout, /app\.json:3:27: error\[chat-tools\/unknown-root\] chatTools root `pkg` is not the root of any subpackage/);
  assert.match(r.stderr, /chattools-lint found 1 error\(s\): not uploading\./);
  assert.strictEqual(r.uploaded, null);
});

test("no errors: the gate calls ci.upload with the project (exit 0)", { skip }, () => {
  const run = setup();
  const project = withConfig(cleanProject(run));
  const r = gate(run, project);
  assert.strictEqual(r.status, 0, r.stderr);
  assert.deepStrictEqual(r.uploaded, {
    appid: "wx0123456789abcdef",
    type: "miniProgram",
    projectPath: project,
    version: "1.2.3",
    desc: "checked by chattools-lint",
  });
});

test("nothing to lint: the gate stops with the linter's message (exit 2)", { skip }, () => {
  const run = setup();
  const r = gate(run, path.join(run, "no-such-project"));
  assert.strictEqual(r.status, 2);
  assert.match(r.stderr, /cannot open `.*no-such-project`/);
  assert.strictEqual(r.uploaded, null);
});
