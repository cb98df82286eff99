//! Resolving references the way WeChat does: `usingComponents` values, `require`/`import`
//! specifiers, WXML `import`/`include`/`wxs src`, WXSS `@import`.
//!
//! - `plugin://…` and `plugin-private://…` are plugins, never files.
//! - `/x` is absolute from miniprogramRoot; `./x`, `../x` relative to the referring file.
//! - a bare `x/y` is tried relative to the referring file, then as an npm package in the nearest
//!   `miniprogram_npm/` folder walking up to miniprogramRoot.
//!
//! Paths are normalised lexically; a reference that climbs out of miniprogramRoot is reported as
//! such and never read.

use std::path::{Component, Path, PathBuf};

use super::Project;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Found: for components, the base path without extension (`…/button/button`); for modules
    /// and other files, the file itself.
    Found(PathBuf),
    /// `plugin://` or `plugin-private://`.
    Plugin,
    /// The reference leaves miniprogramRoot (lexically): never read.
    OutsideProject(PathBuf),
    /// Nothing matched; the candidates tried, in order.
    NotFound(Vec<PathBuf>),
}

/// Normalise `.` and `..` lexically (no filesystem access, so no link is followed).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A `require`/`import`/`usingComponents` specifier rewritten through app.json `resolveAlias`
/// (`"~/*": "/*"`, `"@utils/*": "utils/*"`, or an exact key), as a path from miniprogramRoot
/// (`/utils/x`); `None` when no alias applies. The most specific key wins: an exact key, else
/// the longest `*` prefix. The result is confined like any other path by the callers.
pub fn alias(project: &Project, spec: &str) -> Option<String> {
    let map = project.app.get("/resolveAlias")?.as_object()?;
    if let Some(to) = map.get(spec).and_then(|v| v.as_str()) {
        if !spec.ends_with('*') {
            return Some(from_root(to));
        }
    }
    let (_, to, rest) = map
        .iter()
        .filter_map(|(k, v)| {
            let prefix = k.strip_suffix('*')?;
            let rest = spec.strip_prefix(prefix)?;
            Some((prefix.len(), v.as_str()?, rest))
        })
        .max_by_key(|(len, _, _)| *len)?;
    let to = to.strip_suffix('*').unwrap_or(to);
    Some(from_root(&format!("{to}{rest}")))
}

/// An alias target is relative to miniprogramRoot, with or without a leading `/`.
fn from_root(to: &str) -> String {
    format!("/{}", to.trim_start_matches('/'))
}

/// The candidate base paths a reference may mean, before trying extensions.
fn bases(look: &Lookup, from_dir: &Path, spec: &str) -> Vec<PathBuf> {
    let project = look.project;
    let spec = spec.replace('\\', "/");
    let spec = alias(project, &spec).unwrap_or(spec);
    if let Some(abs) = spec.strip_prefix('/') {
        return vec![normalize(&project.mp_root.join(abs))];
    }
    let mut out = vec![normalize(&from_dir.join(&spec))];
    if !spec.starts_with("./") && !spec.starts_with("../") {
        // npm: the nearest miniprogram_npm walking up to miniprogramRoot.
        let root = &look.root;
        let mut dir = normalize(from_dir);
        loop {
            out.push(dir.join("miniprogram_npm").join(&spec));
            if dir == *root || !dir.starts_with(root) || !dir.pop() {
                break;
            }
        }
    }
    out
}

fn is_plugin(spec: &str) -> bool {
    spec.starts_with("plugin://") || spec.starts_with("plugin-private://")
}

fn with_ext(base: &Path, ext: &str) -> PathBuf {
    let mut s = base.as_os_str().to_owned();
    s.push(ext);
    PathBuf::from(s)
}

/// Where candidates are looked up: the project, and its miniprogramRoot made lexically clean
/// once per resolution (each reference tries up to a dozen candidates).
struct Lookup<'a> {
    project: &'a Project,
    root: PathBuf,
}

