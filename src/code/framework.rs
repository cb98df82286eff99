//! The code of a uni-app or Taro chat-tool package, read from its sources: `.vue`/`.nvue`
//! single-file components (each `<script>` through the JS/TS reader, the `<template>` through
//! the WXML tokenizer), `.tsx`/`.jsx` (JSX elements of `@tarojs/components` under their WeChat
//! names), and plain `.js`/`.ts`. Every span is a byte offset into the file itself: a block is
//! read from a copy of the file with everything outside the block blanked to spaces.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_parser::Parser;
use oxc_span::{GetSpan, SourceType};

use super::{js, read_text, wxml, JsFile, PackageCode, WxmlFile};
use crate::diagnostic::SourceFile;
use crate::project::framework::source_files;
use crate::project::Project;

/// Read the package's sources into `code`. Module references are left out: the framework's
/// bundler resolves them (aliases such as `@/`) and decides where shared modules go (Taro
/// builds an independent package with its own copy of what it uses), so a source import of a
/// main-package file cannot be judged from the sources; the build output can.
pub fn scan(project: &Project, code: &mut PackageCode) {
    let mut allocator = Allocator::default();
    for path in source_files(&code.dir) {
        let Some(text) = read_text(&path, &project.overlay) else {
            continue;
        };
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let base = path.with_extension("");
        let source = Arc::new(SourceFile::new(path.clone(), text));
        let text = &source.text;
        match ext {
            "vue" | "nvue" => {
                let blocks = sfc_blocks(text);
                let mut facts = js::JsFacts::default();
                let mut any = false;
                for (range, lang) in &blocks.scripts {
                    allocator.reset();
                    let name = format!("block.{lang}");
                    let f = js::analyze(Path::new(&name), &blank_outside(text, range), &allocator);
                    facts.calls.extend(f.calls);
                    facts.share_handlers.extend(f.share_handlers);
                    if facts.syntax.is_none() {
                        facts.syntax = f.syntax;
                    }
                    any = true;
                }
                if any {
                    code.js.push(JsFile {
                        source: source.clone(),
                        base: base.clone(),
                        third_party: false,
                        wxs: false,
                        facts,
                    });
                }
                if let Some(range) = blocks.template {
                    let elements = wxml::parse(&blank_outside(text, &range));
                    code.wxml.push(WxmlFile {
                        source,
                        base,
                        third_party: false,
                        elements,
                    });
                }
            }
            _ => {
                allocator.reset();
                let mut facts = js::analyze(&path, text, &allocator);
                facts.imports.clear();
                if ext == "tsx" || ext == "jsx" {
                    allocator.reset();
                    let elements = jsx_elements(&path, text, &allocator);
                    if !elements.is_empty() {
                        code.wxml.push(WxmlFile {
                            source: source.clone(),
                            base: base.clone(),
                            third_party: false,
                            elements,
                        });
                    }
                }
                code.js.push(JsFile {
                    source,
                    base,
                    third_party: false,
                    wxs: false,
                    facts,
                });
            }
        }
    }
    // The synthesized page .json of each page (its `usingComponents`).
    if let Some(sources) = &project.sources {
        let pages: Vec<_> = code.pages.iter().cloned().collect();
        for base in pages {
            let mut p = base.clone().into_os_string();
            p.push(".json");
            let Some(json) = sources.virtual_json.get(Path::new(&p)).cloned() else {
                continue;
            };
            code.add_config(json, base, false);
        }
    }
}

