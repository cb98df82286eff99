//! The walkthrough of docs/CONTRIBUTING.md: the skeleton of a new rule, written into a copy of
//! the crate, compiles and its example case passes (`cargo test` of the new rule in the copy).

use std::path::Path;
use std::process::Command;

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
// Under wine (scripts/test-windows.sh) the test binary is a Windows program and `cargo` a Linux
// one it cannot start; the skeleton's files are the same on every system.
#[cfg_attr(
    windows,
    ignore = "builds a copy of the crate with cargo, which a Windows test cannot start under wine"
)]
fn new_rule_skeleton_compiles_and_its_example_passes() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = tempfile::tempdir().unwrap();
    for file in ["Cargo.toml", "Cargo.lock"] {
        std::fs::copy(repo.join(file), copy.path().join(file)).unwrap();
    }
    for dir in ["src", "schemas", "tools"] {
        copy_tree(&repo.join(dir), &copy.path().join(dir));
    }
    let written =
        chattools_lint::scaffold::new_rule(copy.path(), "chat-tools/example-check", "warning")
            .unwrap();
    for expected in [
        "src/rules/chat_tools/example_check.rs",
        "src/rules/chat_tools/example_check.md",
        "fixtures/chat-tools/example-check/invalid/basic/app.json",
        "fixtures/chat-tools/example-check/valid/basic/app.json",
        "src/rules/mod.rs",
    ] {
        assert!(
            written.iter().any(|p| p == Path::new(expected)),
            "{expected} not written: {written:?}"
        );
    }
    // A second time: refused, nothing overwritten.
    assert!(
        chattools_lint::scaffold::new_rule(copy.path(), "chat-tools/example-check", "warning")
            .is_err()
    );
    assert!(chattools_lint::scaffold::new_rule(copy.path(), "Bad/Id", "warning").is_err());
    // Its own target folder, kept between runs, so only the first run builds the dependencies.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(copy.path())
        .env("CARGO_TARGET_DIR", repo.join("target/scaffold-check"))
        .args(["test", "--offline", "--lib", "--quiet", "example_check"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("test result: ok. 1 passed"),
        "the example case did not run: {stdout}"
    );
}
