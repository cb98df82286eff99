//! `chattools-lint lsp`: a language server over stdin/stdout (docs/integrations.md).
//!
//! The main thread reads the client's messages, keeps the open documents' text and answers
//! code-action and hover requests from the last published diagnostics. A worker thread
//! (`worker.rs`) lints: it waits for edits to pause, lints every project with the editor's
//! unsaved text (`crate::overlay`) through the same pipeline as the command line, drops a run
//! that a newer edit has superseded, and publishes. Logs go to stderr only.

mod edit;
mod worker;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};

use lsp_server::{Connection, ErrorCode, Message, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    notification, request, CodeActionKind, CodeActionOptions, CodeActionOrCommand,
    CodeActionParams, CodeActionProviderCapability, HoverContents, HoverParams,
    HoverProviderCapability, InitializeParams, MarkupContent, MarkupKind, Position,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};

use crate::i18n::Lang;

/// Exit codes: a clean `shutdown`+`exit` or end of input, `exit` without `shutdown` (as the
/// protocol asks), a broken connection.
const EXIT_CLEAN: u8 = 0;
const EXIT_NO_SHUTDOWN: u8 = 1;
const EXIT_BROKEN: u8 = 2;

/// What the client showed last for one file, kept for code actions and hover.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub diag: lsp_types::Diagnostic,
    pub rule: &'static str,
    pub actions: Vec<lsp_types::CodeAction>,
}

#[derive(Debug)]
pub(crate) struct Doc {
    pub uri: Url,
    pub version: i32,
    pub text: String,
}

/// What the main thread and the worker share.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Open documents by path.
    pub docs: HashMap<PathBuf, Doc>,
    /// The workspace folders.
    pub folders: Vec<PathBuf>,
    /// The diagnostics last published, by document.
    pub published: HashMap<Url, Vec<Entry>>,
}

pub(crate) type Shared = Arc<Mutex<State>>;

pub(crate) fn lock(state: &Shared) -> MutexGuard<'_, State> {
    // A panic elsewhere must not take the server down with it.
    state.lock().unwrap_or_else(|e| e.into_inner())
}

/// Run the server until `exit` or the end of input; returns the process exit code.
pub fn run(lang: Option<Lang>) -> u8 {
    let (connection, io_threads) = Connection::stdio();
    let code = match serve(&connection, lang) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("chattools-lint lsp: {e}");
            // The reader thread may still be blocked on stdin: do not wait for it.
            return EXIT_BROKEN;
        }
    };
    drop(connection);
    if let Err(e) = io_threads.join() {
        eprintln!("chattools-lint lsp: {e}");
    }
    code
}

