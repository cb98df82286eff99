use std::collections::HashSet;

use super::{pages_phrase, skyline_pages};
use crate::facts::page_config::Origin;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "skyline/lazy-code-loading",
    default_severity: Severity::Error,
    summary: (
        "Pages render with Skyline but app.json lacks \"lazyCodeLoading\": \"requiredComponents\"",
        "有页面使用 Skyline 渲染，但 app.json 缺少 \"lazyCodeLoading\": \"requiredComponents\"",
    ),
    docs: include_str!("lazy_code_loading.md"),
    check,
    fixable: true,
    ..Rule::DEFAULT
};

/// Labels on pages whose own .json switches Skyline on, at most.
const MAX_PAGE_LABELS: usize = 3;

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    if app.get("/lazyCodeLoading").is_some() {
        // Right, or a wrong value that `schema/enum` (or `schema/type`) already reports:
        // one problem, one diagnostic.
        return;
    }
    let pages = skyline_pages(ctx);
    let Some(first) = pages.first() else {
        return;
    };
    let n = pages.len();
    let Msg {
        en: who_en,
        zh: who_zh,
    } = pages_phrase(&first.page.path, n);
    let verb = if n == 1 { "renders" } else { "render" };
    let root = app.value_span("").start;
    let mut d = Diagnostic::new(msg!(
        "{who_en} {verb} with Skyline, but app.json lacks `\"lazyCodeLoading\": \"requiredComponents\"`",
        "{who_zh}使用 Skyline 渲染，但 app.json 缺少 `\"lazyCodeLoading\": \"requiredComponents\"`"
    ))
    .at(&app.source, root..root + 1)
    .pointer("")
    .span_label(msg!(
        "`lazyCodeLoading` is missing from this object",
        "此对象缺少 `lazyCodeLoading`"
    ));
    let mut labelled = HashSet::new();
    let mut page_labels = 0;
    for p in &pages {
        match &p.config.renderer.origin {
            Origin::SubPackage(pointer) | Origin::App(pointer) => {
                if labelled.insert(pointer.clone()) {
                    d = d.label(
                        app.value_span(pointer),
                        Some(msg!("Skyline is switched on here", "此处开启了 Skyline")),
                    );
                }
            }
            Origin::Page(..) => {
                if page_labels < MAX_PAGE_LABELS && labelled.insert(p.page.page.pointer.clone()) {
                    page_labels += 1;
                    d = d.label(
                        app.value_span(&p.page.page.pointer),
                        Some(msg!(
                            "its .json sets `\"renderer\": \"skyline\"`",
                            "该页面的 .json 设置了 `\"renderer\": \"skyline\"`"
                        )),
                    );
                }
            }
            Origin::Default => {}
        }
    }
    if let Some(edits) = edit::set_member(app, "", "lazyCodeLoading", &"requiredComponents".into())
    {
        d = d.fix(Fix {
            title: msg!(
                "set `\"lazyCodeLoading\": \"requiredComponents\"` (Skyline needs it)",
                "设置 `\"lazyCodeLoading\": \"requiredComponents\"`（Skyline 需要）"
            ),
            edits,
        });
    }
    ctx.report(d.help(msg!(
        "add `\"lazyCodeLoading\": \"requiredComponents\"` at the top level of app.json (WeChat: app.json 中 \"renderer\" 设置为 \"skyline\"，需在 app.json 添加 \"lazyCodeLoading\": \"requiredComponents\")",
        "在 app.json 顶层添加 `\"lazyCodeLoading\": \"requiredComponents\"`（微信开发者工具的提示：app.json 中 \"renderer\" 设置为 \"skyline\"，需在 app.json 添加 \"lazyCodeLoading\": \"requiredComponents\"）"
    )));
}
