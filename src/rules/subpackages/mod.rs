//! What WeChat's validator checks on every subpackage, and how the rules share the work so that
//! one mistake gives one diagnostic: a root that `invalid-root` reports is not looked up on disk,
//! and the pages of a root that `root-not-dir` reports are not checked by `missing-page`.
pub mod both_spellings;
pub mod duplicate_page;
pub mod duplicate_root;
pub mod invalid_root;
pub mod main_page_inside;
pub mod missing_page;
pub mod nested_root;
pub mod root_not_dir;
pub mod too_many;

use crate::i18n::Msg;
use crate::msg;
use crate::project::{AppModel, Project, SubPackage};

/// What is wrong with a subpackage `root`, as WeChat's `checkPath` sees it (and `__APP__`).
pub fn root_problem(root: &str) -> Option<(Msg, Msg)> {
    let trimmed = root.trim_start_matches(['/', '.', ' ']);
    let (what, fix) = if root.is_empty() {
        (
            msg!("is empty", "为空"),
            msg!(
                "write the subpackage's folder, relative to the mini program root",
                "请填写分包所在的目录，相对于小程序根目录"
            ),
        )
    } else if root.starts_with('/') {
        (
            msg!("starts with `/`", "以 `/` 开头"),
            msg!(
                "roots are relative to the mini program root: write `{trimmed}` (WeChat: `… 不应该以 '/' 开头`)",
                "分包根目录相对于小程序根目录：请写成 `{trimmed}`（微信：`… 不应该以 '/' 开头`）"
            ),
        )
    } else if root.starts_with('.') {
        (
            msg!("starts with `.`", "以 `.` 开头"),
            msg!(
                "write the folder without `./`: `{trimmed}` (WeChat: `… 不应该以 '.' 开头`)",
                "去掉开头的 `./`，写成 `{trimmed}`（微信：`… 不应该以 '.' 开头`）"
            ),
        )
    } else if root.starts_with(' ') {
        (
            msg!("starts with a space", "以空格开头"),
            msg!("remove the leading space", "请删除开头的空格"),
        )
    } else if root.contains('\\') {
        let fixed = root.replace('\\', "/");
        (
            msg!("contains `\\`", "包含 `\\`"),
            msg!(
                "separate folders with `/`: `{fixed}`",
                "目录之间请用 `/` 分隔：`{fixed}`"
            ),
        )
    } else if root.contains("//") {
        (
            msg!("contains `//`", "包含 `//`"),
            msg!(
                "separate folders with a single `/`",
                "目录之间只用一个 `/` 分隔"
            ),
        )
    } else if root.contains("../") || root.ends_with("/..") || root == ".." {
        (
            msg!("goes up with `..`", "用 `..` 指向了上级目录"),
            msg!(
                "a subpackage must lie inside the mini program root; name its folder from there",
                "分包必须位于小程序根目录之内，请从小程序根目录起写出它的目录"
            ),
        )
    } else if crate::project::app::trim_root(root) == "__APP__" {
        (
            msg!("is `__APP__`", "是 `__APP__`"),
            msg!(
                "`__APP__` is WeChat's reserved name for the main package; rename the folder",
                "`__APP__` 是微信为主包保留的名字，请给目录换个名字"
            ),
        )
    } else {
        return None;
    };
    Some((what, fix))
}

/// The subpackage's root when it is valid and should be looked up on disk.
pub fn checkable_root(sub: &SubPackage) -> Option<&str> {
    let root = sub.root.as_deref()?;
    if root_problem(root).is_some() {
        return None;
    }
    sub.root_trimmed()
}

/// `root/`, as WeChat normalises roots before comparing them.
pub fn with_slash(root: &str) -> String {
    format!("{}/", crate::project::app::trim_root(root))
}

/// Whether the subpackage's root is an existing folder.
pub fn root_is_dir(project: &Project, root: &str) -> bool {
    project.is_dir(&project.path(root))
}

/// How WeChat names the subpackage list in its messages: `["subPackages"]` or `["subpackages"]`.
pub fn wechat_list(model: &AppModel) -> String {
    format!("[\"{}\"]", model.subpackages_key.unwrap_or("subPackages"))
}

/// Whether a `.gitmodules` in the mini program root or a folder above it names `root`: an
/// absent or empty root folder is then most likely a submodule that was not checked out.
pub fn is_submodule(project: &Project, root: &str) -> bool {
    let root = crate::project::app::trim_root(root);
    project.mp_root.ancestors().take(8).any(|dir| {
        let read = crate::cache::record::read(&dir.join(".gitmodules"), 1 << 20);
        let crate::cache::record::ReadOutcome::Bytes(bytes) = read else {
            return false;
        };
        String::from_utf8(bytes).is_ok_and(|text| {
            text.lines().any(|l| {
                let l = l.trim();
                l.starts_with("path") && l.trim_end_matches('/').ends_with(root)
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_as_wechat_checks_them() {
        for bad in [
            "", "/pkg", "./pkg", ".pkg", " pkg", "a\\b", "a//b", "../pkg", "a/../b", "a/..",
            "__APP__", "__APP__/",
        ] {
            assert!(root_problem(bad).is_some(), "{bad:?} should be invalid");
        }
        for good in ["pkg", "pkg/", "a/b", "a.b", "pkg..x", "__APP__x"] {
            assert!(root_problem(good).is_none(), "{good:?} should be valid");
        }
    }

    #[test]
    fn roots_compare_with_a_trailing_slash() {
        assert_eq!(with_slash("pkg"), with_slash("pkg/"));
        assert!(!with_slash("pkg2").starts_with(&with_slash("pkg")));
    }
}