impl<'a> Lookup<'a> {
    fn new(project: &'a Project) -> Lookup<'a> {
        Lookup {
            project,
            root: normalize(&project.mp_root),
        }
    }

    /// Inside miniprogramRoot lexically, and after links (checked before any other system call
    /// on the path, so a link out of the project is never followed).
    fn inside(&self, p: &Path) -> bool {
        match p.strip_prefix(&self.root) {
            Ok(rel) => rel
                .to_str()
                .is_some_and(|r| self.project.resolve(r).is_ok()),
            Err(_) => false,
        }
    }

    /// An existing file inside the project (a link out of it is not followed).
    fn file_inside(&self, p: &Path) -> bool {
        self.inside(p) && self.project.is_file(p)
    }
}

/// A `usingComponents` value, from the .json file that declares it. A component exists when its
/// `.json` and `.wxml` exist (`x`, else `x/index`).
pub fn resolve_component(project: &Project, from_json: &Path, spec: &str) -> Resolved {
    if is_plugin(spec) {
        return Resolved::Plugin;
    }
    let from_dir = from_json.parent().unwrap_or(Path::new(""));
    let look = Lookup::new(project);
    let mut tried = Vec::new();
    for base in bases(&look, from_dir, spec) {
        if !look.inside(&base) {
            return Resolved::OutsideProject(base);
        }
        for candidate in [base.clone(), base.join("index")] {
            if look.file_inside(&with_ext(&candidate, ".json"))
                && look.file_inside(&with_ext(&candidate, ".wxml"))
            {
                return Resolved::Found(candidate);
            }
            tried.push(candidate);
        }
    }
    Resolved::NotFound(tried)
}

/// A `require`/`import` specifier from a JS/TS file: tries the path as is, with each of `exts`
/// (e.g. `[".js", ".ts"]`), then `index` with each.
pub fn resolve_module(project: &Project, from_file: &Path, spec: &str, exts: &[&str]) -> Resolved {
    if is_plugin(spec) {
        return Resolved::Plugin;
    }
    let from_dir = from_file.parent().unwrap_or(Path::new(""));
    let look = Lookup::new(project);
    let mut tried = Vec::new();
    for base in bases(&look, from_dir, spec) {
        if !look.inside(&base) {
            return Resolved::OutsideProject(base);
        }
        let mut candidates = vec![base.clone()];
        candidates.extend(exts.iter().map(|e| with_ext(&base, e)));
        candidates.extend(exts.iter().map(|e| with_ext(&base.join("index"), e)));
        for c in candidates {
            if look.file_inside(&c) {
                return Resolved::Found(c);
            }
            tried.push(c);
        }
    }
    Resolved::NotFound(tried)
}

/// A plain file reference (WXML `import`/`include`/`wxs src`, WXSS `@import`): relative or
/// absolute from miniprogramRoot, with `ext` added when the spec has no extension.
pub fn resolve_file(project: &Project, from_file: &Path, spec: &str, ext: &str) -> Resolved {
    let spec = spec.replace('\\', "/");
    let from_dir = from_file.parent().unwrap_or(Path::new(""));
    let base = match spec.strip_prefix('/') {
        Some(abs) => normalize(&project.mp_root.join(abs)),
        None => normalize(&from_dir.join(&spec)),
    };
    let look = Lookup::new(project);
    if !look.inside(&base) {
        return Resolved::OutsideProject(base);
    }
    let mut tried = vec![base.clone()];
    if look.file_inside(&base) {
        return Resolved::Found(base);
    }
    if base.extension().is_none() {
        let c = with_ext(&base, ext);
        if look.file_inside(&c) {
            return Resolved::Found(c);
        }
        tried.push(c);
    }
    Resolved::NotFound(tried)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_lexically() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d")),
            PathBuf::from("/a/c/d")
        );
        assert_eq!(normalize(Path::new("a/../../b")), PathBuf::from("../b"));
    }

    fn project(files: &[&str]) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("app.json"), "{}").unwrap();
        for f in files {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "{}").unwrap();
        }
        let project = Project::load(dir.path()).unwrap();
        (dir, project)
    }

    #[test]
    fn resolves_components_like_wechat() {
        let (_d, p) = project(&[
            "pkg/pages/a/index.json",
            "pkg/components/btn/btn.json",
            "pkg/components/btn/btn.wxml",
            "pkg/components/card/index.json",
            "pkg/components/card/index.wxml",
            "pkg/miniprogram_npm/tdesign/button/button.json",
            "pkg/miniprogram_npm/tdesign/button/button.wxml",
            "components/nav/nav.json",
            "components/nav/nav.wxml",
        ]);
        let from = p.mp_root.join("pkg/pages/a/index.json");
        let root = normalize(&p.mp_root);
        assert_eq!(
            resolve_component(&p, &from, "../../components/btn/btn"),
            Resolved::Found(root.join("pkg/components/btn/btn"))
        );
        assert_eq!(
            resolve_component(&p, &from, "/pkg/components/card"),
            Resolved::Found(root.join("pkg/components/card/index"))
        );
        assert_eq!(
            resolve_component(&p, &from, "tdesign/button/button"),
            Resolved::Found(root.join("pkg/miniprogram_npm/tdesign/button/button"))
        );
        assert_eq!(
            resolve_component(&p, &from, "/components/nav/nav"),
            Resolved::Found(root.join("components/nav/nav"))
        );
        assert_eq!(
            resolve_component(&p, &from, "plugin://x/y"),
            Resolved::Plugin
        );
        assert!(matches!(
            resolve_component(&p, &from, "../../../../outside"),
            Resolved::OutsideProject(_)
        ));
        assert!(matches!(
            resolve_component(&p, &from, "./missing"),
            Resolved::NotFound(_)
        ));
    }

    #[test]
    fn resolves_through_resolve_alias_inside_the_project_only() {
        let (dir, _) = project(&[
            "utils/val-tool.js",
            "pkg/lib/date.js",
            "components/nav/nav.json",
            "components/nav/nav.wxml",
        ]);
        std::fs::write(
            dir.path().join("app.json"),
            r#"{"resolveAlias": {"~/*": "/*", "@lib/*": "pkg/lib/*", "nav": "components/nav/nav", "@out/*": "../../*"}}"#,
        )
        .unwrap();
        let p = Project::load(dir.path()).unwrap();
        let root = normalize(&p.mp_root);
        let from = p.mp_root.join("pkg/pages/a/index.js");
        assert_eq!(
            alias(&p, "~/utils/val-tool").as_deref(),
            Some("/utils/val-tool")
        );
        assert_eq!(alias(&p, "./x"), None);
        assert_eq!(
            resolve_module(&p, &from, "~/utils/val-tool", &[".js"]),
            Resolved::Found(root.join("utils/val-tool.js"))
        );
        // The longest prefix wins over `~/*`-like catch-alls; exact keys match exactly.
        assert_eq!(
            resolve_module(&p, &from, "@lib/date", &[".js"]),
            Resolved::Found(root.join("pkg/lib/date.js"))
        );
        assert_eq!(
            resolve_component(&p, &from, "nav"),
            Resolved::Found(root.join("components/nav/nav"))
        );
        // An alias out of the project is never followed.
        assert!(matches!(
            resolve_module(&p, &from, "@out/etc/passwd", &[".js"]),
            Resolved::OutsideProject(_)
        ));
    }
}
