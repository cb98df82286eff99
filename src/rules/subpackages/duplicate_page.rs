use std::collections::HashMap;

use super::wechat_list;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "subpackages/duplicate-page",
    default_severity: Severity::Error,
    summary: (
        "A page is listed twice in one subpackage",
        "同一分包中的页面重复列出",
    ),
    docs: include_str!("duplicate_page.md"),
    check,
    fixable: true,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    let model = ctx.model();
    let list = wechat_list(model);
    let key = model.subpackages_key.unwrap_or("subPackages");
    for sub in &model.subpackages {
        let i = sub.index;
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for page in &sub.pages {
            let Some(first) = seen.get(page.path.as_str()) else {
                seen.insert(&page.path, &page.pointer);
                continue;
            };
            let path = &page.path;
            let d = Diagnostic::new(msg!(
                "page `{path}` is listed twice in `{key}[{i}]`",
                "页面 `{path}` 在 `{key}[{i}]` 中重复列出"
            ))
            .at(&app.source, app.value_span(&page.pointer))
            .pointer(page.pointer.clone())
            .span_label(msg!("listed again", "重复列出"))
            .label(
                app.value_span(first),
                Some(msg!("first listed here", "首次列出于此")),
            )
            .help(msg!(
                "remove one of the two; WeChat rejects it with `\"{path}\" 在 {list}[{i}] 中重复`",
                "删除其中一个；微信会报错 `\"{path}\" 在 {list}[{i}] 中重复`"
            ));
            let fix = edit::remove_array_item(app, &page.pointer).map(|edits| Fix {
                title: msg!(
                    "removed the second `{path}` from `{key}[{i}].pages`",
                    "删除了 `{key}[{i}].pages` 中重复的 `{path}`"
                ),
                edits,
            });
            ctx.report(match fix {
                Some(f) => d.fix(f),
                None => d,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::Tester;

    const TWICE: &str = r#"{
  "pages": ["pages/index/index"],
  "subPackages": [{ "root": "pkg", "pages": ["pages/a/index", "pages/b/index", "pages/a/index"] }]
}"#;
    const ONCE: &str = r#"{
  "pages": ["pages/index/index"],
  "subPackages": [{ "root": "pkg", "pages": ["pages/a/index", "pages/b/index"] }]
}"#;

    #[test]
    fn listed_twice_and_fixed() {
        Tester::new(&super::RULE)
            .fail(&[("app.json", TWICE)])
            .pass(&[("app.json", ONCE)])
            .fix(&[("app.json", TWICE)], "app.json", ONCE)
            .test();
    }
}
