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

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, FileEdit, Fix, Label, Severity, SourceFile};
use crate::i18n::Msg;
use crate::project::LoadError;

pub use record::DIR_NAME;
/// Set (not empty), it does what `--no-cache` does (as ruff's `RUFF_NO_CACHE`).
pub const NO_CACHE_ENV: &str = "CHATTOOLS_LINT_NO_CACHE";
/// Bumped when the entry format changes.
const FORMAT: u32 = 3;

/// A linted project: what the report needs.
#[derive(Debug)]
pub struct Linted {
    /// The project folder.
    pub dir: PathBuf,
    /// Its app.json.
    pub app_json: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
    /// A note for stderr (a source tree beside its build output).
    pub note: Option<crate::i18n::Msg>,
    /// Whether the result may be kept: uni-app and Taro sources are read by readers that the
    /// recorder does not watch, so their results are never kept.
    pub cacheable: bool,
}

/// The cache of one run for one location: one file holding an entry per PATH linted (with
/// `-r`, every project found under the PATH searched shares the searched folder's file, so a
/// run reads and writes one file, not one per project).
pub struct Session {
    /// `None`: no cache (`--no-cache`, `CHATTOOLS_LINT_NO_CACHE`).
    place: Option<(PathBuf, PathBuf)>,
    entries: Mutex<HashMap<String, Entry>>,
    /// Entries used or written this run: only these are kept when the file is rewritten.
    touched: Mutex<HashSet<String>>,
    dirty: AtomicBool,
}

impl Session {
    /// The cache for projects found at or under `root` (a command-line PATH).
    pub fn open(root: &Path, use_cache: bool) -> Session {
        let enabled = use_cache && std::env::var_os(NO_CACHE_ENV).is_none_or(|v| v.is_empty());
        let place = enabled.then(|| {
            let abs = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
            let dir = location(&abs);
            let name = format!("{:016x}.cache", hash(&[abs.as_os_str().as_encoded_bytes()]));
            let file = dir.join(name);
            (dir, file)
        });
        // An entry file that cannot be read or parsed is as good as none.
        let entries = place
            .as_ref()
            .and_then(|(_, file)| std::fs::read(file).ok())
            .and_then(|bytes| serde_json::from_slice::<File>(&bytes).ok())
            .filter(|f| f.format == FORMAT)
            .map(|f| f.entries)
            .unwrap_or_default();
        Session {
            place,
            entries: Mutex::new(entries),
            touched: Mutex::new(HashSet::new()),
            dirty: AtomicBool::new(false),
        }
    }

    /// Lint the project at `path` (a command-line PATH, or a project `-r` found), giving the
    /// cached diagnostics when they are current.
    pub fn lint(&self, path: &Path, config: &Config) -> Result<Linted, LoadError> {
        if self.place.is_none() {
            return lint_fresh(path, config, None);
        }
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let Some(id) = abs.to_str().map(str::to_string) else {
            return lint_fresh(path, config, None);
        };
        let key = format!("{:016x}", key(&abs, config));
        lock(&self.touched).insert(id.clone());
        // Checked outside the lock: the other workers go on meanwhile.
        let obs = lock(&self.entries)
            .get(&id)
            .filter(|e| e.key == key)
            .map(|e| {
                e.obs
                    .iter()
                    .map(|o| record::Obs {
                        path: e.base.join(&o.path),
                        ..o.clone()
                    })
                    .collect::<Vec<_>>()
            });
        if obs.is_some_and(|obs| record::replay(&obs)) {
            if let Some(hit) = lock(&self.entries).get(&id).and_then(to_linted) {
                return Ok(hit);
            }
        }
        let rec = record::Recorder::default();
        let linted = lint_fresh(path, config, Some(rec.clone()))?;
        if let Some(entry) = to_entry(key, rec.take(), &linted).filter(|_| linted.cacheable) {
            lock(&self.entries).insert(id, entry);
            self.dirty.store(true, Ordering::Relaxed);
        }
        Ok(linted)
    }

