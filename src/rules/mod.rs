//! The rule registry and the context rules run in. A rule lives in one file with its
//! documentation beside it (`name.md`); rules never print and never decide their severity.

pub mod app;
pub mod chat_tools;
pub mod code;
pub mod json;
pub mod privacy;
pub mod schema;
pub mod server;
pub mod skyline;
pub mod subpackages;
pub mod taro;
pub mod uni_app;
pub mod version;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::facts::Facts;
use crate::i18n::Lang;
use crate::json::JsonFile;
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
    /// The same documentation in Chinese (`## 检查内容`, `## 原因`, `## 错误示例`, `## 正确示例`),
    /// with the same examples byte for byte.
    pub docs_zh: &'static str,
    pub check: fn(&mut LintContext),
    /// Whether the rule attaches fixes to (some of) its diagnostics.
    pub fixable: bool,
    /// The rule's options, when it takes any (see [`RuleOptions`]).
    pub options: Option<&'static dyn RuleOptions>,
}

impl Rule {
    /// The fields most rules leave as they are: `..Rule::DEFAULT`.
    pub const DEFAULT: Rule = Rule {
        id: "",
        default_severity: Severity::Error,
        summary: ("", ""),
        docs: "",
        docs_zh: "",
        check: |_| {},
        fixable: false,
        options: None,
    };
}

/// A rule's options: a serde struct with defaults, declared in the rule's file and named in its
/// declaration as `options: Some(&Options::<MyOptions>::DECLARE)`. The configuration's JSON
/// Schema and the option checks of `chattools-lint.json` are generated from the struct.
pub trait RuleOptions: Sync {
    /// The JSON Schema of the options object.
    fn schema(&self) -> Value;
}

/// The [`RuleOptions`] of a struct `T`.
pub struct Options<T>(std::marker::PhantomData<fn() -> T>);

impl<T> Options<T> {
    pub const DECLARE: Options<T> = Options(std::marker::PhantomData);
}

impl<T: schemars::JsonSchema> RuleOptions for Options<T> {
    fn schema(&self) -> Value {
        let settings = schemars::generate::SchemaSettings::draft07().for_deserialize();
        let mut schema =
            serde_json::to_value(settings.into_generator().into_root_schema_for::<T>())
                .unwrap_or_default();
        if let Some(o) = schema.as_object_mut() {
            o.remove("$schema");
            o.remove("title");
        }
        schema
    }
}

