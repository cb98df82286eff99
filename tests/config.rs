//! chattools-lint.json: where it is found, what it changes, how a broken one is reported, and
//! the command line's --deny/--warn/--allow on top. Also: the JSON Schema in schemas/ agrees
//! with the registry and accepts the documented examples.

mod common;

use std::path::Path;

use common::{bin, rule_ids, Project};
use serde_json::Value;

/// A project with one error (`chat-tools/too-many`) and one warning (`json/duplicate-key`).
fn project() -> Project {
    let p = Project::new();
    p.file(
        "app/app.json",
        r#"{
  "pages": ["pages/index/index"],
  "pages": ["pages/index/index"],
  "subPackages": [
    {
      "root": "pkg",
      "pages": ["pages/a/index"],
      "independent": true,
      "renderer": "skyline",
      "componentFramework": "glass-easel"
    }
  ],
  "chatTools": [
    { "root": "pkg", "entryPagePath": "pages/a/index", "desc": "签到" },
    { "root": "pkg", "entryPagePath": "pages/a/index", "desc": "接龙" }
  ],
  "lazyCodeLoading": "requiredComponents",
  "rendererOptions": { "skyline": { "disableABTest": true } }
}
"#,
    );
    p.page("app/pages/index/index")
        .page("app/pkg/pages/a/index");
    p
}

fn severities(doc: &Value) -> Vec<(String, String)> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pair(rule: &str, sev: &str) -> (String, String) {
    (rule.to_string(), sev.to_string())
}

#[test]
fn without_config_defaults_apply() {
    let p = project();
    let (doc, code) = p.json(&["app"]);
    assert_eq!(code, 1);
    let s = severities(&doc);
    assert!(s.contains(&pair("chat-tools/too-many", "error")), "{s:?}");
    assert!(s.contains(&pair("json/duplicate-key", "warning")), "{s:?}");
}

#[test]
fn config_in_a_parent_folder_sets_severities() {
    let p = project();
    p.file(
        "chattools-lint.json",
        r#"{ "rules": { "chat-tools/too-many": "warning", "json/duplicate-key": "off" } }"#,
    );
    let (doc, code) = p.json(&["app"]);
    assert_eq!(code, 0, "the only error became a warning");
    assert_eq!(severities(&doc), [pair("chat-tools/too-many", "warning")]);
}

#[test]
fn the_nearest_config_wins_and_array_form_works() {
    let p = project();
    p.file(
        "chattools-lint.json",
        r#"{ "rules": { "chat-tools/too-many": "off" } }"#,
    );
    p.file(
        "app/chattools-lint.json",
        r#"{ "rules": { "chat-tools/too-many": ["info"] } }"#,
    );
    let (doc, _) = p.json(&["app"]);
    assert!(severities(&doc).contains(&pair("chat-tools/too-many", "info")));
}

#[test]
fn explicit_config_file() {
    let p = project();
    p.file(
        "chattools-lint.json",
        r#"{ "rules": { "chat-tools/too-many": "off" } }"#,
    );
    p.file(
        "ci/strict.json",
        r#"{ "rules": { "json/duplicate-key": "error" } }"#,
    );
    let (doc, code) = p.json(&["app", "--config", "ci/strict.json"]);
    assert_eq!(code, 1);
    let s = severities(&doc);
    assert!(s.contains(&pair("json/duplicate-key", "error")), "{s:?}");
    assert!(
        s.contains(&pair("chat-tools/too-many", "error")),
        "--config replaces the found file: {s:?}"
    );
}

#[test]
fn command_line_overrides_config() {
    let p = project();
    p.file(
        "chattools-lint.json",
        r#"{ "rules": { "chat-tools/too-many": "off", "json/duplicate-key": "error" } }"#,
    );
    let (doc, code) = p.json(&[
        "app",
        "--warn",
        "chat-tools/too-many",
        "--allow",
        "json/duplicate-key",
    ]);
    assert_eq!(code, 0);
    assert_eq!(severities(&doc), [pair("chat-tools/too-many", "warning")]);
    // --deny beats --warn and --allow for the same rule.
    let (doc, code) = p.json(&[
        "app",
        "--allow",
        "json/duplicate-key",
        "--deny",
        "json/duplicate-key",
        "--warn",
        "json/duplicate-key",
    ]);
    assert_eq!(code, 1);
    assert!(severities(&doc).contains(&pair("json/duplicate-key", "error")));
}

