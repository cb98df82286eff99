//! Issue 10 ("trust on real projects"): severities and counts the fixture snapshots do not pin
//! down, through the real binary.

mod common;

use std::path::Path;

use common::json_in;
use serde_json::Value;

fn fixture(case: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(case)
}

fn of<'a>(doc: &'a Value, rule: &str) -> Vec<&'a Value> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}

/// Without `miniprogram_npm`, npm specifiers are not judged: one info line for all of them,
/// and the run stays clean (exit 0).
#[test]
fn npm_not_built_is_one_info_note() {
    let (doc, code) = json_in(
        &fixture("chat-tools/missing-module/invalid/npm-not-built-info"),
        &[],
    );
    let notes = of(&doc, "chat-tools/missing-module");
    assert_eq!(notes.len(), 1, "{doc:#}");
    assert_eq!(notes[0]["severity"], "info");
    assert_eq!(code, 0);
    // Configured as an error, the note still stays info.
    let (doc, code) = json_in(
        &fixture("chat-tools/missing-module/invalid/npm-not-built-info"),
        &["--deny", "chat-tools/missing-module"],
    );
    assert_eq!(of(&doc, "chat-tools/missing-module")[0]["severity"], "info");
    assert_eq!(code, 0);
    // With a miniprogram_npm folder the same kind of specifier is judged: an error.
    let (doc, code) = json_in(
        &fixture("chat-tools/missing-module/invalid/npm-built-without-the-package"),
        &[],
    );
    let errors = of(&doc, "chat-tools/missing-module");
    assert_eq!(errors.len(), 1, "{doc:#}");
    assert_eq!(errors[0]["severity"], "error");
    assert_eq!(code, 1);
}

/// A page opting out inside a Skyline subpackage is a warning even when the rule is an error;
/// a subpackage that does not render with Skyline stays an error.
#[test]
fn not_skyline_page_opt_out_is_a_warning() {
    let (doc, code) = json_in(
        &fixture("chat-tools/not-skyline/invalid/page-overrides-webview"),
        &["--deny", "chat-tools/not-skyline"],
    );
    let d = of(&doc, "chat-tools/not-skyline");
    assert_eq!(d.len(), 1, "{doc:#}");
    assert_eq!(d[0]["severity"], "warning");
    assert_eq!(d[0]["file"], "packageChatTool/pages/detail/index.json");
    assert_eq!(code, 0);
    let (doc, code) = json_in(
        &fixture("chat-tools/not-skyline/invalid/renderer-unset"),
        &[],
    );
    let d = of(&doc, "chat-tools/not-skyline");
    assert!(
        !d.is_empty() && d.iter().all(|d| d["severity"] == "error"),
        "{doc:#}"
    );
    assert_eq!(code, 1);
}

/// `skyline/unsupported-component` skips the page that opts out, and still sees the same
/// component on a Skyline page.
#[test]
fn unsupported_component_only_on_skyline_pages() {
    let (doc, _) = json_in(
        &fixture("skyline/unsupported-component/valid/webview-page-opts-out"),
        &[],
    );
    assert!(of(&doc, "skyline/unsupported-component").is_empty());
    let (doc, _) = json_in(
        &fixture("skyline/unsupported-component/invalid/web-view-and-movable"),
        &[],
    );
    assert!(!of(&doc, "skyline/unsupported-component").is_empty());
}
