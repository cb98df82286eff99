//! What WeChat would upload, per package: a plain walk of miniprogramRoot (no `.gitignore`;
//! `miniprogram_npm` counts, `node_modules` is never uploaded), the upload allow-list, compiled sources per compiler plugin, and
//! `packOptions`. See "Package size — what counts" in the rule catalogue.
//!
//! WeChat measures the compiled package: `compiled` estimates it per file under the project's
//! settings.

pub mod compiled;
pub mod pack_options;
pub mod report;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cache::record;
use crate::project::app::trim_root;
use crate::project::Project;
pub use pack_options::{CompiledRule, PackMatcher, PatternProblem};

/// The chat-tool package limit: 500 KB, with WeChat's 1 KB = 1024 B.
pub const CHAT_TOOL_LIMIT: u64 = 500 * 1024;
/// Every other package (main, each subpackage): 2 MB.
pub const PACKAGE_LIMIT: u64 = 2 * 1024 * 1024;

/// Extensions WeChat uploads as they are (case-sensitive, as `path.posix.extname`).
pub const ALLOW_LIST: &[&str] = &[
    ".wxml", ".wxss", ".wxs", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".js", ".json", ".cer",
    ".mp3", ".aac", ".m4a", ".mp4", ".wav", ".ogg", ".silk", ".wasm", ".br", ".cur", ".ico",
    ".skel", ".crt", ".cert",
];

/// Allow-listed extensions that WeChat's compilers shrink (minify); the rest (images, audio,
/// video, wasm, certificates, `.br`…) upload byte for byte.
const SHRINKABLE: &[&str] = &[".wxml", ".wxss", ".wxs", ".js", ".json"];

/// The extension as `path.posix.extname` gives it: from the last `.` of the base name, unless the
/// name starts with its only dot.
pub fn extname(name: &str) -> &str {
    match name.rfind('.') {
        Some(0) | None => "",
        Some(i) => &name[i..],
    }
}

/// How a file is uploaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upload {
    /// Uploaded as it is; `shrinkable` when a compiler minifies it.
    AsIs { shrinkable: bool },
    /// Compiled by a plugin into `.js` or `.wxss` (counted at its source size).
    Compiled { into: &'static str },
}

/// Why a file is left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Its extension is not on the upload allow-list.
    NotAllowed { ext: String },
    /// A source whose compiler plugin is not in `setting.useCompilerPlugins`.
    NoCompiler { plugin: &'static str },
    /// A TypeScript declaration file.
    Declaration,
    /// An ignore rule of packOptions matches it.
    Ignored {
        index: usize,
        pointer: Arc<str>,
        kind: Arc<str>,
        value: Arc<str>,
    },
    /// A link to something outside the project: never followed.
    LinkOutside { target: String },
    /// A link to a folder that contains it: not followed again.
    LinkLoop { target: String },
    /// A link that points nowhere, or a file that could not be read.
    Unreadable { error: String },
    /// A `node_modules` folder: never uploaded (WeChat uploads the `miniprogram_npm` that
    /// 构建 npm builds from it), so not walked.
    NodeModules,
    /// chattools-lint's own cache folder (`.chattools-lint-cache`): nothing of it is uploaded.
    LintCache,
}

impl Reason {
    /// A stable key for grouping and JSON.
    pub fn key(&self) -> String {
        match self {
            Reason::NotAllowed { .. } => "not-allowed".into(),
            Reason::NoCompiler { plugin } => format!("no-compiler-plugin:{plugin}"),
            Reason::Declaration => "declaration".into(),
            Reason::Ignored { pointer, .. } => format!("pack-options:{pointer}"),
            Reason::LinkOutside { .. } => "link-outside-project".into(),
            Reason::LinkLoop { .. } => "link-loop".into(),
            Reason::Unreadable { .. } => "unreadable".into(),
            Reason::NodeModules => "node-modules".into(),
            Reason::LintCache => "lint-cache".into(),
        }
    }
}

/// A file that counts.
#[derive(Clone, Debug)]
pub struct Counted {
    /// Relative to miniprogramRoot, `/`-separated.
    pub path: String,
    pub bytes: u64,
    pub upload: Upload,
    /// What WeChat's compiler would emit (`compiled::compile`); `bytes` until computed.
    pub compiled: u64,
}

