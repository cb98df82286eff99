use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/forbidden-component",
    default_severity: Severity::Error,
    summary: (
        "the chat-tool package uses an ad or a share button, which chat-tool mode disables",
        "聊天工具分包使用了聊天工具模式下不可用的广告或分享按钮",
    ),
    docs: include_str!("forbidden_component.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    for file in code.own_wxml() {
        let config = code.config(&file.base);
        for el in &file.elements {
            // A custom component may reuse a name; only the built-in ones are disabled.
            if config.is_some_and(|c| c.declares(&el.name)) {
                continue;
            }
            let tag = el.name.as_str();
            match tag {
                "ad" | "ad-custom" => ctx.report(
                    Diagnostic::new(msg!(
                        "`<{tag}>` is not available in chat-tool mode",
                        "聊天工具模式下不支持 `<{tag}>`"
                    ))
                    .at(&file.source, el.name_span.clone())
                    .span_label(msg!("ads are disabled in chat tools", "聊天工具中不支持广告"))
                    .help(msg!(
                        "remove the ad from the chat-tool package (\"以下能力暂不支持聊天工具模式下使用 … 广告\")",
                        "请从聊天工具分包中移除广告组件（“以下能力暂不支持聊天工具模式下使用 … 广告”）"
                    )),
                ),
                "button" => {
                    let Some(open_type) = el.attr("open-type") else {
                        continue;
                    };
                    if open_type.static_value() != Some("share") {
                        continue;
                    }
                    ctx.report(
                        Diagnostic::new(msg!(
                            "`<button open-type=\"share\">` does not work in chat-tool mode",
                            "聊天工具模式下 `<button open-type=\"share\">` 不可用"
                        ))
                        .at(&file.source, open_type.span.clone())
                        .span_label(msg!("normal forwarding is disabled", "普通转发不可用"))
                        .help(msg!(
                            "share into the chat with `wx.shareAppMessageToGroup` (or `wx.shareImageToGroup`, `wx.shareVideoToGroup`…) from the button's tap handler",
                            "请在按钮的点击事件中调用 `wx.shareAppMessageToGroup`（或 `wx.shareImageToGroup`、`wx.shareVideoToGroup` 等）分享到聊天中"
                        )),
                    );
                }
                _ => {}
            }
        }
    }
}
