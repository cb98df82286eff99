//! Small helpers rules use to talk about code: how a call is written, where a url points.

use std::path::{Path, PathBuf};

use super::js::ApiCall;
use super::PackageCode;
use crate::project::resolve::normalize;
use crate::project::Project;

/// How the call is written, for messages: `wx.getLocation`.
pub fn api_name(call: &ApiCall) -> String {
    format!("{}.{}", call.receiver, call.api)
}

/// A path on disk shown relative to miniprogramRoot (`pages/index/index`), else as is.
pub fn shown(project: &Project, path: &Path) -> String {
    let root = normalize(&project.mp_root);
    path.strip_prefix(&root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Where a page url points (`/pages/a/index?x=1`, or relative to the referring file), without
/// query or fragment. `None` for plugin pages and empty urls.
pub fn page_target(project: &Project, from_file: &Path, url: &str) -> Option<PathBuf> {
    let url = url.trim();
    if url.is_empty() || url.contains("://") {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path.is_empty() {
        return None;
    }
    Some(match path.strip_prefix('/') {
        Some(abs) => normalize(&project.mp_root.join(abs)),
        None => normalize(&from_file.parent().unwrap_or(Path::new("")).join(path)),
    })
}

/// Whether a literal page url lies outside the package (as WeChat resolves it: relative to the
/// referring page, or absolute from miniprogramRoot). Unknown forms are given the benefit of
/// the doubt.
pub fn url_outside(project: &Project, code: &PackageCode, from_file: &Path, url: &str) -> bool {
    page_target(project, from_file, url).is_some_and(|t| !code.contains(&t))
}
