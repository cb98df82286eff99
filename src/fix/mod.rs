//! `--fix` and `--diff`: minimal text edits for problems that have one safe fix.
//!
//! The fixes do not come from the rules: this module inspects the parsed app.json
//! (`JsonFile` + `AppModel`) for the same conditions itself, so a fix exists whether or not
//! the rule that reports it is on, and rule files stay free of fixing code. Each fix is a list
//! of byte-range replacements in the original text; everything outside those ranges is kept
//! byte for byte (indentation, key order, line endings, comments, a BOM). The conditions:
//!
//! | rule | condition (app.json only) | edit |
//! |---|---|---|
//! | `json/syntax` | a trailing comma (app.json, project.config.json) | delete the comma |
//! | `chat-tools/not-independent` | the chat-tool package's `independent` is `false` or absent | `true` |
//! | `chat-tools/not-skyline` | its `renderer` is not `"skyline"` (absent: and app `renderer` is not `"skyline"`) | `"skyline"` |
//! | `skyline/glass-easel` | the chat-tool package's effective `componentFramework` (its own, else app's) is not `"glass-easel"` | `"glass-easel"` on the subpackage |
//! | `skyline/lazy-code-loading` | Skyline is used and `lazyCodeLoading` is not exactly `"requiredComponents"` | `"requiredComponents"` |
//! | `chat-tools/entry-page` | `entryPagePath` has a leading `/` or the `root/` prefix, and without them names a page of the package | the path without them |
//!
//! "Skyline is used" means, in app.json: app `renderer` is `"skyline"`, a subpackage's
//! `renderer` is `"skyline"`, or there is a chat-tool package (which the fix above makes
//! Skyline). A value of the wrong type is left alone (that is `schema/type`'s). A key that is
//! absent is added as the object's last member, indented like its previous last member.
//! Nothing is fixed in a file that did not parse.

mod write;

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde_json::Value;

pub use write::{write_fixed, WriteError};

use crate::i18n::Msg;
use crate::json::{escape_token, JsonFile};
use crate::msg;
use crate::project::Project;

/// Replace `range` of the original text with `replacement` (an empty range inserts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// One problem's fix: what it does and its edits.
#[derive(Clone, Debug)]
pub struct Fix {
    /// The rule whose problem this fixes.
    pub rule: &'static str,
    pub title: Msg,
    pub edits: Vec<Edit>,
}

/// The fixes of one file and the text they produce.
#[derive(Debug)]
pub struct FileFix {
    pub path: PathBuf,
    /// As the user would open it.
    pub display: String,
    pub original: String,
    pub fixed: String,
    pub fixes: Vec<Fix>,
    /// Set when the fixes were dropped (the result would not parse): nothing is written.
    pub refused: Option<Msg>,
}

/// Every fix for a project: app.json, then project.config.json (trailing commas only).
/// Files without fixes are left out.
pub fn plan(project: &Project) -> Vec<FileFix> {
    let mut out = Vec::new();
    // uni-app and Taro: app.json is synthesized, not on disk; only the sources' fixes apply.
    if let Some(sources) = &project.sources {
        let mut per_file: Vec<(&JsonFile, Vec<Fix>)> = Vec::new();
        for fix in crate::rules::uni_app::dropped_key::source_fixes(project) {
            for e in fix.edits {
                let Some(file) = sources.json.iter().find(|f| f.source.path == e.path) else {
                    continue;
                };
                let one = Fix {
                    rule: "uni-app/dropped-key",
                    title: fix.title.clone(),
                    edits: vec![Edit {
                        range: e.range,
                        replacement: e.replacement,
                    }],
                };
                match per_file.iter_mut().find(|(f, _)| std::ptr::eq(*f, &**file)) {
                    Some((_, fixes)) => fixes.push(one),
                    None => per_file.push((file, vec![one])),
                }
            }
        }
        let files: Vec<FileFix> = per_file
            .into_iter()
            .filter_map(|(f, fixes)| file_fix(f, fixes))
            .collect();
        // A move edits two files: write neither when one of them cannot be written.
        if files.iter().any(|f| f.refused.is_some()) {
            return files.into_iter().filter(|f| f.refused.is_some()).collect();
        }
        return files;
    }
    let mut app_fixes = trailing_commas(&project.app);
    app_fixes.extend(app_json_fixes(project));
    if let Some(f) = file_fix(&project.app, app_fixes) {
        out.push(f);
    }
    if let Some(cfg) = &project.config {
        if let Some(f) = file_fix(cfg, trailing_commas(cfg)) {
            out.push(f);
        }
    }
    out
}

