//! uni-app sources: `pages.json` and `manifest.json` (in the project folder or `src/`), merged
//! the way uni-app's build writes app.json for mp-weixin (research-notes §9): from pages.json
//! `pages`, `subPackages` (extra item keys kept), `globalStyle` → `window`, `tabBar`,
//! `preloadRule`, `workers`, `plugins`, `entryPagePath`; then the keys of manifest.json →
//! `"mp-weixin"` except the project-level ones, which go to project.config.json. Each page's
//! `style` becomes its page .json. Both files allow comments and trailing commas.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Map, Value};

use super::framework::{find_build_output, Framework, Sources, Synth};
use super::{read_json, AppModel, LoadError, Project, Settings, APP_JSON};
use crate::json::{escape_token, JsonFile, ReadIssue};

pub const PAGES_JSON: &str = "pages.json";
pub const MANIFEST_JSON: &str = "manifest.json";
/// manifest.json's section for WeChat.
pub const MP_WEIXIN: &str = "mp-weixin";

/// Keys of pages.json that the build copies into app.json.
const COPIED: &[&str] = &[
    "tabBar",
    "preloadRule",
    "workers",
    "plugins",
    "entryPagePath",
];

/// Keys of manifest.json → "mp-weixin" that go to project.config.json, or only steer uni-app's
/// compiler, and never reach app.json.
const PROJECT_KEYS: &[&str] = &[
    "appid",
    "setting",
    "scripts",
    "libVersion",
    "compileType",
    "projectname",
    "condition",
    "cloudfunctionRoot",
    "miniprogramRoot",
    "qcloudRoot",
    "pluginRoot",
    "srcMiniprogramRoot",
    "packOptions",
    "debugOptions",
    "editorSetting",
    "watchOptions",
    "optimization",
    "usingComponents",
    "mergeVirtualHostAttributes",
    "unipush",
    "uniStatistics",
    "styleIsolation",
];

/// Keys of pages.json that the build drops although app.json needs them: they belong in
/// manifest.json → "mp-weixin" (`uni-app/dropped-key`).
pub const DROPPED_KEYS: &[&str] = &[
    "chatTools",
    "lazyCodeLoading",
    "rendererOptions",
    "componentFramework",
    "renderer",
];

/// The folder holding pages.json and manifest.json: the project folder or its `src/`.
pub fn detect(dir: &Path) -> Option<PathBuf> {
    // Never through a link out of the project.
    let inside = |p: &Path| p.is_file() && super::confine::is_inside(dir, p);
    [dir.to_path_buf(), dir.join("src")]
        .into_iter()
        .find(|d| inside(&d.join(PAGES_JSON)) && inside(&d.join(MANIFEST_JSON)))
}

/// Read a uni-app file: comments and trailing commas are allowed there, so only real errors
/// (a file that does not parse, duplicate keys) stay to be reported.
fn read_jsonc(path: &Path) -> Result<JsonFile, LoadError> {
    let mut file = read_json(path, &Default::default())?;
    if file.value.is_some() {
        file.issues
            .retain(|i| matches!(i, ReadIssue::DuplicateKey { .. }));
    }
    Ok(file)
}

pub fn load(dir: PathBuf, root: PathBuf) -> Result<Project, LoadError> {
    let pages = Arc::new(read_jsonc(&root.join(PAGES_JSON))?);
    let manifest = Arc::new(read_jsonc(&root.join(MANIFEST_JSON))?);
    let mut sources = Sources::new(Framework::UniApp, pages.source.path.clone());
    sources.build_output = find_build_output(&dir, Framework::UniApp);

    let mut app = Map::new();
    let mut synth = Synth::default();
    synth.copy_json("", &pages, "");
    let pv = pages.value.as_ref().and_then(Value::as_object);
    if let Some(pv) = pv {
        if let Some(list) = pv.get("pages") {
            app.insert(
                "pages".into(),
                page_list(list, "/pages", "/pages", &pages, &mut synth),
            );
            for (page, style_ptr) in page_styles(list, "", "/pages") {
                add_page_json(&mut sources, &root, &page, &pages, &style_ptr);
            }
        }
        for key in ["subPackages", "subpackages"] {
            let Some(Value::Array(subs)) = pv.get(key) else {
                if let Some(v) = pv.get(key) {
                    app.insert(key.into(), v.clone());
                    synth.copy_json(&format!("/{key}"), &pages, &format!("/{key}"));
                }
                continue;
            };
            let mut out = Vec::new();
            synth.copy_json(&format!("/{key}"), &pages, &format!("/{key}"));
            for (i, sub) in subs.iter().enumerate() {
                let ptr = format!("/{key}/{i}");
                let Value::Object(sub) = sub else {
                    out.push(sub.clone());
                    continue;
                };
                let mut item = sub.clone();
                if let Some(list) = sub.get("pages") {
                    let pages_ptr = format!("{ptr}/pages");
                    item.insert(
                        "pages".into(),
                        page_list(list, &pages_ptr, &pages_ptr, &pages, &mut synth),
                    );
                    let root_dir = sub
                        .get("root")
                        .and_then(Value::as_str)
                        .map(|r| r.trim_matches('/').to_string())
                        .unwrap_or_default();
                    for (page, style_ptr) in page_styles(list, &root_dir, &pages_ptr) {
                        add_page_json(&mut sources, &root, &page, &pages, &style_ptr);
                    }
                }
                out.push(Value::Object(item));
            }
            app.insert(key.into(), Value::Array(out));
        }
        if let Some(style) = pv.get("globalStyle") {
            let (window, components) = style_to_json(style);
            synth.copy_json("/window", &pages, "/globalStyle");
            if let Some(Value::Object(mp)) = style.get(MP_WEIXIN) {
                for k in mp.keys() {
                    let t = escape_token(k);
                    let from = format!("/globalStyle/{MP_WEIXIN}/{t}");
                    synth.copy_json(&format!("/window/{t}"), &pages, &from);
                }
            }
            if let Some(c) = components {
                synth.copy_json("/usingComponents", &pages, "/globalStyle/usingComponents");
                app.insert("usingComponents".into(), c);
            }
            app.insert("window".into(), window);
        }
        for key in COPIED {
            if let Some(v) = pv.get(*key) {
                app.insert((*key).into(), v.clone());
                synth.copy_json(&format!("/{key}"), &pages, &format!("/{key}"));
            }
        }
    }
    if let Some(Value::Object(mp)) = manifest.get(&format!("/{MP_WEIXIN}")) {
        for (k, v) in mp {
            if PROJECT_KEYS.contains(&k.as_str()) {
                continue;
            }
            let t = escape_token(k);
            app.insert(k.clone(), v.clone());
            synth.copy_json(&format!("/{t}"), &manifest, &format!("/{MP_WEIXIN}/{t}"));
        }
    }
    let app_value = Value::Object(app);
    let (mut app_file, map) = synth.finish(&root.join(APP_JSON), &app_value);
    if pages.value.is_none() {
        // pages.json does not parse (json/syntax says where): nothing to check it against.
        app_file.value = None;
    }
    sources.maps.push(map);
    sources.json = vec![pages, manifest];
    let model = AppModel::from_value(&app_value);
    Ok(Project {
        confiner: super::confine::Confiner::new(&root),
        overlay: Default::default(),
        names: Default::default(),
        dir,
        config: None,
        private_config: None,
        mp_root: root,
        app: app_file,
        model,
        settings: Settings::default(),
        sources: Some(Box::new(sources)),
    })
}

