// The Node API: `await lint(paths, options)` runs the native linter with `--format json` and
// returns its document (docs/formats.md; types in index.d.ts).
"use strict";

const { spawn } = require("child_process");
const { binaryPath } = require("./lib/binary.js");

/**
 * Lint mini program projects.
 * @param {string | string[]} [paths] project folders, folders holding app.json, or app.json files (default ".")
 * @param {import("./index").LintOptions} [options]
 * @returns {Promise<import("./index").LintResult>}
 */
function lint(paths, options) {
  const opts = options || {};
  const list = paths === undefined ? ["."] : Array.isArray(paths) ? paths : [paths];
  if (list.length === 0 || !list.every((p) => typeof p === "string" && p !== "")) {
    return Promise.reject(new TypeError("lint(paths): paths must be a path or a non-empty array of paths"));
  }
  const args = ["--format", "json", "--color", "never"];
  if (opts.lang !== undefined) {
    if (opts.lang !== "en" && opts.lang !== "zh") {
      return Promise.reject(new TypeError(`lint(): lang must be "en" or "zh", not ${JSON.stringify(opts.lang)}`));
    }
    args.push("--lang", opts.lang);
  }
  if (opts.config !== undefined) args.push("--config", String(opts.config));
  if (opts.recursive) args.push("--recursive");
  // `--` so a path that starts with `-` is not read as an option.
  args.push("--", ...list);

  return new Promise((resolve, reject) => {
    let binary;
    try {
      binary = binaryPath();
    } catch (err) {
      reject(err);
      return;
    }
    const child = spawn(binary, args, {
      cwd: opts.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on("error", (e) => reject(new Error(`could not run ${binary}: ${e.message}`)));
    child.on("close", (code, signal) => {
      const stdout = Buffer.concat(out).toString("utf8");
      const stderr = Buffer.concat(err).toString("utf8").trim();
      let result;
      try {
        result = JSON.parse(stdout);
      } catch (_) {
        result = undefined;
      }
      if (code === 0 || code === 1) {
        if (result === undefined) {
          reject(failure(`chattools-lint printed no JSON document (exit code ${code})`, code, stderr));
        } else {
          resolve(result);
        }
        return;
      }
      // Exit code 2: something could not be linted (stderr says what). Thrown even when other
      // paths were linted, so a gate never passes a project it did not see; `result` keeps
      // what was linted.
      const why = stderr || (signal ? `chattools-lint was killed by ${signal}` : `chattools-lint exited with ${code}`);
      reject(failure(why, code, stderr, result));
    });
  });
}

function failure(message, exitCode, stderr, result) {
  const e = new Error(message);
  e.name = "ChattoolsLintError";
  e.exitCode = exitCode;
  e.stderr = stderr;
  if (result !== undefined) e.result = result;
  return e;
}

module.exports = { lint };
