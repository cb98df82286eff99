#!/usr/bin/env node
// The chattools-lint launcher: finds the native binary (../lib/binary.js), runs it with our
// arguments, and passes back its exit code — or the signal that ended it.
"use strict";

const { spawn } = require("child_process");

function fail(message) {
  process.stderr.write(`chattools-lint: error: ${message}\n`);
  process.exit(2); // "could not lint", as the binary itself reports it
}

function binaryPath() {
  try {
    return require("../lib/binary.js").binaryPath();
  } catch (err) {
    return fail(err.message);
  }
}

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
