//! The user's configuration: rule severities, rule options and paths to skip.
//!
//! Read from `chattools-lint.json` (the project folder or its nearest parent, or `--config`),
//! documented in docs/configuration.md, described by schemas/chattools-lint.schema.json:
//!
//! ```json
//! {
//!   "$schema": "https://…/chattools-lint.schema.json",
//!   "rules": {
//!     "chat-tools/skyline-ab-test": "off",
//!     "chat-tools/desc": ["error", { "words": ["最好", "第一"] }]
//!   },
//!   "ignore": ["dist", "packageChatTool/vendor/**"]
//! }
//! ```
//!
//! The command line's `--deny/--warn/--allow` are applied on top ([`Config::override_rules`]).
//! A broken file gives diagnostics pointing into it ([`Config::load`]); the run exits with 2.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Msg;
use crate::json::{escape_token, JsonFile, ReadIssue};
use crate::msg;
use crate::rules::{self, Rule, RULES};

/// The configuration file's name.
pub const CONFIG_FILE: &str = "chattools-lint.json";

/// The pseudo rule id of problems in the configuration file itself.
pub const CONFIG_CODE: &str = "config";

/// Where the configuration is documented.
pub const CONFIG_DOCS: &str =
    "https://github.com/chattools-lint/chattools-lint/blob/main/docs/configuration.md";

/// What a rule option holds.
#[derive(Clone, Copy, Debug)]
pub enum OptionKind {
    /// An array of strings.
    Strings,
    /// An integer ≥ 1.
    PositiveInteger,
    /// A number greater than 0 and at most 1.
    Ratio,
}

/// The options each rule takes. A rule not listed here takes none. Adding an option: add it
/// here and to schemas/chattools-lint.schema.json (tests/config.rs checks they agree).
pub static RULE_OPTIONS: &[(&str, &[(&str, OptionKind)])] = &[
    ("chat-tools/desc", &[("words", OptionKind::Strings)]),
    (
        "chat-tools/package-size",
        &[
            ("limit", OptionKind::PositiveInteger),
            ("warnRatio", OptionKind::Ratio),
        ],
    ),
];

#[derive(Debug, Default, Clone)]
pub struct Config {
    /// Severity overrides by rule id.
    pub severities: HashMap<String, Severity>,
    /// Options by rule id: an object per rule.
    pub options: HashMap<String, Value>,
    /// The configuration file, when one was read.
    pub file: Option<PathBuf>,
    /// The `ignore` patterns as written.
    pub ignore_patterns: Vec<String>,
    ignore: Option<GlobSet>,
}

impl Config {
    /// The severity a rule's diagnostics get: configured, else the rule's default.
    pub fn severity(&self, rule: &Rule) -> Severity {
        self.severities
            .get(rule.id)
            .copied()
            .unwrap_or(rule.default_severity)
    }

    /// A rule option, e.g. `option("chat-tools/desc", "words")`.
    pub fn option(&self, rule: &str, key: &str) -> Option<&Value> {
        self.options.get(rule)?.get(key)
    }

    /// The folder `ignore` patterns are relative to: the configuration file's.
    pub fn base(&self) -> Option<&Path> {
        self.file.as_deref().and_then(Path::parent)
    }

    /// Whether a path (a file or folder) matches an `ignore` pattern.
    pub fn is_ignored(&self, path: &Path) -> bool {
        let (Some(set), Some(base)) = (&self.ignore, self.base()) else {
            return false;
        };
        // Compared as the system does: `--config C:\Proj\…` applies to `c:\proj\…` on Windows.
        let path = crate::paths::absolute(path);
        match crate::paths::relative_to(&path, &crate::paths::absolute(base)) {
            Some(rel) if !rel.is_empty() => set.is_match(rel),
            _ => false,
        }
    }

