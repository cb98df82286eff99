//! `--recursive`: finding every mini program under a folder.
//!
//! A project is a folder with `project.config.json`, or else a folder with `app.json` that is
//! not inside a project already found (so `miniprogram/app.json` under a project.config.json is
//! that project's, not a second one). The search honours `.gitignore` (and `.git/info/exclude`
//! and the global gitignore), skips hidden folders, `node_modules`, `miniprogram_npm` and the
//! configuration's `ignore` patterns, and does not follow symbolic links. The result is sorted
//! by path, so output order does not depend on the file system.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::project::{APP_JSON, PROJECT_CONFIG};

/// Folders never searched.
pub const SKIPPED_DIRS: &[&str] = &["node_modules", "miniprogram_npm"];

pub fn find_projects(root: &Path, config: Option<Arc<Config>>) -> Vec<PathBuf> {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .hidden(true)
        .ignore(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(true)
        .parents(true)
        .require_git(false)
        .follow_links(false);
    builder.filter_entry(move |entry| {
        if entry.depth() == 0 {
            return true;
        }
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if is_dir
            && SKIPPED_DIRS
                .iter()
                .any(|s| entry.file_name() == std::ffi::OsStr::new(s))
        {
            return false;
        }
        !config.as_ref().is_some_and(|c| c.is_ignored(entry.path()))
    });
    let mut with_config = Vec::new();
    let mut with_app = Vec::new();
    // Unreadable folders are skipped silently: they cannot hold a project we could lint.
    for entry in builder.build().flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let name = entry.file_name();
        let Some(dir) = entry.path().parent() else {
            continue;
        };
        if name == PROJECT_CONFIG {
            with_config.push(dir.to_path_buf());
        } else if let Some(root) = framework_root(dir, name) {
            // A uni-app or Taro source tree: linted from its project folder.
            with_config.push(root);
        } else if name == APP_JSON {
            with_app.push(dir.to_path_buf());
        }
    }
    with_config.sort();
    with_config.dedup();
    with_app.sort();
    with_app.dedup();
    // An app.json inside a project found by its project.config.json belongs to that project.
    let projects: std::collections::HashSet<&Path> =
        with_config.iter().map(PathBuf::as_path).collect();
    let mut found = with_config.clone();
    for dir in with_app {
        if !dir.ancestors().any(|a| projects.contains(a)) {
            found.push(dir);
        }
    }
    found.sort();
    found
}

/// The project folder of a uni-app (`pages.json` beside `manifest.json`, maybe in `src/`) or
/// Taro (`src/app.config.*`) source tree that a found file belongs to.
fn framework_root(dir: &Path, name: &std::ffi::OsStr) -> Option<PathBuf> {
    let up = |d: &Path| -> PathBuf {
        if d.file_name().is_some_and(|n| n == "src") {
            d.parent().unwrap_or(d).to_path_buf()
        } else {
            d.to_path_buf()
        }
    };
    if name == crate::project::uni_app::PAGES_JSON
        && dir.join(crate::project::uni_app::MANIFEST_JSON).is_file()
        && !dir.join(APP_JSON).is_file()
    {
        return Some(up(dir));
    }
    if (name == "app.config.ts" || name == "app.config.js")
        && dir.file_name().is_some_and(|n| n == "src")
    {
        return Some(up(dir));
    }
    None
}
