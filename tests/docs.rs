//! Rule documentation is complete, its examples are tests, and docs/rules/ is generated from it.

mod common;

use std::path::Path;

use chattools_lint::rules::RULES;
use common::{json_in, layout_example, rule_ids};

fn section<'a>(docs: &'a str, title: &str) -> Option<&'a str> {
    let start = docs.find(&format!("## {title}\n"))? + title.len() + 4;
    let rest = &docs[start..];
    Some(rest.find("\n## ").map_or(rest, |end| &rest[..end]))
}

#[test]
fn every_rule_has_complete_docs() {
    for rule in RULES {
        for title in ["What it checks", "Why", "Invalid", "Valid"] {
            let s = section(rule.docs, title);
            assert!(
                s.is_some_and(|s| !s.trim().is_empty()),
                "{}: docs lack a `## {title}` section",
                rule.id
            );
        }
        assert!(
            !rule.summary.0.is_empty() && !rule.summary.1.is_empty(),
            "{}",
            rule.id
        );
    }
}

/// The fenced code blocks of a text, in order, fences included.
fn code_blocks(docs: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut rest = docs;
    while let Some(start) = rest.find("```") {
        let after = &rest[start + 3..];
        let Some(end) = after.find("\n```") else {
            break;
        };
        let end = start + 3 + end + 4;
        blocks.push(&rest[start..end]);
        rest = &rest[end..];
    }
    blocks
}