fn lang_of_locale(locale: &str) -> Lang {
    if locale.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                // Whole documents: a project lints in milliseconds, so there is nothing to gain
                // from applying incremental edits here.
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(lsp_types::OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}

type Error = Box<dyn std::error::Error + Send + Sync>;

fn serve(connection: &Connection, lang: Option<Lang>) -> Result<u8, Error> {
    let (id, params) = match connection.initialize_start() {
        Ok(x) => x,
        // The input ended before `initialize`: nothing to do.
        Err(e) if e.channel_is_disconnected() => return Ok(EXIT_CLEAN),
        Err(e) => return Err(e.into()),
    };
    let params: InitializeParams = serde_json::from_value(params)?;
    let lang = lang.unwrap_or_else(|| match &params.locale {
        Some(l) => lang_of_locale(l),
        None => Lang::from_env(),
    });
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities(),
            "serverInfo": { "name": "chattools-lint", "version": env!("CARGO_PKG_VERSION") },
        }),
    )?;
    let state: Shared = Arc::default();
    lock(&state).folders = workspace_folders(&params);
    let caps = &params.capabilities;
    let can_create = caps
        .workspace
        .as_ref()
        .and_then(|w| w.workspace_edit.as_ref())
        .and_then(|e| e.resource_operations.as_ref())
        .is_some_and(|ops| ops.contains(&lsp_types::ResourceOperationKind::Create));
    let watch = caps
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);

    let (jobs, job_rx) = mpsc::channel::<worker::Job>();
    let worker = {
        let sender = connection.sender.clone();
        let worker = worker::Worker::new(
            job_rx,
            move |m| sender.send(m).is_ok(),
            state.clone(),
            lang,
            can_create,
        );
        std::thread::Builder::new()
            .name("lint".into())
            .spawn(move || worker.run())?
    };
    let schedule = |rediscover: bool| {
        let _ = jobs.send(worker::Job { rediscover });
    };

    // `initialize_finish` has read the client's `initialized`: lint now.
    if watch {
        register_watchers(connection)?;
    }
    schedule(true);

    let mut shut_down = false;
    let mut code = EXIT_CLEAN;
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if req.method == request::Shutdown::METHOD {
                    shut_down = true;
                    connection
                        .sender
                        .send(Response::new_ok(req.id, ()).into())?;
                    continue;
                }
                if shut_down {
                    let resp = Response::new_err(
                        req.id,
                        ErrorCode::InvalidRequest as i32,
                        "the server is shutting down".into(),
                    );
                    connection.sender.send(resp.into())?;
                    continue;
                }
                let resp = handle_request(&state, lang, req);
                connection.sender.send(resp.into())?;
            }
            Message::Response(_) => {}
            Message::Notification(n) => {
                if n.method == notification::Exit::METHOD {
                    code = if shut_down {
                        EXIT_CLEAN
                    } else {
                        EXIT_NO_SHUTDOWN
                    };
                    break;
                }
                match handle_notification(&state, n) {
                    Some(rediscover) => schedule(rediscover),
                    None => continue,
                }
            }
        }
    }
    drop(jobs);
    if worker.join().is_err() {
        eprintln!("chattools-lint lsp: the lint thread panicked");
    }
    Ok(code)
}

fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().ok())
        .collect();
    #[allow(deprecated)] // rootUri is what older clients send instead of workspaceFolders.
    if folders.is_empty() {
        folders.extend(params.root_uri.as_ref().and_then(|u| u.to_file_path().ok()));
    }
    folders
}

/// Ask the client to tell us when project files change on disk (saved from elsewhere, created,
/// deleted, `git checkout`).
fn register_watchers(connection: &Connection) -> Result<(), Error> {
    let glob = |g: &str| lsp_types::FileSystemWatcher {
        glob_pattern: lsp_types::GlobPattern::String(g.to_string()),
        kind: None,
    };
    let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![
            glob("**/*.json"),
            glob("**/*.{js,ts,mjs,cjs,wxs,wxml,wxss,less,scss,sass}"),
        ],
    };
    let params = lsp_types::RegistrationParams {
        registrations: vec![lsp_types::Registration {
            id: "chattools-lint-watch".into(),
            method: notification::DidChangeWatchedFiles::METHOD.into(),
            register_options: Some(serde_json::to_value(options)?),
        }],
    };
    let req = Request::new(
        "chattools-lint/register-watchers".to_string().into(),
        request::RegisterCapability::METHOD.into(),
        params,
    );
    connection.sender.send(req.into())?;
    Ok(())
}

