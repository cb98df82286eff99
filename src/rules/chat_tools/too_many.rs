use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/too-many",
    default_severity: Severity::Error,
    summary: (
        "More than one chatTools entry; a mini program may have one chat tool",
        "配置了多个聊天工具；每个小程序目前仅支持一个",
    ),
    docs: include_str!("too_many.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    let Some(list) = app.get("/chatTools").and_then(|v| v.as_array()) else {
        return;
    };
    if list.len() <= 1 {
        return;
    }
    let n = list.len();
    let mut d = Diagnostic::new(msg!(
        "{n} chat tools are configured, but a mini program may have only one",
        "配置了 {n} 个聊天工具，但每个小程序目前仅支持配置一个"
    ))
    .at(&app.source, app.value_span("/chatTools/1"))
    .pointer("/chatTools/1")
    .span_label(msg!("a second chat tool", "第二个聊天工具"))
    .label(
        app.value_span("/chatTools/0"),
        Some(msg!("the first one", "第一个")),
    );
    for i in 2..n {
        d = d.label(app.value_span(&format!("/chatTools/{i}")), None);
    }
    ctx.report(d.help(msg!(
        "keep one entry in `chatTools` (\"每个小程序目前仅支持配置一个聊天工具\"); WeChat's command-line validator does not catch this, the upload does",
        "`chatTools` 中只保留一项（官方文档：“每个小程序目前仅支持配置一个聊天工具”）；命令行校验不会发现，上传时才会报错"
    )));
}

#[cfg(test)]
mod tests {
    use crate::testing::Tester;

    #[test]
    fn one_chat_tool_only() {
        let tool = r#"{ "root": "pkg", "entryPagePath": "pages/a/index", "desc": "群签到" }"#;
        Tester::new(&super::RULE)
            .fail(&[(
                "app.json",
                &format!(r#"{{ "pages": [], "chatTools": [{tool}, {tool}] }}"#),
            )])
            .pass(&[(
                "app.json",
                &format!(r#"{{ "pages": [], "chatTools": [{tool}] }}"#),
            )])
            .pass(&[("app.json", r#"{ "pages": [], "chatTools": [] }"#)])
            .test();
    }
}
