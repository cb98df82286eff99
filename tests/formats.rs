//! Every output format, snapshotted on one project with diagnostics of four rules at three
//! levels (tests/projects/formats, 1 (中文): its chattools-lint.json turns one rule into a warning
//! and one into an info). The folder name needs escaping in GitHub properties and SARIF URIs,
//! and a diagnostic sits after Chinese text on its line (columns count characters).

mod common;

use std::path::{Path, PathBuf};

use common::bin;

const PROJECT: &str = "formats, 1 (中文)";

fn projects() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/projects")
}

fn run(format: &str, lang: &str) -> (String, i32) {
    let out = bin()
        .current_dir(projects())
        .args(["--format", format, "--lang", lang, PROJECT])
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn short() {
    let (out, code) = run("short", "en");
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 4, "one line per diagnostic");
    insta::assert_snapshot!(out);
}

#[test]
fn short_chinese() {
    let (out, code) = run("short", "zh");
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn github() {
    let (out, code) = run("github", "en");
    assert_eq!(code, 1);
    for line in out.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
        // The folder's comma is escaped in the property, the message's `%` in the data.
        assert!(
            line.contains("file=formats%2C 1 (中文)/app.json,line="),
            "{line}"
        );
    }
    assert!(out.contains("`packageChatTool,%25`"));
    insta::assert_snapshot!(out);
}

#[test]
fn junit() {
    let (out, code) = run("junit", "en");
    assert_eq!(code, 1);
    assert!(out.contains("<testsuites name=\"chattools-lint\" tests=\"4\" failures=\"2\""));
    insta::assert_snapshot!(out);
}

#[test]
fn sarif() {
    let (out, code) = run("sarif", "en");
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &doc["runs"][0];
    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let levels: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["error", "warning", "note", "error"]);
    // The working directory is the only machine-dependent part.
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        root.starts_with("file:///") && root.ends_with("/tests/projects/"),
        "{root}"
    );
    insta::assert_snapshot!(out.replace(&root, "file:///[CWD]/"));
}

#[test]
fn json_and_human_agree_on_count() {
    let (json, _) = run("json", "en");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 4);
    let (human, _) = run("human", "en");
    assert!(
        human.contains("Found 2 errors, 1 warning, 1 info in 1 project."),
        "{human}"
    );
}

#[test]
fn junit_clean_project_has_a_passing_case() {
    let p = common::Project::new();
    p.file("app.json", r#"{ "pages": ["pages/index/index"] }"#)
        .page("pages/index/index");
    let out = p.run(&["--format", "junit", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("tests=\"1\" failures=\"0\""), "{text}");
    assert!(text.contains("name=\"no problems found\""), "{text}");
    // Short and GitHub print nothing for a clean project.
    for format in ["short", "github"] {
        let out = p.run(&["--format", format]);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            out.stdout.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// Nothing could be linted (a folder without a mini program): exit 2, and every machine format
/// says so on stdout, not only stderr (a CI step reading stdout must not see a clean result).
#[test]
fn nothing_linted_is_a_failure_in_every_machine_format() {
    let dir = tempfile::tempdir().unwrap();
    let run = |format: &str| {
        let out = bin()
            .current_dir(dir.path())
            .args(["--format", format, "--lang", "en"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(
            !out.stderr.is_empty(),
            "{format}: the error is on stderr too"
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["errors"][0]["kind"], "project", "{json:#}");
    assert_eq!(json["errors"][0]["path"], ".");
    insta::assert_snapshot!(
        "failure_json",
        serde_json::to_string_pretty(&json["errors"]).unwrap()
    );
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    insta::assert_snapshot!(
        "failure_sarif_invocation",
        serde_json::to_string_pretty(invocation).unwrap()
    );
    let junit = run("junit");
    assert!(junit.contains("<error type=\"project\""), "{junit}");
    insta::assert_snapshot!("failure_junit", junit);
    let github = run("github");
    assert!(github.starts_with("::error "), "{github}");
    insta::assert_snapshot!("failure_github", github);
    let short = run("short");
    insta::assert_snapshot!("failure_short", short);
    // A bad command-line value is a failure of kind `arguments`.
    let out = bin()
        .current_dir(dir.path())
        .args(["--format", "json", "--deny", "chat-tools/nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["errors"][0]["kind"], "arguments");
}

/// A clean run has an empty `errors` array and a successful SARIF invocation.
#[test]
fn successful_run_has_no_failures() {
    let out = bin()
        .current_dir(projects())
        .args(["--format", "json", PROJECT])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["errors"], serde_json::json!([]));
    let out = bin()
        .current_dir(projects())
        .args(["--format", "sarif", PROJECT])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

/// The human header's `line:column` is the JSON format's: columns count characters, also after
/// Chinese text (miette alone counts bytes there).
#[test]
fn human_header_column_counts_characters() {
    let (json, _) = run("json", "en");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let (human, _) = run("human", "en");
    let mut after_chinese = 0;
    for d in doc["diagnostics"].as_array().unwrap() {
        let (Some(line), Some(col)) = (d["line"].as_u64(), d["column"].as_u64()) else {
            continue;
        };
        let file = d["file"].as_str().unwrap();
        let header = format!("{}:{line}:{col}]", file.rsplit('/').next().unwrap());
        assert!(human.contains(&header), "no `{header}` in:\n{human}");
        let text = std::fs::read_to_string(projects().join(file)).unwrap();
        let line_text = text.lines().nth(line as usize - 1).unwrap();
        let before: String = line_text.chars().take(col as usize - 1).collect();
        if before.len() != before.chars().count() {
            after_chinese += 1;
        }
    }
    assert!(after_chinese > 0, "no diagnostic after Chinese text");
}

/// Many diagnostics (rendered on every core) come out in the order the JSON format gives them.
#[test]
fn many_human_reports_keep_their_order() {
    let p = common::Project::new();
    let pages: Vec<String> = (0..40)
        .map(|i| format!("\"pages/p{i:02}/index\""))
        .collect();
    p.file(
        "app.json",
        format!(
            "{{\n  \"pages\": [\n    {}\n  ]\n}}\n",
            pages.join(",\n    ")
        ),
    );
    let (doc, _) = p.json(&[]);
    let expected: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| {
            Some(format!(
                "app.json:{}:{}]",
                d["line"].as_u64()?,
                d["column"].as_u64()?
            ))
        })
        .collect();
    assert!(expected.len() >= 40, "{doc}");
    let human = String::from_utf8(p.run(&[]).stdout).unwrap();
    let mut from = 0;
    for header in &expected {
        let at = human[from..]
            .find(header.as_str())
            .unwrap_or_else(|| panic!("`{header}` missing or out of order in:\n{human}"));
        from += at + header.len();
    }
}
