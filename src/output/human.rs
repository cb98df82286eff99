//! The default format: miette's graphical reports with the source snippet, labels, help and the
//! rule id with its docs link, then a one-line summary.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{Report, Style, Summary};
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::i18n::Lang;

impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.display.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// A diagnostic seen through miette, in one language.
struct Shown<'a> {
    d: &'a Diagnostic,
    lang: Lang,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.d.message.get(self.lang))
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.d.message.get(self.lang))?;
        // Without a snippet, still say which file.
        if let (Some(file), None) = (&self.d.file, &self.d.span) {
            write!(f, " ({})", file.display)?;
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
        self.d.file.as_deref().map(|f| f as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
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
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(100);
    let mut out = String::new();
    for d in diagnostics {
        let shown = Shown {
            d,
            lang: style.lang,
        };
        if handler.render_report(&mut out, &shown).is_err() {
            // A span miette cannot show: fall back to one line rather than lose the diagnostic.
            out.push_str(&format!(
                "{} [{}] {}\n",
                d.severity.as_str(),
                d.rule,
                d.message.get(style.lang)
            ));
        }
        out.push('\n');
    }
    out
}

pub fn summary_line(s: Summary, lang: Lang) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match lang {
        Lang::En => {
            let projects = plural(s.projects, "project", "projects");
            if s.errors + s.warnings + s.infos == 0 {
                return format!("No problems found in {projects}.");
            }
            let mut parts = vec![
                plural(s.errors, "error", "errors"),
                plural(s.warnings, "warning", "warnings"),
            ];
            if s.infos > 0 {
                parts.push(plural(s.infos, "info", "infos"));
            }
            format!("Found {} in {projects}.", parts.join(", "))
        }
        Lang::Zh => {
            if s.errors + s.warnings + s.infos == 0 {
                return format!("检查了 {} 个项目，未发现问题。", s.projects);
            }
            let mut parts = vec![
                format!("{} 个错误", s.errors),
                format!("{} 个警告", s.warnings),
            ];
            if s.infos > 0 {
                parts.push(format!("{} 条提示", s.infos));
            }
            format!("检查了 {} 个项目，发现 {}。", s.projects, parts.join("、"))
        }
    }
}
