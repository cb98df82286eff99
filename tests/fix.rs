//! `--fix` and `--diff` through the real binary: each fix byte for byte, idempotence, line
//! endings and indentation kept, a read-only file left alone.

mod common;

use common::{bin, Project};

/// A project with the chat-tool pages on disk and `app` as app.json.
fn project(app: &str) -> Project {
    let p = Project::new();
    p.file("app.json", app)
        .page("pages/index/index")
        .page("packageChatTool/pages/entry/index");
    p
}

/// Run `--fix` (or other args); returns (exit code, stdout, stderr).
fn run(p: &Project, args: &[&str]) -> (i32, String, String) {
    let out = bin()
        .current_dir(p.path())
        .args(["--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

fn read(p: &Project) -> String {
    std::fs::read_to_string(p.path().join("app.json")).unwrap()
}

/// `--fix` turns `before` into exactly `after`, says so, and a second run changes nothing.
fn fixes_to(before: &str, after: &str, rules: &[&str]) {
    let p = project(before);
    let (_, _, err) = run(&p, &["--fix"]);
    assert_eq!(read(&p), after, "stderr: {err}");
    for rule in rules {
        assert!(err.contains(&format!("[{rule}]")), "no `{rule}` in: {err}");
    }
    // Idempotent: nothing more to fix, not a byte changed.
    let (_, _, err) = run(&p, &["--fix"]);
    assert!(!err.contains("fixed"), "second run: {err}");
    assert_eq!(read(&p), after);
    // And --diff agrees there is nothing left.
    let (code, out, _) = run(&p, &["--diff"]);
    assert_eq!((code, out.as_str()), (0, ""));
}

/// A complete, correct chat-tool app.json, with `{SUB}` in the subpackage and `{APP}` at the end.
fn app(sub: &str, entry: &str, app_tail: &str) -> String {
    format!(
        r#"{{
  "pages": ["pages/index/index"],
  "subPackages": [
    {{
      "root": "packageChatTool",
      "pages": ["pages/entry/index"]{sub}
    }}
  ],
  "chatTools": [
    {{
      "root": "packageChatTool",
      "entryPagePath": "{entry}",
      "desc": "群签到"
    }}
  ]{app_tail}
}}
"#
    )
}

const SUB_OK: &str = ",\n      \"independent\": true,\n      \"renderer\": \"skyline\"";
const APP_OK: &str =
    ",\n  \"componentFramework\": \"glass-easel\",\n  \"lazyCodeLoading\": \"requiredComponents\"";

#[test]
fn correct_project_needs_no_fix() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    let p = project(&good);
    let (code, out, err) = run(&p, &["--fix"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("fixed"));
    assert_eq!(read(&p), good);
}

#[test]
fn trailing_commas() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    let bad = good
        .replace("\"skyline\"\n", "\"skyline\",\n")
        .replace("\"群签到\"\n", "\"群签到\" ,\n")
        .replace("}\n  ],", "},\n  ],");
    assert_ne!(bad, good);
    let after = good.replace("\"群签到\"\n", "\"群签到\" \n");
    fixes_to(&bad, &after, &["json/syntax"]);
}

/// A line comment ends at a lone `\r` as well as at `\n`, as the parser ends it: the comma
/// before it is not trailing when a value follows on the next line. Found by the fuzzer: the
/// trailing-comma fix removed that comma, and the fixer refused the unparsable result.
#[test]
fn a_lone_carriage_return_ends_a_line_comment() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    let before = good.replace(
        "\"pages\": [\"pages/index/index\"],",
        "\"pages\": [\"pages/index/index\",// main page again\r\"pages/index/index\"\n  ],",
    );
    let p = project(&before);
    let (_, out, err) = run(&p, &["--fix", "--format", "short"]);
    assert!(out.contains("comment"), "{out}");
    assert!(!out.contains("trailing comma"), "{out}");
    assert!(!err.contains("not fixed"), "{err}");
    assert_eq!(read(&p), before);
}

