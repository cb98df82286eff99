use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "taro/dynamic-config",
    default_severity: Severity::Info,
    summary: (
        "a value of a Taro app.config or page config is not a static literal, so it was not checked",
        "Taro 的 app.config 或页面配置中有非静态字面量的值，未能检查",
    ),
    docs: include_str!("dynamic_config.md"),
    docs_zh: include_str!("dynamic_config.zh.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let Some(sources) = &ctx.project.sources else {
        return;
    };
    for d in &sources.dynamic {
        let key = if d.key.is_empty() {
            "the config".to_string()
        } else {
            format!("`{}`", d.key)
        };
        let key_zh = if d.key.is_empty() {
            "该配置".to_string()
        } else {
            format!("`{}`", d.key)
        };
        ctx.report(
            Diagnostic::new(Msg::new(
                format!("{key} is computed when the build runs: the linter left it out"),
                format!("{key_zh} 的值在编译时才计算出来：检查时已跳过"),
            ))
            .at(&d.file, d.span.clone())
            .span_label(msg!("not a literal", "不是字面量"))
            .help(msg!(
                "write the value as a literal to have it checked, or lint the build output (`chattools-lint dist`)",
                "把值写成字面量即可被检查，或检查编译产物（`chattools-lint dist`）"
            )),
        );
    }
}
