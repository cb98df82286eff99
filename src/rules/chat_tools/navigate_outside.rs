use std::path::Path;

use crate::code::refs::{api_name, page_target, shown};
use crate::code::PackageCode;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/navigate-outside",
    default_severity: Severity::Error,
    summary: (
        "navigateTo/redirectTo from the chat-tool package to a page outside it",
        "从聊天工具分包通过 navigateTo/redirectTo 跳转到分包外的页面",
    ),
    docs: include_str!("navigate_outside.md"),
    check,
    ..Rule::DEFAULT
};

fn help() -> Msg {
    msg!(
        "chat-tool pages cannot navigateTo or redirectTo a page outside the chat-tool package: leave it first with `wx.navigateBack`, then navigate (or `wx.reLaunch` to a normal page)",
        "在聊天工具分包页，无法通过 `wx.navigateTo` 或 `wx.redirectTo` 跳转到非聊天工具分包页：请先通过 `wx.navigateBack` 退出聊天工具分包，再使用路由接口跳转（或使用 `wx.reLaunch` 打开普通页面）"
    )
}

/// A relative url is relative to the page that runs the code; in a component or helper that
/// page is not known, so such urls are not judged.
fn relative_outside_page(code: &PackageCode, base: &Path, url: &str) -> bool {
    !url.trim_start().starts_with('/') && !code.is_page(base)
}

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    let project = ctx.project;
    let root = code.root.clone();
    for file in code.own_js() {
        for call in &file.facts.calls {
            if call.api != "navigateTo" && call.api != "redirectTo" {
                continue;
            }
            let Some(url) = call
                .arg
                .as_ref()
                .and_then(|a| a.as_object())
                .and_then(|o| o.get("url"))
            else {
                continue;
            };
            let Some(text) = url.value.url_path() else {
                continue;
            };
            if relative_outside_page(&code, &file.base, text) {
                continue;
            }
            let Some(target) = page_target(project, &file.source.path, text) else {
                continue;
            };
            if code.contains(&target) {
                continue;
            }
            let name = api_name(call);
            let page = shown(project, &target);
            ctx.report(
                Diagnostic::new(msg!(
                    "`{name}` to `{page}`, outside the chat-tool package `{root}`",
                    "`{name}` 跳转到聊天工具分包 `{root}` 之外的页面 `{page}`"
                ))
                .at(&file.source, url.value.span.clone())
                .span_label(msg!("outside `{root}/`", "不在 `{root}/` 中"))
                .label(call.span.clone(), None)
                .help(help()),
            );
        }
    }
    for file in code.own_wxml() {
        for el in &file.elements {
            if el.name != "navigator"
                || el
                    .attr("target")
                    .is_some_and(|t| t.static_value() == Some("miniProgram"))
            {
                continue;
            }
            let open_type = match el.attr("open-type") {
                None => "navigate",
                Some(a) => match a.static_value() {
                    Some(v) => v,
                    None => continue,
                },
            };
            if open_type != "navigate" && open_type != "redirect" {
                continue;
            }
            let Some(url) = el.attr("url") else { continue };
            let Some(text) = url.url_path() else {
                continue;
            };
            if relative_outside_page(&code, &file.base, text) {
                continue;
            }
            let Some(target) = page_target(project, &file.source.path, text) else {
                continue;
            };
            if code.contains(&target) {
                continue;
            }
            let page = shown(project, &target);
            ctx.report(
                Diagnostic::new(msg!(
                    "`<navigator>` to `{page}`, outside the chat-tool package `{root}`",
                    "`<navigator>` 跳转到聊天工具分包 `{root}` 之外的页面 `{page}`"
                ))
                .at(&file.source, url.value_span.clone())
                .span_label(msg!("outside `{root}/`", "不在 `{root}/` 中"))
                .help(help()),
            );
        }
    }
}
