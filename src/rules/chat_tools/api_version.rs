use crate::code::refs::api_name;
use crate::rules::prelude::*;
use crate::rules::version::Version;
use crate::wechat::apis;

pub static RULE: Rule = Rule {
    id: "chat-tools/api-version",
    default_severity: Severity::Warning,
    summary: (
        "a chat-tool API newer than the project's minimum base library is called without a guard",
        "调用了比项目最低基础库更新的聊天工具接口，且没有做兼容判断",
    ),
    docs: include_str!("api_version.md"),
    docs_zh: include_str!("api_version.zh.md"),
    check,
    options: Some(&Options::<ApiVersionOptions>::DECLARE),
    ..Rule::DEFAULT
};

#[derive(Debug, Default, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ApiVersionOptions {
    /// The lowest base library the mini program supports (e.g. "3.8.0"); overrides project.config.json's `libVersion`. 小程序支持的最低基础库版本（例如 "3.8.0"）；优先于 project.config.json 的 `libVersion`。
    #[schemars(
        regex(pattern = r"^\s*[vV]?\d{1,9}(\.\d{1,9})*\s*$"),
        extend("x-expected" = ["a base-library version such as \"3.8.0\"", "基础库版本号，例如 \"3.8.0\""])
    )]
    pub min_base_library: Option<String>,
}

/// Where the minimum base library came from, for messages.
enum Origin {
    Option,
    LibVersion,
}

/// The project's minimum base library: the rule option `minBaseLibrary`, else
/// project.config.json's `libVersion` (the private config overriding it). `None` when neither
/// is a version (`latest`, absent): then nothing is known and nothing is said.
fn minimum(ctx: &LintContext) -> Option<(Version, Origin)> {
    let options: ApiVersionOptions = ctx.options();
    if let Some(v) = options.min_base_library {
        return Version::parse(&v).map(|v| (v, Origin::Option));
    }
    let (_, value) = ctx.project.config_for("/libVersion")?;
    Version::parse(value.as_str()?).map(|v| (v, Origin::LibVersion))
}

fn check(ctx: &mut LintContext) {
    let Some((min, origin)) = minimum(ctx) else {
        return;
    };
    let Some(code) = ctx.package_code() else {
        return;
    };
    let (from_en, from_zh) = match origin {
        Origin::Option => (
            "`minBaseLibrary` in chattools-lint.json",
            "chattools-lint.json 中的 `minBaseLibrary`",
        ),
        Origin::LibVersion => (
            "`libVersion` in project.config.json",
            "project.config.json 中的 `libVersion`",
        ),
    };
    for file in code.own_js() {
        for call in &file.facts.calls {
            let Some(since) = apis::find(&call.api).and_then(|a| a.since) else {
                continue;
            };
            let Some(need) = Version::parse(since) else {
                continue;
            };
            let guards = |g: &Vec<String>| g.iter().any(|g| g == "*" || *g == call.api);
            // Also silent in a method or function that some guarded site calls
            // (`if (wx.canIUse('x')) this.enter()`): its other callers are not followed.
            let guarded_caller = call.unit.is_some_and(|u| {
                let name = &file.facts.units[u].name;
                file.facts
                    .guarded_calls
                    .iter()
                    .any(|(n, g)| n == name && guards(g))
            });
            if need <= min || guards(&call.guards) || guarded_caller {
                continue;
            }
            let name = api_name(call);
            let api = &call.api;
            let receiver = &call.receiver;
            ctx.report(
                Diagnostic::new(msg!(
                    "`{name}` needs base library {since}, above the minimum {min} ({from_en}), and no guard checks it",
                    "`{name}` 需要基础库 {since}，高于最低版本 {min}（{from_zh}），且没有兼容判断"
                ))
                .at(&file.source, call.span.clone())
                .span_label(msg!(
                    "undefined below {since}",
                    "低于 {since} 时不存在"
                ))
                .help(msg!(
                    "call it only where it exists: `if ({receiver}.canIUse('{api}')) {{ … }}` (or `if ({receiver}.{api})`), with a fallback for older WeChat; or raise the minimum base library to {since}",
                    "请先判断接口是否可用：`if ({receiver}.canIUse('{api}')) {{ … }}`（或 `if ({receiver}.{api})`），并为旧版本微信提供降级处理；或把最低基础库提高到 {since}"
                )),
            );
        }
    }
}
