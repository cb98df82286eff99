//! `--recursive`: 50 generated projects of three layouts are all found, and linted in a stable
//! order (sorted by path) however the file system lists them; decoys in node_modules, a
//! gitignored folder, a hidden folder and a configured `ignore` are not.

mod common;

use std::path::PathBuf;

use common::{json_in, Project};
use serde_json::Value;

/// An app.json with one warning (`json/duplicate-key`) naming the project, so each diagnostic
/// can be traced to its project.
fn app_json(name: &str) -> String {
    format!(
        r#"{{ "pages": ["pages/index/index"], "pages": ["pages/index/index"], "window": {{ "navigationBarTitleText": "{name}" }} }}"#
    )
}

fn layout() -> (Project, Vec<String>) {
    let p = Project::new();
    let mut expected = Vec::new();
    // Created in an order unlike the sorted one.
    for i in (0..50).rev() {
        let group = ["mall", "apps/group-b", "apps/group-a", "x"][i % 4];
        let dir = format!("{group}/p{i:02}");
        let name = format!("p{i:02}");
        match i % 3 {
            // project.config.json naming a miniprogramRoot.
            0 => {
                p.file(
                    &format!("{dir}/project.config.json"),
                    r#"{ "miniprogramRoot": "miniprogram/" }"#,
                );
                p.file(&format!("{dir}/miniprogram/app.json"), app_json(&name));
                p.page(&format!("{dir}/miniprogram/pages/index/index"));
            }
            // project.config.json beside app.json.
            1 => {
                p.file(&format!("{dir}/project.config.json"), "{}");
                p.file(&format!("{dir}/app.json"), app_json(&name));
                p.page(&format!("{dir}/pages/index/index"));
            }
            // app.json alone.
            _ => {
                p.file(&format!("{dir}/app.json"), app_json(&name));
                p.page(&format!("{dir}/pages/index/index"));
            }
        }
        expected.push(dir);
    }
    // Decoys that must not be linted.
    p.file(".gitignore", "/dist/\n");
    p.file("chattools-lint.json", r#"{ "ignore": ["legacy"] }"#);
    for decoy in [
        "node_modules/some-ui/app.json",
        "mall/p00/node_modules/x/app.json",
        "dist/app.json",
        ".cache/app.json",
        "apps/legacy/app.json",
    ] {
        p.file(decoy, "{ not json");
    }
    // Not a second project: app.json inside a project found by its project.config.json.
    p.file("x/p03/sub/app.json", "{ not json");
    let mut sorted: Vec<PathBuf> = expected.iter().map(PathBuf::from).collect();
    sorted.sort();
    let expected = sorted
        .into_iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    (p, expected)
}

fn project_paths(doc: &Value) -> Vec<String> {
    doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn finds_all_fifty_in_stable_order() {
    let (p, expected) = layout();
    let (doc, code) = json_in(p.path(), &["--recursive", "."]);
    assert_eq!(code, 0, "{doc}");
    let paths = project_paths(&doc);
    assert_eq!(paths.len(), 50, "{paths:#?}");
    assert_eq!(paths, expected);
    // One diagnostic per project, in the projects' order.
    let diags = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 50);
    for (d, project) in diags.iter().zip(&paths) {
        let file = d["file"].as_str().unwrap();
        assert!(
            file.starts_with(&format!("{project}/")),
            "{file} vs {project}"
        );
        assert_eq!(d["rule"], "json/duplicate-key");
    }
    // The same again, byte for byte (parallel linting must not change the order).
    let again = json_in(p.path(), &["--recursive", "."]).0;
    assert_eq!(doc, again);
    // And in the short format.
    let out = p.run(&["--recursive", "--format", "short", "."]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 50);
}

#[test]
fn several_roots_and_a_subfolder() {
    let (p, expected) = layout();
    let (doc, code) = json_in(p.path(), &["-r", "x", "mall"]);
    assert_eq!(code, 0);
    let want: Vec<&String> = expected
        .iter()
        .filter(|e| e.starts_with("x/"))
        .chain(expected.iter().filter(|e| e.starts_with("mall/")))
        .collect();
    assert_eq!(project_paths(&doc).iter().collect::<Vec<_>>(), want);
}

#[test]
fn explicit_paths_keep_their_order() {
    let (p, _) = layout();
    let (doc, _) = json_in(p.path(), &["x/p03", "mall/p00", "apps/group-a/p02"]);
    assert_eq!(
        project_paths(&doc),
        ["x/p03", "mall/p00", "apps/group-a/p02"]
    );
}

#[test]
fn nothing_found_is_exit_2() {
    let p = Project::new();
    p.file("README.md", "nothing here");
    p.file("node_modules/a/app.json", "{}");
    let out = p.run(&["--recursive", ".", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no mini program found under `.`"), "{err}");
    let out = p.run(&["--recursive", "README.md", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
}
