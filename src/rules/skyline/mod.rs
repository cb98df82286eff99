//! Rendering configuration: what Skyline pages need.
pub mod glass_easel;
pub mod lazy_code_loading;
pub mod navigation_style;
pub mod renderer_options;
pub mod unsupported_component;
pub mod webview_component;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::SourceFile;
use crate::facts::page_config::{Origin, PageConfig};
use crate::i18n::Msg;
use crate::msg;
use crate::project::PageRef;
use crate::rules::LintContext;

/// A page that renders with Skyline, with its effective configuration.
pub struct SkylinePage<'p> {
    pub page: PageRef<'p>,
    pub config: PageConfig,
}

/// Every page whose effective renderer is `skyline`, each path once, in app.json order.
pub fn skyline_pages<'p>(ctx: &LintContext<'_, 'p>) -> Vec<SkylinePage<'p>> {
    let model = ctx.model();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for page in model.all_pages() {
        if !seen.insert(page.path.clone()) {
            continue; // listed twice: subpackages/duplicate-page
        }
        let config = ctx.facts.page_config(&page);
        if config.is_skyline() {
            out.push(SkylinePage { page, config });
        }
    }
    out
}

/// Where a setting is written, as a file and a span, when it is written somewhere.
pub fn origin_place(
    ctx: &LintContext,
    origin: &Origin,
) -> Option<(Arc<SourceFile>, Range<usize>, String)> {
    match origin {
        Origin::Page(file, pointer) => Some((
            file.source.clone(),
            file.value_span(pointer),
            pointer.clone(),
        )),
        Origin::SubPackage(pointer) | Origin::App(pointer) => {
            let app = ctx.app();
            Some((app.source.clone(), app.value_span(pointer), pointer.clone()))
        }
        Origin::Default => None,
    }
}

/// The subject of a sentence: "`a/b`" or "`a/b` and 3 more pages"; in Chinese "页面 `a/b` " or
/// "`a/b` 等 4 个页面", to be followed directly by the verb.
pub fn pages_phrase(first: &str, total: usize) -> Msg {
    match total {
        0 | 1 => msg!("`{first}`", "页面 `{first}` "),
        2 => msg!("`{first}` and 1 more page", "`{first}` 等 2 个页面"),
        n => {
            let more = n - 1;
            msg!("`{first}` and {more} more pages", "`{first}` 等 {n} 个页面")
        }
    }
}

/// "1 page" / "3 pages".
pub fn count_pages(n: usize) -> Msg {
    if n == 1 {
        msg!("1 page", "1 个页面")
    } else {
        msg!("{n} pages", "{n} 个页面")
    }
}
