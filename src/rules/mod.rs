//! The rule registry and the context rules run in. A rule lives in one file with its
//! documentation beside it (`name.md`); rules never print and never decide their severity.

pub mod app;
pub mod chat_tools;
pub mod code;
pub mod json;
pub mod page_config;
pub mod privacy;
pub mod schema;
pub mod skyline;
pub mod subpackages;
pub mod version;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::json::{JsonFile, ReadIssue};
use crate::msg;
use crate::project::{AppModel, Project};

/// Where rule documentation is published; each rule's page is `{DOCS_BASE}/{group}/{name}.md`.
pub const DOCS_BASE: &str = "https://github.com/chattools-lint/chattools-lint/blob/main/docs/rules";

pub struct Rule {
    /// Stable id, `group/name`, as in the rule catalogue.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line: English, Chinese.
    pub summary: (&'static str, &'static str),
    /// Markdown: what it checks, why, an invalid and a valid example (see docs/CONTRIBUTING.md).
    pub docs: &'static str,
    pub check: fn(&mut LintContext),
}

impl Rule {
    pub fn url(&self) -> String {
        format!("{DOCS_BASE}/{}.md", self.id)
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

/// For rules whose diagnostics come from a shared step (reading JSON, the schema).
pub fn reported_elsewhere(_: &mut LintContext) {}

/// Every rule, in catalogue order.
pub static RULES: &[&Rule] = &[
    &json::syntax::RULE,
    &json::duplicate_key::RULE,
    &schema::r#type::RULE,
    &schema::required::RULE,
    &schema::unknown_key::RULE,
    &schema::r#enum::RULE,
    &chat_tools::too_many::RULE,
    &chat_tools::unknown_root::RULE,
    &chat_tools::not_independent::RULE,
    &chat_tools::entry_page::RULE,
    &chat_tools::not_skyline::RULE,
    &chat_tools::package_size::RULE,
    &chat_tools::desc::RULE,
    &chat_tools::unknown_scope::RULE,
    &chat_tools::scope_mismatch::RULE,
    &chat_tools::base_library::RULE,
    &chat_tools::skyline_ab_test::RULE,
    // The code of the chat-tool package.
    &code::syntax::RULE,
    &chat_tools::forbidden_api::RULE,
    &chat_tools::forbidden_component::RULE,
    &chat_tools::share_handler::RULE,
    &chat_tools::navigate_outside::RULE,
    &chat_tools::outside_reference::RULE,
    &chat_tools::global_component::RULE,
    &chat_tools::api_arguments::RULE,
    &subpackages::too_many::RULE,
    &subpackages::both_spellings::RULE,
    &subpackages::invalid_root::RULE,
    &subpackages::duplicate_root::RULE,
    &subpackages::nested_root::RULE,
    &subpackages::root_not_dir::RULE,
    &subpackages::duplicate_page::RULE,
    &subpackages::missing_page::RULE,
    &subpackages::main_page_inside::RULE,
    &app::entry_page_path::RULE,
    &skyline::lazy_code_loading::RULE,
    &skyline::renderer_options::RULE,
    &skyline::glass_easel::RULE,
    &skyline::navigation_style::RULE,
    &skyline::webview_component::RULE,
    &skyline::unsupported_component::RULE,
    &privacy::location_exclusive::RULE,
    &privacy::undeclared_location_api::RULE,
    &privacy::permission_desc::RULE,
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// The context a rule runs in: the project, the configuration, and where diagnostics go.
pub struct LintContext<'p> {
    pub project: &'p Project,
    pub config: &'p Config,
    rule: Option<&'static Rule>,
    diagnostics: Vec<Diagnostic>,
    json_cache: HashMap<PathBuf, Option<Arc<JsonFile>>>,
    /// The chat-tool package's code, scanned once on first use (`package_code`).
    package_code: Option<Option<Arc<crate::code::PackageCode>>>,
    /// What WeChat would upload of the chat-tool package, walked once (`chat_tool_estimate`).
    chat_estimate: Option<Arc<crate::package::Estimate>>,
}

impl<'p> LintContext<'p> {
    pub fn new(project: &'p Project, config: &'p Config) -> LintContext<'p> {
        LintContext {
            project,
            config,
            rule: None,
            diagnostics: Vec::new(),
            json_cache: HashMap::new(),
            package_code: None,
            chat_estimate: None,
        }
    }

    pub fn model(&self) -> &'p AppModel {
        &self.project.model
    }

