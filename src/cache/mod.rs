//! The lint cache: a project's diagnostics kept from the last run, given again when nothing
//! they depend on has changed (docs/cache.md).
//!
//! An entry holds, besides the diagnostics, every look at the disk the lint made (`record`):
//! each file read with a hash of its whole content, each folder listed with its names, kinds
//! and sizes, each path checked with its kind. It is used only when its key matches — the
//! tool's version and build, the configuration and the command-line options that change
//! results, and the PATH linted — and every one of those looks still gets the same answer; the
//! lint is a function of exactly these, so the answer is the one a fresh lint would give.
//! Anything else (no entry, another key, an entry that cannot be read or parsed, a changed
//! file) lints afresh and rewrites the entry, atomically (a temporary file renamed into place).
//! Nothing is written when the folder cannot be created or written: no error, no output.

pub mod record;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, FileEdit, Fix, Label, Severity, SourceFile};
use crate::i18n::Msg;
use crate::project::{LoadError, Project};

/// The cache folder's name when the project has no `node_modules`.
pub const DIR_NAME: &str = ".chattools-lint-cache";
/// Set (not empty), it does what `--no-cache` does (as ruff's `RUFF_NO_CACHE`).
pub const NO_CACHE_ENV: &str = "CHATTOOLS_LINT_NO_CACHE";
/// Bumped when the entry format changes.
const FORMAT: u32 = 1;

