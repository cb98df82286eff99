use std::collections::HashSet;

use super::{checkable_root, is_submodule, root_is_dir, wechat_list};
use crate::project::Page;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "subpackages/missing-page",
    default_severity: Severity::Error,
    summary: (
        "A listed page lacks its .wxml or .js (.ts) file",
        "列出的页面缺少 .wxml 或 .js（.ts）文件",
    ),
    docs: include_str!("missing_page.md"),
    docs_zh: include_str!("missing_page.zh.md"),
    check,
    ..Rule::DEFAULT
};

/// A page path that names a file inside the mini program (no `..`, no `\`, not empty).
fn plain(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && path
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

struct Place<'a> {
    page: &'a Page,
    /// Relative to miniprogramRoot.
    path: String,
    /// How WeChat names the list: `["pages"]` or `["subPackages"][0]["pages"]`.
    list: String,
    /// The subpackage root, when in a subpackage.
    root: Option<&'a str>,
}

fn check(ctx: &mut LintContext) {
    let model = ctx.model();
    let project = ctx.project;
    let list = wechat_list(model);
    let mut places = Vec::new();
    for page in &model.pages {
        places.push(Place {
            page,
            path: page.path.trim_start_matches('/').to_string(),
            list: "[\"pages\"]".to_string(),
            root: None,
        });
    }
    for sub in &model.subpackages {
        let Some(root) = checkable_root(sub) else {
            continue; // subpackages/invalid-root
        };
        if !root_is_dir(project, root) {
            continue; // subpackages/root-not-dir says it once for all its pages
        }
        for page in &sub.pages {
            places.push(Place {
                page,
                path: format!("{root}/{}", page.path.trim_start_matches('/')),
                list: format!("{list}[{}][\"pages\"]", sub.index),
                root: Some(root),
            });
        }
    }
    let mut seen = HashSet::new();
    for place in places {
        if !plain(&place.path) || !seen.insert(place.path.clone()) {
            continue; // not a file path, or listed twice (subpackages/duplicate-page)
        }
        let missing = ctx.facts.missing_page_files(&place.path);
        if missing.is_empty() {
            continue;
        }
        report(ctx, &place, &missing);
    }
}

fn report(ctx: &mut LintContext, place: &Place, missing: &[String]) {
    let app = ctx.app();
    let project = ctx.project;
    let path = &place.path;
    let shown = |or: &str| -> Vec<String> {
        missing
            .iter()
            .map(|f| match f.strip_suffix(" (or .ts)") {
                Some(js) => format!("`{js}`{or}"),
                None => format!("`{f}`"),
            })
            .collect()
    };
    let files_en = shown(" (or `.ts`)").join(" and ");
    let files_zh = shown("（或 `.ts`）").join(" 和 ");
    let first = missing[0].split(' ').next().unwrap_or_default();
    let index = place.pointer_suffix();
    let wechat = format!("未找到 {}{index} 对应的 {first} 文件", place.list);
    let exists = |rel: &str| project.is_file(&project.path(rel));
    let root_empty = place
        .root
        .is_some_and(|r| crate::cache::record::list(&project.path(r)).is_ok_and(|d| d.is_empty()));
    let framework = project.sources.as_ref().map(|s| s.framework);
    let first_spelled = project.spelled_on_disk(first);
    let help = if let Some(fw) = framework {
        let (exts, file) = match fw {
            crate::project::framework::Framework::UniApp => ("`.vue` or `.nvue`", "pages.json"),
            crate::project::framework::Framework::Taro => {
                ("`.tsx`, `.jsx`, `.ts`, `.js` or `.vue`", "app.config")
            }
        };
        msg!(
            "create the page's {exts} file, or remove the page from {file}",
            "请创建该页面的 {exts} 文件，或从 {file} 中删除该页面"
        )
    } else if let Some(on_disk) = first_spelled {
        msg!(
            "the file on disk is `{on_disk}`: phones and WeChat's packer compare names case-sensitively, so spell the page exactly as its folders and files are named",
            "磁盘上的文件是 `{on_disk}`：手机和微信打包时区分大小写，请让页面路径与目录和文件名的大小写完全一致"
        )
    } else if exists(&format!("{path}/index.wxml")) {
        let page = &place.page.path;
        msg!(
            "did you mean `{page}/index`? The page's files are in the folder `{path}/`",
            "是否应为 `{page}/index`？页面文件位于目录 `{path}/` 中"
        )
    } else if !project.settings.typescript() && exists(&format!("{path}.ts")) {
        msg!(
            "`{path}.ts` exists, but project.config.json does not turn on the TypeScript compiler: add \"typescript\" to `setting.useCompilerPlugins`",
            "`{path}.ts` 存在，但 project.config.json 没有开启 TypeScript 编译：请在 `setting.useCompilerPlugins` 中加入 \"typescript\""
        )
    } else if root_empty {
        let root = place.root.unwrap_or_default();
        if is_submodule(project, root) {
            msg!(
                "the folder `{root}` is an empty git submodule: run `git submodule update --init` (WeChat: `{wechat}`)",
                "目录 `{root}` 是尚未检出的空 git 子模块：请运行 `git submodule update --init`（微信：`{wechat}`）"
            )
        } else {
            msg!(
                "the folder `{root}` is empty: is it a git submodule that was not checked out (`git submodule update --init`)? WeChat: `{wechat}`",
                "目录 `{root}` 是空的：是否是尚未检出的 git 子模块（`git submodule update --init`）？微信：`{wechat}`"
            )
        }
    } else {
        msg!(
            "create the missing file, or remove the page from the list; WeChat rejects it with `{wechat}`",
            "请补上缺少的文件，或从列表中删除该页面；微信会报错 `{wechat}`"
        )
    };
    let d = Diagnostic::new(msg!(
        "page `{path}` has no {files_en}",
        "页面 `{path}` 缺少 {files_zh}"
    ))
    .at(&app.source, app.value_span(&place.page.pointer))
    .pointer(place.page.pointer.clone())
    .span_label(if missing.len() > 1 {
        msg!(
            "no .wxml and no .js for this page",
            "这个页面没有 .wxml 和 .js"
        )
    } else if first.ends_with(".wxml") {
        msg!("no .wxml for this page", "这个页面没有 .wxml")
    } else if framework.is_some() {
        msg!("no source file for this page", "这个页面没有源文件")
    } else {
        msg!("no .js for this page", "这个页面没有 .js")
    })
    .help(help);
    ctx.report(d);
}

impl Place<'_> {
    /// `[3]`: the page's index in its list.
    fn pointer_suffix(&self) -> String {
        let i = self.page.pointer.rsplit('/').next().unwrap_or_default();
        format!("[{i}]")
    }
}
