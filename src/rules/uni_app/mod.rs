//! uni-app sources: what its build does to pages.json and manifest.json.
pub mod dropped_key;