impl Rule {
    /// The one-line summary in `lang`.
    pub fn summary(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.summary.0,
            Lang::Zh => self.summary.1,
        }
    }

    /// The documentation in `lang` (English when there is no Chinese text).
    pub fn docs(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh if !self.docs_zh.is_empty() => self.docs_zh,
            _ => self.docs,
        }
    }

    pub fn url(&self) -> String {
        format!("{DOCS_BASE}/{}.md", self.id)
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

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
    &chat_tools::missing_module::RULE,
    &chat_tools::outside_asset::RULE,
    &chat_tools::independent_runtime::RULE,
    &chat_tools::api_version::RULE,
    &chat_tools::tap_only::RULE,
    // The server side of dynamic messages.
    &server::chattoolmsg::RULE,
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
    // Framework sources that build to app.json.
    &uni_app::dropped_key::RULE,
    &taro::dynamic_config::RULE,
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// What the configuration says about rules: severities and options by rule id. Built by
/// `crate::config` (which reads the user's file); rules only read it.
#[derive(Debug, Default, Clone)]
pub struct RuleSettings {
    /// Severity overrides by rule id.
    pub severities: HashMap<String, Severity>,
    /// Options by rule id: an object per rule.
    pub options: HashMap<String, Value>,
}

impl RuleSettings {
    /// The severity a rule's diagnostics get: configured, else the rule's default.
    pub fn severity(&self, rule: &Rule) -> Severity {
        self.severities
            .get(rule.id)
            .copied()
            .unwrap_or(rule.default_severity)
    }
}

/// The context a rule runs in: the facts it looks things up in, the rule settings, and where
/// its diagnostics go.
pub struct LintContext<'f, 'p> {
    pub project: &'p Project,
    pub facts: &'f Facts<'p>,
    pub settings: &'f RuleSettings,
    rule: Option<&'static Rule>,
    diagnostics: Vec<Diagnostic>,
}

impl<'f, 'p> LintContext<'f, 'p> {
    pub fn new(facts: &'f Facts<'p>, settings: &'f RuleSettings) -> LintContext<'f, 'p> {
        LintContext {
            project: facts.project,
            facts,
            settings,
            rule: None,
            diagnostics: Vec::new(),
        }
    }

    pub fn model(&self) -> &'p AppModel {
        &self.project.model
    }

    pub fn app(&self) -> &'p JsonFile {
        &self.project.app
    }

    /// Report a diagnostic of the rule that is running: the context stamps its id, configured
    /// severity and docs url.
    pub fn report(&mut self, mut d: Diagnostic) {
        let rule = self.rule.expect("report() outside a rule's check");
        let mut severity = self.settings.severity(rule);
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

    /// The running rule's options as configured, defaults for what is not (the configuration
    /// was checked against the options' schema when it was read).
    pub fn options<T: serde::de::DeserializeOwned + Default>(&self) -> T {
        let rule = self.rule.expect("options() outside a rule's check");
        self.settings
            .options
            .get(rule.id)
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    }

    /// Whether a rule is on (to skip expensive work).
    pub fn enabled(&self, rule: &Rule) -> bool {
        self.settings.severity(rule) != Severity::Off
    }

    /// A page or component `.json`, read once ([`Facts::json`]).
    pub fn json(&self, path: &Path) -> Option<Arc<JsonFile>> {
        self.facts.json(path)
    }

    /// The `.json` of a page given relative to miniprogramRoot ([`Facts::page_json`]).
    pub fn page_json(&self, page: &str) -> Option<Arc<JsonFile>> {
        self.facts.page_json(page)
    }

    /// The chat-tool package's code ([`Facts::package_code`]).
    pub fn package_code(&self) -> Option<Arc<crate::code::PackageCode>> {
        self.facts.package_code()
    }

    /// The upload estimate of the chat-tool package ([`Facts::chat_tool_estimate`]).
    pub fn chat_tool_estimate(&self) -> Arc<crate::package::Estimate> {
        self.facts.chat_tool_estimate()
    }

    /// The project's server code ([`Facts::server_code`]).
    pub fn server_code(&self) -> Arc<crate::code::server::ServerCode> {
        self.facts.server_code()
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
    let len = word.chars().count();
    let limit = (len / 3).max(2);
    candidates
        .into_iter()
        // The distance is at least the difference in length: skip the hopeless ones unmeasured.
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance on characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// What rule files import.
pub mod prelude {
    pub use super::{closest, LintContext, Options, Rule};
    pub use crate::diagnostic::{Diagnostic, Fix, Severity};
    pub use crate::i18n::Msg;
    pub use crate::json::edit;
    pub use crate::msg;
}

#[cfg(test)]
mod tests {
    use super::{closest, edit_distance};

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("分包", "分包"), 0);
        assert_eq!(edit_distance("chatTools", "chatTool"), 1);
    }

    #[test]
    fn closest_keeps_a_candidate_exactly_at_the_limit_and_skips_the_rest() {
        // "subpackages" (11 chars): limit 3; "subPackages" is 1 away, "pages" 6 (length
        // difference alone).
        let candidates = ["pages", "subPackages", "sub"];
        assert_eq!(closest("subpackages", candidates), Some("subPackages"));
        // Length difference exactly the limit (2 for short words): still measured.
        assert_eq!(closest("ab", ["abcd"]), Some("abcd"));
        assert_eq!(closest("ab", ["abcde"]), None);
        // The first of equally close candidates wins, as before the length filter.
        assert_eq!(closest("cat", ["bat", "cut"]), Some("bat"));
    }
}
