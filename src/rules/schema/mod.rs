//! Shape of the fields this tool reads: reported by `crate::schema` from the embedded JSON Schema.
pub mod r#enum;
pub mod required;
pub mod r#type;
pub mod unknown_key;
