//! The pipeline for one project: facts on demand → rules → the rules on what reading files found →
//! stable order.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::facts::Facts;
use crate::project::Project;
use crate::rules::json::READ_RULES;
use crate::rules::{LintContext, RULES};

pub fn lint_project(project: &Project, config: &Config) -> Vec<Diagnostic> {
    let facts = Facts::new(project, &config.server);
    let mut ctx = LintContext::new(&facts, &config.rules);
    if project.app.value.is_some() {
        facts.prefetch_pages();
        for rule in RULES
            .iter()
            .filter(|r| !READ_RULES.iter().any(|x| x.id == r.id))
        {
            ctx.run_rule(rule);
        }
    }
    for rule in READ_RULES {
        ctx.run_rule(rule);
    }
    let mut diagnostics = ctx.into_diagnostics();
    if let Some(s) = &project.sources {
        crate::project::framework::remap(&mut diagnostics, s);
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup_by(|a, b| a.sort_key() == b.sort_key());
    diagnostics
}
