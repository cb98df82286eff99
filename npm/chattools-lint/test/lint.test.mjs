// The ES module entry against the real binary.
import test from "node:test";
import assert from "node:assert";
import { createRequire } from "node:module";
import api, { lint } from "../index.mjs";

const require = createRequire(import.meta.url);
const { cleanProject, brokenProject } = require("./helpers.js");

test("ESM: named and default exports are the CommonJS API", () => {
  assert.strictEqual(lint, require("../index.js").lint);
  assert.strictEqual(api.lint, lint);
});

test("ESM: exit codes 0 and 1 resolve, 2 rejects", async () => {
  assert.strictEqual((await lint(cleanProject())).summary.errors, 0);
  assert.strictEqual((await lint(brokenProject())).summary.errors, 1);
  await assert.rejects(lint("/no/such/project", { lang: "en" }), { exitCode: 2 });
});
