use super::{checkable_root, wechat_list, with_slash};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "subpackages/nested-root",
    default_severity: Severity::Error,
    summary: (
        "A subpackage root lies inside another subpackage's root",
        "分包根目录位于另一个分包的根目录之内",
    ),
    docs: include_str!("nested_root.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    let model = ctx.model();
    let list = wechat_list(model);
    for inner in &model.subpackages {
        let Some(inner_root) = checkable_root(inner) else {
            continue; // subpackages/invalid-root
        };
        let inner_slash = with_slash(inner_root);
        // The closest (longest) enclosing root, so a chain a ⊃ a/b ⊃ a/b/c gives one report each.
        let outer = model
            .subpackages
            .iter()
            .filter_map(|o| Some((o, with_slash(checkable_root(o)?))))
            .filter(|(_, o)| *o != inner_slash && inner_slash.starts_with(o.as_str()))
            .max_by_key(|(o, slash)| (slash.len(), std::cmp::Reverse(o.index)));
        let Some((outer, outer_slash)) = outer else {
            continue;
        };
        let (i, j) = (inner.index, outer.index);
        let outer_root = outer_slash.trim_end_matches('/');
        let pointer = format!("{}/root", inner.pointer);
        let d = Diagnostic::new(msg!(
            "subpackage root `{inner_root}` lies inside the subpackage root `{outer_root}`",
            "分包根目录 `{inner_root}` 位于另一个分包根目录 `{outer_root}` 之内"
        ))
        .at(&app.source, app.value_span(&pointer))
        .pointer(pointer)
        .span_label(msg!("nested root", "嵌套的根目录"))
        .label(
            app.value_span(&format!("{}/root", outer.pointer)),
            Some(msg!("contains it", "包含了它")),
        )
        .help(msg!(
            "move one of the two folders so that neither contains the other; WeChat: `{list}[{j}][\"root\"] 不应该包含 {list}[{i}][\"root\"]`",
            "请移动其中一个目录，使两者互不包含；微信报错：`{list}[{j}][\"root\"] 不应该包含 {list}[{i}][\"root\"]`"
        ));
        ctx.report(d);
    }
}
