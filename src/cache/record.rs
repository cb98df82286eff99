//! Every look at the file system a lint makes, so that a cached result can be proven current.
//!
//! Lint code (everything `Project::load` and `lint_project` run) must read the disk only
//! through the functions here: a raw `std::fs` call or `Path::is_file` there is a look the cache
//! does not check, so a change it would see could be missed. Each one performs its call and,
//! while the thread's [`Scope`] has a [`Recorder`], notes the call and a hash of its answer (a
//! file's whole content, a folder's names and kinds…). A later run repeats every noted call
//! ([`replay`]); when every answer hashes the same, the lint would read exactly the same inputs
//! and so give the same diagnostics. Within one lint's scope, reads and canonical paths are
//! answered once and remembered (a repeated one is noted again, with the same answer).

/// The cache folder's name when the project has no `node_modules` (the package walk leaves it
/// out of what is uploaded).
pub const DIR_NAME: &str = ".chattools-lint-cache";

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::OsString;
use std::fs::FileType;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// One call and a hash of its answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Obs {
    pub op: Op,
    pub path: PathBuf,
    /// A size limit for reads.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub max: u64,
    pub hash: u64,
    /// For reads: the file's metadata when it was read. A later run that finds the same stamp
    /// trusts the content hash without reading the file again (as git's index and ruff's cache
    /// do); any difference, or no stamp, reads and hashes the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<Stamp>,
}

/// What `stat` says of a file that changes whenever its content is written or it is replaced:
/// size, modification time, and (Unix) inode, device and status-change time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    mtime_ns: u64,
    /// Which file, in which state: a hash of inode, device and status-change time (Unix), or
    /// the creation time (Windows).
    identity: u64,
}

/// Files modified this recently are not stamped: a write in the same clock tick as the read
/// would leave the stamp unchanged (git's "racily clean" entries). Two seconds covers the
/// coarsest timestamps in use (FAT).
const RACY_NS: u64 = 2_000_000_000;

impl Stamp {
    fn of(m: &std::fs::Metadata) -> Option<Stamp> {
        let since_epoch = |t: std::time::SystemTime| {
            t.duration_since(std::time::UNIX_EPOCH)
                .ok()
                .and_then(|d| u64::try_from(d.as_nanos()).ok())
        };
        let mtime_ns = since_epoch(m.modified().ok()?)?;
        let now = since_epoch(std::time::SystemTime::now())?;
        if now.saturating_sub(mtime_ns) < RACY_NS {
            return None;
        }
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            hash_of(&[
                &m.ino().to_le_bytes(),
                &m.dev().to_le_bytes(),
                &m.ctime().to_le_bytes(),
                &m.ctime_nsec().to_le_bytes(),
            ])
        };
        #[cfg(not(unix))]
        let identity = m.created().ok().and_then(since_epoch).unwrap_or(0);
        Some(Stamp {
            len: m.len(),
            mtime_ns,
            identity,
        })
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// `symlink_metadata`: the kind.
    Lstat,
    /// `metadata` (following links): the kind.
    Stat,
    /// A read of the whole file, up to `max` bytes.
    Read,
    /// A folder's entries: names and kinds.
    List,
    /// A folder's entries: names, kinds, and each file's size.
    ListSizes,
    Canonicalize,
    ReadLink,
    /// `metadata` (following links): the kind and the size.
    Size,
}

/// The calls noted while linting one project (shared by the threads working on it).
#[derive(Debug, Default, Clone)]
pub struct Recorder(Arc<Mutex<Vec<Obs>>>);

impl Recorder {
    pub fn take(&self) -> Vec<Obs> {
        std::mem::take(&mut *lock(&self.0))
    }
}

/// What the threads of one lint share: the recorder, when the result is cached, and the answers
/// to the reads and canonicalisations made so far. A file read twice in one lint (a page's
/// `.json` by the project, the code index and the size estimate) then costs one read, and every
/// part of the lint sees the same content.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    recorder: Option<Recorder>,
    seen: Option<Arc<Seen>>,
}

