use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "schema/type",
    default_severity: Severity::Error,
    summary: (
        "A field of app.json has the wrong type (e.g. `chatTools` not an array)",
        "app.json 字段类型错误（例如 `chatTools` 不是数组）",
    ),
    docs: include_str!("type.md"),
    check: |ctx| super::check(ctx, super::Kind::Type),
    ..Rule::DEFAULT
};
