use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "schema/enum",
    default_severity: Severity::Error,
    summary: (
        "A field has a value outside its allowed set (renderer, componentFramework, lazyCodeLoading…)",
        "字段取值不在允许范围内（renderer、componentFramework、lazyCodeLoading 等）",
    ),
    docs: include_str!("enum.md"),
    check: |ctx| super::check(ctx, super::Kind::Enum),
    fixable: true,
    ..Rule::DEFAULT
};
