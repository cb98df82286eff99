use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::code::refs::shown;
use crate::code::PackageCode;
use crate::diagnostic::SourceFile;
use crate::facts::Facts;
use crate::project::resolve::{alias, Resolved};
use crate::project::Project;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/missing-module",
    default_severity: Severity::Error,
    summary: (
        "a module, component, template or style sheet of the chat-tool package resolves to no file",
        "聊天工具分包引用的模块、组件、模板或样式文件不存在",
    ),
    docs: include_str!("missing_module.md"),
    docs_zh: include_str!("missing_module.zh.md"),
    check,
    ..Rule::DEFAULT
};

/// One reference that resolved to nothing.
struct Missing<'a> {
    source: &'a Arc<SourceFile>,
    span: Range<usize>,
    pointer: Option<String>,
    what: (&'static str, &'static str),
    spec: &'a str,
    tried: Vec<PathBuf>,
}

/// A bare npm specifier (`tdesign-miniprogram/button/button`): neither relative, nor absolute,
/// nor an alias, nor a plugin.
fn is_bare(project: &Project, spec: &str) -> bool {
    !spec.starts_with('.')
        && !spec.starts_with('/')
        && !spec.contains("://")
        && alias(project, spec).is_none()
}

/// Whether any `miniprogram_npm` folder exists that npm specifiers of the package could reach.
fn npm_built(project: &Project, code: &PackageCode) -> bool {
    code.js.iter().any(|f| f.third_party)
        || code.configs.iter().any(|f| f.third_party)
        || project.path("miniprogram_npm").is_dir()
        || project
            .path(&format!("{}/miniprogram_npm", code.root))
            .is_dir()
}

fn not_found(r: Resolved) -> Option<Vec<PathBuf>> {
    match r {
        Resolved::NotFound(tried) => Some(tried),
        _ => None,
    }
}

/// A `require`/`import` specifier: as WeChat resolves it, also `./data.json` without its
/// extension and a TypeScript `./a.js` that is `./a.ts` on disk.
fn module_missing(facts: &Facts, from: &Path, spec: &str, wxs: bool) -> Option<Vec<PathBuf>> {
    let exts: &[&str] = if wxs { &[".wxs"] } else { &[".js", ".ts"] };
    let tried = not_found(facts.resolve_module(from, spec, exts))?;
    if wxs {
        return Some(tried);
    }
    not_found(facts.resolve_module(from, spec, &[".json"]))?;
    if let Some(stem) = spec.strip_suffix(".js") {
        not_found(facts.resolve_module(from, stem, &[".ts"]))?;
    }
    Some(tried)
}

