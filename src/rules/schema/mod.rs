//! Shape of the fields this tool reads: each validation error against the embedded JSON Schema
//! (`crate::schema`) is a diagnostic of one of these rules, in our own words.
pub mod r#enum;
pub mod required;
pub mod r#type;
pub mod unknown_key;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Fix};
use crate::i18n::Msg;
use crate::json::escape_token;
use crate::msg;
use crate::rules::{closest, edit_distance, LintContext};
use crate::schema::{readable, APP_SCHEMA_VALUE};

/// Which `schema/*` rule a validation error belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Type,
    Required,
    UnknownKey,
    Enum,
}

fn kind_of(error: &ValidationError) -> Kind {
    match error.kind() {
        ValidationErrorKind::Required { .. } => Kind::Required,
        ValidationErrorKind::AdditionalProperties { .. } => Kind::UnknownKey,
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => Kind::Enum,
        _ => Kind::Type,
    }
}

/// Validate app.json and report the problems of one kind (the check of each `schema/*` rule).
pub fn check(ctx: &mut LintContext, kind: Kind) {
    let app = ctx.app();
    let Some(value) = app.value.as_ref() else {
        return;
    };
    for error in crate::schema::errors(value).filter(|e| kind_of(e) == kind) {
        report(ctx, &error);
    }
}

fn report(ctx: &mut LintContext, error: &ValidationError) {
    let app = ctx.app();
    let pointer = error.instance_path().as_str().to_string();
    let here = readable(&pointer);
    let instance: &Value = error.instance();
    match error.kind() {
        ValidationErrorKind::Type { kind } => {
            let expected: Vec<JsonType> = match kind {
                TypeKind::Single(t) => vec![*t],
                TypeKind::Multiple(set) => set.iter().collect(),
            };
            let want_en = expected
                .iter()
                .map(|t| type_name(*t).0)
                .collect::<Vec<_>>()
                .join(" or ");
            let want_zh = expected
                .iter()
                .map(|t| type_name(*t).1)
                .collect::<Vec<_>>()
                .join("或");
            let (found_en, found_zh) = value_type_name(instance);
            let wechat_type = expected.first().map_or("", |t| t.as_str());
            let mut help = msg!(
                "change it to {want_en}; WeChat's validator rejects it too (`{here} 字段需为 {wechat_type}`)",
                "这里应写{want_zh}；微信的校验同样会报错（`{here} 字段需为 {wechat_type}`）"
            );
            if expected == [JsonType::Array] && instance.is_string() {
                let s = instance.as_str().unwrap_or_default();
                help = msg!("wrap it in a list: `[\"{s}\"]`", "请写成数组：`[\"{s}\"]`");
            } else if expected == [JsonType::Boolean]
                && matches!(instance.as_str(), Some("true" | "false"))
            {
                let s = instance.as_str().unwrap_or_default();
                help = msg!(
                    "write `{s}` without quotes: a quoted \"{s}\" is a string",
                    "去掉引号写成 `{s}`：带引号的 \"{s}\" 是字符串"
                );
            }
            let d = Diagnostic::new(msg!(
                "`{here}` must be {want_en}, not {found_en}",
                "`{here}` 应为{want_zh}，而不是{found_zh}"
            ))
            .at(&app.source, app.value_span(&pointer))
            .pointer(pointer.clone())
            .span_label(msg!("this is {found_en}", "这里是{found_zh}"))
            .help(help);
            ctx.report(d);
        }
        ValidationErrorKind::Required { property } => {
            let key = property.as_str().unwrap_or_default();
            let in_chat_tool = pointer.starts_with("/chatTools/");
            let child = if pointer.is_empty() {
                key.to_string()
            } else {
                format!("{here}.{key}")
            };
            let what = required_help(in_chat_tool, key);
            let help = if in_chat_tool {
                Msg::new(
                    format!(
                        "{}; WeChat rejects the upload (`{child} 不能为空`)",
                        what.en
                    ),
                    format!("{}；微信会拒绝上传（`{child} 不能为空`）", what.zh),
                )
            } else {
                what
            };
            let d = Diagnostic::new(msg!(
                "`{here}` lacks the required key `{key}`",
                "`{here}` 缺少必填字段 `{key}`"
            ))
            .at(&app.source, app.value_span(&pointer))
            .pointer(pointer.clone())
            .span_label(msg!("`{key}` is missing here", "这里缺少 `{key}`"))
            .help(help);
            ctx.report(d);
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let known = known_keys(&pointer);
            for key in unexpected {
                let key_pointer = format!("{pointer}/{}", escape_token(key));
                let wechat = format!("无效的 app.json {here}[\"{key}\"]");
                let suggestion = known
                    .iter()
                    .find(|k| k.eq_ignore_ascii_case(key))
                    .map(|k| k.as_str())
                    .or_else(|| closest(key, known.iter().map(String::as_str)))
                    .filter(|k| {
                        // Short keys are all "close": keep only a suggestion that shares most letters.
                        let longest = k.chars().count().max(key.chars().count());
                        k.eq_ignore_ascii_case(key) || 2 * edit_distance(key, k) < longest
                    });
                let list = known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let help = match suggestion {
                    Some(best) => msg!(
                        "did you mean `{best}`? WeChat ignores unknown keys with only a warning (`{wechat}`), so this value never takes effect",
                        "是否应为 `{best}`？微信只会给出警告（`{wechat}`）并忽略未知字段，这个值不会生效"
                    ),
                    None => msg!(
                        "remove it, or use one of {list}; WeChat ignores it with only a warning (`{wechat}`)",
                        "请删除它，或使用 {list} 之一；微信只会给出警告（`{wechat}`）并忽略它"
                    ),
                };
                let d = Diagnostic::new(msg!(
                    "unknown key `{key}` in `{here}`",
                    "`{here}` 中有未知字段 `{key}`"
                ))
                .at(&app.source, app.key_span(&key_pointer))
                .pointer(key_pointer.clone())
                .span_label(msg!("WeChat does not know this key", "微信不认识这个字段"))
                .help(help);
                ctx.report(d);
            }
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<Value> = options.as_array().cloned().unwrap_or_default();
            report_enum(ctx, &pointer, instance, &allowed);
        }
        ValidationErrorKind::Constant { expected_value } => {
            let allowed = vec![expected_value.as_ref().clone()];
            report_enum(ctx, &pointer, instance, &allowed);
        }
        other => {
            // The schema uses only the keywords above (a test checks it); anything else is
            // still worth reporting, in plain words, as a shape problem.
            let keyword = other.keyword();
            let d = Diagnostic::new(msg!(
                "`{here}` does not match the app.json schema (`{keyword}`)",
                "`{here}` 不符合 app.json 的结构要求（`{keyword}`）"
            ))
            .at(&app.source, app.value_span(&pointer))
            .pointer(pointer.clone());
            ctx.report(d);
        }
    }
}