#[test]
fn independent() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    // false → true, in place.
    fixes_to(
        &good.replace("\"independent\": true", "\"independent\": false"),
        &good,
        &["chat-tools/not-independent"],
    );
    // Absent → added as the last member, indented like the others.
    let sub = ",\n      \"renderer\": \"skyline\"";
    let after = app(
        &format!("{sub},\n      \"independent\": true"),
        "pages/entry/index",
        APP_OK,
    );
    fixes_to(
        &app(sub, "pages/entry/index", APP_OK),
        &after,
        &["chat-tools/not-independent"],
    );
    // A string "true" is schema/type's: left alone.
    let odd = good.replace("\"independent\": true", "\"independent\": \"true\"");
    let p = project(&odd);
    run(&p, &["--fix"]);
    assert_eq!(read(&p), odd);
}

#[test]
fn renderer() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    fixes_to(
        &good.replace("\"renderer\": \"skyline\"", "\"renderer\": \"webview\""),
        &good,
        &["chat-tools/not-skyline"],
    );
    let sub = ",\n      \"independent\": true";
    fixes_to(
        &app(sub, "pages/entry/index", APP_OK),
        &app(
            &format!("{sub},\n      \"renderer\": \"skyline\""),
            "pages/entry/index",
            APP_OK,
        ),
        &["chat-tools/not-skyline"],
    );
    // Inherited from an app-level "skyline": nothing to add.
    let tail = format!("{APP_OK},\n  \"renderer\": \"skyline\"");
    let inherited = app(sub, "pages/entry/index", &tail);
    let p = project(&inherited);
    run(&p, &["--fix"]);
    assert_eq!(read(&p), inherited);
}

#[test]
fn component_framework() {
    // Set on the chat-tool subpackage, never at app level (that would switch main-package pages).
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    let exparser_app = good.replace("\"glass-easel\"", "\"exparser\"");
    let cf_sub = format!("{SUB_OK},\n      \"componentFramework\": \"glass-easel\"");
    fixes_to(
        &exparser_app,
        &app(
            &cf_sub,
            "pages/entry/index",
            &APP_OK.replace("\"glass-easel\"", "\"exparser\""),
        ),
        &["skyline/glass-easel"],
    );
    let lazy = ",\n  \"lazyCodeLoading\": \"requiredComponents\"";
    fixes_to(
        &app(SUB_OK, "pages/entry/index", lazy),
        &app(&cf_sub, "pages/entry/index", lazy),
        &["skyline/glass-easel"],
    );
    // The package's own `exparser` is replaced in place.
    fixes_to(
        &app(
            &format!("{SUB_OK},\n      \"componentFramework\": \"exparser\""),
            "pages/entry/index",
            lazy,
        ),
        &app(&cf_sub, "pages/entry/index", lazy),
        &["skyline/glass-easel"],
    );
}

#[test]
fn lazy_code_loading() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    // The wrong case WeChat rejects.
    fixes_to(
        &good.replace("\"requiredComponents\"", "\"requiredcomponents\""),
        &good,
        &["schema/enum"],
    );
    let cf = ",\n  \"componentFramework\": \"glass-easel\"";
    fixes_to(
        &app(SUB_OK, "pages/entry/index", cf),
        &app(
            SUB_OK,
            "pages/entry/index",
            &format!("{cf},\n  \"lazyCodeLoading\": \"requiredComponents\""),
        ),
        &["skyline/lazy-code-loading"],
    );
}

#[test]
fn entry_page_path() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    for bad in [
        "/pages/entry/index",
        "packageChatTool/pages/entry/index",
        "/packageChatTool/pages/entry/index",
    ] {
        fixes_to(&app(SUB_OK, bad, APP_OK), &good, &["chat-tools/entry-page"]);
    }
    // Not a page of the package even without the prefix: no guess.
    let unknown = app(SUB_OK, "/pages/other/index", APP_OK);
    let p = project(&unknown);
    run(&p, &["--fix"]);
    assert_eq!(read(&p), unknown);
}

