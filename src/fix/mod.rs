//! `--fix` and `--diff`: apply the fixes rules attach to their diagnostics (`Diagnostic::fix`).
//!
//! A fix is a list of byte-range replacements in one or more files; everything outside those
//! ranges is kept byte for byte. Fixes are taken in diagnostic order; one whose edits overlap an
//! earlier kept fix is left for the next pass. A fixed JSON file that would not parse is not
//! written; a file that changed since it was read is not written (`write.rs`). `--fix` runs up
//! to [`MAX_PASSES`] passes (a fix can uncover another: a subpackage made Skyline then needs
//! `lazyCodeLoading`), so a second `--fix` changes nothing.

mod write;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use write::{write_fixed, WriteError};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, FileEdit, SourceFile};
use crate::i18n::Msg;
use crate::json::JsonFile;
use crate::msg;
use crate::project::Project;

/// How many lint-and-fix rounds `--fix` makes at most.
pub const MAX_PASSES: usize = 5;

/// Replace `range` of the original text with `replacement` (an empty range inserts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// One applied fix, for the report on stderr.
#[derive(Clone, Debug)]
pub struct Applied {
    pub rule: &'static str,
    pub title: Msg,
    /// Where its first edit in this file starts.
    pub at: usize,
}

/// The fixes of one file and the text they produce.
#[derive(Debug)]
pub struct FileFix {
    pub path: PathBuf,
    /// As the user would open it.
    pub display: String,
    pub original: String,
    pub fixed: String,
    pub fixes: Vec<Applied>,
    /// The edits that turn `original` into `fixed`.
    pub edits: Vec<Edit>,
    /// Set when the fixes were dropped (the result would not parse): nothing is written.
    pub refused: Option<Msg>,
}

/// Every file the fixes of `diagnostics` change, in path order. Files without fixes are left out.
pub fn plan(diagnostics: &[Diagnostic]) -> Vec<FileFix> {
    let texts = known_texts(diagnostics);
    let mut taken: BTreeMap<&Path, BTreeMap<usize, usize>> = BTreeMap::new();
    // Per file: its edits, its fixes, and the index of the last diagnostic that added one.
    type Planned = (Vec<Edit>, Vec<Applied>, Option<usize>);
    let mut per_file: BTreeMap<&Path, Planned> = BTreeMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        let Some(fix) = &d.fix else { continue };
        if fix.edits.is_empty()
            || fix.edits.iter().any(|e| {
                taken
                    .get(e.path.as_path())
                    .is_some_and(|t| clashes(t, &e.range))
            })
        {
            continue;
        }
        for e in &fix.edits {
            let t = taken.entry(&e.path).or_default();
            let end = t.entry(e.range.start).or_insert(e.range.end);
            *end = (*end).max(e.range.end);
            let (edits, applied, last) = per_file.entry(&e.path).or_default();
            if *last != Some(i) {
                *last = Some(i);
                applied.push(Applied {
                    rule: d.rule,
                    title: fix.title.clone(),
                    at: e.range.start,
                });
            }
            edits.push(Edit {
                range: e.range.clone(),
                replacement: e.replacement.clone(),
            });
        }
    }
    per_file
        .into_iter()
        .filter_map(|(path, (edits, fixes, _))| {
            let (original, display) = match texts.get(path) {
                Some(f) => (f.text.clone(), f.display.clone()),
                None => (
                    std::fs::read_to_string(path).ok()?,
                    crate::diagnostic::display_path(path),
                ),
            };
            Some(file_fix(path, display, original, &edits, fixes))
        })
        .collect()
}

/// The text of every file a diagnostic points into, by path.
fn known_texts(diagnostics: &[Diagnostic]) -> BTreeMap<&Path, &SourceFile> {
    diagnostics
        .iter()
        .filter_map(|d| d.file.as_deref())
        .map(|f| (f.path.as_path(), f))
        .collect()
}

fn file_fix(
    path: &Path,
    display: String,
    original: String,
    edits: &[Edit],
    fixes: Vec<Applied>,
) -> FileFix {
    let fixed = apply(&original, edits);
    let is_json = path.extension().is_some_and(|e| e == "json");
    let parses = !is_json || JsonFile::parse_text(path, fixed.clone()).value.is_some();
    let refused = (!parses).then(|| {
        msg!(
            "not fixed: the fixed text would not parse (please report this)",
            "未修复：修复后的内容无法解析（请报告此问题）"
        )
    });
    FileFix {
        path: path.to_path_buf(),
        display,
        fixed: if parses { fixed } else { original.clone() },
        original,
        fixes: if parses { fixes } else { Vec::new() },
        edits: if parses { edits.to_vec() } else { Vec::new() },
        refused,
    }
}

/// Whether `r` overlaps a taken range. An insertion touching a range's edge does not.
fn clashes(taken: &BTreeMap<usize, usize>, r: &Range<usize>) -> bool {
    if r.end > r.start && taken.range(r.start + 1..r.end).next().is_some() {
        return true;
    }
    match taken.range(..=r.start).next_back() {
        Some((&ts, &te)) if ts == r.start => te > ts && r.end > r.start,
        Some((_, &te)) => te > r.start,
        None => false,
    }
}