/// Apply fixes to a file's text; a fix whose edits overlap an earlier one is dropped, and if
/// the result does not parse nothing is kept.
fn file_fix(file: &JsonFile, fixes: Vec<Fix>) -> Option<FileFix> {
    if fixes.is_empty() || file.value.is_none() {
        return None;
    }
    let mut kept: Vec<Fix> = Vec::new();
    // Taken ranges by start (the largest end when several start at one offset).
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for fix in fixes {
        if fix.edits.iter().any(|e| clashes(&taken, &e.range)) {
            continue;
        }
        for e in &fix.edits {
            let end = taken.entry(e.range.start).or_insert(e.range.end);
            *end = (*end).max(e.range.end);
        }
        kept.push(fix);
    }
    let text = &file.source.text;
    let edits: Vec<Edit> = kept.iter().flat_map(|f| f.edits.iter().cloned()).collect();
    let fixed = apply(text, &edits);
    let check = JsonFile::parse_text(&file.source.path, fixed.clone());
    let refused = check.value.is_none().then(|| {
        msg!(
            "not fixed: the fixed text would not parse (please report this)",
            "未修复：修复后的内容无法解析（请报告此问题）"
        )
    });
    Some(FileFix {
        path: file.source.path.clone(),
        display: file.source.display.clone(),
        original: text.clone(),
        fixed: if refused.is_some() {
            text.clone()
        } else {
            fixed
        },
        fixes: if refused.is_some() { Vec::new() } else { kept },
        refused,
    })
}

/// Whether `r` overlaps a taken range. An insertion touching a range's edge does not.
fn clashes(taken: &std::collections::BTreeMap<usize, usize>, r: &Range<usize>) -> bool {
    if r.end > r.start && taken.range(r.start + 1..r.end).next().is_some() {
        return true;
    }
    match taken.range(..=r.start).next_back() {
        Some((&ts, &te)) if ts == r.start => te > ts && r.end > r.start,
        Some((_, &te)) => te > r.start,
        None => false,
    }
}

/// Apply non-overlapping edits (any order) to `text`. Insertions at the same offset keep their
/// given order and come before a replacement starting there.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for e in sorted {
        let start = e.range.start.max(pos).min(text.len());
        out.push_str(&text[pos..start]);
        out.push_str(&e.replacement);
        pos = e.range.end.max(start).min(text.len());
    }
    out.push_str(&text[pos..]);
    out
}

/// `json/syntax` trailing commas, as the reader found them (all of them, not only the ones
/// reported).
fn trailing_commas(file: &JsonFile) -> Vec<Fix> {
    let text = &file.source.text;
    file.trailing_commas
        .iter()
        .filter(|span| text.get((*span).clone()) == Some(","))
        .map(|span| Fix {
            rule: "json/syntax",
            title: msg!("removed a trailing comma", "删除了多余的逗号"),
            edits: vec![Edit {
                range: span.clone(),
                replacement: String::new(),
            }],
        })
        .collect()
}

