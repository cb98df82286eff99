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
         # `{}`\n\n{}\n\n{}\n\nDefault severity: **{}**{}\n\n{}",
        rule.id,
        rule.summary.0,
        rule.summary.1,
        rule.default_severity.as_str(),
        if rule.fixable {
            " · Fixable: `--fix` applies the fix where there is one safe answer (也可用 `--fix` 自动修复)"
        } else {
            ""
        },
        rule.docs.trim_start()
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
