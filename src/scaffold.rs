//! `cargo run --example new-rule -- <group/name> [error|warning|info]`: the skeleton of a new
//! rule — its `.rs` (declaration, a working example check, an in-process test), its `.md` (with an
//! Invalid and a Valid example that `tests/docs.rs` runs), the registry line, and an invalid and a
//! valid fixture. docs/CONTRIBUTING.md walks through it; `tests/scaffold.rs` checks that the
//! output compiles and its example case passes. Not a public API.

use std::path::{Path, PathBuf};

/// What [`new_rule`] wrote or changed, relative to the repository.
pub type Written = Vec<PathBuf>;

/// Write the skeleton of rule `id` (`group/name`, lowercase words joined by `-`) into the
/// repository at `repo`.
pub fn new_rule(repo: &Path, id: &str, severity: &str) -> Result<Written, String> {
    let (group, name) = id
        .split_once('/')
        .filter(|(g, n)| is_kebab(g) && is_kebab(n))
        .ok_or_else(|| format!("`{id}` is not `group/name` in lowercase-kebab-case"))?;
    let severity = match severity {
        "error" => "Error",
        "warning" => "Warning",
        "info" => "Info",
        other => return Err(format!("unknown severity `{other}`")),
    };
    let (group_mod, name_mod) = (group.replace('-', "_"), name.replace('-', "_"));
    let rules = repo.join("src/rules");
    let dir = rules.join(&group_mod);
    let rs = dir.join(format!("{name_mod}.rs"));
    if rs.exists() {
        return Err(format!("{} exists already", rs.display()));
    }
    let mut written = Vec::new();
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let write = |path: PathBuf, text: String, written: &mut Written| -> Result<(), String> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path.strip_prefix(repo).unwrap_or(&path).to_path_buf());
        Ok(())
    };
    write(rs, rule_rs(id, severity, &name_mod), &mut written)?;
    write(dir.join(format!("{name_mod}.md")), rule_md(), &mut written)?;
    for (kind, desc) in [("invalid", "TODO"), ("valid", "群签到")] {
        write(
            repo.join(format!("fixtures/{id}/{kind}/basic/app.json")),
            app_json(desc),
            &mut written,
        )?;
    }
    // The group's mod.rs, and the group in src/rules/mod.rs when it is new.
    let group_rs = dir.join("mod.rs");
    let mut group_text = std::fs::read_to_string(&group_rs).unwrap_or_default();
    if group_text.is_empty() {
        group_text = format!("//! TODO: what the `{group}/*` rules check.\n");
        let mut registry = read(&rules.join("mod.rs"))?;
        let at = registry
            .find("\nuse ")
            .ok_or("no `use` in src/rules/mod.rs")?;
        registry.insert_str(at, &format!("pub mod {group_mod};\n"));
        std::fs::write(rules.join("mod.rs"), registry).map_err(|e| e.to_string())?;
    }
    group_text.push_str(&format!("pub mod {name_mod};\n"));
    write(group_rs, group_text, &mut written)?;
    // The registry line, last in RULES (move it to its place in the catalogue order).
    let mut registry = read(&rules.join("mod.rs"))?;
    let start = registry
        .find("pub static RULES: &[&Rule] = &[")
        .ok_or("no RULES in src/rules/mod.rs")?;
    let end = start + registry[start..].find("\n];").ok_or("RULES has no end")?;
    registry.insert_str(end, &format!("\n    &{group_mod}::{name_mod}::RULE,"));
    std::fs::write(rules.join("mod.rs"), registry).map_err(|e| e.to_string())?;
    written.push(PathBuf::from("src/rules/mod.rs"));
    Ok(written)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn app_json(desc: &str) -> String {
    format!(
        r#"{{
  "pages": [],
  "chatTools": [{{ "root": "packageChatTool", "entryPagePath": "pages/index/index", "desc": "{desc}" }}]
}}
"#
    )
}

fn rule_rs(id: &str, severity: &str, name_mod: &str) -> String {
    let fail = app_json("TODO").replace('\n', " ");
    let pass = app_json("群签到").replace('\n', " ");
    format!(
        r##"use crate::rules::prelude::*;

pub static RULE: Rule = Rule {{
    id: "{id}",
    default_severity: Severity::{severity},
    // TODO: one line each, English and Chinese.
    summary: ("A chatTools `desc` is the placeholder `TODO`", "chatTools 的 `desc` 是占位符 `TODO`"),
    docs: include_str!("{name_mod}.md"),
    check,
    ..Rule::DEFAULT
}};

// TODO: replace this example check with the rule's own.
fn check(ctx: &mut LintContext) {{
    let app = ctx.app();
    for tool in &ctx.model().chat_tools {{
        let pointer = format!("{{}}/desc", tool.pointer);
        if app.get(&pointer).and_then(|v| v.as_str()) != Some("TODO") {{
            continue;
        }}
        ctx.report(
            Diagnostic::new(msg!("`desc` is still `TODO`", "`desc` 仍是 `TODO`"))
                .at(&app.source, app.value_span(&pointer))
                .pointer(pointer)
                .span_label(msg!("a placeholder", "占位符"))
                .help(msg!(
                    "describe what the chat tool does",
                    "请描述聊天工具的功能"
                )),
        );
    }}
}}

#[cfg(test)]
mod tests {{
    use crate::testing::Tester;

    #[test]
    fn example_cases() {{
        Tester::new(&super::RULE)
            .fail(&[("app.json", r#"{fail}"#)])
            .pass(&[("app.json", r#"{pass}"#)])
            .test();
    }}
}}
"##
    )
}

fn rule_md() -> String {
    format!(
        "## What it checks\nTODO: what the rule checks, in a few sentences.\n\n\
         ## Why\nTODO: what goes wrong in WeChat, quoting its documentation or message.\n\n\
         ## Invalid\n```json app.json\n{}```\n\n## Valid\n```json app.json\n{}```\n",
        app_json("TODO"),
        app_json("群签到")
    )
}
