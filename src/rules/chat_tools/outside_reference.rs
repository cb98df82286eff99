use std::ops::Range;
use std::sync::Arc;

use crate::code::refs::shown;
use crate::code::PackageCode;
use crate::diagnostic::SourceFile;
use crate::project::resolve::Resolved;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/outside-reference",
    default_severity: Severity::Error,
    summary: (
        "the chat-tool package depends on a file outside its root",
        "聊天工具分包依赖了分包目录之外的文件",
    ),
    docs: include_str!("outside_reference.md"),
    docs_zh: include_str!("outside_reference.zh.md"),
    check,
    ..Rule::DEFAULT
};

/// The outside path a resolution lands on, if any.
fn outside(code: &PackageCode, r: Resolved) -> Option<std::path::PathBuf> {
    match r {
        Resolved::Found(p) if !code.contains(&p) => Some(p),
        Resolved::OutsideProject(p) => Some(p),
        _ => None,
    }
}

struct Found<'a> {
    source: &'a Arc<SourceFile>,
    span: Range<usize>,
    pointer: Option<String>,
    what: (&'static str, &'static str),
    spec: &'a str,
    target: std::path::PathBuf,
}

fn report(ctx: &mut LintContext, code: &PackageCode, f: Found) {
    let project = ctx.project;
    let root = &code.root;
    let ((what, what_zh), spec) = (f.what, f.spec);
    let target = shown(project, &f.target);
    let npm = f
        .target
        .components()
        .any(|c| c.as_os_str() == "miniprogram_npm");
    let help = if npm {
        msg!(
            "an independent subpackage cannot use the main package's npm packages: build npm into the subpackage (a package.json in `{root}/`, then 构建 npm) so that `{root}/miniprogram_npm` holds it",
            "独立分包不能使用主包的 npm 包：请为分包构建 npm（在 `{root}/` 下放置 package.json 后执行“构建 npm”），使其位于 `{root}/miniprogram_npm` 中"
        )
    } else {
        msg!(
            "an independent subpackage cannot use files of the main package or of other subpackages (\"不能依赖主包和其他分包中的内容\"): copy what it needs into `{root}/` and reference the copy",
            "独立分包不能依赖主包和其他分包中的内容：请把需要的文件复制到 `{root}/` 中，并引用该副本"
        )
    };
    let mut d = Diagnostic::new(msg!(
        "{what} `{spec}` resolves to `{target}`, outside the chat-tool package `{root}`",
        "{what_zh} `{spec}` 指向聊天工具分包 `{root}` 之外的 `{target}`"
    ))
    .at(f.source, f.span)
    .span_label(msg!("outside `{root}/`", "不在 `{root}/` 中"))
    .help(help);
    if let Some(p) = f.pointer {
        d = d.pointer(p);
    }
    ctx.report(d);
}

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    let mut found = Vec::new();
    for file in code.own_js() {
        for import in &file.facts.imports {
            let exts: &[&str] = if file.wxs { &[".wxs"] } else { &[".js", ".ts"] };
            let r = ctx
                .facts
                .resolve_module(&file.source.path, &import.spec, exts);
            if let Some(target) = outside(&code, r) {
                found.push(Found {
                    source: &file.source,
                    span: import.span.clone(),
                    pointer: None,
                    what: ("module", "模块"),
                    spec: &import.spec,
                    target,
                });
            }
        }
    }
    for config in code.configs.iter().filter(|c| !c.third_party) {
        for comp in &config.components {
            let r = ctx
                .facts
                .resolve_component(&config.json.source.path, &comp.spec);
            if let Some(target) = outside(&code, r) {
                found.push(Found {
                    source: &config.json.source,
                    span: config.json.value_span(&comp.pointer),
                    pointer: Some(comp.pointer.clone()),
                    what: ("component", "组件"),
                    spec: &comp.spec,
                    target,
                });
            }
        }
    }
    for file in code.own_wxml() {
        for r in file.file_refs() {
            let resolved = ctx.facts.resolve_file(&file.source.path, r.spec, r.ext);
            if let Some(target) = outside(&code, resolved) {
                found.push(Found {
                    source: &file.source,
                    span: r.span,
                    pointer: None,
                    what: r.what,
                    spec: r.spec,
                    target,
                });
            }
        }
    }
    // Only `.wxss` imports are read at run time: the less/sass compiler plugins inline a
    // `.less`/`.scss`/`.sass` `@import` at build time, so its target need not be in the package.
    for file in code
        .wxss
        .iter()
        .filter(|f| !f.third_party && f.source.path.extension().is_some_and(|e| e == "wxss"))
    {
        for (spec, span) in &file.imports {
            if spec.contains("://") {
                continue;
            }
            let r = ctx.facts.resolve_file(&file.source.path, spec, ".wxss");
            if let Some(target) = outside(&code, r) {
                found.push(Found {
                    source: &file.source,
                    span: span.clone(),
                    pointer: None,
                    what: ("style sheet", "样式文件"),
                    spec,
                    target,
                });
            }
        }
    }
    for f in found {
        report(ctx, &code, f);
    }
}