impl Scope {
    /// A new lint's scope: nothing read yet.
    pub fn new(recorder: Option<Recorder>) -> Scope {
        Scope {
            recorder,
            seen: Some(Arc::default()),
        }
    }
}

/// Remembered answers, by path bytes (hashing a `Path` walks its components). Content is kept
/// up to [`SEEN_BYTES`] in all; later reads go to the disk.
#[derive(Debug, Default)]
struct Seen {
    reads: Mutex<HashMap<OsString, Remembered>>,
    bytes: AtomicU64,
    canonical: Mutex<HashMap<OsString, Result<PathBuf, std::io::ErrorKind>>>,
}

const SEEN_BYTES: u64 = 64 << 20;

#[derive(Debug, Clone)]
enum Remembered {
    Bytes(Arc<[u8]>, Option<Stamp>),
    NotFound,
    NotAFile,
}

thread_local! {
    static CURRENT: RefCell<Scope> = RefCell::default();
}

/// Run `f` with this thread in `scope`.
pub fn with<T>(scope: Scope, f: impl FnOnce() -> T) -> T {
    let before = CURRENT.with(|c| c.replace(scope));
    let out = f();
    CURRENT.with(|c| c.replace(before));
    out
}

/// The scope of this thread, to hand to worker threads.
pub fn current() -> Scope {
    CURRENT.with(|c| c.borrow().clone())
}

/// Whether this thread's calls are being noted.
pub fn recording() -> bool {
    CURRENT.with(|c| c.borrow().recorder.is_some())
}

