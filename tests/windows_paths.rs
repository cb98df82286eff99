//! Paths as Windows and macOS users meet them: case-insensitive file systems, verbatim
//! `\\?\` paths, backslashes in project.config.json. The checks that need Windows itself run
//! there (and under wine, see scripts/test-windows.sh); the rest run everywhere.

mod common;

#[cfg(windows)]
use common::{bin, json_in};
use common::{rule_ids, Project};

/// A page listed as `pages/Create/index` beside a folder `create`: phones and WeChat's packer
/// compare names case-sensitively, so the page is missing even where the file system would
/// open `pages/Create/index.wxml`.
#[test]
fn page_names_must_match_the_disk_case() {
    let p = Project::new();
    p.file("app.json", r#"{ "pages": ["pages/Create/index"] }"#);
    p.page("pages/create/index");
    let (doc, code) = p.json(&["."]);
    assert_eq!(code, 1, "{doc}");
    assert_eq!(rule_ids(&doc), ["subpackages/missing-page"], "{doc}");
    let d = &doc["diagnostics"][0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("page `pages/Create/index` has no `pages/Create/index.wxml`"),
        "{d}"
    );
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .contains("the file on disk is `pages/create/index.wxml`"),
        "{d}"
    );
    // Spelled as on disk: clean.
    p.file("app.json", r#"{ "pages": ["pages/create/index"] }"#);
    let (doc, code) = p.json(&["."]);
    assert_eq!((code, rule_ids(&doc).len()), (0, 0), "{doc}");
}

/// `miniprogramRoot: "miniprogram\\"` works in the developer tools on Windows; it must lint
/// the same on every system.
#[test]
fn backslashes_in_miniprogram_root() {
    let p = Project::new();
    p.file(
        "miniprogram/app.json",
        r#"{ "pages": ["pages/a/index", "pages/b/index"] }"#,
    );
    p.page("miniprogram/pages/a/index");
    let with = |root: &str| {
        p.file(
            "project.config.json",
            format!(r#"{{ "miniprogramRoot": {} }}"#, serde_json::json!(root)),
        );
        let (doc, code) = p.json(&["."]);
        (rule_ids(&doc), code, doc["diagnostics"][0]["file"].clone())
    };
    let slash = with("miniprogram/");
    assert_eq!(slash.0, ["subpackages/missing-page"]);
    assert_eq!(with("miniprogram\\"), slash);
    assert_eq!(with(".\\miniprogram"), slash);
}

/// Windows compares paths without regard to case: a `--config` typed in another case than
/// the linted path still applies its `ignore` patterns.
#[cfg(windows)]
#[test]
fn config_in_another_case_still_ignores() {
    let p = Project::new();
    p.file("app/app.json", r#"{ "pages": ["pages/a/index"] }"#);
    p.file("chattools-lint.json", r#"{ "ignore": ["app/app.json"] }"#);
    let config = p
        .path()
        .join("chattools-lint.json")
        .to_string_lossy()
        .to_uppercase();
    let app = p.path().join("app");
    let (doc, code) = json_in(
        p.path(),
        &["--config", config.as_str(), app.to_str().unwrap()],
    );
    assert_eq!((code, rule_ids(&doc).len()), (0, 0), "{doc}");
    // Without the pattern the page is reported: the ignore above is what silenced it.
    p.file("chattools-lint.json", r#"{ "ignore": [] }"#);
    let (doc, _) = json_in(
        p.path(),
        &["--config", config.as_str(), app.to_str().unwrap()],
    );
    assert_eq!(rule_ids(&doc), ["subpackages/missing-page"], "{doc}");
}

/// An absolute path typed in another case than the working directory is shown relative.
#[cfg(windows)]
#[test]
fn absolute_path_in_another_case_is_shown_relative() {
    let p = Project::new();
    p.file("app.json", r#"{ "pages": ["pages/a/index"] }"#);
    let upper = p.path().to_string_lossy().to_uppercase();
    let (doc, _) = json_in(p.path(), &[upper.as_str()]);
    assert_eq!(doc["diagnostics"][0]["file"], "app.json", "{doc}");
}

/// A verbatim path (`\\?\C:\…`) is shown as the user knows it, and SARIF gets a `file:///C:/…`
/// URI.
#[cfg(windows)]
#[test]
fn verbatim_paths_are_shown_plainly() {
    let p = Project::new();
    p.file("app.json", r#"{ "pages": ["pages/a/index"] }"#);
    let elsewhere = tempfile::tempdir().unwrap();
    let plain = p.path().to_string_lossy().replace('\\', "/");
    let verbatim = format!(r"\\?\{}", p.path().display());
    let (doc, _) = json_in(elsewhere.path(), &[verbatim.as_str()]);
    assert_eq!(
        doc["diagnostics"][0]["file"].as_str().unwrap(),
        format!("{plain}/app.json"),
        "{doc}"
    );
    let out = bin()
        .current_dir(elsewhere.path())
        .args(["--format", "sarif", verbatim.as_str()])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(uri, format!("file:///{plain}/app.json"), "{sarif}");
}