impl Counted {
    /// Bytes no compiler shrinks.
    pub fn is_binary(&self) -> bool {
        matches!(self.upload, Upload::AsIs { shrinkable: false })
    }
}

/// A file (or link) left out, and why.
#[derive(Clone, Debug)]
pub struct Excluded {
    pub path: String,
    pub bytes: u64,
    pub reason: Reason,
}

/// Which package a file belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackageKind {
    Main,
    /// A subpackage: its index in app.json's list.
    Sub {
        index: usize,
    },
}

/// The estimate of one package.
#[derive(Clone, Debug)]
pub struct PackageEstimate {
    pub kind: PackageKind,
    /// The subpackage root (trimmed of a trailing `/`); empty for the main package.
    pub root: String,
    pub name: Option<String>,
    /// This is the chat-tool package.
    pub chat_tool: bool,
    pub limit: u64,
    pub files: Vec<Counted>,
    pub bytes: u64,
    /// Bytes no compiler shrinks (images, audio, video, wasm, `.br`…).
    pub binary_bytes: u64,
    /// The compiled size under the project's settings (`compiled::compile`), helpers included;
    /// `bytes` until computed.
    pub compiled_bytes: u64,
    /// Of `compiled_bytes`: the babel helpers the ES5 compile copies into the package.
    pub helper_bytes: u64,
}

impl PackageEstimate {
    fn new(kind: PackageKind, root: String, name: Option<String>, limit: u64) -> Self {
        PackageEstimate {
            kind,
            root,
            name,
            chat_tool: false,
            limit,
            files: Vec::new(),
            bytes: 0,
            binary_bytes: 0,
            compiled_bytes: 0,
            helper_bytes: 0,
        }
    }

    fn add(&mut self, f: Counted) {
        self.bytes += f.bytes;
        self.compiled_bytes += f.compiled;
        if f.is_binary() {
            self.binary_bytes += f.bytes;
        }
        self.files.push(f);
    }

    pub fn text_bytes(&self) -> u64 {
        self.bytes - self.binary_bytes
    }

    /// The `n` largest files, largest first (ties by path).
    pub fn largest_files(&self, n: usize) -> Vec<&Counted> {
        let mut v: Vec<&Counted> = self.files.iter().collect();
        top_n(&mut v, n, |a, b| {
            b.bytes.cmp(&a.bytes).then_with(|| a.path.cmp(&b.path))
        });
        v
    }