fn app_json_fixes(project: &Project) -> Vec<Fix> {
    let app = &project.app;
    let model = &project.model;
    let Some(root) = app.value.as_ref().and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut fixes = Vec::new();
    let package = model.chat_tool_package();
    // chat-tools/not-independent
    if let Some(pkg) = package {
        if let Some(edits) = set_member(app, &pkg.pointer, "independent", &Value::Bool(true)) {
            fixes.push(Fix {
                rule: "chat-tools/not-independent",
                title: msg!(
                    "set `\"independent\": true` on the chat-tool subpackage",
                    "为聊天工具分包设置 `\"independent\": true`"
                ),
                edits,
            });
        }
    }
    // chat-tools/not-skyline
    let app_renderer = root.get("renderer").and_then(Value::as_str);
    if let Some(pkg) = package {
        let needed = match pkg.renderer.as_deref() {
            Some(r) => r != "skyline",
            None => app_renderer != Some("skyline"),
        };
        let skyline = Value::String("skyline".into());
        if needed {
            if let Some(edits) = set_member(app, &pkg.pointer, "renderer", &skyline) {
                fixes.push(Fix {
                    rule: "chat-tools/not-skyline",
                    title: msg!(
                        "set `\"renderer\": \"skyline\"` on the chat-tool subpackage",
                        "为聊天工具分包设置 `\"renderer\": \"skyline\"`"
                    ),
                    edits,
                });
            }
        }
    }
    let skyline_used = package.is_some()
        || app_renderer == Some("skyline")
        || model
            .subpackages
            .iter()
            .any(|s| s.renderer.as_deref() == Some("skyline"));
    if skyline_used {
        // skyline/glass-easel, for the chat-tool package only: set it on the subpackage, where it
        // changes nothing outside the package (app level would switch every main-package page
        // from the default exparser too).
        let app_cf = root.get("componentFramework").and_then(Value::as_str);
        if let Some(pkg) = package {
            let effective = pkg.component_framework.as_deref().or(app_cf);
            let glass = Value::String("glass-easel".into());
            if effective != Some("glass-easel") {
                if let Some(edits) = set_member(app, &pkg.pointer, "componentFramework", &glass) {
                    fixes.push(Fix {
                        rule: "skyline/glass-easel",
                        title: msg!(
                            "set `\"componentFramework\": \"glass-easel\"` on the chat-tool subpackage (Skyline needs it)",
                            "为聊天工具分包设置 `\"componentFramework\": \"glass-easel\"`（Skyline 需要）"
                        ),
                        edits,
                    });
                }
            }
        }
        // skyline/lazy-code-loading (also the wrong-case `requiredcomponents`).
        let lazy = Value::String("requiredComponents".into());
        if let Some(edits) = set_member(app, "", "lazyCodeLoading", &lazy) {
            fixes.push(Fix {
                rule: "skyline/lazy-code-loading",
                title: msg!(
                    "set `\"lazyCodeLoading\": \"requiredComponents\"` (Skyline needs it)",
                    "设置 `\"lazyCodeLoading\": \"requiredComponents\"`（Skyline 需要）"
                ),
                edits,
            });
        }
    }
    // chat-tools/entry-page: a leading `/` or the root prefix.
    for tool in &model.chat_tools {
        let (Some(entry), Some(root)) = (tool.entry_page_path.as_deref(), tool.root.as_deref())
        else {
            continue;
        };
        let Some(pkg) = model.subpackage_by_root(root) else {
            continue;
        };
        let Some(fixed) = fixed_entry(entry, pkg.root_trimmed().unwrap_or("")) else {
            continue;
        };
        if !pkg.pages.iter().any(|p| p.path == fixed) {
            continue;
        }
        let pointer = format!("{}/entryPagePath", tool.pointer);
        let Some(node) = app.node(&pointer) else {
            continue;
        };
        fixes.push(Fix {
            rule: "chat-tools/entry-page",
            title: msg!(
                "`entryPagePath` `{entry}` → `{fixed}` (relative to the package root)",
                "`entryPagePath` `{entry}` → `{fixed}`（相对于分包根目录）"
            ),
            edits: vec![Edit {
                range: node.value.clone(),
                replacement: json_string(&fixed),
            }],
        });
    }
    fixes
}

