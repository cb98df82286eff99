//! The user's configuration: rule severities, rule options and paths to skip.
//! (Reading `chattools-lint.json` is built on this; the command line's --deny/--warn/--allow
//! are applied on top.)

use std::collections::HashMap;

use serde_json::Value;

use crate::diagnostic::Severity;
use crate::rules::Rule;

#[derive(Debug, Default, Clone)]
pub struct Config {
    /// Severity overrides by rule id.
    pub severities: HashMap<String, Severity>,
    /// Options by rule id: an object per rule.
    pub options: HashMap<String, Value>,
}

impl Config {
    /// The severity a rule's diagnostics get: configured, else the rule's default.
    pub fn severity(&self, rule: &Rule) -> Severity {
        self.severities
            .get(rule.id)
            .copied()
            .unwrap_or(rule.default_severity)
    }

    /// A rule option, e.g. `option("chat-tools/desc", "words")`.
    pub fn option(&self, rule: &str, key: &str) -> Option<&Value> {
        self.options.get(rule)?.get(key)
    }
}
