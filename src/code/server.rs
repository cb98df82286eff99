//! The server-code index: the project's server code (the folder project.config.json's
//! `cloudfunctionRoot` names, and the files the configuration's `server` globs match), parsed
//! with the same parser as the package code, and the chat-tool message payloads found in it.
//! Facts only: this module returns values and never reports.
//!
//! Confinement: only files inside the project folder are read; links are not followed;
//! `node_modules` folders are skipped (third-party code).
//!
//! A payload is the literal body of setChatToolMsg: the argument of
//! `cloud.openapi.chattoolmsg.send(…)` (also through `const { chattoolmsg } = cloud.openapi`),
//! or the body sent to a URL containing `/cgi-bin/message/wxopen/chattoolmsg/send` (axios,
//! fetch, got, request, …: any call whose first argument is that URL or an options object
//! with that `url`). A body named by a `const` in the same file is followed.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_span::GetSpan;

use super::js::{lit, range, Lit, LitKind, SyntaxError};
use super::MAX_SOURCE_BYTES;
use globset::GlobSet;

use crate::cache::record;

use crate::diagnostic::SourceFile;
use crate::project::{confine, Project};

/// The path of setChatToolMsg on api.weixin.qq.com.
pub const CHATTOOLMSG_PATH: &str = "/cgi-bin/message/wxopen/chattoolmsg/send";

/// At most this many server files are read (a folder of generated code is not hand code).
const MAX_FILES: usize = 2000;

#[derive(Debug, Default)]
pub struct ServerCode {
    pub files: Vec<ServerFile>,
}

#[derive(Debug)]
pub struct ServerFile {
    pub source: Arc<SourceFile>,
    pub syntax: Option<SyntaxError>,
    pub payloads: Vec<Payload>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// `cloud.openapi.chattoolmsg.send`
    Cloud,
    /// An HTTP request to the API's URL.
    Http,
}

#[derive(Debug)]
pub struct Payload {
    pub via: Via,
    /// The call (its callee) that sends it.
    pub call: Range<usize>,
    /// The body, when it is an object literal (possibly `open`).
    pub body: Option<Lit>,
}

fn is_source(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !name.ends_with(".d.ts")
        && matches!(
            name.rsplit_once('.').map(|(_, e)| e),
            Some("js" | "ts" | "mjs" | "cjs")
        )
}

/// Regular files under `dir`, without following links or entering `node_modules` or hidden
/// folders. Every listing goes through the cache's recorder, so a changed cloud function is seen.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    if !record::is_dir(dir) {
        return;
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(mut entries) = record::list(&d) else {
            continue;
        };
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, kind) in entries {
            if out.len() >= MAX_FILES {
                return;
            }
            let hidden = name.as_encoded_bytes().first() == Some(&b'.');
            let path = d.join(&name);
            match kind {
                Some(t) if t.is_dir() && !hidden && name != "node_modules" => stack.push(path),
                Some(t) if t.is_file() && !hidden && is_source(&path) => out.push(path),
                _ => {}
            }
        }
    }
}

/// The server files of a project: under `cloudfunctionRoot`, and matching `server`.
/// The configuration's `server` globs, relative to the configuration file's folder.
#[derive(Debug, Default, Clone)]
pub struct ServerGlobs {
    /// The folder the patterns are relative to.
    pub base: Option<PathBuf>,
    /// The patterns as written.
    pub patterns: Vec<String>,
    pub set: Option<GlobSet>,
}

impl ServerGlobs {
    /// Whether a file matches a `server` pattern.
    pub fn is_server_file(&self, path: &Path) -> bool {
        let (Some(set), Some(base)) = (&self.set, &self.base) else {
            return false;
        };
        match path.strip_prefix(base) {
            Ok(rel) => set.is_match(rel.to_string_lossy().replace('\\', "/")),
            Err(_) => false,
        }
    }

    /// The folders where `server` files can be: each pattern's part before its first wildcard.
    pub fn roots(&self) -> Vec<PathBuf> {
        let Some(base) = &self.base else {
            return Vec::new();
        };
        self.patterns
            .iter()
            .map(|p| {
                let p = p.trim().trim_start_matches("./");
                let fixed: Vec<&str> = p
                    .split('/')
                    .take_while(|c| !c.contains(['*', '?', '[', '{']))
                    .collect();
                base.join(fixed.join("/"))
            })
            .collect()
    }
}

pub fn files(project: &Project, globs: &ServerGlobs) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if let Some(rel) = project
        .config_for("/cloudfunctionRoot")
        .and_then(|(_, v)| v.as_str())
        .map(|s| s.trim().trim_end_matches('/'))
        .filter(|s| !s.is_empty())
    {
        if let Ok(dir) = confine::confine(&project.dir, rel) {
            walk(&dir, &mut found);
        }
    }
    let mut matched = Vec::new();
    for root in globs.roots() {
        walk(&root, &mut matched);
    }
    found.extend(matched.into_iter().filter(|p| globs.is_server_file(p)));
    let mut seen = HashSet::new();
    found.retain(|p| confine::is_inside(&project.dir, p) && seen.insert(p.clone()));
    found.sort();
    found
}

