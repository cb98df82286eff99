//! The pipeline for one project: facts on demand → rules → the rules on what reading files found →
//! stable order.

use std::sync::Arc;

use crate::cache::record;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::facts::Facts;
use crate::overlay::Overlay;
use crate::project::{LoadError, Project};
use crate::rules::json::READ_RULES;
use crate::rules::{LintContext, RULES};

/// Load the project at `path` and lint it in a scope of its own ([`record::Scope`]): a file the
/// lint reads twice is read once, and never from an earlier lint. `recorder` notes every look
/// when the result is to be cached.
pub fn load_and_lint(
    path: &std::path::Path,
    overlay: Arc<Overlay>,
    config: &Config,
    recorder: Option<record::Recorder>,
) -> Result<(Project, Vec<Diagnostic>), LoadError> {
    record::with(record::Scope::new(recorder), || {
        let project = Project::load_in(path, overlay)?;
        let diagnostics = lint_project(&project, config);
        Ok((project, diagnostics))
    })
}

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
