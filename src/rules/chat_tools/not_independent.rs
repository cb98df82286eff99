use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/not-independent",
    default_severity: Severity::Error,
    summary: (
        "The chat-tool subpackage is not an independent subpackage",
        "聊天工具分包不是独立分包",
    ),
    docs: include_str!("not_independent.md"),
    check,
    fixable: true,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let model = ctx.model();
    let app = ctx.app();
    for tool in &model.chat_tools {
        let Some(root) = tool.root.as_deref() else {
            continue;
        };
        let Some(pkg) = model.subpackage_by_root(root) else {
            continue; // chat-tools/unknown-root
        };
        if pkg.independent == Some(true) {
            continue;
        }
        let independent = format!("{}/independent", pkg.pointer);
        let pointer = match app.get(&independent) {
            Some(serde_json::Value::Bool(false)) => independent,
            Some(_) => continue, // not a boolean: schema/type
            None => pkg.pointer.clone(),
        };
        let shown = pkg.root.as_deref().unwrap_or(root);
        let span_label = if pointer == pkg.pointer {
            msg!(
                "this subpackage has no `\"independent\": true`",
                "这个分包没有设置 `\"independent\": true`"
            )
        } else {
            msg!("not independent", "不是独立分包")
        };
        let fix =
            edit::set_member(app, &pkg.pointer, "independent", &true.into()).map(|edits| Fix {
                title: msg!(
                    "set `\"independent\": true` on the chat-tool subpackage",
                    "为聊天工具分包设置 `\"independent\": true`"
                ),
                edits,
            });
        let d = Diagnostic::new(msg!(
            "the chat tool's subpackage `{shown}` is not an independent subpackage",
            "聊天工具所在的分包 `{shown}` 不是独立分包"
        ))
        .at(&app.source, app.value_span(&pointer))
        .pointer(pointer.clone())
        .span_label(span_label)
        .label(
            app.value_span(&format!("{}/root", tool.pointer)),
            Some(msg!(
                "the chat tool lives in this subpackage",
                "聊天工具位于这个分包"
            )),
        )
        .help(msg!(
            "add `\"independent\": true` to the subpackage: chatTools \"指定聊天工具对应的独立分包\" (names the chat tool's independent subpackage)",
            "在该分包中加上 `\"independent\": true`：官方文档说明 chatTools “指定聊天工具对应的独立分包”"
        ));
        ctx.report(match fix {
            Some(f) => d.fix(f),
            None => d,
        });
    }
}
