//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on the
//! pull request's changed lines:
//! `::error file=app.json,line=3,col=5,endLine=3,endColumn=9,title=chat-tools/too-many::message`.
//! warning → `::warning`, info → `::notice`. A region over several lines gets `line` and
//! `endLine` only: GitHub takes columns for single-line regions.
//!
//! Escaping follows the Actions runner (`ActionCommand.cs`): in the message `%` → `%25`,
//! CR → `%0D`, LF → `%0A`; in property values additionally `:` → `%3A` and `,` → `%2C`.

use super::{Report, Style};
use crate::diagnostic::Severity;

pub fn render(report: &Report, style: Style) -> String {
    let mut out = String::new();
    // What could not be linted: an error annotation each (no file: a PATH may be a folder).
    for f in &report.failures {
        let mut message = f.message.get(style.lang).to_string();
        if let Some(path) = &f.path {
            message.push_str(&format!(" ({path})"));
        }
        out.push_str(&format!(
            "::error title={}::{}\n",
            escape_property(&format!("chattools-lint: {}", f.kind)),
            escape_data(&message)
        ));
    }
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Off => "notice",
        };
        let mut props = Vec::new();
        if let Some(f) = &d.file {
            props.push(format!("file={}", escape_property(&f.display)));
        }
        match d.position() {
            Some((l, c, el, ec)) if l == el => {
                props.push(format!("line={l},col={c},endLine={el},endColumn={ec}"));
            }
            // GitHub takes columns only for a single-line region (as its check-run API says).
            Some((l, _, el, _)) => props.push(format!("line={l},endLine={el}")),
            None => {}
        }
        props.push(format!("title={}", escape_property(d.rule)));
        let mut message = d.message.get(style.lang).to_string();
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(help.get(style.lang));
        }
        if let Some(url) = &d.url {
            message.push('\n');
            message.push_str(url);
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    out
}

/// Escape a command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=…`, `title=…`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("50% a\r\nb:c,d"), "50%25 a%0D%0Ab:c,d");
        assert_eq!(escape_property("C:\\a,b%\n"), "C%3A\\a%2Cb%25%0A");
        // `%` first, so an escape sequence in the input is not decoded back.
        assert_eq!(escape_data("%0A"), "%250A");
    }
}
