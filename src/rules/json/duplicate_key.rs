use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "json/duplicate-key",
    default_severity: Severity::Warning,
    summary: (
        "A key appears twice in one JSON object; the last one wins",
        "同一个 JSON 对象中出现重复的键，以最后一个为准",
    ),
    docs: include_str!("duplicate_key.md"),
    check: crate::rules::reported_elsewhere,
};
