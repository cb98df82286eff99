//! The npm launcher's platform table (npm/test/launcher.test.js, node's test runner). Needs
//! node 18 or later; skipped, saying why, where there is none (CI has only Rust).

use std::process::Command;

#[test]
fn launcher_platform_table() {
    let root = env!("CARGO_MANIFEST_DIR");
    let version = Command::new("node").arg("--version").output();
    let major = version
        .as_ref()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| {
            let v = String::from_utf8_lossy(&o.stdout);
            v.trim()
                .trim_start_matches('v')
                .split('.')
                .next()?
                .parse::<u32>()
                .ok()
        });
    match major {
        Some(m) if m >= 18 => {}
        Some(m) => {
            eprintln!("skipped: node {m} has no node:test (needs 18 or later)");
            return;
        }
        None => {
            eprintln!("skipped: no `node` on the PATH");
            return;
        }
    }
    let out = Command::new("node")
        .args(["--test", "npm/test/launcher.test.js"])
        .current_dir(root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("# fail 0"), "{stdout}");
}
