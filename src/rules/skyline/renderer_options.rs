use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "skyline/renderer-options",
    default_severity: Severity::Error,
    summary: (
        "app.json sets \"renderer\": \"skyline\" without rendererOptions.skyline",
        "app.json 设置了 \"renderer\": \"skyline\"，却没有 rendererOptions.skyline",
    ),
    docs: include_str!("renderer_options.md"),
    check,
    ..Rule::DEFAULT
};

const EXAMPLE: &str = "\"rendererOptions\": { \"skyline\": { \"defaultDisplayBlock\": true, \"defaultContentBox\": true, \"disableABTest\": true, \"sdkVersionBegin\": \"3.0.0\", \"sdkVersionEnd\": \"15.255.255\" } }";

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    if app.get("/renderer").and_then(|v| v.as_str()) != Some("skyline") {
        return;
    }
    let d = match app.get("/rendererOptions") {
        None => Diagnostic::new(msg!(
            "app.json sets `\"renderer\": \"skyline\"` but has no `rendererOptions`",
            "app.json 设置了 `\"renderer\": \"skyline\"`，但没有 `rendererOptions`"
        ))
        .at(&app.source, app.value_span("/renderer"))
        .pointer("/renderer")
        .span_label(msg!(
            "Skyline for the whole app",
            "整个小程序使用 Skyline"
        ))
        .help(msg!(
            "add {EXAMPLE} to app.json (WeChat: 需要同时设置 rendererOptions 选项以及 skyline 配置)",
            "在 app.json 中添加 {EXAMPLE}（微信的提示：需要同时设置 rendererOptions 选项以及 skyline 配置）"
        )),
        Some(options) => {
            let Some(options) = options.as_object() else {
                return; // schema/type
            };
            if options.contains_key("skyline") {
                return; // present; its shape is the schema's
            }
            Diagnostic::new(msg!(
                "app.json sets `\"renderer\": \"skyline\"` but `rendererOptions` has no `skyline` section",
                "app.json 设置了 `\"renderer\": \"skyline\"`，但 `rendererOptions` 中没有 `skyline` 配置"
            ))
            .at(&app.source, app.value_span("/renderer"))
            .pointer("/renderer")
            .span_label(msg!(
                "Skyline for the whole app",
                "整个小程序使用 Skyline"
            ))
            .label(
                app.key_span("/rendererOptions"),
                Some(msg!("no `skyline` in here", "这里缺少 `skyline`")),
            )
            .help(msg!(
                "add a `skyline` object to `rendererOptions`, e.g. {EXAMPLE} (WeChat: 需要同时设置 rendererOptions 字段中 skyline 配置)",
                "在 `rendererOptions` 中添加 `skyline` 对象，例如 {EXAMPLE}（微信的提示：需要同时设置 rendererOptions 字段中 skyline 配置）"
            ))
        }
    };
    ctx.report(d);
}
