//! Paths as the user's system spells them, compared as that system does.
//!
//! Windows file systems ignore case and accept verbatim paths (`\\?\C:\x`), so there a path
//! typed in another case than the working directory or the configuration file's folder still
//! lies under it, and a verbatim path is shown as the user knows it (`C:/x`). The string
//! functions here take the platform rules as arguments, so every platform's tests cover them.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Whether this platform's paths compare without regard to case (Windows).
pub const IGNORE_CASE: bool = cfg!(windows);

/// `\\?\C:\x` → `C:\x`, `\\?\UNC\srv\share\x` → `\\srv\share\x` (also with `/` separators);
/// anything else unchanged. A verbatim prefix is how Windows APIs (and `canonicalize`) spell
/// long paths, never how a user writes them.
pub fn strip_verbatim(s: &str) -> Cow<'_, str> {
    let Some(rest) = s.strip_prefix(r"\\?\").or_else(|| s.strip_prefix("//?/")) else {
        return Cow::Borrowed(s);
    };
    let unc = rest
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case(r"UNC\") || p.eq_ignore_ascii_case("UNC/"));
    match unc {
        Some(_) => Cow::Owned(format!(r"\\{}", &rest[4..])),
        None => Cow::Borrowed(rest),
    }
}

/// A path as shown to the user: `/` separators, and on Windows no verbatim prefix.
pub fn slashed(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = if cfg!(windows) {
        strip_verbatim(&s).into_owned()
    } else {
        s.into_owned()
    };
    s.replace('\\', "/")
}

/// The absolute form of a path (without resolving links), and on Windows without a verbatim
/// prefix, so it compares with paths the user typed.
pub fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if cfg!(windows) {
        if let Some(s) = abs.to_str() {
            let plain = strip_verbatim(s);
            if plain.len() != s.len() {
                return PathBuf::from(plain.into_owned());
            }
        }
    }
    abs
}

/// `path` relative to `base` with `/` separators (`""` when they are the same folder), or
/// `None` when it does not lie under `base`. Case is ignored where the platform ignores it.
pub fn relative_to(path: &Path, base: &Path) -> Option<String> {
    if let Ok(rel) = path.strip_prefix(base) {
        return Some(slashed(rel));
    }
    if !cfg!(windows) {
        return None;
    }
    strip_prefix_str(&slashed(path), &slashed(base), IGNORE_CASE).map(str::to_string)
}

/// [`relative_to`] on `/`-separated strings: the part of `path` after the folder `base`
/// (whole components only), without its leading `/`.
pub fn strip_prefix_str<'a>(path: &'a str, base: &str, ignore_case: bool) -> Option<&'a str> {
    // `C:/` and `/` keep their slash; `a/b/` does not.
    let base = match base.trim_end_matches('/') {
        "" => base,
        b if b.ends_with(':') => base,
        b => b,
    };
    let mut rest = path.char_indices();
    let mut end = 0;
    for bc in base.chars() {
        let (i, pc) = rest.next()?;
        let same = bc == pc || (ignore_case && bc.to_lowercase().eq(pc.to_lowercase()));
        if !same {
            return None;
        }
        end = i + pc.len_utf8();
    }
    let tail = &path[end..];
    if base.ends_with('/') {
        return Some(tail);
    }
    match tail.strip_prefix('/') {
        Some(t) => Some(t.trim_start_matches('/')),
        None if tail.is_empty() => Some(tail),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_prefixes() {
        assert_eq!(strip_verbatim(r"\\?\C:\p\app.json"), r"C:\p\app.json");
        assert_eq!(strip_verbatim("//?/C:/p/app.json"), "C:/p/app.json");
        assert_eq!(strip_verbatim(r"\\?\UNC\srv\share\p"), r"\\srv\share\p");
        assert_eq!(strip_verbatim(r"\\?\unc\srv\share"), r"\\srv\share");
        assert_eq!(strip_verbatim(r"C:\p"), r"C:\p");
        assert_eq!(strip_verbatim(r"\\srv\share\p"), r"\\srv\share\p");
        assert_eq!(strip_verbatim("/tmp/?/x"), "/tmp/?/x");
    }

    #[test]
    fn prefixes_by_component() {
        let s = strip_prefix_str;
        assert_eq!(s("/repo/dist/a.js", "/repo", false), Some("dist/a.js"));
        assert_eq!(s("/repo/dist/a.js", "/repo/", false), Some("dist/a.js"));
        assert_eq!(s("/repo", "/repo", false), Some(""));
        assert_eq!(s("/repo", "/", false), Some("repo"));
        assert_eq!(s("/repox/a", "/repo", false), None);
        assert_eq!(s("/Repo/a", "/repo", false), None);
        assert_eq!(s("/re", "/repo", false), None);
        assert_eq!(s("C:/x/y", "C:/", false), Some("x/y"));
    }

    #[test]
    fn prefixes_ignoring_case() {
        let s = strip_prefix_str;
        assert_eq!(
            s("c:/users/ann/Proj/app.json", "C:/Users/Ann/proj", true),
            Some("app.json")
        );
        assert_eq!(s("C:/Users/ANN", "c:/users/ann", true), Some(""));
        assert_eq!(s("C:/小程序/Ä/x", "c:/小程序/ä", true), Some("x"));
        assert_eq!(s("C:/Users/Annx/a", "C:/Users/ann", true), None);
        assert_eq!(s("D:/Users/ann/a", "C:/Users/ann", true), None);
    }

    #[test]
    fn relative_paths() {
        let base = Path::new("/work/proj");
        assert_eq!(
            relative_to(Path::new("/work/proj/pages/a.js"), base).as_deref(),
            Some("pages/a.js")
        );
        assert_eq!(relative_to(Path::new("/work/other"), base), None);
        // Only Windows ignores case.
        assert_eq!(
            relative_to(Path::new("/WORK/proj/a"), base).is_some(),
            IGNORE_CASE
        );
    }
}
