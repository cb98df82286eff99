use crate::facts::page_config::Origin;
use crate::project::PageRef;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/not-skyline",
    default_severity: Severity::Error,
    summary: (
        "A page of the chat-tool subpackage does not render with Skyline",
        "聊天工具分包的页面没有使用 Skyline 渲染",
    ),
    docs: include_str!("not_skyline.md"),
    check,
    fixable: true,
    ..Rule::DEFAULT
};

const GUIDE: (&str, &str) = (
    "the guide: \"聊天工具分包页需使用 skyline 渲染，若开发者未配置，微信会在预览/上传代码包时提示出错\" (chat-tool pages must render with Skyline; preview and upload fail otherwise)",
    "官方文档：“聊天工具分包页需使用 skyline 渲染，若开发者未配置，微信会在预览/上传代码包时提示出错”",
);

fn check(ctx: &mut LintContext) {
    let model = ctx.model();
    let app = ctx.app();
    let (guide_en, guide_zh) = GUIDE;
    let Some(pkg) = model.chat_tool_package() else {
        return;
    };
    let Some(root) = pkg.root_trimmed() else {
        return;
    };
    // Pages that inherit a non-Skyline renderer from the subpackage, the app or the default.
    let mut inherited: Vec<(String, Origin)> = Vec::new();
    for page in &pkg.pages {
        let Some(path) = pkg.page_path(&page.path) else {
            continue;
        };
        let page_ref = PageRef {
            path: path.clone(),
            page,
            package: Some(pkg),
        };
        let cfg = ctx.facts.page_config(&page_ref);
        if cfg.is_skyline() || cfg.renderer.value != "webview" {
            continue; // skyline, or a value schema/enum reports
        }
        match cfg.renderer.origin {
            Origin::Page(json, pointer) => {
                let d = Diagnostic::new(msg!(
                    "the chat-tool page `{path}` sets `\"renderer\": \"webview\"`",
                    "聊天工具页面 `{path}` 设置了 `\"renderer\": \"webview\"`"
                ))
                .at(&json.source, json.value_span(&pointer))
                .pointer(pointer)
                .span_label(msg!(
                    "this page renders with WebView",
                    "该页面使用 WebView 渲染"
                ))
                .help(msg!(
                    "remove this `renderer` (so the subpackage's `skyline` applies) or set it to `\"skyline\"`; {guide_en}",
                    "删除这里的 `renderer`（沿用分包的 `skyline`），或改为 `\"skyline\"`；{guide_zh}"
                ));
                ctx.report(d);
            }
            origin => {
                if !inherited.iter().any(|(p, _)| *p == path) {
                    inherited.push((path, origin));
                }
            }
        }
    }
    let Some((_, origin)) = inherited.first() else {
        return;
    };
    let shown = pkg.root.as_deref().unwrap_or(root);
    let total = pkg
        .pages
        .iter()
        .filter_map(|p| pkg.page_path(&p.path))
        .collect::<std::collections::HashSet<_>>()
        .len();
    let which = if inherited.len() == total {
        Msg::new(
            format!("the pages of the chat-tool subpackage `{shown}`"),
            format!("聊天工具分包 `{shown}` 的页面"),
        )
    } else {
        let list = inherited
            .iter()
            .map(|(p, _)| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ");
        Msg::new(
            format!("{list} of the chat-tool subpackage `{shown}`"),
            format!("聊天工具分包 `{shown}` 中的页面 {list} "),
        )
    };
    let (which_en, which_zh) = (&which.en, &which.zh);
    let verb = if inherited.len() == 1 && total > 1 {
        "renders"
    } else {
        "render"
    };
    let mut d;
    match origin {
        Origin::SubPackage(pointer) => {
            d = Diagnostic::new(msg!(
                "{which_en} {verb} with WebView: the subpackage sets `\"renderer\": \"webview\"`",
                "{which_zh}使用 WebView 渲染：分包设置了 `\"renderer\": \"webview\"`"
            ))
            .at(&app.source, app.value_span(pointer))
            .pointer(pointer.clone())
            .span_label(msg!("decides the renderer", "决定了渲染方式"))
            .help(msg!(
                "set it to `\"skyline\"`; {guide_en}",
                "改为 `\"skyline\"`；{guide_zh}"
            ));
        }
        _ => {
            d = Diagnostic::new(msg!(
                "{which_en} {verb} with WebView: nothing sets `\"renderer\": \"skyline\"`",
                "{which_zh}使用 WebView 渲染：没有任何地方设置 `\"renderer\": \"skyline\"`"
            ))
            .at(&app.source, app.value_span(&pkg.pointer))
            .pointer(pkg.pointer.clone())
            .span_label(msg!(
                "add `\"renderer\": \"skyline\"` here",
                "在这里加上 `\"renderer\": \"skyline\"`"
            ));
            if let Origin::App(pointer) = origin {
                d = d.label(
                    app.value_span(pointer),
                    Some(msg!(
                        "the app-level renderer applies to it",
                        "应用级的 renderer 作用于它"
                    )),
                );
            }
            d = d.help(msg!(
                "add `\"renderer\": \"skyline\"` to the chat-tool subpackage, as WeChat's official demo does; {guide_en}",
                "在聊天工具分包中加上 `\"renderer\": \"skyline\"`（官方示例即如此）；{guide_zh}"
            ));
        }
    }
    let fix = edit::set_member(app, &pkg.pointer, "renderer", &"skyline".into()).map(|edits| Fix {
        title: msg!(
            "set `\"renderer\": \"skyline\"` on the chat-tool subpackage",
            "为聊天工具分包设置 `\"renderer\": \"skyline\"`"
        ),
        edits,
    });
    if let Some(f) = fix {
        d = d.fix(f);
    }
    ctx.report(d);
}
