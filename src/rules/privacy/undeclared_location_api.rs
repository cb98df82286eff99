use std::collections::HashSet;

use crate::code::refs::api_name;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "privacy/undeclared-location-api",
    default_severity: Severity::Warning,
    summary: (
        "the chat-tool package calls a location API that requiredPrivateInfos does not declare",
        "聊天工具分包调用了 requiredPrivateInfos 未声明的地理位置接口",
    ),
    docs: include_str!("undeclared_location_api.md"),
    check,
    ..Rule::DEFAULT
};

/// The 8 APIs that must be declared in `requiredPrivateInfos`.
pub const LOCATION_APIS: &[&str] = &[
    "getFuzzyLocation",
    "getLocation",
    "onLocationChange",
    "startLocationUpdate",
    "startLocationUpdateBackground",
    "chooseLocation",
    "choosePoi",
    "chooseAddress",
];

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    let declared: Vec<String> = ctx
        .app()
        .value
        .as_ref()
        .and_then(|v| v.get("requiredPrivateInfos"))
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    for file in code.own_js() {
        let mut seen = HashSet::new();
        for call in &file.facts.calls {
            let api = call.api.as_str();
            if !LOCATION_APIS.contains(&api) || declared.iter().any(|d| d == api) {
                continue;
            }
            if !seen.insert(api) {
                continue; // once per API and file
            }
            let name = api_name(call);
            ctx.report(
                Diagnostic::new(msg!(
                    "`{name}` is not declared in app.json `requiredPrivateInfos`: it fails at run time",
                    "`{name}` 未在 app.json 的 `requiredPrivateInfos` 中声明：运行时会调用失败"
                ))
                .at(&file.source, call.span.clone())
                .span_label(msg!(
                    "fails with \"the api need to be declared in the requiredPrivateInfos field\"",
                    "会报错 “the api need to be declared in the requiredPrivateInfos field”"
                ))
                .help(msg!(
                    "add \"{api}\" to `requiredPrivateInfos` in app.json",
                    "请在 app.json 的 `requiredPrivateInfos` 中加入 \"{api}\""
                )),
            );
        }
    }
}
