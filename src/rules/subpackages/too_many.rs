use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "subpackages/too-many",
    default_severity: Severity::Error,
    summary: ("More than 100 subpackages", "分包数量超过 100 个"),
    docs: include_str!("too_many.md"),
    check,
    ..Rule::DEFAULT
};

/// WeChat's `MaxSubPackageLimit`.
pub const LIMIT: usize = 100;

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    let Some(key) = ctx.model().subpackages_key else {
        return;
    };
    let list_pointer = format!("/{key}");
    let Some(n) = app
        .get(&list_pointer)
        .and_then(|v| v.as_array())
        .map(Vec::len)
    else {
        return; // schema/type
    };
    if n <= LIMIT {
        return;
    }
    let first_extra = format!("{list_pointer}/{LIMIT}");
    let d = Diagnostic::new(msg!(
        "{n} subpackages are declared; WeChat allows at most {LIMIT}",
        "声明了 {n} 个分包，微信最多允许 {LIMIT} 个"
    ))
    .at(&app.source, app.value_span(&first_extra))
    .pointer(first_extra)
    .span_label(msg!("subpackage number {}", "第 {} 个分包", LIMIT + 1))
    .label(
        app.key_span(&list_pointer),
        Some(msg!("{n} subpackages here", "这里有 {n} 个分包")),
    )
    .help(msg!(
        "merge small subpackages until there are at most {LIMIT}; WeChat rejects the project with `[\"{key}\"] 超过限制 {LIMIT}`",
        "请合并较小的分包，使总数不超过 {LIMIT} 个；否则微信会报错 `[\"{key}\"] 超过限制 {LIMIT}`"
    ));
    ctx.report(d);
}
