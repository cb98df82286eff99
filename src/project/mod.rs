//! Finding a project: project.config.json → miniprogramRoot → app.json, and the settings of
//! project.config.json that rules need (compiler plugins, libVersion, packOptions).

pub mod app;
pub mod confine;
pub mod framework;
pub mod names;
pub mod resolve;
pub mod taro;
pub mod uni_app;

use std::path::{Path, PathBuf};

use std::sync::Arc;

use serde_json::Value;

pub use app::{AppModel, ChatTool, Page, PageRef, SubPackage};
pub use confine::Escape;

use crate::cache::record;
use crate::i18n::Msg;
use crate::json::{JsonFile, ReadError};
use crate::msg;
use crate::overlay::Overlay;

pub const PROJECT_CONFIG: &str = "project.config.json";
/// The developer tools' per-developer settings; its keys override project.config.json's.
pub const PROJECT_PRIVATE_CONFIG: &str = "project.private.config.json";
pub const APP_JSON: &str = "app.json";

/// A mini program project ready to lint.
#[derive(Debug)]
pub struct Project {
    /// The folder the user named (holding project.config.json, or app.json).
    pub dir: PathBuf,
    /// project.config.json, when there is one.
    pub config: Option<JsonFile>,
    /// project.private.config.json beside it, when there is one.
    pub private_config: Option<JsonFile>,
    /// The miniprogramRoot folder: app.json and every page path are relative to it.
    pub mp_root: PathBuf,
    pub app: JsonFile,
    pub model: AppModel,
    pub settings: Settings,
    /// Confines paths to miniprogramRoot: its canonical path resolved once, folder listings cached.
    confiner: confine::Confiner,
    /// For a uni-app or Taro source tree: where app.json came from (`app` is synthesized).
    pub sources: Option<Box<framework::Sources>>,
    /// Unsaved editor text read instead of the disk (empty outside `chattools-lint lsp`).
    pub overlay: Arc<Overlay>,
    /// Folder listings for case-exact existence checks.
    pub(crate) names: names::Names,
}

/// Source files larger than this are not read (minified bundles of this size are not hand code).
pub const MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;

