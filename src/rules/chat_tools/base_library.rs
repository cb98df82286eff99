use serde_json::Value;

use crate::rules::prelude::*;
use crate::rules::version::Version;

pub static RULE: Rule = Rule {
    id: "chat-tools/base-library",
    default_severity: Severity::Warning,
    summary: (
        "The base library or the Skyline SDK range excludes 3.7.8, the first with chat tools",
        "基础库版本或 Skyline 生效范围不包含 3.7.8（聊天工具最低基础库）",
    ),
    docs: include_str!("base_library.md"),
    check,
    ..Rule::DEFAULT
};

/// The first base library with chat tools: "从基础库 3.7.8 开始支持".
pub const MIN_BASE_LIBRARY: &str = "3.7.8";
/// The `sdkVersionEnd` WeChat's own examples use: no upper limit in practice.
pub const OPEN_SDK_END: &str = "15.255.255";

fn check(ctx: &mut LintContext) {
    if ctx.model().chat_tools.is_empty() {
        return;
    }
    let min = Version::parse(MIN_BASE_LIBRARY).expect("valid constant");
    let open_end = Version::parse(OPEN_SDK_END).expect("valid constant");

    // project.private.config.json's libVersion wins over project.config.json's, as in the tools.
    if let Some((config, value)) = ctx.project.config_for("/libVersion") {
        if let Some(v) = Some(value)
            .and_then(Value::as_str)
            .and_then(|s| Version::parse(s).map(|v| (s, v)))
            .filter(|(_, v)| *v < min)
            .map(|(s, _)| s.to_string())
        {
            ctx.report(
                Diagnostic::new(msg!(
                    "`libVersion` {v} is below {MIN_BASE_LIBRARY}, the first base library with chat tools",
                    "`libVersion` {v} 低于 {MIN_BASE_LIBRARY}，聊天工具从该版本基础库开始支持"
                ))
                .at(&config.source, config.value_span("/libVersion"))
                .pointer("/libVersion")
                .span_label(msg!(
                    "chat tools need {MIN_BASE_LIBRARY} or later",
                    "聊天工具需要 {MIN_BASE_LIBRARY} 或更高版本"
                ))
                .help(msg!(
                    "set `libVersion` to {MIN_BASE_LIBRARY} or later (the guide: \"从基础库 3.7.8 开始支持\"); the developer tools run the project with this base library, and below it the chat-tool APIs do not exist",
                    "将 `libVersion` 设为 {MIN_BASE_LIBRARY} 或更高（官方文档：“从基础库 3.7.8 开始支持”）；开发者工具用这个基础库运行项目，低于它时聊天工具接口不存在"
                )),
            );
        }
    }

    let app = ctx.app();
    let begin = "/rendererOptions/skyline/sdkVersionBegin";
    if let Some(s) = app.get(begin).and_then(Value::as_str) {
        if Version::parse(s).is_some_and(|v| v > min) {
            ctx.report(
                Diagnostic::new(msg!(
                    "`sdkVersionBegin` {s} is above {MIN_BASE_LIBRARY}: below {s}, Skyline and so the chat tool are off",
                    "`sdkVersionBegin` {s} 高于 {MIN_BASE_LIBRARY}：低于 {s} 的基础库不启用 Skyline，聊天工具也就无法使用"
                ))
                .at(&app.source, app.value_span(begin))
                .pointer(begin)
                .span_label(msg!(
                    "Skyline starts only at {s}",
                    "Skyline 从 {s} 才开始启用"
                ))
                .help(msg!(
                    "set `sdkVersionBegin` to {MIN_BASE_LIBRARY} or lower (the official demo uses \"3.0.0\"), so that every base library with chat tools renders them with Skyline",
                    "将 `sdkVersionBegin` 设为 {MIN_BASE_LIBRARY} 或更低（官方示例为 \"3.0.0\"），让所有支持聊天工具的基础库都用 Skyline 渲染"
                )),
            );
        }
    }
    let end = "/rendererOptions/skyline/sdkVersionEnd";
    if let Some(s) = app.get(end).and_then(Value::as_str) {
        if Version::parse(s).is_some_and(|v| v < open_end) {
            ctx.report(
                Diagnostic::new(msg!(
                    "`sdkVersionEnd` {s} is below {OPEN_SDK_END}: above {s}, Skyline and so the chat tool are off",
                    "`sdkVersionEnd` {s} 低于 {OPEN_SDK_END}：高于 {s} 的基础库不启用 Skyline，聊天工具也就无法使用"
                ))
                .at(&app.source, app.value_span(end))
                .pointer(end)
                .span_label(msg!(
                    "Skyline stops after {s}",
                    "Skyline 在 {s} 之后停用"
                ))
                .help(msg!(
                    "set `sdkVersionEnd` to \"{OPEN_SDK_END}\", as WeChat's guide and demo do",
                    "将 `sdkVersionEnd` 设为 \"{OPEN_SDK_END}\"（官方文档和示例都如此）"
                )),
            );
        }
    }
}
