use crate::json::{JsonFile, ReadIssue};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "json/syntax",
    default_severity: Severity::Error,
    summary: (
        "A JSON file is not strict JSON (trailing comma, comment, BOM, truncated…)",
        "JSON 文件不是严格的 JSON（多余逗号、注释、BOM、被截断等）",
    ),
    docs: include_str!("syntax.md"),
    docs_zh: include_str!("syntax.zh.md"),
    check,
    fixable: true,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    for d in super::each_file_read(ctx, findings) {
        ctx.report(d);
    }
    // Files that exist but could not be read at all.
    for (path, why) in ctx.facts.unreadable_json() {
        let file = std::sync::Arc::new(crate::diagnostic::SourceFile::new(path, String::new()));
        let shown = file.display.clone();
        let d = Diagnostic::new(why).in_file(&file).help(msg!(
            "`{shown}` must be a readable JSON file of at most 2 MiB",
            "`{shown}` 必须是可读取的 JSON 文件，且不超过 2 MiB"
        ));
        ctx.report(d);
    }
}

fn findings(file: &JsonFile) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = file
        .issues
        .iter()
        .filter_map(|issue| match issue {
            ReadIssue::Syntax {
                span,
                message,
                help,
            } => {
                let mut d = Diagnostic::new(message.clone()).at(&file.source, span.clone());
                if let Some(h) = help {
                    d = d.help(h.clone());
                }
                if is_trailing_comma(file, span) {
                    d = d.fix(remove_commas(file, std::slice::from_ref(span)));
                }
                Some(d)
            }
            _ => None,
        })
        .collect();
    // Past the reporting cap, the last reported trailing comma's fix removes the rest too, so
    // one `--fix` cleans the whole file.
    let reported = out.iter().filter(|d| d.fix.is_some()).count();
    let all: Vec<_> = file
        .trailing_commas
        .iter()
        .filter(|s| is_trailing_comma(file, s))
        .cloned()
        .collect();
    if reported > 0 && all.len() > reported {
        if let Some(last) = out.iter_mut().rev().find(|d| d.fix.is_some()) {
            last.fix = Some(remove_commas(file, &all[reported - 1..]));
        }
    }
    out
}

fn is_trailing_comma(file: &JsonFile, span: &std::ops::Range<usize>) -> bool {
    file.trailing_commas.contains(span) && file.source.text.get(span.clone()) == Some(",")
}

fn remove_commas(file: &JsonFile, spans: &[std::ops::Range<usize>]) -> Fix {
    Fix {
        title: msg!("removed a trailing comma", "删除了多余的逗号"),
        edits: spans
            .iter()
            .map(|s| crate::diagnostic::FileEdit {
                path: file.source.path.clone(),
                range: s.clone(),
                replacement: String::new(),
            })
            .collect(),
    }
}
