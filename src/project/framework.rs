//! Source trees that build to app.json (uni-app, Taro). Their readers synthesize the app.json
//! (and page .json files) the build would write, as text, so every rule runs on the same
//! project model; a span map leads from each place in the synthesized text back to the key
//! in the file it came from, and [`remap`] moves diagnostics there once the rules ran.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::json::{escape_token, JsonFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framework {
    UniApp,
    Taro,
}

impl Framework {
    pub fn name(self) -> &'static str {
        match self {
            Framework::UniApp => "uni-app",
            Framework::Taro => "Taro",
        }
    }
}

/// A value of a Taro config that is not a static literal (`taro/dynamic-config`).
#[derive(Debug, Clone)]
pub struct Dynamic {
    pub file: Arc<SourceFile>,
    pub span: Range<usize>,
    /// The key path as written (`window.navigationBarTitleText`).
    pub key: String,
}

/// What a framework reader produced, beside the synthesized app.json.
#[derive(Debug)]
pub struct Sources {
    pub framework: Framework,
    /// The file app.json comes from (pages.json, app.config.ts): what the project is shown as.
    pub primary: PathBuf,
    /// Source JSON files read (pages.json, manifest.json): their real errors are reported.
    pub json: Vec<Arc<JsonFile>>,
    /// Synthesized page .json files, by path (`mp_root/pages/a/index.json`).
    pub virtual_json: HashMap<PathBuf, Arc<JsonFile>>,
    /// Span maps of the synthesized app.json and page .json files.
    pub maps: Vec<SpanMap>,
    pub dynamic: Vec<Dynamic>,
    /// The build's output for WeChat, when one exists (`dist/`, `unpackage/dist/…/mp-weixin`).
    pub build_output: Option<PathBuf>,
}

impl Sources {
    pub fn new(framework: Framework, primary: PathBuf) -> Sources {
        Sources {
            framework,
            primary,
            json: Vec::new(),
            virtual_json: HashMap::new(),
            maps: Vec::new(),
            dynamic: Vec::new(),
            build_output: None,
        }
    }

    /// The source JSON file read from `name` (`pages.json`, `manifest.json`).
    pub fn json_named(&self, name: &str) -> Option<&Arc<JsonFile>> {
        self.json
            .iter()
            .find(|f| f.source.path.file_name().is_some_and(|n| n == name))
    }
}

/// Where a node of the synthesized text came from.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: Arc<SourceFile>,
    pub key: Option<Range<usize>>,
    pub value: Range<usize>,
    /// The node's JSON pointer in its file, when that file is JSON.
    pub pointer: Option<String>,
}

/// Synthesized value plus the origin of (some of) its nodes, by JSON pointer.
#[derive(Debug, Default)]
pub struct Synth {
    pub origins: HashMap<String, Origin>,
    /// Objects and arrays that lost a member the reader could not know (`taro/dynamic-config`).
    pub open: Vec<String>,
}

impl Synth {
    /// Record the origin of the subtree `src_ptr` of a JSON source as `dst_ptr` (every
    /// descendant too, as long as the shapes agree).
    pub fn copy_json(&mut self, dst_ptr: &str, src: &JsonFile, src_ptr: &str) {
        let Some(node) = src.node(src_ptr) else {
            return;
        };
        self.origins.insert(
            dst_ptr.to_string(),
            Origin {
                file: src.source.clone(),
                key: node.key.clone(),
                value: node.value.clone(),
                pointer: Some(src_ptr.to_string()),
            },
        );
        match src.get(src_ptr) {
            Some(Value::Object(o)) => {
                for k in o.keys() {
                    let t = escape_token(k);
                    self.copy_json(&format!("{dst_ptr}/{t}"), src, &format!("{src_ptr}/{t}"));
                }
            }
            Some(Value::Array(a)) => {
                for i in 0..a.len() {
                    self.copy_json(&format!("{dst_ptr}/{i}"), src, &format!("{src_ptr}/{i}"));
                }
            }
            _ => {}
        }
    }

    /// Write `value` as the file at `path` and build its span map.
    pub fn finish(self, path: &Path, value: &Value) -> (JsonFile, SpanMap) {
        let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".into()) + "\n";
        let file = JsonFile::parse_text(path, text);
        let mut entries = Vec::new();
        for (ptr, origin) in self.origins {
            let Some(node) = file.node(&ptr) else {
                continue;
            };
            if let (Some(k), Some(ok)) = (&node.key, &origin.key) {
                entries.push(Entry {
                    synth: k.clone(),
                    file: origin.file.clone(),
                    span: ok.clone(),
                    pointer: origin.pointer.clone(),
                });
            }
            entries.push(Entry {
                synth: node.value.clone(),
                file: origin.file,
                span: origin.value,
                pointer: origin.pointer,
            });
        }
        // Smallest first, so the first container found is the nearest.
        entries.sort_by_key(|e| (e.synth.len(), e.synth.start));
        let map = SpanMap {
            synth: file.source.clone(),
            entries,
            open: self.open,
        };
        (file, map)
    }
}