fn report_enum(ctx: &mut LintContext, pointer: &str, instance: &Value, allowed: &[Value]) {
    let app = ctx.app();
    let here = readable(pointer);
    let shown: Vec<String> = allowed.iter().map(|v| format!("`{}`", short(v))).collect();
    let (list_en, list_zh) = match shown.as_slice() {
        [one] => (one.clone(), one.clone()),
        [a, b] => (format!("{a} or {b}"), format!("{a} 或 {b}")),
        many => (
            format!("one of {}", many.join(", ")),
            format!("{} 之一", many.join("、")),
        ),
    };
    // A long list goes into the help, not the headline.
    let (want_en, want_zh) = if shown.len() > 3 {
        (
            format!("one of its {} allowed values", shown.len()),
            format!("{} 个允许值之一", shown.len()),
        )
    } else {
        (list_en.clone(), list_zh.clone())
    };
    let found = short(instance);
    let strings: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
    let case_match = instance
        .as_str()
        .and_then(|s| strings.iter().find(|a| a.eq_ignore_ascii_case(s)).copied());
    let is_lazy = pointer == "/lazyCodeLoading";
    let help = if let Some(right) = case_match {
        let mut h = msg!(
            "write `{right}`: case matters",
            "请写成 `{right}`：区分大小写"
        );
        if is_lazy {
            h = Msg::new(
                format!(
                    "{}; WeChat rejects `{found}` with the puzzling `lazyCodeLoading.requiredComponents 不能为空`",
                    h.en
                ),
                format!(
                    "{}；微信对 `{found}` 的报错是令人费解的 `lazyCodeLoading.requiredComponents 不能为空`",
                    h.zh
                ),
            );
        }
        h
    } else if let Some(best) = instance
        .as_str()
        .and_then(|s| closest(s, strings.iter().copied()))
    {
        let (all_en, all_zh) = (shown.join(", "), shown.join("、"));
        msg!(
            "did you mean `{best}`? Allowed: {all_en}",
            "是否应为 `{best}`？允许的值：{all_zh}"
        )
    } else if is_lazy {
        msg!(
            "`requiredComponents` is the only value WeChat supports (\"目前仅支持值 requiredComponents\")",
            "`requiredComponents` 是微信目前唯一支持的值（“目前仅支持值 requiredComponents”）"
        )
    } else {
        msg!("use {list_en}", "请使用 {list_zh}")
    };
    let d = Diagnostic::new(msg!(
        "`{here}` must be {want_en}, not `{found}`",
        "`{here}` 只能是 {want_zh}，而不是 `{found}`"
    ))
    .at(&app.source, app.value_span(pointer))
    .pointer(pointer.to_string())
    .span_label(if case_match.is_some() {
        msg!("wrong case", "大小写不对")
    } else {
        msg!("not an allowed value", "不是允许的值")
    })
    .help(help);
    let fix = case_match.and_then(|right| {
        Some(Fix {
            title: msg!("`{found}` → `{right}`", "`{found}` → `{right}`"),
            edits: crate::json::edit::replace_value(app, pointer, &right.into())?,
        })
    });
    ctx.report(match fix {
        Some(f) => d.fix(f),
        None => d,
    });
}

