//! Keeping every file the linter reads inside the project.
//!
//! app.json names paths relative to miniprogramRoot (subpackage roots, pages, entry pages).
//! A path that leaves miniprogramRoot — `../x`, a component that climbs above the root, a
//! symlink (anywhere along the path) to a folder outside — is refused here and never read:
//! WeChat only packs files under miniprogramRoot, so for the linter such a file does not exist.

use std::collections::HashMap;
use std::ffi::OsString;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::cache::record;

/// Why a miniprogramRoot-relative path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Escape {
    /// `..` climbs above miniprogramRoot (`../x`, `a/../../x`).
    ParentDir,
    /// A Windows drive or UNC prefix (`C:\x`), meaningless in a mini program.
    Prefix,
    /// The path exists but a symbolic link along it leads outside miniprogramRoot.
    Symlink(PathBuf),
}

/// Resolve `rel` (relative to `root`; leading `/` ignored, as WeChat reads `/pages/a` as
/// `pages/a`) to a path on disk that lies inside `root`, or say why it does not.
///
/// The check is lexical first (no `..` above the root), then physical: the longest existing
/// prefix of the result is canonicalised (following symlinks) and must stay under the
/// canonical root. A path whose tail does not exist yet is fine as long as its existing part is
/// inside. Nothing outside the root is opened: `canonicalize` only resolves names.
///
/// One-off checks only: [`Confiner`] answers many paths of one root with far fewer system calls.
pub fn confine(root: &Path, rel: &str) -> Result<PathBuf, Escape> {
    confine_in(root, record::canonicalize(root).ok().as_deref(), rel)
}

/// [`confine`] with the root's canonical path already known (`None`: the root is not on disk).
pub fn confine_in(root: &Path, canon_root: Option<&Path>, rel: &str) -> Result<PathBuf, Escape> {
    let clean = lexical(rel)?;
    let full = root.join(&clean);
    match canon_root {
        Some(canon_root) => physical(root, canon_root, full),
        // No root on disk: nothing under it can be read either.
        None => Ok(full),
    }
}

/// `rel` with `.` and `..` resolved, refusing to climb above the root.
fn lexical(rel: &str) -> Result<PathBuf, Escape> {
    let mut clean = PathBuf::new();
    let mut depth = 0usize;
    for comp in Path::new(rel.trim_start_matches('/')).components() {
        match comp {
            Component::Normal(c) => {
                clean.push(c);
                depth += 1;
            }
            Component::CurDir => {}
            // `//x` after trimming cannot start with `/`; a root here is defensive.
            Component::RootDir => {}
            Component::ParentDir => {
                if depth == 0 {
                    return Err(Escape::ParentDir);
                }
                clean.pop();
                depth -= 1;
            }
            Component::Prefix(_) => return Err(Escape::Prefix),
        }
    }
    Ok(clean)
}

/// The physical check of `full` (a lexically clean path under `root`): canonicalise the deepest
/// existing ancestor.
fn physical(root: &Path, canon_root: &Path, full: PathBuf) -> Result<PathBuf, Escape> {
    let mut probe = full.as_path();
    loop {
        // symlink_metadata: a dangling link still "exists" here and is resolved below.
        if record::symlink_metadata(probe).is_ok() {
            match record::canonicalize(probe) {
                Ok(canon) if canon.starts_with(canon_root) => return Ok(full),
                Ok(canon) => return Err(Escape::Symlink(canon)),
                // A dangling link, a link loop: cannot be read, but say where it would go.
                Err(_) => {
                    return match record::read_link(probe) {
                        Ok(target) => {
                            let target = probe.parent().unwrap_or(root).join(target);
                            if lexically_inside(canon_root, &target)
                                || lexically_inside(root, &target)
                            {
                                Ok(full)
                            } else {
                                Err(Escape::Symlink(target))
                            }
                        }
                        Err(_) => Ok(full),
                    };
                }
            }
        }
        match probe.parent() {
            Some(p) if p.starts_with(root) && p != probe => probe = p,
            _ => return Ok(full),
        }
    }
}

/// What `lstat` (or a folder listing) says a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Link,
    /// A FIFO, socket or device.
    Other,
    /// It does not exist (or a component before it is not a folder).
    Missing,
    /// It could not be looked at (permissions): checked the slow way.
    Unknown,
}

impl Kind {
    pub fn of(t: std::fs::FileType) -> Kind {
        if t.is_symlink() {
            Kind::Link
        } else if t.is_file() {
            Kind::File
        } else if t.is_dir() {
            Kind::Dir
        } else {
            Kind::Other
        }
    }
}

