use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/share-handler",
    default_severity: Severity::Info,
    summary: (
        "a chat-tool page defines onShareAppMessage, which chat-tool mode never calls",
        "聊天工具页面定义了 onShareAppMessage，聊天工具模式下不会被调用",
    ),
    docs: include_str!("share_handler.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    for file in code.own_js() {
        if !code.is_page(&file.base) {
            continue;
        }
        for span in &file.facts.share_handlers {
            ctx.report(
                Diagnostic::new(msg!(
                    "`onShareAppMessage` is not used in chat-tool mode: normal forwarding is disabled there",
                    "聊天工具模式下不会使用 `onShareAppMessage`：普通转发在聊天工具中不可用"
                ))
                .at(&file.source, span.clone())
                .span_label(msg!("never called in a chat tool", "在聊天工具中不会被调用"))
                .help(msg!(
                    "share into the chat with `wx.shareAppMessageToGroup` from a tap handler; keep this handler only if the page is also opened outside chat-tool mode",
                    "请在点击事件中调用 `wx.shareAppMessageToGroup` 分享到聊天中；仅当页面也在非聊天工具模式下打开时才需要保留此处理函数"
                )),
            );
        }
    }
}