/// A source file's text: the editor's unsaved text when `overlay` has it, else the file on disk
/// (through the cache's recorder), up to [`MAX_SOURCE_BYTES`].
pub(crate) fn read_text(path: &Path, overlay: &crate::overlay::Overlay) -> Option<String> {
    if let Some(text) = overlay.get(path) {
        return (text.len() as u64 <= MAX_SOURCE_BYTES).then(|| text.to_string());
    }
    let crate::cache::record::ReadOutcome::Bytes(bytes) =
        crate::cache::record::read(path, MAX_SOURCE_BYTES)
    else {
        return None;
    };
    Some(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// The compiler settings that change what WeChat measures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompileSettings {
    /// `setting.minified`: JavaScript minified.
    pub minified: bool,
    pub minify_wxss: bool,
    pub minify_wxml: bool,
    /// `setting.es6`: JavaScript compiled to ES5 (babel), helpers copied into the package.
    pub es6: bool,
    /// `setting.postcss`: vendor prefixes added to WXSS.
    pub postcss: bool,
}

/// What project.config.json says that matters here.
#[derive(Debug, Default, Clone)]
pub struct Settings {
    /// `setting.useCompilerPlugins`: "typescript", "less", "sass".
    pub compiler_plugins: Vec<String>,
    /// `libVersion`, the base library the project is developed against.
    pub lib_version: Option<String>,
    /// `packOptions.ignore` and `packOptions.include` as raw values, pointer-addressable.
    pub pack_ignore: Vec<PackRule>,
    pub pack_include: Vec<PackRule>,
    /// `setting.minified`, `minifyWXSS`, `minifyWXML`, `es6`, `postcss`: what WeChat's compiler
    /// does to the files it measures.
    pub compile: CompileSettings,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackRule {
    pub kind: String,
    pub value: String,
    /// JSON pointer of the rule in project.config.json.
    pub pointer: String,
}

impl Settings {
    pub fn typescript(&self) -> bool {
        self.compiler_plugins.iter().any(|p| p == "typescript")
    }
    pub fn less(&self) -> bool {
        self.compiler_plugins.iter().any(|p| p == "less")
    }
    pub fn sass(&self) -> bool {
        self.compiler_plugins.iter().any(|p| p == "sass")
    }

    fn from_config(value: &Value) -> Settings {
        let compiler_plugins = value
            .pointer("/setting/useCompilerPlugins")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|p| match p {
                        Value::String(s) => Some(s.clone()),
                        // The object form: { "type": "sass", ... }.
                        Value::Object(o) => o.get("type").and_then(Value::as_str).map(String::from),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let pack = |which: &str| -> Vec<PackRule> {
            let Some(list) = value
                .pointer(&format!("/packOptions/{which}"))
                .and_then(Value::as_array)
            else {
                return Vec::new();
            };
            list.iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    Some(PackRule {
                        kind: r.get("type")?.as_str()?.to_string(),
                        value: r.get("value")?.as_str()?.to_string(),
                        pointer: format!("/packOptions/{which}/{i}"),
                    })
                })
                .collect()
        };
        Settings {
            compiler_plugins,
            lib_version: value
                .get("libVersion")
                .and_then(Value::as_str)
                .map(String::from),
            pack_ignore: pack("ignore"),
            pack_include: pack("include"),
            compile: {
                let on = |key: &str| {
                    value
                        .pointer(&format!("/setting/{key}"))
                        .and_then(Value::as_bool)
                        .unwrap_or(false)
                };
                CompileSettings {
                    minified: on("minified"),
                    minify_wxss: on("minifyWXSS"),
                    minify_wxml: on("minifyWXML"),
                    es6: on("es6"),
                    postcss: on("postcss"),
                }
            },
        }
    }
}

/// Why a path could not be linted (exit code 2).
#[derive(Debug)]
pub struct LoadError {
    pub message: Msg,
    pub help: Option<Msg>,
}

impl LoadError {
    fn new(message: Msg) -> LoadError {
        LoadError {
            message,
            help: None,
        }
    }
}

impl Project {
    /// Find the project a command-line PATH names: a project folder, a folder with app.json,
    /// or an app.json file.
    pub fn load(path: &Path) -> Result<Project, LoadError> {
        Project::load_in(path, Arc::default())
    }

    /// [`Project::load`], reading the editor's unsaved text where the overlay has it.
    pub fn load_in(path: &Path, overlay: Arc<Overlay>) -> Result<Project, LoadError> {
        let shown = crate::diagnostic::display_path(path);
        let meta = record::size(path).map_err(|e| {
            LoadError::new(msg!(
                "cannot open `{shown}`: {e}",
                "无法打开 `{shown}`：{e}"
            ))
        })?;
        let path = absolute(path);
        if !meta.is_file() && !meta.is_dir() {
            // A FIFO, socket or device: reading it could block forever.
            return Err(LoadError::new(msg!(
                "`{shown}` is not a regular file or a folder",
                "`{shown}` 不是普通文件，也不是目录"
            )));
        }
        if meta.is_file() {
            let mp_root = path.parent().map(Path::to_path_buf).unwrap_or_default();
            // pages.json, manifest.json, app.config.ts: the source tree they belong to.
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if [
                uni_app::PAGES_JSON,
                uni_app::MANIFEST_JSON,
                "app.config.ts",
                "app.config.js",
            ]
            .contains(&name)
            {
                if let Some(project) = framework_project(&mp_root)? {
                    return Ok(project);
                }
            }
            // A project.config.json beside it, or one folder up pointing here.
            let config = [
                mp_root.clone(),
                mp_root.parent().map(Path::to_path_buf).unwrap_or_default(),
            ]
            .into_iter()
            .map(|d| d.join(PROJECT_CONFIG))
            .find(|c| record::is_file(c))
            .and_then(|c| JsonFile::read_in(&c, &overlay).ok())
            .filter(|c| {
                let root = c.source.path.parent().unwrap_or(Path::new(""));
                same_dir(&resolve_mp_root(root, c), &mp_root)
            });
            let dir = config
                .as_ref()
                .and_then(|c| c.source.path.parent().map(Path::to_path_buf))
                .unwrap_or_else(|| mp_root.clone());
            return Project::finish(dir, config, mp_root, &path, overlay);
        }
        if let Some(project) = framework_project(&path)? {
            return Ok(project);
        }
        let config_path = path.join(PROJECT_CONFIG);
        if record::is_file(&config_path) {
            let config = read_json(&config_path, &overlay)?;
            let mp_root = resolve_mp_root(&path, &config);
            if !confine::is_inside(&path, &mp_root) {
                let root_shown = crate::diagnostic::display_path(&mp_root);
                let mut err = LoadError::new(msg!(
                    "miniprogramRoot `{root_shown}` lies outside the project folder `{shown}`; not reading it",
                    "miniprogramRoot `{root_shown}` 位于项目目录 `{shown}` 之外，不会读取"
                ));
                err.help = Some(msg!(
                    "set `miniprogramRoot` in project.config.json to a folder inside the project",
                    "请将 project.config.json 中的 `miniprogramRoot` 设为项目内的目录"
                ));
                return Err(err);
            }
            let app_path = mp_root.join(APP_JSON);
            if !record::is_file(&app_path) {
                let root_shown = crate::diagnostic::display_path(&mp_root);
                let mut err = LoadError::new(msg!(
                    "no app.json in `{root_shown}`, the miniprogramRoot that project.config.json names",
                    "根据 project.config.json 中 miniprogramRoot 指定的小程序目录 `{root_shown}`，在该目录下未找到 app.json"
                ));
                err.help = framework_hint(&path).or_else(|| {
                    Some(msg!(
                        "check `miniprogramRoot` in project.config.json",
                        "请检查 project.config.json 中的 `miniprogramRoot`"
                    ))
                });
                return Err(err);
            }
            return Project::finish(path.clone(), Some(config), mp_root, &app_path, overlay);
        }
        let app_path = path.join(APP_JSON);
        if record::is_file(&app_path) {
            // A project.config.json one folder up whose miniprogramRoot is this folder.
            let config = path
                .parent()
                .map(|p| p.join(PROJECT_CONFIG))
                .filter(|c| record::is_file(c))
                .and_then(|c| JsonFile::read_in(&c, &overlay).ok())
                .filter(|c| {
                    let root = c.source.path.parent().unwrap_or(Path::new(""));
                    same_dir(&resolve_mp_root(root, c), &path)
                });
            return Project::finish(path.clone(), config, path.clone(), &app_path, overlay);
        }
        let mut err = LoadError::new(msg!(
            "no mini program in `{shown}`: looked for `{shown}/project.config.json` and `{shown}/app.json`",
            "`{shown}` 中没有找到小程序：查找了 `{shown}/project.config.json` 和 `{shown}/app.json`"
        ));
        err.help = framework_hint(&path).or_else(|| {
            Some(msg!(
                "pass the folder that holds project.config.json or app.json, or the app.json file itself",
                "请传入包含 project.config.json 或 app.json 的目录，或直接传入 app.json 文件"
            ))
        });
        Err(err)
    }

    /// A project from app.json bytes held in memory, as if read from `mp_root/app.json`, with
    /// no project.config.json; other files are looked up under `mp_root`. For the fuzz target
    /// and tests that feed the whole pipeline bytes.
    pub fn from_app_bytes(mp_root: &Path, bytes: Vec<u8>) -> Project {
        let app = JsonFile::parse_bytes(&mp_root.join(APP_JSON), bytes);
        let model = app
            .value
            .as_ref()
            .map(AppModel::from_value)
            .unwrap_or_default();
        Project {
            dir: mp_root.to_path_buf(),
            config: None,
            private_config: None,
            confiner: confine::Confiner::new(mp_root),
            names: Default::default(),
            mp_root: mp_root.to_path_buf(),
            app,
            model,
            settings: Settings::default(),
            sources: None,
            overlay: Arc::default(),
        }
    }

    fn finish(
        dir: PathBuf,
        config: Option<JsonFile>,
        mp_root: PathBuf,
        app_path: &Path,
        overlay: Arc<Overlay>,
    ) -> Result<Project, LoadError> {
        let app = read_json(app_path, &overlay)?;
        let private_config = config
            .as_ref()
            .and_then(|c| c.source.path.parent())
            .map(|d| d.join(PROJECT_PRIVATE_CONFIG))
            .filter(|p| record::is_file(p))
            .and_then(|p| JsonFile::read_in(&p, &overlay).ok());
        let settings = Settings::from_config(&merged_config(
            config.as_ref().and_then(|c| c.value.as_ref()),
            private_config.as_ref().and_then(|c| c.value.as_ref()),
        ));
        let model = app
            .value
            .as_ref()
            .map(AppModel::from_value)
            .unwrap_or_default();
        Ok(Project {
            dir,
            config,
            private_config,
            confiner: confine::Confiner::new(&mp_root),
            names: Default::default(),
            mp_root,
            app,
            model,
            settings,
            sources: None,
            overlay,
        })
    }

    /// The project configuration file that decides a setting (`/libVersion`,
    /// `/setting/useCompilerPlugins`): project.private.config.json overrides project.config.json,
    /// as in WeChat's developer tools.
    pub fn config_for(&self, pointer: &str) -> Option<(&JsonFile, &Value)> {
        [&self.private_config, &self.config]
            .into_iter()
            .flatten()
            .find_map(|f| f.get(pointer).map(|v| (f, v)))
    }

    /// A path relative to miniprogramRoot, on disk, refusing any path that leaves
    /// miniprogramRoot (`../x`, or a symlink along the way to a folder outside). See
    /// `confine.rs` and docs/robustness.md.
    pub fn resolve(&self, rel: &str) -> Result<PathBuf, Escape> {
        self.confiner.confine(rel)
    }

    /// A path relative to miniprogramRoot, on disk. For a path that leaves miniprogramRoot
    /// (see [`Project::resolve`]) this is a path no file-system call can open, so it reads as
    /// missing and is never read; use `resolve` to tell the two apart.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.resolve(rel)
            .unwrap_or_else(|_| confine::unreadable(&self.mp_root))
    }

    /// Whether a path on disk lies inside miniprogramRoot (following symlinks).
    pub fn contains(&self, path: &Path) -> bool {
        self.confiner.contains(path)
    }

    /// The confinement of paths to miniprogramRoot (the package walk feeds it folder listings).
    pub fn confiner(&self) -> &confine::Confiner {
        &self.confiner
    }

    /// `path.is_file()`, answered from what confinement and the package walk already learnt
    /// when they can (no system call).
    pub fn is_file(&self, path: &Path) -> bool {
        self.confiner.is_file(path)
    }

    /// `path.is_dir()`, as [`Project::is_file`].
    pub fn is_dir(&self, path: &Path) -> bool {
        self.confiner.is_dir(path)
    }

    /// Whether a file under miniprogramRoot exists with exactly this spelling, as on a phone:
    /// on a case-insensitive file system `Create/index.wxml` does not count for `create/…`.
    pub fn is_file_exact(&self, path: &Path) -> bool {
        self.is_file(path) && self.names.exact(&self.mp_root, path)
    }

    /// How a path relative to miniprogramRoot is spelled on disk, when that differs from
    /// `rel` only in the case of its names (`pages/create/index.wxml` for
    /// `pages/Create/index.wxml`).
    pub fn spelled_on_disk(&self, rel: &str) -> Option<String> {
        let path = self.resolve(rel).ok()?;
        let spelled = self.names.on_disk(&self.mp_root, &path)?;
        (spelled != rel.trim_start_matches('/')).then_some(spelled)
    }

    /// The required files of a page (`root/page` relative to miniprogramRoot) that are missing:
    /// `.wxml`, and `.js` (or `.ts` when the typescript compiler plugin is on).
    /// A page outside miniprogramRoot is not read: all its files count as missing, as for WeChat,
    /// which only packs files under miniprogramRoot.
    pub fn missing_page_files(&self, page: &str) -> Vec<String> {
        if let Some(s) = &self.sources {
            return framework::missing_page_source(&self.path(page), s.framework)
                .map(|ext| format!("{page}{ext}"))
                .into_iter()
                .collect();
        }
        let mut missing = Vec::new();
        // Each file confined by itself: the page's base path (`a/index`) is no file to look up.
        let with = |ext: &str| {
            self.resolve(&format!("{page}{ext}"))
                .unwrap_or_else(|_| confine::unreadable(&self.mp_root))
        };
        let present = |p: PathBuf| self.is_file_exact(&p);
        if !present(with(".wxml")) {
            missing.push(format!("{page}.wxml"));
        }
        let js = present(with(".js")) || (self.settings.typescript() && present(with(".ts")));
        if !js {
            missing.push(if self.settings.typescript() {
                format!("{page}.js (or .ts)")
            } else {
                format!("{page}.js")
            });
        }
        missing
    }
}

