//! Unsaved editor buffers (`chattools-lint lsp`): text that stands in for a file's content on
//! disk. The project loader, the JSON reader and the code scan ask it before reading a file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone)]
pub struct Overlay {
    files: HashMap<PathBuf, String>,
    /// The same files by canonical path, for a path spelt another way (a symlinked folder).
    canonical: HashMap<PathBuf, PathBuf>,
}

impl Overlay {
    pub fn new(files: HashMap<PathBuf, String>) -> Overlay {
        let canonical = files
            .keys()
            .filter_map(|p| Some((p.canonicalize().ok()?, p.clone())))
            .collect();
        Overlay { files, canonical }
    }

    /// The editor's text for a file, when it has one.
    pub fn get(&self, path: &Path) -> Option<&str> {
        if self.files.is_empty() {
            return None;
        }
        if let Some(text) = self.files.get(path) {
            return Some(text);
        }
        let key = self.canonical.get(&path.canonicalize().ok()?)?;
        self.files.get(key).map(String::as_str)
    }
}
