use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "app/entry-page-path",
    default_severity: Severity::Error,
    summary: (
        "App-level `entryPagePath` is no main-package or subpackage page",
        "app 级 `entryPagePath` 不是任何主包或分包页面",
    ),
    docs: include_str!("entry_page_path.md"),
    check,
    fixable: true,
    ..Rule::DEFAULT
};

const WECHAT: &str = "未在 pages、subPackages 中找到 entryPagePath 定义的入口页面";

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    let model = ctx.model();
    let Some(entry) = app.get("/entryPagePath").and_then(|v| v.as_str()) else {
        return; // absent, or schema/type
    };
    let pages: Vec<String> = model.all_pages().map(|p| p.path).collect();
    if pages.iter().any(|p| p == entry) {
        return;
    }
    // What the path would be once the usual slips are undone.
    let without_query = entry.split('?').next().unwrap_or(entry);
    let without_slash = without_query.trim_start_matches('/');
    let without_ext = [".html", ".wxml", ".js", ".ts", ".json"]
        .iter()
        .find_map(|ext| without_slash.strip_suffix(ext))
        .unwrap_or(without_slash);
    let fixed = pages.iter().find(|p| p.as_str() == without_ext);
    let fix = fixed.and_then(|p| {
        Some(Fix {
            title: msg!(
                "`entryPagePath` `{entry}` → `{p}`",
                "`entryPagePath` `{entry}` → `{p}`"
            ),
            edits: edit::replace_value(app, "/entryPagePath", &p.as_str().into())?,
        })
    });
    // A subpackage page written relative to its root, as a chat tool's entryPagePath is.
    let in_subpackage = model.subpackages.iter().find_map(|s| {
        s.pages
            .iter()
            .any(|p| p.path.trim_start_matches('/') == without_ext)
            .then(|| s.page_path(without_ext))
            .flatten()
    });
    let help = match fixed {
        Some(p) if entry.contains('?') => msg!(
            "write `{p}`: `entryPagePath` takes a page path without a query string",
            "请写成 `{p}`：`entryPagePath` 只填页面路径，不能带查询参数"
        ),
        Some(p) if entry.starts_with('/') => msg!(
            "write `{p}`: pages are listed without a leading `/`",
            "请写成 `{p}`：页面路径开头不带 `/`"
        ),
        Some(p) => msg!(
            "write `{p}`: pages are named without a file extension",
            "请写成 `{p}`：页面路径不带文件扩展名"
        ),
        None if in_subpackage.is_some() => {
            let full = in_subpackage.unwrap_or_default();
            msg!(
                "write `{full}`: the app-level `entryPagePath` names a subpackage page with its root (unlike a chat tool's `entryPagePath`, which is relative to the root)",
                "请写成 `{full}`：app 级 `entryPagePath` 中的分包页面要带上分包根目录（聊天工具的 `entryPagePath` 则相对于分包根目录）"
            )
        }
        None => match closest(without_ext, pages.iter().map(String::as_str)) {
            Some(best) => msg!(
                "did you mean `{best}`? WeChat rejects the project with `{WECHAT}`",
                "是否应为 `{best}`？微信会报错 `{WECHAT}`"
            ),
            None => msg!(
                "use a page from `pages`, or `root/page` of a subpackage; WeChat rejects the project with `{WECHAT}`",
                "请填写 `pages` 中的页面，或分包的 `root/page`；微信会报错 `{WECHAT}`"
            ),
        },
    };
    let d = Diagnostic::new(msg!(
        "`entryPagePath` `{entry}` is not a page of the main package or of any subpackage",
        "`entryPagePath` 的值 `{entry}` 不是主包或任何分包中的页面"
    ))
    .at(&app.source, app.value_span("/entryPagePath"))
    .pointer("/entryPagePath")
    .span_label(msg!("no such page", "没有这个页面"))
    .help(help);
    ctx.report(match fix {
        Some(f) => d.fix(f),
        None => d,
    });
}
