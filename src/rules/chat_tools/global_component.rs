use std::collections::HashSet;

use crate::code::refs::shown;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/global-component",
    default_severity: Severity::Error,
    summary: (
        "a chat-tool page or component uses a component only app.json declares",
        "聊天工具页面或组件使用了仅在 app.json 中声明的组件",
    ),
    docs: include_str!("global_component.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    let project = ctx.project;
    let global: Vec<String> = ctx
        .app()
        .value
        .as_ref()
        .and_then(|v| v.get("usingComponents"))
        .and_then(|v| v.as_object())
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    if global.is_empty() {
        return;
    }
    for file in code.own_wxml() {
        let config = code.config(&file.base);
        // Templates (a .wxml without .json that is no page) take the components of whoever
        // includes them: unknown here.
        if config.is_none() && !code.is_page(&file.base) {
            continue;
        }
        let json_name = format!("{}.json", shown(project, &file.base));
        let mut seen = HashSet::new();
        for el in &file.elements {
            let tag = el.name.as_str();
            if !global.iter().any(|g| g == tag) || config.is_some_and(|c| c.declares(tag)) {
                continue;
            }
            if !seen.insert(tag) {
                continue; // once per tag and file
            }
            ctx.report(
                Diagnostic::new(msg!(
                    "`<{tag}>` is declared only in app.json `usingComponents`, which independent subpackages do not get",
                    "`<{tag}>` 只在 app.json 的 `usingComponents` 中声明，而独立分包不会应用全局组件"
                ))
                .at(&file.source, el.name_span.clone())
                .span_label(msg!("unknown in the chat-tool package", "在聊天工具分包中未声明"))
                .help(msg!(
                    "declare `{tag}` in `{json_name}` under `usingComponents`, with a path inside the chat-tool package",
                    "请在 `{json_name}` 的 `usingComponents` 中声明 `{tag}`，并使用聊天工具分包内的路径"
                )),
            );
        }
    }
}
