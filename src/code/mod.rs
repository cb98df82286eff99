//! The code of the chat-tool package, read once per run and shared by every code rule
//! (`Facts::package_code`): each `.js`/`.ts` parsed with oxc, each `.wxml` tokenized, each
//! `.wxss` scanned for `@import`, each page or component `.json` read through the span-keeping
//! reader. `.wxs` modules are parsed as JavaScript too, for their `require`s.
//!
//! The files are exactly those WeChat would upload (`crate::package`: the allow-list, compiler
//! plugins, `packOptions`), from the one walk shared with `chat-tools/package-size`: no link is
//! followed out of the project, link loops are survived, and a folder `packOptions` ignores
//! (tests, mocks) is not linted. `miniprogram_npm/` folders hold third-party code built by the
//! developer tools: their files are read (so that a scope a library uses is not called unused)
//! but marked `third_party`, and rules do not report inside them — the developer cannot fix a
//! library, and libraries guard many APIs behind options the page never sets. References from
//! the package's own code *into* `miniprogram_npm` resolve normally and count as inside.

pub mod framework;
pub mod js;
pub mod refs;
pub mod server;
pub mod wxml;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use oxc_allocator::Allocator;

use crate::diagnostic::SourceFile;
use crate::json::{escape_token, JsonFile};
use crate::package::Estimate;
use crate::project::resolve::normalize;
use crate::project::Project;

pub(crate) use crate::project::read_text;
pub use crate::project::MAX_SOURCE_BYTES;

#[derive(Debug)]
pub struct PackageCode {
    /// The package root relative to miniprogramRoot, without a trailing `/`.
    pub root: String,
    /// The package folder on disk (normalised).
    pub dir: PathBuf,
    pub js: Vec<JsFile>,
    pub wxml: Vec<WxmlFile>,
    pub wxss: Vec<WxssFile>,
    /// Page and component `.json` files (a `.json` beside a `.wxml`).
    pub configs: Vec<ConfigFile>,
    /// `configs` by base path.
    config_index: HashMap<PathBuf, usize>,
    /// The chat-tool pages, as paths without extension.
    pub pages: HashSet<PathBuf>,
}

#[derive(Debug)]
pub struct JsFile {
    pub source: Arc<SourceFile>,
    /// The path without its extension (`…/pages/a/index`).
    pub base: PathBuf,
    pub third_party: bool,
    /// A `.wxs` module (WeChat's script for WXML: `require` only, no `wx`).
    pub wxs: bool,
    pub facts: js::JsFacts,
}

#[derive(Debug)]
pub struct WxmlFile {
    pub source: Arc<SourceFile>,
    pub base: PathBuf,
    pub third_party: bool,
    pub elements: Vec<wxml::Element>,
}

/// A file a WXML file loads by path: `<import>`/`<include>` templates and `<wxs>` modules.
pub struct FileRef<'a> {
    /// The extension WeChat adds when the path has none.
    pub ext: &'static str,
    /// What it is, in English and Chinese.
    pub what: (&'static str, &'static str),
    pub spec: &'a str,
    pub span: Range<usize>,
}

impl WxmlFile {
    /// Every static `src` of an `<import>`, `<include>` or `<wxs>` element.
    pub fn file_refs(&self) -> impl Iterator<Item = FileRef<'_>> {
        self.elements.iter().filter_map(|el| {
            let (ext, what) = match el.name.as_str() {
                "import" | "include" => (".wxml", ("template", "模板")),
                "wxs" => (".wxs", ("WXS module", "WXS 模块")),
                _ => return None,
            };
            let src = el.attr("src")?;
            let spec = src.static_value().filter(|s| !s.is_empty())?;
            Some(FileRef {
                ext,
                what,
                spec,
                span: src.value_span.clone(),
            })
        })
    }
}

#[derive(Debug)]
pub struct WxssFile {
    pub source: Arc<SourceFile>,
    pub third_party: bool,
    /// `@import` specifiers and the span of each string (quotes included).
    pub imports: Vec<(String, Range<usize>)>,
}

#[derive(Debug)]
pub struct ConfigFile {
    pub json: Arc<JsonFile>,
    pub base: PathBuf,
    pub third_party: bool,
    pub components: Vec<UsingComponent>,
}

#[derive(Debug, Clone)]
pub struct UsingComponent {
    /// The tag name.
    pub name: String,
    pub spec: String,
    pub pointer: String,
}

impl ConfigFile {
    pub fn declares(&self, tag: &str) -> bool {
        self.components.iter().any(|c| c.name == tag)
    }
}

