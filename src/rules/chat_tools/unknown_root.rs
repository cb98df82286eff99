use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/unknown-root",
    default_severity: Severity::Error,
    summary: (
        "chatTools root names no subpackage",
        "chatTools 的 root 没有对应的分包",
    ),
    docs: include_str!("unknown_root.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let model = ctx.model();
    let app = ctx.app();
    for tool in &model.chat_tools {
        let Some(root) = tool.root.as_deref() else {
            continue; // schema/required or schema/type
        };
        if model.subpackage_by_root(root).is_some() {
            continue;
        }
        let pointer = format!("{}/root", tool.pointer);
        let roots: Vec<&str> = model
            .subpackages
            .iter()
            .filter_map(|s| s.root_trimmed())
            .collect();
        let mut d = Diagnostic::new(msg!(
            "chatTools root `{root}` is not the root of any subpackage",
            "chatTools 的 root `{root}` 不是任何分包的根目录"
        ))
        .at(&app.source, app.value_span(&pointer))
        .pointer(pointer.clone())
        .span_label(msg!(
            "no subpackage has this root",
            "没有分包使用这个根目录"
        ));
        for s in &model.subpackages {
            if s.root.is_some() {
                d = d.label(
                    app.value_span(&format!("{}/root", s.pointer)),
                    Some(msg!("a subpackage root", "分包根目录")),
                );
            }
        }
        let help = match closest(crate::project::app::trim_root(root), roots.iter().copied()) {
            Some(best) => msg!(
                "did you mean `{best}`? `root` must equal the `root` of the independent subpackage that holds the chat tool",
                "是否应为 `{best}`？`root` 必须与聊天工具所在独立分包的 `root` 相同"
            ),
            None if roots.is_empty() => msg!(
                "declare the chat tool's package in `subPackages` with `\"independent\": true`, and use its root here",
                "请在 `subPackages` 中声明聊天工具分包（`\"independent\": true`），并在这里填写它的 root"
            ),
            None => msg!(
                "use the `root` of the independent subpackage that holds the chat tool",
                "请填写聊天工具所在独立分包的 `root`"
            ),
        };
        ctx.report(d.help(help));
    }
}