fn seen() -> Option<Arc<Seen>> {
    CURRENT.with(|c| c.borrow().seen.clone())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn note(op: Op, path: &Path, max: u64, hash: u64) {
    note_stamped(op, path, max, hash, None);
}

fn note_stamped(op: Op, path: &Path, max: u64, hash: u64, stamp: Option<Stamp>) {
    CURRENT.with(|c| {
        if let Some(rec) = &c.borrow().recorder {
            lock(&rec.0).push(Obs {
                op,
                path: path.to_path_buf(),
                max,
                hash,
                stamp,
            });
        }
    });
}

fn hash_of(parts: &[&[u8]]) -> u64 {
    let mut h = Xxh3::new();
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.digest()
}

/// A file's kind, as the walk and confinement tell them apart.
pub fn kind_code(t: Option<FileType>) -> u8 {
    match t {
        None => 0,
        Some(t) if t.is_symlink() => 1,
        Some(t) if t.is_file() => 2,
        Some(t) if t.is_dir() => 3,
        Some(_) => 4,
    }
}

fn err_code(e: &std::io::Error) -> u8 {
    match e.kind() {
        std::io::ErrorKind::NotFound => 10,
        std::io::ErrorKind::NotADirectory => 11,
        std::io::ErrorKind::PermissionDenied => 12,
        _ => 13,
    }
}

/// `symlink_metadata`.
pub fn symlink_metadata(path: &Path) -> std::io::Result<std::fs::Metadata> {
    let r = path.symlink_metadata();
    let code = match &r {
        Ok(m) => kind_code(Some(m.file_type())),
        Err(e) => err_code(e),
    };
    note(Op::Lstat, path, 0, code as u64);
    r
}

/// `metadata` (following links); only its kind is noted, so callers use only the kind.
pub fn kind(path: &Path) -> Option<FileType> {
    let t = std::fs::metadata(path).ok().map(|m| m.file_type());
    note(Op::Stat, path, 0, kind_code(t) as u64);
    t
}

/// `metadata` (following links), noting its kind and size: callers use only those.
pub fn size(path: &Path) -> std::io::Result<std::fs::Metadata> {
    let r = std::fs::metadata(path);
    note(Op::Size, path, 0, size_hash(&r));
    r
}

fn size_hash(r: &std::io::Result<std::fs::Metadata>) -> u64 {
    match r {
        Ok(m) => hash_of(&[&[kind_code(Some(m.file_type()))], &m.len().to_le_bytes()]),
        Err(e) => err_code(e) as u64,
    }
}

pub fn is_file(path: &Path) -> bool {
    kind(path).is_some_and(|t| t.is_file())
}

pub fn is_dir(path: &Path) -> bool {
    kind(path).is_some_and(|t| t.is_dir())
}

pub fn exists(path: &Path) -> bool {
    kind(path).is_some()
}

pub fn canonicalize(path: &Path) -> std::io::Result<PathBuf> {
    let r = match seen() {
        Some(seen) => {
            let known = lock(&seen.canonical).get(path.as_os_str()).cloned();
            known
                .unwrap_or_else(|| {
                    let r = path.canonicalize().map_err(|e| e.kind());
                    lock(&seen.canonical).insert(path.as_os_str().to_owned(), r.clone());
                    r
                })
                .map_err(std::io::Error::from)
        }
        None => path.canonicalize(),
    };
    let hash = match &r {
        Ok(p) => hash_of(&[p.as_os_str().as_encoded_bytes()]),
        Err(e) => err_code(e) as u64,
    };
    note(Op::Canonicalize, path, 0, hash);
    r
}

pub fn read_link(path: &Path) -> std::io::Result<PathBuf> {
    let r = std::fs::read_link(path);
    let hash = match &r {
        Ok(p) => hash_of(&[p.as_os_str().as_encoded_bytes()]),
        Err(e) => err_code(e) as u64,
    };
    note(Op::ReadLink, path, 0, hash);
    r
}

/// What reading a file found.
#[derive(Debug)]
pub enum ReadOutcome {
    Bytes(Vec<u8>),
    NotFound,
    /// A folder, FIFO, device…
    NotAFile,
    TooLarge(u64),
    Failed(std::io::Error),
}

/// Read a whole regular file of at most `max` bytes. Opened first and checked through the
/// handle (one path lookup); non-blocking, so a FIFO cannot hang the open.
pub fn read(path: &Path, max: u64) -> ReadOutcome {
    let seen = seen();
    let known = seen
        .as_ref()
        .and_then(|seen| lock(&seen.reads).get(path.as_os_str()).cloned());
    let (r, stamp) = match known {
        Some(Remembered::Bytes(bytes, stamp)) if bytes.len() as u64 > max => {
            (ReadOutcome::TooLarge(bytes.len() as u64), stamp)
        }
        Some(Remembered::Bytes(bytes, stamp)) => (ReadOutcome::Bytes(bytes.to_vec()), stamp),
        Some(Remembered::NotFound) => (ReadOutcome::NotFound, None),
        Some(Remembered::NotAFile) => (ReadOutcome::NotAFile, None),
        None => {
            let (r, meta) = read_raw(path, max);
            let stamp = match &r {
                ReadOutcome::Bytes(_) if recording() => meta.as_ref().and_then(Stamp::of),
                _ => None,
            };
            if let Some(seen) = &seen {
                remember(seen, path, &r, stamp);
            }
            (r, stamp)
        }
    };
    let stamp = stamp.filter(|_| matches!(r, ReadOutcome::Bytes(_)));
    note_stamped(Op::Read, path, max, read_hash(&r), stamp);
    r
}

fn remember(seen: &Seen, path: &Path, r: &ReadOutcome, stamp: Option<Stamp>) {
    let what = match r {
        ReadOutcome::Bytes(b) => {
            let len = b.len() as u64;
            if seen.bytes.fetch_add(len, Ordering::Relaxed) + len > SEEN_BYTES {
                return;
            }
            Remembered::Bytes(Arc::from(b.as_slice()), stamp)
        }
        ReadOutcome::NotFound => Remembered::NotFound,
        ReadOutcome::NotAFile => Remembered::NotAFile,
        // Larger than this caller's limit, or failed: the next caller reads again.
        ReadOutcome::TooLarge(_) | ReadOutcome::Failed(_) => return,
    };
    lock(&seen.reads).insert(path.as_os_str().to_owned(), what);
}

fn read_hash(r: &ReadOutcome) -> u64 {
    match r {
        ReadOutcome::Bytes(b) => hash_of(&[b"b", b]),
        ReadOutcome::NotFound => 1,
        ReadOutcome::NotAFile => 2,
        ReadOutcome::TooLarge(n) => hash_of(&[b"l", &n.to_le_bytes()]),
        ReadOutcome::Failed(e) => err_code(e) as u64,
    }
}

/// The read and, when the file was opened, its metadata (taken through the open handle, before
/// reading: a write during the read changes what a later `stat` sees).
fn read_raw(path: &Path, max: u64) -> (ReadOutcome, Option<std::fs::Metadata>) {
    let mut meta = None;
    let r = read_file(path, max, &mut meta);
    (r, meta)
}

fn read_file(path: &Path, max: u64, meta_out: &mut Option<std::fs::Metadata>) -> ReadOutcome {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, 0o4000); // O_NONBLOCK
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return ReadOutcome::NotFound,
        // Opening a folder for reading works on Unix; elsewhere it fails.
        Err(e) => {
            return match std::fs::metadata(path) {
                Ok(m) if !m.is_file() => ReadOutcome::NotAFile,
                _ => ReadOutcome::Failed(e),
            }
        }
    };
    let meta = match file.metadata() {
        Ok(m) => m,
        Err(e) => return ReadOutcome::Failed(e),
    };
    *meta_out = Some(meta.clone());
    if !meta.is_file() {
        return ReadOutcome::NotAFile;
    }
    if meta.len() > max {
        return ReadOutcome::TooLarge(meta.len());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    match file.take(max + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > max => ReadOutcome::TooLarge(bytes.len() as u64),
        Ok(_) => ReadOutcome::Bytes(bytes),
        Err(e) => ReadOutcome::Failed(e),
    }
}