/// A fast hash for path keys (FxHash's mixing): the keys are local file names, not hostile
/// input, and SipHash over `Path`'s component-wise hashing dominated the lint's profile.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Debug, Default)]
struct Facts {
    /// Folders whose every entry is known, from the package walk: their entries' kinds by name.
    listed: FxMap<String, Arc<FxMap<String, Kind>>>,
    /// `lstat` of single paths.
    stat: FxMap<String, Kind>,
    /// Answers of [`Confiner::confine`] by its argument: rules ask for the same page paths
    /// many times.
    confined: FxMap<String, Result<PathBuf, Escape>>,
    /// Folders known to be reached through no link: every prefix a folder, none a link.
    clear: std::collections::HashSet<String, BuildHasherDefault<FxHasher>>,
}

/// [`confine`] for many paths under one root, with few system calls: the root is resolved once,
/// paths are checked lexically, and the only file-system facts needed — which components are
/// symbolic links — come from the package walk's listings ([`Confiner::learn`]: no call at all)
/// or one `lstat` per path component, cached. Only a path through a link is canonicalised.
/// Before: a `canonicalize` (one `readlink` per component) and an `lstat` per path checked.
///
/// The same facts answer [`Confiner::is_file`] and [`Confiner::is_dir`] without another `stat`.
/// Facts are kept for one run: the linter does not write files while it lints. Keys are paths
/// relative to the root, lexically clean, `/`-separated.
#[derive(Debug)]
pub struct Confiner {
    root: PathBuf,
    /// The root with links resolved; `None` when it is not on disk.
    canon_root: Option<PathBuf>,
    facts: Mutex<Facts>,
}

impl Confiner {
    pub fn new(root: &Path) -> Confiner {
        Confiner {
            root: root.to_path_buf(),
            canon_root: record::canonicalize(root).ok(),
            facts: Mutex::new(Facts::default()),
        }
    }

    /// Same answers as [`confine`].
    pub fn confine(&self, rel: &str) -> Result<PathBuf, Escape> {
        if let Some(r) = self.lock().confined.get(rel) {
            return r.clone();
        }
        let r = self.confine_uncached(rel);
        self.lock().confined.insert(rel.to_string(), r.clone());
        r
    }

    fn confine_uncached(&self, rel: &str) -> Result<PathBuf, Escape> {
        let trimmed = rel.trim_start_matches('/');
        // Plain names joined by `/` are already clean, and are their own key (where `/` is the
        // separator: elsewhere the slow way gives the system's separators).
        let plain = std::path::MAIN_SEPARATOR == '/' && trimmed.split('/').all(plain_name);
        let (full, key) = if plain {
            (self.root.join(trimmed), trimmed.to_string())
        } else {
            let clean = lexical(rel)?;
            // `rel` is UTF-8, so are its components.
            let key = clean
                .components()
                .filter_map(|c| c.as_os_str().to_str())
                .collect::<Vec<_>>()
                .join("/");
            (self.root.join(&clean), key)
        };
        let Some(canon_root) = &self.canon_root else {
            return Ok(full);
        };
        match self.walk_key(&key) {
            Some(_) => Ok(full),
            None => physical(&self.root, canon_root, full),
        }
    }

    /// Look up each prefix of `key`: `None` when a link (or an unreadable component) is on the
    /// way, else the kind of the whole path (`Missing` below a file or a missing folder).
    fn walk_key(&self, key: &str) -> Option<Kind> {
        if key.is_empty() {
            return Some(Kind::Dir);
        }
        let last = |k: Kind| match k {
            Kind::Link | Kind::Unknown => None,
            k => Some(k),
        };
        // A folder reached through no link before (or listed by the walk, which follows no
        // link): only the last name is left to look up.
        let parent = key.rsplit_once('/').map(|(parent, _)| parent);
        if parent.is_some_and(|parent| self.lock().clear.contains(parent)) {
            return last(self.kind(key));
        }
        let ends = key
            .match_indices('/')
            .map(|(i, _)| i)
            .chain(std::iter::once(key.len()));
        for end in ends {
            let k = self.kind(&key[..end]);
            if end == key.len() {
                if let Some(parent) = parent {
                    self.lock().clear.insert(parent.to_string());
                }
                return last(k);
            }
            match k {
                Kind::Dir => {}
                Kind::Link | Kind::Unknown => return None,
                // Nothing exists below a file or a missing path.
                _ => return Some(Kind::Missing),
            }
        }
        Some(Kind::Dir)
    }

    /// Whether a path on disk lies inside the root (following symlinks where it exists), as
    /// [`is_inside`] answers.
    pub fn contains(&self, path: &Path) -> bool {
        match path.strip_prefix(&self.root).ok().and_then(Path::to_str) {
            Some(rel) => self.confine(rel).is_ok(),
            None => is_inside(&self.root, path),
        }
    }

