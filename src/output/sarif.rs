//! `--format sarif`: SARIF 2.1.0 (one run), for GitHub code scanning and other SARIF viewers.
//!
//! - `tool.driver.rules` lists every rule: id, name, short description, docs url (`helpUri`)
//!   and default level; a result's `level` is its configured severity (error → `error`,
//!   warning → `warning`, info → `note`).
//! - Regions are 1-based lines and columns; columns count Unicode code points
//!   (`run.columnKind` = `unicodeCodePoints`); `endColumn` is the column just after the region,
//!   as SARIF defines it.
//! - File locations relative to the working directory are relative URIs with
//!   `uriBaseId: "%SRCROOT%"` (the working directory, given in `originalUriBaseIds`); others
//!   are absolute `file://` URIs. Both are percent-encoded.
//! - A diagnostic's secondary labels become `relatedLocations`; its JSON pointer and help are
//!   in `properties`.

use serde_json::{json, Map, Value};

use super::{Report, Style};
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::i18n::Lang;
use crate::rules::RULES;

const SRCROOT: &str = "%SRCROOT%";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Off => "none",
    }
}

pub fn render(report: &Report, style: Style) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let summary = r.summary(style.lang);
            json!({
                "id": r.id,
                "name": pascal_name(r.id),
                "shortDescription": { "text": summary },
                "fullDescription": { "text": summary },
                "helpUri": r.url(),
                "help": { "text": format!("{summary}\n{}", r.url()) },
                "defaultConfiguration": { "level": level(r.default_severity) },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| result(d, style.lang))
        .collect();
    let mut run = Map::new();
    // Built values are moved in, not put through `json!` (which would copy them, the whole rule
    // catalogue each time).
    let mut tool = json!({
        "driver": {
            "name": "chattools-lint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": env!("CARGO_PKG_REPOSITORY"),
        }
    });
    tool["driver"]["rules"] = Value::Array(rules);
    run.insert("tool".into(), tool);
    if let Some(root) = cwd_uri() {
        run.insert(
            "originalUriBaseIds".into(),
            json!({ SRCROOT: { "uri": root } }),
        );
    }
    run.insert("columnKind".into(), json!("unicodeCodePoints"));
    // A run that could not lint something is not a successful execution.
    let notifications: Vec<Value> = report
        .failures
        .iter()
        .map(|f| {
            let mut n = json!({
                "level": "error",
                "message": { "text": f.message.get(style.lang) },
                "descriptor": { "id": f.kind },
            });
            if let Some(path) = &f.path {
                let uri = if std::path::Path::new(path).is_absolute() {
                    json!({ "uri": file_uri(path) })
                } else {
                    json!({ "uri": encode_path(path), "uriBaseId": SRCROOT })
                };
                n["locations"] = json!([{ "physicalLocation": { "artifactLocation": uri } }]);
            }
            n
        })
        .collect();
    run.insert(
        "invocations".into(),
        json!([{
            "executionSuccessful": report.failures.is_empty(),
            "toolExecutionNotifications": notifications,
        }]),
    );
    run.insert("results".into(), Value::Array(results));
    let mut doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
    });
    doc["runs"] = Value::Array(vec![Value::Object(run)]);
    let mut out = serde_json::to_string_pretty(&doc).expect("plain values");
    out.push('\n');
    out
}

