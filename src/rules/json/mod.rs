//! Reading JSON files: reported by the span-keeping reader in `crate::json`.
pub mod duplicate_key;
pub mod syntax;