/// pages.json page items (`{ "path": …, "style": … }`) as app.json's list of paths.
fn page_list(
    list: &Value,
    dst_ptr: &str,
    src_ptr: &str,
    pages: &JsonFile,
    synth: &mut Synth,
) -> Value {
    let Value::Array(items) = list else {
        synth.copy_json(dst_ptr, pages, src_ptr);
        return list.clone();
    };
    synth.copy_json(dst_ptr, pages, src_ptr);
    let out = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let dst = format!("{dst_ptr}/{i}");
            match item.get("path") {
                Some(path) => {
                    synth.copy_json(&dst, pages, &format!("{src_ptr}/{i}/path"));
                    path.clone()
                }
                None => item.clone(),
            }
        })
        .collect();
    Value::Array(out)
}

/// (page path relative to the source root, pointer of its `style`) for items with a style.
fn page_styles(list: &Value, root: &str, src_ptr: &str) -> Vec<(String, String)> {
    let Value::Array(items) = list else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let path = item.get("path")?.as_str()?.trim_start_matches('/');
            item.get("style")?.as_object()?;
            let page = if root.is_empty() {
                path.to_string()
            } else {
                format!("{root}/{path}")
            };
            Some((page, format!("{src_ptr}/{i}/style")))
        })
        .collect()
}

/// Platform sections of a uni-app style object; `"mp-weixin"` is merged in, the rest dropped.
fn is_platform_key(k: &str) -> bool {
    k.starts_with("mp-")
        || k.starts_with("app-")
        || k.starts_with("quickapp")
        || k == "h5"
        || k == "web"
}

/// A uni-app style (globalStyle or a page's style) as the page/window JSON of mp-weixin, and
/// its `usingComponents` apart (app-level components go to app.json's top level).
fn style_to_json(style: &Value) -> (Value, Option<Value>) {
    let Value::Object(o) = style else {
        return (style.clone(), None);
    };
    let mut out = Map::new();
    let mut components = None;
    for (k, v) in o {
        if k == "usingComponents" {
            components = Some(v.clone());
        } else if !is_platform_key(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    if let Some(Value::Object(mp)) = o.get(MP_WEIXIN) {
        for (k, v) in mp {
            out.insert(k.clone(), v.clone());
        }
    }
    (Value::Object(out), components)
}

/// A page's `style` as the synthesized `page.json` beside it.
fn add_page_json(sources: &mut Sources, root: &Path, page: &str, pages: &JsonFile, ptr: &str) {
    let Some(style) = pages.get(ptr) else {
        return;
    };
    let (mut value, components) = style_to_json(style);
    let mut synth = Synth::default();
    synth.copy_json("", pages, ptr);
    if let (Value::Object(o), Some(c)) = (&mut value, components) {
        o.insert("usingComponents".into(), c);
    }
    if let Some(Value::Object(mp)) = style.get(MP_WEIXIN) {
        for k in mp.keys() {
            let t = escape_token(k);
            synth.copy_json(&format!("/{t}"), pages, &format!("{ptr}/{MP_WEIXIN}/{t}"));
        }
    }
    let path = root.join(format!("{page}.json"));
    let (file, map) = synth.finish(&path, &value);
    sources.maps.push(map);
    sources.virtual_json.insert(path, Arc::new(file));
}
