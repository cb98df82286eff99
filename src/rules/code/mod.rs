//! Rules on the code of the chat-tool package: JS/TS, WXML, WXSS and page/component .json, read
//! once per run by `crate::code` (`ctx.package_code()`).
pub mod api_arguments;
pub mod forbidden_api;
pub mod forbidden_component;
pub mod global_component;
pub mod navigate_outside;
pub mod outside_reference;
pub mod scope_mismatch;
pub mod share_handler;
pub mod syntax;
pub mod undeclared_location_api;
pub mod unsupported_component;

use std::path::{Path, PathBuf};

use crate::code::js::ApiCall;
use crate::code::PackageCode;
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

/// The scope each API or component needs (the authorize page; `chooseLocation` from
/// AuthSetting).
pub const API_SCOPES: &[(&str, &str)] = &[
    ("getLocation", "scope.userLocation"),
    ("startLocationUpdate", "scope.userLocation"),
    ("chooseLocation", "scope.userLocation"),
    ("getFuzzyLocation", "scope.userFuzzyLocation"),
    (
        "startLocationUpdateBackground",
        "scope.userLocationBackground",
    ),
    ("startRecord", "scope.record"),
    ("joinVoIPChat", "scope.record"),
    ("getRecorderManager", "scope.record"),
    ("createVKSession", "scope.camera"),
    ("openBluetoothAdapter", "scope.bluetooth"),
    ("createBLEPeripheralServer", "scope.bluetooth"),
    ("saveImageToPhotosAlbum", "scope.writePhotosAlbum"),
    ("saveVideoToPhotosAlbum", "scope.writePhotosAlbum"),
    ("addPhoneContact", "scope.addPhoneContact"),
    ("addPhoneCalendar", "scope.addPhoneCalendar"),
    ("addPhoneRepeatCalendar", "scope.addPhoneCalendar"),
    ("getWeRunData", "scope.werun"),
    ("chooseAddress", "scope.address"),
    ("chooseInvoiceTitle", "scope.invoiceTitle"),
    ("chooseInvoice", "scope.invoice"),
    ("getUserInfo", "scope.userInfo"),
];

pub const COMPONENT_SCOPES: &[(&str, &str)] = &[
    ("camera", "scope.camera"),
    ("live-pusher", "scope.camera"),
    ("live-pusher", "scope.record"),
];

pub fn api_scope(api: &str) -> Option<&'static str> {
    API_SCOPES.iter().find(|(a, _)| *a == api).map(|(_, s)| *s)
}

/// The scopes of the authorize page (others are `chat-tools/unknown-scope`'s).
pub use crate::rules::chat_tools::unknown_scope::SCOPES as KNOWN_SCOPES;

/// The scope a call needs: its API's, or the literal `scope` of `wx.authorize({ scope })`.
pub fn call_scope(call: &ApiCall) -> Option<&'static str> {
    if call.api == "authorize" {
        let scope = call
            .arg
            .as_ref()?
            .as_object()?
            .get("scope")?
            .value
            .as_str()?;
        return KNOWN_SCOPES.iter().copied().find(|s| *s == scope);
    }
    api_scope(&call.api)
}
