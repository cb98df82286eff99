//! The pipeline for one project: read issues → schema → rules → stable order.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::project::Project;
use crate::rules::{LintContext, RULES};

pub fn lint_project(project: &Project, config: &Config) -> Vec<Diagnostic> {
    let mut ctx = LintContext::new(project, config);
    for cfg in [&project.config, &project.private_config]
        .into_iter()
        .flatten()
    {
        ctx.report_read_issues(cfg);
    }
    ctx.report_read_issues(&project.app);
    if let Some(s) = &project.sources {
        for file in &s.json {
            ctx.report_read_issues(file);
        }
    }
    if project.app.value.is_some() {
        crate::schema::check(&mut ctx);
        for rule in RULES {
            ctx.run_rule(rule);
        }
    }
    let mut diagnostics = ctx.into_diagnostics();
    if let Some(s) = &project.sources {
        crate::project::framework::remap(&mut diagnostics, s);
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup_by(|a, b| a.sort_key() == b.sort_key());
    diagnostics
}
