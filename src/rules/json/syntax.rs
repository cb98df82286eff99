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
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    for d in super::each_file_read(ctx, findings) {
        ctx.report(d);
    }
}

fn findings(file: &JsonFile) -> Vec<Diagnostic> {
    file.issues
        .iter()
        .filter_map(|issue| match issue {
            ReadIssue::Syntax {
                span,
                message,
                help,
            } => {
                let d = Diagnostic::new(message.clone()).at(&file.source, span.clone());
                Some(match help {
                    Some(h) => d.help(h.clone()),
                    None => d,
                })
            }
            _ => None,
        })
        .collect()
}
