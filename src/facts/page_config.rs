//! What a page renders with: settings that cascade page .json → subpackage → app.json.
//! Shared by the chat-tools and skyline rules through [`Facts::page_config`].

use std::sync::Arc;

use serde_json::Value;

use super::Facts;
use crate::json::JsonFile;
use crate::project::PageRef;

/// Where an effective setting came from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// The page's own .json (file, pointer).
    Page(Arc<JsonFile>, String),
    /// The subpackage entry in app.json (pointer).
    SubPackage(String),
    /// app.json top level or `window` (pointer).
    App(String),
    /// Not set anywhere: the platform default.
    Default,
}

#[derive(Debug, Clone)]
pub struct Effective {
    pub value: String,
    pub origin: Origin,
}

/// A page's .json (when it exists) and its effective settings.
#[derive(Debug, Clone)]
pub struct PageConfig {
    pub json: Option<Arc<JsonFile>>,
    /// `renderer`: page, subpackage, app, else `webview`.
    pub renderer: Effective,
    /// `componentFramework`: page, subpackage, app, else `exparser`.
    pub component_framework: Effective,
    /// `navigationStyle`: page, else app `window`, else `default` (implicit).
    pub navigation_style: Effective,
}

impl PageConfig {
    pub fn is_skyline(&self) -> bool {
        self.renderer.value == "skyline"
    }
}

/// Resolve a page's configuration (use [`Facts::page_config`], which keeps it).
pub(super) fn resolve(facts: &Facts, page: &PageRef) -> PageConfig {
    let json = facts.page_json(&page.path);
    let app = facts.app().value.as_ref();
    let from_page = |key: &str| -> Option<Effective> {
        let j = json.as_ref()?;
        let v = j.value.as_ref()?.get(key)?.as_str()?;
        Some(Effective {
            value: v.to_string(),
            origin: Origin::Page(j.clone(), format!("/{key}")),
        })
    };
    let from_sub = |value: Option<&String>, key: &str| -> Option<Effective> {
        let s = page.package?;
        Some(Effective {
            value: value?.clone(),
            origin: Origin::SubPackage(format!("{}/{key}", s.pointer)),
        })
    };
    let from_app = |pointer: &str| -> Option<Effective> {
        Some(Effective {
            value: app?.pointer(pointer).and_then(Value::as_str)?.to_string(),
            origin: Origin::App(pointer.to_string()),
        })
    };
    let default = |v: &str| Effective {
        value: v.to_string(),
        origin: Origin::Default,
    };
    PageConfig {
        renderer: from_page("renderer")
            .or_else(|| from_sub(page.package.and_then(|s| s.renderer.as_ref()), "renderer"))
            .or_else(|| from_app("/renderer"))
            .unwrap_or_else(|| default("webview")),
        component_framework: from_page("componentFramework")
            .or_else(|| {
                from_sub(
                    page.package.and_then(|s| s.component_framework.as_ref()),
                    "componentFramework",
                )
            })
            .or_else(|| from_app("/componentFramework"))
            .unwrap_or_else(|| default("exparser")),
        navigation_style: from_page("navigationStyle")
            .or_else(|| from_app("/window/navigationStyle"))
            .unwrap_or_else(|| default("default")),
        json,
    }
}
