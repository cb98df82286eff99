// The launcher's platform table, for every platform of npm/platforms.json: with
// process.platform and process.arch faked, the launcher picks that platform's package and
// binary name, and the committed platform packages declare the same os/cpu.
// Run: node --test npm/test/launcher.test.js   (scripts/test-npm-launcher.sh; also from `cargo test`)
"use strict";

const test = require("node:test");
const assert = require("node:assert");
const fs = require("fs");
const path = require("path");

const npmDir = path.join(__dirname, "..");
const platforms = require(path.join(npmDir, "platforms.json"));
// The launcher and the Node API find the binary through lib/binary.js.
const launcher = require(path.join(npmDir, "chattools-lint", "lib", "binary.js"));

/** Run `fn` with process.platform/arch (and the glibc report) faked. */
function faked({ os, cpu, libc }, fn) {
  const saved = {
    platform: Object.getOwnPropertyDescriptor(process, "platform"),
    arch: Object.getOwnPropertyDescriptor(process, "arch"),
  };
  const getReport = process.report.getReport;
  Object.defineProperty(process, "platform", { value: os, configurable: true });
  Object.defineProperty(process, "arch", { value: cpu, configurable: true });
  process.report.getReport = () => ({
    header: libc === "musl" ? {} : { glibcVersionRuntime: "2.36" },
  });
  try {
    return fn();
  } finally {
    Object.defineProperty(process, "platform", saved.platform);
    Object.defineProperty(process, "arch", saved.arch);
    process.report.getReport = getReport;
  }
}

for (const p of platforms) {
  test(`${p.package}: chosen on ${p.os}/${p.cpu}${p.libc ? "/" + p.libc : ""}`, () => {
    const { key, pkg, exe } = faked(p, () => {
      const key = launcher.platformKey();
      return { key, pkg: launcher.PACKAGES[key], exe: launcher.binaryName() };
    });
    assert.strictEqual(pkg, p.package, `platform key ${key}`);
    assert.strictEqual(exe, p.os === "win32" ? "chattools-lint.exe" : "chattools-lint");
  });
}

test("the fake is what the launcher sees, and is undone", () => {
  const real = process.platform;
  const key = faked({ os: "win32", cpu: "arm64" }, () => launcher.platformKey());
  assert.strictEqual(key, "win32-arm64");
  assert.strictEqual(process.platform, real);
});

test("an unknown platform has no package", () => {
  const key = faked({ os: "freebsd", cpu: "x64" }, () => launcher.platformKey());
  assert.strictEqual(launcher.PACKAGES[key], undefined);
});

test("every table entry is a platform of platforms.json", () => {
  const known = new Set(platforms.map((p) => p.package));
  for (const pkg of Object.values(launcher.PACKAGES)) assert.ok(known.has(pkg), pkg);
  assert.strictEqual(Object.keys(launcher.PACKAGES).length, platforms.length);
});

for (const p of platforms) {
  const dir = path.join(npmDir, p.dir);
  if (!fs.existsSync(path.join(dir, "package.json"))) continue; // made by the release workflow
  test(`npm/${p.dir}/package.json declares ${p.os}/${p.cpu}`, () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    const launcherPkg = require(path.join(npmDir, "chattools-lint", "package.json"));
    assert.strictEqual(pkg.name, p.package);
    assert.deepStrictEqual(pkg.os, [p.os]);
    assert.deepStrictEqual(pkg.cpu, [p.cpu]);
    assert.deepStrictEqual(pkg.libc, p.libc ? [p.libc] : undefined);
    assert.strictEqual(pkg.version, launcherPkg.version);
    assert.ok(pkg.files.includes(`bin/${p.os === "win32" ? "chattools-lint.exe" : "chattools-lint"}`));
  });
}
