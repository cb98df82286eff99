//! Reading JSON files: what the span-keeping reader (`crate::json`) found in every JSON file the
//! run read — project.config.json, its private override, app.json, and each page or component
//! `.json`. These rules run after all others (`crate::lint`) and first ask the facts for every
//! file any rule may read, so what they report does not depend on which rules are on.
pub mod duplicate_key;
pub mod syntax;

use crate::diagnostic::Diagnostic;
use crate::json::JsonFile;
use crate::rules::{LintContext, Rule};

/// The rules that report on files read; they run last.
pub static READ_RULES: [&Rule; 2] = [&syntax::RULE, &duplicate_key::RULE];

/// `findings` of every JSON file of the project a rule may read, once each: the project
/// configuration, app.json, then page and component files in path order.
pub fn each_file_read(
    ctx: &LintContext,
    findings: impl Fn(&JsonFile) -> Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    ctx.facts.read_all_json();
    let project = ctx.project;
    let mut out: Vec<Diagnostic> = [&project.config, &project.private_config]
        .into_iter()
        .flatten()
        .chain([&project.app])
        .flat_map(&findings)
        .collect();
    for file in ctx.facts.json_files_read() {
        out.extend(findings(&file));
    }
    out
}