/// The inline code spans of the prose (fenced blocks and the generated API table left out),
/// whitespace normalised: `x`, ``a `b` c``.
fn code_spans(docs: &str) -> std::collections::BTreeSet<String> {
    let mut prose = String::new();
    let mut in_block = false;
    for line in docs.lines() {
        if line.starts_with("```") {
            in_block = !in_block;
        } else if !in_block && !line.starts_with('|') {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    let mut spans = std::collections::BTreeSet::new();
    let mut rest = prose.as_str();
    while let Some(start) = rest.find('`') {
        let ticks = rest[start..].len() - rest[start..].trim_start_matches('`').len();
        let fence = "`".repeat(ticks);
        let body = &rest[start + ticks..];
        let Some(end) = body.find(&fence) else {
            break;
        };
        spans.insert(body[..end].split_whitespace().collect::<Vec<_>>().join(" "));
        rest = &body[end + ticks..];
    }
    spans
}

#[test]
fn every_rule_has_chinese_docs_with_the_same_examples() {
    for rule in RULES {
        let zh = rule.docs_zh;
        for title in ["检查内容", "原因", "错误示例", "正确示例"] {
            let s = section(zh, title);
            assert!(
                s.is_some_and(|s| !s.trim().is_empty()),
                "{}: the Chinese docs lack a `## {title}` section",
                rule.id
            );
        }
        for (en, zh_title) in [("Invalid", "错误示例"), ("Valid", "正确示例")] {
            assert_eq!(
                code_blocks(section(rule.docs, en).unwrap()),
                code_blocks(section(zh, zh_title).unwrap()),
                "{}: the `## {zh_title}` code blocks differ from `## {en}`",
                rule.id
            );
        }
        assert!(code_blocks(rule.docs).len() >= 2, "{}", rule.id);
        assert_eq!(
            code_blocks(rule.docs),
            code_blocks(zh),
            "{}: the Chinese docs' code blocks differ from the English",
            rule.id
        );
        // Written in Chinese, not the English copied.
        let prose = section(zh, "检查内容").unwrap();
        assert!(
            prose
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}: `## 检查内容` has no Chinese",
            rule.id
        );
        assert!(!zh.contains("## What it checks"), "{}", rule.id);
        // Keys, APIs, rule ids and WeChat's messages quoted in the English are in the Chinese
        // too: a sentence added to the English and not translated shows here.
        let (en_spans, zh_spans) = (code_spans(rule.docs), code_spans(zh));
        let missing: Vec<_> = en_spans.difference(&zh_spans).collect();
        assert!(
            missing.is_empty(),
            "{}: the Chinese docs lack {missing:?} of the English",
            rule.id
        );
    }
}

#[test]
fn documented_examples_raise_their_rule() {
    for rule in RULES {
        for (title, must_raise) in [("Invalid", true), ("Valid", false)] {
            let example = section(rule.docs, title).unwrap();
            let dir = tempfile::tempdir().unwrap();
            layout_example(dir.path(), example);
            let (doc, _) = json_in(dir.path(), &[]);
            let ids = rule_ids(&doc);
            assert_eq!(
                ids.iter().any(|id| id == rule.id),
                must_raise,
                "{}: the {title} example {} raise it; got {ids:?}",
                rule.id,
                if must_raise { "does not" } else { "does" }
            );
        }
    }
}

fn rendered_page(rule: &chattools_lint::rules::Rule) -> String {
    format!(
        "<!-- generated from src/rules by `UPDATE_DOCS=1 cargo test --test docs`; do not edit -->\n\
         # `{}`\n\n{}\n\n{}\n\nDefault severity: **{}**{}\n\n[中文]({}.zh.md)\n\n{}",
        rule.id,
        rule.summary.0,
        rule.summary.1,
        rule.default_severity.as_str(),
        if rule.fixable {
            " · Fixable: `--fix` applies the fix where there is one safe answer (也可用 `--fix` 自动修复)"
        } else {
            ""
        },
        rule.id.rsplit('/').next().unwrap(),
        rule.docs.trim_start()
    )
}

fn rendered_page_zh(rule: &chattools_lint::rules::Rule) -> String {
    format!(
        "<!-- generated from src/rules by `UPDATE_DOCS=1 cargo test --test docs`; do not edit -->\n\
         # `{}`\n\n{}\n\n默认级别：**{}**{}\n\n[English]({}.md)\n\n{}",
        rule.id,
        rule.summary.1,
        rule.default_severity.as_str(),
        if rule.fixable {
            " · 可自动修复：有唯一安全改法时 `--fix` 会修复"
        } else {
            ""
        },
        rule.id.rsplit('/').next().unwrap(),
        rule.docs_zh.trim_start()
    )
}

fn rendered_index() -> String {
    let mut s = String::from(
        "<!-- generated from src/rules by `UPDATE_DOCS=1 cargo test --test docs`; do not edit -->\n\
         # Rules\n\n| id | default | fix | what it checks |\n|---|---|---|---|\n",
    );
    for r in RULES {
        s.push_str(&format!(
            "| [`{}`]({}.md) | {} | {} | {} |\n",
            r.id,
            r.id,
            r.default_severity.as_str(),
            if r.fixable { "🔧" } else { "" },
            r.summary.0
        ));
    }
    s
}

/// The rule table between the README's `rules:start` and `rules:end` markers.
fn rendered_readme(readme: &str) -> String {
    let start = readme
        .find("<!-- rules:start")
        .expect("README rules:start marker");
    let start = start + readme[start..].find('\n').unwrap() + 1;
    let end = readme
        .find("<!-- rules:end -->")
        .expect("README rules:end marker");
    let mut table = String::from("| id | default | fix | what it checks |\n|---|---|---|---|\n");
    for r in RULES {
        table.push_str(&format!(
            "| [`{}`](docs/rules/{}.md) | {} | {} | {} |\n",
            r.id,
            r.id,
            r.default_severity.as_str(),
            if r.fixable { "🔧" } else { "" },
            r.summary.0.replace('|', "\\|")
        ));
    }
    format!("{}{table}{}", &readme[..start], &readme[end..])
}

#[test]
fn generated_docs_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let mut pages = vec![
        (root.join("README.md"), rendered_index()),
        (
            readme.clone(),
            rendered_readme(&std::fs::read_to_string(&readme).unwrap()),
        ),
    ];
    for r in RULES {
        pages.push((root.join(format!("{}.md", r.id)), rendered_page(r)));
        pages.push((root.join(format!("{}.zh.md", r.id)), rendered_page_zh(r)));
    }
    for (path, want) in pages {
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "{} is out of date: run `UPDATE_DOCS=1 cargo test --test docs`",
            path.display()
        );
    }
}
