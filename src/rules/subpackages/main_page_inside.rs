use super::{checkable_root, wechat_list, with_slash};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "subpackages/main-page-inside",
    default_severity: Severity::Error,
    summary: (
        "A main-package page lies under a subpackage root",
        "主包页面位于某个分包的根目录之下",
    ),
    docs: include_str!("main_page_inside.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    let model = ctx.model();
    let list = wechat_list(model);
    for (k, page) in model.pages.iter().enumerate() {
        let path = page.path.trim_start_matches('/');
        let Some(sub) = model
            .subpackages
            .iter()
            .find(|s| checkable_root(s).is_some_and(|r| path.starts_with(&with_slash(r))))
        else {
            continue;
        };
        let i = sub.index;
        let root = sub.root_trimmed().unwrap_or_default();
        let rest = &path[root.len() + 1..];
        let raw = &page.path;
        let d = Diagnostic::new(msg!(
            "main-package page `{raw}` lies inside the subpackage root `{root}`",
            "主包页面 `{raw}` 位于分包根目录 `{root}` 之内"
        ))
        .at(&app.source, app.value_span(&page.pointer))
        .pointer(page.pointer.clone())
        .span_label(msg!("a main-package page", "主包页面"))
        .label(
            app.value_span(&format!("{}/root", sub.pointer)),
            Some(msg!("this subpackage's root", "该分包的根目录")),
        )
        .help(msg!(
            "list it as `{rest}` in that subpackage's `pages`, or move it out of `{root}/`; WeChat: `[\"pages\"][{k}]: \"{raw}\" 不应该在 {list}[{i}] 中`",
            "请在该分包的 `pages` 中以 `{rest}` 列出，或将它移出 `{root}/`；微信报错：`[\"pages\"][{k}]: \"{raw}\" 不应该在 {list}[{i}] 中`"
        ));
        ctx.report(d);
    }
}
