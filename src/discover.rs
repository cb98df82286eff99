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
        .follow_links(false)
        // The count the lint's workers use, asked once per run (`ignore` would ask again).
        .threads(crate::parallel::cores());
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
    // Searched on every core (`ignore`'s parallel walker): the search runs before any lint
    // starts, and on one thread it was 14 % of `-r`'s CPU. The result is sorted below.
    let hits = std::sync::Mutex::new((Vec::new(), Vec::new()));
    builder.build_parallel().run(|| {
        let hits = &hits;
        Box::new(move |entry| {
            // Unreadable folders are skipped silently: they cannot hold a project we could lint.
            if let Some(hit) = entry.ok().as_ref().and_then(hit_of) {
                let mut hits = hits.lock().unwrap_or_else(|e| e.into_inner());
                match hit {
                    Hit::Project(dir) => hits.0.push(dir),
                    Hit::App(dir) => hits.1.push(dir),
                }
            }
            ignore::WalkState::Continue
        })
    });
    let (mut with_config, mut with_app) = hits.into_inner().unwrap_or_else(|e| e.into_inner());
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

/// What a file found by the search says about its folder.
enum Hit {
    /// A project folder (project.config.json, or a uni-app or Taro source tree's).
    Project(PathBuf),
    /// A folder holding app.json.
    App(PathBuf),
}

fn hit_of(entry: &ignore::DirEntry) -> Option<Hit> {
    if !entry.file_type().is_some_and(|t| t.is_file()) {
        return None;
    }
    let name = entry.file_name();
    let dir = entry.path().parent()?;
    if name == PROJECT_CONFIG {
        Some(Hit::Project(dir.to_path_buf()))
    } else if let Some(root) = framework_root(dir, name) {
        // A uni-app or Taro source tree: linted from its project folder.
        Some(Hit::Project(root))
    } else if name == APP_JSON {
        Some(Hit::App(dir.to_path_buf()))
    } else {
        None
    }
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
