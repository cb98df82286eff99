//! The skyline/* and privacy/* rules beyond their fixtures: the official demo stays clean of
//! them, wrongly typed fields are left to the schema, and component cycles end.

mod common;

use common::{rule_ids, Project};

fn ours(ids: &[String]) -> Vec<String> {
    ids.iter()
        .filter(|id| id.starts_with("skyline/") || id.starts_with("privacy/"))
        .cloned()
        .collect()
}

/// The official demo laid out as a plain clone has it (see `common::layout_demo`).
#[test]
fn official_demo_raises_none_of_these_rules() {
    let dir = tempfile::tempdir().unwrap();
    common::layout_demo(dir.path());
    let (doc, _) = common::json_in(dir.path(), &[]);
    let ids = rule_ids(&doc);
    assert_eq!(ours(&ids), Vec::<String>::new(), "{doc:#}");
    // The demo's Skyline pages were seen: its components were read (no json/* on them).
    assert!(!ids.iter().any(|id| id.starts_with("json/")), "{ids:?}");
}

#[test]
fn a_wrong_lazy_code_loading_value_is_reported_once_elsewhere() {
    let p = Project::new();
    p.file(
        "app.json",
        r#"{
  "pages": ["pages/index/index"],
  "subPackages": [{ "root": "pkg", "pages": ["pages/a/index"], "renderer": "skyline", "componentFramework": "glass-easel" }],
  "lazyCodeLoading": "requiredcomponents"
}"#,
    )
    .page("pages/index/index")
    .page("pkg/pages/a/index");
    let (doc, _) = p.json(&[]);
    assert!(
        !rule_ids(&doc).contains(&"skyline/lazy-code-loading".to_string()),
        "{doc:#}"
    );
    // Without the key it is ours.
    p.file(
        "app.json",
        r#"{
  "pages": ["pages/index/index"],
  "subPackages": [{ "root": "pkg", "pages": ["pages/a/index"], "renderer": "skyline", "componentFramework": "glass-easel" }]
}"#,
    );
    let (doc, code) = p.json(&[]);
    assert_eq!(ours(&rule_ids(&doc)), ["skyline/lazy-code-loading"]);
    assert_eq!(code, 1);
}

#[test]
fn wrongly_typed_fields_are_left_to_the_schema() {
    let p = Project::new();
    p.file(
        "app.json",
        r#"{
  "pages": ["pages/index/index"],
  "renderer": "skyline",
  "componentFramework": 3,
  "lazyCodeLoading": true,
  "rendererOptions": "skyline",
  "window": { "navigationStyle": 7 },
  "requiredPrivateInfos": "getFuzzyLocation,getLocation",
  "permission": { "scope.userLocation": "desc", "scope.record": { "desc": 5 } }
}"#,
    )
    .file(
        "pages/index/index.json",
        r#"{ "usingComponents": ["a"], "navigationStyle": null, "navigationBarTitleText": null }"#,
    )
    .page("pages/index/index");
    let (doc, code) = p.json(&[]);
    assert_eq!(ours(&rule_ids(&doc)), Vec::<String>::new(), "{doc:#}");
    assert!(code == 0 || code == 1, "exit code {code}");
}

#[test]
fn component_cycles_end_and_each_component_is_reported_once() {
    let p = Project::new();
    p.file(
        "app.json",
        r#"{
  "pages": ["pages/a/index", "pages/b/index"],
  "renderer": "skyline",
  "componentFramework": "glass-easel",
  "lazyCodeLoading": "requiredComponents",
  "rendererOptions": { "skyline": { "disableABTest": true } }
}"#,
    )
    .page("pages/a/index")
    .page("pages/b/index")
    .file(
        "pages/a/index.json",
        r#"{ "usingComponents": { "x": "/comp/self/index", "p": "plugin://chart/chart" } }"#,
    )
    .file(
        "pages/b/index.json",
        r#"{ "usingComponents": { "x": "../../comp/self", "missing": "./nowhere" } }"#,
    )
    .file(
        "comp/self/index.json",
        r#"{ "component": true, "renderer": "webview", "usingComponents": { "me": "./index", "again": "/comp/self/index" } }"#,
    )
    .file("comp/self/index.wxml", "<view></view>");
    let (doc, code) = p.json(&[]);
    let ids = ours(&rule_ids(&doc));
    assert_eq!(ids, ["skyline/webview-component"], "{doc:#}");
    let message = doc["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("`pages/a/index` and 1 more page"),
        "{message}"
    );
    assert_eq!(code, 1);
}

#[test]
fn permission_desc_counts_characters_not_bytes() {
    let p = Project::new();
    let thirty = "一".repeat(30);
    p.file(
        "app.json",
        format!(
            r#"{{ "pages": ["pages/index/index"], "permission": {{ "scope.userLocation": {{ "desc": "{thirty}" }} }} }}"#
        ),
    )
    .page("pages/index/index");
    let (doc, code) = p.json(&[]);
    assert!(ours(&rule_ids(&doc)).is_empty(), "{doc:#}");
    assert_eq!(code, 0);
    p.file(
        "app.json",
        format!(
            r#"{{ "pages": ["pages/index/index"], "permission": {{ "scope.userLocation": {{ "desc": "{thirty}😀" }} }} }}"#
        ),
    );
    let (doc, code) = p.json(&[]);
    assert_eq!(ours(&rule_ids(&doc)), ["privacy/permission-desc"]);
    let d = &doc["diagnostics"][0];
    assert!(
        d["message"].as_str().unwrap().contains("31 characters"),
        "{d}"
    );
    assert_eq!(d["pointer"], "/permission/scope.userLocation/desc");
    assert_eq!(code, 0, "a warning does not fail the run");
}
