use std::ops::Range;

use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/desc",
    default_severity: Severity::Warning,
    summary: (
        "chatTools desc is empty or contains marketing wording",
        "chatTools 的 desc 为空或含有营销用语",
    ),
    docs: include_str!("desc.md"),
    check,
    options: Some(&Options::<DescOptions>::DECLARE),
    ..Rule::DEFAULT
};

#[derive(Debug, Default, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct DescOptions {
    /// Marketing words that `desc` must not contain; replaces the built-in list. `desc` 中不得出现的营销用语；会替换内置列表。
    pub words: Option<Vec<String>>,
}

/// Wording WeChat's review reads as marketing ("不得包含虚假、营销信息"): superlatives and
/// giveaway or rush-sale bait. Replaced by the option `words` (an array of strings).
/// Latin words match case-insensitively and as whole words (`free` does not match `Freestyle`).
pub const DEFAULT_WORDS: &[&str] = &[
    "最好",
    "最佳",
    "全网第一",
    "排名第一",
    "官方推荐",
    "免费领",
    "点击领取",
    "红包",
    "抽奖",
    "返现",
    "秒杀",
    "限时",
    "100%",
    "best",
    "free",
    "No.1",
    "giveaway",
    "cashback",
    "guaranteed",
];

const GUIDE: (&str, &str) = (
    "the guide: \"desc 字段请按照自己的功能设计填写，不得包含虚假、营销信息\" (describe what the tool does; no false or marketing claims), otherwise the review may fail",
    "官方文档：“desc 字段请按照自己的功能设计填写，不得包含虚假、营销信息……否则将影响小程序审核的结果”",
);

fn check(ctx: &mut LintContext) {
    let model = ctx.model();
    let app = ctx.app();
    let (guide_en, guide_zh) = GUIDE;
    let DescOptions { words: configured } = ctx.options();
    let words: Vec<&str> = match &configured {
        Some(list) => list
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
            .collect(),
        None => DEFAULT_WORDS.to_vec(),
    };
    for tool in &model.chat_tools {
        let Some(desc) = tool.desc.as_deref() else {
            continue; // schema/required or schema/type
        };
        let pointer = format!("{}/desc", tool.pointer);
        let value_span = app.value_span(&pointer);
        if desc.trim().is_empty() {
            ctx.report(
                Diagnostic::new(msg!(
                    "the chat tool's `desc` is empty",
                    "聊天工具的 `desc` 为空"
                ))
                .at(&app.source, value_span)
                .pointer(pointer)
                .span_label(msg!("empty description", "描述为空"))
                .help(msg!(
                    "say in a few words what the chat tool does, e.g. \"群接龙：收集群成员的报名\"; {guide_en}",
                    "用一句话说明聊天工具的功能，例如“群接龙：收集群成员的报名”；{guide_zh}"
                )),
            );
            continue;
        }
        let hits = find_words(desc, &words);
        if hits.is_empty() {
            continue;
        }
        // Map offsets in the decoded string to the file, through the literal's escapes.
        let offsets = app
            .source
            .text
            .get(value_span.clone())
            .and_then(|raw| literal_offsets(raw, desc));
        let span_of = |at: &Range<usize>| match &offsets {
            Some(map) => value_span.start + map[at.start]..value_span.start + map[at.end],
            None => value_span.clone(),
        };
        let found: Vec<String> = hits
            .iter()
            .map(|(_, at)| format!("`{}`", &desc[at.clone()]))
            .collect();
        let found = found.join(", ");
        let plain: Vec<&str> = hits.iter().map(|(_, at)| &desc[at.clone()]).collect();
        let (plain_en, plain_zh) = (plain.join("\", \""), plain.join("”“"));
        let mut d = Diagnostic::new(msg!(
            "the chat tool's `desc` contains marketing wording: {found}",
            "聊天工具的 `desc` 含有营销用语：{found}"
        ))
        .at(&app.source, span_of(&hits[0].1))
        .pointer(pointer.clone())
        .span_label(msg!("marketing wording", "营销用语"));
        if offsets.is_some() {
            for (_, at) in &hits[1..] {
                d = d.label(span_of(at), None);
            }
        }
        ctx.report(d.help(msg!(
            "describe what the chat tool does, without \"{plain_en}\"; {guide_en}",
            "如实描述聊天工具的功能，不要使用“{plain_zh}”；{guide_zh}"
        )));
    }
}

