use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "json/syntax",
    default_severity: Severity::Error,
    summary: (
        "A JSON file is not strict JSON (trailing comma, comment, BOM, truncated…)",
        "JSON 文件不是严格的 JSON（多余逗号、注释、BOM、被截断等）",
    ),
    docs: include_str!("syntax.md"),
    check: crate::rules::reported_elsewhere,
};
