use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "subpackages/both-spellings",
    default_severity: Severity::Error,
    summary: (
        "Both `subPackages` and `subpackages`: WeChat silently drops `subPackages`",
        "同时存在 `subPackages` 和 `subpackages`：微信会静默丢弃 `subPackages`",
    ),
    docs: include_str!("both_spellings.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    if app.get("/subPackages").is_none() || app.get("/subpackages").is_none() {
        return;
    }
    let dropped = app
        .get("/subPackages")
        .and_then(|v| v.as_array())
        .map_or(0, Vec::len);
    let d = Diagnostic::new(msg!(
        "both `subPackages` and `subpackages` are present: WeChat keeps `subpackages` and ignores `subPackages`",
        "同时存在 `subPackages` 和 `subpackages`：微信只保留 `subpackages`，`subPackages` 会被忽略"
    ))
    .at(&app.source, app.key_span("/subPackages"))
    .pointer("/subPackages")
    .span_label(if dropped == 0 {
        msg!("silently dropped", "被静默丢弃")
    } else {
        msg!(
            "silently dropped, with its {dropped} subpackage(s)",
            "连同其中 {dropped} 个分包被静默丢弃"
        )
    })
    .label(
        app.key_span("/subpackages"),
        Some(msg!("only this list is used", "只有这个列表生效")),
    )
    .help(msg!(
        "move every entry into one of the two keys and delete the other; the subpackages under `subPackages` are neither checked nor built",
        "请把所有分包合并到其中一个字段并删除另一个；`subPackages` 中的分包既不会被校验，也不会被编译"
    ));
    ctx.report(d);
}