/// Update the state; `Some(rediscover)` when the projects must be linted again.
fn handle_notification(state: &Shared, n: lsp_server::Notification) -> Option<bool> {
    use lsp_types::notification::*;
    fn parse<N: Notification>(n: lsp_server::Notification) -> Option<N::Params> {
        match serde_json::from_value(n.params) {
            Ok(p) => Some(p),
            Err(e) => {
                eprintln!("chattools-lint lsp: bad {} notification: {e}", N::METHOD);
                None
            }
        }
    }
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let p = parse::<DidOpenTextDocument>(n)?;
            let path = p.text_document.uri.to_file_path().ok()?;
            let doc = Doc {
                uri: p.text_document.uri,
                version: p.text_document.version,
                text: p.text_document.text,
            };
            lock(state).docs.insert(path, doc);
            Some(false)
        }
        DidChangeTextDocument::METHOD => {
            let p = parse::<DidChangeTextDocument>(n)?;
            let path = p.text_document.uri.to_file_path().ok()?;
            // Full sync: the last change holds the whole text.
            let text = p.content_changes.into_iter().last()?.text;
            let mut st = lock(state);
            let doc = st.docs.entry(path).or_insert_with(|| Doc {
                uri: p.text_document.uri.clone(),
                version: 0,
                text: String::new(),
            });
            doc.version = p.text_document.version;
            doc.text = text;
            Some(false)
        }
        DidCloseTextDocument::METHOD => {
            let p = parse::<DidCloseTextDocument>(n)?;
            let path = p.text_document.uri.to_file_path().ok()?;
            lock(state).docs.remove(&path);
            Some(false)
        }
        // The disk changed: read it again, and look for projects created or removed.
        DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => Some(true),
        DidChangeWorkspaceFolders::METHOD => {
            let p = parse::<DidChangeWorkspaceFolders>(n)?;
            let mut st = lock(state);
            for f in p.event.removed {
                if let Ok(path) = f.uri.to_file_path() {
                    st.folders.retain(|x| *x != path);
                }
            }
            for f in p.event.added {
                if let Ok(path) = f.uri.to_file_path() {
                    st.folders.push(path);
                }
            }
            Some(true)
        }
        DidChangeConfiguration::METHOD => Some(false),
        _ => None,
    }
}

fn handle_request(state: &Shared, lang: Lang, req: Request) -> Response {
    let id = req.id.clone();
    let result = match req.method.as_str() {
        request::CodeActionRequest::METHOD => {
            serde_json::from_value::<CodeActionParams>(req.params)
                .map(|p| serde_json::to_value(code_actions(state, &p)))
        }
        request::HoverRequest::METHOD => serde_json::from_value::<HoverParams>(req.params)
            .map(|p| serde_json::to_value(hover(state, lang, &p))),
        _ => {
            return Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("unsupported request {}", req.method),
            )
        }
    };
    match result {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err(e)) | Err(e) => {
            Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string())
        }
    }
}

fn before(a: Position, b: Position) -> bool {
    (a.line, a.character) < (b.line, b.character)
}

fn code_actions(state: &Shared, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let st = lock(state);
    let Some(entries) = st.published.get(&p.text_document.uri) else {
        return Vec::new();
    };
    let want_quickfix = p.context.only.as_ref().is_none_or(|kinds| {
        kinds
            .iter()
            .any(|k| k.as_str() == "quickfix" || k.as_str().is_empty())
    });
    if !want_quickfix {
        return Vec::new();
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for e in entries {
        let r = e.diag.range;
        if before(r.end, p.range.start) || before(p.range.end, r.start) {
            continue;
        }
        for a in &e.actions {
            // One "disable rule" action for several diagnostics of the rule.
            if seen.insert(a.title.clone()) {
                out.push(CodeActionOrCommand::CodeAction(a.clone()));
            }
        }
    }
    out
}

fn hover(state: &Shared, lang: Lang, p: &HoverParams) -> Option<lsp_types::Hover> {
    let pos = p.text_document_position_params.position;
    let st = lock(state);
    let entries = st
        .published
        .get(&p.text_document_position_params.text_document.uri)?;
    let mut rules: Vec<&'static str> = Vec::new();
    let mut range = None;
    for e in entries {
        let r = e.diag.range;
        if before(pos, r.start) || before(r.end, pos) || rules.contains(&e.rule) {
            continue;
        }
        if crate::rules::find(e.rule).is_some() {
            rules.push(e.rule);
            range.get_or_insert(r);
        }
    }
    if rules.is_empty() {
        return None;
    }
    let text = rules
        .iter()
        .filter_map(|id| crate::rules::find(id))
        .map(|rule| crate::run::explain_text(rule, lang))
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    Some(lsp_types::Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range,
    })
}
