//! The lint cache (docs/cache.md): a warm run gives what a fresh lint gives, whatever changed.

mod common;

use std::path::{Path, PathBuf};

use common::{rule_ids, Project};
use serde_json::Value;

const CHAT_APP: &str = r#"{
  "pages": ["pages/index/index"],
  "subPackages": [{"root": "packageChatTool", "pages": ["pages/a/index"], "independent": true,
                   "renderer": "skyline", "componentFramework": "glass-easel"}],
  "chatTools": [{"root": "packageChatTool", "entryPagePath": "pages/a/index", "desc": "群签到"}],
  "lazyCodeLoading": "requiredComponents"
}"#;

/// A chat-tool project whose page calls `wx.<api>()`.
fn project(api: &str) -> Project {
    let p = Project::new();
    p.file("project.config.json", r#"{"libVersion": "3.8.0"}"#)
        .file("app.json", CHAT_APP)
        .page("pages/index/index")
        .file(
            "packageChatTool/pages/a/index.json",
            r#"{"navigationStyle": "custom"}"#,
        )
        .file("packageChatTool/pages/a/index.wxml", "<view></view>\n")
        .file("packageChatTool/pages/a/index.js", js(api));
    p
}

/// Same length for every 8-letter api name, so a change can keep the file's size.
fn js(api: &str) -> String {
    format!("Page({{ onLoad() {{ wx.{api}({{}}) }} }})\n")
}

const FORBIDDEN: &str = "navigateToMiniProgram";
/// As long as FORBIDDEN, and allowed.
const ALLOWED: &str = "getSystemInfoAsyncXYZ";

/// The binary with the cache on (`common::bin` turns it off for every other test).
fn bin() -> assert_cmd::Command {
    let mut cmd = common::bin();
    cmd.env_remove("CHATTOOLS_LINT_NO_CACHE");
    cmd
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    bin().current_dir(dir).args(args).output().unwrap()
}

fn json_in(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = run(dir, &[&["--format", "json", "--lang", "en"], args].concat());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn json(p: &Project, args: &[&str]) -> (Value, i32) {
    json_in(p.path(), args)
}

fn forbidden(doc: &Value) -> usize {
    rule_ids(doc)
        .iter()
        .filter(|r| *r == "chat-tools/forbidden-api")
        .count()
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "cache"))
                .collect()
        })
        .unwrap_or_default()
}

/// Replace a file's content, keeping its size and modification time.
fn rewrite_keeping_mtime(path: &Path, content: &str) {
    let before = std::fs::metadata(path).unwrap();
    assert_eq!(before.len() as usize, content.len(), "same size");
    std::fs::write(path, content).unwrap();
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(before.modified().unwrap()).unwrap();
    let after = std::fs::metadata(path).unwrap();
    assert_eq!(after.modified().unwrap(), before.modified().unwrap());
    assert_eq!(after.len(), before.len());
}

