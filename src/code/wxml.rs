//! A small, tolerant WXML tokenizer: start tags with their attributes and byte spans. It never
//! fails: whatever it cannot make sense of is skipped. It understands comments, `{{ }}`
//! expressions (which may hold `<`, `>` and quotes), quoted, unquoted and valueless attributes,
//! and skips the content of `<wxs>` (JavaScript, not markup).

use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Element {
    /// As written (WXML tag names are case-sensitive).
    pub name: String,
    pub name_span: Range<usize>,
    pub attrs: Vec<Attr>,
}

#[derive(Debug, Clone)]
pub struct Attr {
    pub name: String,
    pub name_span: Range<usize>,
    /// The value without its quotes; `None` for a valueless attribute.
    pub value: Option<String>,
    /// The value's span without quotes (the name's span when valueless).
    pub value_span: Range<usize>,
    /// The whole attribute, name through closing quote.
    pub span: Range<usize>,
}

impl Attr {
    /// Whether the value holds a `{{ }}` expression (known only at run time).
    pub fn is_dynamic(&self) -> bool {
        self.value.as_deref().is_some_and(|v| v.contains("{{"))
    }

    /// The value when it is static (no `{{ }}`), trimmed.
    pub fn static_value(&self) -> Option<&str> {
        match &self.value {
            Some(v) if !v.contains("{{") => Some(v.trim()),
            None => Some(""),
            _ => None,
        }
    }
}

impl Attr {
    /// The path part of a url attribute when it is known: the static value, or the static
    /// start of a value with `{{ }}` when it already reaches the query (`?`) or fragment (`#`).
    pub fn url_path(&self) -> Option<&str> {
        let v = self.value.as_deref()?.trim();
        match v.find("{{") {
            None => Some(v.split(['?', '#']).next().unwrap_or("")),
            Some(i) => v[..i].find(['?', '#']).map(|j| &v[..j]),
        }
    }
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.') || b >= 0x80
}

/// Whether an attribute name ends at `i`: whitespace, `=`, `>`, `<` or `/>`.
fn ends_name(b: &[u8], i: usize) -> bool {
    b[i].is_ascii_whitespace()
        || matches!(b[i], b'=' | b'>' | b'<')
        || (b[i] == b'/' && b.get(i + 1) == Some(&b'>'))
}

/// Find `needle` at or after `from`; the end of the text when absent.
fn find(text: &[u8], from: usize, needle: &[u8]) -> usize {
    if from >= text.len() {
        return text.len();
    }
    text[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map_or(text.len(), |p| from + p)
}

/// Skip a `{{ … }}` starting at `i` (which points at `{{`); returns the index after `}}`.
fn skip_mustache(text: &[u8], i: usize) -> usize {
    (find(text, i + 2, b"}}") + 2).min(text.len())
}

/// Every start tag of a WXML text, in order.
pub fn parse(text: &str) -> Vec<Element> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' if b[i..].starts_with(b"{{") => i = skip_mustache(b, i),
            b'<' if b[i..].starts_with(b"<!--") => i = (find(b, i + 4, b"-->") + 3).min(b.len()),
            b'<' if b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) => {
                let (el, end, self_closing) = start_tag(text, i);
                i = end;
                if el.name == "wxs" && !self_closing {
                    i = find(b, i, b"</wxs");
                }
                out.push(el);
            }
            _ => i += 1,
        }
    }
    out
}

/// Parse a start tag at `start` (`<`). Returns the element, the index after it, and whether it
/// closed itself (`/>`).
fn start_tag(text: &str, start: usize) -> (Element, usize, bool) {
    let b = text.as_bytes();
    let mut i = start + 1;
    while i < b.len() && is_name_byte(b[i]) {
        i += 1;
    }
    let mut el = Element {
        name: text[start + 1..i].to_string(),
        name_span: start + 1..i,
        attrs: Vec::new(),
    };
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            return (el, i, false);
        }
        match b[i] {
            b'>' => return (el, i + 1, false),
            b'/' if b.get(i + 1) == Some(&b'>') => return (el, i + 2, true),
            b'<' => return (el, i, false), // an unclosed tag: let the caller see the next one
            b'{' if b[i..].starts_with(b"{{") => {
                i = skip_mustache(b, i);
                continue;
            }
            _ => {}
        }
        // An attribute name: up to whitespace, `=`, `>` or `/>`.
        let name_start = i;
        while i < b.len() && !ends_name(b, i) {
            i += 1;
        }
        if i == name_start {
            i += 1; // a stray `/` or similar
            continue;
        }
        let name_span = name_start..i;
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) != Some(&b'=') {
            el.attrs.push(Attr {
                name: text[name_span.clone()].to_string(),
                value: None,
                value_span: name_span.clone(),
                span: name_span.clone(),
                name_span,
            });
            continue;
        }
        j += 1;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let (value_span, next) = match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let vstart = j + 1;
                let mut k = vstart;
                while k < b.len() && b[k] != q {
                    if b[k..].starts_with(b"{{") {
                        k = skip_mustache(b, k);
                    } else {
                        k += 1;
                    }
                }
                let vend = k.min(b.len());
                (vstart..vend, (k + 1).min(b.len()))
            }
            _ => {
                let vstart = j;
                let mut k = j;
                while k < b.len()
                    && !b[k].is_ascii_whitespace()
                    && b[k] != b'>'
                    && !(b[k] == b'/' && b.get(k + 1) == Some(&b'>'))
                {
                    if b[k..].starts_with(b"{{") {
                        k = skip_mustache(b, k);
                    } else {
                        k += 1;
                    }
                }
                let k = k.min(b.len());
                (vstart..k, k)
            }
        };
        el.attrs.push(Attr {
            name: text[name_span.clone()].to_string(),
            value: text.get(value_span.clone()).map(str::to_string),
            value_span,
            span: name_span.start..next,
            name_span,
        });
        i = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_attributes_and_spans() {
        let text = r#"<!-- <ad/> --><view class="a {{ x > 1 ? "b" : 'c' }}" hidden data-x={{y}} bind:tap=go>
  {{ a < b }} <button open-type="share" /><wxs module="m">var s = "<ad>";</wxs><ad-custom unit-id='1'></ad-custom>"#;
        let els = parse(text);
        let names: Vec<&str> = els.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["view", "button", "wxs", "ad-custom"]);
        let view = &els[0];
        assert_eq!(&text[view.name_span.clone()], "view");
        assert_eq!(view.attrs.len(), 4);
        assert!(view.attr("class").unwrap().is_dynamic());
        assert_eq!(view.attr("hidden").unwrap().value, None);
        assert_eq!(view.attr("data-x").unwrap().value.as_deref(), Some("{{y}}"));
        assert_eq!(view.attr("bind:tap").unwrap().static_value(), Some("go"));
        let share = els[1].attr("open-type").unwrap();
        assert_eq!(&text[share.value_span.clone()], "share");
        assert_eq!(&text[share.span.clone()], r#"open-type="share""#);
        assert_eq!(els[3].attr("unit-id").unwrap().static_value(), Some("1"));
    }

    #[test]
    fn survives_garbage() {
        for text in [
            "<",
            "<a",
            "<a b=",
            "<a b=\"",
            "<a {{",
            "<!--",
            "<a b='{{'>",
            "<wxs>",
        ] {
            let _ = parse(text);
        }
        assert_eq!(parse("<a b=\"x\" <c>").len(), 2);
    }
}