/// A folder's entries (name, kind), in the order the system gives them; never the lint cache's
/// folder.
pub fn list(dir: &Path) -> std::io::Result<Vec<(OsString, Option<FileType>)>> {
    let r = list_raw(dir);
    note(Op::List, dir, 0, list_hash(&r, None));
    r
}

/// The entries, without the lint cache's own folder: it is never an input, and it appears after
/// the first run (a case-insensitive file system's name checks list the project folder).
fn list_raw(dir: &Path) -> std::io::Result<Vec<(OsString, Option<FileType>)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type().ok();
        if entry.file_name() == DIR_NAME && kind.is_some_and(|k| k.is_dir()) {
            continue;
        }
        out.push((entry.file_name(), kind));
    }
    Ok(out)
}

fn list_hash(
    r: &std::io::Result<Vec<(OsString, Option<FileType>)>>,
    sizes: Option<&[Option<u64>]>,
) -> u64 {
    match r {
        Ok(entries) => {
            let mut rows: Vec<(Vec<u8>, u8, u64)> = entries
                .iter()
                .enumerate()
                .map(|(i, (name, t))| {
                    let size = sizes.and_then(|s| s.get(i).copied().flatten());
                    (
                        name.as_encoded_bytes().to_vec(),
                        kind_code(*t),
                        size.unwrap_or(u64::MAX),
                    )
                })
                .collect();
            rows.sort();
            let mut h = Xxh3::new();
            for (name, kind, size) in rows {
                h.update(&(name.len() as u64).to_le_bytes());
                h.update(&name);
                h.update(&[kind]);
                h.update(&size.to_le_bytes());
            }
            h.digest()
        }
        Err(e) => err_code(e) as u64,
    }
}