fn required_help(in_chat_tool: bool, key: &str) -> Msg {
    match (in_chat_tool, key) {
        (true, "root") => msg!(
            "add `\"root\"`: the root of the independent subpackage that holds the chat tool",
            "请添加 `\"root\"`：聊天工具所在独立分包的根目录"
        ),
        (true, "entryPagePath") => msg!(
            "add `\"entryPagePath\"`: the chat tool's launch page, relative to `root` (e.g. `pages/index/index`)",
            "请添加 `\"entryPagePath\"`：聊天工具的启动页面，相对于 `root`（例如 `pages/index/index`）"
        ),
        (true, "desc") => msg!(
            "add `\"desc\"`: a short, truthful description of what the chat tool does",
            "请添加 `\"desc\"`：如实、简短地描述聊天工具的功能"
        ),
        (false, "root") => msg!(
            "add `\"root\"`: the subpackage's folder, relative to the mini program root",
            "请添加 `\"root\"`：分包所在的目录，相对于小程序根目录"
        ),
        (false, "pages") => msg!(
            "add `\"pages\"`: the subpackage's pages, relative to its root (e.g. `[\"pages/index/index\"]`)",
            "请添加 `\"pages\"`：分包的页面列表，相对于分包根目录（例如 `[\"pages/index/index\"]`）"
        ),
        _ => msg!("add the `{key}` key", "请添加 `{key}` 字段"),
    }
}

/// The keys the schema knows for the object at `pointer` (a chatTools or subpackage item).
fn known_keys(pointer: &str) -> Vec<String> {
    let def = if pointer.starts_with("/chatTools/") {
        "chatTool"
    } else {
        "subPackage"
    };
    APP_SCHEMA_VALUE
        .pointer(&format!("/definitions/{def}/properties"))
        .and_then(Value::as_object)
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn type_name(t: JsonType) -> (&'static str, &'static str) {
    match t {
        JsonType::Null => ("null", "空值（null）"),
        JsonType::Boolean => ("a boolean", "布尔值"),
        JsonType::Integer => ("an integer", "整数"),
        JsonType::Number => ("a number", "数字"),
        JsonType::String => ("a string", "字符串"),
        JsonType::Array => ("an array", "数组"),
        JsonType::Object => ("an object", "对象"),
    }
}

fn value_type_name(v: &Value) -> (&'static str, &'static str) {
    type_name(match v {
        Value::Null => JsonType::Null,
        Value::Bool(_) => JsonType::Boolean,
        Value::Number(_) => JsonType::Number,
        Value::String(_) => JsonType::String,
        Value::Array(_) => JsonType::Array,
        Value::Object(_) => JsonType::Object,
    })
}

/// A value for a message: strings as they are, others as compact JSON, cut when long.
fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if s.chars().count() > 40 {
        let cut: String = s.chars().take(37).collect();
        format!("{cut}…")
    } else {
        s
    }
}
