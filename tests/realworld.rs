//! Configurations nobody here wrote: WeChat's official demo and the chat-tool guide's example.

mod common;

use common::{json_in, layout_demo};
use serde_json::Value;

fn errors(doc: &Value) -> Vec<&Value> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect()
}

#[test]
fn official_demo_only_misses_its_submodule_pages_and_base_library() {
    let dir = tempfile::tempdir().unwrap();
    layout_demo(dir.path());
    let (doc, code) = json_in(dir.path(), &[]);
    assert_eq!(code, 1, "{doc:#}");

    let app: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("miniprogram/app.json")).unwrap(),
    )
    .unwrap();
    let examples = app["subpackages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["root"] == "packageSkylineExamples")
        .unwrap();
    let n_pages = examples["pages"].as_array().unwrap().len();

    let errs = errors(&doc);
    let unexpected: Vec<_> = errs
        .iter()
        .filter(|d| d["rule"] != "subpackages/missing-page")
        .collect();
    assert!(unexpected.is_empty(), "unexpected errors: {unexpected:#?}");
    assert_eq!(
        errs.len(),
        n_pages,
        "one missing-page per absent page: {errs:#?}"
    );
    for d in &errs {
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .contains("packageSkylineExamples/"),
            "{d:#}"
        );
        assert_eq!(d["file"], "miniprogram/app.json");
        assert!(d["pointer"]
            .as_str()
            .unwrap()
            .starts_with("/subpackages/6/pages/"));
    }

    let base = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "chat-tools/base-library")
        .expect("chat-tools/base-library for libVersion 3.7.6");
    assert_eq!(base["severity"], "warning");
    assert_eq!(base["file"], "project.config.json");
    assert!(base["message"].as_str().unwrap().contains("3.7.6"));
}

#[test]
fn guide_example_has_trailing_commas_and_a_placeholder_entry_page() {
    let dir = tempfile::tempdir().unwrap();
    let src =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/guide-example/app.json");
    let text = std::fs::read_to_string(&src).unwrap();
    std::fs::write(dir.path().join("app.json"), &text).unwrap();
    let (doc, code) = json_in(dir.path(), &[]);
    assert_eq!(code, 1);
    let diags = doc["diagnostics"].as_array().unwrap();

    // Every trailing comma of the text, found independently: a comma whose next
    // non-whitespace character closes an object or array.
    let bytes = text.as_bytes();
    let mut expected = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b',' {
            let next = bytes[i + 1..].iter().find(|c| !c.is_ascii_whitespace());
            if matches!(next, Some(b'}') | Some(b']')) {
                let line = text[..i].matches('\n').count() + 1;
                let col = text[..i].rfind('\n').map_or(i, |nl| i - nl - 1) + 1;
                expected.push((line as u64, col as u64));
            }
        }
    }
    assert_eq!(
        expected.len(),
        2,
        "the guide's example has two trailing commas"
    );
    let mut found: Vec<(u64, u64)> = diags
        .iter()
        .filter(|d| d["rule"] == "json/syntax")
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    found.sort();
    assert_eq!(found, expected);

    let entry: Vec<_> = diags
        .iter()
        .filter(|d| d["rule"] == "chat-tools/entry-page")
        .collect();
    assert_eq!(entry.len(), 1, "{diags:#?}");
    assert_eq!(entry[0]["pointer"], "/chatTools/0/entryPagePath");
}