#[test]
fn everything_at_once_crlf_and_tabs() {
    let before = "{\r\n\t\"pages\": [\"pages/index/index\"],\r\n\t\"lazyCodeLoading\": \"requiredcomponents\",\r\n\t\"subPackages\": [\r\n\t\t{\r\n\t\t\t\"root\": \"packageChatTool\",\r\n\t\t\t\"pages\": [\"pages/entry/index\"],\r\n\t\t},\r\n\t],\r\n\t\"chatTools\": [{ \"root\": \"packageChatTool\", \"entryPagePath\": \"/packageChatTool/pages/entry/index\", \"desc\": \"x\" }],\r\n}\r\n";
    let after = "{\r\n\t\"pages\": [\"pages/index/index\"],\r\n\t\"lazyCodeLoading\": \"requiredComponents\",\r\n\t\"subPackages\": [\r\n\t\t{\r\n\t\t\t\"root\": \"packageChatTool\",\r\n\t\t\t\"pages\": [\"pages/entry/index\"],\r\n\t\t\t\"independent\": true,\r\n\t\t\t\"renderer\": \"skyline\",\r\n\t\t\t\"componentFramework\": \"glass-easel\"\r\n\t\t}\r\n\t],\r\n\t\"chatTools\": [{ \"root\": \"packageChatTool\", \"entryPagePath\": \"pages/entry/index\", \"desc\": \"x\" }]\r\n}\r\n";
    fixes_to(
        before,
        after,
        &[
            "json/syntax",
            "chat-tools/not-independent",
            "chat-tools/not-skyline",
            "skyline/glass-easel",
            "schema/enum",
            "chat-tools/entry-page",
        ],
    );
    // What remains is reported, and the exit code is the remaining problems'.
    let p = project(after);
    let (code, out, _) = run(&p, &["--fix"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn one_line_object_and_bom_kept() {
    let before = "\u{feff}{\"pages\":[\"pages/index/index\"],\"subPackages\":[{\"root\":\"packageChatTool\",\"pages\":[\"pages/entry/index\"]}],\"chatTools\":[{\"root\":\"packageChatTool\",\"entryPagePath\":\"pages/entry/index\",\"desc\":\"x\"}]}";
    let after = "\u{feff}{\"pages\":[\"pages/index/index\"],\"subPackages\":[{\"root\":\"packageChatTool\",\"pages\":[\"pages/entry/index\"], \"independent\":true, \"renderer\":\"skyline\", \"componentFramework\":\"glass-easel\"}],\"chatTools\":[{\"root\":\"packageChatTool\",\"entryPagePath\":\"pages/entry/index\",\"desc\":\"x\"}], \"lazyCodeLoading\":\"requiredComponents\"}";
    fixes_to(before, after, &["chat-tools/not-independent"]);
}

#[test]
fn diff_shows_without_writing() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    let bad = good.replace("\"independent\": true", "\"independent\": false");
    let p = project(&bad);
    let (code, out, _) = run(&p, &["--diff"]);
    assert_eq!(code, 1);
    assert_eq!(read(&p), bad, "--diff wrote the file");
    assert_eq!(
        out,
        "--- a/app.json\n+++ b/app.json\n@@ -4,7 +4,7 @@\n     {\n       \"root\": \"packageChatTool\",\n       \"pages\": [\"pages/entry/index\"],\n-      \"independent\": false,\n+      \"independent\": true,\n       \"renderer\": \"skyline\"\n     }\n   ],\n"
    );
    // --fix and --diff together make no sense.
    let (code, _, err) = run(&p, &["--fix", "--diff"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn invalid_json_is_not_touched() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    let broken = format!("{},", &good[..good.len() - 3]); // truncated
    let p = project(&broken);
    let (code, _, _) = run(&p, &["--fix"]);
    assert_eq!(code, 1);
    assert_eq!(read(&p), broken);
}

#[cfg(unix)]
#[test]
fn read_only_file_is_left_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    let bad = good.replace("\"independent\": true", "\"independent\": false");
    let p = project(&bad);
    let path = p.path().join("app.json");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, out, err) = run(&p, &["--fix"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("not fixing `app.json`: the file is read-only; left untouched"),
        "{err}"
    );
    assert_eq!(read(&p), bad);
    // The lint report of what remains still follows.
    assert!(out.contains("1 project"), "{out}");
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
    // No temporary file left behind.
    let names: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        names.iter().all(|n| !n.to_string_lossy().contains(".tmp")),
        "{names:?}"
    );
}

#[cfg(unix)]
#[test]
fn permissions_and_symlinks_kept() {
    use std::os::unix::fs::PermissionsExt;
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    let bad = good.replace("\"independent\": true", "\"independent\": false");
    let p = project("{}");
    p.file("real/app.json", &bad);
    let real = p.path().join("real/app.json");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::remove_file(p.path().join("app.json")).unwrap();
    std::os::unix::fs::symlink("real/app.json", p.path().join("app.json")).unwrap();
    run(&p, &["--fix"]);
    assert_eq!(std::fs::read_to_string(&real).unwrap(), good);
    assert!(p
        .path()
        .join("app.json")
        .symlink_metadata()
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn changed_since_read_is_not_written() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("app.json");
    std::fs::write(&path, "{\"a\": 2}").unwrap();
    // What the fixer read is not what is on disk any more.
    let r = chattools_lint::fix::write_fixed(&path, "{\"a\": 1,}", "{\"a\": 1}");
    assert!(
        matches!(r, Err(chattools_lint::fix::WriteError::Changed)),
        "{r:?}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"a\": 2}");
    // Gone since it was read.
    std::fs::remove_file(&path).unwrap();
    let r = chattools_lint::fix::write_fixed(&path, "{\"a\": 1,}", "{\"a\": 1}");
    assert!(matches!(r, Err(chattools_lint::fix::WriteError::Changed)));
    assert!(!path.exists());
    // Unchanged: written.
    std::fs::write(&path, "{\"a\": 1,}").unwrap();
    chattools_lint::fix::write_fixed(&path, "{\"a\": 1,}", "{\"a\": 1}").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"a\": 1}");
    assert_eq!(
        std::fs::read_dir(d.path()).unwrap().count(),
        1,
        "temporary file left"
    );
}

#[test]
fn project_config_trailing_commas() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    let p = project(&good);
    p.file("project.config.json", "{\n  \"appid\": \"wx0\",\n}\n");
    run(&p, &["--fix"]);
    assert_eq!(
        std::fs::read_to_string(p.path().join("project.config.json")).unwrap(),
        "{\n  \"appid\": \"wx0\"\n}\n"
    );
}

/// The issue's example: the rule says "write `pages/entry/index`", and `--fix` now does it.
#[test]
fn entry_page_extension_and_query() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    for bad in [
        "pages/entry/index.js",
        "pages/entry/index.wxml",
        "pages/entry/index?from=share",
        "/packageChatTool/pages/entry/index.ts?x=1",
    ] {
        fixes_to(&app(SUB_OK, bad, APP_OK), &good, &["chat-tools/entry-page"]);
    }
    // --diff shows the same change and exits 1.
    let p = project(&app(SUB_OK, "pages/entry/index.js", APP_OK));
    let (code, out, _) = run(&p, &["--diff"]);
    assert_eq!(code, 1);
    assert!(out.contains("-      \"entryPagePath\": \"pages/entry/index.js\",\n+      \"entryPagePath\": \"pages/entry/index\","), "{out}");
}

