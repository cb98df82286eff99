use std::collections::HashMap;

use crate::rules::prelude::*;
use crate::wechat::SCOPES;

pub static RULE: Rule = Rule {
    id: "chat-tools/unknown-scope",
    default_severity: Severity::Error,
    summary: (
        "A chatTools scopes item is not a WeChat scope, or is listed twice",
        "chatTools 的 scopes 中有不存在的权限，或重复列出",
    ),
    docs: include_str!("unknown_scope.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let model = ctx.model();
    let app = ctx.app();
    for tool in &model.chat_tools {
        let mut seen: HashMap<&str, &str> = HashMap::new(); // scope → pointer of its first item
        for item in &tool.scopes {
            let scope = item.path.as_str();
            let span = app.value_span(&item.pointer);
            if let Some(first) = seen.get(scope) {
                ctx.report(
                    Diagnostic::new(msg!(
                        "`{scope}` is listed twice in `scopes`",
                        "`{scope}` 在 `scopes` 中重复出现"
                    ))
                    .severity_cap(Severity::Warning)
                    .at(&app.source, span)
                    .pointer(item.pointer.clone())
                    .span_label(msg!("listed again", "重复列出"))
                    .label(
                        app.value_span(first),
                        Some(msg!("first listed here", "首次列出于此")),
                    )
                    .help(msg!("remove the repeated item", "删除重复的这一项")),
                );
                continue;
            }
            seen.insert(scope, &item.pointer);
            if SCOPES.contains(&scope) {
                continue;
            }
            let suggestion = closest(scope, SCOPES.iter().copied()).or_else(|| {
                // `userLocation` for `scope.userLocation`, or a case slip.
                SCOPES.iter().copied().find(|s| {
                    s.eq_ignore_ascii_case(scope)
                        || s.strip_prefix("scope.")
                            .is_some_and(|n| n.eq_ignore_ascii_case(scope))
                })
            });
            let help = match suggestion {
                Some(best) => msg!(
                    "did you mean `{best}`? `scopes` lists the scopes the chat tool uses, from WeChat's authorize page (授权)",
                    "是否应为 `{best}`？`scopes` 填写聊天工具会用到的权限，取值见官方文档“授权”页的 scope 列表"
                ),
                None => msg!(
                    "use scopes from WeChat's authorize page (授权): {}",
                    "请使用官方文档“授权”页列出的 scope：{}",
                    SCOPES.join(", ")
                ),
            };
            ctx.report(
                Diagnostic::new(msg!(
                    "`{scope}` is not a WeChat scope",
                    "`{scope}` 不是微信小程序的 scope"
                ))
                .at(&app.source, span)
                .pointer(item.pointer.clone())
                .span_label(msg!("unknown scope", "未知的 scope"))
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::diagnostic::Severity;
    use crate::project::Project;

    /// (message, severity) of each unknown-scope diagnostic under a configured severity.
    fn run(configured: Option<Severity>) -> Vec<(String, Severity)> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("app.json"),
            r#"{"chatTools": [{"root": "p", "entryPagePath": "a", "desc": "群签到",
                "scopes": ["scope.camera", "scope.cmaera", "scope.camera"]}]}"#,
        )
        .unwrap();
        let project = Project::load(dir.path()).unwrap();
        let mut config = Config::default();
        if let Some(s) = configured {
            config
                .rules
                .severities
                .insert("chat-tools/unknown-scope".into(), s);
        }
        crate::lint::lint_project(&project, &config)
            .into_iter()
            .filter(|d| d.rule == "chat-tools/unknown-scope")
            .map(|d| (d.message.en, d.severity))
            .collect()
    }

    #[test]
    fn duplicates_are_capped_at_warning() {
        let sev = |list: &[(String, Severity)], needle: &str| {
            list.iter()
                .find(|(m, _)| m.contains(needle))
                .map(|(_, s)| *s)
        };
        let default = run(None);
        assert_eq!(sev(&default, "not a WeChat scope"), Some(Severity::Error));
        assert_eq!(sev(&default, "listed twice"), Some(Severity::Warning));
        let info = run(Some(Severity::Info));
        assert_eq!(sev(&info, "not a WeChat scope"), Some(Severity::Info));
        assert_eq!(sev(&info, "listed twice"), Some(Severity::Info));
        assert!(run(Some(Severity::Off)).is_empty());
    }
}
