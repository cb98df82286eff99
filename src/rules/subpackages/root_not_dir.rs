use std::collections::HashSet;

use super::{checkable_root, is_submodule, wechat_list};
use crate::diagnostic::display_path;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "subpackages/root-not-dir",
    default_severity: Severity::Error,
    summary: (
        "A subpackage root is not an existing folder",
        "分包根目录不是一个存在的目录",
    ),
    docs: include_str!("root_not_dir.md"),
    check,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    let model = ctx.model();
    let project = ctx.project;
    let list = wechat_list(model);
    let mut seen = HashSet::new();
    for sub in &model.subpackages {
        let Some(root) = checkable_root(sub) else {
            continue; // no root (schema/required) or subpackages/invalid-root
        };
        if !seen.insert(root.to_string()) {
            continue; // subpackages/duplicate-root; report the folder once
        }
        let path = project.path(root);
        if path.is_dir() {
            continue;
        }
        let i = sub.index;
        let pointer = format!("{}/root", sub.pointer);
        let shown = display_path(&path);
        let looked = if shown == root {
            Msg::new("", "")
        } else {
            msg!(" (looked for `{shown}`)", "（查找的是 `{shown}`）")
        };
        let n = sub.pages.len();
        let (message, label) = if path.exists() {
            (
                msg!(
                    "subpackage root `{root}` is a file, not a folder",
                    "分包根目录 `{root}` 是一个文件，而不是目录"
                ),
                msg!("a file, not a folder", "是文件，不是目录"),
            )
        } else {
            (
                Msg::new(
                    format!("subpackage root `{root}` does not exist{}", looked.en),
                    format!("分包根目录 `{root}` 不存在{}", looked.zh),
                ),
                msg!("no such folder", "没有这个目录"),
            )
        };
        let wechat = format!("{list}[{i}][\"root\"] 字段需为 目录");
        let nearest = nearest_folder(&path, root);
        let mut help = if let Some(near) = nearest {
            msg!(
                "did you mean `{near}`? That folder exists (WeChat: `{wechat}`)",
                "是否应为 `{near}`？已有这个目录（微信：`{wechat}`）"
            )
        } else if is_submodule(project, root) {
            msg!(
                "`{root}` is a git submodule that is not checked out: run `git submodule update --init` (WeChat: `{wechat}`)",
                "`{root}` 是尚未检出的 git 子模块：请运行 `git submodule update --init`（微信：`{wechat}`）"
            )
        } else {
            msg!(
                "create the folder or correct the root (WeChat: `{wechat}`)",
                "请创建该目录或改正 root（微信：`{wechat}`）"
            )
        };
        if n > 0 {
            help.en
                .push_str(&format!("; its {n} page(s) are checked once it exists"));
            help.zh
                .push_str(&format!("；目录存在后才会检查其中的 {n} 个页面"));
        }
        let d = Diagnostic::new(message)
            .at(&app.source, app.value_span(&pointer))
            .pointer(pointer)
            .span_label(label)
            .help(help);
        ctx.report(d);
    }
}

/// An existing folder beside where the root should be whose name is close to it
/// (`packageChatTools` for `packageChatTool`), as the root should then be written.
fn nearest_folder(path: &std::path::Path, root: &str) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let siblings: Vec<String> = std::fs::read_dir(path.parent()?)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .collect();
    let best = siblings
        .iter()
        .find(|s| s.eq_ignore_ascii_case(name))
        .map(String::as_str)
        .or_else(|| {
            // A typo, not a different folder: at most 2 edits, and few for the length.
            closest(name, siblings.iter().map(String::as_str)).filter(|s| {
                let d = crate::rules::edit_distance(name, s);
                d <= 2 && 4 * d <= name.chars().count()
            })
        })?;
    let prefix = root.strip_suffix(name)?;
    Some(format!("{prefix}{best}"))
}
