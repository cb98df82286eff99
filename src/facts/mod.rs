//! What rules look things up in: the project, the JSON files it names, the chat-tool package's
//! upload estimate and code index. Each fact is computed once per run, on first use, and only
//! returns values and the problems it met — facts never report diagnostics. The problems of the
//! files that were read are reported by the `json/*` rules, which run after all others and ask
//! for every fact that reads JSON, so what they report never depends on which rules are on.

pub mod page_config;

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::code::server::{ServerCode, ServerGlobs};
use crate::code::PackageCode;
use crate::i18n::Msg;
use crate::json::{JsonFile, ReadError};
use crate::package::{Estimate, Scope};
use crate::project::resolve::{resolve_component, Resolved};
use crate::project::{AppModel, PageRef, Project};
use page_config::PageConfig;

pub struct Facts<'p> {
    pub project: &'p Project,
    /// Page and component `.json` files by path; `None` when absent, unreadable or outside.
    json: RefCell<BTreeMap<PathBuf, Option<Arc<JsonFile>>>>,
    /// Page and component `.json` files that exist but could not be read, and why.
    unreadable: RefCell<BTreeMap<PathBuf, Msg>>,
    package_code: OnceCell<Option<Arc<PackageCode>>>,
    chat_estimate: OnceCell<Arc<Estimate>>,
    page_configs: RefCell<BTreeMap<String, PageConfig>>,
    /// [`Project::missing_page_files`] by page path, computed ahead on every core.
    missing_files: RefCell<HashMap<String, Vec<String>>>,
    /// Resolved references by (kind, from, specifier, extensions): `chat-tools/missing-module`
    /// and `chat-tools/outside-reference` resolve the same ones. The path is keyed by its bytes:
    /// hashing a `Path` walks its components.
    resolved: RefCell<HashMap<(Reference, std::ffi::OsString, String, String), Resolved>>,
    server_globs: ServerGlobs,
    server_code: OnceCell<Arc<ServerCode>>,
}

/// What a resolved reference names: how its candidates are tried.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Reference {
    Module,
    Component,
    File,
}

/// A component reached from a page through `usingComponents`.
pub struct ComponentUse {
    pub json: Arc<JsonFile>,
    /// The component's path without extension.
    pub base: PathBuf,
    /// The component (path without extension) whose `usingComponents` named it; `None` when the
    /// page did.
    pub via: Option<PathBuf>,
}

impl<'p> Facts<'p> {
    /// The facts of `project`, whose server code includes the files `server` matches (the
    /// configuration's `server` globs).
    pub fn new(project: &'p Project, server: &ServerGlobs) -> Facts<'p> {
        Facts {
            server_globs: server.clone(),
            server_code: OnceCell::new(),
            project,
            json: RefCell::new(BTreeMap::new()),
            unreadable: RefCell::new(BTreeMap::new()),
            package_code: OnceCell::new(),
            chat_estimate: OnceCell::new(),
            page_configs: RefCell::new(BTreeMap::new()),
            missing_files: RefCell::new(HashMap::new()),
            resolved: RefCell::new(HashMap::new()),
        }
    }

    pub fn model(&self) -> &'p AppModel {
        &self.project.model
    }