fn read_json(path: &Path, overlay: &Overlay) -> Result<JsonFile, LoadError> {
    JsonFile::read_in(path, overlay).map_err(|e: ReadError| {
        let shown = crate::diagnostic::display_path(path);
        let why = e.describe();
        LoadError::new(Msg::new(
            format!("cannot read `{shown}`: {}", why.en),
            format!("无法读取 `{shown}`：{}", why.zh),
        ))
    })
}

/// project.config.json with project.private.config.json's keys on top (`setting` merged key by
/// key, other keys replaced).
fn merged_config(public: Option<&Value>, private: Option<&Value>) -> Value {
    let mut merged = public.cloned().unwrap_or(Value::Object(Default::default()));
    let (Some(Value::Object(m)), Some(Value::Object(p))) = (Some(&mut merged), private) else {
        return merged;
    };
    for (k, v) in p {
        match (m.get_mut(k), v) {
            (Some(Value::Object(mine)), Value::Object(theirs)) if k == "setting" => {
                for (sk, sv) in theirs {
                    mine.insert(sk.clone(), sv.clone());
                }
            }
            _ => {
                m.insert(k.clone(), v.clone());
            }
        }
    }
    merged
}

fn resolve_mp_root(project_dir: &Path, config: &JsonFile) -> PathBuf {
    // `miniprogram\\` works in the developer tools on Windows: read `\` as `/` everywhere, so
    // the project lints the same on every system.
    match config
        .get("/miniprogramRoot")
        .and_then(Value::as_str)
        .map(|r| r.trim().replace('\\', "/"))
        .as_deref()
    {
        Some(root) if !root.is_empty() && root != "." && root != "./" => {
            project_dir.join(root.trim_start_matches("./"))
        }
        _ => project_dir.to_path_buf(),
    }
}