#[test]
fn warm_run_reports_what_a_fresh_lint_reports() {
    assert_eq!(FORBIDDEN.len(), ALLOWED.len());
    let p = project(FORBIDDEN);
    let (fresh, code) = json(&p, &["--no-cache"]);
    assert!(
        !p.path().join(".chattools-lint-cache").exists(),
        "--no-cache writes nothing"
    );
    assert_eq!(forbidden(&fresh), 1, "{fresh:#}");
    let (cold, cold_code) = json(&p, &[]);
    let files = cache_files(&p.path().join(".chattools-lint-cache"));
    assert_eq!(files.len(), 1, "one entry written");
    let (warm, warm_code) = json(&p, &[]);
    assert_eq!(fresh, cold);
    assert_eq!(fresh, warm);
    assert_eq!((code, cold_code), (warm_code, warm_code));
    // Human output (code frames from the cached file text) is the same too.
    let human = |args: &[&str]| {
        let out = run(p.path(), &[&["--lang", "en"], args].concat());
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(human(&["--no-cache"]), human(&[]));
    // The folder keeps itself out of git.
    let ignore = p.path().join(".chattools-lint-cache/.gitignore");
    assert!(std::fs::read_to_string(ignore).unwrap().contains('*'));
}

#[test]
fn a_content_change_with_the_same_size_and_mtime_is_seen() {
    let p = project(FORBIDDEN);
    assert_eq!(forbidden(&json(&p, &[]).0), 1);
    assert_eq!(forbidden(&json(&p, &[]).0), 1);
    rewrite_keeping_mtime(
        &p.path().join("packageChatTool/pages/a/index.js"),
        &js(ALLOWED),
    );
    assert_eq!(forbidden(&json(&p, &[]).0), 0);
    rewrite_keeping_mtime(
        &p.path().join("packageChatTool/pages/a/index.js"),
        &js(FORBIDDEN),
    );
    assert_eq!(forbidden(&json(&p, &[]).0), 1);
}

#[test]
fn a_new_file_a_removed_file_and_app_json_changes_are_seen() {
    let p = project(ALLOWED);
    assert_eq!(forbidden(&json(&p, &[]).0), 0);
    // A new file in the package.
    p.file("packageChatTool/utils/x.js", js(FORBIDDEN));
    assert_eq!(forbidden(&json(&p, &[]).0), 1);
    std::fs::remove_file(p.path().join("packageChatTool/utils/x.js")).unwrap();
    assert_eq!(forbidden(&json(&p, &[]).0), 0);
    // app.json: the chat tool's desc emptied.
    let (before, _) = json(&p, &[]);
    p.file("app.json", CHAT_APP.replace("群签到", ""));
    let (doc, _) = json(&p, &[]);
    assert_ne!(doc, before);
    assert_eq!(doc, json(&p, &["--no-cache"]).0);
    // A missing page file appears.
    std::fs::remove_file(p.path().join("pages/index/index.wxml")).unwrap();
    let (doc, _) = json(&p, &[]);
    assert!(rule_ids(&doc).contains(&"subpackages/missing-page".to_string()));
}

#[test]
fn settings_and_the_configuration_are_part_of_the_key() {
    let p = project(FORBIDDEN);
    assert_eq!(forbidden(&json(&p, &[]).0), 1);
    assert_eq!(
        forbidden(&json(&p, &["--allow", "chat-tools/forbidden-api"]).0),
        0
    );
    assert_eq!(forbidden(&json(&p, &[]).0), 1);
    p.file(
        "chattools-lint.json",
        r#"{"rules": {"chat-tools/forbidden-api": "off"}}"#,
    );
    assert_eq!(forbidden(&json(&p, &[]).0), 0);
    p.file(
        "chattools-lint.json",
        r#"{"rules": {"chat-tools/forbidden-api": "warning"}}"#,
    );
    let (doc, _) = json(&p, &[]);
    assert_eq!(forbidden(&doc), 1);
    assert_eq!(doc["diagnostics"][0]["severity"], "warning", "{doc:#}");
    // project.config.json: the base library below the chat tools' 3.7.8.
    p.file("project.config.json", r#"{"libVersion": "3.7.0"}"#);
    let (doc, _) = json(&p, &[]);
    assert!(rule_ids(&doc).contains(&"chat-tools/base-library".to_string()));
}

#[test]
fn a_corrupt_or_foreign_entry_is_ignored_and_rewritten() {
    let p = project(FORBIDDEN);
    let (fresh, _) = json(&p, &["--no-cache"]);
    json(&p, &[]);
    let dir = p.path().join(".chattools-lint-cache");
    let entry = cache_files(&dir).pop().unwrap();
    let valid = std::fs::read(&entry).unwrap();
    for junk in [
        b"".to_vec(),
        b"not json".to_vec(),
        valid[..valid.len() / 2].to_vec(),
        // Valid JSON of the right shape but no diagnostics, with a key that cannot match.
        String::from_utf8(valid.clone())
            .unwrap()
            .replacen("\"key\":\"", "\"key\":\"x", 1)
            .into_bytes(),
    ] {
        std::fs::write(&entry, &junk).unwrap();
        let out = run(p.path(), &["--format", "json", "--lang", "en"]);
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc, fresh);
        let rewritten: Value = serde_json::from_slice(&std::fs::read(&entry).unwrap()).unwrap();
        let entries = rewritten["entries"].as_object().unwrap();
        assert_eq!(entries.len(), 1);
        let obs = entries.values().next().unwrap()["obs"].as_array().unwrap();
        assert!(!obs.is_empty());
    }
    // An entry whose diagnostics were tampered with but whose checks still pass is trusted:
    // that is what a cache is. Its checks are what make it safe; change an input and see.
    let tampered = String::from_utf8(valid)
        .unwrap()
        .replace("navigateToMiniProgram", "navigateToMiniProgrom");
    std::fs::write(&entry, tampered).unwrap();
    p.file("packageChatTool/pages/a/index.js", js(FORBIDDEN) + "\n");
    let (doc, _) = json(&p, &[]);
    assert_eq!(forbidden(&doc), 1);
    assert!(doc.to_string().contains("navigateToMiniProgram"));
    assert!(!doc.to_string().contains("navigateToMiniProgrom"));
}

#[test]
fn an_unwritable_cache_location_lints_quietly() {
    let p = project(FORBIDDEN);
    let (fresh, _) = json(&p, &["--no-cache"]);
    // A file where the folder would go: nothing can be created there.
    p.file(".chattools-lint-cache", "");
    for _ in 0..2 {
        let out = run(p.path(), &["--format", "json", "--lang", "en"]);
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap(), fresh);
    }
    assert!(p.path().join(".chattools-lint-cache").is_file());
}

