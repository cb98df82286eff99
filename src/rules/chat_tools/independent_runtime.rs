use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/independent-runtime",
    default_severity: Severity::Warning,
    summary: (
        "code of the chat-tool package assumes the main package has run",
        "聊天工具分包的代码假定主包已经运行",
    ),
    docs: include_str!("independent_runtime.md"),
    docs_zh: include_str!("independent_runtime.zh.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    let root = code.root.clone();
    for file in code.own_js().filter(|f| !f.wxs) {
        for (span, allow_default) in &file.facts.get_app {
            // `None`: an argument we cannot read; stay silent.
            if *allow_default != Some(false) {
                continue;
            }
            ctx.report(
                Diagnostic::new(msg!(
                    "`getApp()` without `{{ allowDefault: true }}` in the chat-tool package `{root}`: when the chat tool opens on its own, `App` may not be registered and this returns `undefined`",
                    "聊天工具分包 `{root}` 中调用了不带 `{{ allowDefault: true }}` 的 `getApp()`：聊天工具单独打开时 `App` 可能尚未注册，此处会返回 `undefined`"
                ))
                .at(&file.source, span.clone())
                .span_label(msg!("may return undefined", "可能返回 undefined"))
                .help(msg!(
                    "call `getApp({{ allowDefault: true }})`, which returns a default object until app.js registers `App` (independent-subpackage docs), and do not rely on `globalData` set by app.js",
                    "改为 `getApp({{ allowDefault: true }})`：在 app.js 注册 `App` 之前它返回一个默认对象（见独立分包文档）；也不要依赖 app.js 设置的 `globalData`"
                )),
            );
        }
    }
    // wx.cloud.* with `wx.cloud.init` nowhere in the package (libraries included): app.js,
    // where projects usually call it, does not run when the chat tool opens.
    let inits = code
        .js
        .iter()
        .any(|f| f.facts.cloud_calls.iter().any(|(api, _)| api == "init"));
    if inits {
        return;
    }
    for file in code.own_js().filter(|f| !f.wxs) {
        let calls: Vec<_> = file.facts.cloud_calls.iter().collect();
        let Some((api, span)) = calls.first() else {
            continue;
        };
        let n = calls.len();
        let (more_en, more_zh) = if n > 1 {
            (
                format!(" (and {} more calls in this file)", n - 1),
                format!("（此文件中另有 {} 处调用）", n - 1),
            )
        } else {
            (String::new(), String::new())
        };
        ctx.report(
            Diagnostic::new(msg!(
                "`wx.cloud.{api}` is called{more_en}, but nothing in the chat-tool package `{root}` calls `wx.cloud.init`: app.js does not run when the chat tool opens on its own",
                "调用了 `wx.cloud.{api}`{more_zh}，但聊天工具分包 `{root}` 中没有调用 `wx.cloud.init`：聊天工具单独打开时 app.js 不会执行"
            ))
            .at(&file.source, span.clone())
            .span_label(msg!("cloud not initialised here", "此时云开发尚未初始化"))
            .help(msg!(
                "call `wx.cloud.init({{ env: … }})` in the package too (for example in the entry page's `onLoad`, or a module the package requires)",
                "请在分包中也调用 `wx.cloud.init({{ env: … }})`（例如在入口页面的 `onLoad` 中，或分包引用的某个模块中）"
            )),
        );
    }
}
