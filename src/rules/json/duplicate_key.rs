use crate::json::{JsonFile, ReadIssue};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "json/duplicate-key",
    default_severity: Severity::Warning,
    summary: (
        "A key appears twice in one JSON object; the last one wins",
        "同一个 JSON 对象中出现重复的键，以最后一个为准",
    ),
    docs: include_str!("duplicate_key.md"),
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
            ReadIssue::DuplicateKey {
                pointer,
                first,
                second,
                key,
            } => Some(
                Diagnostic::new(msg!(
                    "duplicate key `{key}`: the last one wins",
                    "重复的键 `{key}`：以最后一个为准"
                ))
                .at(&file.source, second.clone())
                .pointer(pointer.clone())
                .span_label(msg!("this value is used", "生效的是这里"))
                .label(
                    first.clone(),
                    Some(msg!("first defined here, ignored", "首次定义于此，被忽略")),
                )
                .help(msg!(
                    "remove one of the two `{key}` keys",
                    "删除两个 `{key}` 中的一个"
                )),
            ),
            _ => None,
        })
        .collect()
}