    /// `path.is_file()`, from the facts already known where possible.
    pub fn is_file(&self, path: &Path) -> bool {
        match self.known(path) {
            Some(Kind::File) => true,
            Some(Kind::Dir | Kind::Other | Kind::Missing) => false,
            _ => record::is_file(path),
        }
    }

    /// `path.is_dir()`, from the facts already known where possible.
    pub fn is_dir(&self, path: &Path) -> bool {
        match self.known(path) {
            Some(Kind::Dir) => true,
            Some(Kind::File | Kind::Other | Kind::Missing) => false,
            _ => record::is_dir(path),
        }
    }

    /// The kind of an absolute path under the root, reached through no link; `None` when that
    /// cannot be told from lexical facts alone.
    fn known(&self, path: &Path) -> Option<Kind> {
        let key = self.key_of(path)?;
        match self.walk_key(&key)? {
            // A link at the end: the plain call follows it.
            Kind::Link | Kind::Unknown => None,
            k => Some(k),
        }
    }

    /// The key of an absolute path under the root: `None` when it is not under the root or not
    /// lexically clean. Resolution asks this for every candidate path, so the common case (the
    /// root's text, a separator, plain names) is read from the text without `Path::components`.
    fn key_of<'p>(&self, path: &'p Path) -> Option<std::borrow::Cow<'p, str>> {
        let text = path.to_str()?;
        if let Some(rest) = self
            .root
            .to_str()
            .and_then(|root| text.strip_prefix(root.trim_end_matches(std::path::is_separator)))
            .and_then(|rest| rest.strip_prefix(std::path::is_separator))
        {
            if rest.split(std::path::is_separator).all(plain_name) {
                return Some(if std::path::MAIN_SEPARATOR == '/' {
                    rest.into()
                } else {
                    rest.replace(std::path::MAIN_SEPARATOR, "/").into()
                });
            }
        }
        let rel = path.strip_prefix(&self.root).ok()?;
        let mut key = String::with_capacity(rel.as_os_str().len());
        for c in rel.components() {
            let Component::Normal(name) = c else {
                return None;
            };
            if !key.is_empty() {
                key.push('/');
            }
            key.push_str(name.to_str()?);
        }
        Some(key.into())
    }

    /// Record a folder's entries, from a walk that listed it through no link (`dir` relative to
    /// the root, lexically clean), so paths in it need no system call.
    pub fn learn(&self, dir: &Path, entries: Vec<(OsString, Kind)>) {
        let Some(key) = dir
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<Vec<_>>>()
        else {
            return;
        };
        let mut map = FxMap::default();
        for (name, kind) in entries {
            // A name that is not UTF-8: leave the folder to `lstat`.
            let Ok(name) = name.into_string() else {
                return;
            };
            map.insert(name, kind);
        }
        let key = key.join("/");
        let mut facts = self.lock();
        facts.clear.insert(key.clone());
        facts.listed.insert(key, Arc::new(map));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Facts> {
        // Facts are inserted whole: a panic elsewhere cannot leave half of one.
        self.facts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What `key` (not empty) is, without following a final link.
    fn kind(&self, key: &str) -> Kind {
        {
            let facts = self.lock();
            let (parent, name) = key.rsplit_once('/').unwrap_or(("", key));
            if let Some(entries) = facts.listed.get(parent) {
                return entries.get(name).copied().unwrap_or(Kind::Missing);
            }
            if let Some(k) = facts.stat.get(key) {
                return *k;
            }
        }
        // Looked up without the lock held: two threads may stat the same path once each.
        let k = match record::symlink_metadata(&self.root.join(key)) {
            Ok(m) => Kind::of(m.file_type()),
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                Kind::Missing
            }
            Err(_) => Kind::Unknown,
        };
        self.lock().stat.insert(key.to_string(), k);
        k
    }
}

/// A name that leaves a path lexically clean: not empty, not `.` or `..`.
fn plain_name(c: &str) -> bool {
    !c.is_empty() && c != "." && c != ".."
}

/// Whether `path` (absolute) lies inside `root` after following symlinks where it exists.
pub fn is_inside(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        // An absolute path elsewhere: inside only if it canonicalises under the root.
        return match (record::canonicalize(root), record::canonicalize(path)) {
            (Ok(r), Ok(p)) => p.starts_with(r),
            _ => false,
        };
    };
    match rel.to_str() {
        Some(s) => confine(root, s).is_ok(),
        // Not UTF-8: check the components one by one without a string round-trip.
        None => {
            if rel
                .components()
                .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)))
            {
                return false;
            }
            match (
                record::canonicalize(root),
                record::canonicalize(deepest_existing(path)),
            ) {
                (Ok(r), Ok(p)) => p.starts_with(r),
                (Ok(_), Err(_)) => true,
                _ => true,
            }
        }
    }
}

