#!/usr/bin/env bash
# The npm launcher's platform table, with process.platform/arch faked for every platform of
# npm/platforms.json (node:test; needs node 18+, nothing from the registry).
set -euo pipefail
cd "$(dirname "$0")/.."
node --test npm/test/launcher.test.js