/// For a JSON string literal `raw` (with its quotes) that decodes to `decoded`: the byte offset
/// in `raw` of every byte offset in `decoded` (one more entry for the end). `None` when the
/// literal does not decode to `decoded`.
fn literal_offsets(raw: &str, decoded: &str) -> Option<Vec<usize>> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(decoded.len());
    let mut map = Vec::with_capacity(decoded.len() + 1);
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ch = if c == '\\' {
            let (_, e) = chars.next()?;
            match e {
                '"' | '\\' | '/' => e,
                'b' => '\u{8}',
                'f' => '\u{c}',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => {
                    let hi = hex4(&mut chars)?;
                    if (0xD800..0xDC00).contains(&hi) {
                        if chars.next()?.1 != '\\' || chars.next()?.1 != 'u' {
                            return None;
                        }
                        let lo = hex4(&mut chars)?;
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo.checked_sub(0xDC00)?))?
                    } else {
                        char::from_u32(hi)?
                    }
                }
                _ => return None,
            }
        } else {
            c
        };
        for _ in 0..ch.len_utf8() {
            map.push(1 + i);
        }
        out.push(ch);
    }
    map.push(raw.len() - 1);
    (out == decoded).then_some(map)
}

fn hex4(chars: &mut impl Iterator<Item = (usize, char)>) -> Option<u32> {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next()?.1.to_digit(16)?;
    }
    Some(v)
}

/// The first occurrence of each word in `text`: (word, byte range in `text`). ASCII letters
/// match case-insensitively; a word starting or ending with a Latin letter or digit matches
/// only where the text has no letter or digit right beside it.
pub fn find_words<'w>(text: &str, words: &[&'w str]) -> Vec<(&'w str, Range<usize>)> {
    let hay = text.to_ascii_lowercase(); // same byte offsets as `text`
    let mut found = Vec::new();
    for &word in words {
        let needle = word.to_ascii_lowercase();
        if needle.is_empty() {
            continue;
        }
        let alnum_start = needle
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let alnum_end = needle
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let hit = hay.match_indices(needle.as_str()).find(|(i, _)| {
            let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let before = hay[..*i].chars().next_back();
            let after = hay[i + needle.len()..].chars().next();
            let glued_before = alnum_start && glued(before);
            let glued_after = alnum_end && glued(after);
            !glued_before && !glued_after
        });
        if let Some((i, _)) = hit {
            found.push((word, i..i + needle.len()));
        }
    }
    found.sort_by_key(|(_, r)| r.start);
    found
}

#[cfg(test)]
mod tests {
    use super::{find_words, DEFAULT_WORDS};

    fn hits(text: &str) -> Vec<&str> {
        find_words(text, DEFAULT_WORDS)
            .into_iter()
            .map(|(_, r)| &text[r])
            .collect()
    }

    #[test]
    fn maps_offsets_through_escapes() {
        let raw = r#""a\"\u7ea2包""#;
        let map = super::literal_offsets(raw, "a\"红包").unwrap();
        // "红" starts at decoded byte 2, raw byte 4 (`\u7ea2`); "包" at 5, raw 10.
        assert_eq!((map[2], map[5], map[8]), (4, 10, 13));
        assert!(super::literal_offsets(raw, "other").is_none());
    }

    #[test]
    fn finds_whole_latin_words_and_chinese_substrings() {
        assert_eq!(hits("限时秒杀群拼单"), ["限时", "秒杀"]);
        assert_eq!(hits("The BEST poll, free!"), ["BEST", "free"]);
        assert!(hits("Freestyle 群接龙，第一次聚会报名").is_empty());
        assert!(hits("bestow carefree").is_empty());
    }

    #[test]
    fn the_words_option_replaces_the_list() {
        use crate::config::Config;
        use crate::project::Project;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("app.json"),
            r#"{"chatTools": [{"root": "p", "entryPagePath": "a", "desc": "群签到，最低价"}]}"#,
        )
        .unwrap();
        let project = Project::load(dir.path()).unwrap();
        let raised = |config: &Config| {
            crate::lint::lint_project(&project, config)
                .iter()
                .filter(|d| d.rule == "chat-tools/desc")
                .map(|d| d.message.en.clone())
                .collect::<Vec<_>>()
        };
        assert!(raised(&Config::default()).is_empty());
        let mut config = Config::default();
        config.rules.options.insert(
            "chat-tools/desc".into(),
            serde_json::json!({ "words": ["最低价"] }),
        );
        let got = raised(&config);
        assert_eq!(got.len(), 1);
        assert!(got[0].contains("最低价"), "{got:?}");
    }
}
