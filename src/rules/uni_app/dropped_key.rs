use std::ops::Range;

use crate::diagnostic::{FileEdit, Fix};
use crate::json::JsonFile;
use crate::project::uni_app::{DROPPED_KEYS, MANIFEST_JSON, MP_WEIXIN, PAGES_JSON};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "uni-app/dropped-key",
    default_severity: Severity::Error,
    summary: (
        "pages.json holds a key (chatTools, lazyCodeLoading…) that uni-app's build drops from app.json",
        "pages.json 中的键（chatTools、lazyCodeLoading 等）会在 uni-app 编译时被丢弃，不会写入 app.json",
    ),
    docs: include_str!("dropped_key.md"),
    docs_zh: include_str!("dropped_key.zh.md"),
    check,
    fixable: true,
    ..Rule::DEFAULT
};

fn check(ctx: &mut LintContext) {
    let Some(sources) = &ctx.project.sources else {
        return;
    };
    let (Some(pages), manifest) = (
        sources.json_named(PAGES_JSON),
        sources.json_named(MANIFEST_JSON),
    ) else {
        return;
    };
    let Some(top) = pages.value.as_ref().and_then(|v| v.as_object()) else {
        return;
    };
    for key in DROPPED_KEYS {
        if !top.contains_key(*key) {
            continue;
        }
        let pointer = format!("/{key}");
        let in_manifest = manifest
            .and_then(|m| m.get(&format!("/{MP_WEIXIN}/{key}")))
            .is_some();
        let help = if in_manifest {
            msg!(
                "manifest.json → \"mp-weixin\" already has `{key}`, which is what the build uses: remove this one from pages.json",
                "manifest.json → \"mp-weixin\" 中已有 `{key}`，编译使用的是那一份：请删除 pages.json 中的这一份"
            )
        } else {
            msg!(
                "move `{key}` into manifest.json under \"mp-weixin\": uni-app merges the keys there into app.json",
                "请把 `{key}` 移到 manifest.json 的 \"mp-weixin\" 下：uni-app 会把那里的键合并进 app.json"
            )
        };
        let mut d = Diagnostic::new(msg!(
            "`{key}` in pages.json never reaches app.json: uni-app's build drops it",
            "pages.json 中的 `{key}` 不会写入 app.json：uni-app 编译时会丢弃它"
        ))
        .at(&pages.source, pages.key_span(&pointer))
        .pointer(pointer.clone())
        .span_label(if *key == "chatTools" {
            msg!(
                "dropped: the chat tool disappears from the build",
                "被丢弃：编译结果中没有聊天工具"
            )
        } else {
            msg!("dropped from app.json", "不会写入 app.json")
        })
        .help(help);
        if let (Some(manifest), false) = (manifest, in_manifest) {
            if let Some(fix) = move_fix(pages, manifest, key) {
                d = d.fix(fix);
            }
        }
        ctx.report(d);
    }
}