    pub fn app(&self) -> &'p JsonFile {
        &self.project.app
    }

    /// Report a diagnostic of the rule that is running.
    pub fn report(&mut self, d: Diagnostic) {
        let rule = self.rule.expect("report() outside a rule's check");
        self.report_for(rule, d);
    }

    /// Report a diagnostic of a given rule (from shared steps such as JSON reading).
    pub fn report_for(&mut self, rule: &'static Rule, mut d: Diagnostic) {
        let mut severity = self.config.severity(rule);
        if severity == Severity::Off {
            return;
        }
        if let Some(cap) = d.severity_cap {
            severity = severity.min(cap.max(Severity::Info));
        }
        d.rule = rule.id;
        d.severity = severity;
        d.url = Some(rule.url());
        self.diagnostics.push(d);
    }

    /// Whether a rule is on (to skip expensive work).
    pub fn enabled(&self, rule: &Rule) -> bool {
        self.config.severity(rule) != Severity::Off
    }

    /// Report what reading a JSON file found (`json/syntax`, `json/duplicate-key`).
    pub fn report_read_issues(&mut self, file: &JsonFile) {
        for issue in &file.issues {
            match issue {
                ReadIssue::Syntax {
                    span,
                    message,
                    help,
                } => {
                    let mut d = Diagnostic::new(message.clone()).at(&file.source, span.clone());
                    if let Some(h) = help {
                        d = d.help(h.clone());
                    }
                    self.report_for(&json::syntax::RULE, d);
                }
                ReadIssue::DuplicateKey {
                    pointer,
                    first,
                    second,
                    key,
                } => {
                    let d = Diagnostic::new(msg!(
                        "duplicate key `{key}`: the last one wins",
                        "重复的键 `{key}`：以最后一个为准"
                    ))
                    .at(&file.source, second.clone())
                    .pointer(pointer.clone())
                    .span_label(msg!("this value is used", "生效的是这里"))
                    .label(
                        first.clone(),
                        Some(msg!("first defined here, ignored", "首次定义于此，被忽略")),
                    )
                    .help(msg!(
                        "remove one of the two `{key}` keys",
                        "删除两个 `{key}` 中的一个"
                    ));
                    self.report_for(&json::duplicate_key::RULE, d);
                }
            }
        }
    }

    /// Read a JSON file (page or component .json), once; reports its read issues on first read.
    /// `None` when it does not exist, cannot be read, or lies outside miniprogramRoot.
    pub fn json(&mut self, path: &Path) -> Option<Arc<JsonFile>> {
        if let Some(cached) = self.json_cache.get(path) {
            return cached.clone();
        }
        // Never read outside miniprogramRoot (a `../` path, a symlink to elsewhere).
        if !self.project.contains(path) {
            self.json_cache.insert(path.to_path_buf(), None);
            return None;
        }
        let file = JsonFile::read_in(path, &self.project.overlay)
            .ok()
            .map(Arc::new);
        if let Some(f) = &file {
            self.report_read_issues(f);
        }
        self.json_cache.insert(path.to_path_buf(), file.clone());
        file
    }

    /// The `.json` of a page given relative to miniprogramRoot (`pkg/pages/a/index`).
    pub fn page_json(&mut self, page: &str) -> Option<Arc<JsonFile>> {
        let path = self.project.path(&format!("{page}.json"));
        self.json(&path)
    }

    /// The chat-tool package's code (JS/TS, WXML, WXSS, page and component .json), scanned and
    /// parsed once per run and shared by the code rules. `None` without a chat-tool package.
    pub fn package_code(&mut self) -> Option<Arc<crate::code::PackageCode>> {
        if let Some(code) = &self.package_code {
            return code.clone();
        }
        let code = crate::code::scan(self).map(Arc::new);
        self.package_code = Some(code.clone());
        code
    }

    /// The upload estimate of the chat-tool package: one walk per run, shared by
    /// `chat-tools/package-size` and the code scan (which reads exactly the files uploaded).
    pub fn chat_tool_estimate(&mut self) -> Arc<crate::package::Estimate> {
        self.chat_estimate
            .get_or_insert_with(|| {
                Arc::new(crate::package::estimate(
                    self.project,
                    crate::package::Scope::ChatTool,
                ))
            })
            .clone()
    }

    pub(crate) fn run_rule(&mut self, rule: &'static Rule) {
        if !self.enabled(rule) {
            return;
        }
        self.rule = Some(rule);
        (rule.check)(self);
        self.rule = None;
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// The closest candidate by edit distance, when close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance on characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// What rule files import.
pub mod prelude {
    pub use super::{closest, LintContext, Rule};
    pub use crate::diagnostic::{Diagnostic, Severity};
    pub use crate::i18n::Msg;
    pub use crate::msg;
}
