//! chattools-lint: a linter for WeChat mini program chat tools (聊天工具模式).
//!
//! Data flows one way: find the project (`project`) → read JSON with spans (`json`) → check
//! shape (`schema`) → run rules (`rules`) → render (`output`).

pub mod cache;
pub mod cli;
pub mod code;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod facts;
pub mod fix;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod init;
pub mod json;
pub mod lint;
pub mod lsp;
pub mod output;
pub mod overlay;
pub mod package;
pub mod parallel;
pub mod paths;
pub mod project;
pub mod rules;
mod run;
#[doc(hidden)]
pub mod scaffold;
pub mod schema;
#[doc(hidden)]
pub mod testing;
pub mod wechat;

pub use run::run;
