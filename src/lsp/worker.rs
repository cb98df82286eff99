//! The lint thread: debounced, superseded runs dropped, diagnostics published per file.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::sync::Arc;
use std::time::Duration;

use lsp_server::{Message, Notification};
use lsp_types::notification::Notification as _;
use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, PublishDiagnosticsParams, Url,
};

use super::edit::{self, LineIndex};
use super::{lock, Entry, Shared};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::msg;
use crate::overlay::Overlay;
use crate::project::{APP_JSON, PROJECT_CONFIG};

/// How long edits must pause before a re-lint: typing does not lint every keystroke.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// A request to lint again; `rediscover` when projects may have appeared or gone.
pub struct Job {
    pub rediscover: bool,
}

pub struct Worker {
    jobs: Receiver<Job>,
    /// Sends a message to the client; false once the connection is gone.
    out: Box<dyn Fn(Message) -> bool + Send>,
    state: Shared,
    lang: Lang,
    can_create: bool,
    /// The project folders under the workspace folders (`--recursive`'s discovery).
    projects: Vec<PathBuf>,
}

/// Why a run stopped early.
enum Stop {
    /// A newer job arrived: lint again (rediscovering when it or this run asked to).
    Superseded(bool),
    /// The server is shutting down.
    Closed,
}

impl Worker {
    pub fn new(
        jobs: Receiver<Job>,
        sender: impl Fn(Message) -> bool + Send + 'static,
        state: Shared,
        lang: Lang,
        can_create: bool,
    ) -> Worker {
        Worker {
            jobs,
            out: Box::new(sender),
            state,
            lang,
            can_create,
            projects: Vec::new(),
        }
    }

