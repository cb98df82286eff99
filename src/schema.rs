//! The embedded JSON Schema of app.json (`schemas/app.schema.json`), compiled once. The
//! `schema/*` rules (src/rules/schema/) turn each validation error into a diagnostic.

use std::sync::LazyLock;

use jsonschema::{ValidationError, Validator};
use serde_json::Value;

/// The published schema (`schemas/app.schema.json`), as embedded.
pub const APP_SCHEMA: &str = include_str!("../schemas/app.schema.json");

/// The schema as a JSON value.
pub static APP_SCHEMA_VALUE: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(APP_SCHEMA).expect("schemas/app.schema.json is valid JSON (tested)")
});

static VALIDATOR: LazyLock<Validator> = LazyLock::new(|| {
    jsonschema::draft7::new(&APP_SCHEMA_VALUE)
        .expect("schemas/app.schema.json is a valid draft-07 schema (tested)")
});

/// Every way `app` does not match the schema.
pub fn errors(app: &Value) -> impl Iterator<Item = ValidationError<'_>> {
    VALIDATOR.iter_errors(app)
}

/// A JSON pointer as a reader writes it: `/chatTools/0/root` → `chatTools[0].root`,
/// `/permission/scope.userLocation` → `permission["scope.userLocation"]`, `` → `app.json`.
pub fn readable(pointer: &str) -> String {
    if pointer.is_empty() {
        return "app.json".to_string();
    }
    let mut out = String::new();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{token}]"));
        } else if !token.is_empty()
            && token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        } else {
            out.push_str(&format!("[{}]", Value::String(token)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_pointers() {
        assert_eq!(readable(""), "app.json");
        assert_eq!(readable("/chatTools/0/root"), "chatTools[0].root");
        assert_eq!(
            readable("/permission/scope.userLocation/desc"),
            "permission[\"scope.userLocation\"].desc"
        );
        assert_eq!(readable("/a~1b"), "[\"a/b\"]");
    }
}