/// Move the member `key` from pages.json's top level to the start of manifest.json's
/// "mp-weixin" object, its value's text as written. `None` when either place is not plain.
fn move_fix(pages: &JsonFile, manifest: &JsonFile, key: &str) -> Option<Fix> {
    if pages.value.is_none() || manifest.value.is_none() {
        return None;
    }
    let node = pages.node(&format!("/{key}"))?;
    let key_span = node.key.clone()?;
    let text = &pages.source.text;
    let remove = member_removal(text, key_span.start..node.value.end)?;
    // The value as written, its later lines re-indented for its new place.
    let indent_of = |t: &str, at: usize| -> String {
        let ls = t[..at].rfind('\n').map_or(0, |i| i + 1);
        let ind = &t[ls..at];
        if ind.trim().is_empty() {
            ind.to_string()
        } else {
            String::new()
        }
    };
    let from_indent = indent_of(text, key_span.start);

    let mp = manifest.node(&format!("/{MP_WEIXIN}"))?;
    if !manifest.get(&format!("/{MP_WEIXIN}"))?.is_object() {
        return None;
    }
    let mtext = &manifest.source.text;
    let open = mp.value.start; // `{`
    let inner = &mtext[open + 1..mp.value.end - 1];
    let to_indent = inner
        .find(|c: char| !c.is_whitespace())
        .map(|p| indent_of(mtext, open + 1 + p))
        .unwrap_or_default();
    let value_text = text[node.value.clone()]
        .split('\n')
        .enumerate()
        .map(|(i, line)| match line.strip_prefix(from_indent.as_str()) {
            Some(rest) if i > 0 => format!("{to_indent}{rest}"),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let member = format!("\"{key}\": {value_text}");
    let insert = if inner.trim().is_empty() {
        FileEdit {
            path: manifest.source.path.clone(),
            range: open + 1..mp.value.end - 1,
            replacement: member,
        }
    } else {
        // Before the first member, with its indentation.
        let first = open + 1 + inner.find(|c: char| !c.is_whitespace())?;
        let line_start = mtext[..first].rfind('\n').map_or(0, |i| i + 1);
        let indent = &mtext[line_start..first];
        let sep = if indent.trim().is_empty() && line_start > open {
            format!(",\n{indent}")
        } else {
            ", ".to_string()
        };
        FileEdit {
            path: manifest.source.path.clone(),
            range: first..first,
            replacement: format!("{member}{sep}"),
        }
    };
    Some(Fix {
        title: msg!(
            "move `{key}` from pages.json to manifest.json → \"mp-weixin\"",
            "把 `{key}` 从 pages.json 移到 manifest.json → \"mp-weixin\""
        ),
        edits: vec![
            FileEdit {
                path: pages.source.path.clone(),
                range: remove,
                replacement: String::new(),
            },
            insert,
        ],
    })
}

/// The range that removes an object member (`member`: key start to value end) with its
/// comma: the following one and the blank up to the next member, else the preceding one.
/// `None` when a comment sits in the way (not a plain edit).
fn member_removal(text: &str, member: Range<usize>) -> Option<Range<usize>> {
    let after = &text[member.end..];
    let skip = after.len() - after.trim_start().len();
    if after[skip..].starts_with(',') {
        let rest = &after[skip + 1..];
        let blank = rest.len() - rest.trim_start().len();
        let next = member.end + skip + 1 + blank;
        if text[next..].starts_with("//") || text[next..].starts_with("/*") {
            return None;
        }
        // Keep the line break and indentation before the next member: take this member's own.
        let line_start = text[..member.start].rfind('\n').map_or(0, |i| i + 1);
        if text[line_start..member.start].trim().is_empty() && rest[..blank].contains('\n') {
            let next_line = text[..next].rfind('\n').map_or(0, |i| i + 1);
            return Some(line_start..next_line);
        }
        return Some(member.start..next);
    }
    // The last member: remove from the preceding comma (and a trailing one after it).
    let before = text[..member.start].trim_end();
    if !before.ends_with(',') {
        // The only member.
        return Some(member.start..member.end + skip);
    }
    let mut end = member.end;
    if after[skip..].starts_with(',') {
        end += skip + 1;
    }
    Some(before.len() - 1..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn apply(text: &str, r: Range<usize>, with: &str) -> String {
        format!("{}{with}{}", &text[..r.start], &text[r.end..])
    }

    #[test]
    fn removes_members_with_their_comma() {
        let text = "{\n  \"pages\": [],\n  \"chatTools\": [1],\n  \"x\": 1\n}\n";
        let start = text.find("\"chatTools\"").unwrap();
        let end = text.find("[1]").unwrap() + 3;
        let r = member_removal(text, start..end).unwrap();
        assert_eq!(apply(text, r, ""), "{\n  \"pages\": [],\n  \"x\": 1\n}\n");
        let last = "{\n  \"pages\": [],\n  \"chatTools\": [1]\n}\n";
        let start = last.find("\"chatTools\"").unwrap();
        let end = last.find("[1]").unwrap() + 3;
        let r = member_removal(last, start..end).unwrap();
        assert_eq!(apply(last, r, ""), "{\n  \"pages\": []\n}\n");
    }

    #[test]
    fn moves_the_key_into_mp_weixin() {
        let pages = JsonFile::parse_text(
            Path::new("pages.json"),
            "{\n  // pages\n  \"pages\": [],\n  \"chatTools\": [{ \"root\": \"pkg\" }],\n}\n"
                .into(),
        );
        let manifest = JsonFile::parse_text(
            Path::new("manifest.json"),
            "{\n  \"mp-weixin\": {\n    \"appid\": \"wx1\"\n  }\n}\n".into(),
        );
        let fix = move_fix(&pages, &manifest, "chatTools").unwrap();
        let p = &fix.edits[0];
        assert_eq!(
            apply(&pages.source.text, p.range.clone(), &p.replacement),
            "{\n  // pages\n  \"pages\": [],\n}\n"
        );
        let m = &fix.edits[1];
        assert_eq!(
            apply(&manifest.source.text, m.range.clone(), &m.replacement),
            "{\n  \"mp-weixin\": {\n    \"chatTools\": [{ \"root\": \"pkg\" }],\n    \"appid\": \"wx1\"\n  }\n}\n"
        );
        let empty =
            JsonFile::parse_text(Path::new("manifest.json"), "{ \"mp-weixin\": {} }".into());
        let fix = move_fix(&pages, &empty, "chatTools").unwrap();
        let m = &fix.edits[1];
        assert_eq!(
            apply(&empty.source.text, m.range.clone(), &m.replacement),
            "{ \"mp-weixin\": {\"chatTools\": [{ \"root\": \"pkg\" }]} }"
        );
    }
}
