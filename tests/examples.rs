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
        "subpackages/missing-page",
        "privacy/location-exclusive",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(ids, expected);
}
