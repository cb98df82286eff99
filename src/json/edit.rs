//! Minimal text edits on a JSON file that rules attach to their diagnostics as fixes. Each edit
//! replaces a byte range of the original text; everything else (indentation, key order, line
//! endings, comments, a BOM) stays byte for byte. A value of another JSON type than the one
//! asked for is left alone (that is `schema/type`'s), and nothing is proposed for a file that did
//! not parse.

use std::ops::Range;

use serde_json::Value;

use super::{escape_token, JsonFile};
use crate::diagnostic::FileEdit;

fn edit(file: &JsonFile, range: Range<usize>, replacement: String) -> FileEdit {
    FileEdit {
        path: file.source.path.clone(),
        range,
        replacement,
    }
}

/// A JSON string literal.
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// Replace the value at `pointer` with the JSON literal of `value`.
pub fn replace_value(file: &JsonFile, pointer: &str, value: &Value) -> Option<Vec<FileEdit>> {
    let node = file.node(pointer)?;
    let literal = serde_json::to_string(value).ok()?;
    Some(vec![edit(file, node.value.clone(), literal)])
}

/// Edits that make member `key` of the object at `obj` equal `value`: replace a value of the
/// same JSON type that differs, insert the member when absent; `None` when it already holds the
/// value, has another type, or the object cannot take a member.
pub fn set_member(file: &JsonFile, obj: &str, key: &str, value: &Value) -> Option<Vec<FileEdit>> {
    let object = file.get(obj)?.as_object()?;
    let pointer = format!("{obj}/{}", escape_token(key));
    if let Some(current) = object.get(key) {
        let same_type = matches!(
            (current, value),
            (Value::Bool(_), Value::Bool(_)) | (Value::String(_), Value::String(_))
        );
        if current == value || !same_type {
            return None;
        }
        return replace_value(file, &pointer, value);
    }
    let literal = serde_json::to_string(value).ok()?;
    insert_member(file, obj, object, key, &literal).map(|e| vec![e])
}

/// Insert `"key": literal` after the textually last member of the object at `obj`, laid out like
/// that member: on its own line with the same indentation and line ending, or inline. In an empty
/// object, right after its `{`.
fn insert_member(
    file: &JsonFile,
    obj: &str,
    object: &serde_json::Map<String, Value>,
    key: &str,
    literal: &str,
) -> Option<FileEdit> {
    let text = &file.source.text;
    let member = |sep: &str| format!("{}{sep}{literal}", json_string(key));
    let Some(last) = object
        .keys()
        .filter_map(|k| file.node(&format!("{obj}/{}", escape_token(k))))
        .max_by_key(|n| n.value.end)
    else {
        let open = file.node(obj)?.value.start;
        if text.get(open..open + 1) != Some("{") {
            return None;
        }
        return Some(edit(file, open + 1..open + 1, member(": ")));
    };
    let key_span = last.key.clone()?;
    let between = text.get(key_span.end..last.value.start)?;
    let sep = if between.contains('/') || between.contains('\n') {
        ": "
    } else {
        between
    };
    let line_start = text[..key_span.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..key_span.start];
    let replacement = if line_start > 0 && indent.chars().all(|c| c == ' ' || c == '\t') {
        let nl = if text[..line_start].ends_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        format!(",{nl}{indent}{}", member(sep))
    } else {
        format!(", {}", member(sep))
    };
    let at = last.value.end;
    Some(edit(file, at..at, replacement))
}

/// Remove the array item at `pointer` (`/a/3`) with the comma that separates it from its
/// neighbour, keeping the layout of the rest of the array.
pub fn remove_array_item(file: &JsonFile, pointer: &str) -> Option<Vec<FileEdit>> {
    let (array, index) = pointer.rsplit_once('/')?;
    let index: usize = index.parse().ok()?;
    let len = file.get(array)?.as_array()?.len();
    let span = |i: usize| file.node(&format!("{array}/{i}")).map(|n| n.value.clone());
    let this = span(index)?;
    let range = if index > 0 {
        // From the end of the previous item: drops `, item` and keeps what follows.
        span(index - 1)?.end..this.end
    } else if len > 1 {
        this.start..span(1)?.start
    } else {
        this
    };
    Some(vec![edit(file, range, String::new())])
}