#[derive(Debug)]
struct Entry {
    synth: Range<usize>,
    file: Arc<SourceFile>,
    span: Range<usize>,
    pointer: Option<String>,
}

/// From places in one synthesized file back to the source files.
#[derive(Debug)]
pub struct SpanMap {
    pub synth: Arc<SourceFile>,
    entries: Vec<Entry>,
    /// Pointers of containers known only in part: what is said about them as a whole (a key
    /// they lack) may be wrong, so it is not said.
    open: Vec<String>,
}

impl SpanMap {
    /// The source place of a synthesized span: the nearest mapped node that holds it; a span
    /// inside a string copied verbatim keeps its offset within the string.
    fn lookup(&self, span: &Range<usize>) -> Option<(&Arc<SourceFile>, Range<usize>, &Entry)> {
        let e = self
            .entries
            .iter()
            .find(|e| e.synth.start <= span.start && span.end <= e.synth.end)?;
        if e.synth == *span {
            return Some((&e.file, e.span.clone(), e));
        }
        let synth_text = self.synth.text.get(e.synth.clone());
        let orig_text = e.file.text.get(e.span.clone());
        if synth_text.is_some() && synth_text == orig_text {
            let start = e.span.start + (span.start - e.synth.start);
            return Some((&e.file, start..start + span.len(), e));
        }
        // The synthesized root stands for a whole file: point at its first byte, not the file.
        if e.synth.start == 0 {
            return Some((&e.file, e.span.start..e.span.start + 1, e));
        }
        Some((&e.file, e.span.clone(), e))
    }
}

/// Move every diagnostic that points into a synthesized file to the source it came from.
/// Fixes that edit a synthesized file are dropped (there is nothing on disk to edit).
pub fn remap(diagnostics: &mut Vec<Diagnostic>, sources: &Sources) {
    diagnostics.retain(|d| {
        let (Some(file), Some(ptr)) = (&d.file, &d.pointer) else {
            return true;
        };
        !sources
            .maps
            .iter()
            .any(|m| Arc::ptr_eq(&m.synth, file) && m.open.contains(ptr))
    });
    for d in diagnostics.iter_mut() {
        explain_app_json(d, sources.framework);
        if let Some(fix) = &d.fix {
            if fix
                .edits
                .iter()
                .any(|e| sources.maps.iter().any(|m| m.synth.path == e.path))
            {
                d.fix = None;
            }
        }
        let Some(file) = &d.file else { continue };
        let Some(map) = sources.maps.iter().find(|m| Arc::ptr_eq(&m.synth, file)) else {
            continue;
        };
        let span = d.span.clone().unwrap_or(0..0);
        let Some((to, new_span, entry)) = map.lookup(&span) else {
            continue;
        };
        let to = to.clone();
        d.pointer = if d.span.is_some() {
            entry.pointer.clone()
        } else {
            None
        };
        if d.span.is_some() {
            d.span = Some(to.clamp(new_span));
        }
        let labels = std::mem::take(&mut d.labels);
        for mut l in labels {
            if let Some((lf, ls, _)) = map.lookup(&l.span) {
                if Arc::ptr_eq(lf, &to) {
                    l.span = to.clamp(ls);
                    d.labels.push(l);
                }
            }
        }
        d.file = Some(to);
    }
}

/// Folders a framework's build writes WeChat's files to, relative to the project folder.
pub fn find_build_output(dir: &Path, framework: Framework) -> Option<PathBuf> {
    let candidates: &[&str] = match framework {
        Framework::UniApp => &[
            "unpackage/dist/build/mp-weixin",
            "unpackage/dist/dev/mp-weixin",
            "dist/build/mp-weixin",
            "dist/dev/mp-weixin",
        ],
        Framework::Taro => &["dist"],
    };
    candidates.iter().map(|c| dir.join(c)).find(|d| {
        let app = d.join(crate::project::APP_JSON);
        app.is_file() && crate::project::confine::is_inside(dir, &app)
    })
}

/// Source files of a package folder that frameworks compile into pages and components, in a
/// stable order. A plain walk that follows no links and skips `node_modules` and hidden folders.
pub fn source_files(dir: &Path) -> Vec<PathBuf> {
    const EXTS: &[&str] = &["vue", "nvue", "js", "ts", "jsx", "tsx", "mjs", "cjs"];
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(read) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in read.flatten() {
            let Ok(t) = entry.file_type() else { continue };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if t.is_dir() {
                if !name.starts_with('.') && name != "node_modules" {
                    stack.push(entry.path());
                }
            } else if t.is_file() {
                let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
                if EXTS.contains(&ext) && !name.ends_with(".d.ts") {
                    out.push(entry.path());
                }
            }
        }
    }
    out.sort();
    out
}

