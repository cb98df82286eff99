//! Rendering a lint run. One file per format; each takes the same [`Report`].

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod short;

use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;

/// One linted project.
#[derive(Debug, Clone)]
pub struct ProjectInfo {
    /// The project folder as the user would write it.
    pub path: String,
    /// Its app.json, as the user would open it.
    pub app_json: String,
    /// Its diagnostics: this range of `Report::diagnostics`.
    pub diagnostics: std::ops::Range<usize>,
}

/// Everything a run found, in a stable order.
#[derive(Debug, Default)]
pub struct Report {
    pub projects: Vec<ProjectInfo>,
    pub diagnostics: Vec<Diagnostic>,
    /// What could not be linted (exit code 2). The human format prints these on stderr; the
    /// machine formats carry them in their document too, so that a CI step reading stdout sees
    /// the failure (docs/formats.md).
    pub failures: Vec<Failure>,
}

/// Why a PATH, a project or a configuration could not be linted.
#[derive(Debug, Clone)]
pub struct Failure {
    /// `arguments` (a bad command-line value), `config` (a broken configuration file),
    /// `discovery` (`--recursive` found nothing to lint), `project` (no mini program at the
    /// PATH, or one that cannot be read) or `fix` (`--fix` could not apply a fix).
    pub kind: &'static str,
    pub message: crate::i18n::Msg,
    /// The PATH or file concerned, as the user would write it.
    pub path: Option<String>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub projects: usize,
}

impl Report {
    pub fn summary(&self) -> Summary {
        let count = |s| self.diagnostics.iter().filter(|d| d.severity == s).count();
        Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            projects: self.projects.len(),
        }
    }
}

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub lang: Lang,
    pub color: bool,
}
