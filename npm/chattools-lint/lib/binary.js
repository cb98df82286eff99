// Where the native binary is: CHATTOOLS_LINT_BINARY, else the platform package npm installed
// through optionalDependencies (as esbuild and biome do). Shared by the launcher and the API.
"use strict";

const fs = require("fs");

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

/** The binary's path; throws an Error saying what is missing. */
function binaryPath() {
  const own = process.env.CHATTOOLS_LINT_BINARY;
  if (own) {
    if (!fs.existsSync(own)) {
      throw new Error(`CHATTOOLS_LINT_BINARY names ${own}, which does not exist`);
    }
    return own;
  }
  const key = platformKey();
  const pkg = PACKAGES[key];
  if (!pkg) {
    throw new Error(
      `no prebuilt binary for ${key}. Build one with \`cargo install chattools-lint\` ` +
        `and set CHATTOOLS_LINT_BINARY to its path.`
    );
  }
  const exe = binaryName();
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch (_) {
    throw new Error(
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

module.exports = { binaryPath, binaryName, platformKey, PACKAGES };