/// The source file a framework page needs when none of its forms exists (`pages/a/index.vue`);
/// `page` is the page's path on disk without extension.
pub fn missing_page_source(page: &Path, framework: Framework) -> Option<String> {
    let exts: &[&str] = match framework {
        Framework::UniApp => &[".vue", ".nvue"],
        Framework::Taro => &[".tsx", ".jsx", ".ts", ".js", ".vue"],
    };
    let with = |e: &str| {
        let mut p = page.as_os_str().to_owned();
        p.push(e);
        PathBuf::from(p)
    };
    if exts.iter().any(|e| with(e).is_file()) {
        None
    } else {
        Some(exts[0].to_string())
    }
}

/// What to say once when a source tree also has a build output: the sources were linted, and
/// how to lint what WeChat receives.
pub fn build_output_note(project: &crate::project::Project) -> Option<crate::i18n::Msg> {
    let s = project.sources.as_ref()?;
    let out = crate::diagnostic::display_path(s.build_output.as_ref()?);
    let name = s.framework.name();
    Some(crate::msg!(
        "linted the {name} sources; `chattools-lint {out}` lints the build output, what WeChat receives (the package size comes from it)",
        "检查的是 {name} 源码；`chattools-lint {out}` 可检查编译产物，即微信实际收到的内容（分包体积按编译产物计算）"
    ))
}

/// Rules speak of app.json; in a source tree the user writes app.json's keys elsewhere: say where.
fn explain_app_json(d: &mut Diagnostic, framework: Framework) {
    let says = |m: &Option<crate::i18n::Msg>| m.as_ref().is_some_and(|m| m.en.contains("app.json"));
    let own = d.rule.starts_with("uni-app/") || d.rule.starts_with("taro/");
    if own || (!d.message.en.contains("app.json") && !says(&d.help)) {
        return;
    }
    let note = match framework {
        Framework::UniApp => crate::msg!(
            "uni-app writes app.json from pages.json and manifest.json: app-level keys such as `chatTools`, `lazyCodeLoading`, `rendererOptions` and `requiredPrivateInfos` go in manifest.json → \"mp-weixin\", `usingComponents` in pages.json `globalStyle`",
            "uni-app 由 pages.json 和 manifest.json 生成 app.json：`chatTools`、`lazyCodeLoading`、`rendererOptions`、`requiredPrivateInfos` 等应用级配置写在 manifest.json → \"mp-weixin\" 中，`usingComponents` 写在 pages.json 的 `globalStyle` 中"
        ),
        Framework::Taro => crate::msg!(
            "Taro writes app.json from src/app.config.ts: write app.json's keys there",
            "Taro 由 src/app.config.ts 生成 app.json：app.json 的配置请写在该文件中"
        ),
    };
    d.help = Some(match d.help.take() {
        Some(h) => crate::i18n::Msg::new(
            format!("{}; {}", h.en.trim_end_matches('.'), note.en),
            format!("{}；{}", h.zh.trim_end_matches('。'), note.zh),
        ),
        None => note,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Msg;

    #[test]
    fn spans_map_back_to_the_source() {
        let src = JsonFile::parse_text(
            Path::new("manifest.json"),
            "{\n  // 注释\n  \"mp-weixin\": { \"chatTools\": [{ \"desc\": \"群签到工具\" }] },\n}\n".into(),
        );
        let mut synth = Synth::default();
        synth.copy_json("", &src, "");
        synth.copy_json("/chatTools", &src, "/mp-weixin/chatTools");
        let value = serde_json::json!({ "chatTools": [{ "desc": "群签到工具" }], "pages": [] });
        let (app, map) = synth.finish(Path::new("app.json"), &value);
        let sources = Sources {
            maps: vec![map],
            ..Sources::new(Framework::UniApp, PathBuf::from("pages.json"))
        };
        let at = |span: Range<usize>, ptr: &str| {
            let mut d = vec![Diagnostic::new(Msg::new("x", "x"))
                .at(&app.source, span)
                .pointer(ptr)];
            remap(&mut d, &sources);
            let d = d.remove(0);
            let f = d.file.unwrap();
            (
                f.path.clone(),
                f.text[d.span.unwrap()].to_string(),
                d.pointer,
            )
        };
        let desc = "/chatTools/0/desc";
        let (path, text, ptr) = at(app.key_span(desc), desc);
        assert_eq!(path, Path::new("manifest.json"));
        assert_eq!(text, "\"desc\"");
        assert_eq!(ptr.as_deref(), Some("/mp-weixin/chatTools/0/desc"));
        // Inside a string copied as written: the same characters.
        let v = app.value_span(desc);
        let (_, text, _) = at(v.start + 1..v.start + 1 + "群签到".len(), desc);
        assert_eq!(text, "群签到");
        // A node with no source (`pages` came from nowhere here): the root's first byte.
        let (_, text, _) = at(app.value_span("/pages"), "/pages");
        assert_eq!(text, "{");
    }
}
