use std::ops::Range;
use std::sync::Arc;

use super::{count_pages, origin_place, pages_phrase, skyline_pages, SkylinePage};
use crate::diagnostic::SourceFile;
use crate::facts::page_config::Origin;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "skyline/glass-easel",
    default_severity: Severity::Error,
    summary: (
        "A Skyline page does not use the glass-easel component framework",
        "Skyline 页面没有使用 glass-easel 组件框架",
    ),
    docs: include_str!("glass_easel.md"),
    check,
    fixable: true,
    ..Rule::DEFAULT
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    App,
    SubPackage,
    Page,
}

impl Scope {
    fn of(origin: &Origin) -> Scope {
        match origin {
            Origin::Page(..) => Scope::Page,
            Origin::SubPackage(_) => Scope::SubPackage,
            _ => Scope::App,
        }
    }
}

/// Skyline pages that share one cause: one `componentFramework` value that is not
/// `glass-easel`, or one place that switches Skyline on while no `componentFramework` is set.
struct Group {
    file: Arc<SourceFile>,
    span: Range<usize>,
    pointer: String,
    /// The `componentFramework` value when it is written; `None` when it is the default.
    value: Option<String>,
    scope: Scope,
    /// Where Skyline is switched on for these pages, when in the same file and elsewhere.
    renderers: Vec<Range<usize>>,
    pages: Vec<String>,
}

fn check(ctx: &mut LintContext) {
    let pages = skyline_pages(ctx);
    let mut groups: Vec<Group> = Vec::new();
    for p in &pages {
        let cf = &p.config.component_framework;
        if cf.value == "glass-easel" {
            continue;
        }
        let explicit = !matches!(cf.origin, Origin::Default);
        if !explicit && written_with_wrong_type(ctx, p) {
            continue; // schema/type: one problem, one diagnostic
        }
        if explicit && !matches!(cf.origin, Origin::Page(..)) && cf.value != "exparser" {
            continue; // a value outside the enum in app.json: schema/enum
        }
        // The place to fix: the value when written, else where Skyline is switched on.
        let cause = if explicit {
            &cf.origin
        } else {
            &p.config.renderer.origin
        };
        let Some((file, span, pointer)) = origin_place(ctx, cause) else {
            continue;
        };
        let renderer = if explicit {
            origin_place(ctx, &p.config.renderer.origin)
                .filter(|(f, s, _)| Arc::ptr_eq(f, &file) && *s != span)
                .map(|(_, s, _)| s)
        } else {
            None
        };
        let at = groups
            .iter()
            .position(|g| g.pointer == pointer && Arc::ptr_eq(&g.file, &file));
        let g = match at {
            Some(i) => &mut groups[i],
            None => {
                groups.push(Group {
                    file,
                    span,
                    pointer,
                    value: explicit.then(|| cf.value.clone()),
                    scope: Scope::of(cause),
                    renderers: Vec::new(),
                    pages: Vec::new(),
                });
                groups.last_mut().expect("just pushed")
            }
        };
        g.pages.push(p.page.path.clone());
        if let Some(r) = renderer.filter(|r| !g.renderers.contains(r)) {
            g.renderers.push(r);
        }
    }
    for g in groups {
        let fix = chat_tool_fix(ctx, &g);
        let d = diagnostic(g);
        ctx.report(match fix {
            Some(f) => d.fix(f),
            None => d,
        });
    }
}

/// The one safe fix: when every page of the group belongs to the chat-tool package and the cause
/// is written in app.json (not in a page's .json, which would still win), set
/// `componentFramework` on the subpackage entry (app level would switch every main-package page
/// from the default exparser too).
fn chat_tool_fix(ctx: &LintContext, g: &Group) -> Option<Fix> {
    let app = ctx.app();
    let pkg = ctx.model().chat_tool_package()?;
    let root = format!("{}/", pkg.root_trimmed()?);
    if !Arc::ptr_eq(&g.file, &app.source) || !g.pages.iter().all(|p| p.starts_with(&root)) {
        return None;
    }
    Some(Fix {
        title: msg!(
            "set `\"componentFramework\": \"glass-easel\"` on the chat-tool subpackage (Skyline needs it)",
            "为聊天工具分包设置 `\"componentFramework\": \"glass-easel\"`（Skyline 需要）"
        ),
        edits: edit::set_member(app, &pkg.pointer, "componentFramework", &"glass-easel".into())?,
    })
}

