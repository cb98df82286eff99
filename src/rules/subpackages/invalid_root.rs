use super::{root_problem, wechat_list};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "subpackages/invalid-root",
    default_severity: Severity::Error,
    summary: (
        "A subpackage root is empty, absolute, starts with `.`, goes up with `..`, or is `__APP__`",
        "分包 root 为空、以 `/` 或 `.` 开头、包含 `..`，或为 `__APP__`",
    ),
    docs: include_str!("invalid_root.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    let model = ctx.model();
    let list = wechat_list(model);
    let key = model.subpackages_key.unwrap_or("subPackages");
    for sub in &model.subpackages {
        let i = sub.index;
        if let Some(root) = sub.root.as_deref() {
            if let Some((what, fix)) = root_problem(root) {
                let pointer = format!("{}/root", sub.pointer);
                let d = Diagnostic::new(Msg::new(
                    format!("the root of `{key}[{i}]` {}: `{root}`", what.en),
                    format!("`{key}[{i}]` 的 root {}：`{root}`", what.zh),
                ))
                .at(&app.source, app.value_span(&pointer))
                .pointer(pointer)
                .span_label(msg!("not a valid subpackage root", "不是合法的分包根目录"))
                .help(fix);
                ctx.report(d);
            }
        }
        if sub.name.as_deref() == Some("__APP__") {
            let pointer = format!("{}/name", sub.pointer);
            let d = Diagnostic::new(msg!(
                "the name of `{key}[{i}]` is `__APP__`, WeChat's reserved name for the main package",
                "`{key}[{i}]` 的 name 是 `__APP__`，这是微信为主包保留的名字"
            ))
            .at(&app.source, app.value_span(&pointer))
            .pointer(pointer)
            .span_label(msg!("reserved name", "保留名字"))
            .help(msg!(
                "choose another name (WeChat: `{list}[{i}][\"name\"] 不能为 __APP__`)",
                "请换一个名字（微信：`{list}[{i}][\"name\"] 不能为 __APP__`）"
            ));
            ctx.report(d);
        }
    }
}