fn result(d: &Diagnostic, lang: Lang) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(d.rule));
    if let Some(i) = RULES.iter().position(|rule| rule.id == d.rule) {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(d.severity)));
    r.insert("message".into(), json!({ "text": d.message.get(lang) }));
    if let Some(file) = &d.file {
        let mut physical = Map::new();
        physical.insert("artifactLocation".into(), artifact(file));
        if let Some(span) = &d.span {
            physical.insert("region".into(), region(file, span.clone()));
        }
        r.insert(
            "locations".into(),
            json!([{ "physicalLocation": Value::Object(physical) }]),
        );
        let related: Vec<Value> = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut loc = json!({
                    "id": i + 1,
                    "physicalLocation": {
                        "artifactLocation": artifact(file),
                        "region": region(file, l.span.clone()),
                    },
                });
                if let Some(t) = &l.text {
                    loc["message"] = json!({ "text": t.get(lang) });
                }
                loc
            })
            .collect();
        if !related.is_empty() {
            r.insert("relatedLocations".into(), Value::Array(related));
        }
    }
    let mut props = Map::new();
    if let Some(p) = &d.pointer {
        props.insert("jsonPointer".into(), json!(p));
    }
    if let Some(h) = &d.help {
        props.insert("help".into(), json!(h.get(lang)));
    }
    if !props.is_empty() {
        r.insert("properties".into(), Value::Object(props));
    }
    Value::Object(r)
}

fn region(file: &SourceFile, span: std::ops::Range<usize>) -> Value {
    let (l, c) = file.line_col(span.start);
    let (el, ec) = file.line_col(span.end);
    json!({
        "startLine": l,
        "startColumn": c,
        "endLine": el,
        "endColumn": ec,
    })
}

fn artifact(file: &SourceFile) -> Value {
    let shown = std::path::Path::new(&file.display);
    if shown.is_absolute() {
        json!({ "uri": file_uri(&file.display) })
    } else {
        json!({ "uri": encode_path(&file.display), "uriBaseId": SRCROOT })
    }
}

/// The working directory as a `file://` URI ending in `/`.
fn cwd_uri() -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let mut s = crate::paths::slashed(&cwd);
    if !s.ends_with('/') {
        s.push('/');
    }
    Some(file_uri(&s))
}

/// `/a b/c` → `file:///a%20b/c`; `C:/x` → `file:///C:/x`; `//srv/share/x` (UNC) →
/// `file://srv/share/x`; a verbatim `\\?\C:\x` as `C:/x`.
fn file_uri(path: &str) -> String {
    let path = crate::paths::strip_verbatim(path).replace('\\', "/");
    if let Some(unc) = path.strip_prefix("//") {
        // The server is the URI's authority.
        return format!("file://{}", encode_path(unc));
    }
    let (prefix, rest) = match path.strip_prefix('/') {
        Some(rest) => ("file:///", rest.to_string()),
        None => ("file:///", path.clone()),
    };
    // Keep a Windows drive letter's colon.
    let (drive, rest) = match rest.as_bytes() {
        [l, b':', ..] if l.is_ascii_alphabetic() => (rest[..2].to_string(), rest[2..].to_string()),
        _ => (String::new(), rest),
    };
    format!("{prefix}{drive}{}", encode_path(&rest))
}

/// Percent-encode a path for a URI: keep unreserved characters, `/` and a few sub-delimiters;
/// encode everything else (spaces, `%`, `:`, non-ASCII as UTF-8 bytes).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b'@' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `chat-tools/too-many` → `ChatToolsTooMany` (SARIF's friendly rule name).
fn pascal_name(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_uris() {
        assert_eq!(
            encode_path("a b/小程序/app.json"),
            "a%20b/%E5%B0%8F%E7%A8%8B%E5%BA%8F/app.json"
        );
        assert_eq!(encode_path("x%y:z#q?"), "x%25y%3Az%23q%3F");
        assert_eq!(file_uri("/tmp/a b/"), "file:///tmp/a%20b/");
        assert_eq!(file_uri("C:/p/app.json"), "file:///C:/p/app.json");
        assert_eq!(file_uri(r"C:\p\app.json"), "file:///C:/p/app.json");
        assert_eq!(file_uri(r"\\?\C:\p\app.json"), "file:///C:/p/app.json");
        assert_eq!(file_uri("//srv/share/a b"), "file://srv/share/a%20b");
        assert_eq!(file_uri(r"\\?\UNC\srv\share\a"), "file://srv/share/a");
        assert_eq!(pascal_name("chat-tools/too-many"), "ChatToolsTooMany");
    }
}