    /// The `n` largest folders inside the package (each folder's total includes its sub-folders),
    /// largest first; paths relative to miniprogramRoot, ending in `/`.
    pub fn largest_folders(&self, n: usize) -> Vec<(String, u64)> {
        let mut totals: HashMap<&str, u64> = HashMap::new();
        for f in &self.files {
            let rel = self.relative(&f.path);
            let mut end = 0;
            while let Some(i) = rel[end..].find('/') {
                end += i;
                *totals.entry(&rel[..end]).or_default() += f.bytes;
                end += 1;
            }
        }
        let prefix = if self.root.is_empty() {
            String::new()
        } else {
            format!("{}/", self.root)
        };
        let mut v: Vec<(String, u64)> = totals
            .into_iter()
            .map(|(k, b)| (format!("{prefix}{k}/"), b))
            .collect();
        top_n(&mut v, n, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// The entries directly under the package root (folders summed, ending in `/`), largest
    /// first: what `du -d1` shows.
    pub fn top_level(&self, n: usize) -> Vec<(String, u64)> {
        let mut totals: HashMap<String, u64> = HashMap::new();
        for f in &self.files {
            let rel = self.relative(&f.path);
            let key = match rel.find('/') {
                Some(i) => format!("{}/", &rel[..i]),
                None => rel.to_string(),
            };
            *totals.entry(key).or_default() += f.bytes;
        }
        let mut v: Vec<(String, u64)> = totals.into_iter().collect();
        top_n(&mut v, n, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// A path relative to the package root.
    pub fn relative<'a>(&self, path: &'a str) -> &'a str {
        if self.root.is_empty() {
            path
        } else {
            path.strip_prefix(&self.root)
                .and_then(|p| p.strip_prefix('/'))
                .unwrap_or(path)
        }
    }
}

/// The whole estimate.
#[derive(Clone, Debug)]
pub struct Estimate {
    /// Main package first, then subpackages in app.json order.
    pub packages: Vec<PackageEstimate>,
    pub excluded: Vec<Excluded>,
    /// packOptions rules that match nothing.
    pub pattern_problems: Vec<PatternProblem>,
}

impl Estimate {
    pub fn chat_tool(&self) -> Option<&PackageEstimate> {
        self.packages.iter().find(|p| p.chat_tool)
    }

    pub fn bytes(&self) -> u64 {
        self.packages.iter().map(|p| p.bytes).sum()
    }

    pub fn binary_bytes(&self) -> u64 {
        self.packages.iter().map(|p| p.binary_bytes).sum()
    }

    pub fn compiled_bytes(&self) -> u64 {
        self.packages.iter().map(|p| p.compiled_bytes).sum()
    }

    pub fn files(&self) -> usize {
        self.packages.iter().map(|p| p.files.len()).sum()
    }
}

/// What to walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// All of miniprogramRoot: every package.
    All,
    /// Only the chat-tool package's root.
    ChatTool,
}

/// Whether a subpackage root may be walked: a plain relative path (no leading `/`, no `.` or
/// `..` step) that stays inside miniprogramRoot after links. Any other root is
/// `subpackages/invalid-root`'s and is never read: checked before the first system call on it.
pub fn walkable_root(project: &Project, root: &str) -> bool {
    !root.is_empty()
        && !root.starts_with('/')
        && Path::new(root)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        && project.resolve(root).is_ok()
}

/// The upload classification of a file name under the project's compiler plugins.
pub fn classify(name: &str, project: &Project) -> Result<Upload, Reason> {
    let ext = extname(name);
    if ALLOW_LIST.contains(&ext) {
        return Ok(Upload::AsIs {
            shrinkable: SHRINKABLE.contains(&ext),
        });
    }
    let s = &project.settings;
    match ext {
        ".ts" if name.ends_with(".d.ts") => Err(Reason::Declaration),
        ".ts" if s.typescript() => Ok(Upload::Compiled { into: ".js" }),
        ".ts" => Err(Reason::NoCompiler {
            plugin: "typescript",
        }),
        ".less" if s.less() => Ok(Upload::Compiled { into: ".wxss" }),
        ".less" => Err(Reason::NoCompiler { plugin: "less" }),
        ".scss" | ".sass" if s.sass() => Ok(Upload::Compiled { into: ".wxss" }),
        ".scss" | ".sass" => Err(Reason::NoCompiler { plugin: "sass" }),
        _ => Err(Reason::NotAllowed {
            ext: ext.to_string(),
        }),
    }
}

/// Estimate the packages of a project (all of them, or only the chat-tool package).
pub fn estimate(project: &Project, scope: Scope) -> Estimate {
    let model = &project.model;
    let matcher = PackMatcher::new(
        &project.settings.pack_ignore,
        &project.settings.pack_include,
    );
    let chat_root = model
        .chat_tool_package()
        .and_then(|s| s.root_trimmed())
        .map(str::to_string);

    let mut packages = Vec::new();
    if scope == Scope::All {
        packages.push(PackageEstimate::new(
            PackageKind::Main,
            String::new(),
            None,
            PACKAGE_LIMIT,
        ));
    }
    // Subpackage roots, for assigning files: (root/, index into `packages`).
    let mut roots: Vec<(String, usize)> = Vec::new();
    for s in &model.subpackages {
        let Some(root) = s.root_trimmed() else {
            continue;
        };
        if root.is_empty() || roots.iter().any(|(r, _)| r == &format!("{root}/")) {
            continue;
        }
        // A root that leaves the project is never walked, not even counted (issue 10).
        if !walkable_root(project, root) {
            continue;
        }
        let is_chat = chat_root.as_deref().map(trim_root) == Some(root);
        if scope == Scope::ChatTool && !is_chat {
            continue;
        }
        let mut p = PackageEstimate::new(
            PackageKind::Sub { index: s.index },
            root.to_string(),
            s.name.clone(),
            if is_chat {
                CHAT_TOOL_LIMIT
            } else {
                PACKAGE_LIMIT
            },
        );
        p.chat_tool = is_chat;
        roots.push((format!("{root}/"), packages.len()));
        packages.push(p);
    }
    // Longest roots first, so a file goes to the innermost package (nested roots are an error
    // of their own, but the estimate should not count a file twice).
    roots.sort_by_key(|r| std::cmp::Reverse(r.0.len()));

    let mut excluded = Vec::new();
    let start = match scope {
        Scope::All => Some(String::new()),
        Scope::ChatTool => roots.first().map(|(r, _)| r.clone()),
    };
    if let Some(start) = start {
        let mut visit = |rel: String, found: Found, ignored: Option<&CompiledRule>| {
            let (bytes, upload) = match found {
                Ok(f) => f,
                Err((bytes, reason)) => {
                    excluded.push(Excluded {
                        path: rel,
                        bytes,
                        reason,
                    });
                    return;
                }
            };
            if let Some(r) = ignored {
                excluded.push(Excluded {
                    path: rel,
                    bytes,
                    reason: Reason::Ignored {
                        index: r.index,
                        pointer: r.pointer.clone(),
                        kind: r.kind.clone(),
                        value: r.value.clone(),
                    },
                });
                return;
            }
            let target = match roots.iter().find(|(r, _)| rel.starts_with(r.as_str())) {
                Some((_, i)) => *i,
                None if scope == Scope::All => 0,
                None => return,
            };
            packages[target].add(Counted {
                path: rel,
                bytes,
                upload,
                compiled: bytes,
            });
        };
        // The lint (chat-tool scope) confines and resolves paths in the package afterwards: let
        // it learn the folders' entries from this walk instead of asking the file system again.
        let links = walk(
            project,
            &start,
            scope == Scope::ChatTool,
            &matcher,
            &mut visit,
        );
        excluded.extend(links);
    }
    Estimate {
        packages,
        excluded,
        pattern_problems: matcher.problems.clone(),
    }
}

type Found = Result<(u64, Upload), (u64, Reason)>;

/// Walk `start` (relative to miniprogramRoot: empty, or a root ending in `/`) and pass each
/// file's path relative to miniprogramRoot, with its size and upload class, to `visit`. A plain
/// walk: nothing is skipped for `.gitignore` or a leading dot. Links are followed only while
/// they stay inside the project folder (or miniprogramRoot); a link out of it, a link into a
/// folder that contains it (a loop) and an unreadable entry are returned instead.
///
/// Not walkdir: it stats every entry by its full path, so the kernel resolves the whole path
/// once per file; `std::fs::DirEntry::metadata` stats relative to the open folder, as `du` does
/// (measured on 100,000 files: about 1.7× the time of `du -sb` with walkdir, see bench/size.sh).
///
/// A small tree is read on this thread. A large one is read breadth-first until
/// [`SPLIT_AT`] folders wait, and those subtrees are then read on every core. Files reach
/// `visit` folder by folder in the order of the folders' paths, whichever thread read them.
fn walk(
    project: &Project,
    start: &str,
    learn: bool,
    matcher: &PackMatcher,
    visit: &mut dyn FnMut(String, Found, Option<&CompiledRule>),
) -> Vec<Excluded> {
    let dir = project.mp_root.join(start);
    if !record::is_dir(&dir) {
        return Vec::new();
    }
    let bounds: Vec<PathBuf> = [&project.dir, &project.mp_root]
        .into_iter()
        .filter_map(|d| record::canonicalize(d).ok())
        .collect();
    let real_base =
        record::canonicalize(&project.mp_root).unwrap_or_else(|_| project.mp_root.clone());
    let walker = Walker {
        project,
        matcher,
        learn,
        bounds,
        real_base,
        // Each folder's listing is noted for the lint cache (`crate::cache`) while one records.
        recording: record::recording(),
    };
    let mut read: Vec<Folder> = Vec::new();
    let mut pending = std::collections::VecDeque::from([Dir {
        real: record::canonicalize(&dir).unwrap_or_else(|_| dir.clone()),
        path: dir,
        rel: start.to_string(),
        links: Arc::new(Vec::new()),
    }]);
    while pending.len() < SPLIT_AT {
        let Some(d) = pending.pop_front() else { break };
        read.push(walker.read(d, &mut |sub| pending.push_back(sub)));
    }
    if !pending.is_empty() {
        let pending: Vec<Dir> = pending.into();
        let subtrees = crate::parallel::map(
            &pending,
            1,
            || (),
            |d, _| {
                let mut out = Vec::new();
                let mut stack = vec![d.clone()];
                while let Some(d) = stack.pop() {
                    out.push(walker.read(d, &mut |sub| stack.push(sub)));
                }
                out
            },
        );
        read.extend(subtrees.into_iter().flatten());
    }
    read.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    let mut problems = Vec::new();
    for folder in read {
        for (rel, found, ignored) in folder.files {
            visit(rel, found, ignored);
        }
        problems.extend(folder.problems);
    }
    problems
}

/// How many folders wait before a walk spreads over the cores: below this, starting threads
/// costs more than it saves (a typical chat-tool package has a few dozen folders).
const SPLIT_AT: usize = 16;

/// A folder waiting to be read.
#[derive(Clone)]
struct Dir {
    /// Where to read it (through links, as the walk found it).
    path: PathBuf,
    /// Its path relative to miniprogramRoot: empty, or ending in `/`.
    rel: String,
    /// Where it really is (canonical).
    real: PathBuf,
    /// Where the links followed on the way to it really are (their canonical parent folders).
    links: Arc<Vec<PathBuf>>,
}

/// What reading one folder found: its files (not its subfolders'), each with the packOptions
/// rule that leaves it out if one does, and what was left out otherwise.
struct Folder<'m> {
    rel: String,
    files: Vec<(String, Found, Option<&'m CompiledRule>)>,
    problems: Vec<Excluded>,
}

/// What every folder of one walk reads with.
struct Walker<'a> {
    project: &'a Project,
    /// Matched here, on the walking threads: a regex per file is most of a large walk's work
    /// after the system calls.
    matcher: &'a PackMatcher,
    learn: bool,
    /// Links may point anywhere inside these (the project folder and miniprogramRoot, real).
    bounds: Vec<PathBuf>,
    /// miniprogramRoot, real: link targets are shown relative to it.
    real_base: PathBuf,
    recording: bool,
}

