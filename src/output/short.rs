//! `--format short`: one line per diagnostic, `file:line:col: severity[rule] message`, for
//! editors' problem matchers and grep. Nothing else is printed (no summary line).

use super::{Report, Style};
use crate::diagnostic::Diagnostic;

pub fn render(report: &Report, style: Style) -> String {
    let mut out = String::new();
    for f in &report.failures {
        let place = f.path.as_deref().unwrap_or("chattools-lint");
        let message = f.message.get(style.lang).replace(['\n', '\r'], " ");
        out.push_str(&format!("{place}: error[{}] {message}\n", f.kind));
    }
    for d in &report.diagnostics {
        out.push_str(&line(d, style));
        out.push('\n');
    }
    out
}

fn line(d: &Diagnostic, style: Style) -> String {
    let place = match (&d.file, d.position()) {
        (Some(f), Some((l, c, _, _))) => format!("{}:{l}:{c}", f.display),
        // A file without a position: line 1, column 1 keeps the line parseable.
        (Some(f), None) => format!("{}:1:1", f.display),
        (None, _) => "chattools-lint".to_string(),
    };
    // One line each: fold any line break in the message.
    let message = d
        .message
        .get(style.lang)
        .replace("\r\n", " ")
        .replace(['\n', '\r'], " ");
    format!("{place}: {}[{}] {message}", d.severity.as_str(), d.rule)
}
