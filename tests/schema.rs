//! The JSON Schema in `schemas/` is the one the binary embeds, is a valid draft-07 schema usable
//! by editors on its own (bilingual descriptions), and only uses keywords `src/schema.rs` turns
//! into our own diagnostics.

use std::path::Path;

use serde_json::Value;

fn published() -> (String, Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/app.schema.json");
    let text = std::fs::read_to_string(&path).expect("schemas/app.schema.json");
    let value = serde_json::from_str(&text).expect("the published schema is JSON");
    (text, value)
}

#[test]
fn embedded_schema_is_the_published_file() {
    let (text, _) = published();
    assert_eq!(
        chattools_lint::schema::APP_SCHEMA,
        text,
        "the embedded schema differs from schemas/app.schema.json"
    );
}

#[test]
fn published_schema_is_valid_draft_07() {
    let (_, schema) = published();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert!(schema["$id"]
        .as_str()
        .is_some_and(|id| id.ends_with("app.schema.json")));
    if let Err(e) = jsonschema::draft7::meta::validate(&schema) {
        panic!("not a valid draft-07 schema: {e} at {}", e.instance_path());
    }
    jsonschema::draft7::new(&schema).expect("compiles");
}

/// Every schema object, with its pointer.
fn walk<'a>(v: &'a Value, pointer: String, out: &mut Vec<(String, &'a Value)>) {
    let Some(obj) = v.as_object() else { return };
    out.push((pointer.clone(), v));
    for (key, child) in obj {
        match key.as_str() {
            "properties" | "definitions" => {
                for (name, sub) in child.as_object().into_iter().flatten() {
                    walk(sub, format!("{pointer}/{key}/{name}"), out);
                }
            }
            "items" | "additionalProperties" => walk(child, format!("{pointer}/{key}"), out),
            _ => {}
        }
    }
}

#[test]
fn schema_uses_only_keywords_we_report_in_our_words() {
    let (_, schema) = published();
    let mut nodes = Vec::new();
    walk(&schema, String::new(), &mut nodes);
    let allowed = [
        "$schema",
        "$id",
        "$ref",
        "title",
        "description",
        "type",
        "properties",
        "items",
        "required",
        "additionalProperties",
        "enum",
        "const",
        "definitions",
    ];
    for (pointer, node) in &nodes {
        for key in node.as_object().unwrap().keys() {
            assert!(
                allowed.contains(&key.as_str()),
                "{pointer}: keyword `{key}` has no mapping to a schema/* rule in src/schema.rs"
            );
        }
    }
}

#[test]
fn every_property_is_described_in_english_and_chinese() {
    let (_, schema) = published();
    let mut nodes = Vec::new();
    walk(&schema, String::new(), &mut nodes);
    let mut checked = 0;
    for (pointer, node) in &nodes {
        // A property (`…/properties/<name>`) or a definition.
        if !matches!(
            pointer.rsplit('/').nth(1),
            Some("properties" | "definitions")
        ) {
            continue;
        }
        let desc = node["description"].as_str().unwrap_or_default();
        let (en, zh) = desc
            .split_once(" / ")
            .unwrap_or_else(|| panic!("{pointer}: description is not `English. / 中文。`"));
        assert!(
            en.chars().filter(|c| c.is_ascii_alphabetic()).count() > 5,
            "{pointer}: no English in `{en}`"
        );
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{pointer}: no Chinese in `{zh}`"
        );
        checked += 1;
    }
    assert!(checked > 30, "only {checked} properties described");
}

#[test]
fn only_chat_tool_and_subpackage_items_reject_unknown_keys() {
    let (_, schema) = published();
    let mut nodes = Vec::new();
    walk(&schema, String::new(), &mut nodes);
    let closed: Vec<&str> = nodes
        .iter()
        .filter(|(_, n)| n["additionalProperties"] == Value::Bool(false))
        .map(|(p, _)| p.as_str())
        .collect();
    assert_eq!(closed, ["/definitions/subPackage", "/definitions/chatTool"]);
}
