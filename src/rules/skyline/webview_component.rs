use std::path::Path;
use std::sync::Arc;

use super::{pages_phrase, skyline_pages};
use crate::json::JsonFile;
use crate::project::resolve::normalize;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "skyline/webview-component",
    default_severity: Severity::Error,
    summary: (
        "A component used by a Skyline page declares \"renderer\": \"webview\"",
        "Skyline 页面用到的组件声明了 \"renderer\": \"webview\"",
    ),
    docs: include_str!("webview_component.md"),
    check,
    ..Rule::DEFAULT
};

/// A component that declares `"renderer": "webview"` and the Skyline pages that use it.
struct Finding {
    json: Arc<JsonFile>,
    /// The component as a path relative to miniprogramRoot, without extension.
    name: String,
    pages: Vec<String>,
    /// For the first page: the component through which it is used, when not directly.
    via: Option<String>,
}

fn check(ctx: &mut LintContext) {
    let root = normalize(&ctx.project.mp_root);
    let shown = |base: &Path| -> String {
        base.strip_prefix(&root)
            .unwrap_or(base)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let pages = skyline_pages(ctx);
    let mut findings: Vec<Finding> = Vec::new();
    for p in &pages {
        let Some(page_json) = &p.config.json else {
            continue;
        };
        for used in ctx.facts.components_of(page_json) {
            let component = &used.json;
            if component.get("/renderer").and_then(|v| v.as_str()) != Some("webview") {
                continue;
            }
            match findings
                .iter_mut()
                .find(|f| Arc::ptr_eq(&f.json, component))
            {
                Some(f) => {
                    if !f.pages.contains(&p.page.path) {
                        f.pages.push(p.page.path.clone());
                    }
                }
                None => findings.push(Finding {
                    json: component.clone(),
                    name: shown(&used.base),
                    pages: vec![p.page.path.clone()],
                    via: used.via.as_deref().map(shown),
                }),
            }
        }
    }
    for f in findings {
        let n = f.pages.len();
        let who_en = pages_phrase(&f.pages[0], n).en;
        let first = &f.pages[0];
        let who_zh = if n == 1 {
            format!("Skyline 页面 `{first}` ")
        } else {
            format!("`{first}` 等 {n} 个 Skyline 页面")
        };
        let name = &f.name;
        let (use_en, page_en) = if n == 1 {
            ("uses", "the Skyline page")
        } else {
            ("use", "the Skyline pages")
        };
        let message = match &f.via {
            None => msg!(
                "component `{name}` declares `\"renderer\": \"webview\"`, but {page_en} {who_en} {use_en} it",
                "组件 `{name}` 声明了 `\"renderer\": \"webview\"`，但 {who_zh}使用了它"
            ),
            Some(via) => msg!(
                "component `{name}` declares `\"renderer\": \"webview\"`, but {page_en} {who_en} {use_en} it (through `{via}`)",
                "组件 `{name}` 声明了 `\"renderer\": \"webview\"`，但 {who_zh}使用了它（通过 `{via}`）"
            ),
        };
        let json = &f.json;
        ctx.report(
            Diagnostic::new(message)
                .at(&json.source, json.value_span("/renderer"))
                .pointer("/renderer")
                .span_label(msg!(
                    "this component asks for WebView",
                    "该组件要求 WebView 渲染"
                ))
                .help(msg!(
                    "a component renders with the page that uses it: make it work on Skyline and remove `\"renderer\": \"webview\"`, or render the pages that use it with WebView (WeChat: The component is configured with renderer: 'webview', but is used in skyline pages)",
                    "组件随使用它的页面一起渲染：让它适配 Skyline 并删除 `\"renderer\": \"webview\"`，或让使用它的页面改用 WebView 渲染（微信的提示：The component is configured with renderer: 'webview', but is used in skyline pages）"
                )),
        );
    }
}
