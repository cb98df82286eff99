#!/usr/bin/env node
// The chattools-lint launcher: finds the native binary in the platform package npm installed
// through optionalDependencies (as esbuild and biome do), runs it with our arguments, and
// passes back its exit code — or the signal that ended it.
"use strict";

const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

/** Platform key → package. Keep in step with ../../platforms.json. */
const PACKAGES = {
  "linux-x64-glibc": "@chattools-lint/linux-x64",
  "linux-x64-musl": "@chattools-lint/linux-x64-musl",
  "linux-arm64-glibc": "@chattools-lint/linux-arm64",
  "darwin-x64": "@chattools-lint/darwin-x64",
  "darwin-arm64": "@chattools-lint/darwin-arm64",
  "win32-x64": "@chattools-lint/win32-x64",
  "win32-arm64": "@chattools-lint/win32-arm64",
};

function isMusl() {
  // glibcVersionRuntime is absent from the process report on musl (Alpine).
  try {
    const report = process.report && process.report.getReport();
    const header = typeof report === "string" ? JSON.parse(report).header : report.header;
    return !header.glibcVersionRuntime;
  } catch (_) {
    return fs.existsSync("/etc/alpine-release");
  }
}

function platformKey() {
  const base = `${process.platform}-${process.arch}`;
  if (process.platform === "linux") return `${base}-${isMusl() ? "musl" : "glibc"}`;
  return base;
}

function fail(message) {
  process.stderr.write(`chattools-lint: error: ${message}\n`);
  process.exit(2); // "could not lint", as the binary itself reports it
}

function binaryPath() {
  const own = process.env.CHATTOOLS_LINT_BINARY;
  if (own) {
    if (!fs.existsSync(own)) fail(`CHATTOOLS_LINT_BINARY names ${own}, which does not exist`);
    return own;
  }
  const key = platformKey();
  const pkg = PACKAGES[key];
  if (!pkg) {
    fail(
      `no prebuilt binary for ${key}. Build one with \`cargo install chattools-lint\` ` +
        `and set CHATTOOLS_LINT_BINARY to its path.`
    );
  }
  try {
    return require.resolve(`${pkg}/bin/${binaryName()}`);
  } catch (_) {
    fail(
      `the package ${pkg} (the binary for ${key}) is not installed. It is an optional ` +
        `dependency of chattools-lint: reinstall without --no-optional / --omit=optional ` +
        `(a lockfile made on another platform can also leave it out: remove node_modules ` +
        `and reinstall), or set CHATTOOLS_LINT_BINARY.`
    );
  }
}

/** The binary's file name in the platform package. */
function binaryName(platform = process.platform) {
  return platform === "win32" ? "chattools-lint.exe" : "chattools-lint";
}

function main() {
  const child = spawn(binaryPath(), process.argv.slice(2), {
    stdio: "inherit",
    windowsHide: true,
  });

  // Forward the signals a terminal, a CI runner or a git hook manager sends, so the linter stops
  // with us (and is not left running when the launcher is killed).
  const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGBREAK"];
  const handlers = {};
  for (const sig of SIGNALS) {
    handlers[sig] = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    };
    try {
      process.on(sig, handlers[sig]);
    } catch (_) {
      // Not a signal on this platform.
    }
  }

  child.on("error", (err) => fail(`could not run ${child.spawnfile}: ${err.message}`));

  child.on("exit", (code, signal) => {
    if (signal) {
      // End the same way, so the caller sees "killed by SIGTERM" (exit status 128 + n).
      for (const sig of SIGNALS) process.removeListener(sig, handlers[sig]);
      process.kill(process.pid, signal);
      // If the signal is ignored here, still exit with the conventional status.
      setTimeout(() => process.exit(128 + (require("os").constants.signals[signal] || 1)), 100);
      return;
    }
    process.exit(code === null ? 2 : code);
  });
}

if (require.main === module) {
  main();
} else {
  // For npm/test/launcher.test.js.
  module.exports = { PACKAGES, platformKey, binaryName };
}

