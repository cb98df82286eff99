//! The default format: miette's graphical reports with the source snippet, labels, help and the
//! rule id with its docs link, then a one-line summary.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{Report, Style, Summary};
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::i18n::{Lang, Msg};
use crate::msg;

impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // miette finds the lines by scanning from the start of the text: for each diagnostic,
        // quadratic over a file with many. Start it at the first line it will show instead.
        let (base, lines_above) = self.context_start(span.offset(), before);
        let local = SourceSpan::new(span.offset().saturating_sub(base).into(), span.len());
        let inner = self.text.as_bytes()[base..].read_span(&local, before, after)?;
        // miette counts the header's column in bytes; editors and the other formats count
        // characters (a Chinese character is one column, not three).
        let column = match inner.column() {
            0 => 0,
            _ => self.line_col(span.offset()).1 - 1,
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.display.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + base).into(), inner.span().len()),
            inner.line() + lines_above,
            column,
            inner.line_count() + lines_above,
        )))
    }
}

/// A diagnostic seen through miette, in one language.
struct Shown<'a> {
    d: &'a Diagnostic,
    lang: Lang,
    /// False when a line the snippet would show is too long to print (a minified file).
    snippet: bool,
}

/// Lines longer than this are not printed in a snippet; the position is given instead.
const MAX_SNIPPET_LINE: usize = 1000;

/// Whether the lines a snippet of `d` would show (its spans' lines and one line around) are all
/// short enough to print.
fn snippet_fits(d: &Diagnostic) -> bool {
    let (Some(file), Some(span)) = (&d.file, &d.span) else {
        return true;
    };
    let text = &file.text;
    let spans = std::iter::once(span.clone()).chain(d.labels.iter().map(|l| l.span.clone()));
    for s in spans {
        // From the line before the span's first line to the line after its last.
        let mut start = text[..s.start.min(text.len())].rfind('\n').unwrap_or(0);
        start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let end_from = s.end.min(text.len());
        let mut end = text[end_from..]
            .find('\n')
            .map_or(text.len(), |i| end_from + i);
        if end < text.len() {
            end = text[end + 1..]
                .find('\n')
                .map_or(text.len(), |i| end + 1 + i);
        }
        if text[start..end]
            .split('\n')
            .any(|l| l.len() > MAX_SNIPPET_LINE)
        {
            return false;
        }
    }
    true
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.d.message.get(self.lang))
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.d.message.get(self.lang))?;
        // Without a snippet, still say which file (and where).
        match (&self.d.file, self.d.position()) {
            (Some(file), None) => write!(f, " ({})", file.display)?,
            (Some(file), Some((line, col, _, _))) if !self.snippet => {
                write!(f, " ({}:{line}:{col})", file.display)?
            }
            _ => {}
        }
        Ok(())
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.d.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info | Severity::Off => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.d
            .help
            .as_ref()
            .map(|h| Box::new(h.get(self.lang)) as Box<dyn fmt::Display>)
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.d
            .url
            .as_ref()
            .map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.d.span.as_ref()?;
        if !self.snippet {
            return None;
        }
        self.d.file.as_deref().map(|f| f as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if !self.snippet {
            return None;
        }
        let span = self.d.span.clone()?;
        let lang = self.lang;
        let primary = LabeledSpan::new_primary_with_span(
            self.d.span_label.as_ref().map(|m| m.get(lang).to_string()),
            span,
        );
        let rest = self.d.labels.iter().map(move |l| {
            LabeledSpan::new_with_span(
                l.text.as_ref().map(|t| t.get(lang).to_string()),
                l.span.clone(),
            )
        });
        Some(Box::new(std::iter::once(primary).chain(rest)))
    }
}

pub fn render(report: &Report, style: Style) -> String {
    let mut out = render_diagnostics(&report.diagnostics, style);
    out.push_str(&summary_line(report.summary(), style.lang));
    out.push('\n');
    out
}

/// The diagnostics alone, without the summary line (also used for configuration errors).
pub fn render_diagnostics(diagnostics: &[Diagnostic], style: Style) -> String {
    let handler = || {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        GraphicalReportHandler::new_themed(theme)
            .with_links(false)
            .with_width(100)
            // No wrapping, as rustc, ruff and ESLint print: a terminal or CI log wraps to its
            // own width, and a message stays one line for grep.
            .with_wrap_lines(false)
    };
    // Each report on its own, on every core, joined in order.
    crate::parallel::map(diagnostics, 8, handler, |d, handler| {
        let mut out = String::new();
        let shown = Shown {
            d,
            lang: style.lang,
            snippet: snippet_fits(d),
        };
        if handler.render_report(&mut out, &shown).is_err() {
            // A span miette cannot show: fall back to one line rather than lose the diagnostic.
            out = format!(
                "{} [{}] {}\n",
                d.severity.as_str(),
                d.rule,
                d.message.get(style.lang)
            );
        }
        out.push('\n');
        out
    })
    .concat()
}

pub fn summary_line(s: Summary, lang: Lang) -> String {
    // Chinese has no plural: both forms are the same there.
    let plural = |n: usize, one: Msg, many: Msg| if n == 1 { one } else { many };
    let n = s.projects;
    let projects = plural(
        n,
        msg!("{n} project", "{n} 个项目"),
        msg!("{n} projects", "{n} 个项目"),
    );
    let projects = projects.get(lang);
    if s.errors + s.warnings + s.infos == 0 {
        let none = msg!(
            "No problems found in {projects}.",
            "检查了 {projects}，未发现问题。"
        );
        return none.get(lang).to_string();
    }
    let (errors, warnings, infos) = (s.errors, s.warnings, s.infos);
    let mut parts = vec![
        plural(
            errors,
            msg!("{errors} error", "{errors} 个错误"),
            msg!("{errors} errors", "{errors} 个错误"),
        ),
        plural(
            warnings,
            msg!("{warnings} warning", "{warnings} 个警告"),
            msg!("{warnings} warnings", "{warnings} 个警告"),
        ),
    ];
    if infos > 0 {
        parts.push(plural(
            infos,
            msg!("{infos} info", "{infos} 条提示"),
            msg!("{infos} infos", "{infos} 条提示"),
        ));
    }
    let parts = Msg::join(parts);
    let parts = parts.get(lang);
    let found = msg!(
        "Found {parts} in {projects}.",
        "检查了 {projects}，发现 {parts}。"
    );
    found.get(lang).to_string()
}
