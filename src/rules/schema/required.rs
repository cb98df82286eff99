use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "schema/required",
    default_severity: Severity::Error,
    summary: (
        "A chatTools or subpackage item lacks a required key",
        "chatTools 或分包配置项缺少必填字段",
    ),
    docs: include_str!("required.md"),
    check: |ctx| super::check(ctx, super::Kind::Required),
    ..Rule::DEFAULT
};