#[test]
fn unknown_rule_on_the_command_line() {
    let p = project();
    let out = p.run(&["app", "--deny", "chat-tools/too-mani"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--deny: no rule `chat-tools/too-mani`; did you mean `chat-tools/too-many`?"),
        "{err}"
    );
}

#[test]
fn ignore_drops_diagnostics_of_matching_files() {
    let p = project();
    p.file("chattools-lint.json", r#"{ "ignore": ["app/app.json"] }"#);
    let (doc, code) = p.json(&["app"]);
    assert_eq!(code, 0);
    assert!(rule_ids(&doc).is_empty(), "{doc}");
    p.file("chattools-lint.json", r#"{ "ignore": ["other/app.json"] }"#);
    let (doc, _) = p.json(&["app"]);
    assert_eq!(rule_ids(&doc).len(), 2);
}

/// Lint with a broken config; returns stderr (English, no colour) after checking exit code 2
/// and that nothing went to stdout.
fn broken(config: &str) -> String {
    let p = project();
    p.file("chattools-lint.json", config);
    let out = bin()
        .current_dir(p.path())
        .args(["app", "--lang", "en", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{config}");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn broken_config_syntax() {
    let err = broken("{\n  \"rules\": {\n    \"json/syntax\": \"off\",\n  }\n}\n");
    assert!(err.contains("trailing comma"), "{err}");
    assert!(err.contains("chattools-lint.json:3:25"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn broken_config_unknown_rule_suggests_closest() {
    let err = broken("{\n  \"rules\": { \"chat-tools/too-mny\": \"error\" }\n}\n");
    assert!(err.contains("no rule `chat-tools/too-mny`"), "{err}");
    assert!(err.contains("did you mean `chat-tools/too-many`?"), "{err}");
    assert!(err.contains("chattools-lint.json:2:14"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn broken_config_bad_severity() {
    let err = broken("{ \"rules\": { \"json/syntax\": \"warn\", \"json/duplicate-key\": [\"error\", {}, 3], \"chat-tools/too-many\": true } }");
    assert!(err.contains("unknown severity `warn`"), "{err}");
    assert!(err.contains("did you mean `warning`?"), "{err}");
    assert!(
        err.contains("expected `[severity]` or `[severity, {options}]`"),
        "{err}"
    );
    assert!(err.contains("found a boolean"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn broken_config_unknown_keys_and_options() {
    let err = broken(
        "{ \"rule\": {}, \"ignore\": \"dist\", \"rules\": { \"json/syntax\": [\"error\", { \"x\": 1 }] } }",
    );
    assert!(err.contains("unknown key `rule`"), "{err}");
    assert!(err.contains("did you mean `rules`?"), "{err}");
    assert!(
        err.contains("expected an array of paths or globs, found a string"),
        "{err}"
    );
    assert!(err.contains("unknown option `x` of `json/syntax`"), "{err}");
    assert!(err.contains("`json/syntax` takes no options"), "{err}");
}

#[test]
fn broken_config_in_chinese() {
    let p = project();
    p.file(
        "chattools-lint.json",
        r#"{ "rules": { "json/syntax": "warn" } }"#,
    );
    let out = bin()
        .current_dir(p.path())
        .args(["app", "--lang", "zh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("未知的级别 `warn`"), "{err}");
    assert!(err.contains("你是不是想写 `warning`？"), "{err}");
}

#[test]
fn missing_explicit_config() {
    let p = project();
    let out = p.run(&["app", "--config", "nope.json", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read the configuration file `nope.json`"),
        "{err}"
    );
}

// --- the schema ---

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/chattools-lint.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The committed schema is the one generated from the rule declarations
/// (`UPDATE_DOCS=1 cargo test --test config` rewrites it).
#[test]
fn schema_is_generated_from_the_rules() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/chattools-lint.schema.json");
    let generated =
        serde_json::to_string_pretty(&chattools_lint::config::json_schema()).unwrap() + "\n";
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == generated,
        "schemas/chattools-lint.schema.json is stale: run `UPDATE_DOCS=1 cargo test --test config`"
    );
    let props = schema()["properties"]["rules"]["properties"].clone();
    for rule in chattools_lint::rules::RULES {
        assert!(
            props.get(rule.id).is_some(),
            "schema lacks rule {}",
            rule.id
        );
    }
}

#[test]
fn schema_accepts_examples_and_rejects_mistakes() {
    let validator = jsonschema::draft7::new(&schema()).expect("a valid draft-07 schema");
    let good = [
        r#"{ "$schema": "./schemas/chattools-lint.schema.json", "rules": { "chat-tools/skyline-ab-test": "off", "chat-tools/desc": ["error", { "words": ["最好"] }], "chat-tools/package-size": ["warning", { "limit": 512000, "warnRatio": 0.9 }] }, "ignore": ["dist", "packageChatTool/vendor/**"] }"#,
        r#"{ "rules": { "json/duplicate-key": ["info"] } }"#,
        "{}",
    ];
    for g in good {
        let v: Value = serde_json::from_str(g).unwrap();
        assert!(validator.is_valid(&v), "{g}");
    }
    let bad = [
        r#"{ "rules": { "json/syntax": "warn" } }"#,
        r#"{ "rules": { "chat-tools/too-mny": "off" } }"#,
        r#"{ "rules": { "chat-tools/package-size": ["warning", { "warnRatio": 1.5 }] } }"#,
        r#"{ "rules": { "json/syntax": ["error", { "x": 1 }] } }"#,
        r#"{ "ignores": [] }"#,
    ];
    for b in bad {
        let v: Value = serde_json::from_str(b).unwrap();
        assert!(!validator.is_valid(&v), "{b}");
    }
    // The formats test project's configuration is valid too.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/projects/formats, 1 (中文)/chattools-lint.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    assert!(validator.is_valid(&v));
}