/// Note a folder the package walk listed itself (with `DirEntry`s, sizes from `statx` relative
/// to the folder, as `du` does): its entries' names and kinds, and each regular file's size.
pub fn note_listing(dir: &Path, entries: &[(OsString, Option<FileType>, Option<u64>)]) {
    if !recording() {
        return;
    }
    let (names, sizes): (Vec<_>, Vec<_>) = entries
        .iter()
        .map(|(n, t, s)| ((n.clone(), *t), *s))
        .unzip();
    note(Op::ListSizes, dir, 0, list_hash(&Ok(names), Some(&sizes)));
}

/// A folder the walk could not list.
pub fn note_unlistable(dir: &Path, e: &std::io::Error) {
    note(Op::ListSizes, dir, 0, err_code(e) as u64);
}

/// Whether every noted call still gets the same answer. The calls are independent: a large
/// replay is split over the cores (a warm run is mostly this).
pub fn replay(obs: &[Obs]) -> bool {
    const PER_THREAD: usize = 256;
    let most = obs.len() / PER_THREAD;
    let threads = if most < 2 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(most))
    };
    if threads == 1 {
        return replay_serial(obs);
    }
    let chunk = obs.len().div_ceil(threads);
    std::thread::scope(|s| {
        let rest: Vec<_> = obs[chunk..]
            .chunks(chunk)
            .map(|part| s.spawn(move || replay_serial(part)))
            .collect();
        // Every thread is joined, even after a first "changed".
        let first = replay_serial(&obs[..chunk]);
        rest.into_iter()
            .map(|h| h.join().unwrap_or(false))
            .fold(first, |all, ok| all && ok)
    })
}

fn replay_serial(obs: &[Obs]) -> bool {
    obs.iter().all(|o| {
        let now = match o.op {
            Op::Lstat => match o.path.symlink_metadata() {
                Ok(m) => kind_code(Some(m.file_type())) as u64,
                Err(e) => err_code(&e) as u64,
            },
            Op::Stat => kind_code(std::fs::metadata(&o.path).ok().map(|m| m.file_type())) as u64,
            Op::Read => {
                // Same stamp: the same content (one `stat` instead of open, read and hash).
                let unchanged = o.stamp.is_some_and(|stamp| {
                    std::fs::metadata(&o.path)
                        .ok()
                        .filter(|m| m.is_file())
                        .and_then(|m| Stamp::of(&m))
                        == Some(stamp)
                });
                if unchanged {
                    return true;
                }
                read_hash(&read_raw(&o.path, o.max).0)
            }
            Op::List => list_hash(&list_raw(&o.path), None),
            Op::ListSizes => match std::fs::read_dir(&o.path) {
                Ok(rd) => {
                    let mut names = Vec::new();
                    let mut sizes = Vec::new();
                    for entry in rd {
                        let Ok(entry) = entry else { return false };
                        let t = entry.file_type().ok();
                        let size = match t {
                            Some(t) if t.is_file() => entry.metadata().ok().map(|m| m.len()),
                            _ => None,
                        };
                        names.push((entry.file_name(), t));
                        sizes.push(size);
                    }
                    list_hash(&Ok(names), Some(&sizes))
                }
                Err(e) => err_code(&e) as u64,
            },
            Op::Canonicalize => match o.path.canonicalize() {
                Ok(p) => hash_of(&[p.as_os_str().as_encoded_bytes()]),
                Err(e) => err_code(&e) as u64,
            },
            Op::Size => size_hash(&std::fs::metadata(&o.path)),
            Op::ReadLink => match std::fs::read_link(&o.path) {
                Ok(p) => hash_of(&[p.as_os_str().as_encoded_bytes()]),
                Err(e) => err_code(&e) as u64,
            },
        };
        now == o.hash
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded_read(path: &Path) -> Vec<Obs> {
        let rec = Recorder::default();
        with(Scope::new(Some(rec.clone())), || {
            assert!(matches!(read(path, 1 << 20), ReadOutcome::Bytes(_)));
        });
        rec.take()
    }

    fn age(path: &Path) {
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }

    /// An old file is stamped, and a matching stamp is trusted without reading (a wrong hash
    /// still passes); a rewrite of the same length with the old time put back is still seen.
    #[test]
    fn stamps_skip_reads_of_unchanged_files() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("a.js");
        std::fs::write(&f, "one").unwrap();
        age(&f);
        let mut obs = recorded_read(&f);
        assert!(obs[0].stamp.is_some());
        assert!(replay(&obs));
        obs[0].hash ^= 1;
        assert!(replay(&obs), "the stamp alone decides");
        obs[0].hash ^= 1;

        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&f, "two").unwrap();
        age(&f);
        assert!(!replay(&obs), "same size and time, new content");
    }

    /// A file written just now is not stamped: its content decides.
    #[test]
    fn fresh_files_are_not_stamped() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("a.js");
        std::fs::write(&f, "one").unwrap();
        let obs = recorded_read(&f);
        assert!(obs[0].stamp.is_none());
        assert!(replay(&obs));
        std::fs::write(&f, "two").unwrap();
        assert!(!replay(&obs));
    }
}

