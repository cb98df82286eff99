use std::collections::HashSet;

use crate::code::refs::api_name;
use crate::rules::prelude::*;
use crate::wechat::{call_scope, COMPONENT_SCOPES, SCOPES as KNOWN_SCOPES};

pub static RULE: Rule = Rule {
    id: "chat-tools/scope-mismatch",
    default_severity: Severity::Warning,
    summary: (
        "chatTools scopes do not match the scopes the package's code needs",
        "chatTools 的 scopes 与分包代码实际需要的权限不符",
    ),
    docs: include_str!("scope_mismatch.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    let Some(tool) = ctx.model().chat_tools.first() else {
        return;
    };
    let app = ctx.app();
    let listed: Vec<&str> = tool.scopes.iter().map(|s| s.path.as_str()).collect();
    let scopes_pointer = format!("{}/scopes", tool.pointer);
    let add_help = |scope: &str| {
        if app.get(&scopes_pointer).is_some() {
            msg!(
                "add \"{scope}\" to `chatTools[0].scopes` in app.json (\"scopes 字段请如实填写\")",
                "请在 app.json 的 `chatTools[0].scopes` 中加入 \"{scope}\"（“scopes 字段请如实填写”）"
            )
        } else {
            msg!(
                "add `\"scopes\": [\"{scope}\"]` to `chatTools[0]` in app.json (\"scopes 字段请如实填写\")",
                "请在 app.json 的 `chatTools[0]` 中加入 `\"scopes\": [\"{scope}\"]`（“scopes 字段请如实填写”）"
            )
        }
    };
    // Every scope the package uses, its libraries included.
    let mut used: HashSet<&str> = HashSet::new();
    for file in &code.js {
        used.extend(file.facts.calls.iter().filter_map(call_scope));
    }
    for file in &code.wxml {
        for el in &file.elements {
            used.extend(
                COMPONENT_SCOPES
                    .iter()
                    .filter(|(t, _)| *t == el.name)
                    .map(|(_, s)| *s),
            );
        }
    }
    // Missing: the first use of each scope, per file.
    let mut reported: HashSet<&str> = HashSet::new();
    for file in code.own_js() {
        for call in &file.facts.calls {
            let Some(scope) = call_scope(call) else {
                continue;
            };
            if listed.contains(&scope) || !reported.insert(scope) {
                continue;
            }
            let name = api_name(call);
            ctx.report(
                Diagnostic::new(msg!(
                    "`{name}` needs `{scope}`, which `chatTools[0].scopes` does not list",
                    "`{name}` 需要 `{scope}` 权限，但 `chatTools[0].scopes` 中没有列出"
                ))
                .at(&file.source, call.span.clone())
                .span_label(msg!("needs `{scope}`", "需要 `{scope}`"))
                .help(add_help(scope)),
            );
        }
    }
    for file in code.own_wxml() {
        for el in &file.elements {
            for (_, scope) in COMPONENT_SCOPES.iter().filter(|(t, _)| *t == el.name) {
                if listed.contains(scope) || !reported.insert(scope) {
                    continue;
                }
                let tag = &el.name;
                ctx.report(
                    Diagnostic::new(msg!(
                        "`<{tag}>` needs `{scope}`, which `chatTools[0].scopes` does not list",
                        "`<{tag}>` 需要 `{scope}` 权限，但 `chatTools[0].scopes` 中没有列出"
                    ))
                    .at(&file.source, el.name_span.clone())
                    .span_label(msg!("needs `{scope}`", "需要 `{scope}`"))
                    .help(add_help(scope)),
                );
            }
        }
    }
    // Unused: only when every file could be read in full.
    if code.has_syntax_errors() {
        return;
    }
    let root = &code.root;
    for item in &tool.scopes {
        let scope = item.path.as_str();
        if !KNOWN_SCOPES.contains(&scope) || used.contains(scope) {
            continue;
        }
        ctx.report(
            Diagnostic::new(msg!(
                "`{scope}` is listed in `scopes` but nothing in the chat-tool package `{root}` needs it",
                "`scopes` 中列出了 `{scope}`，但聊天工具分包 `{root}` 中没有代码需要它"
            ))
            .at(&app.source, app.value_span(&item.pointer))
            .pointer(item.pointer.clone())
            .span_label(msg!("no API or component of the package uses it", "分包中没有接口或组件用到它"))
            .help(msg!(
                "remove it: `scopes` must be truthful (\"scopes 字段请如实填写\"). If a call is built dynamically, ignore this warning",
                "请删除此项：scopes 字段请如实填写。若调用是动态构造的，可忽略此警告"
            )),
        );
    }
}
