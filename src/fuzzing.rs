//! One entry point for the fuzz target (`fuzz/`): the whole pipeline on arbitrary app.json bytes
//! — read, schema, every rule, every output format, and the fixer — in memory. Not a public API.

use std::path::Path;

use crate::config::Config;
use crate::i18n::Lang;
use crate::output::{self, ProjectInfo, Report, Style};
use crate::project::Project;

/// Lint `bytes` as the app.json of a project in `mp_root` (other files are looked up there) and
/// render it in one format. Panics only on a bug (that is what the fuzzer looks for): a renderer
/// producing invalid JSON, or a fix that breaks the file.
///
/// The format and style are chosen by the input's bytes: the fuzzer steers the choice like any
/// other branch, and an input costs a sixth of rendering every format (rendering, not linting,
/// was 90 % of the time).
pub fn lint_app_json(mp_root: &Path, bytes: &[u8]) {
    let pick = bytes.iter().fold(0u8, |a, b| a.rotate_left(1) ^ b);
    let style = Style {
        lang: if pick & 0x10 == 0 { Lang::En } else { Lang::Zh },
        color: pick & 0x20 != 0,
    };
    let report = lint_checked(mp_root, bytes);
    render(&report, usize::from(pick) % FORMATS, style);
}

/// [`lint_app_json`] rendered in every format, both languages, with and without colour: for
/// replaying the seeds and past crashes in the test suite.
pub fn lint_app_json_every_format(mp_root: &Path, bytes: &[u8]) {
    let report = lint_checked(mp_root, bytes);
    for lang in [Lang::En, Lang::Zh] {
        for color in [false, true] {
            for format in 0..FORMATS {
                render(&report, format, Style { lang, color });
            }
        }
    }
}

/// Lint, check the spans and the fixer, and return the report to render.
fn lint_checked(mp_root: &Path, bytes: &[u8]) -> Report {
    let config = Config::default();
    let project = Project::from_app_bytes(mp_root, bytes.to_vec());
    let diagnostics = crate::lint::lint_project(&project, &config);
    for d in &diagnostics {
        if let (Some(file), Some(span)) = (&d.file, &d.span) {
            assert!(
                span.start <= span.end && span.end <= file.text.len(),
                "span out of bounds"
            );
            assert!(file.text.is_char_boundary(span.start) && file.text.is_char_boundary(span.end));
        }
    }
    check_fixes(mp_root, project, &diagnostics, &config);
    Report {
        projects: vec![ProjectInfo {
            path: ".".into(),
            app_json: "app.json".into(),
            diagnostics: 0..diagnostics.len(),
        }],
        diagnostics,
        failures: Vec::new(),
    }
}

/// How many formats [`render`] knows (add new ones there).
const FORMATS: usize = 6;

/// Render one format; the JSON ones must parse.
fn render(report: &Report, format: usize, style: Style) {
    match format {
        0 => drop(output::human::render(report, style)),
        1 => {
            let sarif = output::sarif::render(report, style);
            serde_json::from_str::<serde_json::Value>(&sarif).expect("--format sarif is JSON");
        }
        2 => drop(output::github::render(report, style)),
        3 => drop(output::junit::render(report, style)),
        4 => drop(output::short::render(report, style)),
        _ => {
            let json = output::json::render(report, style);
            serde_json::from_str::<serde_json::Value>(&json).expect("--format json is JSON");
        }
    }
}

/// The fixer's promises: the result parses, only the edited spans change, and fixing again
/// reaches a point with nothing more to fix within `MAX_PASSES`.
fn check_fixes(
    mp_root: &Path,
    project: Project,
    first: &[crate::diagnostic::Diagnostic],
    config: &Config,
) {
    let app_path = project.app.source.path.clone();
    let mut project = project;
    let mut later;
    let mut diagnostics = first;
    for pass in 0..=crate::fix::MAX_PASSES {
        if pass > 0 {
            later = crate::lint::lint_project(&project, config);
            diagnostics = &later;
        }
        let Some(f) = crate::fix::plan(diagnostics)
            .into_iter()
            .find(|f| f.path == app_path)
        else {
            return;
        };
        assert!(
            pass < crate::fix::MAX_PASSES,
            "not idempotent: still fixing after {pass} passes:\n{}",
            f.fixed
        );
        assert!(
            f.refused.is_none(),
            "a fix produced unparsable JSON:\n{}",
            f.fixed
        );
        // Outside the edits, every byte is the original's.
        let mut edits: Vec<_> = f.edits.iter().collect();
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        let (mut pos, mut out_pos) = (0usize, 0usize);
        for e in edits {
            let keep = &f.original[pos..e.range.start];
            assert_eq!(&f.fixed[out_pos..out_pos + keep.len()], keep);
            out_pos += keep.len() + e.replacement.len();
            pos = e.range.end;
        }
        assert_eq!(&f.fixed[out_pos..], &f.original[pos..]);
        project = Project::from_app_bytes(mp_root, f.fixed.into_bytes());
        assert!(project.app.value.is_some(), "fixed text does not parse");
    }
}
