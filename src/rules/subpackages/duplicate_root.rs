use std::collections::HashMap;

use super::{wechat_list, with_slash};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "subpackages/duplicate-root",
    default_severity: Severity::Error,
    summary: (
        "Two subpackages share a root (`pkgA` and `pkgA/`) or a name",
        "两个分包的 root（如 `pkgA` 与 `pkgA/`）或 name 相同",
    ),
    docs: include_str!("duplicate_root.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    let model = ctx.model();
    let list = wechat_list(model);
    let key = model.subpackages_key.unwrap_or("subPackages");
    let mut roots: HashMap<String, usize> = HashMap::new();
    let mut names: HashMap<&str, usize> = HashMap::new();
    for (pos, sub) in model.subpackages.iter().enumerate() {
        let i = sub.index;
        if let Some(root) = sub.root.as_deref().filter(|r| !r.is_empty()) {
            if let Some(&first) = roots.get(&with_slash(root)) {
                let other = &model.subpackages[first];
                let j = other.index;
                let pointer = format!("{}/root", sub.pointer);
                let d = Diagnostic::new(msg!(
                    "`{key}[{i}]` has the same root as `{key}[{j}]`: `{root}`",
                    "`{key}[{i}]` 与 `{key}[{j}]` 的 root 相同：`{root}`"
                ))
                .at(&app.source, app.value_span(&pointer))
                .pointer(pointer)
                .span_label(msg!("the same root again", "重复的根目录"))
                .label(
                    app.value_span(&format!("{}/root", other.pointer)),
                    Some(msg!("first used here", "首次使用于此")),
                )
                .help(msg!(
                    "merge the two subpackages' pages into one entry (roots are compared with a trailing `/` added); WeChat: `{list}[{i}] 和 {list}[{j}] 的 \"root\" 相同`",
                    "请把两个分包的页面合并到同一项中（比较时会在 root 末尾补 `/`）；微信报错：`{list}[{i}] 和 {list}[{j}] 的 \"root\" 相同`"
                ));
                ctx.report(d);
            } else {
                roots.insert(with_slash(root), pos);
            }
        }
        if let Some(name) = sub.name.as_deref() {
            if let Some(&first) = names.get(name) {
                let other = &model.subpackages[first];
                let j = other.index;
                let pointer = format!("{}/name", sub.pointer);
                let d = Diagnostic::new(msg!(
                    "`{key}[{i}]` has the same name as `{key}[{j}]`: `{name}`",
                    "`{key}[{i}]` 与 `{key}[{j}]` 的 name 相同：`{name}`"
                ))
                .at(&app.source, app.value_span(&pointer))
                .pointer(pointer)
                .span_label(msg!("the same name again", "重复的名字"))
                .label(
                    app.value_span(&format!("{}/name", other.pointer)),
                    Some(msg!("first used here", "首次使用于此")),
                )
                .help(msg!(
                    "give each subpackage its own name: `preloadRule` refers to subpackages by name",
                    "请给每个分包取不同的名字：`preloadRule` 通过名字引用分包"
                ));
                ctx.report(d);
            } else {
                names.insert(name, pos);
            }
        }
    }
}