#[cfg(test)]
mod scope_tests {
    use super::*;

    /// Within one scope a file is read from the disk once: its later reads give the same bytes
    /// (even after the file is gone), note the same look, and a caller with a smaller limit is
    /// told the size. A new scope reads the disk again.
    #[test]
    fn a_scope_reads_each_file_once() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("a.json");
        std::fs::write(&f, "{\"a\": 1}").unwrap();
        let rec = Recorder::default();
        with(Scope::new(Some(rec.clone())), || {
            assert!(matches!(read(&f, 100), ReadOutcome::Bytes(b) if b == b"{\"a\": 1}"));
            std::fs::remove_file(&f).unwrap();
            assert!(matches!(read(&f, 100), ReadOutcome::Bytes(b) if b == b"{\"a\": 1}"));
            assert!(matches!(read(&f, 3), ReadOutcome::TooLarge(8)));
            let missing = d.path().join("b.json");
            assert!(matches!(read(&missing, 100), ReadOutcome::NotFound));
            std::fs::write(&missing, "{}").unwrap();
            assert!(matches!(read(&missing, 100), ReadOutcome::NotFound));
        });
        let obs = rec.take();
        assert_eq!(obs.len(), 5);
        assert_eq!(obs[0], obs[1], "the second read notes the same look");
        assert_ne!(
            obs[1].hash, obs[2].hash,
            "a smaller limit is a different answer"
        );
        assert_eq!(obs[2].max, 3);
        with(Scope::new(None), || {
            assert!(matches!(read(&f, 100), ReadOutcome::NotFound));
            assert!(matches!(
                read(&d.path().join("b.json"), 100),
                ReadOutcome::Bytes(_)
            ));
        });
        // Outside any scope nothing is remembered.
        std::fs::write(&f, "1").unwrap();
        assert!(matches!(read(&f, 100), ReadOutcome::Bytes(b) if b == b"1"));
        std::fs::write(&f, "2").unwrap();
        assert!(matches!(read(&f, 100), ReadOutcome::Bytes(b) if b == b"2"));
    }

    /// Worker threads given the scope share what it remembers; canonical paths are remembered
    /// too.
    #[test]
    fn workers_share_the_scope() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("a.js");
        std::fs::write(&f, "one").unwrap();
        with(Scope::new(None), || {
            let canonical = canonicalize(&f).unwrap();
            let scope = current();
            std::thread::scope(|s| {
                s.spawn(|| {
                    with(scope, || {
                        assert!(matches!(read(&f, 100), ReadOutcome::Bytes(_)));
                    })
                });
            });
            std::fs::remove_file(&f).unwrap();
            assert!(matches!(read(&f, 100), ReadOutcome::Bytes(b) if b == b"one"));
            assert_eq!(canonicalize(&f).unwrap(), canonical);
        });
        assert!(canonicalize(&f).is_err());
    }
}