fn absolute(path: &Path) -> PathBuf {
    // Without a verbatim `\\?\` prefix on Windows: shown and compared as the user typed it.
    crate::paths::absolute(path)
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (record::canonicalize(a), record::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A uni-app or Taro source tree in a folder without app.json: its sources are read.
fn framework_project(dir: &Path) -> Result<Option<Project>, LoadError> {
    if record::is_file(&dir.join(APP_JSON)) {
        return Ok(None);
    }
    if let Some(root) = uni_app::detect(dir) {
        return uni_app::load(dir.to_path_buf(), root).map(Some);
    }
    if let Some(config) = taro::detect(dir) {
        return taro::load(dir.to_path_buf(), config).map(Some);
    }
    Ok(None)
}

/// Taro and uni-app source trees produce app.json at build time: say so and where it goes.
fn framework_hint(dir: &Path) -> Option<Msg> {
    let has = |rel: &str| record::is_file(&dir.join(rel));
    if [
        "src/app.config.ts",
        "src/app.config.js",
        "app.config.ts",
        "app.config.js",
    ]
    .iter()
    .any(|f| has(f))
    {
        return Some(msg!(
            "this looks like a Taro project: app.json is produced by the build. Run `taro build --type weapp` and lint the output folder (usually `dist/`)",
            "这看起来是 Taro 项目：app.json 由构建生成。请先运行 `taro build --type weapp`，再检查输出目录（通常是 `dist/`）"
        ));
    }
    if (has("pages.json") && has("manifest.json"))
        || (has("src/pages.json") && has("src/manifest.json"))
    {
        return Some(msg!(
            "this looks like a uni-app project: app.json is produced by the build. Build for mp-weixin and lint the output folder (usually `unpackage/dist/dev/mp-weixin` or `dist/build/mp-weixin`)",
            "这看起来是 uni-app 项目：app.json 由构建生成。请编译到 mp-weixin 平台，再检查输出目录（通常是 `unpackage/dist/dev/mp-weixin` 或 `dist/build/mp-weixin`）"
        ));
    }
    None
}