    pub fn run(mut self) {
        let mut pending: Option<bool> = None;
        // The first lint (after `initialize`) does not wait: nothing is being typed yet.
        let mut first = true;
        loop {
            let mut rediscover = match pending.take() {
                Some(r) => r,
                None => match self.jobs.recv() {
                    Ok(j) => j.rediscover,
                    Err(_) => return,
                },
            };
            // Wait for the edits to pause.
            if !first {
                loop {
                    match self.jobs.recv_timeout(DEBOUNCE) {
                        Ok(j) => rediscover |= j.rediscover,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
            }
            first = false;
            match self.lint(rediscover) {
                Ok(()) => {}
                Err(Stop::Superseded(r)) => pending = Some(r),
                Err(Stop::Closed) => return,
            }
        }
    }

    /// A newer job, if one arrived.
    fn superseded(&self, rediscover: bool) -> Result<(), Stop> {
        match self.jobs.try_recv() {
            Ok(j) => {
                let mut r = rediscover | j.rediscover;
                while let Ok(j) = self.jobs.try_recv() {
                    r |= j.rediscover;
                }
                Err(Stop::Superseded(r))
            }
            Err(TryRecvError::Empty) => Ok(()),
            Err(TryRecvError::Disconnected) => Err(Stop::Closed),
        }
    }

    fn lint(&mut self, rediscover: bool) -> Result<(), Stop> {
        let (overlay, open, versions, folders) = {
            let st = lock(&self.state);
            let texts = st
                .docs
                .iter()
                .map(|(p, d)| (p.clone(), d.text.clone()))
                .collect();
            let open: HashMap<PathBuf, Url> = st
                .docs
                .iter()
                .map(|(p, d)| (p.clone(), d.uri.clone()))
                .collect();
            let versions: HashMap<Url, i32> = st
                .docs
                .values()
                .map(|d| (d.uri.clone(), d.version))
                .collect();
            (
                Arc::new(Overlay::new(texts)),
                open,
                versions,
                st.folders.clone(),
            )
        };
        if rediscover || self.projects.is_empty() {
            self.projects = discover(&folders);
        }
        let mut projects = self.projects.clone();
        // A document opened outside every workspace folder: lint the project it belongs to.
        for path in open.keys() {
            if !folders.iter().any(|f| path.starts_with(f)) {
                if let Some(dir) = project_of(path) {
                    if !projects.contains(&dir) {
                        projects.push(dir);
                    }
                }
            }
        }
        let mut files: BTreeMap<PathBuf, Vec<Entry>> = BTreeMap::new();
        for dir in &projects {
            self.superseded(rediscover)?;
            self.lint_project(dir, &overlay, &open, &mut files);
        }
        self.superseded(rediscover)?;
        self.publish(files, &open, &versions);
        Ok(())
    }

    fn lint_project(
        &self,
        dir: &Path,
        overlay: &Arc<Overlay>,
        open: &HashMap<PathBuf, Url>,
        files: &mut BTreeMap<PathBuf, Vec<Entry>>,
    ) {
        let config_file = Config::find(dir);
        let (config, config_errors) = match &config_file {
            None => (Config::default(), Vec::new()),
            Some(f) => match Config::load_in(f, overlay) {
                Ok(c) => (c, Vec::new()),
                // Shown in chattools-lint.json; the project is linted with the defaults.
                Err(errors) => (Config::default(), errors),
            },
        };
        let (project, mut diagnostics) =
            match crate::lint::load_and_lint(dir, overlay.clone(), &config, None) {
                Ok(linted) => linted,
                Err(e) => {
                    eprintln!("chattools-lint lsp: {}", e.message.en);
                    return;
                }
            };
        diagnostics.retain(|d| !d.file.as_ref().is_some_and(|f| config.is_ignored(&f.path)));
        diagnostics.extend(config_errors);
        // The text of a file a fix edits: the diagnostic's own, else the editor's, else disk.
        let mut texts: HashMap<PathBuf, Option<String>> = HashMap::new();
        for d in &diagnostics {
            if let Some(f) = &d.file {
                texts
                    .entry(f.path.clone())
                    .or_insert_with(|| Some(f.text.clone()));
            }
        }
        let mut text_of = |p: &Path| -> Option<String> {
            texts
                .entry(p.to_path_buf())
                .or_insert_with(|| match overlay.get(p) {
                    Some(t) => Some(t.to_string()),
                    None => std::fs::read_to_string(p).ok(),
                })
                .clone()
        };
        let mut disable: HashMap<&'static str, Option<CodeAction>> = HashMap::new();
        for d in diagnostics {
            let path = match &d.file {
                Some(f) => f.path.clone(),
                None => project.app.source.path.clone(),
            };
            let Some(mut entry) = self.entry(&d, open) else {
                continue;
            };
            if let Some(fix) = &d.fix {
                if let Some(edit) = edit::fix_edit(fix, &mut text_of, open) {
                    entry.actions.push(CodeAction {
                        title: fix.title.get(self.lang).to_string(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![entry.diag.clone()]),
                        edit: Some(edit),
                        is_preferred: Some(true),
                        ..Default::default()
                    });
                }
            }
            if crate::rules::find(d.rule).is_some() {
                let action = disable
                    .entry(d.rule)
                    .or_insert_with(|| {
                        self.disable_action(d.rule, dir, config_file.as_deref(), &mut text_of, open)
                    })
                    .clone();
                entry.actions.extend(action.map(|mut a| {
                    a.diagnostics = Some(vec![entry.diag.clone()]);
                    a
                }));
            }
            files.entry(path).or_default().push(entry);
        }
    }

    fn disable_action(
        &self,
        rule: &str,
        dir: &Path,
        config_file: Option<&Path>,
        text_of: &mut dyn FnMut(&Path) -> Option<String>,
        open: &HashMap<PathBuf, Url>,
    ) -> Option<CodeAction> {
        let edit = match config_file {
            Some(path) => {
                let text = text_of(path)?;
                let change = edit::disable_in_config(path, &text, rule)?;
                let uri = edit::uri_for(path, open)?;
                lsp_types::WorkspaceEdit {
                    changes: Some(HashMap::from([(uri, vec![change])])),
                    ..Default::default()
                }
            }
            None if self.can_create => edit::create_config(dir, rule)?,
            None => return None,
        };
        let title = msg!(
            "Disable `{rule}` in chattools-lint.json",
            "在 chattools-lint.json 中关闭 `{rule}`"
        );
        Some(CodeAction {
            title: title.get(self.lang).to_string(),
            kind: Some(CodeActionKind::QUICKFIX),
            edit: Some(edit),
            ..Default::default()
        })
    }

    fn entry(&self, d: &Diagnostic, open: &HashMap<PathBuf, Url>) -> Option<Entry> {
        let lang = self.lang;
        let index = d.file.as_ref().map(|f| LineIndex::new(&f.text));
        let range = match (&index, &d.span) {
            (Some(i), Some(span)) => i.range(span),
            _ => lsp_types::Range::default(),
        };
        let severity = match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
            Severity::Off => return None,
        };
        let mut message = d.message.get(lang).to_string();
        if let Some(label) = &d.span_label {
            message.push_str(&format!(" ({})", label.get(lang)));
        }
        if let Some(help) = &d.help {
            let help = help.get(lang);
            message.push_str(crate::msg!("\nhelp: {help}", "\n提示：{help}").get(lang));
        }
        let related: Vec<DiagnosticRelatedInformation> = match (&index, &d.file) {
            (Some(i), Some(f)) => d
                .labels
                .iter()
                .filter_map(|l| {
                    let uri = edit::uri_for(&f.path, open)?;
                    let text = l
                        .text
                        .clone()
                        .unwrap_or_else(|| msg!("related", "相关位置"));
                    Some(DiagnosticRelatedInformation {
                        location: Location::new(uri, i.range(&l.span)),
                        message: text.get(lang).to_string(),
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        Some(Entry {
            diag: lsp_types::Diagnostic {
                range,
                severity: Some(severity),
                code: (!d.rule.is_empty()).then(|| NumberOrString::String(d.rule.to_string())),
                code_description: d
                    .url
                    .as_deref()
                    .and_then(|u| Url::parse(u).ok())
                    .map(|href| CodeDescription { href }),
                source: Some("chattools-lint".into()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                tags: None,
                data: None,
            },
            rule: d.rule,
            actions: Vec::new(),
        })
    }

    /// Publish every file with diagnostics, and an empty list for each file that had some and
    /// has none now. Unchanged files are not sent again.
    fn publish(
        &self,
        files: BTreeMap<PathBuf, Vec<Entry>>,
        open: &HashMap<PathBuf, Url>,
        versions: &HashMap<Url, i32>,
    ) {
        let mut next: HashMap<Url, Vec<Entry>> = HashMap::new();
        for (path, entries) in files {
            if let Some(uri) = edit::uri_for(&path, open) {
                next.entry(uri).or_default().extend(entries);
            }
        }
        let mut st = lock(&self.state);
        let mut sends = Vec::new();
        for (uri, old) in &st.published {
            if !next.contains_key(uri) && !old.is_empty() {
                sends.push((uri.clone(), Vec::new()));
            }
        }
        for (uri, entries) in &next {
            let diags: Vec<_> = entries.iter().map(|e| e.diag.clone()).collect();
            let unchanged = st.published.get(uri).is_some_and(|old| {
                old.len() == diags.len() && old.iter().zip(&diags).all(|(a, b)| a.diag == *b)
            });
            if !unchanged {
                sends.push((uri.clone(), diags));
            }
        }
        st.published = next;
        drop(st);
        for (uri, diagnostics) in sends {
            let params = PublishDiagnosticsParams {
                version: versions.get(&uri).copied(),
                uri,
                diagnostics,
            };
            let n = Notification::new(
                lsp_types::notification::PublishDiagnostics::METHOD.into(),
                params,
            );
            if !(self.out)(n.into()) {
                return;
            }
        }
    }
}

/// The projects under the workspace folders, found as `--recursive` finds them.
fn discover(folders: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for folder in folders {
        let config = Config::find(folder)
            .and_then(|f| Config::load(&f).ok())
            .map(Arc::new);
        for dir in crate::discover::find_projects(folder, config) {
            if !found.contains(&dir) {
                found.push(dir);
            }
        }
    }
    found
}

/// The project a file belongs to: the nearest folder up with project.config.json, else the
/// nearest with app.json.
fn project_of(path: &Path) -> Option<PathBuf> {
    let mut with_app = None;
    for dir in path.ancestors().skip(1) {
        if dir.join(PROJECT_CONFIG).is_file() {
            return Some(dir.to_path_buf());
        }
        if with_app.is_none() && dir.join(APP_JSON).is_file() {
            with_app = Some(dir.to_path_buf());
        }
    }
    with_app
}