    pub fn app(&self) -> &'p JsonFile {
        &self.project.app
    }

    /// A page or component `.json`, read once. `None` when it does not exist, cannot be read,
    /// or lies outside miniprogramRoot (never read).
    pub fn json(&self, path: &Path) -> Option<Arc<JsonFile>> {
        if let Some(cached) = self.json.borrow().get(path) {
            return cached.clone();
        }
        let (file, problem) = load_json(self.project, path);
        self.keep(path.to_path_buf(), file.clone(), problem);
        file
    }

    fn keep(&self, path: PathBuf, file: Option<Arc<JsonFile>>, problem: Option<Msg>) {
        if let Some(problem) = problem {
            self.unreadable.borrow_mut().insert(path.clone(), problem);
        }
        self.json.borrow_mut().insert(path, file);
    }

    /// Look at every page on every core, ahead of the rules that look at them one by one: its
    /// `.json` (the Skyline and json rules read them all) and which of its files are missing
    /// (`subpackages/missing-page`). The same files, looked at the same way, as
    /// [`Facts::json`] and [`Facts::missing_page_files`] would.
    pub fn prefetch_pages(&self) {
        if self.project.sources.is_some() {
            return;
        }
        let pages: Vec<String> = self.model().all_pages().map(|page| page.path).collect();
        let project = self.project;
        // The path too is found on the workers: confining it takes an `lstat` per new folder.
        let looked = crate::parallel::map(
            &pages,
            32,
            || (),
            |page, _| {
                let json = project.path(&format!("{page}.json"));
                let loaded = load_json(project, &json);
                (json, loaded, project.missing_page_files(page))
            },
        );
        for (page, (json, (file, problem), missing)) in pages.into_iter().zip(looked) {
            if !self.json.borrow().contains_key(&json) {
                self.keep(json, file, problem);
            }
            self.missing_files.borrow_mut().insert(page, missing);
        }
    }

    /// [`crate::project::resolve::resolve_module`], once per reference.
    pub fn resolve_module(&self, from: &Path, spec: &str, exts: &[&str]) -> Resolved {
        self.resolve_once(Reference::Module, from, spec, &exts.join(","), || {
            crate::project::resolve::resolve_module(self.project, from, spec, exts)
        })
    }

    /// [`crate::project::resolve::resolve_component`], once per reference.
    pub fn resolve_component(&self, from_json: &Path, spec: &str) -> Resolved {
        self.resolve_once(Reference::Component, from_json, spec, "", || {
            resolve_component(self.project, from_json, spec)
        })
    }

    /// [`crate::project::resolve::resolve_file`], once per reference.
    pub fn resolve_file(&self, from: &Path, spec: &str, ext: &str) -> Resolved {
        self.resolve_once(Reference::File, from, spec, ext, || {
            crate::project::resolve::resolve_file(self.project, from, spec, ext)
        })
    }

    fn resolve_once(
        &self,
        kind: Reference,
        from: &Path,
        spec: &str,
        exts: &str,
        resolve: impl FnOnce() -> Resolved,
    ) -> Resolved {
        let key = (
            kind,
            from.as_os_str().to_owned(),
            spec.to_string(),
            exts.to_string(),
        );
        if let Some(r) = self.resolved.borrow().get(&key) {
            return r.clone();
        }
        let r = resolve();
        self.resolved.borrow_mut().insert(key, r.clone());
        r
    }

    /// A page's files that do not exist ([`Project::missing_page_files`]), looked up once.
    pub fn missing_page_files(&self, page: &str) -> Vec<String> {
        if let Some(missing) = self.missing_files.borrow().get(page) {
            return missing.clone();
        }
        let missing = self.project.missing_page_files(page);
        self.missing_files
            .borrow_mut()
            .insert(page.to_string(), missing.clone());
        missing
    }

    /// The `.json` of a page given relative to miniprogramRoot (`pkg/pages/a/index`).
    pub fn page_json(&self, page: &str) -> Option<Arc<JsonFile>> {
        self.json(&self.project.path(&format!("{page}.json")))
    }

    /// Page and component `.json` files that exist but could not be read (a folder, a FIFO, too
    /// large, no permission), with the reason, in path order.
    pub fn unreadable_json(&self) -> Vec<(PathBuf, Msg)> {
        self.unreadable
            .borrow()
            .iter()
            .map(|(p, m)| (p.clone(), m.clone()))
            .collect()
    }

    /// Every page or component `.json` read so far, in path order.
    pub fn json_files_read(&self) -> Vec<Arc<JsonFile>> {
        self.json.borrow().values().flatten().cloned().collect()
    }

    /// A page's effective renderer, component framework and navigation style.
    pub fn page_config(&self, page: &PageRef) -> PageConfig {
        if let Some(c) = self.page_configs.borrow().get(&page.path) {
            return c.clone();
        }
        let config = page_config::resolve(self, page);
        self.page_configs
            .borrow_mut()
            .insert(page.path.clone(), config.clone());
        config
    }

    /// The upload estimate of the chat-tool package: one walk per run. For uni-app and Taro
    /// sources, the build output's package when there is one (that is what is uploaded).
    pub fn chat_tool_estimate(&self) -> Arc<Estimate> {
        self.chat_estimate
            .get_or_init(|| {
                let built = self
                    .project
                    .sources
                    .as_ref()
                    .and_then(|s| s.build_output.as_ref())
                    .and_then(|dir| Project::load(dir).ok());
                Arc::new(crate::package::estimate(
                    built.as_ref().unwrap_or(self.project),
                    Scope::ChatTool,
                ))
            })
            .clone()
    }

    /// The chat-tool package's code, scanned and parsed once. `None` without a chat-tool package.
    pub fn package_code(&self) -> Option<Arc<PackageCode>> {
        self.package_code
            .get_or_init(|| {
                let estimate = self.chat_tool_estimate();
                crate::code::scan(self.project, &estimate, &|path| self.json(path)).map(Arc::new)
            })
            .clone()
    }

    /// The project's server code (cloud functions, `server` globs) and the chat-tool message
    /// payloads in it, read once.
    pub fn server_code(&self) -> Arc<ServerCode> {
        self.server_code
            .get_or_init(|| Arc::new(crate::code::server::scan(self.project, &self.server_globs)))
            .clone()
    }

    /// The components a page uses, directly or through other components, each once, breadth
    /// first. Plugins and components that do not resolve are skipped.
    pub fn components_of(&self, page_json: &Arc<JsonFile>) -> Vec<ComponentUse> {
        let mut out = Vec::new();
        let mut visited: HashSet<PathBuf> = HashSet::new();
        let mut queue: VecDeque<(Arc<JsonFile>, Option<PathBuf>)> = VecDeque::new();
        queue.push_back((page_json.clone(), None));
        while let Some((json, parent)) = queue.pop_front() {
            let Some(using) = json.get("/usingComponents").and_then(|v| v.as_object()) else {
                continue;
            };
            for spec in using.values().filter_map(|v| v.as_str()) {
                let Resolved::Found(base) =
                    resolve_component(self.project, &json.source.path, spec)
                else {
                    continue;
                };
                let mut path = base.clone().into_os_string();
                path.push(".json");
                let path = PathBuf::from(path);
                if !visited.insert(path.clone()) {
                    continue;
                }
                let Some(component) = self.json(&path) else {
                    continue;
                };
                out.push(ComponentUse {
                    json: component.clone(),
                    base: base.clone(),
                    via: parent.clone(),
                });
                queue.push_back((component, Some(base)));
            }
        }
        out
    }

    /// Read every JSON file any rule may read: every page's `.json`, the chat-tool package's
    /// page and component `.json` files, and the components of Skyline pages. The `json/*` rules
    /// call this so that their findings do not depend on which other rules ran.
    pub fn read_all_json(&self) {
        let model = self.model();
        for page in model.all_pages() {
            let config = self.page_config(&page);
            if let (true, Some(json)) = (config.is_skyline(), &config.json) {
                self.components_of(json);
            }
        }
        self.package_code();
    }
}

/// Read a page or component `.json`: the file, or why a file that exists could not be read (a
/// folder, a FIFO, an oversized or forbidden file: the user can fix it). A link loop and the
/// like stay silent; nothing outside the project is read.
fn load_json(project: &Project, path: &Path) -> (Option<Arc<JsonFile>>, Option<Msg>) {
    if let Some(s) = &project.sources {
        // A uni-app or Taro page's .json exists only as what its build would write.
        return (s.virtual_json.get(path).cloned(), None);
    }
    if !project.contains(path) || crate::project::confine::is_unreadable(path) {
        return (None, None);
    }
    match JsonFile::read_in(path, &project.overlay) {
        Ok(file) => (Some(Arc::new(file)), None),
        Err(e) => {
            let reported = match &e {
                ReadError::NotAFile | ReadError::TooLarge(_) => true,
                ReadError::Io(io) => io.kind() == std::io::ErrorKind::PermissionDenied,
                ReadError::NotFound => false,
            };
            (None, reported.then(|| e.describe()))
        }
    }
}