impl PackageCode {
    /// Whether a path (absolute, normalised) lies inside the package.
    pub fn contains(&self, path: &Path) -> bool {
        normalize(path).starts_with(&self.dir)
    }

    /// The page or component `.json` beside a `.wxml`/`.js` base path.
    pub fn config(&self, base: &Path) -> Option<&ConfigFile> {
        self.config_index.get(base).map(|&i| &self.configs[i])
    }

    pub fn is_page(&self, base: &Path) -> bool {
        self.pages.contains(base)
    }

    /// The package's own JS files (not `miniprogram_npm`).
    pub fn own_js(&self) -> impl Iterator<Item = &JsFile> {
        self.js.iter().filter(|f| !f.third_party)
    }

    pub fn own_wxml(&self) -> impl Iterator<Item = &WxmlFile> {
        self.wxml.iter().filter(|f| !f.third_party)
    }

    /// Add a page or component `.json` with the components its `usingComponents` names.
    pub(crate) fn add_config(&mut self, json: Arc<JsonFile>, base: PathBuf, third_party: bool) {
        let components = json
            .value
            .as_ref()
            .and_then(|v| v.get("usingComponents"))
            .and_then(|v| v.as_object())
            .map(|o| {
                o.iter()
                    .filter_map(|(k, v)| {
                        Some(UsingComponent {
                            name: k.clone(),
                            spec: v.as_str()?.to_string(),
                            pointer: format!("/usingComponents/{}", escape_token(k)),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        self.config_index.insert(base.clone(), self.configs.len());
        self.configs.push(ConfigFile {
            json,
            base,
            third_party,
            components,
        });
    }

    /// Whether any of the package's own JS files failed to parse (facts may be incomplete).
    pub fn has_syntax_errors(&self) -> bool {
        self.own_js().any(|f| f.facts.syntax.is_some())
    }
}

fn without_ext(path: &Path) -> PathBuf {
    path.with_extension("")
}

/// Scan the chat-tool package. `None` when there is no chat-tool package or its folder is absent.
///
/// `estimate` is the chat-tool package's upload estimate (the files to read); `read_json` reads a
/// page or component `.json` once for the whole run (`Facts::json`).
pub fn scan(
    project: &Project,
    estimate: &Estimate,
    read_json: &dyn Fn(&Path) -> Option<Arc<JsonFile>>,
) -> Option<PackageCode> {
    let model = &project.model;
    let package = model.chat_tool_package()?;
    let root = package.root_trimmed()?.trim_start_matches('/').to_string();
    if !crate::package::walkable_root(project, package.root_trimmed()?) {
        return None;
    }
    let dir = normalize(&project.path(&root));
    // A root that climbs out of miniprogramRoot is `subpackages/invalid-root`'s: never read it.
    let mp_root = normalize(&project.mp_root);
    if dir == mp_root || !dir.starts_with(&mp_root) || !project.is_dir(&dir) {
        return None;
    }
    let pages = package
        .pages
        .iter()
        .filter_map(|p| package.page_path(&p.path))
        .map(|p| normalize(&project.path(&p)))
        .collect();
    let mut code = PackageCode {
        root,
        dir: dir.clone(),
        js: Vec::new(),
        wxml: Vec::new(),
        wxss: Vec::new(),
        configs: Vec::new(),
        config_index: HashMap::new(),
        pages,
    };
    // uni-app and Taro: the sources (.vue, .tsx…), not the upload set of a build.
    if project.sources.is_some() {
        framework::scan(project, &mut code);
        return Some(code);
    }
    // Exactly the files WeChat would upload (allow-list, compiler plugins, packOptions), from
    // the one walk of the package that `chat-tools/package-size` also uses.
    let mut files: Vec<&str> = estimate
        .chat_tool()
        .map(|p| p.files.iter().map(|f| f.path.as_str()).collect())
        .unwrap_or_default();
    files.sort_unstable();
    let mut jsons = Vec::new();
    let mut wxml_bases = HashSet::new();
    // Read and parse on every core, then gather in path order: the result does not depend on
    // which thread parsed what.
    let parse = |rel: &&str, allocator: &mut Allocator| parse_one(project, &dir, rel, allocator);
    for parsed in crate::parallel::map(&files, PARALLEL_MIN_FILES / 2, Allocator::default, parse) {
        match parsed {
            Parsed::Js(f) => code.js.push(*f),
            Parsed::Wxml(f) => {
                wxml_bases.insert(f.base.clone());
                code.wxml.push(f);
            }
            Parsed::Wxss(f) => code.wxss.push(f),
            Parsed::Json(path, third_party) => jsons.push((path, third_party)),
            Parsed::Skip => {}
        }
    }
    for (path, third_party) in jsons {
        let base = without_ext(&path);
        if !wxml_bases.contains(&base) {
            continue; // not a page or component configuration
        }
        // Third-party configurations are read quietly: their syntax is not the user's to fix.
        let json = if third_party {
            JsonFile::read_in(&path, &project.overlay)
                .ok()
                .map(Arc::new)
        } else {
            read_json(&path)
        };
        let Some(json) = json else { continue };
        code.add_config(json, base, third_party);
    }
    Some(code)
}

enum Parsed {
    Js(Box<JsFile>),
    Wxml(WxmlFile),
    Wxss(WxssFile),
    Json(PathBuf, bool),
    Skip,
}

/// Read and parse one file of the package (`rel` relative to miniprogramRoot).
fn parse_one(
    project: &crate::project::Project,
    dir: &Path,
    rel: &str,
    allocator: &mut Allocator,
) -> Parsed {
    let path = normalize(&project.mp_root.join(rel));
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Parsed::Skip;
    };
    let third_party = path
        .strip_prefix(dir)
        .is_ok_and(|rel| rel.components().any(|c| c.as_os_str() == "miniprogram_npm"));
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "js" | "ts" | "mjs" | "cjs" | "wxs" if !name.ends_with(".d.ts") => {
            let Some(text) = read_text(&path, &project.overlay) else {
                return Parsed::Skip;
            };
            allocator.reset();
            let facts = js::analyze(&path, &text, allocator);
            let wxs = ext == "wxs";
            Parsed::Js(Box::new(JsFile {
                base: without_ext(&path),
                source: Arc::new(SourceFile::new(path, text)),
                third_party,
                wxs,
                facts,
            }))
        }
        "wxml" => {
            let Some(text) = read_text(&path, &project.overlay) else {
                return Parsed::Skip;
            };
            let elements = wxml::parse(&text);
            Parsed::Wxml(WxmlFile {
                base: without_ext(&path),
                source: Arc::new(SourceFile::new(path, text)),
                third_party,
                elements,
            })
        }
        "wxss" | "less" | "scss" | "sass" => {
            let Some(text) = read_text(&path, &project.overlay) else {
                return Parsed::Skip;
            };
            let imports = css_imports(&text);
            Parsed::Wxss(WxssFile {
                source: Arc::new(SourceFile::new(path, text)),
                third_party,
                imports,
            })
        }
        "json" => Parsed::Json(path, third_party),
        _ => Parsed::Skip,
    }
}

/// Fewer files than this are parsed on one thread: starting threads would cost more.
const PARALLEL_MIN_FILES: usize = 32;

/// `@import "x";` / `@import 'x';` / `@import url(x);` outside comments and strings.
pub fn css_imports(text: &str) -> Vec<(String, Range<usize>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(b.len(), |p| i + 2 + p + 2);
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                // `//` comments in less/scss
                i = text[i..].find('\n').map_or(b.len(), |p| i + p);
            }
            q @ (b'"' | b'\'') => {
                let mut k = i + 1;
                while k < b.len() && b[k] != q && b[k] != b'\n' {
                    k += if b[k] == b'\\' { 2 } else { 1 };
                }
                i = k + 1;
            }
            b'@' if text[i..].starts_with("@import") => {
                let mut k = i + "@import".len();
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                let mut url = false;
                if text[k..].starts_with("url(") {
                    url = true;
                    k += 4;
                    while k < b.len() && b[k].is_ascii_whitespace() {
                        k += 1;
                    }
                }
                match b.get(k) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = text[k + 1..]
                            .find([q as char, '\n'])
                            .map_or(b.len(), |p| k + 1 + p);
                        out.push((text[k + 1..end].to_string(), k..(end + 1).min(b.len())));
                        i = end + 1;
                    }
                    Some(_) if url => {
                        let end = text[k..].find(')').map_or(b.len(), |p| k + p);
                        let spec = text[k..end].trim();
                        out.push((spec.to_string(), k..end));
                        i = end;
                    }
                    _ => i = k,
                }
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_css_imports() {
        let text = "/* @import 'no'; */\n@import \"../a.wxss\";\n.x { content: '@import \"no\"' }\n@import url(/b.wxss);";
        let got = css_imports(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "../a.wxss");
        assert_eq!(&text[got[0].1.clone()], "\"../a.wxss\"");
        assert_eq!(got[1].0, "/b.wxss");
    }
}
