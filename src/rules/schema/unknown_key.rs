use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "schema/unknown-key",
    default_severity: Severity::Warning,
    summary: (
        "A key WeChat does not know inside a chatTools or subpackage item",
        "chatTools 或分包配置项中有微信不认识的字段",
    ),
    docs: include_str!("unknown_key.md"),
    check: |ctx| super::check(ctx, super::Kind::UnknownKey),
    ..Rule::DEFAULT
};
