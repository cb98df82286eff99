//! The example projects the README's first command lints.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{json_in, rule_ids};

fn examples() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
}

#[test]
fn the_correct_chat_tool_is_clean() {
    let (doc, code) = json_in(&examples().join("chat-tool-ok"), &[]);
    assert_eq!(rule_ids(&doc), Vec::<String>::new(), "{doc:#}");
    assert_eq!(code, 0);
}

#[test]
fn the_broken_chat_tool_shows_one_problem_of_each_kind() {
    let (doc, code) = json_in(&examples().join("broken-chat-tool"), &[]);
    assert_eq!(code, 1);
    let ids: BTreeSet<String> = rule_ids(&doc).into_iter().collect();
    let expected: BTreeSet<String> = [
        "json/syntax",
        "schema/enum",
        "chat-tools/not-independent",
        "chat-tools/entry-page",
        "chat-tools/not-skyline",
        "chat-tools/desc",
        "chat-tools/unknown-scope",
        "chat-tools/scope-mismatch",
        "chat-tools/base-library",
        "chat-tools/skyline-ab-test",
        "chat-tools/forbidden-api",
        "chat-tools/forbidden-component",
        "chat-tools/share-handler",
        "chat-tools/navigate-outside",
        "chat-tools/outside-reference",
        "chat-tools/global-component",
        "chat-tools/api-arguments",
        "chat-tools/api-version",
        "chat-tools/tap-only",
        "server/chattoolmsg",
        "subpackages/missing-page",
        "privacy/location-exclusive",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(ids, expected);
}

/// The README's configuration example is valid and does what it says.
#[test]
fn readme_configuration_example_works() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("### Configuration").unwrap()..];
    let start = section.find("```json\n").unwrap() + "```json\n".len();
    let config = &section[start..start + section[start..].find("```").unwrap()];

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("broken");
    copy_dir(&examples().join("broken-chat-tool"), &copy);
    std::fs::write(copy.join("chattools-lint.json"), config).unwrap();
    let (doc, code) = json_in(&copy, &[]);
    assert_eq!(code, 1, "{doc:#}");
    let ids = rule_ids(&doc);
    assert!(
        !ids.iter().any(|id| id == "chat-tools/share-handler"),
        "turned off"
    );
    let desc: Vec<_> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "chat-tools/desc")
        .collect();
    assert_eq!(desc.len(), 1);
    // Only the configured words: 最好 is in the desc, 点击领取 and 红包 no longer count.
    let m = desc[0]["message"].as_str().unwrap();
    assert!(m.contains("最好") && !m.contains("红包"), "{m}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
