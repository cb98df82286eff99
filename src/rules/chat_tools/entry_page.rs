use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/entry-page",
    default_severity: Severity::Error,
    summary: (
        "chatTools entryPagePath is not a page of the chat-tool subpackage",
        "chatTools 的 entryPagePath 不是聊天工具分包中的页面",
    ),
    docs: include_str!("entry_page.md"),
    check,
    fixable: true,
    ..Rule::DEFAULT
};

/// File extensions people write by mistake after a page path.
const EXTENSIONS: &[&str] = &[
    ".js", ".ts", ".wxml", ".wxss", ".json", ".less", ".scss", ".sass",
];

/// What is wrong with the way an entryPagePath is written, and the path without it.
struct Cleaned {
    path: String,
    leading_slash: bool,
    root_prefix: bool,
    extension: Option<&'static str>,
    query: bool,
}

fn clean(entry: &str, root: &str) -> Cleaned {
    let mut path = entry.trim();
    let query = match path.find('?') {
        Some(i) => {
            path = &path[..i];
            true
        }
        None => false,
    };
    let leading_slash = path.starts_with('/');
    path = path.trim_start_matches('/');
    let root_prefix = !root.is_empty()
        && path
            .strip_prefix(root)
            .is_some_and(|rest| rest.starts_with('/'));
    if root_prefix {
        path = path[root.len()..].trim_start_matches('/');
    }
    let extension = EXTENSIONS.iter().copied().find(|e| path.ends_with(e));
    if let Some(e) = extension {
        path = &path[..path.len() - e.len()];
    }
    Cleaned {
        path: path.to_string(),
        leading_slash,
        root_prefix,
        extension,
        query,
    }
}

fn check(ctx: &mut LintContext) {
    let model = ctx.model();
    let app = ctx.app();
    for tool in &model.chat_tools {
        let (Some(root), Some(entry)) = (tool.root.as_deref(), tool.entry_page_path.as_deref())
        else {
            continue; // schema/required or schema/type
        };
        let Some(pkg) = model.subpackage_by_root(root) else {
            continue; // chat-tools/unknown-root
        };
        let pages: Vec<&str> = pkg
            .pages
            .iter()
            .map(|p| p.path.trim_start_matches('/'))
            .collect();
        if pages.contains(&entry) {
            continue;
        }
        let root = pkg.root_trimmed().unwrap_or(root);
        let pointer = format!("{}/entryPagePath", tool.pointer);
        let c = clean(entry, root);
        let fixed = &c.path;
        let found = pages.contains(&fixed.as_str());
        let mut d = Diagnostic::new(msg!(
            "entryPagePath `{entry}` is not a page of the chat-tool subpackage `{root}`",
            "entryPagePath `{entry}` 不是聊天工具分包 `{root}` 中的页面"
        ))
        .at(&app.source, app.value_span(&pointer))
        .pointer(pointer.clone());

        // What is wrong in the way it is written.
        let mut wrong_en = Vec::new();
        let mut wrong_zh = Vec::new();
        if c.root_prefix {
            wrong_en.push(format!(
                "it is relative to the subpackage root, so leave out `{root}/` (only `wx.openChatTool` takes the full path `/{root}/…`)"
            ));
            wrong_zh.push(format!(
                "它相对于分包根目录，去掉 `{root}/`（只有 `wx.openChatTool` 的 url 才写完整路径 `/{root}/…`）"
            ));
        }
        if c.leading_slash {
            wrong_en.push("it takes no leading `/`".to_string());
            wrong_zh.push("不应以 `/` 开头".to_string());
        }
        if let Some(ext) = c.extension {
            wrong_en.push(format!("a page path has no file extension (`{ext}`)"));
            wrong_zh.push(format!("页面路径不带文件扩展名（`{ext}`）"));
        }
        if c.query {
            wrong_en.push("it cannot carry a `?query`".to_string());
            wrong_zh.push("不能带 `?` 查询参数".to_string());
        }
        let written_wrong = !wrong_en.is_empty();
        let (why_en, why_zh) = (wrong_en.join("; "), wrong_zh.join("；"));

        let help = if written_wrong && found {
            d = d.span_label(msg!("write `{fixed}`", "应写为 `{fixed}`"));
            if let Some(edits) = edit::replace_value(app, &pointer, &fixed.as_str().into()) {
                d = d.fix(Fix {
                    title: msg!(
                        "`entryPagePath` `{entry}` → `{fixed}` (relative to the package root)",
                        "`entryPagePath` `{entry}` → `{fixed}`（相对于分包根目录）"
                    ),
                    edits,
                });
            }
            msg!("write `{fixed}`: {why_en}", "应写为 `{fixed}`：{why_zh}")
        } else {
            d = d.span_label(msg!(
                "not in the subpackage's `pages`",
                "不在该分包的 `pages` 中"
            ));
            let pages_pointer = format!("{}/pages", pkg.pointer);
            if app.node(&pages_pointer).is_some() {
                d = d.label(
                    app.value_span(&pages_pointer),
                    Some(msg!("the pages of `{root}`", "`{root}` 分包的页面")),
                );
            }
            let near = closest(fixed, pages.iter().copied());
            match (near, written_wrong) {
                (Some(best), true) => msg!(
                    "{why_en}; did you mean `{best}`?",
                    "{why_zh}；是否应为 `{best}`？"
                ),
                (Some(best), false) => msg!(
                    "did you mean `{best}`? `entryPagePath` is a page of the chat-tool subpackage, relative to its root",
                    "是否应为 `{best}`？`entryPagePath` 是聊天工具分包中的页面，路径相对于分包根目录"
                ),
                (None, true) => msg!(
                    "{why_en}; then list the page in the subpackage's `pages`",
                    "{why_zh}；并把该页面加入分包的 `pages`"
                ),
                (None, false) if pages.len() == 1 => {
                    let only = pages[0];
                    msg!(
                        "did you mean `{only}`, the only page of `{root}`? `entryPagePath` is the page the chat tool opens on (\"聊天工具启动路径\"), relative to the subpackage root",
                        "是否应为 `{only}`（`{root}` 唯一的页面）？`entryPagePath` 是“聊天工具启动路径”，相对于分包根目录"
                    )
                }
                (None, false) if pages.is_empty() => msg!(
                    "add the page to the subpackage's `pages`; `entryPagePath` is relative to the root `{root}`",
                    "请把该页面加入分包的 `pages`；`entryPagePath` 相对于分包根目录 `{root}`"
                ),
                (None, false) => msg!(
                    "use one of the subpackage's pages (relative to `{root}`), or add this page to its `pages`; the chat tool opens here (\"聊天工具启动路径\")",
                    "请填写该分包 `pages` 中的某个页面（相对于 `{root}`），或把这个页面加入 `pages`；这是“聊天工具启动路径”"
                ),
            }
        };
        ctx.report(d.help(help));
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn cleans_the_usual_mistakes() {
        let c = clean("/packageChatTool/pages/x/index.js?a=1", "packageChatTool");
        assert_eq!(c.path, "pages/x/index");
        assert!(c.leading_slash && c.root_prefix && c.query);
        assert_eq!(c.extension, Some(".js"));
        let c = clean("packageChatToolX/pages/x", "packageChatTool");
        assert!(!c.root_prefix);
        assert_eq!(c.path, "packageChatToolX/pages/x");
    }
}
