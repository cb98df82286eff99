use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{pages_phrase, skyline_pages};
use crate::json::JsonFile;
use crate::project::resolve::{normalize, resolve_component, Resolved};
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
    let project = ctx.project;
    let root = normalize(&project.mp_root);
    let shown = |base: &Path| -> String {
        base.strip_prefix(&root)
            .unwrap_or(base)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let pages = skyline_pages(ctx);
    let mut findings: Vec<Finding> = Vec::new();
    for p in &pages {
        let Some(page_json) = p.config.json.clone() else {
            continue;
        };
        // Breadth first, each component once per page: cycles end here.
        let mut visited: HashSet<PathBuf> = HashSet::new();
        let mut queue: VecDeque<(Arc<JsonFile>, Option<String>)> = VecDeque::new();
        queue.push_back((page_json, None));
        while let Some((json, parent)) = queue.pop_front() {
            let Some(using) = json.get("/usingComponents").and_then(|v| v.as_object()) else {
                continue;
            };
            let specs: Vec<String> = using
                .values()
                .filter_map(|v| v.as_str().map(String::from))
                .collect();
            for spec in specs {
                let Resolved::Found(base) = resolve_component(project, &json.source.path, &spec)
                else {
                    continue; // plugins; missing components are another rule's
                };
                let mut path = base.clone().into_os_string();
                path.push(".json");
                let path = PathBuf::from(path);
                if !visited.insert(path.clone()) {
                    continue;
                }
                let Some(component) = ctx.json(&path) else {
                    continue;
                };
                let name = shown(&base);
                if component.get("/renderer").and_then(|v| v.as_str()) == Some("webview") {
                    match findings
                        .iter_mut()
                        .find(|f| Arc::ptr_eq(&f.json, &component))
                    {
                        Some(f) => {
                            if !f.pages.contains(&p.page.path) {
                                f.pages.push(p.page.path.clone());
                            }
                        }
                        None => findings.push(Finding {
                            json: component.clone(),
                            name: name.clone(),
                            pages: vec![p.page.path.clone()],
                            via: parent.clone(),
                        }),
                    }
                }
                queue.push_back((component, Some(name)));
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