#[cfg(unix)]
#[test]
fn a_read_only_project_lints_quietly() {
    use std::os::unix::fs::PermissionsExt;
    let p = project(FORBIDDEN);
    let (fresh, _) = json(&p, &["--no-cache"]);
    std::fs::set_permissions(p.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes anyway: then this checks only that the run is quiet and correct.
    let writable = std::fs::write(p.path().join("probe"), "").is_ok();
    let out = run(p.path(), &["--format", "json", "--lang", "en"]);
    std::fs::set_permissions(p.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap(), fresh);
    if !writable {
        assert!(!p.path().join(".chattools-lint-cache").exists());
    }
}

#[test]
fn node_modules_holds_the_cache_when_there_is_one() {
    let p = project(FORBIDDEN);
    std::fs::create_dir(p.path().join("node_modules")).unwrap();
    json(&p, &[]);
    assert!(!p.path().join(".chattools-lint-cache").exists());
    let dir = p.path().join("node_modules/.cache/chattools-lint");
    assert_eq!(cache_files(&dir).len(), 1);
    assert_eq!(forbidden(&json(&p, &[]).0), 1);
}

#[test]
fn the_cache_folder_is_never_counted_as_uploaded() {
    // No project.config.json: the project folder is miniprogramRoot itself.
    let p = Project::new();
    p.file("app.json", CHAT_APP)
        .page("pages/index/index")
        .file("packageChatTool/pages/a/index.json", "{}")
        .page("packageChatTool/pages/a/index");
    json(&p, &[]);
    assert!(p.path().join(".chattools-lint-cache").is_dir());
    let out = bin()
        .current_dir(p.path())
        .args(["size", "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let excluded = doc["excluded"].as_array().unwrap();
    assert!(
        excluded
            .iter()
            .any(|e| e["path"] == ".chattools-lint-cache/" && e["reason"] == "lint-cache"),
        "{doc:#}"
    );
    assert!(!doc.to_string().contains(".cache\""), "{doc:#}");
    // And the lint of the same project is unchanged by it.
    assert_eq!(json(&p, &[]).0, json(&p, &["--no-cache"]).0);
}

#[test]
fn recursive_runs_keep_one_file_in_the_folder_searched() {
    let root = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        let dir = root.path().join(name);
        std::fs::create_dir(&dir).unwrap();
        copy_dir(Path::new("examples/chat-tool-ok"), &dir);
    }
    let (fresh, _) = json_in(root.path(), &["-r", ".", "--no-cache"]);
    let (cold, _) = json_in(root.path(), &["-r", "."]);
    let files = cache_files(&root.path().join(".chattools-lint-cache"));
    assert_eq!(files.len(), 1);
    let doc: Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    assert_eq!(doc["entries"].as_object().unwrap().len(), 2, "{doc:#}");
    let (warm, _) = json_in(root.path(), &["-r", "."]);
    assert_eq!(fresh, cold);
    assert_eq!(fresh, warm);
    // One project changed: only its entry is redone, and the report follows.
    std::fs::write(
        root.path().join("b/miniprogram/app.json"),
        std::fs::read_to_string(root.path().join("b/miniprogram/app.json"))
            .unwrap()
            .replacen("\"desc\": \"", "\"desc\": 1, \"x\": \"", 1),
    )
    .unwrap();
    let (changed, _) = json_in(root.path(), &["-r", "."]);
    assert_ne!(changed, fresh);
    assert_eq!(changed, json_in(root.path(), &["-r", ".", "--no-cache"]).0);
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            // The examples' own cache, if a run left one, is not part of the example.
            if entry.file_name() == ".chattools-lint-cache" {
                continue;
            }
            std::fs::create_dir_all(&dest).unwrap();
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// The server code (cloudfunctionRoot) is an input too: a payload fixed in a cloud function is
/// seen by the next warm run, and so is a cloud function added later.
#[test]
fn server_code_changes_are_seen() {
    let p = project(ALLOWED);
    p.file(
        "project.config.json",
        r#"{"libVersion": "3.8.0", "cloudfunctionRoot": "cloudfunctions/"}"#,
    );
    let bad = "const cloud = require('wx-server-sdk');\nexports.main = () => cloud.openapi.chattoolmsg.send({ activity_id: 'a', target_state: 9, template_id: '4A68CBB88A92B0A9311848DBA1E94A199B166463', version_type: 0 });\n";
    let good = bad.replace("target_state: 9", "target_state: 3");
    p.file("cloudfunctions/update/index.js", bad);
    let has = |doc: &Value| rule_ids(doc).iter().any(|r| r == "server/chattoolmsg");
    assert!(has(&json_in(p.path(), &[]).0), "cold run sees the payload");
    assert!(has(&json_in(p.path(), &[]).0), "warm run too");
    p.file("cloudfunctions/update/index.js", &good);
    assert!(!has(&json_in(p.path(), &[]).0), "fixed payload seen");
    p.file("cloudfunctions/other/index.js", bad);
    assert!(has(&json_in(p.path(), &[]).0), "a new cloud function seen");
}

/// The compiled-size estimate reads file contents: a change that keeps every file's size but not
/// what it minifies to is seen by the next warm run.
#[test]
fn compiled_size_content_changes_are_seen() {
    let p = project(ALLOWED);
    p.file(
        "project.config.json",
        r#"{"libVersion": "3.8.0", "setting": {"minified": true}}"#,
    )
    .file(
        "chattools-lint.json",
        r#"{"rules": {"chat-tools/package-size": ["warning", {"limit": 64}]}}"#,
    );
    let comment = format!("/* {} */\n", "x".repeat(200));
    let code = format!("var q = [{}0];\n", "1, ".repeat(60));
    let code = format!("{code}{}", " ".repeat(comment.len() - code.len()));
    assert_eq!(comment.len(), code.len());
    p.file("packageChatTool/util.js", &comment);
    let messages = |args: &[&str]| -> Vec<String> {
        let (doc, _) = json_in(p.path(), args);
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "chat-tools/package-size")
            .map(|d| d["message"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let before = messages(&[]);
    messages(&[]); // warm
    p.file("packageChatTool/util.js", &code);
    let after = messages(&[]);
    assert_eq!(after, messages(&["--no-cache"]), "warm run is fresh");
    assert_ne!(before, after, "the compiled size changed");
}

/// Set every file's modification time an hour back (older than the cache's 2-second racy
/// window, so reads get a stat stamp).
fn age_files(dir: &Path) {
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            age_files(&path);
        } else {
            let f = std::fs::File::options().write(true).open(&path).unwrap();
            f.set_modified(old).unwrap();
        }
    }
}

/// A warm run uses the entry: it leaves the cache file as it was (a miss rewrites it), whether
/// its files were just written (content hashed again) or are old (trusted by their stat stamp),
/// and when the page names are checked against folder listings, as on Windows and macOS (here:
/// two names differing only in case make the listings decide; the project folder's listing then
/// must not change when the cache folder appears in it).
#[test]
fn a_warm_run_uses_the_entry_without_rewriting_it() {
    for (aged, listings) in [(false, false), (true, false), (false, true)] {
        let case = format!("aged {aged}, listings {listings}");
        let p = project(FORBIDDEN);
        if listings {
            p.file("pages/index/INDEX.WXML", "<view></view>\n");
        }
        if aged {
            age_files(p.path());
        }
        let (cold, _) = json(&p, &[]);
        let file = cache_files(&p.path().join(".chattools-lint-cache")).remove(0);
        let written = std::fs::metadata(&file).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let (warm, _) = json(&p, &[]);
        assert_eq!(cold, warm);
        assert_eq!(
            std::fs::metadata(&file).unwrap().modified().unwrap(),
            written,
            "{case}: a warm run rewrote the entry (the replay missed)"
        );
        // And a change is still seen after that.
        std::fs::write(
            p.path().join("packageChatTool/pages/a/index.js"),
            js(ALLOWED),
        )
        .unwrap();
        let (changed, _) = json(&p, &[]);
        assert_eq!(forbidden(&changed), 0, "{case}");
    }
}