#[test]
fn app_entry_page_path_extension() {
    let tail = format!("{APP_OK},\n  \"entryPagePath\": \"pages/index/index\"");
    let good = app(SUB_OK, "pages/entry/index", &tail);
    fixes_to(
        &good.replace(
            "\"entryPagePath\": \"pages/index/index\"",
            "\"entryPagePath\": \"pages/index/index.js\"",
        ),
        &good,
        &["app/entry-page-path"],
    );
}

#[test]
fn duplicate_page() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    let twice = good.replace(
        "\"pages\": [\"pages/entry/index\"]",
        "\"pages\": [\"pages/entry/index\", \"pages/entry/index\"]",
    );
    fixes_to(&twice, &good, &["subpackages/duplicate-page"]);
    // The first of three items listed again: the later copies go, the first stays.
    let thrice = good.replace(
        "\"pages\": [\"pages/entry/index\"]",
        "\"pages\": [\n        \"pages/entry/index\",\n        \"pages/entry/index\"\n      ]",
    );
    let p = project(&thrice);
    run(&p, &["--fix"]);
    assert!(
        read(&p).contains("\"pages\": [\n        \"pages/entry/index\"\n      ]"),
        "{}",
        read(&p)
    );
}

/// `"navigationStyle": "custom"` on a Skyline chat-tool page: in its own .json when it says
/// `default`, and in each page's .json when app.json `window` says `default`.
#[test]
fn navigation_style_custom() {
    let good = app(SUB_OK, "pages/entry/index", APP_OK);
    let p = project(&good);
    let page_json = p.path().join("packageChatTool/pages/entry/index.json");
    std::fs::write(&page_json, "{\n  \"navigationStyle\": \"default\"\n}\n").unwrap();
    let (_, _, err) = run(&p, &["--fix"]);
    assert!(err.contains("[skyline/navigation-style]"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&page_json).unwrap(),
        "{\n  \"navigationStyle\": \"custom\"\n}\n"
    );
    let (code, out, _) = run(&p, &[]);
    assert_eq!(code, 0, "{out}");

    let window = format!("{APP_OK},\n  \"window\": {{ \"navigationStyle\": \"default\" }}");
    let p = project(&app(SUB_OK, "pages/entry/index", &window));
    let page_json = p.path().join("packageChatTool/pages/entry/index.json");
    std::fs::write(&page_json, "{\n  \"usingComponents\": {}\n}\n").unwrap();
    run(&p, &["--fix"]);
    assert_eq!(
        std::fs::read_to_string(&page_json).unwrap(),
        "{\n  \"usingComponents\": {},\n  \"navigationStyle\": \"custom\"\n}\n"
    );
    let (_, _, err) = run(&p, &["--fix"]);
    assert!(!err.contains("fixed"), "second run: {err}");
    // A page that sets navigation-bar fields conflicts: no fix is offered.
    let p = project(&good);
    let page_json = p.path().join("packageChatTool/pages/entry/index.json");
    let conflicting =
        "{\n  \"navigationStyle\": \"default\",\n  \"navigationBarTitleText\": \"签到\"\n}\n";
    std::fs::write(&page_json, conflicting).unwrap();
    let (code, _, _) = run(&p, &["--fix"]);
    assert_eq!(code, 1);
    assert_eq!(std::fs::read_to_string(&page_json).unwrap(), conflicting);
}

