use serde_json::Value;

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/skyline-ab-test",
    default_severity: Severity::Warning,
    summary: (
        "Skyline is left to WeChat's A/B test: rendererOptions.skyline.disableABTest is not true",
        "Skyline 仍受微信 A/B 实验控制：rendererOptions.skyline.disableABTest 不是 true",
    ),
    docs: include_str!("skyline_ab_test.md"),
    check,
    ..Rule::DEFAULT
};

const POINTER: &str = "/rendererOptions/skyline/disableABTest";

fn check(ctx: &mut LintContext) {
    let model = ctx.model();
    let app = ctx.app();
    if model.chat_tools.is_empty() {
        return;
    }
    let (span, pointer, label) = match app.get(POINTER) {
        Some(Value::Bool(true)) => return,
        Some(Value::Bool(false)) => (
            app.value_span(POINTER),
            POINTER,
            msg!("the A/B test decides", "由 A/B 实验决定"),
        ),
        Some(_) => return, // not a boolean: schema/type
        None => {
            let pointer = ["/rendererOptions/skyline", "/rendererOptions", "/chatTools"]
                .into_iter()
                .find(|p| app.node(p).is_some())
                .unwrap_or("/chatTools");
            (
                app.key_span(pointer),
                pointer,
                msg!("no `disableABTest: true`", "没有 `disableABTest: true`"),
            )
        }
    };
    ctx.report(
        Diagnostic::new(msg!(
            "`rendererOptions.skyline.disableABTest` is not `true`: Skyline is then switched on by WeChat's A/B test, and chat-tool pages may render with WebView",
            "`rendererOptions.skyline.disableABTest` 不是 `true`：Skyline 是否启用将由微信的 A/B 实验决定，聊天工具页面可能以 WebView 渲染"
        ))
        .at(&app.source, span)
        .pointer(pointer)
        .span_label(label)
        .help(msg!(
            "set `\"rendererOptions\": {{ \"skyline\": {{ \"disableABTest\": true }} }}` in app.json, as WeChat's chat-tool guide and demo do",
            "在 app.json 中设置 `\"rendererOptions\": {{ \"skyline\": {{ \"disableABTest\": true }} }}`（官方聊天工具文档和示例都如此）"
        )),
    );
}
