use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "code/syntax",
    default_severity: Severity::Warning,
    summary: (
        "a JavaScript or TypeScript file of the chat-tool package does not parse",
        "聊天工具分包中的 JavaScript 或 TypeScript 文件无法解析",
    ),
    docs: include_str!("syntax.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    for file in code.own_js() {
        let Some(e) = &file.facts.syntax else {
            continue;
        };
        let message = &e.message;
        ctx.report(
            Diagnostic::new(msg!(
                "this file does not parse: {message}",
                "此文件无法解析：{message}"
            ))
            .at(&file.source, e.span.clone())
            .span_label(msg!("the parser stopped here", "解析在这里出错"))
            .help(msg!(
                "fix the syntax error: WeChat's compiler will reject the file, and the code rules could only partly check it",
                "请修正语法错误：微信的编译器会拒绝此文件，代码相关的检查也只能部分进行"
            )),
        );
    }
}
