use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "code/syntax",
    default_severity: Severity::Warning,
    summary: (
        "a JavaScript or TypeScript file of the chat-tool package does not parse",
        "聊天工具分包中的 JavaScript 或 TypeScript 文件无法解析",
    ),
    docs: include_str!("syntax.md"),
    docs_zh: include_str!("syntax.zh.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let server = ctx.server_code();
    let code = ctx.package_code();
    // The chat-tool package's own files, then the server code (`server/chattoolmsg` reads it).
    let files = code
        .iter()
        .flat_map(|c| c.own_js().map(|f| (&f.source, &f.facts.syntax)))
        .chain(server.files.iter().map(|f| (&f.source, &f.syntax)));
    let mut found = Vec::new();
    for (source, syntax) in files {
        if let Some(e) = syntax {
            found.push((source.clone(), e.clone()));
        }
    }
    for (source, e) in found {
        let file_source = source;
        let message = &e.message;
        ctx.report(
            Diagnostic::new(msg!(
                "this file does not parse: {message}",
                "此文件无法解析：{message}"
            ))
            .at(&file_source, e.span.clone())
            .span_label(msg!("the parser stopped here", "解析在这里出错"))
            .help(msg!(
                "fix the syntax error: WeChat's compiler will reject the file, and the code rules could only partly check it",
                "请修正语法错误：微信的编译器会拒绝此文件，代码相关的检查也只能部分进行"
            )),
        );
    }
}
