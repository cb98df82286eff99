//! One entry point for the fuzz target (`fuzz/`): the whole pipeline on arbitrary app.json bytes
//! — read, schema, every rule, every output format, and the fixer — in memory. Not a public API.

use std::path::Path;

use crate::config::Config;
use crate::i18n::Lang;
use crate::output::{self, ProjectInfo, Report, Style};
use crate::project::Project;

/// Lint `bytes` as the app.json of a project in `mp_root` (other files are looked up there) and
/// render every format. Panics only on a bug (that is what the fuzzer looks for): a renderer
/// producing invalid JSON, or a fix that breaks the file.
pub fn lint_app_json(mp_root: &Path, bytes: &[u8]) {
    let config = Config::default();
    check_fixes(
        mp_root,
        Project::from_app_bytes(mp_root, bytes.to_vec()),
        &config,
    );
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
    let report = Report {
        projects: vec![ProjectInfo {
            path: ".".into(),
            app_json: "app.json".into(),
            diagnostics: 0..diagnostics.len(),
        }],
        diagnostics,
    };
    // Every format (add new ones here), both languages, with and without colour.
    for lang in [Lang::En, Lang::Zh] {
        for color in [false, true] {
            let style = Style { lang, color };
            let _ = output::human::render(&report, style);
            let sarif = output::sarif::render(&report, style);
            serde_json::from_str::<serde_json::Value>(&sarif).expect("--format sarif is JSON");
            let _ = output::github::render(&report, style);
            let _ = output::junit::render(&report, style);
            let _ = output::short::render(&report, style);
            let json = output::json::render(&report, style);
            serde_json::from_str::<serde_json::Value>(&json).expect("--format json is JSON");
        }
    }
}

/// The fixer's promises: the result parses, only the edited spans change, and fixing again
/// reaches a point with nothing more to fix within `MAX_PASSES`.
fn check_fixes(mp_root: &Path, project: Project, config: &Config) {
    let app_path = project.app.source.path.clone();
    let mut project = project;
    for pass in 0..=crate::fix::MAX_PASSES {
        let diagnostics = crate::lint::lint_project(&project, config);
        let Some(f) = crate::fix::plan(&diagnostics)
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
