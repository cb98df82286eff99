use crate::code::refs::api_name;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/forbidden-api",
    default_severity: Severity::Error,
    summary: (
        "the chat-tool package calls an API that chat-tool mode disables",
        "聊天工具分包调用了聊天工具模式下不可用的接口",
    ),
    docs: include_str!("forbidden_api.md"),
    check,
    ..Rule::DEFAULT
};

/// "以下能力暂不支持聊天工具模式下使用 … 外跳类接口" (chatTool guide §6).
pub const FORBIDDEN: &[&str] = &[
    "navigateToMiniProgram",
    "openEmbeddedMiniProgram",
    "openOfficialAccountArticle",
    "openChannelsUserProfile",
    "openChannelsLive",
    "openChannelsEvent",
    "openChannelsActivity",
];

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    for file in code.own_js() {
        for call in &file.facts.calls {
            if !FORBIDDEN.contains(&call.api.as_str()) {
                continue;
            }
            let name = api_name(call);
            let help = if call.api.starts_with("openChannels") {
                msg!(
                    "Channels (视频号) pages cannot be opened from a chat tool; remove the call, or make it only outside chat-tool mode (when `wx.getApiCategory()` is not `'chatTool'`)",
                    "聊天工具中无法打开视频号相关页面；请删除此调用，或仅在非聊天工具模式下调用（`wx.getApiCategory()` 不为 `'chatTool'` 时）"
                )
            } else {
                msg!(
                    "jumping out of the mini program is disabled in chat-tool mode (\"外跳类接口\"); remove the call, or make it only outside chat-tool mode (when `wx.getApiCategory()` is not `'chatTool'`)",
                    "聊天工具模式下不支持外跳类接口；请删除此调用，或仅在非聊天工具模式下调用（`wx.getApiCategory()` 不为 `'chatTool'` 时）"
                )
            };
            ctx.report(
                Diagnostic::new(msg!(
                    "`{name}` is not available in chat-tool mode",
                    "聊天工具模式下不支持 `{name}`"
                ))
                .at(&file.source, call.span.clone())
                .span_label(msg!("fails in a chat tool", "在聊天工具中调用会失败"))
                .help(help),
            );
        }
    }
    // <navigator target="miniProgram"> is navigateToMiniProgram in markup.
    for file in code.own_wxml() {
        for el in &file.elements {
            if el.name != "navigator" {
                continue;
            }
            let Some(target) = el.attr("target") else {
                continue;
            };
            if target.static_value() != Some("miniProgram") {
                continue;
            }
            ctx.report(
                Diagnostic::new(msg!(
                    "`<navigator target=\"miniProgram\">` opens another mini program, which chat-tool mode disables",
                    "`<navigator target=\"miniProgram\">` 会打开其他小程序，聊天工具模式下不支持"
                ))
                .at(&file.source, target.span.clone())
                .span_label(msg!("like `wx.navigateToMiniProgram`", "等同于 `wx.navigateToMiniProgram`"))
                .help(msg!(
                    "remove the link from the chat-tool page: jumping out of the mini program is disabled in chat-tool mode (\"外跳类接口\")",
                    "请从聊天工具页面中移除此跳转：聊天工具模式下不支持外跳类接口"
                )),
            );
        }
    }
}
