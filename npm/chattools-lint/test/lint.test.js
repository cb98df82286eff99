// The CommonJS API against the real binary: exit codes 0, 1 and 2, options, the document's shape.
"use strict";

const test = require("node:test");
const assert = require("node:assert");
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { pkgDir, tempProject, cleanProject, brokenProject } = require("./helpers.js");
const { lint } = require("..");

// Every key of the document and of a diagnostic, as index.d.ts declares them.
const DOC_KEYS = ["diagnostics", "projects", "summary", "tool", "version"];
const DIAG_KEYS = ["column", "endColumn", "endLine", "file", "help", "line", "message", "pointer", "rule", "severity", "url"];

test("a clean project: exit code 0 resolves with an empty report", async () => {
  const dir = cleanProject();
  const result = await lint(dir);
  assert.deepStrictEqual(Object.keys(result).filter((k) => k !== "errors").sort(), DOC_KEYS);
  assert.strictEqual(result.version, 1);
  assert.strictEqual(result.tool.name, "chattools-lint");
  assert.match(result.tool.version, /^\d+\.\d+\.\d+/);
  assert.deepStrictEqual(result.diagnostics, []);
  assert.deepStrictEqual(result.summary, { errors: 0, warnings: 0, infos: 0, projects: 1 });
  assert.strictEqual(result.projects.length, 1);
  assert.deepStrictEqual(Object.keys(result.projects[0]).sort(), ["appJson", "path"]);
});

test("errors: exit code 1 resolves with the diagnostics, positions and all", async () => {
  const dir = brokenProject();
  const result = await lint([dir], { lang: "en" });
  assert.strictEqual(result.summary.errors, 1);
  const d = result.diagnostics.find((x) => x.rule === "chat-tools/unknown-root");
  assert.ok(d, JSON.stringify(result.diagnostics));
  assert.deepStrictEqual(Object.keys(d).sort(), DIAG_KEYS);
  assert.strictEqual(d.severity, "error");
  assert.strictEqual(d.message, "chatTools root `pkg` is not the root of any subpackage");
  assert.deepStrictEqual([d.line, d.column, d.endLine, d.endColumn], [3, 27, 3, 32]);
  assert.strictEqual(d.pointer, "/chatTools/0/root");
  assert.ok(d.file.endsWith("app.json"), d.file);
  assert.match(d.url, /chat-tools\/unknown-root\.md$/);
});

test("lang: zh gives Chinese messages", async () => {
  const result = await lint(brokenProject(), { lang: "zh" });
  const d = result.diagnostics.find((x) => x.rule === "chat-tools/unknown-root");
  assert.match(d.message, /分包/);
});

test("config: the given configuration file is used", async () => {
  const dir = brokenProject();
  const config = path.join(dir, "ci-config.json");
  fs.writeFileSync(config, '{ "rules": { "chat-tools/unknown-root": "warning" } }\n');
  const result = await lint(dir, { config });
  assert.strictEqual(result.summary.errors, 0);
  assert.strictEqual(result.diagnostics.find((x) => x.rule === "chat-tools/unknown-root").severity, "warning");
});

test("cwd: paths are resolved and shown relative to it", async () => {
  const dir = brokenProject();
  const result = await lint(".", { cwd: dir });
  assert.strictEqual(result.projects[0].path, ".");
  assert.strictEqual(result.diagnostics.find((x) => x.rule === "chat-tools/unknown-root").file, "app.json");
});

test("nothing to lint: exit code 2 rejects with the linter's message", async () => {
  const dir = tempProject({ "README.md": "not a mini program\n" });
  const missing = path.join(dir, "no-such-project");
  await assert.rejects(lint(missing, { lang: "en" }), (err) => {
    assert.ok(err instanceof Error);
    assert.strictEqual(err.name, "ChattoolsLintError");
    assert.strictEqual(err.exitCode, 2);
    assert.match(err.message, /^chattools-lint: error: cannot open `.*no-such-project`/);
    assert.strictEqual(err.message, err.stderr);
    return true;
  });
});

test("a broken chattools-lint.json: exit code 2 rejects", async () => {
  const dir = cleanProject();
  fs.writeFileSync(path.join(dir, "chattools-lint.json"), '{ "rulez": {} }\n');
  await assert.rejects(lint(dir, { lang: "en" }), (err) => {
    assert.strictEqual(err.exitCode, 2);
    assert.match(err.message, /rulez/);
    return true;
  });
});

test("one path linted, one not: rejects, and keeps what was linted", async () => {
  const good = brokenProject();
  await assert.rejects(lint([good, path.join(good, "missing")], { lang: "en" }), (err) => {
    assert.strictEqual(err.exitCode, 2);
    assert.strictEqual(err.result.projects.length, 1);
    assert.strictEqual(err.result.summary.errors, 1);
    return true;
  });
});

test("bad arguments are refused before running", async () => {
  await assert.rejects(lint([]), TypeError);
  await assert.rejects(lint(".", { lang: "fr" }), TypeError);
});

test("a path that starts with a dash is a path, not an option", async () => {
  const parent = tempProject({});
  fs.mkdirSync(path.join(parent, "-p"));
  fs.cpSync(cleanProject(), path.join(parent, "-p"), { recursive: true });
  const result = await lint("-p", { cwd: parent });
  assert.strictEqual(result.summary.projects, 1);
});

test("require('chattools-lint') and import from 'chattools-lint' resolve through package.json", () => {
  const app = tempProject({
    "cjs.js": "require('chattools-lint').lint(process.argv[2]).then((r) => console.log('cjs', r.summary.errors));\n",
    "esm.mjs":
      "import api, { lint } from 'chattools-lint';\n" +
      "if (api.lint !== lint) throw new Error('default and named exports differ');\n" +
      "const r = await lint(process.argv[2]);\nconsole.log('esm', r.summary.errors);\n",
  });
  fs.mkdirSync(path.join(app, "node_modules"));
  fs.symlinkSync(pkgDir, path.join(app, "node_modules", "chattools-lint"), "junction");
  const project = brokenProject();
  const run = (file) => execFileSync(process.execPath, [path.join(app, file), project], { cwd: app }).toString().trim();
  assert.strictEqual(run("cjs.js"), "cjs 1");
  assert.strictEqual(run("esm.mjs"), "esm 1");
});
