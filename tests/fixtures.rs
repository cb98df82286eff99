//! Every fixture project under `fixtures/<rule>/{invalid,valid}/<case>/` is linted by the real
//! binary: an invalid case must raise its rule, a valid case must not; the human output (English,
//! no colour) is snapshotted.

mod common;

use common::{bin, fixture_cases, json_in, rule_ids};

#[test]
fn fixtures_raise_exactly_their_rule() {
    let cases = fixture_cases();
    assert!(!cases.is_empty(), "no fixtures found");
    let mut failures = Vec::new();
    for (rule, invalid, dir) in &cases {
        let (doc, code) = json_in(dir, &[]);
        let ids = rule_ids(&doc);
        let raised = ids.iter().any(|id| id == rule);
        if raised != *invalid {
            failures.push(format!(
                "{}: expected {rule} {}; got {ids:?}",
                dir.display(),
                if *invalid { "raised" } else { "not raised" }
            ));
        }
        assert!(
            code == 0 || code == 1,
            "{}: exit code {code}",
            dir.display()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixtures_human_output() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for (_, _, dir) in fixture_cases() {
        let out = bin()
            .current_dir(&dir)
            .args(["--lang", "en", "--color", "never"])
            .output()
            .unwrap();
        let name = dir
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace(['/', '\\'], "__");
        insta::assert_snapshot!(name, String::from_utf8_lossy(&out.stdout));
    }
}
