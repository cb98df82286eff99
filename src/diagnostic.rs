//! The one diagnostic type every rule produces and every output format renders.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::i18n::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Off,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "off" => Severity::Off,
            "info" => Severity::Info,
            "warning" | "warn" => Severity::Warning,
            "error" => Severity::Error,
            _ => return None,
        })
    }
}

/// A file whose text diagnostics point into. Shared by all diagnostics of that file.
#[derive(Debug)]
pub struct SourceFile {
    /// Where the file is on disk.
    pub path: PathBuf,
    /// The path as the user would open it (relative to the working directory when under it).
    pub display: String,
    /// The text shown in snippets (invalid UTF-8 replaced).
    pub text: String,
    line_starts: Vec<usize>,
    /// Where the first `\r` not followed by `\n` is (the text's length when there is none):
    /// miette counts it as a line break, `line_starts` does not.
    first_lone_cr: usize,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> SourceFile {
        let display = display_path(&path);
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let first_lone_cr = text
            .match_indices('\r')
            .map(|(i, _)| i)
            .find(|&i| text.as_bytes().get(i + 1) != Some(&b'\n'))
            .unwrap_or(text.len());
        SourceFile {
            path,
            display,
            text,
            line_starts,
            first_lone_cr,
        }
    }

    /// The start of the line `lines_before` lines above the line of `offset`, and that line's
    /// 0-based number: where a snippet with that much context begins. `(0, 0)` when a lone
    /// `\r` comes earlier (line numbers would then need it counted).
    pub fn context_start(&self, offset: usize, lines_before: usize) -> (usize, usize) {
        let first = self.line_of(offset).saturating_sub(lines_before);
        let start = self.line_starts[first];
        if start > self.first_lone_cr {
            (0, 0)
        } else {
            (start, first)
        }
    }

    /// 1-based line and 1-based column in characters of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        // Editors do not count a byte-order mark as a column.
        let before = &self.text[start..offset];
        let before = if line == 0 {
            before.strip_prefix('\u{feff}').unwrap_or(before)
        } else {
            before
        };
        let col = before.chars().count();
        (line + 1, col + 1)
    }

    /// The 0-based line (by `\n`) of a byte offset, clamped to the text.
    fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    fn floor_char_boundary(&self, mut i: usize) -> usize {
        while i > 0 && !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    /// Clamp a span into the text, on character boundaries.
    pub fn clamp(&self, span: Range<usize>) -> Range<usize> {
        let start = self.floor_char_boundary(span.start.min(self.text.len()));
        let end = self
            .floor_char_boundary(span.end.min(self.text.len()))
            .max(start);
        start..end
    }
}

/// The path relative to the working directory when the file lies under it, else as given.
pub fn display_path(path: &std::path::Path) -> String {
    // The working directory does not change during a run: ask the system once, not per file.
    static CWD: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();
    // Compared as the system does (ignoring case on Windows); shown without `\\?\`.
    let s = CWD
        .get_or_init(|| std::env::current_dir().ok())
        .as_ref()
        .and_then(|cwd| crate::paths::relative_to(path, cwd))
        .unwrap_or_else(|| crate::paths::slashed(path));
    let s = s.strip_prefix("./").map(str::to_string).unwrap_or(s);
    if s.is_empty() {
        ".".to_string()
    } else {
        s
    }
}

#[derive(Clone, Debug)]
pub struct Label {
    pub span: Range<usize>,
    pub text: Option<Msg>,
}

/// Replace `range` of the file at `path` with `replacement` (an empty range inserts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEdit {
    pub path: PathBuf,
    pub range: Range<usize>,
    pub replacement: String,
}

/// The one safe fix a rule knows for a diagnostic: what it does and its edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: Msg,
    pub edits: Vec<FileEdit>,
}