/// `entry` without a leading `/` and without the `root/` prefix, when that changes it.
fn fixed_entry(entry: &str, root: &str) -> Option<String> {
    let mut s = entry.trim_start_matches('/');
    if !root.is_empty() {
        if let Some(rest) = s.strip_prefix(root).and_then(|r| r.strip_prefix('/')) {
            s = rest.trim_start_matches('/');
        }
    }
    (s != entry && !s.is_empty()).then(|| s.to_string())
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// Edits that make member `key` of the object at `obj` equal `value`: replace a value of the
/// same JSON type that differs, insert the member when absent; `None` when it already holds
/// the value, has another type, or the object cannot take a member.
fn set_member(file: &JsonFile, obj: &str, key: &str, value: &Value) -> Option<Vec<Edit>> {
    let object = file.get(obj)?.as_object()?;
    let literal = serde_json::to_string(value).ok()?;
    let pointer = format!("{obj}/{}", escape_token(key));
    if let Some(current) = object.get(key) {
        let same_type = matches!(
            (current, value),
            (Value::Bool(_), Value::Bool(_)) | (Value::String(_), Value::String(_))
        );
        if current == value || !same_type {
            return None;
        }
        let node = file.node(&pointer)?;
        return Some(vec![Edit {
            range: node.value.clone(),
            replacement: literal,
        }]);
    }
    insert_member(file, obj, object, key, &literal).map(|e| vec![e])
}

/// Insert `"key": literal` after the textually last member of the object at `obj`, laid out
/// like that member: on its own line with the same indentation and line ending, or inline.
fn insert_member(
    file: &JsonFile,
    obj: &str,
    object: &serde_json::Map<String, Value>,
    key: &str,
    literal: &str,
) -> Option<Edit> {
    let text = &file.source.text;
    let last = object
        .keys()
        .filter_map(|k| file.node(&format!("{obj}/{}", escape_token(k))))
        .max_by_key(|n| n.value.end)?;
    let key_span = last.key.clone()?;
    let between = text.get(key_span.end..last.value.start)?;
    let sep = if between.contains('/') || between.contains('\n') {
        ": "
    } else {
        between
    };
    let line_start = text[..key_span.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..key_span.start];
    let member = format!("{}{sep}{literal}", json_string(key));
    let replacement = if line_start > 0 && indent.chars().all(|c| c == ' ' || c == '\t') {
        let nl = if text[..line_start].ends_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        format!(",{nl}{indent}{member}")
    } else {
        format!(", {member}")
    };
    let at = last.value.end;
    Some(Edit {
        range: at..at,
        replacement,
    })
}

/// A unified diff of a file's fix (`--diff`).
pub fn unified_diff(f: &FileFix) -> String {
    let a = format!("a/{}", f.display);
    let b = format!("b/{}", f.display);
    similar::TextDiff::from_lines(&f.original, &f.fixed)
        .unified_diff()
        .context_radius(3)
        .header(&a, &b)
        .missing_newline_hint(true)
        .to_string()
}

/// Whether `path` still holds exactly `original` (nothing changed it since it was read).
pub fn unchanged(path: &Path, original: &str) -> bool {
    std::fs::read(path).is_ok_and(|b| b == original.as_bytes())
}

/// What `--fix` / `--diff` did for one command-line path.
pub struct CliOutcome {
    /// The project to lint now (reloaded after writing).
    pub project: Result<Project, crate::project::LoadError>,
    /// The unified diff (`--diff`).
    pub diff: String,
    /// A fix could not be written (exit 2).
    pub failed: bool,
}

/// `--fix` (`write`) or `--diff` for one path: plan, then write or diff; report on stderr what
/// changed. The caller lints the returned project for what remains.
pub fn run_for_cli(
    loaded: Result<Project, crate::project::LoadError>,
    path: &Path,
    write: bool,
    lang: crate::i18n::Lang,
) -> CliOutcome {
    let mut out = CliOutcome {
        project: Err(crate::project::LoadError {
            message: msg!("", ""),
            help: None,
        }),
        diff: String::new(),
        failed: false,
    };
    let project = match loaded {
        Ok(p) => p,
        Err(e) => {
            out.project = Err(e);
            return out;
        }
    };
    let (error, note) = match lang {
        crate::i18n::Lang::En => ("error", "fixed"),
        crate::i18n::Lang::Zh => ("错误", "已修复"),
    };
    let mut wrote = false;
    for f in plan(&project) {
        if let Some(why) = &f.refused {
            eprintln!(
                "chattools-lint: {error}: `{}`: {}",
                f.display,
                why.get(lang)
            );
            out.failed = true;
            continue;
        }
        if !write {
            out.diff.push_str(&unified_diff(&f));
            continue;
        }
        match write_fixed(&f.path, &f.original, &f.fixed) {
            Ok(()) => {
                wrote = true;
                let src = crate::diagnostic::SourceFile::new(f.path.clone(), f.original.clone());
                let mut fixes: Vec<&Fix> = f.fixes.iter().collect();
                fixes.sort_by_key(|x| x.edits.first().map_or(0, |e| e.range.start));
                // At most this many lines per rule, then a count.
                const SHOWN: usize = 20;
                let mut per_rule: std::collections::BTreeMap<&str, usize> = Default::default();
                for fix in &fixes {
                    *per_rule.entry(fix.rule).or_default() += 1;
                }
                let mut shown: std::collections::BTreeMap<&str, usize> = Default::default();
                for fix in fixes {
                    let n = shown.entry(fix.rule).or_default();
                    *n += 1;
                    if *n > SHOWN {
                        if *n == SHOWN + 1 {
                            let more = per_rule[fix.rule] - SHOWN;
                            let m = msg!("… and {more} more", "……另有 {more} 处");
                            eprintln!(
                                "chattools-lint: {note} {}: {} [{}]",
                                f.display,
                                m.get(lang),
                                fix.rule
                            );
                        }
                        continue;
                    }
                    let at = fix.edits.first().map_or(0, |e| e.range.start);
                    let (line, col) = src.line_col(at);
                    eprintln!(
                        "chattools-lint: {note} {}:{line}:{col}: {} [{}]",
                        f.display,
                        fix.title.get(lang),
                        fix.rule
                    );
                }
            }
            Err(e) => {
                out.failed = true;
                let m = msg!(
                    "not fixing `{}`: {}",
                    "未修复 `{}`：{}",
                    f.display,
                    e.describe().get(lang)
                );
                eprintln!("chattools-lint: {error}: {}", m.get(lang));
            }
        }
    }
    out.project = if wrote {
        Project::load(path)
    } else {
        Ok(project)
    };
    out
}
