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

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde_json::Value;

use crate::code::server::ServerGlobs;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Msg;
use crate::json::{escape_token, JsonFile, ReadIssue};
use crate::msg;
use crate::rules::{self, Rule, RuleSettings, RULES};

/// The configuration file's name.
pub const CONFIG_FILE: &str = "chattools-lint.json";

/// The pseudo rule id of problems in the configuration file itself.
pub const CONFIG_CODE: &str = "config";

/// Where the configuration is documented.
pub const CONFIG_DOCS: &str =
    "https://github.com/chattools-lint/chattools-lint/blob/main/docs/configuration.md";

#[derive(Debug, Default, Clone)]
pub struct Config {
    /// Severities and options by rule id.
    pub rules: RuleSettings,
    /// The configuration file, when one was read.
    pub file: Option<PathBuf>,
    /// The `ignore` patterns as written.
    pub ignore_patterns: Vec<String>,
    ignore: Option<GlobSet>,
    /// The `server` globs: server code to read besides `cloudfunctionRoot`.
    pub server: ServerGlobs,
}

impl Config {
    /// The severity a rule's diagnostics get: configured, else the rule's default.
    pub fn severity(&self, rule: &Rule) -> Severity {
        self.rules.severity(rule)
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
                        self.rules.severities.insert(rule.id.to_string(), severity);
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
        Config::load_in(path, &crate::overlay::Overlay::default())
    }