/// Read and index the server code.
pub fn scan(project: &Project, globs: &ServerGlobs) -> ServerCode {
    let mut code = ServerCode::default();
    let mut allocator = Allocator::default();
    for path in files(project, globs) {
        let record::ReadOutcome::Bytes(bytes) = record::read(&path, MAX_SOURCE_BYTES) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        allocator.reset();
        let (syntax, payloads) = {
            let (ret, syntax) = super::js::parse(&path, &text, &allocator);
            let mut v = Finder::default();
            if !ret.panicked {
                v.visit_program(&ret.program);
            }
            (syntax, v.finish())
        };
        code.files.push(ServerFile {
            source: Arc::new(SourceFile::new(path, text)),
            syntax,
            payloads,
        });
    }
    code
}

/// Where a body is: a literal, or a name to look up once the file is read.
enum Body {
    Lit(Lit),
    Name(String),
    Unknown,
}

#[derive(Default)]
struct Finder {
    /// Known string constants (`const URL = '…'`).
    strings: HashMap<String, String>,
    /// Object literals bound by a declaration, by name; `None` when declared more than once.
    objects: HashMap<String, Option<Lit>>,
    /// Local names of `cloud.openapi.chattoolmsg`.
    chattoolmsg: HashSet<String>,
    found: Vec<(Via, Range<usize>, Body)>,
}

impl Finder {
    fn finish(self) -> Vec<Payload> {
        let objects = self.objects;
        self.found
            .into_iter()
            .map(|(via, call, body)| Payload {
                via,
                call,
                body: match body {
                    Body::Lit(l) => Some(l),
                    Body::Name(n) => objects.get(&n).cloned().flatten(),
                    Body::Unknown => None,
                }
                .filter(|l| l.as_object().is_some()),
            })
            .collect()
    }

    /// The text of a URL expression as far as it is known (unknown parts dropped).
    fn url_text(&self, e: &Expression, depth: usize) -> String {
        if depth > 8 {
            return String::new();
        }
        match e.get_inner_expression() {
            Expression::StringLiteral(s) => s.value.to_string(),
            Expression::Identifier(id) => self
                .strings
                .get(id.name.as_str())
                .cloned()
                .unwrap_or_default(),
            Expression::TemplateLiteral(t) => {
                let mut out = String::new();
                for (i, q) in t.quasis.iter().enumerate() {
                    out.push_str(q.value.cooked.unwrap_or(q.value.raw).as_str());
                    if let Some(e) = t.expressions.get(i) {
                        out.push_str(&self.url_text(e, depth + 1));
                    }
                }
                out
            }
            Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition => {
                self.url_text(&b.left, depth + 1) + &self.url_text(&b.right, depth + 1)
            }
            _ => String::new(),
        }
    }

    fn is_api_url(&self, e: &Expression) -> bool {
        self.url_text(e, 0).contains(CHATTOOLMSG_PATH)
    }

    /// `cloud.openapi.chattoolmsg` or a local name of it.
    fn is_chattoolmsg(&self, e: &Expression) -> bool {
        match e.get_inner_expression() {
            Expression::Identifier(id) => self.chattoolmsg.contains(id.name.as_str()),
            e => e
                .as_member_expression()
                .is_some_and(|m| m.static_property_name() == Some("chattoolmsg")),
        }
    }
}

/// A body expression: an object literal, `JSON.stringify(x)`, or a name.
fn body_of(e: &Expression) -> Body {
    match e.get_inner_expression() {
        Expression::ObjectExpression(_) => Body::Lit(lit(e, 0)),
        Expression::Identifier(id) => Body::Name(id.name.to_string()),
        Expression::CallExpression(c)
            if c.callee
                .get_inner_expression()
                .as_member_expression()
                .is_some_and(|m| m.static_property_name() == Some("stringify")) =>
        {
            match c.arguments.first().and_then(Argument::as_expression) {
                Some(a) => body_of(a),
                None => Body::Unknown,
            }
        }
        _ => Body::Unknown,
    }
}

/// The body inside request options: `json`, else `body`, else `data`.
fn body_in_options(o: &ObjectExpression) -> Option<Body> {
    for key in ["json", "body", "data"] {
        for p in &o.properties {
            if let ObjectPropertyKind::ObjectProperty(p) = p {
                if p.key.is_specific_static_name(key) {
                    // `json: true` (request) means "the body is JSON", not the body.
                    if matches!(p.value, Expression::BooleanLiteral(_)) {
                        continue;
                    }
                    return Some(body_of(&p.value));
                }
            }
        }
    }
    None
}

