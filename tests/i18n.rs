//! Every message of src/ says the same thing in both languages: the English and Chinese text of
//! each `msg!("…", "…")` (and `Msg::new(format!("…", …), format!("…", …))`) use the same
//! placeholders, and the Chinese is not the English copied.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literal at the start of `s` (after whitespace): its source text between the
/// quotes, and the rest of `s` after it. Plain and raw (`r"…"`, `r#"…"#`) literals.
fn literal(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start();
    if let Some(raw) = s.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        let close = format!("\"{}", "#".repeat(hashes));
        let end = body.find(&close)?;
        return Some((&body[..end], &body[end + close.len()..]));
    }
    let body = s.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some((&body[..i], &body[i + 1..])),
            _ => {}
        }
    }
    None
}

/// The rest of `s` after the `)` that closes an already opened `(`, skipping string literals.
fn after_close(s: &str) -> Option<&str> {
    let mut depth = 1;
    let mut rest = s;
    loop {
        let i = rest.find(['(', ')', '"'])?;
        match rest.as_bytes()[i] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&rest[i + 1..]);
                }
            }
            _ => {
                let raw = rest[..i].ends_with('r') || rest[..i].ends_with("r#");
                let start = if raw {
                    rest[..i].rfind('r').unwrap()
                } else {
                    i
                };
                rest = literal(&rest[start..])?.1;
                continue;
            }
        }
        rest = &rest[i + 1..];
    }
}

/// The placeholders of a format string: names (a `_en` / `_zh` suffix removed, so `{noun_en}`
/// matches `{noun_zh}`) and the number of positional `{}`.
fn placeholders(text: &str) -> (BTreeSet<String>, usize) {
    let (mut names, mut positional) = (BTreeSet::new(), 0);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().is_some_and(|&(_, n)| n == '{') => {
                chars.next();
            }
            '{' => {
                let Some(end) = text[i..].find('}') else {
                    break;
                };
                let inner = &text[i + 1..i + end];
                let name = inner.split(':').next().unwrap();
                if name.is_empty() {
                    positional += 1;
                } else {
                    let name = name
                        .strip_suffix("_en")
                        .or_else(|| name.strip_suffix("_zh"))
                        .unwrap_or(name);
                    names.insert(name.to_string());
                }
                while chars.peek().is_some_and(|&(j, _)| j <= i + end) {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    (names, positional)
}

/// The (English, Chinese) literal pairs of a source file, with their line numbers.
fn pairs(src: &str) -> Vec<(usize, String, String)> {
    let line = |rest: &str| src[..src.len() - rest.len()].lines().count();
    let mut out = Vec::new();
    for (at, _) in src.match_indices("msg!(") {
        let rest = &src[at + 5..];
        let Some((en, rest)) = literal(rest) else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix(',') else {
            continue;
        };
        if let Some((zh, _)) = literal(rest) {
            out.push((line(rest), en.to_string(), zh.to_string()));
        }
    }
    for (at, _) in src.match_indices("Msg::new(") {
        let rest = src[at + 9..].trim_start();
        let Some(rest) = rest.strip_prefix("format!(") else {
            continue;
        };
        let Some((en, rest)) = literal(rest) else {
            continue;
        };
        let Some(rest) = after_close(rest) else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix(',') else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix("format!(") else {
            continue;
        };
        if let Some((zh, _)) = literal(rest) {
            out.push((line(rest), en.to_string(), zh.to_string()));
        }
    }
    out
}

#[test]
fn english_and_chinese_messages_use_the_same_placeholders() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    let (mut checked, mut bad) = (0, Vec::new());
    for file in &files {
        let src = std::fs::read_to_string(file).unwrap();
        for (line, en, zh) in pairs(&src) {
            checked += 1;
            let at = format!("{}:{line}", file.display());
            if placeholders(&en) != placeholders(&zh) {
                bad.push(format!("{at}: placeholders differ: {en:?} / {zh:?}"));
            }
            // Words outside code spans and placeholders: the Chinese must not repeat them all.
            let words = |s: &str| {
                s.split('`')
                    .step_by(2)
                    .flat_map(|part| part.split(['{', '}']).step_by(2))
                    .flat_map(|part| part.split(|c: char| !c.is_ascii_alphabetic()))
                    .filter(|w| w.len() > 2)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            if !words(&en).is_empty() && words(&en) == words(&zh) {
                bad.push(format!("{at}: the Chinese repeats the English: {zh:?}"));
            }
        }
    }
    assert!(
        checked > 300,
        "only {checked} messages found: the scan is broken"
    );
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_scan_sees_mismatches() {
    let src = r#"
        let a = msg!("found {got}", "发现 {got}");
        let b = msg!("expected {want_en}, found {}", "应为{want_zh}，实际是{}", x);
        let c = msg!(
            "missing {key}",
            "缺少 {name}"
        );
        let d = Msg::new(format!("`{key}` must be {}", want.en), format!("`{key}` 应为{}", want.zh));
        let e = Msg::new(format!("{a} ({})", f(")")), format!("{a}"));
    "#;
    let got: Vec<bool> = pairs(src)
        .iter()
        .map(|(_, en, zh)| placeholders(en) == placeholders(zh))
        .collect();
    assert_eq!(got, [true, true, false, true, false]);
    assert_eq!(
        placeholders("{{not}} {x:>5} {} {y_en}"),
        (["x".to_string(), "y".to_string()].into(), 1)
    );
}

mod common;

/// The human output in Chinese of linting `dir`.
fn chinese_output(dir: &Path) -> String {
    let out = common::bin()
        .arg(dir)
        .args(["--lang", "zh"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn json_syntax_errors_are_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (r#"{"pages": ["a" "b"]}"#, "这里缺少逗号", "Expected comma"),
        (
            r#"{"pages": ["a"]]"#,
            "对象中有无法识别的内容",
            "Unexpected token",
        ),
        (
            r#"{"pages": "a\q"}"#,
            "字符串中有无效的转义",
            "Invalid escape",
        ),
        (r#"{"pages": ["a"]"#, "对象没有闭合", "Unterminated object"),
    ];
    for (text, zh, en) in cases {
        std::fs::write(dir.path().join("app.json"), text).unwrap();
        let out = chinese_output(dir.path());
        assert!(
            out.contains(&format!("不是合法的 JSON：{zh}")),
            "{text}: {out}"
        );
        assert!(
            !out.contains(en),
            "{text}: English in the Chinese output: {out}"
        );
    }
}

#[test]
fn script_syntax_errors_get_a_chinese_lead_in() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/code/syntax/invalid/unclosed-array");
    let out = chinese_output(&fixture);
    assert!(out.contains("此文件无法解析："), "{out}");
}