/// Apply non-overlapping edits (any order) to `text`. Insertions at the same offset keep their
/// given order and come before a replacement starting there.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for e in sorted {
        let start = e.range.start.max(pos).min(text.len());
        out.push_str(&text[pos..start]);
        out.push_str(&e.replacement);
        pos = e.range.end.max(start).min(text.len());
    }
    out.push_str(&text[pos..]);
    out
}

/// The edits of a diagnostic's fix in one file, as [`Edit`]s (for tests and editors).
pub fn edits_in(fix_edits: &[FileEdit], path: &Path) -> Vec<Edit> {
    fix_edits
        .iter()
        .filter(|e| e.path == path)
        .map(|e| Edit {
            range: e.range.clone(),
            replacement: e.replacement.clone(),
        })
        .collect()
}

/// A unified diff of a file's fix (`--diff`).
pub fn unified_diff(f: &FileFix) -> String {
    let a = format!("a/{}", f.display);
    let b = format!("b/{}", f.display);
    similar::TextDiff::from_lines(&f.original, &f.fixed)
        .unified_diff()
        .context_radius(3)
        .header(&a, &b)
        .missing_newline_hint(true)
        .to_string()
}

/// Whether `path` still holds exactly `original` (nothing changed it since it was read).
pub fn unchanged(path: &Path, original: &str) -> bool {
    std::fs::read(path).is_ok_and(|b| b == original.as_bytes())
}

/// What `--fix` / `--diff` did for one command-line path.
pub struct CliOutcome {
    /// The unified diff (`--diff`).
    pub diff: String,
    /// A fix could not be written, or the project could not be loaded (exit 2).
    pub failed: bool,
}

/// `--fix` (`write`) or `--diff` for one project: lint, plan the rules' fixes, then write (and
/// lint again, up to [`MAX_PASSES`] times) or diff; report on stderr what changed. Diagnostics in
/// files the configuration ignores bring no fixes.
pub fn run_for_cli(
    path: &Path,
    config: &Config,
    write: bool,
    lang: crate::i18n::Lang,
) -> CliOutcome {
    let mut out = CliOutcome {
        diff: String::new(),
        failed: false,
    };
    for _ in 0..MAX_PASSES {
        let Ok(project) = Project::load(path) else {
            return out; // reported when linting
        };
        let mut diagnostics = crate::lint::lint_project(&project, config);
        diagnostics.retain(|d| !d.file.as_ref().is_some_and(|f| config.is_ignored(&f.path)));
        let plans = plan(&diagnostics);
        if plans.is_empty() {
            break;
        }
        let mut wrote = false;
        for f in plans {
            if let Some(why) = &f.refused {
                report_error(lang, &format!("`{}`: {}", f.display, why.get(lang)));
                out.failed = true;
            } else if !write {
                out.diff.push_str(&unified_diff(&f));
            } else {
                match write_fixed(&f.path, &f.original, &f.fixed) {
                    Ok(()) => {
                        wrote = true;
                        report_fixed(&f, lang);
                    }
                    Err(e) => {
                        out.failed = true;
                        let m = msg!(
                            "not fixing `{}`: {}",
                            "未修复 `{}`：{}",
                            f.display,
                            e.describe().get(lang)
                        );
                        report_error(lang, m.get(lang));
                    }
                }
            }
        }
        if !wrote {
            break;
        }
    }
    out
}

fn report_error(lang: crate::i18n::Lang, text: &str) {
    let error = msg!("error", "错误");
    eprintln!("chattools-lint: {}: {text}", error.get(lang));
}

/// One line per applied fix on stderr (at most [`SHOWN`] per rule and file, then a count).
fn report_fixed(f: &FileFix, lang: crate::i18n::Lang) {
    const SHOWN: usize = 20;
    let note = msg!("fixed", "已修复");
    let note = note.get(lang);
    let src = SourceFile::new(f.path.clone(), f.original.clone());
    let mut fixes: Vec<&Applied> = f.fixes.iter().collect();
    fixes.sort_by_key(|x| x.at);
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for fix in &fixes {
        *per_rule.entry(fix.rule).or_default() += 1;
    }
    let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
    for fix in fixes {
        let n = shown.entry(fix.rule).or_default();
        *n += 1;
        if *n == SHOWN + 1 {
            let more = per_rule[fix.rule] - SHOWN;
            let m = msg!("… and {more} more", "……另有 {more} 处");
            eprintln!(
                "chattools-lint: {note} {}: {} [{}]",
                f.display,
                m.get(lang),
                fix.rule
            );
        }
        if *n > SHOWN {
            continue;
        }
        let (line, col) = src.line_col(fix.at);
        eprintln!(
            "chattools-lint: {note} {}:{line}:{col}: {} [{}]",
            f.display,
            fix.title.get(lang),
            fix.rule
        );
    }
}
