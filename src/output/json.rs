//! `--format json`: one stable JSON document (documented in the README).

use serde::Serialize;

use super::{Report, Style};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    projects: Vec<Project<'a>>,
    diagnostics: Vec<Diag<'a>>,
    /// What could not be linted (the run exits 2 when this is not empty).
    errors: Vec<Error<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Error<'a> {
    kind: &'a str,
    message: &'a str,
    path: Option<&'a str>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Project<'a> {
    path: &'a str,
    app_json: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Diag<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    pointer: Option<&'a str>,
    help: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
    projects: usize,
}

pub fn render(report: &Report, style: Style) -> String {
    let s = report.summary();
    let doc = Document {
        version: 1,
        tool: Tool {
            name: "chattools-lint",
            version: env!("CARGO_PKG_VERSION"),
        },
        projects: report
            .projects
            .iter()
            .map(|p| Project {
                path: &p.path,
                app_json: &p.app_json,
            })
            .collect(),
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| {
                let pos = d.position();
                Diag {
                    rule: d.rule,
                    severity: d.severity.as_str(),
                    message: d.message.get(style.lang),
                    file: d.file.as_ref().map(|f| f.display.as_str()),
                    line: pos.map(|p| p.0),
                    column: pos.map(|p| p.1),
                    end_line: pos.map(|p| p.2),
                    end_column: pos.map(|p| p.3),
                    pointer: d.pointer.as_deref(),
                    help: d.help.as_ref().map(|h| h.get(style.lang)),
                    url: d.url.as_deref(),
                }
            })
            .collect(),
        errors: report
            .failures
            .iter()
            .map(|f| Error {
                kind: f.kind,
                message: f.message.get(style.lang),
                path: f.path.as_deref(),
            })
            .collect(),
        summary: Summary {
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            projects: s.projects,
        },
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("serialising plain structs");
    out.push('\n');
    out
}
