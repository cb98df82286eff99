//! An in-process rule tester: small projects written to a scratch folder and linted without
//! spawning the binary. Not a public API (used by the crate's and the rules' tests).
//!
//! ```no_run
//! use chattools_lint::testing::Tester;
//! Tester::new(&chattools_lint::rules::chat_tools::too_many::RULE)
//!     .fail(&[("app.json", r#"{"pages": [], "chatTools": [{}, {}]}"#)])
//!     .pass(&[("app.json", r#"{"pages": []}"#)])
//!     .test();
//! ```

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::project::Project;
use crate::rules::Rule;

/// Files of a project: (path relative to the project folder, content).
pub type Files<'a> = &'a [(&'a str, &'a str)];

enum Case<'a> {
    Pass(Files<'a>),
    Fail(Files<'a>),
    /// After `--fix`: the file at the path holds exactly the text, and the rule is gone.
    Fix(Files<'a>, &'a str, &'a str),
}

pub struct Tester<'a> {
    rule: &'static Rule,
    cases: Vec<Case<'a>>,
}

impl<'a> Tester<'a> {
    pub fn new(rule: &'static Rule) -> Tester<'a> {
        Tester {
            rule,
            cases: Vec::new(),
        }
    }

    /// A project that must not raise the rule.
    pub fn pass(mut self, files: Files<'a>) -> Self {
        self.cases.push(Case::Pass(files));
        self
    }

    /// A project that must raise the rule.
    pub fn fail(mut self, files: Files<'a>) -> Self {
        self.cases.push(Case::Fail(files));
        self
    }

    /// A project that raises the rule, whose fixes make `path` exactly `expected`.
    pub fn fix(mut self, files: Files<'a>, path: &'a str, expected: &'a str) -> Self {
        self.cases.push(Case::Fix(files, path, expected));
        self
    }

    /// Run every case; panics with every failure at once.
    pub fn test(self) {
        let mut failures = Vec::new();
        for (i, case) in self.cases.iter().enumerate() {
            let (files, must_raise) = match case {
                Case::Pass(f) => (*f, false),
                Case::Fail(f) | Case::Fix(f, ..) => (*f, true),
            };
            let dir = Scratch::new(files);
            let raised = self.raised(&dir.0);
            if raised.is_empty() == must_raise {
                failures.push(format!(
                    "case {i}: `{}` {} raised",
                    self.rule.id,
                    if must_raise { "was not" } else { "was" }
                ));
                continue;
            }
            if let Case::Fix(_, path, expected) = case {
                if let Err(e) = self.check_fix(&dir.0, path, expected) {
                    failures.push(format!("case {i}: {e}"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The rule's diagnostics on the project in `dir`.
    fn raised(&self, dir: &Path) -> Vec<Diagnostic> {
        match Project::load(dir) {
            Ok(project) => crate::lint::lint_project(&project, &Config::default())
                .into_iter()
                .filter(|d| d.rule == self.rule.id)
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    fn check_fix(&self, dir: &Path, path: &str, expected: &str) -> Result<(), String> {
        for _ in 0..crate::fix::MAX_PASSES {
            let diagnostics = match Project::load(dir) {
                Ok(p) => crate::lint::lint_project(&p, &Config::default()),
                Err(_) => break,
            };
            let plans = crate::fix::plan(&diagnostics);
            if plans.is_empty() {
                break;
            }
            for f in plans {
                crate::fix::write_fixed(&f.path, &f.original, &f.fixed)
                    .map_err(|e| e.describe().en)?;
            }
        }
        let got = std::fs::read_to_string(dir.join(path)).map_err(|e| e.to_string())?;
        if got != expected {
            return Err(format!(
                "`{path}` after --fix:\n{got}\nexpected:\n{expected}"
            ));
        }
        if !self.raised(dir).is_empty() {
            return Err(format!("`{}` still raised after --fix", self.rule.id));
        }
        Ok(())
    }
}

/// A scratch project folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(files: Files) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "chattools-lint-tester-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        for (rel, content) in files {
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("scratch folder");
            }
            if rel.ends_with('/') {
                continue;
            }
            std::fs::write(&path, content).expect("scratch file");
        }
        std::fs::create_dir_all(&dir).expect("scratch folder");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
