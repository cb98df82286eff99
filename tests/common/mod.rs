//! Shared test helpers: lay out projects on disk and run the real binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

pub fn bin() -> Command {
    let mut cmd = Command::cargo_bin("chattools-lint").expect("binary built");
    cmd.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        // No cache folders written into fixtures and examples; tests/cache.rs turns it on.
        .env("CHATTOOLS_LINT_NO_CACHE", "1");
    cmd
}

/// A temporary project folder.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        Project {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write a file (creating folders).
    pub fn file(&self, rel: &str, content: impl AsRef<[u8]>) -> &Self {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        self
    }

    /// Write a file of `size` bytes.
    pub fn sized(&self, rel: &str, size: usize) -> &Self {
        self.file(rel, vec![b' '; size])
    }

    /// Create the `.wxml` and `.js` of a page (`pkg/pages/a/index`).
    pub fn page(&self, page: &str) -> &Self {
        self.file(&format!("{page}.wxml"), "<view></view>\n");
        self.file(&format!("{page}.js"), "Page({})\n")
    }

    /// Run the linter here with extra args; returns the output.
    pub fn run(&self, args: &[&str]) -> Output {
        bin().current_dir(self.path()).args(args).output().unwrap()
    }

    /// Run with `--format json` and parse the document.
    pub fn json(&self, args: &[&str]) -> (Value, i32) {
        json_in(self.path(), args)
    }
}

/// Run `--format json` in `dir`; returns the document and the exit code.
pub fn json_in(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = bin()
        .current_dir(dir)
        .args(["--format", "json", "--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (doc, out.status.code().unwrap_or(-1))
}

/// The rule ids of a JSON document's diagnostics, in order.
pub fn rule_ids(doc: &Value) -> Vec<String> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Lay out a project from the examples in a rule's documentation: every fenced block whose
/// info string is `<lang> <path>` becomes that file; a `files` block lists files to create,
/// one per line, as `path` (a small placeholder) or `path <bytes>`.
pub fn layout_example(dir: &Path, markdown: &str) {
    let mut lines = markdown.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let mut body = String::new();
        for l in lines.by_ref() {
            if l.trim_start().starts_with("```") {
                break;
            }
            body.push_str(l);
            body.push('\n');
        }
        let mut words = info.split_whitespace();
        match (words.next(), words.next()) {
            (Some("files"), _) => {
                for entry in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    let mut parts = entry.split_whitespace();
                    let rel = parts.next().unwrap();
                    let p = dir.join(rel);
                    if rel.ends_with('/') {
                        std::fs::create_dir_all(&p).unwrap();
                        continue;
                    }
                    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                    let content = match parts.next() {
                        Some(n) => vec![b' '; n.parse::<usize>().unwrap()],
                        None => placeholder(rel).into_bytes(),
                    };
                    std::fs::write(p, content).unwrap();
                }
            }
            (Some(_), Some(rel)) => {
                let p = dir.join(rel);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, body).unwrap();
            }
            _ => {}
        }
    }
}

fn placeholder(rel: &str) -> String {
    match Path::new(rel).extension().and_then(|e| e.to_str()) {
        Some("json") => "{}\n".into(),
        Some("wxml") => "<view></view>\n".into(),
        Some("js") | Some("ts") => "// placeholder\n".into(),
        _ => String::new(),
    }
}

/// Every fixture case folder: `fixtures/<group>/<name>/{valid,invalid}/<case>/`.
pub fn fixture_cases() -> Vec<(String, bool, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut cases = Vec::new();
    for group in read_dirs(&root) {
        for name in read_dirs(&group) {
            let id = format!(
                "{}/{}",
                group.file_name().unwrap().to_string_lossy(),
                name.file_name().unwrap().to_string_lossy()
            );
            for (kind, invalid) in [("invalid", true), ("valid", false)] {
                for case in read_dirs(&name.join(kind)) {
                    cases.push((id.clone(), invalid, case));
                }
            }
        }
    }
    cases
}

fn read_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The official demo's data (tests/data/miniprogram-demo).
pub fn demo_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/miniprogram-demo")
}

/// Lay out WeChat's official demo in `dir` as a plain clone has it: its project.config.json
/// and app.json; the chat-tool package's files at their listed sizes (the package's real .json
/// files where we have them, `{}` padded with spaces for other .json, spaces for the rest); a
/// placeholder .wxml and .js for every page of the other packages; and the git submodule
/// `packageSkylineExamples` as the empty folder a clone without `--recursive` leaves.
pub fn layout_demo(dir: &Path) {
    let data = demo_data();
    std::fs::copy(
        data.join("project.config.json"),
        dir.join("project.config.json"),
    )
    .unwrap();
    let mp = dir.join("miniprogram");
    std::fs::create_dir_all(&mp).unwrap();
    std::fs::copy(data.join("miniprogram/app.json"), mp.join("app.json")).unwrap();
    let tsv = std::fs::read_to_string(data.join("packageChatTool.files.tsv")).unwrap();
    for line in tsv.lines().filter(|l| !l.trim().is_empty()) {
        let (size, rel) = line.split_once('\t').unwrap();
        let size: usize = size.parse().unwrap();
        let target = dir.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let real = data.join(rel);
        let content = if real.is_file() {
            std::fs::read(&real).unwrap()
        } else if rel.ends_with(".json") {
            let mut c = b"{}".to_vec();
            c.resize(size.max(2), b' ');
            c
        } else {
            vec![b' '; size]
        };
        std::fs::write(&target, content).unwrap();
    }
    let app: Value =
        serde_json::from_str(&std::fs::read_to_string(mp.join("app.json")).unwrap()).unwrap();
    let mut pages: Vec<String> = app["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    for sub in app["subpackages"].as_array().unwrap() {
        let root = sub["root"].as_str().unwrap();
        std::fs::create_dir_all(mp.join(root)).unwrap();
        if root == "packageChatTool" || root == "packageSkylineExamples" {
            continue;
        }
        for p in sub["pages"].as_array().unwrap() {
            pages.push(format!("{root}/{}", p.as_str().unwrap()));
        }
    }
    for page in pages {
        for ext in ["wxml", "js"] {
            let f = mp.join(format!("{page}.{ext}"));
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, "\n").unwrap();
        }
    }
}
