//! Case-exact file names. Phones and WeChat's packer compare names case-sensitively, but
//! Windows and macOS file systems usually do not: there `pages/Create/index.wxml` opens
//! `pages/create/index.wxml`. So a file counts as present only when every name below
//! miniprogramRoot is spelled exactly as its folder lists it. Each folder is listed once.
//!
//! On a case-sensitive file system (Linux, as a rule) a successful `stat` already proves the
//! spelling, and listing every page's folders would be most of a lint's system calls. One probe
//! per project tells the two apart: the name of a file that exists, with its case swapped, does
//! not exist on a case-sensitive file system. When the probe cannot tell (the swapped name
//! exists, or the name has no letters with case), the listings decide, which is right on both.

use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

type Listing = Option<Arc<HashSet<OsString>>>;

/// Folder listings, read once each.
#[derive(Debug, Default)]
pub struct Names {
    dirs: Mutex<HashMap<PathBuf, Listing>>,
    /// The first probe's answer: whether `stat` is exact (a case-sensitive file system).
    stat_is_exact: OnceLock<bool>,
    /// Tests: always compare with the listings, as on a case-insensitive file system.
    always_list: bool,
}

impl Names {
    fn listing(&self, dir: &Path) -> Listing {
        let mut dirs = self.dirs.lock().unwrap_or_else(|e| e.into_inner());
        dirs.entry(dir.to_path_buf())
            .or_insert_with(|| {
                // Through the cache's recorder: a renamed file is seen by a warm run.
                crate::cache::record::list(dir)
                    .ok()
                    .map(|entries| Arc::new(entries.into_iter().map(|(name, _)| name).collect()))
            })
            .clone()
    }

    /// Names that never trust `stat` for the spelling, as on a case-insensitive file system.
    pub fn always_listing() -> Names {
        Names {
            always_list: true,
            ..Names::default()
        }
    }

    /// Whether the file system under `path` (which exists) is case-sensitive, by looking up
    /// its name with the case swapped. The first answer is kept for the project.
    fn case_sensitive(&self, path: &Path) -> bool {
        if self.always_list {
            return false;
        }
        if let Some(&exact) = self.stat_is_exact.get() {
            return exact;
        }
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            return false;
        };
        let swapped: String = name
            .chars()
            .map(|c| {
                if c.is_lowercase() {
                    c.to_uppercase().next().unwrap_or(c)
                } else {
                    c.to_lowercase().next().unwrap_or(c)
                }
            })
            .collect();
        if swapped == name {
            return false;
        }
        let missing = matches!(
            crate::cache::record::symlink_metadata(&path.with_file_name(swapped)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound
        );
        // The swapped name exists: a case-insensitive file system, or (rarely) two files whose
        // names differ in case only. The listings are right either way.
        let _ = self.stat_is_exact.set(missing);
        missing
    }

    /// Whether `path` (an existing path under `root`) is spelled below `root` exactly as on
    /// disk. A folder that cannot be listed is trusted, as is a path not under `root`.
    pub fn exact(&self, root: &Path, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(root) else {
            return true;
        };
        if self.case_sensitive(path) {
            return true;
        }
        let mut dir = root.to_path_buf();
        for c in rel.components() {
            let Component::Normal(name) = c else {
                return true;
            };
            match self.listing(&dir) {
                Some(names) if !names.contains(name) => return false,
                _ => {}
            }
            dir.push(name);
        }
        true
    }

    /// How `path` (under `root`) is spelled on disk when its names differ from the disk's
    /// only in case: `create/index.wxml` for `Create/index.wxml`, relative to `root` with `/`.
    /// `None` when some name has no such match.
    pub fn on_disk(&self, root: &Path, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(root).ok()?;
        let mut dir = root.to_path_buf();
        let mut spelled = Vec::new();
        for c in rel.components() {
            let Component::Normal(name) = c else {
                return None;
            };
            let names = self.listing(&dir)?;
            let found = if names.contains(name) {
                name.to_os_string()
            } else {
                names.iter().find(|n| same_ignoring_case(n, name))?.clone()
            };
            spelled.push(found.to_string_lossy().into_owned());
            dir.push(found);
        }
        Some(spelled.join("/"))
    }
}

fn same_ignoring_case(a: &OsStr, b: &OsStr) -> bool {
    match (a.to_str(), b.to_str()) {
        (Some(a), Some(b)) => a.to_lowercase() == b.to_lowercase(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_must_match_the_listing() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        std::fs::create_dir_all(r.join("pages/create")).unwrap();
        std::fs::write(r.join("pages/create/index.wxml"), "").unwrap();
        let names = Names::always_listing();
        assert!(names.exact(r, &r.join("pages/create/index.wxml")));
        assert!(!names.exact(r, &r.join("pages/Create/index.wxml")));
        assert!(!names.exact(r, &r.join("pages/create/Index.wxml")));
        assert_eq!(
            names
                .on_disk(r, &r.join("Pages/CREATE/index.WXML"))
                .as_deref(),
            Some("pages/create/index.wxml")
        );
        assert_eq!(names.on_disk(r, &r.join("pages/new/index.wxml")), None);
        // Outside the root: not for this check to say.
        assert!(names.exact(&r.join("pages"), Path::new("/elsewhere/X")));
    }

    /// On a case-sensitive file system one probe replaces the listings; the answers agree.
    #[test]
    fn a_case_sensitive_file_system_is_probed_once() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        std::fs::create_dir_all(r.join("pages/create")).unwrap();
        std::fs::write(r.join("pages/create/index.wxml"), "").unwrap();
        // Names without case cannot be probed: the listings decide.
        std::fs::write(r.join("pages/create/123"), "").unwrap();
        let names = Names::default();
        assert!(names.exact(r, &r.join("pages/create/123")));
        assert!(names.stat_is_exact.get().is_none());
        let sensitive = !r.join("PAGES").exists();
        assert!(names.exact(r, &r.join("pages/create/index.wxml")));
        assert_eq!(names.stat_is_exact.get(), Some(&sensitive));
        if sensitive {
            // No folder listed for that answer beyond the one the case-less name needed.
            assert_eq!(names.dirs.lock().unwrap().len(), 3);
            // Two names differing only in case: the probe cannot trust `stat`, the listings
            // answer (as on a case-insensitive file system).
            std::fs::write(r.join("pages/create/INDEX.WXML"), "").unwrap();
            let names = Names::default();
            assert!(names.exact(r, &r.join("pages/create/index.wxml")));
            assert_eq!(names.stat_is_exact.get(), Some(&false));
            assert!(!names.exact(r, &r.join("pages/Create/index.wxml")));
        }
    }
}
