//! Keeping every file the linter reads inside the project.
//!
//! app.json names paths relative to miniprogramRoot (subpackage roots, pages, entry pages).
//! A path that leaves miniprogramRoot — `../x`, a component that climbs above the root, a
//! symlink (anywhere along the path) to a folder outside — is refused here and never read:
//! WeChat only packs files under miniprogramRoot, so for the linter such a file does not exist.

use std::path::{Component, Path, PathBuf};

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
pub fn confine(root: &Path, rel: &str) -> Result<PathBuf, Escape> {
    confine_in(root, root.canonicalize().ok().as_deref(), rel)
}

/// [`confine`] with the root's canonical path already known (`None`: the root is not on disk),
/// so callers checking many paths resolve the root once.
pub fn confine_in(root: &Path, canon_root: Option<&Path>, rel: &str) -> Result<PathBuf, Escape> {
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
    let full = root.join(&clean);
    // Physical check: canonicalise the deepest existing ancestor.
    let Some(canon_root) = canon_root else {
        // No root on disk: nothing under it can be read either.
        return Ok(full);
    };
    let mut probe = full.as_path();
    loop {
        // symlink_metadata: a dangling link still "exists" here and is resolved below.
        if probe.symlink_metadata().is_ok() {
            match probe.canonicalize() {
                Ok(canon) if canon.starts_with(canon_root) => return Ok(full),
                Ok(canon) => return Err(Escape::Symlink(canon)),
                // A dangling link, a link loop: cannot be read, but say where it would go.
                Err(_) => {
                    return match std::fs::read_link(probe) {
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

/// Whether `path` (absolute) lies inside `root` after following symlinks where it exists.
pub fn is_inside(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        // An absolute path elsewhere: inside only if it canonicalises under the root.
        return match (root.canonicalize(), path.canonicalize()) {
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
            match (root.canonicalize(), deepest_existing(path).canonicalize()) {
                (Ok(r), Ok(p)) => p.starts_with(r),
                (Ok(_), Err(_)) => true,
                _ => true,
            }
        }
    }
}

fn deepest_existing(path: &Path) -> &Path {
    let mut p = path;
    while p.symlink_metadata().is_err() {
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
    root.join("\0outside-miniprogramRoot")
}

#[cfg(test)]
mod tests {
    use super::*;

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
