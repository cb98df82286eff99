//! The npm package's Node API (npm/chattools-lint/index.js), tested by its own `node --test`
//! files against this build's binary. Skipped, saying why, where Node.js ≥ 18 is missing
//! (CI has only Rust). The upload-gate test inside needs miniprogram-ci from npm and skips
//! itself here; scripts/test-node-api.sh runs it.

use std::path::Path;
use std::process::Command;

fn node_major() -> Option<u32> {
    let out = Command::new("node").arg("--version").output().ok()?;
    let v = String::from_utf8(out.stdout).ok()?;
    v.trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

#[test]
fn node_api_tests_pass_against_this_binary() {
    match node_major() {
        None => {
            eprintln!("skipped: `node` is not installed");
            return;
        }
        Some(v) if v < 18 => {
            eprintln!("skipped: node {v} has no built-in test runner (needs 18 or later)");
            return;
        }
        Some(_) => {}
    }
    let pkg = Path::new(env!("CARGO_MANIFEST_DIR")).join("npm/chattools-lint");
    let out = Command::new("node")
        .arg("--test")
        .args([
            "test/lint.test.js",
            "test/lint.test.mjs",
            "test/upload-gate.test.js",
        ])
        .current_dir(&pkg)
        .env(
            "CHATTOOLS_LINT_BINARY",
            env!("CARGO_BIN_EXE_chattools-lint"),
        )
        .env_remove("MINIPROGRAM_CI_DIR")
        .env_remove("NODE_OPTIONS")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "node --test failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The runner really ran the API tests (a filter or a rename must not leave zero).
    let passed: usize = text
        .lines()
        .find_map(|l| l.strip_prefix("# pass "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(passed >= 12, "only {passed} node tests passed:\n{text}");
}

#[test]
fn the_documented_upload_gate_is_the_tested_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example =
        std::fs::read_to_string(root.join("npm/chattools-lint/examples/upload-gate.js")).unwrap();
    let docs = std::fs::read_to_string(root.join("docs/integrations.md")).unwrap();
    assert!(
        docs.contains(&format!("```js\n{example}```\n")),
        "docs/integrations.md must show npm/chattools-lint/examples/upload-gate.js verbatim"
    );
}