/// What a rule reports. The lint context stamps the rule id, severity and docs url on it.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: Msg,
    pub file: Option<Arc<SourceFile>>,
    /// The primary span in `file`.
    pub span: Option<Range<usize>>,
    /// The primary label's text (shown under the span).
    pub span_label: Option<Msg>,
    /// JSON pointer of the place, when it is inside a JSON file.
    pub pointer: Option<String>,
    /// Secondary labels in the same file.
    pub labels: Vec<Label>,
    pub help: Option<Msg>,
    pub url: Option<String>,
    /// The most severe level this one diagnostic may have (see [`Diagnostic::severity_cap`]).
    pub severity_cap: Option<Severity>,
    /// The fix, when the rule knows one safe answer (`--fix`, `--diff`, editor quick fixes).
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(message: Msg) -> Diagnostic {
        Diagnostic {
            rule: "",
            severity: Severity::Error,
            message,
            file: None,
            span: None,
            span_label: None,
            pointer: None,
            labels: Vec::new(),
            help: None,
            url: None,
            severity_cap: None,
            fix: None,
        }
    }

    pub fn at(mut self, file: &Arc<SourceFile>, span: Range<usize>) -> Self {
        self.span = Some(file.clamp(span));
        self.file = Some(file.clone());
        self
    }

    /// The whole file, without a span (e.g. a file that could not be read).
    pub fn in_file(mut self, file: &Arc<SourceFile>) -> Self {
        self.file = Some(file.clone());
        self
    }

    pub fn pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    pub fn span_label(mut self, text: Msg) -> Self {
        self.span_label = Some(text);
        self
    }

    /// A secondary label; ignored when there is no file.
    pub fn label(mut self, span: Range<usize>, text: Option<Msg>) -> Self {
        if let Some(file) = &self.file {
            let span = file.clamp(span);
            self.labels.push(Label { span, text });
        }
        self
    }

    pub fn help(mut self, help: Msg) -> Self {
        self.help = Some(help);
        self
    }

    /// Cap this diagnostic's severity: it gets the rule's configured severity or `cap`,
    /// whichever is lower (a rule at `error` can report a lesser case as a warning; a rule
    /// configured down to `info` stays `info`; `off` stays off).
    pub fn severity_cap(mut self, cap: Severity) -> Self {
        self.severity_cap = Some(cap);
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// 1-based (line, column, endLine, endColumn) of the primary span.
    pub fn position(&self) -> Option<(usize, usize, usize, usize)> {
        let (file, span) = (self.file.as_ref()?, self.span.as_ref()?);
        let (l, c) = file.line_col(span.start);
        let (el, ec) = file.line_col(span.end);
        Some((l, c, el, ec))
    }

    /// Stable order: file, position, rule, message.
    pub fn sort_key(&self) -> (String, usize, usize, &'static str, String) {
        (
            self.file
                .as_ref()
                .map(|f| f.display.clone())
                .unwrap_or_default(),
            self.span.as_ref().map_or(0, |s| s.start),
            self.span.as_ref().map_or(0, |s| s.end),
            self.rule,
            self.message.en.clone(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::SourceFile;

    #[test]
    fn a_snippet_starts_at_a_line_above_unless_a_lone_carriage_return_comes_first() {
        // Lines by `\n`: "a", "b", "c\r", "d\re", "f" (starting at 0, 2, 4, 7, 11).
        let f = SourceFile::new("x.json".into(), "a\nb\nc\r\nd\re\nf".into());
        assert_eq!(f.context_start(4, 1), (2, 1));
        assert_eq!(f.context_start(4, 5), (0, 0));
        // The lone `\r` (at 8) lies inside what miette reads from line 3 on: it counts it there.
        assert_eq!(f.context_start(11, 1), (7, 3));
        // Starting after it would lose it from miette's line count: from the top instead.
        assert_eq!(f.context_start(11, 0), (0, 0));
        // Past the end: clamped to the last line.
        assert_eq!(f.context_start(99, 0), (0, 0));
        let plain = SourceFile::new("y.json".into(), "a\r\nb\r\nc".into());
        assert_eq!(plain.context_start(6, 0), (6, 2));
    }
}
