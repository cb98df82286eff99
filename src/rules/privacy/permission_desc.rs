use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "privacy/permission-desc",
    default_severity: Severity::Warning,
    summary: (
        "A permission's desc is missing, empty, or longer than 30 characters",
        "permission 的 desc 缺失、为空或超过 30 个字符",
    ),
    docs: include_str!("permission_desc.md"),
    check,
    ..Rule::DEFAULT
};

/// "小程序获取权限时展示的接口用途说明。最长 30 个字符".
const MAX_CHARS: usize = 30;

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    let Some(permission) = app.get("/permission").and_then(|v| v.as_object()) else {
        return;
    };
    for (scope, value) in permission {
        if !scope.starts_with("scope.") {
            continue;
        }
        let Some(entry) = value.as_object() else {
            continue; // schema/type
        };
        let scope_pointer = format!("/permission/{}", crate::json::escape_token(scope));
        let pointer = format!("{scope_pointer}/desc");
        let d = match entry.get("desc") {
            None => Diagnostic::new(msg!(
                "`permission[\"{scope}\"]` has no `desc`",
                "`permission[\"{scope}\"]` 缺少 `desc`"
            ))
            .at(&app.source, app.key_span(&scope_pointer))
            .pointer(scope_pointer.clone())
            .span_label(msg!("no `desc`", "缺少 `desc`"))
            .help(msg!(
                "add `\"desc\"`: what the permission is used for, shown to the user when it is requested (at most {MAX_CHARS} characters)",
                "添加 `\"desc\"`：向用户申请权限时展示的用途说明（最多 {MAX_CHARS} 个字符）"
            )),
            Some(desc) => {
                let Some(desc) = desc.as_str() else {
                    continue; // schema/type
                };
                let chars = desc.chars().count();
                if desc.trim().is_empty() {
                    Diagnostic::new(msg!(
                        "`permission[\"{scope}\"].desc` is empty",
                        "`permission[\"{scope}\"].desc` 为空"
                    ))
                    .at(&app.source, app.value_span(&pointer))
                    .pointer(pointer.clone())
                    .span_label(msg!("empty", "为空"))
                    .help(msg!(
                        "say what the permission is used for: WeChat shows it to the user when it is requested (at most {MAX_CHARS} characters)",
                        "写明权限的用途：向用户申请权限时会展示这段说明（最多 {MAX_CHARS} 个字符）"
                    ))
                } else if chars > MAX_CHARS {
                    Diagnostic::new(msg!(
                        "`permission[\"{scope}\"].desc` is {chars} characters long; WeChat allows at most {MAX_CHARS}",
                        "`permission[\"{scope}\"].desc` 长 {chars} 个字符，微信规定最长 {MAX_CHARS} 个字符"
                    ))
                    .at(&app.source, app.value_span(&pointer))
                    .pointer(pointer.clone())
                    .span_label(msg!("{chars} characters", "{chars} 个字符"))
                    .help(msg!(
                        "shorten it to {MAX_CHARS} characters or fewer (the app.json reference: 最长 30 个字符)",
                        "缩短到 {MAX_CHARS} 个字符以内（app.json 文档：最长 30 个字符）"
                    ))
                } else {
                    continue;
                }
            }
        };
        ctx.report(d);
    }
}