/// A linted project: what the report needs.
#[derive(Debug)]
pub struct Linted {
    /// The project folder.
    pub dir: PathBuf,
    /// Its app.json.
    pub app_json: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lint the project at `path` (a command-line PATH), through the cache unless `use_cache` is
/// false.
pub fn lint(path: &Path, config: &Config, use_cache: bool) -> Result<Linted, LoadError> {
    if !use_cache || std::env::var_os(NO_CACHE_ENV).is_some_and(|v| !v.is_empty()) {
        return lint_fresh(path, config);
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let key = key(&abs, config);
    let dir = location(&abs);
    let file = dir.join(format!(
        "{:016x}.cache",
        hash(&[abs.as_os_str().as_encoded_bytes()])
    ));
    if let Some(hit) = load(&file, key) {
        return Ok(hit);
    }
    let rec = record::Recorder::default();
    let linted = record::with(Some(rec.clone()), || lint_fresh(path, config))?;
    store(&dir, &file, key, rec.take(), &linted);
    Ok(linted)
}

fn lint_fresh(path: &Path, config: &Config) -> Result<Linted, LoadError> {
    let project = Project::load(path)?;
    let mut diagnostics = crate::lint::lint_project(&project, config);
    diagnostics.retain(|d| !d.file.as_ref().is_some_and(|f| config.is_ignored(&f.path)));
    Ok(Linted {
        app_json: project.app.source.path.clone(),
        dir: project.dir,
        diagnostics,
    })
}

/// Where the cache of a PATH lives: in its project folder (the folder holding
/// project.config.json: PATH, or the folder above PATH's app.json folder), under
/// `node_modules/.cache/chattools-lint` when the project has `node_modules` (never uploaded by
/// WeChat, already ignored by git), else in `.chattools-lint-cache`.
pub fn location(abs: &Path) -> PathBuf {
    let mut dir = if abs.is_dir() {
        abs.to_path_buf()
    } else {
        abs.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    if !dir.join(crate::project::PROJECT_CONFIG).is_file() {
        if let Some(up) = dir.parent() {
            if up.join(crate::project::PROJECT_CONFIG).is_file() {
                dir = up.to_path_buf();
            }
        }
    }
    let node_modules = dir.join("node_modules");
    if node_modules.is_dir() {
        node_modules.join(".cache").join("chattools-lint")
    } else {
        dir.join(DIR_NAME)
    }
}

fn hash(parts: &[&[u8]]) -> u64 {
    let mut h = Xxh3::new();
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.digest()
}

/// The tool (version and this very build: a rebuilt binary has another modification time),
/// the configuration as loaded (file, severities from it and from `--deny`/`--warn`/`--allow`,
/// rule options, ignore patterns) and the PATH.
fn key(abs: &Path, config: &Config) -> u64 {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{mtime}:{}", m.len())
        })
        .unwrap_or_default();
    let mut severities: Vec<_> = config
        .severities
        .iter()
        .map(|(k, v)| format!("{k}={}", v.as_str()))
        .collect();
    severities.sort();
    let mut options: Vec<_> = config
        .options
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    options.sort();
    let settings = serde_json::json!({
        "file": config.file,
        "severities": severities,
        "options": options,
        "ignore": config.ignore_patterns,
    })
    .to_string();
    hash(&[
        &FORMAT.to_le_bytes(),
        env!("CARGO_PKG_VERSION").as_bytes(),
        exe.as_bytes(),
        settings.as_bytes(),
        abs.as_os_str().as_encoded_bytes(),
    ])
}

#[derive(Serialize, Deserialize)]
struct Entry {
    key: String,
    dir: PathBuf,
    app_json: PathBuf,
    obs: Vec<record::Obs>,
    /// The files diagnostics point into, with the text shown.
    files: Vec<(PathBuf, String)>,
    diagnostics: Vec<Stored>,
}

type Text = (String, String);
/// A fix: its title and its edits (path, byte range, replacement).
type StoredFix = (Text, Vec<(PathBuf, Range<usize>, String)>);

#[derive(Serialize, Deserialize)]
struct Stored {
    rule: String,
    severity: String,
    message: Text,
    file: Option<usize>,
    span: Option<Range<usize>>,
    span_label: Option<Text>,
    pointer: Option<String>,
    labels: Vec<(Range<usize>, Option<Text>)>,
    help: Option<Text>,
    url: Option<String>,
    severity_cap: Option<String>,
    fix: Option<StoredFix>,
}

fn text(m: &Msg) -> Text {
    (m.en.clone(), m.zh.clone())
}

fn msg(t: Text) -> Msg {
    Msg::new(t.0, t.1)
}

fn load(file: &Path, key: u64) -> Option<Linted> {
    let bytes = std::fs::read(file).ok()?;
    let entry: Entry = serde_json::from_slice(&bytes).ok()?;
    if entry.key != format!("{key:016x}") || !record::replay(&entry.obs) {
        return None;
    }
    let files: Vec<Arc<SourceFile>> = entry
        .files
        .into_iter()
        .map(|(p, t)| Arc::new(SourceFile::new(p, t)))
        .collect();
    let mut diagnostics = Vec::with_capacity(entry.diagnostics.len());
    for s in entry.diagnostics {
        // Rule ids are `&'static str`: take them from the registry (an unknown id: a stale entry).
        let rule = crate::rules::find(&s.rule)?.id;
        let file = match s.file {
            Some(i) => Some(files.get(i)?.clone()),
            None => None,
        };
        diagnostics.push(Diagnostic {
            rule,
            severity: Severity::parse(&s.severity)?,
            message: msg(s.message),
            file,
            span: s.span,
            span_label: s.span_label.map(msg),
            pointer: s.pointer,
            labels: s
                .labels
                .into_iter()
                .map(|(span, t)| Label {
                    span,
                    text: t.map(msg),
                })
                .collect(),
            help: s.help.map(msg),
            url: s.url,
            severity_cap: match s.severity_cap {
                Some(c) => Some(Severity::parse(&c)?),
                None => None,
            },
            fix: s.fix.map(|(title, edits)| Fix {
                title: msg(title),
                edits: edits
                    .into_iter()
                    .map(|(path, range, replacement)| FileEdit {
                        path,
                        range,
                        replacement,
                    })
                    .collect(),
            }),
        });
    }
    Some(Linted {
        dir: entry.dir,
        app_json: entry.app_json,
        diagnostics,
    })
}

fn store(dir: &Path, file: &Path, key: u64, mut obs: Vec<record::Obs>, linted: &Linted) {
    // The same look made twice needs one check.
    let mut seen = std::collections::HashSet::new();
    obs.retain(|o| seen.insert(o.clone()));
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut index: std::collections::HashMap<*const SourceFile, usize> = Default::default();
    let diagnostics = linted
        .diagnostics
        .iter()
        .map(|d| Stored {
            rule: d.rule.to_string(),
            severity: d.severity.as_str().to_string(),
            message: text(&d.message),
            file: d.file.as_ref().map(|f| {
                *index.entry(Arc::as_ptr(f)).or_insert_with(|| {
                    files.push((f.path.clone(), f.text.clone()));
                    files.len() - 1
                })
            }),
            span: d.span.clone(),
            span_label: d.span_label.as_ref().map(text),
            pointer: d.pointer.clone(),
            labels: d
                .labels
                .iter()
                .map(|l| (l.span.clone(), l.text.as_ref().map(text)))
                .collect(),
            help: d.help.as_ref().map(text),
            url: d.url.clone(),
            severity_cap: d.severity_cap.map(|s| s.as_str().to_string()),
            fix: d.fix.as_ref().map(|f| {
                (
                    text(&f.title),
                    f.edits
                        .iter()
                        .map(|e| (e.path.clone(), e.range.clone(), e.replacement.clone()))
                        .collect(),
                )
            }),
        })
        .collect();
    let entry = Entry {
        key: format!("{key:016x}"),
        dir: linted.dir.clone(),
        app_json: linted.app_json.clone(),
        obs,
        files,
        diagnostics,
    };
    // A path that is not UTF-8 cannot be stored: no entry.
    let Ok(bytes) = serde_json::to_vec(&entry) else {
        return;
    };
    let _ = write_atomically(dir, file, &bytes);
}

fn write_atomically(dir: &Path, file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if !dir.is_dir() {
        std::fs::create_dir_all(dir)?;
        // Keeps the folder out of git without the user doing anything (as `.ruff_cache` does),
        // and out of backups.
        if dir.file_name().is_some_and(|n| n == DIR_NAME) {
            std::fs::write(dir.join(".gitignore"), "# Created by chattools-lint\n*\n")?;
        }
        std::fs::write(
            dir.join("CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55\n# chattools-lint's cache; safe to delete.\n",
        )?;
    }
    let tmp = file.with_extension(format!("{}.tmp", std::process::id()));
    let written = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, file));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