    /// [`Config::load`], with the editor's unsaved text when the overlay has it.
    pub fn load_in(
        path: &Path,
        overlay: &crate::overlay::Overlay,
    ) -> Result<Config, Vec<Diagnostic>> {
        let path = crate::paths::absolute(path);
        let file = match JsonFile::read_in(&path, overlay) {
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
            config.server.base = path.parent().map(Path::to_path_buf);
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

const TOP_KEYS: &[&str] = &["$schema", "rules", "ignore", "server"];
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
                "server" => self.check_server(&pointer, value, &mut config),
                _ => {
                    let help = match rules::closest(key, TOP_KEYS.iter().copied()) {
                        Some(c) => msg!("did you mean `{c}`?", "你是不是想写 `{c}`？"),
                        None => msg!(
                            "the configuration takes `$schema`, `rules`, `ignore` and `server`",
                            "配置只接受 `$schema`、`rules`、`ignore` 和 `server`"
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
                config.rules.severities.insert(rule.id.to_string(), sev);
            }
            if let Some((opts, opts_pointer)) = options {
                if self.check_options(rule, &opts_pointer, opts) {
                    config
                        .rules
                        .options
                        .insert(rule.id.to_string(), opts.clone());
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

    /// Whether the options are valid: each key is one of the rule's options (its declared
    /// options struct, `Rule::options`) and matches that option's generated schema.
    fn check_options(&mut self, rule: &Rule, pointer: &str, v: &Value) -> bool {
        let Some(obj) = v.as_object() else {
            self.wrong_type(pointer, v, "an object of options", "选项对象");
            return false;
        };
        let schema = rule.options.map(|o| o.schema()).unwrap_or_default();
        let empty = serde_json::Map::new();
        let known = schema
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let mut ok = true;
        for (key, value) in obj {
            let p = format!("{pointer}/{}", escape_token(key));
            let id = rule.id;
            let Some(option) = known.get(key) else {
                ok = false;
                let help = if known.is_empty() {
                    msg!("`{id}` takes no options", "`{id}` 没有可配置的选项")
                } else {
                    let names = Msg::list(known.keys().map(|k| format!("`{k}`")));
                    let (names_en, names_zh) = (&names.en, &names.zh);
                    match rules::closest(key, known.keys().map(String::as_str)) {
                        Some(c) => msg!(
                            "did you mean `{c}`? `{id}` takes {names_en}",
                            "你是不是想写 `{c}`？`{id}` 的选项有 {names_zh}"
                        ),
                        None => msg!("`{id}` takes {names_en}", "`{id}` 的选项有 {names_zh}"),
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
            if !jsonschema::is_valid(option, value) {
                ok = false;
                let want = describe_option(option);
                self.error_at(
                    &p,
                    false,
                    Msg::new(
                        format!("`{key}` must be {}", want.en),
                        format!("`{key}` 应为{}", want.zh),
                    ),
                    None,
                );
            }
        }
        ok
    }

    /// `server`: globs of server code, relative to this file (`cloudfunctions/**/*.js`).
    fn check_server(&mut self, pointer: &str, value: &Value, config: &mut Config) {
        let Some(items) = value.as_array() else {
            self.wrong_type(pointer, value, "an array of globs", "glob 的数组");
            return;
        };
        let mut builder = GlobSetBuilder::new();
        for (i, item) in items.iter().enumerate() {
            let p = format!("{pointer}/{i}");
            let Some(pattern) = item.as_str() else {
                self.wrong_type(&p, item, "a glob (a string)", "glob（字符串）");
                continue;
            };
            let glob = pattern.trim().replace('\\', "/");
            let glob = glob.trim_start_matches("./");
            match GlobBuilder::new(glob).literal_separator(true).build() {
                Ok(g) if !glob.is_empty() => {
                    builder.add(g);
                    config.server.patterns.push(glob.to_string());
                }
                Ok(_) => self.error_at(
                    &p,
                    false,
                    msg!("invalid glob: empty pattern", "无效的 glob：空模式"),
                    None,
                ),
                Err(e) => {
                    let e = e.kind().to_string();
                    self.error_at(
                        &p,
                        false,
                        msg!("invalid glob: {e}", "无效的 glob：{e}"),
                        None,
                    )
                }
            }
        }
        match builder.build() {
            Ok(set) if !config.server.patterns.is_empty() => config.server.set = Some(set),
            _ => {}
        }
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

/// What an option's schema asks for, in words: "an array of strings", "a whole number of at least
/// 1", "a number above 0 and at most 1".
fn describe_option(schema: &Value) -> Msg {
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    // An option may say in its own words what it expects: `"x-expected": [english, 中文]`.
    if let Some([en, zh]) = schema
        .get("x-expected")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        return Msg::new(en.as_str().unwrap_or(""), zh.as_str().unwrap_or(""));
    }
    let num = |k: &str| schema.get(k).and_then(Value::as_f64);
    let fmt = |x: f64| x.to_string();
    if types.contains(&"array") {
        let item = schema.pointer("/items/type").and_then(Value::as_str);
        return match item {
            Some("string") => msg!("an array of strings", "字符串数组"),
            _ => msg!("an array", "数组"),
        };
    }
    if types.contains(&"boolean") {
        return msg!("`true` or `false`", "`true` 或 `false`");
    }
    if types.contains(&"string") {
        return msg!("a string", "字符串");
    }
    let integer = types.contains(&"integer");
    let (noun_en, noun_zh) = if integer {
        ("a whole number", "整数")
    } else {
        ("a number", "数")
    };
    let low = num("exclusiveMinimum")
        .map(|x| (x, true))
        .or(num("minimum").map(|x| (x, false)));
    let high = num("maximum").map(fmt);
    match (low, high) {
        (Some((l, true)), Some(h)) => {
            let l = fmt(l);
            msg!(
                "{noun_en} above {l} and at most {h}",
                "大于 {l} 且不超过 {h} 的{noun_zh}"
            )
        }
        (Some((l, false)), Some(h)) => {
            let l = fmt(l);
            msg!(
                "{noun_en} from {l} to {h}",
                "介于 {l} 和 {h} 之间的{noun_zh}"
            )
        }
        (Some((l, true)), None) => {
            let l = fmt(l);
            msg!("{noun_en} above {l}", "大于 {l} 的{noun_zh}")
        }
        (Some((l, false)), None) => {
            let l = fmt(l);
            msg!("{noun_en} of at least {l}", "不小于 {l} 的{noun_zh}")
        }
        (None, Some(h)) => msg!("{noun_en} of at most {h}", "不超过 {h} 的{noun_zh}"),
        (None, None) => Msg::new(noun_en, noun_zh),
    }
}

/// The JSON Schema of `chattools-lint.json`, generated from the rule declarations (ids, docs
/// paths, options structs). `schemas/chattools-lint.schema.json` is this, committed; a test keeps
/// it current.
pub fn json_schema() -> Value {
    use serde_json::json;
    let mut rules = serde_json::Map::new();
    for rule in RULES {
        let id = rule.id;
        let mut items = vec![json!({ "$ref": "#/definitions/severity" })];
        if let Some(options) = rule.options {
            let mut schema = options.schema();
            if let Some(o) = schema.as_object_mut() {
                o.remove("default");
            }
            items.push(schema);
        }
        let n = items.len();
        rules.insert(
            id.to_string(),
            json!({
                "description": format!("`{id}`: a severity, or [severity, {{options}}]. 规则 `{id}` 的级别，或 [级别, {{选项}}]。 See docs/rules/{id}.md"),
                "oneOf": [
                    { "$ref": "#/definitions/severity" },
                    { "type": "array", "items": items, "minItems": 1, "maxItems": n, "additionalItems": false }
                ]
            }),
        );
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://github.com/chattools-lint/chattools-lint/raw/main/schemas/chattools-lint.schema.json",
        "title": "chattools-lint configuration (chattools-lint 配置)",
        "description": "Configuration of chattools-lint, the linter for WeChat mini program chat tools. Found as chattools-lint.json in the project folder or its nearest parent, or given with --config. chattools-lint 的配置文件：放在项目目录或其上级目录中的 chattools-lint.json，或用 --config 指定。",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "$schema": {
                "type": "string",
                "description": "The URL or path of this schema, for editors. 本 schema 的 URL 或路径，供编辑器使用。"
            },
            "rules": {
                "type": "object",
                "description": "Rule severities and options by rule id; `chattools-lint rules` lists the ids. 按规则 id 设置级别和选项；运行 `chattools-lint rules` 查看所有规则。",
                "additionalProperties": false,
                "properties": rules
            },
            "ignore": {
                "type": "array",
                "description": "Paths or globs, relative to this file, whose diagnostics are dropped and which --recursive does not search. A pattern without `/` matches at any depth; a folder covers everything under it. 相对于本文件的路径或 glob：其中文件的诊断不报告，--recursive 也不搜索它们。不含 `/` 的模式匹配任意层级；目录包含其下所有内容。",
                "items": { "type": "string", "minLength": 1 }
            }
        },
        "definitions": {
            "severity": {
                "type": "string",
                "enum": ["off", "info", "warning", "error"],
                "description": "off: not checked; info, warning: reported, exit code 0; error: reported, exit code 1. off：不检查；info、warning：报告，退出码 0；error：报告，退出码 1。"
            }
        }
    })
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

    /// Options are checked against the schema generated from each rule's options struct.
    #[test]
    fn rule_options() {
        let rule = |id| rules::find(id).unwrap();
        let (package_size, desc) = (rule("chat-tools/package-size"), rule("chat-tools/desc"));
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
        assert!(check(package_size, r#"{ "limit": 600000, "warnRatio": 0.9 }"#).is_empty());
        assert!(check(package_size, r#"{ "warnRatio": 1 }"#).is_empty());
        assert_eq!(
            check(
                package_size,
                r#"{ "limit": 0, "warnRatio": 1.5, "limits": 1 }"#
            ),
            [
                "`limit` must be a whole number of at least 1",
                "`warnRatio` must be a number above 0 and at most 1",
                "unknown option `limits` of `chat-tools/package-size`",
            ]
        );
        assert!(check(desc, r#"{ "words": ["最好", "第一"] }"#).is_empty());
        assert_eq!(
            check(desc, r#"{ "words": "最好" }"#),
            ["`words` must be an array of strings"]
        );
        assert_eq!(
            check(desc, r#"[]"#),
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