impl<'a> Walker<'a> {
    /// A file found, with the packOptions rule that leaves it out.
    fn file(&self, rel: String, found: Found) -> (String, Found, Option<&'a CompiledRule>) {
        let ignored = match found {
            Ok(_) => self.matcher.ignored_by(&rel),
            Err(_) => None,
        };
        (rel, found, ignored)
    }

    /// Read one folder: its files and problems, and its subfolders passed to `push`.
    fn read(&self, d: Dir, push: &mut dyn FnMut(Dir)) -> Folder<'a> {
        let project = self.project;
        let mut out = Folder {
            rel: d.rel.clone(),
            files: Vec::new(),
            problems: Vec::new(),
        };
        let problems = &mut out.problems;
        let shown = |real: &Path| -> String {
            match real.strip_prefix(&self.real_base) {
                Ok(rel) => rel_of(Path::new(""), rel),
                Err(_) => real.to_string_lossy().into_owned(),
            }
        };
        let unreadable = |path: String, err: std::io::Error| Excluded {
            path,
            bytes: 0,
            reason: Reason::Unreadable {
                error: err.to_string(),
            },
        };
        let entries = match std::fs::read_dir(&d.path) {
            Ok(rd) => rd,
            Err(err) => {
                record::note_unlistable(&d.path, &err);
                problems.push(unreadable(d.rel.trim_end_matches('/').to_string(), err));
                return out;
            }
        };
        let mut noted: Option<Vec<_>> = self.recording.then(Vec::new);
        // This folder's entries for confinement, when it was reached through no link.
        let mut learnt = (self.learn && d.links.is_empty()).then(Vec::new);
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    problems.push(unreadable(d.rel.trim_end_matches('/').to_string(), err));
                    learnt = None;
                    if noted.take().is_some() {
                        // An answer no replay repeats: a cached result is never trusted.
                        record::note_unlistable(&d.path, &std::io::Error::other("entry"));
                    }
                    continue;
                }
            };
            let name_os = entry.file_name();
            let name = name_os.to_string_lossy();
            let mut rel = String::with_capacity(d.rel.len() + name.len() + 1);
            rel.push_str(&d.rel);
            rel.push_str(&name);
            let kind = match entry.file_type() {
                Ok(k) => k,
                Err(err) => {
                    if let Some(n) = &mut noted {
                        n.push((name_os.clone(), None, None));
                    }
                    problems.push(unreadable(rel, err));
                    learnt = None;
                    continue;
                }
            };
            if let Some(l) = &mut learnt {
                l.push((name_os.clone(), crate::project::confine::Kind::of(kind)));
            }
            if let (Some(n), false) = (&mut noted, kind.is_file()) {
                n.push((name_os.clone(), Some(kind), None));
            }
            if kind.is_dir() && name == "node_modules" {
                rel.push('/');
                problems.push(Excluded {
                    path: rel,
                    bytes: 0,
                    reason: Reason::NodeModules,
                });
            } else if kind.is_dir() && name == record::DIR_NAME {
                rel.push('/');
                problems.push(Excluded {
                    path: rel,
                    bytes: 0,
                    reason: Reason::LintCache,
                });
            } else if kind.is_dir() {
                rel.push('/');
                push(Dir {
                    path: entry.path(),
                    rel,
                    real: d.real.join(&name_os),
                    links: d.links.clone(),
                });
            } else if kind.is_file() {
                let meta = entry.metadata();
                if let Some(n) = &mut noted {
                    n.push((
                        name_os.clone(),
                        Some(kind),
                        meta.as_ref().ok().map(|m| m.len()),
                    ));
                }
                match meta {
                    Ok(m) => {
                        let found = found(&name, m.len(), project);
                        out.files.push(self.file(rel, found));
                    }
                    Err(err) => problems.push(unreadable(rel, err)),
                }
            } else if kind.is_symlink() {
                let path = entry.path();
                let (target, meta) = match record::canonicalize(&path)
                    .and_then(|t| record::size(&t).map(|m| (t, m)))
                {
                    Ok(t) => t,
                    Err(err) => {
                        problems.push(unreadable(rel, err));
                        continue;
                    }
                };
                if !self.bounds.iter().any(|b| target.starts_with(b)) {
                    problems.push(Excluded {
                        path: rel,
                        bytes: 0,
                        reason: Reason::LinkOutside {
                            target: target.to_string_lossy().into_owned(),
                        },
                    });
                } else if meta.is_file() {
                    let found = found(&name, meta.len(), project);
                    out.files.push(self.file(rel, found));
                } else if meta.is_dir() && name == "node_modules" {
                    rel.push('/');
                    problems.push(Excluded {
                        path: rel,
                        bytes: 0,
                        reason: Reason::NodeModules,
                    });
                } else if meta.is_dir() {
                    // A loop when the target holds this folder, or any folder a link on the way
                    // was found in.
                    let in_loop = d.real.starts_with(&target)
                        || d.links.iter().any(|p| p.starts_with(&target));
                    if in_loop {
                        problems.push(Excluded {
                            path: rel,
                            bytes: 0,
                            reason: Reason::LinkLoop {
                                target: shown(&target),
                            },
                        });
                        continue;
                    }
                    let mut links = Vec::clone(&d.links);
                    links.push(d.real.clone());
                    rel.push('/');
                    push(Dir {
                        path,
                        rel,
                        real: target,
                        links: Arc::new(links),
                    });
                }
            }
        }
        if let Some(n) = noted {
            record::note_listing(&d.path, &n);
        }
        if let (Some(l), Ok(rel)) = (learnt, d.path.strip_prefix(&project.mp_root)) {
            project.confiner().learn(rel, l);
        }
        out
    }
}

