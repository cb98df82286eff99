//! Positions and edits: byte offsets to LSP positions (UTF-16 code units), a rule's fix as a
//! workspace edit, and "disable this rule in chattools-lint.json".

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use lsp_types::{
    CreateFile, CreateFileOptions, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, ResourceOp, TextDocumentEdit, TextEdit, Url,
    WorkspaceEdit,
};
use serde_json::Value;

use crate::config::CONFIG_FILE;
use crate::json::{escape_token, JsonFile};

/// Line starts of a text, to turn byte offsets into LSP positions.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The position of a byte offset: line, and UTF-16 code units from the line's start (what
    /// the protocol counts by default). Editors do not show a byte-order mark as a character.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &self.text[self.starts[line]..offset];
        let before = if line == 0 {
            before.strip_prefix('\u{feff}').unwrap_or(before)
        } else {
            before
        };
        Position::new(line as u32, before.encode_utf16().count() as u32)
    }

    pub fn range(&self, span: &Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(self.position(span.start), self.position(span.end))
    }
}

/// A URI for a path: the one the client used when the document is open, else a `file:` URI.
pub fn uri_for(path: &Path, open: &HashMap<std::path::PathBuf, Url>) -> Option<Url> {
    open.get(path)
        .cloned()
        .or_else(|| Url::from_file_path(path).ok())
}

fn edit_at(text: &str, span: Range<usize>, new_text: String) -> TextEdit {
    TextEdit {
        range: LineIndex::new(text).range(&span),
        new_text,
    }
}

/// A rule's fix as a workspace edit. `text_of` gives the text the fix's byte ranges refer to.
pub fn fix_edit(
    fix: &crate::diagnostic::Fix,
    text_of: &mut dyn FnMut(&Path) -> Option<String>,
    open: &HashMap<std::path::PathBuf, Url>,
) -> Option<WorkspaceEdit> {
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for e in &fix.edits {
        let text = text_of(&e.path)?;
        let uri = uri_for(&e.path, open)?;
        changes.entry(uri).or_default().push(edit_at(
            &text,
            e.range.clone(),
            e.replacement.clone(),
        ));
    }
    Some(WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    })
}

/// Where to insert a new member first in an object: before its first key, keeping the layout
/// (`"new": …,\n<indent>` when the first key starts a line, `"new": …, ` otherwise).
fn insert_first(
    text: &str,
    file: &JsonFile,
    object: &str,
    first_key: &str,
    member: &str,
) -> TextEdit {
    let pointer = format!("{object}/{}", escape_token(first_key));
    let at = file.key_span(&pointer).start;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..at];
    let sep = if indent.trim().is_empty() {
        format!(",\n{indent}")
    } else {
        ", ".to_string()
    };
    edit_at(text, at..at, format!("{member}{sep}"))
}

/// The edit that sets `rule` to `"off"` in a configuration file's text; `None` when the file is
/// not a JSON object with a `rules` object (or none): its own diagnostics say what is wrong.
pub fn disable_in_config(path: &Path, text: &str, rule: &str) -> Option<TextEdit> {
    let file = JsonFile::parse_text(path, text.to_string());
    if !file.issues.is_empty() {
        return None;
    }
    let root = file.value.as_ref()?.as_object()?;
    let entry = format!("\"{rule}\": \"off\"");
    match root.get("rules") {
        Some(Value::Object(rules)) => {
            let pointer = format!("/rules/{}", escape_token(rule));
            if rules.contains_key(rule) {
                return Some(edit_at(text, file.value_span(&pointer), "\"off\"".into()));
            }
            match rules.keys().next() {
                Some(first) => Some(insert_first(text, &file, "/rules", first, &entry)),
                None => Some(edit_at(
                    text,
                    file.value_span("/rules"),
                    format!("{{ {entry} }}"),
                )),
            }
        }
        Some(_) => None,
        None => {
            let member = format!("\"rules\": {{ {entry} }}");
            match root.keys().next() {
                Some(first) => Some(insert_first(text, &file, "", first, &member)),
                None => Some(edit_at(
                    text,
                    file.value_span(""),
                    format!("{{ {member} }}"),
                )),
            }
        }
    }
}

/// A new chattools-lint.json in `dir` turning `rule` off (the client must support creating
/// files in a workspace edit).
pub fn create_config(dir: &Path, rule: &str) -> Option<WorkspaceEdit> {
    let uri = Url::from_file_path(dir.join(CONFIG_FILE)).ok()?;
    let text = format!("{{\n  \"rules\": {{\n    \"{rule}\": \"off\"\n  }}\n}}\n");
    Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(vec![
            DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                uri: uri.clone(),
                options: Some(CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            })),
            DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: vec![OneOf::Left(TextEdit {
                    range: lsp_types::Range::default(),
                    new_text: text,
                })],
            }),
        ])),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, e: &TextEdit) -> String {
        // Test texts are ASCII: UTF-16 columns are byte columns.
        let idx = LineIndex::new(text);
        let offset = |p: Position| {
            (0..=text.len())
                .find(|&i| text.is_char_boundary(i) && idx.position(i) == p)
                .unwrap()
        };
        let (s, t) = (offset(e.range.start), offset(e.range.end));
        format!("{}{}{}", &text[..s], e.new_text, &text[t..])
    }

    fn disabled(text: &str) -> Option<String> {
        let e = disable_in_config(Path::new("/p/chattools-lint.json"), text, "chat-tools/desc")?;
        let out = apply(text, &e);
        let v: Value = serde_json::from_str(&out).expect("the edit keeps the file strict JSON");
        assert_eq!(v["rules"]["chat-tools/desc"], "off", "{out}");
        Some(out)
    }

    #[test]
    fn utf16_positions_count_surrogate_pairs_and_skip_a_bom() {
        let text = "\u{feff}{\"a\": \"聊天😀\", \"b\": 1}\nx";
        let idx = LineIndex::new(text);
        let b = text.find("\"b\"").unwrap();
        // `{"a": "` = 7 units, 聊天 = 2, 😀 = 2 (a surrogate pair), `", ` = 3.
        assert_eq!(idx.position(b), Position::new(0, 14));
        assert_eq!(idx.position(text.len()), Position::new(1, 1));
        // Inside a character: its start.
        assert_eq!(
            idx.position(text.find('😀').unwrap() + 1),
            Position::new(0, 9)
        );
    }

    #[test]
    fn disable_edits_keep_layout_and_strict_json() {
        let out = disabled("{\n  \"rules\": {\n    \"chat-tools/x\": \"error\"\n  }\n}\n").unwrap();
        assert!(
            out.contains("\n    \"chat-tools/desc\": \"off\",\n    \"chat-tools/x\""),
            "{out}"
        );
        disabled("{\"rules\": {\"chat-tools/desc\": [\"error\", {\"words\": []}]}}").unwrap();
        disabled("{\"rules\": {}}").unwrap();
        let out = disabled("{\n  \"ignore\": [\"dist\"]\n}").unwrap();
        assert!(out.starts_with("{\n  \"rules\": {"), "{out}");
        disabled("{}").unwrap();
        // A broken file is left to its own diagnostics.
        assert!(disabled("{\"rules\": {},}").is_none());
        assert!(disabled("{\"rules\": []}").is_none());
    }
}
