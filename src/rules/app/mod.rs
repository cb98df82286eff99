//! App-level settings of app.json.
pub mod entry_page_path;