/// A component `.json` of the chat-tool package with a trailing comma is `json/syntax` whatever
/// else is on (issue 9: facts never report), and `--fix` removes the comma there too.
#[test]
fn component_json_syntax_whatever_rules_are_on() {
    let p = project(&app(SUB_OK, "pages/entry/index", APP_OK));
    p.file(
        "packageChatTool/pages/entry/index.json",
        "{ \"usingComponents\": { \"card\": \"../../components/card/index\" } }",
    )
    .file(
        "packageChatTool/components/card/index.json",
        "{ \"component\": true, }",
    )
    .file("packageChatTool/components/card/index.wxml", "<view/>")
    .file("packageChatTool/components/card/index.js", "Component({})");
    let others: Vec<String> = chattools_lint::rules::RULES
        .iter()
        .filter(|r| !r.id.starts_with("json/") && !r.id.starts_with("schema/"))
        .map(|r| r.id.to_string())
        .collect();
    let only_json = format!(
        "{{ \"rules\": {{ {} }} }}",
        others
            .iter()
            .map(|id| format!("\"{id}\": \"off\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for config in [None, Some(only_json.as_str())] {
        if let Some(c) = config {
            p.file("chattools-lint.json", c);
        }
        let (code, out, _) = run(&p, &["--format", "short"]);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains("packageChatTool/components/card/index.json:1:20: error[json/syntax]"),
            "config {config:?}: {out}"
        );
    }
    run(&p, &["--fix"]);
    assert_eq!(
        std::fs::read_to_string(p.path().join("packageChatTool/components/card/index.json"))
            .unwrap(),
        "{ \"component\": true }"
    );
    let (code, out, _) = run(&p, &[]);
    assert_eq!(code, 0, "{out}");
}

/// A page `.json` that exists but cannot be read (here a folder) is reported by `json/syntax`
/// once, whatever else is on, and nothing is written by `--fix`.
#[test]
fn unreadable_page_json_is_reported() {
    let p = project(&app(SUB_OK, "pages/entry/index", APP_OK));
    std::fs::create_dir_all(p.path().join("packageChatTool/pages/entry/index.json")).unwrap();
    let (code, out, _) = run(&p, &["--format", "short"]);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("packageChatTool/pages/entry/index.json"))
        .collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(
        lines[0].contains("error[json/syntax] not a regular file"),
        "{out}"
    );
    p.file(
        "chattools-lint.json",
        r#"{ "rules": { "chat-tools/not-skyline": "off", "skyline/navigation-style": "off", "skyline/glass-easel": "off" } }"#,
    );
    let (_, out, _) = run(&p, &["--format", "short"]);
    assert!(
        out.contains("error[json/syntax] not a regular file"),
        "{out}"
    );
}
