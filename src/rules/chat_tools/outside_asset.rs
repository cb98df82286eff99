use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::code::refs::shown;
use crate::code::PackageCode;
use crate::diagnostic::SourceFile;
use crate::project::resolve::normalize;
use crate::project::Project;
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/outside-asset",
    default_severity: Severity::Warning,
    summary: (
        "the chat-tool package uses an image or media file outside its root",
        "聊天工具分包使用了分包目录之外的图片或媒体文件",
    ),
    docs: include_str!("outside_asset.md"),
    docs_zh: include_str!("outside_asset.zh.md"),
    check,
    ..Rule::DEFAULT
};

/// WXML tags and attributes that load a file.
const WXML_ASSETS: &[(&str, &[&str])] = &[
    ("image", &["src"]),
    ("cover-image", &["src"]),
    ("video", &["src", "poster"]),
    ("audio", &["src", "poster"]),
];

/// Extensions of the files that JS asset literals are judged for.
const MEDIA: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "mp3", "mp4", "m4a", "aac", "wav",
    "ogg",
];

/// Where a literal path points: absolute from miniprogramRoot, or relative to the file. `None`
/// for urls (`https://`, `cloud://`, `data:`, `wxfile://`) and empty values.
fn target(project: &Project, from: &Path, value: &str) -> Option<PathBuf> {
    let value = value.trim();
    if value.is_empty() || value.contains(':') || value.starts_with("//") {
        return None;
    }
    Some(match value.strip_prefix('/') {
        Some(abs) => normalize(&project.mp_root.join(abs)),
        None => normalize(&from.parent().unwrap_or(Path::new("")).join(value)),
    })
}

fn has_media_ext(value: &str) -> bool {
    let path = value.split(['?', '#']).next().unwrap_or("");
    path.rsplit_once('.')
        .is_some_and(|(_, e)| MEDIA.contains(&e.to_ascii_lowercase().as_str()))
}

struct Found<'a> {
    source: &'a Arc<SourceFile>,
    span: Range<usize>,
    value: String,
    target: PathBuf,
}

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    let project = ctx.project;
    let mut found: Vec<Found> = Vec::new();
    for file in code.own_wxml() {
        for el in &file.elements {
            let Some((_, attrs)) = WXML_ASSETS.iter().find(|(t, _)| *t == el.name) else {
                continue;
            };
            if code
                .config(&file.base)
                .is_some_and(|c| c.declares(&el.name))
            {
                continue; // a custom component of that name
            }
            for attr in el.attrs.iter().filter(|a| attrs.contains(&a.name.as_str())) {
                let Some(value) = static_dir(attr.value.as_deref().unwrap_or("")) else {
                    continue;
                };
                if let Some(t) = target(project, &file.source.path, value) {
                    if !code.contains(&t) {
                        found.push(Found {
                            source: &file.source,
                            span: attr.value_span.clone(),
                            value: attr.value.clone().unwrap_or_default(),
                            target: t,
                        });
                    }
                }
            }
        }
    }
    for file in code.own_js().filter(|f| !f.wxs) {
        for (_, value, span) in &file.facts.asset_literals {
            // Only absolute paths: a relative one depends on where the value ends up.
            if !value.starts_with('/') || !has_media_ext(value) {
                continue;
            }
            if let Some(t) = target(project, &file.source.path, value) {
                if !code.contains(&t) {
                    found.push(Found {
                        source: &file.source,
                        span: span.clone(),
                        value: value.clone(),
                        target: t,
                    });
                }
            }
        }
    }
    report(ctx, &code, found);
}

/// The part of an attribute value that is known statically: all of it, or, when it holds
/// `{{ }}`, its absolute folder before the expression (`/static/icons/{{name}}.png` →
/// `/static/icons/`).
fn static_dir(value: &str) -> Option<&str> {
    match value.find("{{") {
        None => Some(value),
        Some(i) => {
            let head = &value[..i];
            let dir = &head[..head.rfind('/')? + 1];
            (dir.starts_with('/') && dir.len() > 1).then_some(dir)
        }
    }
}

fn report(ctx: &mut LintContext, code: &PackageCode, found: Vec<Found>) {
    let root = &code.root;
    for f in found {
        let (value, target) = (&f.value, shown(ctx.project, &f.target));
        ctx.report(
            Diagnostic::new(msg!(
                "`{value}` is outside the chat-tool package `{root}` (`{target}`): the package opens without the main package",
                "`{value}` 位于聊天工具分包 `{root}` 之外（`{target}`）：打开聊天工具时主包并未加载"
            ))
            .at(f.source, f.span)
            .span_label(msg!("outside `{root}/`", "不在 `{root}/` 中"))
            .help(msg!(
                "copy the file into `{root}/` and use that path, or load it from a server; an independent subpackage is downloaded and opened on its own, so main-package files may be missing",
                "请把文件复制到 `{root}/` 中并使用该路径，或从服务器加载；独立分包会单独下载和打开，主包中的文件可能不存在"
            )),
        );
    }
}