/// A style `@import`: `.wxss` as WeChat reads it; in `.less`/`.scss`/`.sass` as their compilers
/// do (the file's own extension, `.css`, a Sass `_partial`).
fn style_missing(facts: &Facts, from: &Path, spec: &str) -> Option<Vec<PathBuf>> {
    let ext = from.extension().and_then(|e| e.to_str()).unwrap_or("wxss");
    if ext == "wxss" {
        return not_found(facts.resolve_file(from, spec, ".wxss"));
    }
    // `~pkg/x` is a node_modules path of the compiler's own resolver: not followed here.
    if spec.starts_with('~') {
        return None;
    }
    let exts: &[&str] = match ext {
        "less" => &[".less", ".css", ".wxss"],
        _ => &[".scss", ".sass", ".css", ".wxss"],
    };
    let mut tried = Vec::new();
    let (dir, name) = match spec.rsplit_once('/') {
        Some((d, n)) => (format!("{d}/"), n),
        None => (String::new(), spec),
    };
    let mut specs = vec![spec.to_string()];
    if ext != "less" {
        specs.push(format!("{dir}_{name}"));
    }
    for s in &specs {
        for e in exts {
            tried.extend(not_found(facts.resolve_file(from, s, e))?);
        }
    }
    tried.dedup();
    Some(tried)
}

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    let project = ctx.project;
    let npm = npm_built(project, &code);
    let mut missing: Vec<Missing> = Vec::new();
    // Bare specifiers left unjudged because no miniprogram_npm exists.
    let mut unchecked: Vec<(&Arc<SourceFile>, Range<usize>, &str)> = Vec::new();
    for file in code.own_js() {
        for import in &file.facts.imports {
            let Some(tried) = module_missing(ctx.facts, &file.source.path, &import.spec, file.wxs)
            else {
                continue;
            };
            if !npm && is_bare(project, &import.spec) {
                unchecked.push((&file.source, import.span.clone(), &import.spec));
                continue;
            }
            missing.push(Missing {
                source: &file.source,
                span: import.span.clone(),
                pointer: None,
                what: ("module", "模块"),
                spec: &import.spec,
                tried,
            });
        }
    }
    for config in code.configs.iter().filter(|c| !c.third_party) {
        for comp in &config.components {
            let Some(tried) = not_found(
                ctx.facts
                    .resolve_component(&config.json.source.path, &comp.spec),
            ) else {
                continue;
            };
            let span = config.json.value_span(&comp.pointer);
            if !npm && is_bare(project, &comp.spec) {
                unchecked.push((&config.json.source, span, &comp.spec));
                continue;
            }
            missing.push(Missing {
                source: &config.json.source,
                span,
                pointer: Some(comp.pointer.clone()),
                what: ("component", "组件"),
                spec: &comp.spec,
                tried,
            });
        }
    }
    for file in code.own_wxml() {
        for r in file.file_refs() {
            let resolved = ctx.facts.resolve_file(&file.source.path, r.spec, r.ext);
            if let Some(tried) = not_found(resolved) {
                missing.push(Missing {
                    source: &file.source,
                    span: r.span,
                    pointer: None,
                    what: r.what,
                    spec: r.spec,
                    tried,
                });
            }
        }
    }
    for file in code.wxss.iter().filter(|f| !f.third_party) {
        for (spec, span) in &file.imports {
            if spec.is_empty() || spec.contains("://") || spec.starts_with("//") {
                continue;
            }
            if let Some(tried) = style_missing(ctx.facts, &file.source.path, spec) {
                missing.push(Missing {
                    source: &file.source,
                    span: span.clone(),
                    pointer: None,
                    what: ("style sheet", "样式文件"),
                    spec,
                    tried,
                });
            }
        }
    }
    for m in missing {
        let ((what, what_zh), spec) = (m.what, m.spec);
        let tried: Vec<String> = m
            .tried
            .iter()
            .take(4)
            .map(|p| format!("`{}`", shown(project, p)))
            .collect();
        let (tried_en, tried_zh) = (tried.join(", "), tried.join("、"));
        let mut d = Diagnostic::new(msg!(
            "{what} `{spec}` resolves to no file",
            "{what_zh} `{spec}` 找不到对应的文件"
        ))
        .at(m.source, m.span)
        .span_label(msg!("not found", "未找到"))
        .help(msg!(
            "looked for {tried_en}: fix the path, or add the file to the package (it is missing at run time, or the compile fails)",
            "查找了 {tried_zh}：请修正路径，或把文件加入分包（否则运行时缺少该文件，或编译失败）"
        ));
        if let Some(p) = m.pointer {
            d = d.pointer(p);
        }
        ctx.report(d);
    }
    if let Some((source, span, spec)) = unchecked.first() {
        let more = unchecked.len() - 1;
        let (which_en, which_zh) = if more == 0 {
            (
                format!("`{spec}` is an npm specifier"),
                format!("`{spec}` 是 npm 引用"),
            )
        } else {
            (
                format!("`{spec}` and {more} more are npm specifiers"),
                format!("`{spec}` 等 {} 处是 npm 引用", more + 1),
            )
        };
        ctx.report(
            Diagnostic::new(msg!(
                "npm packages were not checked: {which_en} and there is no `miniprogram_npm` folder",
                "未检查 npm 包：{which_zh}，而项目中没有 `miniprogram_npm` 目录"
            ))
            .at(source, span.clone())
            .severity_cap(Severity::Info)
            .span_label(msg!("not checked", "未检查"))
            .help(msg!(
                "`miniprogram_npm` is built by the developer tools (构建 npm) and often not committed; lint after building npm to check these references",
                "`miniprogram_npm` 由开发者工具“构建 npm”生成，常常不提交到仓库；构建 npm 后再检查即可覆盖这些引用"
            )),
        );
    }
}