/// Whether a `componentFramework` that is not a string sits somewhere in the page's cascade.
fn written_with_wrong_type(ctx: &LintContext, p: &SkylinePage) -> bool {
    let app = ctx.app();
    let key = "componentFramework";
    let page = p
        .config
        .json
        .as_ref()
        .is_some_and(|j| j.get(&format!("/{key}")).is_some());
    let sub = p
        .page
        .package
        .is_some_and(|s| app.get(&format!("{}/{key}", s.pointer)).is_some());
    page || sub || app.get(&format!("/{key}")).is_some()
}

fn diagnostic(g: Group) -> Diagnostic {
    let n = g.pages.len();
    let Msg {
        en: who_en,
        zh: who_zh,
    } = pages_phrase(&g.pages[0], n);
    let Msg {
        en: count_en,
        zh: count_zh,
    } = count_pages(n);
    let verb = if n == 1 { "renders" } else { "render" };
    let wechat =
        "\"renderer\" 设置为 \"skyline\"，需要同时设置 componentFramework 字段为 \"glass-easel\"";
    let mut d = match &g.value {
        Some(value) => Diagnostic::new(msg!(
            "{who_en} {verb} with Skyline, but the component framework is `{value}`; Skyline only supports `glass-easel`",
            "{who_zh}使用 Skyline 渲染，但组件框架为 `{value}`；Skyline 只支持 `glass-easel`"
        ))
        .at(&g.file, g.span.clone())
        .span_label(if n == 1 {
            msg!("not `glass-easel`", "不是 `glass-easel`")
        } else {
            msg!("`{value}` for {count_en}", "{count_zh}因此使用 `{value}`")
        })
        .help(msg!(
            "set `\"componentFramework\": \"glass-easel\"` here (WeChat: {wechat})",
            "改为 `\"componentFramework\": \"glass-easel\"`（微信的提示：{wechat}）"
        )),
        None => {
            let help = match g.scope {
                Scope::App => msg!(
                    "add `\"componentFramework\": \"glass-easel\"` at the top level of app.json (WeChat: {wechat})",
                    "在 app.json 顶层添加 `\"componentFramework\": \"glass-easel\"`（微信的提示：{wechat}）"
                ),
                Scope::SubPackage => msg!(
                    "add `\"componentFramework\": \"glass-easel\"` to this subpackage, or at the top level of app.json (WeChat: {wechat})",
                    "在这个分包中（或在 app.json 顶层）添加 `\"componentFramework\": \"glass-easel\"`（微信的提示：{wechat}）"
                ),
                Scope::Page => msg!(
                    "add `\"componentFramework\": \"glass-easel\"` to this page's .json, or at the top level of app.json (WeChat: {wechat})",
                    "在该页面的 .json 中（或在 app.json 顶层）添加 `\"componentFramework\": \"glass-easel\"`（微信的提示：{wechat}）"
                ),
            };
            Diagnostic::new(msg!(
                "{who_en} {verb} with Skyline, but no `componentFramework` is set, so the default `exparser` applies; Skyline only supports `glass-easel`",
                "{who_zh}使用 Skyline 渲染，但没有设置 `componentFramework`，因此使用默认的 `exparser`；Skyline 只支持 `glass-easel`"
            ))
            .at(&g.file, g.span.clone())
            .span_label(if n == 1 {
                msg!("Skyline is switched on here", "此处开启了 Skyline")
            } else {
                msg!(
                    "Skyline is switched on here for {count_en}",
                    "此处为 {count_zh}开启了 Skyline"
                )
            })
            .help(help)
        }
    };
    d = d.pointer(g.pointer.clone());
    for r in g.renderers {
        d = d.label(
            r,
            Some(msg!("Skyline is switched on here", "此处开启了 Skyline")),
        );
    }
    d
}