    /// Write the entries back when any changed (atomically; silently not when it cannot be).
    pub fn save(self) {
        let Some((dir, file)) = self.place else {
            return;
        };
        if !self.dirty.load(Ordering::Relaxed) {
            return;
        }
        let touched = self.touched.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut entries = self.entries.into_inner().unwrap_or_else(|e| e.into_inner());
        entries.retain(|id, _| touched.contains(id));
        let Ok(bytes) = serde_json::to_vec(&File {
            format: FORMAT,
            entries,
        }) else {
            return;
        };
        let _ = write_atomically(&dir, &file, &bytes);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn lint_fresh(
    path: &Path,
    config: &Config,
    recorder: Option<record::Recorder>,
) -> Result<Linted, LoadError> {
    let (project, mut diagnostics) =
        crate::lint::load_and_lint(path, Default::default(), config, recorder)?;
    diagnostics.retain(|d| !d.file.as_ref().is_some_and(|f| config.is_ignored(&f.path)));
    Ok(Linted {
        app_json: project
            .sources
            .as_ref()
            .map_or_else(|| project.app.source.path.clone(), |s| s.primary.clone()),
        note: crate::project::framework::build_output_note(&project),
        cacheable: project.sources.is_none(),
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
        .rules
        .severities
        .iter()
        .map(|(k, v)| format!("{k}={}", v.as_str()))
        .collect();
    severities.sort();
    let mut options: Vec<_> = config
        .rules
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
        "server": config.server.patterns,
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
struct File {
    format: u32,
    /// By absolute PATH.
    entries: HashMap<String, Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    key: String,
    dir: PathBuf,
    app_json: PathBuf,
    /// The looks' paths are relative to this (the project folder, absolute) when under it: the
    /// entry is mostly paths, and reading it is part of every warm run.
    base: PathBuf,
    obs: Vec<record::Obs>,
    /// The files diagnostics point into, with the text shown.
    files: Vec<(PathBuf, String)>,
    diagnostics: Vec<Stored>,
}

type Text = (String, String);
/// A fix: its title and its edits (path, byte range, replacement).
type StoredFix = (Text, Vec<(PathBuf, Range<usize>, String)>);

#[derive(Clone, Serialize, Deserialize)]
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

/// The diagnostics of an entry (`None`: an entry this build cannot read back).
fn to_linted(entry: &Entry) -> Option<Linted> {
    let files: Vec<Arc<SourceFile>> = entry
        .files
        .iter()
        .map(|(p, t)| Arc::new(SourceFile::new(p.clone(), t.clone())))
        .collect();
    let mut diagnostics = Vec::with_capacity(entry.diagnostics.len());
    for s in entry.diagnostics.iter().cloned() {
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
        dir: entry.dir.clone(),
        app_json: entry.app_json.clone(),
        diagnostics,
        note: None,
        cacheable: true,
    })
}

fn to_entry(key: String, mut obs: Vec<record::Obs>, linted: &Linted) -> Option<Entry> {
    // The same look made twice needs one check.
    let mut seen = std::collections::HashSet::new();
    obs.retain(|o| seen.insert(o.clone()));
    // Paths under the project folder, relative to it (`base.join` gives them back); any other
    // path absolute. The folder itself stays absolute: `dir/` would follow a link `dir` is.
    let base = std::path::absolute(&linted.dir).ok()?;
    for o in &mut obs {
        let abs = std::path::absolute(&o.path).ok()?;
        o.path = match abs.strip_prefix(&base) {
            Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
            _ => abs,
        };
    }
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
        key,
        dir: linted.dir.clone(),
        app_json: linted.app_json.clone(),
        base,
        obs,
        files,
        diagnostics,
    };
    // A path that is not UTF-8 cannot be stored: no entry.
    entry.dir.to_str()?;
    entry.base.to_str()?;
    entry.app_json.to_str()?;
    entry
        .obs
        .iter()
        .all(|o| o.path.to_str().is_some())
        .then_some(entry)
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
