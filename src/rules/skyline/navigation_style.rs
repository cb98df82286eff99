use super::{pages_phrase, skyline_pages};
use crate::facts::page_config::Origin;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "skyline/navigation-style",
    default_severity: Severity::Error,
    summary: (
        "A Skyline page asks for the native navigation bar (navigationStyle not custom)",
        "Skyline 页面要求原生导航栏（navigationStyle 不是 custom）",
    ),
    docs: include_str!("navigation_style.md"),
    check,
    fixable: true,
    ..Rule::DEFAULT
};

/// Page .json fields that configure the native navigation bar.
const NAV_FIELDS: [&str; 3] = [
    "navigationBarTitleText",
    "navigationBarTextStyle",
    "navigationBarBackgroundColor",
];

const WECHAT: &str =
    "页面 \"renderer\" 为 \"skyline\"，页面配置 \"navigationStyle\" 需设置为 \"custom\"";

fn check(ctx: &mut LintContext) {
    let pages = skyline_pages(ctx);
    // Pages that take `"navigationStyle": "default"` from app.json `window`: one diagnostic there.
    let mut from_window: Vec<&str> = Vec::new();
    // Their fixes: `"navigationStyle": "custom"` in each page's .json; `None` once one cannot
    // take it (no .json, navigation-bar fields, not a chat-tool page).
    let mut window_fix: Option<Vec<crate::diagnostic::FileEdit>> = Some(Vec::new());
    for p in &pages {
        let style = &p.config.navigation_style;
        let page = p.page.path.as_str();
        let nav_fields: Vec<&str> = p
            .config
            .json
            .as_ref()
            .and_then(|j| j.value.as_ref())
            .map(|v| {
                NAV_FIELDS
                    .into_iter()
                    .filter(|k| v.get(*k).is_some_and(|x| !x.is_null()))
                    .collect()
            })
            .unwrap_or_default();
        match (&style.origin, style.value.as_str()) {
            (Origin::App(_), "default") => {
                from_window.push(page);
                let edits = p
                    .config
                    .json
                    .as_ref()
                    .filter(|_| nav_fields.is_empty() && in_chat_tool(ctx, p))
                    .and_then(|j| edit::set_member(j, "", "navigationStyle", &"custom".into()));
                window_fix = window_fix.zip(edits).map(|(mut all, e)| {
                    all.extend(e);
                    all
                });
            }
            (Origin::Page(json, pointer), "default") => {
                let mut d = Diagnostic::new(msg!(
                    "`{page}` renders with Skyline, so its `navigationStyle` must be `custom`, not `default`",
                    "页面 `{page}` 使用 Skyline 渲染，`navigationStyle` 必须为 `custom`，不能是 `default`"
                ))
                .at(&json.source, json.value_span(pointer))
                .pointer(pointer.clone())
                .span_label(msg!(
                    "Skyline has no native navigation bar",
                    "Skyline 不支持原生导航栏"
                ));
                for k in &nav_fields {
                    d = d.label(
                        json.key_span(&format!("/{k}")),
                        Some(msg!("has no effect on Skyline", "在 Skyline 下无效")),
                    );
                }
                if nav_fields.is_empty() && in_chat_tool(ctx, p) {
                    if let Some(edits) = edit::replace_value(json, pointer, &"custom".into()) {
                        d = d.fix(custom_fix(edits));
                    }
                }
                ctx.report(d.help(msg!(
                    "set `\"navigationStyle\": \"custom\"` and draw the navigation bar in the page (WeChat: {WECHAT})",
                    "改为 `\"navigationStyle\": \"custom\"`，并在页面中自行实现导航栏（微信的提示：{WECHAT}）"
                )));
            }
            (_, "custom") => {}
            (origin, value) => {
                let (Some(first), Some(json)) = (nav_fields.first(), p.config.json.as_ref()) else {
                    continue;
                };
                let pointer = format!("/{first}");
                let mut d = Diagnostic::new(msg!(
                    "`{page}` renders with Skyline but sets navigation-bar fields, and its `navigationStyle` is not `custom`",
                    "页面 `{page}` 使用 Skyline 渲染，却设置了导航栏字段，而且 `navigationStyle` 不是 `custom`"
                ))
                .at(&json.source, json.key_span(&pointer))
                .pointer(pointer)
                .span_label(msg!(
                    "a native navigation-bar field",
                    "原生导航栏字段"
                ));
                for k in &nav_fields[1..] {
                    d = d.label(json.key_span(&format!("/{k}")), None);
                }
                if let Origin::Page(_, sp) = origin {
                    d = d.label(
                        json.value_span(sp),
                        Some(msg!("`{value}` is not `custom`", "`{value}` 不是 `custom`")),
                    );
                }
                ctx.report(d.help(msg!(
                    "Skyline has no native navigation bar: add `\"navigationStyle\": \"custom\"` to this .json, draw the bar in the page, and remove the `navigationBar…` fields (WeChat: {WECHAT})",
                    "Skyline 不支持原生导航栏：在此 .json 中添加 `\"navigationStyle\": \"custom\"`，在页面中自行实现导航栏，并删除 `navigationBar…` 字段（微信的提示：{WECHAT}）"
                )));
            }
        }
    }
    if let Some(first) = from_window.first() {
        let app = ctx.app();
        let n = from_window.len();
        let Msg {
            en: who_en,
            zh: who_zh,
        } = pages_phrase(first, n);
        let (verb, take) = if n == 1 {
            ("renders", "takes")
        } else {
            ("render", "take")
        };
        let pointer = "/window/navigationStyle";
        let fix = window_fix.filter(|e| !e.is_empty()).map(custom_fix);
        let d = Diagnostic::new(msg!(
                "{who_en} {verb} with Skyline but {take} `\"navigationStyle\": \"default\"` from app.json `window`; Skyline pages must use `custom`",
                "{who_zh}使用 Skyline 渲染，却从 app.json 的 `window` 继承了 `\"navigationStyle\": \"default\"`；Skyline 页面必须使用 `custom`"
            ))
            .at(&app.source, app.value_span(pointer))
            .pointer(pointer)
            .span_label(msg!(
                "Skyline has no native navigation bar",
                "Skyline 不支持原生导航栏"
            ))
            .help(msg!(
                "remove this line (Skyline pages then default to `custom`, WebView pages keep the native bar), or set `\"navigationStyle\": \"custom\"` in each Skyline page's .json (WeChat: {WECHAT})",
                "删除这一行（Skyline 页面将默认使用 `custom`，WebView 页面仍保留原生导航栏），或在每个 Skyline 页面的 .json 中设置 `\"navigationStyle\": \"custom\"`（微信的提示：{WECHAT}）"
            ));
        ctx.report(match fix {
            Some(f) => d.fix(f),
            None => d,
        });
    }
}

/// Whether the page belongs to the chat-tool package (the fix is offered there only).
fn in_chat_tool(ctx: &LintContext, p: &super::SkylinePage) -> bool {
    let chat = ctx.model().chat_tool_package().map(|s| s.pointer.as_str());
    chat.is_some() && p.page.package.map(|s| s.pointer.as_str()) == chat
}

fn custom_fix(edits: Vec<crate::diagnostic::FileEdit>) -> Fix {
    Fix {
        title: msg!(
            "set `\"navigationStyle\": \"custom\"` on the Skyline page",
            "为 Skyline 页面设置 `\"navigationStyle\": \"custom\"`"
        ),
        edits,
    }
}