/// The blocks of a single-file component.
#[derive(Debug, Default, PartialEq)]
pub struct SfcBlocks {
    /// Each `<script>`'s content and its language as an extension (`js`, `ts`, `tsx`, `jsx`).
    pub scripts: Vec<(Range<usize>, &'static str)>,
    /// The top-level `<template>`'s content.
    pub template: Option<Range<usize>>,
}

/// Find the top-level blocks: tags that start a line. A `<template>` ends at the last
/// `</template>` before the next top-level block, as nested `<template>`s may sit inside it.
pub fn sfc_blocks(text: &str) -> SfcBlocks {
    let mut tops: Vec<(usize, &str)> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let at = line_start + (line.len() - trimmed.len());
        for tag in ["template", "script", "style"] {
            if let Some(rest) = trimmed.strip_prefix('<').and_then(|r| r.strip_prefix(tag)) {
                if rest.starts_with([' ', '>', '\t', '\r', '\n']) && at == line_start {
                    tops.push((at, tag));
                }
            }
        }
        line_start += line.len();
    }
    let mut out = SfcBlocks::default();
    let mut i = 0;
    while i < tops.len() {
        let (start, tag) = tops[i];
        let Some(open_end) = text[start..].find('>').map(|p| start + p + 1) else {
            break;
        };
        let attrs = &text[start..open_end];
        match tag {
            "script" => {
                let Some(close) = text[open_end..].find("</script").map(|p| open_end + p) else {
                    break;
                };
                let lang = ["ts", "tsx", "jsx"]
                    .into_iter()
                    .find(|l| {
                        attrs.contains(&format!("lang=\"{l}\""))
                            || attrs.contains(&format!("lang='{l}'"))
                    })
                    .unwrap_or("js");
                out.scripts.push((open_end..close, lang));
                // Skip top-level-looking lines inside the script.
                while i + 1 < tops.len() && tops[i + 1].0 < close {
                    i += 1;
                }
            }
            "template" if out.template.is_none() => {
                let limit = tops
                    .iter()
                    .skip(i + 1)
                    .find(|(_, t)| *t != "template")
                    .map_or(text.len(), |(s, _)| *s);
                let inner = text.get(open_end..limit).unwrap_or("");
                if let Some(close) = inner.rfind("</template") {
                    out.template = Some(open_end..open_end + close);
                }
                while i + 1 < tops.len() && tops[i + 1].0 < limit {
                    i += 1;
                }
            }
            "style" => {
                let close = text[open_end..]
                    .find("</style")
                    .map_or(text.len(), |p| open_end + p);
                while i + 1 < tops.len() && tops[i + 1].0 < close {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The text with every byte outside `keep` made a space (line breaks kept), so a parser of
/// the block reports offsets into the whole file.
pub fn blank_outside(text: &str, keep: &Range<usize>) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    for (i, &c) in b.iter().enumerate() {
        out.push(if keep.contains(&i) || c == b'\n' {
            c
        } else {
            b' '
        });
    }
    // Only ASCII replaced whole bytes outside `keep`, whose ends are ASCII `>`/`<` boundaries.
    String::from_utf8(out).unwrap_or_default()
}

/// Taro's component package: its JSX components are WeChat's built-in ones.
const TARO_COMPONENTS: &str = "@tarojs/components";

/// JSX elements whose tag is imported from `@tarojs/components`, under WeChat's names
/// (`WebView` → `web-view`, prop `openType` → attribute `open-type`). Other tags are the
/// project's own components: left out.
pub fn jsx_elements(path: &Path, text: &str, allocator: &Allocator) -> Vec<wxml::Element> {
    let source_type = SourceType::from_path(path).unwrap_or_else(|_| SourceType::tsx());
    let ret = Parser::new(allocator, text, source_type).parse();
    if ret.panicked {
        return Vec::new();
    }
    let mut names = HashMap::new();
    for stmt in &ret.program.body {
        let Statement::ImportDeclaration(d) = stmt else {
            continue;
        };
        if d.source.value != TARO_COMPONENTS {
            continue;
        }
        for s in d.specifiers.iter().flatten() {
            if let ImportDeclarationSpecifier::ImportSpecifier(s) = s {
                names.insert(s.local.name.to_string(), kebab(s.imported.name().as_ref()));
            }
        }
    }
    if names.is_empty() {
        return Vec::new();
    }
    let mut v = JsxCollector {
        names,
        out: Vec::new(),
    };
    v.visit_program(&ret.program);
    v.out
}

/// `WebView` → `web-view`, `openType` → `open-type`.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

struct JsxCollector {
    /// Local name → WeChat tag.
    names: HashMap<String, String>,
    out: Vec<wxml::Element>,
}

impl<'a> Visit<'a> for JsxCollector {
    fn visit_jsx_opening_element(&mut self, it: &JSXOpeningElement<'a>) {
        let local = match &it.name {
            JSXElementName::IdentifierReference(id) => Some(id.name.as_str()),
            JSXElementName::Identifier(id) => Some(id.name.as_str()),
            _ => None,
        };
        if let Some(tag) = local.and_then(|l| self.names.get(l)) {
            let name_span = it.name.span();
            let mut attrs = Vec::new();
            for a in &it.attributes {
                let JSXAttributeItem::Attribute(a) = a else {
                    continue;
                };
                let JSXAttributeName::Identifier(id) = &a.name else {
                    continue;
                };
                let name_span = id.span.start as usize..id.span.end as usize;
                let span = a.span.start as usize..a.span.end as usize;
                let (value, value_span) = match &a.value {
                    None => (None, name_span.clone()),
                    Some(JSXAttributeValue::StringLiteral(s)) => (
                        Some(s.value.to_string()),
                        s.span.start as usize + 1..(s.span.end as usize).saturating_sub(1),
                    ),
                    Some(JSXAttributeValue::ExpressionContainer(c)) => {
                        let r = c.span.start as usize..c.span.end as usize;
                        match &c.expression {
                            JSXExpression::StringLiteral(s) => (
                                Some(s.value.to_string()),
                                s.span.start as usize + 1..(s.span.end as usize).saturating_sub(1),
                            ),
                            // Known only at run time, like `{{ }}` in WXML.
                            _ => (Some("{{}}".to_string()), r),
                        }
                    }
                    Some(_) => (Some("{{}}".to_string()), span.clone()),
                };
                attrs.push(wxml::Attr {
                    name: kebab(id.name.as_str()),
                    name_span,
                    value,
                    value_span,
                    span,
                });
            }
            self.out.push(wxml::Element {
                name: tag.clone(),
                name_span: name_span.start as usize..name_span.end as usize,
                attrs,
            });
        }
        walk::walk_jsx_opening_element(self, it);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_with_nested_templates() {
        let text = "<template>\n  <view>\n    <template v-if=\"a\"><ad /></template>\n  </view>\n</template>\n\n<script setup lang=\"ts\">\nconst a: number = 1\n</script>\n<style>\n.a{}\n</style>\n";
        let b = sfc_blocks(text);
        let t = b.template.clone().unwrap();
        assert!(text[t.clone()].contains("<ad />"));
        assert!(text[t].trim_end().ends_with("</view>"));
        assert_eq!(b.scripts.len(), 1);
        assert_eq!(b.scripts[0].1, "ts");
        assert_eq!(text[b.scripts[0].0.clone()].trim(), "const a: number = 1");
    }

    #[test]
    fn odd_files_do_not_panic() {
        for text in [
            "<template",
            "<template\n<script>\n",
            "<script>\n<template>\n</script>",
            "<template>\n<style>\n</template>",
            "<template>中文</template>\n<script lang=\"tsx\">\nconst a = <view/>\n</script>\n",
            "\u{feff}<template>\n</template>",
        ] {
            let b = sfc_blocks(text);
            if let Some(t) = &b.template {
                let _ = wxml::parse(&blank_outside(text, t));
            }
            for (r, _) in &b.scripts {
                assert!(text.get(r.clone()).is_some());
            }
        }
    }

    #[test]
    fn blanked_blocks_keep_offsets() {
        let text = "<template>\n  <ad unit-id=\"中文\"/>\n</template>\n<script>\nuni.navigateToMiniProgram({})\n</script>\n";
        let b = sfc_blocks(text);
        let els = wxml::parse(&blank_outside(text, &b.template.unwrap()));
        assert_eq!(&text[els[0].name_span.clone()], "ad");
        let f = js::analyze(
            Path::new("a.js"),
            &blank_outside(text, &b.scripts[0].0),
            &Allocator::default(),
        );
        assert_eq!(&text[f.calls[0].span.clone()], "uni.navigateToMiniProgram");
    }

    #[test]
    fn jsx_tags_of_taro_components_only() {
        let text = "import { View, Ad, Button as B } from '@tarojs/components'\nimport Mine from './mine'\nexport default () => <View><Ad unitId='x' /><B openType=\"share\" /><Mine /><ad /></View>\n";
        let els = jsx_elements(Path::new("a.tsx"), text, &Allocator::default());
        let names: Vec<&str> = els.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["view", "ad", "button"]);
        assert_eq!(&text[els[1].name_span.clone()], "Ad");
        let ot = els[2].attr("open-type").unwrap();
        assert_eq!(ot.static_value(), Some("share"));
        assert_eq!(&text[ot.value_span.clone()], "share");
    }
}