impl<'a> Visit<'a> for Finder {
    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let Some(init) = &it.init {
            match &it.id {
                BindingPattern::BindingIdentifier(id) => {
                    let name = id.name.to_string();
                    match init.get_inner_expression() {
                        Expression::StringLiteral(_) | Expression::TemplateLiteral(_) => {
                            let text = self.url_text(init, 0);
                            self.strings.insert(name, text);
                        }
                        Expression::ObjectExpression(_) => {
                            let value = lit(init, 0);
                            self.objects
                                .entry(name)
                                .and_modify(|v| *v = None)
                                .or_insert(Some(value));
                        }
                        e if self.is_chattoolmsg(e) => {
                            self.chattoolmsg.insert(name);
                        }
                        _ => {}
                    }
                }
                // const { chattoolmsg } = cloud.openapi
                BindingPattern::ObjectPattern(p) => {
                    let from_openapi = init
                        .get_inner_expression()
                        .as_member_expression()
                        .is_some_and(|m| m.static_property_name() == Some("openapi"));
                    if from_openapi {
                        for prop in &p.properties {
                            if let (Some("chattoolmsg"), BindingPattern::BindingIdentifier(local)) =
                                (prop.key.static_name().as_deref(), &prop.value)
                            {
                                self.chattoolmsg.insert(local.name.to_string());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let callee = it.callee.get_inner_expression();
        let args: Vec<&Expression> = it
            .arguments
            .iter()
            .filter_map(Argument::as_expression)
            .collect();
        let cloud_send = callee.as_member_expression().is_some_and(|m| {
            m.static_property_name() == Some("send") && self.is_chattoolmsg(m.object())
        });
        if cloud_send {
            let body = args.first().map_or(Body::Unknown, |a| body_of(a));
            self.found.push((Via::Cloud, range(callee.span()), body));
        } else if let Some(first) = args.first() {
            match first.get_inner_expression() {
                // axios({ url, data }), request({ url, json }), got({ url, json })
                Expression::ObjectExpression(o) => {
                    let url = o.properties.iter().find_map(|p| match p {
                        ObjectPropertyKind::ObjectProperty(p)
                            if p.key.is_specific_static_name("url") =>
                        {
                            Some(&p.value)
                        }
                        _ => None,
                    });
                    if url.is_some_and(|u| self.is_api_url(u)) {
                        let body = body_in_options(o).unwrap_or(Body::Unknown);
                        self.found.push((Via::Http, range(callee.span()), body));
                    }
                }
                // axios.post(url, body), fetch(url, { body }), got.post(url, { json })
                e if self.is_api_url(e) => {
                    let body = match args.get(1).map(|a| a.get_inner_expression()) {
                        Some(Expression::ObjectExpression(o)) => {
                            body_in_options(o).unwrap_or_else(|| body_of(args[1]))
                        }
                        Some(e) => body_of(e),
                        None => Body::Unknown,
                    };
                    self.found.push((Via::Http, range(callee.span()), body));
                }
                _ => {}
            }
        }
        walk::walk_call_expression(self, it);
    }
}

/// Literal `updateShareMenu({ templateInfo: { templateId } })` values of the client code.
pub fn client_template_ids(code: &super::PackageCode) -> Vec<(String, PathBuf, Range<usize>)> {
    let mut out = Vec::new();
    for file in code.own_js() {
        for call in &file.facts.calls {
            if call.api != "updateShareMenu" {
                continue;
            }
            let id = call
                .arg
                .as_ref()
                .and_then(Lit::as_object)
                .and_then(|o| o.get("templateInfo"))
                .and_then(|p| p.value.as_object())
                .and_then(|t| t.get("templateId"));
            if let Some(p) = id {
                if let LitKind::Str(s) = &p.value.kind {
                    out.push((s.clone(), file.source.path.clone(), p.value.span.clone()));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payloads(src: &str) -> Vec<Payload> {
        let allocator = Allocator::default();
        let (ret, _) = super::super::js::parse(Path::new("a.js"), src, &allocator);
        let mut v = Finder::default();
        v.visit_program(&ret.program);
        v.finish()
    }

    #[test]
    fn finds_every_form() {
        let src = r#"
const cloud = require('wx-server-sdk')
const { chattoolmsg } = cloud.openapi
const API = 'https://api.weixin.qq.com/cgi-bin/message/wxopen/chattoolmsg/send'
const body = { activity_id: 'a', target_state: 2, version_type: 0 }
exports.main = async () => {
  await cloud.openapi.chattoolmsg.send({ activity_id: 'a' })
  await chattoolmsg.send(body)
  await axios.post(`${API}?access_token=${token}`, body)
  await fetch(API + '?access_token=' + token, { method: 'POST', body: JSON.stringify({ activity_id: 'b' }) })
  await got.post(API, { json: { activity_id: 'c' } })
  await request({ url: API, method: 'POST', json: true, body: { activity_id: 'd' } })
  await axios.post('https://api.weixin.qq.com/cgi-bin/message/wxopen/updatablemsg/send', body)
  await axios.post(API, other)
}
"#;
        let p = payloads(src);
        let ids: Vec<Option<String>> = p
            .iter()
            .map(|p| {
                p.body.as_ref().and_then(|b| {
                    b.as_object()?
                        .get("activity_id")?
                        .value
                        .as_str()
                        .map(String::from)
                })
            })
            .collect();
        let s = |x: &str| Some(x.to_string());
        assert_eq!(ids, [s("a"), s("a"), s("a"), s("b"), s("c"), s("d"), None]);
        assert_eq!(p[0].via, Via::Cloud);
        assert_eq!(p[2].via, Via::Http);
    }
}