    /// Apply `--deny`, `--warn` and `--allow`: when a rule is named by several, `--deny` wins
    /// over `--warn`, which wins over `--allow`. Unknown ids are returned as errors.
    pub fn override_rules(
        &mut self,
        deny: &[String],
        warn: &[String],
        allow: &[String],
    ) -> Result<(), Vec<Msg>> {
        let mut errors = Vec::new();
        for (ids, severity, flag) in [
            (allow, Severity::Off, "--allow"),
            (warn, Severity::Warning, "--warn"),
            (deny, Severity::Error, "--deny"),
        ] {
            for id in ids {
                match rules::find(id) {
                    Some(rule) => {
                        self.severities.insert(rule.id.to_string(), severity);
                    }
                    None => errors.push(unknown_rule_msg(id, flag)),
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The configuration file for a folder: `chattools-lint.json` in it or its nearest parent.
    pub fn find(start: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        start
            .ancestors()
            .map(|d| d.join(CONFIG_FILE))
            .find(|f| f.is_file())
    }

    /// Read and check a configuration file. Every problem found is a diagnostic pointing into
    /// the file (rule id `config`).
    pub fn load(path: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = crate::paths::absolute(path);
        let file = match JsonFile::read(&path) {
            Ok(f) => f,
            Err(e) => {
                let shown = crate::diagnostic::display_path(&path);
                let why = e.describe();
                let mut d = Diagnostic::new(Msg::new(
                    format!("cannot read the configuration file `{shown}`: {}", why.en),
                    format!("无法读取配置文件 `{shown}`：{}", why.zh),
                ));
                stamp(&mut d);
                return Err(vec![d]);
            }
        };
        let mut checker = Checker {
            file: &file,
            errors: Vec::new(),
        };
        let config = checker.check();
        let mut errors = checker.errors;
        for d in &mut errors {
            stamp(d);
        }
        if errors.is_empty() {
            let mut config = config;
            config.file = Some(path);
            Ok(config)
        } else {
            errors.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            Err(errors)
        }
    }
}

fn stamp(d: &mut Diagnostic) {
    d.rule = CONFIG_CODE;
    d.severity = Severity::Error;
    d.url = Some(CONFIG_DOCS.to_string());
}

fn unknown_rule_msg(id: &str, flag: &str) -> Msg {
    match rules::closest(id, RULES.iter().map(|r| r.id)) {
        Some(c) => msg!(
            "{flag}: no rule `{id}`; did you mean `{c}`?",
            "{flag}：没有规则 `{id}`；你是不是想写 `{c}`？"
        ),
        None => msg!(
            "{flag}: no rule `{id}`; `chattools-lint rules` lists them",
            "{flag}：没有规则 `{id}`；运行 `chattools-lint rules` 查看所有规则"
        ),
    }
}

const TOP_KEYS: &[&str] = &["$schema", "rules", "ignore"];
const SEVERITIES: &[&str] = &["off", "info", "warning", "error"];

struct Checker<'a> {
    file: &'a JsonFile,
    errors: Vec<Diagnostic>,
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn json_type_zh(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "布尔值",
        Value::Number(_) => "数字",
        Value::String(_) => "字符串",
        Value::Array(_) => "数组",
        Value::Object(_) => "对象",
    }
}

impl Checker<'_> {
    fn error_at(&mut self, pointer: &str, key: bool, message: Msg, help: Option<Msg>) {
        let span = if key {
            self.file.key_span(pointer)
        } else {
            self.file.value_span(pointer)
        };
        let mut d = Diagnostic::new(message)
            .at(&self.file.source, span)
            .pointer(pointer);
        if let Some(h) = help {
            d = d.help(h);
        }
        self.errors.push(d);
    }

    fn wrong_type(&mut self, pointer: &str, v: &Value, want_en: &str, want_zh: &str) {
        let (got, got_zh) = (json_type(v), json_type_zh(v));
        self.error_at(
            pointer,
            false,
            msg!(
                "expected {want_en}, found {got}",
                "这里应为{want_zh}，实际是{got_zh}"
            ),
            None,
        );
    }

    fn check(&mut self) -> Config {
        let mut config = Config::default();
        // The configuration must be strict JSON, like every other file the tool reads.
        for issue in &self.file.issues {
            match issue {
                ReadIssue::Syntax { span, message, .. } => {
                    // The reader's help speaks of WeChat's loader; this file is ours.
                    let d = Diagnostic::new(message.clone())
                        .at(&self.file.source, span.clone())
                        .help(msg!(
                            "chattools-lint.json is strict JSON: no comments, no trailing commas",
                            "chattools-lint.json 必须是严格的 JSON：不能有注释，也不能有多余的逗号"
                        ));
                    self.errors.push(d);
                }
                ReadIssue::DuplicateKey {
                    pointer,
                    first,
                    second,
                    key,
                } => {
                    let d = Diagnostic::new(msg!(
                        "duplicate key `{key}` in the configuration",
                        "配置中的键 `{key}` 重复"
                    ))
                    .at(&self.file.source, second.clone())
                    .pointer(pointer.clone())
                    .label(
                        first.clone(),
                        Some(msg!("first defined here", "首次定义于此")),
                    )
                    .help(msg!("keep one of the two", "只保留其中一个"));
                    self.errors.push(d);
                }
            }
        }
        let Some(root) = &self.file.value else {
            return config;
        };
        let Some(obj) = root.as_object() else {
            self.wrong_type("", root, "an object", "对象");
            return config;
        };
        for (key, value) in obj {
            let pointer = format!("/{}", escape_token(key));
            match key.as_str() {
                "$schema" => {
                    if !value.is_string() {
                        self.wrong_type(
                            &pointer,
                            value,
                            "a string (the schema's URL)",
                            "字符串（schema 的 URL）",
                        );
                    }
                }
                "rules" => self.check_rules(&pointer, value, &mut config),
                "ignore" => self.check_ignore(&pointer, value, &mut config),
                _ => {
                    let help = match rules::closest(key, TOP_KEYS.iter().copied()) {
                        Some(c) => msg!("did you mean `{c}`?", "你是不是想写 `{c}`？"),
                        None => msg!(
                            "the configuration takes `$schema`, `rules` and `ignore`",
                            "配置只接受 `$schema`、`rules` 和 `ignore`"
                        ),
                    };
                    self.error_at(
                        &pointer,
                        true,
                        msg!("unknown key `{key}`", "未知的键 `{key}`"),
                        Some(help),
                    );
                }
            }
        }
        config
    }

    fn check_rules(&mut self, pointer: &str, value: &Value, config: &mut Config) {
        let Some(rules_obj) = value.as_object() else {
            self.wrong_type(
                pointer,
                value,
                "an object of rule ids",
                "以规则 id 为键的对象",
            );
            return;
        };
        for (id, setting) in rules_obj {
            let p = format!("{pointer}/{}", escape_token(id));
            let Some(rule) = rules::find(id) else {
                let help = match rules::closest(id, RULES.iter().map(|r| r.id)) {
                    Some(c) => msg!("did you mean `{c}`?", "你是不是想写 `{c}`？"),
                    None => msg!(
                        "`chattools-lint rules` lists the rule ids",
                        "运行 `chattools-lint rules` 查看所有规则 id"
                    ),
                };
                self.error_at(
                    &p,
                    true,
                    msg!("no rule `{id}`", "没有规则 `{id}`"),
                    Some(help),
                );
                continue;
            };
            let (severity_value, severity_pointer, options) = match setting {
                Value::Array(items) => {
                    if items.is_empty() || items.len() > 2 {
                        self.error_at(
                            &p,
                            false,
                            msg!(
                                "expected `[severity]` or `[severity, {{options}}]`",
                                "应为 `[级别]` 或 `[级别, {{选项}}]`"
                            ),
                            None,
                        );
                        continue;
                    }
                    (
                        &items[0],
                        format!("{p}/0"),
                        items.get(1).map(|o| (o, format!("{p}/1"))),
                    )
                }
                other => (other, p.clone(), None),
            };
            if let Some(sev) = self.severity(&severity_pointer, severity_value) {
                config.severities.insert(rule.id.to_string(), sev);
            }
            if let Some((opts, opts_pointer)) = options {
                if self.check_options(rule, &opts_pointer, opts) {
                    config.options.insert(rule.id.to_string(), opts.clone());
                }
            }
        }
    }

    fn severity(&mut self, pointer: &str, v: &Value) -> Option<Severity> {
        let Some(s) = v.as_str() else {
            self.wrong_type(
                pointer,
                v,
                "a severity: \"off\", \"info\", \"warning\" or \"error\"",
                "级别：\"off\"、\"info\"、\"warning\" 或 \"error\"",
            );
            return None;
        };
        if SEVERITIES.contains(&s) {
            return Severity::parse(s);
        }
        let guess = match s {
            "warn" => Some("warning"),
            _ => rules::closest(s, SEVERITIES.iter().copied()),
        };
        let help = match guess {
            Some(c) => msg!(
                "did you mean `{c}`? A severity is \"off\", \"info\", \"warning\" or \"error\"",
                "你是不是想写 `{c}`？级别只能是 \"off\"、\"info\"、\"warning\" 或 \"error\""
            ),
            None => msg!(
                "a severity is \"off\", \"info\", \"warning\" or \"error\"",
                "级别只能是 \"off\"、\"info\"、\"warning\" 或 \"error\""
            ),
        };
        self.error_at(
            pointer,
            false,
            msg!("unknown severity `{s}`", "未知的级别 `{s}`"),
            Some(help),
        );
        None
    }

    /// Whether the options are valid.
    fn check_options(&mut self, rule: &Rule, pointer: &str, v: &Value) -> bool {
        let Some(obj) = v.as_object() else {
            self.wrong_type(pointer, v, "an object of options", "选项对象");
            return false;
        };
        let known: &[(&str, OptionKind)] = RULE_OPTIONS
            .iter()
            .find(|(id, _)| *id == rule.id)
            .map(|(_, o)| *o)
            .unwrap_or(&[]);
        let mut ok = true;
        for (key, value) in obj {
            let p = format!("{pointer}/{}", escape_token(key));
            let id = rule.id;
            let Some((_, kind)) = known.iter().find(|(k, _)| k == key) else {
                ok = false;
                let help = if known.is_empty() {
                    msg!("`{id}` takes no options", "`{id}` 没有可配置的选项")
                } else {
                    let names = known
                        .iter()
                        .map(|(k, _)| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    match rules::closest(key, known.iter().map(|(k, _)| *k)) {
                        Some(c) => msg!(
                            "did you mean `{c}`? `{id}` takes {names}",
                            "你是不是想写 `{c}`？`{id}` 的选项有 {names}"
                        ),
                        None => msg!("`{id}` takes {names}", "`{id}` 的选项有 {names}"),
                    }
                };
                self.error_at(
                    &p,
                    true,
                    msg!(
                        "unknown option `{key}` of `{id}`",
                        "`{id}` 没有选项 `{key}`"
                    ),
                    Some(help),
                );
                continue;
            };
            let valid = match kind {
                OptionKind::Strings => value
                    .as_array()
                    .is_some_and(|a| a.iter().all(Value::is_string)),
                OptionKind::PositiveInteger => value.as_u64().is_some_and(|n| n >= 1),
                OptionKind::Ratio => value.as_f64().is_some_and(|x| x > 0.0 && x <= 1.0),
            };
            if !valid {
                ok = false;
                let (en, zh) = match kind {
                    OptionKind::Strings => ("an array of strings", "字符串数组"),
                    OptionKind::PositiveInteger => {
                        ("a whole number of at least 1", "不小于 1 的整数")
                    }
                    OptionKind::Ratio => (
                        "a number above 0 and at most 1 (0.9 = 90%)",
                        "大于 0 且不超过 1 的数（0.9 表示 90%）",
                    ),
                };
                self.error_at(
                    &p,
                    false,
                    msg!("`{key}` must be {en}", "`{key}` 应为{zh}"),
                    None,
                );
            }
        }
        ok
    }

    fn check_ignore(&mut self, pointer: &str, value: &Value, config: &mut Config) {
        let Some(items) = value.as_array() else {
            self.wrong_type(
                pointer,
                value,
                "an array of paths or globs",
                "路径或 glob 的数组",
            );
            return;
        };
        let mut builder = GlobSetBuilder::new();
        for (i, item) in items.iter().enumerate() {
            let p = format!("{pointer}/{i}");
            let Some(pattern) = item.as_str() else {
                self.wrong_type(
                    &p,
                    item,
                    "a path or glob (a string)",
                    "路径或 glob（字符串）",
                );
                continue;
            };
            match ignore_globs(pattern) {
                Ok(globs) => {
                    for g in globs {
                        builder.add(g);
                    }
                    config.ignore_patterns.push(pattern.to_string());
                }
                Err(e) => self.error_at(
                    &p,
                    false,
                    msg!("invalid glob: {e}", "无效的 glob：{e}"),
                    None,
                ),
            }
        }
        match builder.build() {
            Ok(set) if !config.ignore_patterns.is_empty() => config.ignore = Some(set),
            _ => {}
        }
    }
}

/// The globs a pattern stands for: itself and everything under it; a pattern without `/`
/// matches at any depth (as in .gitignore).
fn ignore_globs(pattern: &str) -> Result<Vec<globset::Glob>, String> {
    let p = pattern.trim().replace('\\', "/");
    let anchored = p.trim_end_matches('/').contains('/');
    let p = p
        .trim_start_matches("./")
        .trim_start_matches('/')
        .trim_end_matches('/');
    if p.is_empty() {
        return Err("empty pattern".into());
    }
    let base = if anchored {
        p.to_string()
    } else {
        format!("**/{p}")
    };
    [base.clone(), format!("{base}/**")]
        .iter()
        .map(|g| {
            GlobBuilder::new(g)
                .literal_separator(true)
                // Names ignore case on Windows (as git's core.ignorecase does there).
                .case_insensitive(crate::paths::IGNORE_CASE)
                .build()
                .map_err(|e| e.kind().to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(patterns: &[&str]) -> Config {
        let mut b = GlobSetBuilder::new();
        for p in patterns {
            for g in ignore_globs(p).unwrap() {
                b.add(g);
            }
        }
        Config {
            file: Some(PathBuf::from("/repo/chattools-lint.json")),
            ignore: Some(b.build().unwrap()),
            ..Config::default()
        }
    }

    fn no_check(_: &mut crate::rules::LintContext) {}

    /// Options are checked against RULE_OPTIONS (here with stand-ins for the rules that take
    /// options, which may live on other branches).
    #[test]
    fn rule_options() {
        static PACKAGE_SIZE: Rule = Rule {
            id: "chat-tools/package-size",
            default_severity: Severity::Warning,
            summary: ("", ""),
            docs: "",
            check: no_check,
        };
        static DESC: Rule = Rule {
            id: "chat-tools/desc",
            default_severity: Severity::Warning,
            summary: ("", ""),
            docs: "",
            check: no_check,
        };
        let check = |rule: &Rule, text: &str| -> Vec<String> {
            let file = JsonFile::parse_text(Path::new("chattools-lint.json"), text.to_string());
            let mut c = Checker {
                file: &file,
                errors: Vec::new(),
            };
            let value = file.value.clone().unwrap();
            let ok = c.check_options(rule, "", &value);
            assert_eq!(ok, c.errors.is_empty());
            c.errors.iter().map(|d| d.message.en.clone()).collect()
        };
        assert!(check(&PACKAGE_SIZE, r#"{ "limit": 600000, "warnRatio": 0.9 }"#).is_empty());
        assert!(check(&PACKAGE_SIZE, r#"{ "warnRatio": 1 }"#).is_empty());
        assert_eq!(
            check(
                &PACKAGE_SIZE,
                r#"{ "limit": 0, "warnRatio": 1.5, "limits": 1 }"#
            ),
            [
                "`limit` must be a whole number of at least 1",
                "`warnRatio` must be a number above 0 and at most 1 (0.9 = 90%)",
                "unknown option `limits` of `chat-tools/package-size`",
            ]
        );
        assert!(check(&DESC, r#"{ "words": ["最好", "第一"] }"#).is_empty());
        assert_eq!(
            check(&DESC, r#"{ "words": "最好" }"#),
            ["`words` must be an array of strings"]
        );
        assert_eq!(
            check(&DESC, r#"[]"#),
            ["expected an object of options, found an array"]
        );
    }

    #[test]
    fn ignore_patterns() {
        let c = config(&["dist", "apps/old/", "pkg/vendor/**/*.js"]);
        assert!(c.is_ignored(Path::new("/repo/dist")));
        assert!(c.is_ignored(Path::new("/repo/dist/app.json")));
        assert!(c.is_ignored(Path::new("/repo/apps/x/dist/app.json")));
        assert!(c.is_ignored(Path::new("/repo/apps/old/app.json")));
        assert!(!c.is_ignored(Path::new("/repo/x/apps/old/app.json")));
        assert!(c.is_ignored(Path::new("/repo/pkg/vendor/a/b.js")));
        assert!(!c.is_ignored(Path::new("/repo/pkg/vendor/a/b.json")));
        assert!(!c.is_ignored(Path::new("/repo/distx/app.json")));
        assert!(!c.is_ignored(Path::new("/elsewhere/dist/app.json")));
        // `Dist` is `dist` on Windows only.
        assert_eq!(
            c.is_ignored(Path::new("/repo/Dist/app.json")),
            crate::paths::IGNORE_CASE
        );
        assert_eq!(
            c.is_ignored(Path::new("/REPO/dist/app.json")),
            crate::paths::IGNORE_CASE
        );
    }
}
