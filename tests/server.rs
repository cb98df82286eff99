//! The server-code index behind `server/chattoolmsg`: which files it reads (cloudfunctionRoot,
//! the configuration's `server` globs, never outside the project), and `explain` for the rules
//! of issue 11.

mod common;

use common::{bin, Project};

const APP: &str = r#"{
  "pages": ["pages/index/index"],
  "subPackages": [{ "root": "pkg", "pages": ["pages/a/index"], "independent": true }],
  "chatTools": [{ "root": "pkg", "entryPagePath": "pages/a/index", "desc": "群签到" }]
}"#;

/// A bad payload: `target_state: 9`.
const BAD: &str = "const cloud = require('wx-server-sdk')\nexports.main = () => cloud.openapi.chattoolmsg.send({ activity_id: 'a', target_state: 9, version_type: 0 })\n";

fn project(project_config: &str) -> Project {
    let p = Project::new();
    p.file("mp/project.config.json", project_config)
        .file("mp/app.json", APP)
        .page("mp/pages/index/index")
        .page("mp/pkg/pages/a/index");
    p
}

/// The files `server/chattoolmsg` reported in, relative to the project.
fn reported(p: &Project) -> Vec<String> {
    let (doc, _) = common::json_in(&p.path().join("mp"), &[]);
    let mut files: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "server/chattoolmsg")
        .map(|d| d["file"].as_str().unwrap_or("").replace('\\', "/"))
        .collect();
    files.sort();
    files.dedup();
    files
}

#[test]
fn reads_cloudfunction_root_and_server_globs() {
    let p = project(r#"{ "cloudfunctionRoot": "cloud/" }"#);
    p.file("mp/cloud/a/index.js", BAD)
        .file("mp/cloud/a/node_modules/x/index.js", BAD)
        .file("mp/api/src/send.ts", BAD)
        .file("mp/api/test/send.js", BAD)
        .file("mp/scripts/send.js", BAD)
        .file(
            "mp/chattools-lint.json",
            r#"{ "server": ["api/src/**/*.ts"] }"#,
        );
    let files = reported(&p);
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].ends_with("api/src/send.ts"), "{files:?}");
    assert!(files[1].ends_with("cloud/a/index.js"), "{files:?}");
}

#[test]
fn never_reads_outside_the_project() {
    let p = project(r#"{ "cloudfunctionRoot": "../outside/" }"#);
    p.file("outside/a/index.js", BAD).file(
        "mp/chattools-lint.json",
        r#"{ "server": ["../outside/**/*.js"] }"#,
    );
    #[cfg(unix)]
    {
        std::fs::create_dir_all(p.path().join("mp/cloud")).unwrap();
        std::os::unix::fs::symlink(
            p.path().join("outside/a/index.js"),
            p.path().join("mp/cloud/link.js"),
        )
        .unwrap();
        std::os::unix::fs::symlink(p.path().join("outside"), p.path().join("mp/cloud/dir"))
            .unwrap();
    }
    assert_eq!(reported(&p), Vec::<String>::new());
    // The same file inside the project is read: the setup above is not silent by accident.
    p.file("mp/cloud/a/index.js", BAD).file(
        "mp/project.config.json",
        r#"{ "cloudfunctionRoot": "cloud" }"#,
    );
    assert_eq!(reported(&p).len(), 1);
}

#[test]
fn a_server_entry_that_is_not_a_glob_list_is_a_configuration_error() {
    let p = project("{}");
    p.file("mp/chattools-lint.json", r#"{ "server": "server/*.js" }"#);
    let out = bin().current_dir(p.path().join("mp")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(err.contains("expected an array of globs"), "{err}");
}

#[test]
fn explain_the_new_rules_in_both_languages() {
    for id in [
        "chat-tools/api-version",
        "chat-tools/tap-only",
        "server/chattoolmsg",
    ] {
        for (lang, word) in [("en", "What it checks"), ("zh", "默认级别")] {
            let out = bin()
                .args(["explain", id, "--lang", lang])
                .output()
                .unwrap();
            assert!(out.status.success(), "{id} {lang}");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.contains(id) && text.contains(word),
                "{id} {lang}: {text}"
            );
        }
    }
}

#[test]
fn min_base_library_must_be_a_version() {
    let p = project("{}");
    p.file(
        "mp/chattools-lint.json",
        r#"{ "rules": { "chat-tools/api-version": ["warning", { "minBaseLibrary": "latest" }] } }"#,
    );
    let out = bin().current_dir(p.path().join("mp")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("`minBaseLibrary` must be a base-library version"),
        "{text}"
    );
    // A version is accepted and used.
    p.file(
        "mp/chattools-lint.json",
        r#"{ "rules": { "chat-tools/api-version": ["warning", { "minBaseLibrary": "3.8" }] } }"#,
    )
    .file(
        "mp/pkg/pages/a/index.js",
        "Page({ go() { wx.exitChatTool() } })\n",
    );
    let (doc, _) = common::json_in(&p.path().join("mp"), &[]);
    assert!(common::rule_ids(&doc).contains(&"chat-tools/api-version".to_string()));
}
