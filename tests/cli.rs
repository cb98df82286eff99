//! The command line as users meet it: exit codes, languages, colour, rules/explain, messages
//! when there is nothing to lint.

mod common;

use common::{bin, rule_ids, Project};

/// A correct chat tool but for one typo in `chatTools[0].root`.
const BROKEN: &str = r#"{
  "pages": ["pages/index/index"],
  "chatTools": [{ "root": "tools", "entryPagePath": "pages/index", "desc": "群接龙" }],
  "subPackages": [
    {
      "root": "tool",
      "pages": ["pages/index"],
      "independent": true,
      "renderer": "skyline",
      "componentFramework": "glass-easel"
    }
  ],
  "lazyCodeLoading": "requiredComponents",
  "rendererOptions": { "skyline": { "disableABTest": true } }
}
"#;

fn broken() -> Project {
    let p = Project::new();
    p.file("app.json", BROKEN)
        .page("pages/index/index")
        .page("tool/pages/index");
    p
}

#[test]
fn exit_code_1_on_errors_and_0_when_clean() {
    let p = broken();
    assert_eq!(p.run(&[]).status.code(), Some(1));
    p.file("app.json", BROKEN.replace("\"tools\"", "\"tool\""));
    let out = p.run(&["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = doc["summary"]["errors"].as_u64().unwrap();
    assert_eq!(
        out.status.code(),
        Some(if errors == 0 { 0 } else { 1 }),
        "{doc:#}"
    );
}

#[test]
fn exit_code_2_when_there_is_no_app_json() {
    let p = Project::new();
    let out = p.run(&[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("project.config.json") && err.contains("app.json"),
        "{err}"
    );
}

#[test]
fn taro_and_uni_app_trees_get_a_hint() {
    // Sources in their usual places are linted (tests/frameworks.rs); elsewhere, a hint.
    let taro = Project::new();
    taro.file("app.config.ts", "export default {}\n");
    let out = taro.run(&[]);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(err.contains("Taro") && err.contains("dist/"), "{err}");
    assert_eq!(out.status.code(), Some(2));

    let uni = Project::new();
    uni.file("pages.json", "{}")
        .file("manifest.json", "{}")
        .file(
            "project.config.json",
            "{\"miniprogramRoot\": \"unpackage/dist/dev/mp-weixin/\"}",
        );
    let err = String::from_utf8_lossy(&uni.run(&["--lang", "zh"]).stderr).to_string();
    assert!(err.is_empty(), "{err}");
    let taro = Project::new();
    taro.file("src/app.config.ts", "export default {}\n");
    assert_eq!(taro.run(&[]).status.code(), Some(0));
}

#[test]
fn exit_code_2_on_bad_arguments() {
    let out = bin().args(["--format", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn max_warnings_turns_warnings_into_exit_1() {
    let p = Project::new();
    p.file(
        "app.json",
        "{\n  \"pages\": [\"pages/index/index\"],\n  \"pages\": [\"pages/index/index\"]\n}\n",
    )
    .page("pages/index/index");
    let (doc, code) = p.json(&[]);
    assert_eq!(rule_ids(&doc), ["json/duplicate-key"]);
    assert_eq!(code, 0, "warnings alone pass");
    assert_eq!(p.json(&["--max-warnings", "0"]).1, 1);
    assert_eq!(p.json(&["--max-warnings", "1"]).1, 0);
}

#[test]
fn language_follows_flag_then_environment() {
    let p = broken();
    let zh = bin()
        .current_dir(p.path())
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let zh = String::from_utf8_lossy(&zh.stdout);
    assert!(zh.contains("不是任何分包的根目录"), "{zh}");
    assert!(zh.contains("检查了 1 个项目"), "{zh}");

    let en = bin()
        .current_dir(p.path())
        .env("LANG", "zh_CN.UTF-8")
        .args(["--lang", "en"])
        .output()
        .unwrap();
    let en = String::from_utf8_lossy(&en.stdout);
    assert!(en.contains("is not the root of any subpackage"), "{en}");

    let c = bin()
        .current_dir(p.path())
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&c.stdout).contains("Found 1 error"));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let p = broken();
    let piped = p.run(&[]);
    assert!(!piped.stdout.contains(&0x1b), "no escape codes in a pipe");
    let forced = bin()
        .current_dir(p.path())
        .args(["--color", "always"])
        .output()
        .unwrap();
    assert!(forced.stdout.contains(&0x1b), "--color always colours");
    let never = p.run(&["--color", "never"]);
    assert!(!never.stdout.contains(&0x1b));
}

#[test]
fn json_document_shape() {
    let p = broken();
    let (doc, _) = p.json(&[]);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "chattools-lint");
    assert_eq!(doc["projects"][0]["appJson"], "app.json");
    let d = &doc["diagnostics"][0];
    assert_eq!(d["rule"], "chat-tools/unknown-root");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "app.json");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(27))
    );
    assert_eq!(
        (d["endLine"].as_u64(), d["endColumn"].as_u64()),
        (Some(3), Some(34))
    );
    assert_eq!(d["pointer"], "/chatTools/0/root");
    assert!(d["help"].as_str().unwrap().contains("`tool`"));
    assert!(d["url"]
        .as_str()
        .unwrap()
        .ends_with("chat-tools/unknown-root.md"));
    assert_eq!(doc["summary"]["errors"], 1);
    assert_eq!(doc["summary"]["projects"], 1);
}

#[test]
fn paths_are_relative_to_the_working_directory() {
    let p = broken();
    let out = bin()
        .current_dir(p.path().parent().unwrap())
        .args(["--format", "json"])
        .arg(p.path().file_name().unwrap())
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let name = p.path().file_name().unwrap().to_string_lossy();
    assert_eq!(doc["diagnostics"][0]["file"], format!("{name}/app.json"));
}

#[test]
fn rules_lists_every_rule_and_explain_prints_docs() {
    let out = bin().arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for rule in chattools_lint::rules::RULES {
        assert!(text.contains(rule.id), "{} missing from `rules`", rule.id);
    }
    let out = bin()
        .args(["explain", "chat-tools/unknown-root"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("## Invalid") && text.contains("## Valid"),
        "{text}"
    );

    let out = bin()
        .args(["explain", "chat-tools/unknown-rot"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("chat-tools/unknown-root"));
}

#[test]
fn explain_in_chinese_prints_the_chinese_docs() {
    let rule = chattools_lint::rules::find("app/entry-page-path").unwrap();
    let out = bin()
        .args(["explain", rule.id, "--lang", "zh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(rule.docs_zh.trim_start()), "{text}");
    assert!(
        text.contains(rule.summary.1) && text.contains("默认级别"),
        "{text}"
    );
    assert!(!text.contains("## What it checks"), "{text}");

    let out = bin()
        .args(["explain", "chat-tools/unknown-rot", "--lang", "zh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("没有规则") && text.contains("是否想找 `chat-tools/unknown-root`"),
        "{text}"
    );
    assert!(!text.contains("did you mean"), "{text}");
}

#[test]
fn app_json_file_as_path() {
    let p = broken();
    let (doc, code) = common::json_in(p.path(), &["app.json"]);
    assert_eq!(code, 1);
    assert_eq!(rule_ids(&doc), ["chat-tools/unknown-root"]);
}