fn deepest_existing(path: &Path) -> &Path {
    let mut p = path;
    while record::symlink_metadata(p).is_err() {
        match p.parent() {
            Some(q) => p = q,
            None => break,
        }
    }
    p
}

fn lexically_inside(root: &Path, path: &Path) -> bool {
    let mut depth = 0isize;
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    for c in rel.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            Component::CurDir => {}
            _ => return false,
        }
    }
    true
}

/// A path that no file system call can open: it holds a NUL byte, so `open`, `metadata`,
/// `is_file` and `read_dir` fail with `InvalidInput` before touching the disk. Given to
/// callers of [`crate::project::Project::path`] for a path that leaves the project, so code
/// written against `path()` can never read outside it by accident.
pub fn unreadable(root: &Path) -> PathBuf {
    root.join(UNREADABLE)
}

const UNREADABLE: &str = "\0outside-miniprogramRoot";

/// Whether `path` is the stand-in [`unreadable`] gives for a path that leaves the project.
pub fn is_unreadable(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == UNREADABLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `Confiner` gives the answers of the one-off checks, whatever it learnt before: a folder
    /// found clear of links stays clear, a link below it is still seen, and the walk's listings
    /// answer like `lstat`s.
    #[test]
    fn confiner_answers_as_the_one_off_checks() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        std::fs::create_dir_all(r.join("in/sub")).unwrap();
        std::fs::write(r.join("in/sub/f.js"), "").unwrap();
        std::fs::write(r.join("in/g.js"), "").unwrap();
        let mut asks = vec![
            "in/sub/f.js",
            "in/sub/missing.js",
            "in/g.js",
            "in/g.js/below",
            "in/./sub/../g.js",
            "/in/sub",
            "in//sub/f.js",
            "../in",
        ];
        #[cfg(unix)]
        let outside = tempfile::tempdir().unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outside.path(), r.join("in/sub/out")).unwrap();
            std::os::unix::fs::symlink(r.join("in"), r.join("in/sub/alias")).unwrap();
            asks.extend([
                "in/sub/out",
                "in/sub/out/x",
                "in/sub/out/y",
                "in/sub/alias/g.js",
                "in/sub/alias/h.js",
                "in/sub/f.js",
            ]);
        }
        for learnt in [false, true] {
            let c = Confiner::new(r);
            if learnt {
                let entries = std::fs::read_dir(r.join("in/sub"))
                    .unwrap()
                    .map(|e| {
                        let e = e.unwrap();
                        (e.file_name(), Kind::of(e.file_type().unwrap()))
                    })
                    .collect();
                c.learn(Path::new("in/sub"), entries);
            }
            for ask in &asks {
                let one_off = confine(r, ask);
                assert_eq!(c.confine(ask).is_ok(), one_off.is_ok(), "{ask} ({learnt})");
                if let Ok(p) = one_off {
                    assert_eq!(c.confine(ask).unwrap(), p, "{ask}");
                    assert_eq!(c.is_file(&p), p.is_file(), "{ask} ({learnt})");
                    assert_eq!(c.is_dir(&p), p.is_dir(), "{ask} ({learnt})");
                }
            }
        }
    }

    #[test]
    fn lexical() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        assert_eq!(confine(r, "a/b").unwrap(), r.join("a/b"));
        assert_eq!(confine(r, "/a/./b").unwrap(), r.join("a/b"));
        assert_eq!(confine(r, "a/../b").unwrap(), r.join("b"));
        assert_eq!(confine(r, "../x"), Err(Escape::ParentDir));
        assert_eq!(confine(r, "a/../../x"), Err(Escape::ParentDir));
        // Absolute paths are read relative to the root, as WeChat does.
        assert_eq!(confine(r, "/etc/passwd").unwrap(), r.join("etc/passwd"));
    }

    #[test]
    fn symlinks() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        std::fs::create_dir(r.join("in")).unwrap();
        // Creating links needs a privilege on Windows: checked on Unix only.
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink(outside.path(), r.join("out")).unwrap();
            std::os::unix::fs::symlink(r.join("in"), r.join("alias")).unwrap();
            std::os::unix::fs::symlink("loop", r.join("loop")).unwrap();
            assert!(matches!(confine(r, "out/x"), Err(Escape::Symlink(_))));
            assert!(matches!(confine(r, "out"), Err(Escape::Symlink(_))));
            assert_eq!(confine(r, "alias/x").unwrap(), r.join("alias/x"));
            assert_eq!(confine(r, "loop/x").unwrap(), r.join("loop/x"));
            assert!(!is_inside(r, &r.join("out/x")));
            assert!(is_inside(r, &r.join("alias/x")));
        }
        assert!(!unreadable(r).exists());
        assert!(std::fs::read(unreadable(r)).is_err());
    }
}