fn found(name: &str, bytes: u64, project: &Project) -> Found {
    match classify(name, project) {
        Ok(u) => Ok((bytes, u)),
        Err(r) => Err((bytes, r)),
    }
}

fn rel_of(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let s = rel.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// Keep the `n` first of `v` in `cmp` order, sorted (without sorting all of `v`).
pub fn top_n<T>(v: &mut Vec<T>, n: usize, mut cmp: impl FnMut(&T, &T) -> std::cmp::Ordering) {
    if n == 0 {
        v.clear();
        return;
    }
    if n < v.len() {
        v.select_nth_unstable_by(n - 1, &mut cmp);
        v.truncate(n);
    }
    v.sort_by(cmp);
}

/// `588,770`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `575.0 KB`, `2.0 MB` (1 KB = 1024 B, as WeChat's tools count).
pub fn kib(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.1} KB", n as f64 / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extname_is_posix_extname() {
        assert_eq!(extname("a.js"), ".js");
        assert_eq!(extname("a.d.ts"), ".ts");
        assert_eq!(extname(".eslintrc"), "");
        assert_eq!(extname("Makefile"), "");
        assert_eq!(extname("A.PNG"), ".PNG");
        assert_eq!(extname("a."), ".");
    }

    #[test]
    fn numbers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(512000), "512,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(kib(512000), "500.0 KB");
        assert_eq!(kib(PACKAGE_LIMIT), "2.0 MB");
    }
}
