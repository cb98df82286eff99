//! How the schema and subpackage rules share the work: one mistake, one diagnostic, at the
//! right place, in our own words.

mod common;

use common::{rule_ids, Project};
use serde_json::Value;

fn diagnostics(doc: &Value) -> &Vec<Value> {
    doc["diagnostics"].as_array().unwrap()
}

#[test]
fn a_missing_root_folder_is_reported_once_not_per_page() {
    let p = Project::new();
    p.file(
        "app.json",
        r#"{
  "pages": ["pages/index/index"],
  "subPackages": [
    { "root": "packageA", "pages": ["pages/a/index", "pages/b/index", "pages/c/index"] }
  ]
}"#,
    )
    .page("pages/index/index");
    let (doc, code) = p.json(&[]);
    assert_eq!(rule_ids(&doc), ["subpackages/root-not-dir"]);
    assert_eq!(code, 1);
    assert_eq!(diagnostics(&doc)[0]["pointer"], "/subPackages/0/root");
}

#[test]
fn an_invalid_root_is_not_looked_up_on_disk() {
    let p = Project::new();
    p.file(
        "app.json",
        r#"{
  "pages": ["pages/index/index"],
  "subPackages": [
    { "root": "../outside", "pages": ["pages/a/index"] },
    { "root": "/packageB", "pages": ["pages/b/index"] }
  ]
}"#,
    )
    .page("pages/index/index");
    let (doc, _) = p.json(&[]);
    assert_eq!(
        rule_ids(&doc),
        ["subpackages/invalid-root", "subpackages/invalid-root"]
    );
}

#[test]
fn a_page_listed_twice_is_checked_once() {
    let p = Project::new();
    p.file(
        "app.json",
        r#"{
  "pages": ["pages/index/index"],
  "subPackages": [
    { "root": "packageA", "pages": ["pages/a/index", "pages/a/index"] }
  ]
}"#,
    )
    .page("pages/index/index")
    .file("packageA/pages/a/index.wxml", "<view></view>");
    let (doc, _) = p.json(&[]);
    let mut ids = rule_ids(&doc);
    ids.sort();
    assert_eq!(
        ids,
        ["subpackages/duplicate-page", "subpackages/missing-page"]
    );
    let missing = diagnostics(&doc)
        .iter()
        .find(|d| d["rule"] == "subpackages/missing-page")
        .unwrap();
    assert!(
        missing["message"]
            .as_str()
            .unwrap()
            .contains("packageA/pages/a/index.js"),
        "names the missing file: {missing}"
    );
}

#[test]
fn unknown_key_labels_the_key_and_suggests_the_nearest() {
    let p = Project::new();
    p.file(
        "app.json",
        "{\n  \"pages\": [\"pages/index/index\"],\n  \"subPackages\": [\n    { \"root\": \"packageA\", \"pages\": [\"pages/a/index\"], \"independant\": true }\n  ]\n}\n",
    )
    .page("pages/index/index")
    .page("packageA/pages/a/index");
    let (doc, code) = p.json(&[]);
    assert_eq!(rule_ids(&doc), ["schema/unknown-key"]);
    assert_eq!(code, 0, "a warning only");
    let d = &diagnostics(&doc)[0];
    assert_eq!(d["pointer"], "/subPackages/0/independant");
    // The key `"independant"` (with its quotes) on line 4.
    let line = "    { \"root\": \"packageA\", \"pages\": [\"pages/a/index\"], ";
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(4), Some(line.len() as u64 + 1))
    );
    assert_eq!(d["endColumn"].as_u64(), Some(line.len() as u64 + 1 + 13));
    assert!(d["help"].as_str().unwrap().contains("`independent`"));
}

#[test]
fn schema_messages_are_ours_in_both_languages() {
    let p = Project::new();
    p.file(
        "app.json",
        r#"{
  "pages": ["pages/index/index"],
  "chatTools": { "root": "packageA" },
  "renderer": "Skyline"
}"#,
    )
    .page("pages/index/index");
    for lang in ["en", "zh"] {
        let out = p.run(&["--format", "json", "--lang", lang]);
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut ids = rule_ids(&doc);
        ids.sort();
        assert_eq!(ids, ["schema/enum", "schema/type"], "{lang}");
        for d in diagnostics(&doc) {
            let m = d["message"].as_str().unwrap();
            // jsonschema's own English reads "… is not of type …" / "… is not one of …".
            assert!(
                !m.contains("is not of type") && !m.contains("is not one of"),
                "{m}"
            );
            let chinese = m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert_eq!(chinese, lang == "zh", "{lang}: {m}");
        }
    }
}

#[test]
fn lazy_code_loading_in_the_wrong_case_says_case_matters() {
    let p = Project::new();
    p.file(
        "app.json",
        r#"{ "pages": ["pages/index/index"], "lazyCodeLoading": "RequiredComponents" }"#,
    )
    .page("pages/index/index");
    let (doc, _) = p.json(&[]);
    assert_eq!(rule_ids(&doc), ["schema/enum"]);
    let help = diagnostics(&doc)[0]["help"].as_str().unwrap();
    assert!(
        help.contains("case matters") && help.contains("`requiredComponents`"),
        "{help}"
    );
}

#[test]
fn the_dropped_spelling_is_not_checked() {
    // WeChat drops `subPackages` when `subpackages` is present: its problems are not reported,
    // only the both-spellings error.
    let p = Project::new();
    p.file(
        "app.json",
        r#"{
  "pages": ["pages/index/index"],
  "subPackages": [ { "root": "missing", "pages": ["x"] } ],
  "subpackages": [ { "root": "packageA", "pages": ["pages/a/index"] } ]
}"#,
    )
    .page("pages/index/index")
    .page("packageA/pages/a/index");
    let (doc, _) = p.json(&[]);
    assert_eq!(rule_ids(&doc), ["subpackages/both-spellings"]);
}
