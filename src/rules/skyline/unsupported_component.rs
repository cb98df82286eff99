use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "skyline/unsupported-component",
    default_severity: Severity::Warning,
    summary: (
        "a chat-tool page uses a component Skyline does not support",
        "聊天工具页面使用了 Skyline 不支持的组件",
    ),
    docs: include_str!("unsupported_component.md"),
    check,
    ..Rule::DEFAULT
};

/// Built-in components Skyline does not render, with what to do instead.
const UNSUPPORTED: &[(&str, &str, &str)] = &[
    (
        "web-view",
        "web pages cannot be shown in a chat tool; open them from a normal page",
        "聊天工具中无法展示网页；请在普通页面中打开",
    ),
    (
        "editor",
        "use `<textarea>` for text input",
        "请使用 `<textarea>` 输入文本",
    ),
    (
        "movable-area",
        "build the interaction with Skyline's gesture components and worklet animations",
        "请使用 Skyline 的手势组件和 worklet 动画实现",
    ),
    (
        "movable-view",
        "build the interaction with Skyline's gesture components and worklet animations",
        "请使用 Skyline 的手势组件和 worklet 动画实现",
    ),
    (
        "match-media",
        "adapt the layout with WXSS media queries or `wx.getWindowInfo`",
        "请使用 WXSS 媒体查询或 `wx.getWindowInfo` 适配布局",
    ),
    (
        "xr-frame",
        "XR scenes are not available under Skyline; show them from a normal WebView page",
        "Skyline 下无法使用 XR 场景；请在普通 WebView 页面中展示",
    ),
];

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    for file in code.own_wxml() {
        let config = code.config(&file.base);
        for el in &file.elements {
            let Some((tag, en, zh)) = UNSUPPORTED.iter().find(|(t, _, _)| *t == el.name) else {
                continue;
            };
            if config.is_some_and(|c| c.declares(tag)) {
                continue; // a custom component of that name
            }
            ctx.report(
                Diagnostic::new(msg!(
                    "`<{tag}>` is not supported by Skyline, and chat-tool pages render with Skyline",
                    "Skyline 不支持 `<{tag}>`，而聊天工具页面使用 Skyline 渲染"
                ))
                .at(&file.source, el.name_span.clone())
                .span_label(msg!("not rendered under Skyline", "Skyline 下无法渲染"))
                .help(Msg::new(
                    format!("{en} (Skyline turns unsupported components into an empty default-component)"),
                    format!("{zh}（Skyline 不支持的组件会变成空的 default-component）"),
                )),
            );
        }
    }
}
