//! The folder layout tells the data flow, and every import points down it (issue 9): find the
//! project → read facts → run rules → stamp and filter → fix or render, with the front ends on
//! top. This test reads each source file (its code before any `#[cfg(test)]` part: tests may drive
//! the whole pipeline) and checks that every `crate::…` path names a module at its own layer or
//! below. A new module needs a line in LAYERS.

use std::path::Path;

/// Lowest first. Modules on one line are one layer.
const LAYERS: &[&[&str]] = &[
    &["i18n", "msg", "paths", "overlay", "record"],
    &["diagnostic", "parallel"],
    &["json"],
    &["project"],
    &["package"],
    &["code"],
    &["wechat"],
    &["schema"],
    &["facts"],
    &["rules"],
    &["config"],
    &["lint"],
    &["fix", "cache"],
    &["output"],
    &[
        "discover", "init", "lsp", "run", "cli", "testing", "scaffold", "fuzzing",
    ],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The module a file belongs to: its first folder or file name under src/; the cache's recorder
/// (`cache/record.rs`), which every reader uses, is a module of its own.
fn module_of(rel: &str) -> String {
    if rel == "cache/record.rs" {
        return "record".into();
    }
    rel.split(['/', '.']).next().unwrap_or_default().to_string()
}

fn visit(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn imports_point_down_the_data_flow() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    visit(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "lib.rs" || rel == "main.rs" {
            continue;
        }
        let own = module_of(&rel);
        let Some(own_layer) = layer(&own) else {
            problems.push(format!("src/{rel}: module `{own}` has no layer in LAYERS"));
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let target = if name == "cache" && rest.starts_with("cache::record") {
                "record".to_string()
            } else {
                name
            };
            if target == own || target.is_empty() {
                continue;
            }
            match layer(&target) {
                Some(l) if l <= own_layer => {}
                Some(_) => problems.push(format!(
                    "src/{rel}: `{own}` imports `{target}`, which is above it in the data flow"
                )),
                None => problems.push(format!("src/{rel}: `crate::{target}` has no layer")),
            }
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
