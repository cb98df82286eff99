//! `--format junit`: a JUnit XML report, for Jenkins (`junit` step) and GitLab
//! (`artifacts:reports:junit`).
//!
//! One `<testsuite>` per linted project, one `<testcase>` per diagnostic. Errors carry a
//! `<failure>`, so they fail the report; warnings and infos are passing test cases whose
//! `<system-out>` holds the text, so they are visible without failing it. A project without
//! diagnostics gets one passing test case, so that no suite is empty (Jenkins rejects reports
//! without test cases).

use super::{Report, Style};
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::msg;

pub fn render(report: &Report, style: Style) -> String {
    let mut suites = String::new();
    let (mut all_tests, mut all_failures) = (0, 0);
    for p in &report.projects {
        let diags = report
            .diagnostics
            .get(p.diagnostics.clone())
            .unwrap_or_default();
        let failures = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let tests = diags.len().max(1);
        all_tests += tests;
        all_failures += failures;
        suites.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n",
            attr(&p.path)
        ));
        if diags.is_empty() {
            suites.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"/>\n",
                attr(&p.app_json),
                attr(msg!("no problems found", "未发现问题").get(style.lang)),
                attr(&p.app_json)
            ));
        }
        for d in diags {
            suites.push_str(&testcase(d, style.lang));
        }
        suites.push_str("  </testsuite>\n");
    }
    // What could not be linted: one suite whose test cases carry an `<error>` each.
    let all_errors = report.failures.len();
    if all_errors > 0 {
        all_tests += all_errors;
        suites.push_str(&format!(
            "  <testsuite name=\"chattools-lint\" tests=\"{all_errors}\" failures=\"0\" errors=\"{all_errors}\" skipped=\"0\">\n"
        ));
        for f in &report.failures {
            let path = f.path.as_deref().unwrap_or("");
            let message = f.message.get(style.lang);
            suites.push_str(&format!(
                "    <testcase classname=\"chattools-lint\" name=\"{}\">\n      <error type=\"{}\" message=\"{}\">{}</error>\n    </testcase>\n",
                attr(&format!("{} {path}", f.kind)),
                attr(f.kind),
                attr(message),
                text(&format!("{message}\n"))
            ));
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"chattools-lint\" tests=\"{all_tests}\" failures=\"{all_failures}\" errors=\"{all_errors}\">\n\
         {suites}</testsuites>\n"
    )
}

fn testcase(d: &Diagnostic, lang: Lang) -> String {
    let file = d.file.as_ref().map(|f| f.display.as_str()).unwrap_or("");
    let pos = d.position();
    let place = match pos {
        Some((l, c, _, _)) => format!("{file}:{l}:{c}"),
        None => file.to_string(),
    };
    let message = d.message.get(lang);
    let mut body = format!("{}[{}] {message}\n", d.severity.as_str(), d.rule);
    if !place.is_empty() {
        body.push_str(&format!("  --> {place}\n"));
    }
    if let Some(h) = &d.help {
        let help = msg!("help", "提示");
        body.push_str(&format!("  {}: {}\n", help.get(lang), h.get(lang)));
    }
    if let Some(u) = &d.url {
        body.push_str(&format!("  {u}\n"));
    }
    let mut out = format!(
        "    <testcase classname=\"{}\" name=\"{}\"",
        attr(file),
        attr(&format!("{} {place}", d.rule))
    );
    if !file.is_empty() {
        out.push_str(&format!(" file=\"{}\"", attr(file)));
    }
    if let Some((l, ..)) = pos {
        out.push_str(&format!(" line=\"{l}\""));
    }
    out.push_str(">\n");
    if d.severity == Severity::Error {
        out.push_str(&format!(
            "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
            attr(d.rule),
            attr(message),
            text(&body)
        ));
    } else {
        out.push_str(&format!("      <system-out>{}</system-out>\n", text(&body)));
    }
    out.push_str("    </testcase>\n");
    out
}

/// Characters XML 1.0 cannot hold at all become U+FFFD.
fn xml_char(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => Some(c),
        c if (c as u32) < 0x20 => Some('\u{FFFD}'),
        '\u{FFFE}' | '\u{FFFF}' => Some('\u{FFFD}'),
        _ => None,
    }
}

/// Escape element text.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(xml_char(c).unwrap_or(c)),
        }
    }
    out
}

/// Escape an attribute value (double-quoted); line breaks are kept as character references.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(xml_char(c).unwrap_or(c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml() {
        assert_eq!(text("a<b>&c\u{1}"), "a&lt;b&gt;&amp;c\u{FFFD}");
        assert_eq!(attr("\"x\"\n'y'"), "&quot;x&quot;&#10;&apos;y&apos;");
    }
}
