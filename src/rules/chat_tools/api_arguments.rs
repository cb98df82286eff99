use std::ops::Range;

use crate::code::js::{Lit, LitKind, LitObject};
use crate::code::refs::{api_name, url_outside};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/api-arguments",
    default_severity: Severity::Warning,
    summary: (
        "literal arguments of a chat-tool API that cannot work",
        "聊天工具接口的字面量参数不可能生效",
    ),
    docs: include_str!("api_arguments.md"),
    docs_zh: include_str!("api_arguments.zh.md"),
    check,
    ..Rule::DEFAULT
};

use crate::wechat::apis::{self, Check, Param, Type, TEMPLATE_IDS};

/// Width as WeChat counts a title: a Chinese (non-ASCII) character counts 2.
fn title_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn num(l: &Lit) -> Option<f64> {
    l.as_num()
}

/// A literal as JS would print it, to compare with the table's allowed values.
fn literal_text(l: &Lit) -> Option<String> {
    match &l.kind {
        LitKind::Str(s) => Some(s.clone()),
        LitKind::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
        LitKind::Num(n) => Some(n.to_string()),
        LitKind::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// One problem: where, what, how to fix it.
type Found = Vec<(Range<usize>, Msg, Msg)>;

/// What a step needs to judge a call.
struct Call<'a> {
    obj: &'a LitObject,
    /// The object literal's span (where a missing parameter is reported).
    obj_span: Range<usize>,
    /// Whether a literal page url lies outside the chat-tool package.
    outside: &'a dyn Fn(&str) -> bool,
    root: &'a str,
    /// The API's parameters in the table.
    params: &'static [Param],
}

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    let project = ctx.project;
    for file in code.own_js() {
        // `/x` is from miniprogramRoot; otherwise any reading (relative to the file, to
        // miniprogramRoot, to the package) that lands inside is accepted.
        let outside = |text: &str| -> bool {
            let from = &file.source.path;
            if text.starts_with('/') {
                return url_outside(project, &code, from, text);
            }
            url_outside(project, &code, from, text)
                && url_outside(project, &code, from, &format!("/{text}"))
                && url_outside(project, &code, from, &format!("/{}/{text}", code.root))
        };
        for call in &file.facts.calls {
            let Some(arg) = call.arg.as_ref() else {
                continue;
            };
            let Some(obj) = arg.as_object() else {
                continue;
            };
            let c = Call {
                obj,
                obj_span: arg.span.clone(),
                outside: &outside,
                root: &code.root,
                params: apis::find(&call.api).map_or(&[], |a| a.params),
            };
            let mut found: Found = Vec::new();
            for param in c.params {
                check_param(&c, param, &mut found);
            }
            match call.api.as_str() {
                "updateShareMenu" => {
                    chat_tool_share_menu(&c, &mut found);
                    updatable_without_activity(&c, &mut found);
                }
                "openChatTool" => room_without_chat_type(&c, &mut found),
                _ => {}
            }
            let name = api_name(call);
            for (span, message, help) in found {
                ctx.report(
                    Diagnostic::new(Msg::new(
                        format!("{name}: {}", message.en),
                        format!("{name}：{}", message.zh),
                    ))
                    .at(&file.source, span)
                    .label(call.span.clone(), None)
                    .help(help),
                );
            }
        }
    }
}

/// One parameter of the table: present when required, an allowed value, its constraint.
fn check_param(c: &Call, param: &Param, found: &mut Found) {
    let Some(prop) = c.obj.get(param.name) else {
        if param.required && !c.obj.open {
            missing_param(c, param, found);
        }
        return;
    };
    let value = &prop.value;
    let name = param.name;
    if !param.allowed.is_empty() {
        if let Some(text) = literal_text(value) {
            if !param.allowed.contains(&text.as_str()) {
                let list = Msg::list(param.allowed);
                let (list_en, list_zh) = (&list.en, &list.zh);
                found.push((
                    value.span.clone(),
                    msg!("`{name}` cannot be `{text}`", "`{name}` 不能为 `{text}`"),
                    match param.meaning {
                        Some((meaning_en, meaning_zh)) => msg!(
                            "`{name}` takes one of: {list_en} ({meaning_en})",
                            "`{name}` 只能取以下值之一：{list_zh}（{meaning_zh}）"
                        ),
                        None => msg!(
                            "`{name}` takes one of: {list_en}",
                            "`{name}` 只能取以下值之一：{list_zh}"
                        ),
                    },
                ));
            }
        }
    }
    if param.ty == Type::StringArray {
        let bad = match &value.kind {
            LitKind::Array { items, .. } => items
                .iter()
                .find(|i| !i.is_dynamic() && i.as_str().is_none())
                .map(|i| i.span.clone()),
            LitKind::Str(_) | LitKind::Num(_) | LitKind::Bool(_) | LitKind::Object(_) => {
                Some(value.span.clone())
            }
            _ => None,
        };
        if let Some(span) = bad {
            found.push((
                span,
                msg!(
                    "`{name}` must be an array of strings",
                    "`{name}` 必须是字符串数组"
                ),
                msg!(
                    "pass a list of ids, e.g. `['id1', 'id2']`",
                    "请传入 id 的数组，例如 `['id1', 'id2']`"
                ),
            ));
        }
    }
    match param.check {
        Check::None => {}
        Check::AbsolutePath => {
            let text = match &value.kind {
                LitKind::Str(s) | LitKind::Prefix(s) => Some(s.as_str()),
                _ => None,
            };
            if let Some(text) = text.filter(|t| !t.is_empty() && !t.starts_with('/')) {
                found.push((
                    value.span.clone(),
                    msg!("`{name}` `{text}` does not start with `/`", "`{name}` `{text}` 没有以 `/` 开头"),
                    msg!("write the full path from the mini program's root, starting with `/` (\"必须是以 / 开头的完整路径\"): `/{text}`", "请写以 `/` 开头的完整路径（“必须是以 / 开头的完整路径”）：`/{text}`"),
                ));
            }
        }
        Check::PackagePage => {
            if let Some(text) = value.url_path() {
                if (c.outside)(text) {
                    let root = c.root;
                    found.push((
                        value.span.clone(),
                        msg!("`{name}` `{text}` is not a page of the chat-tool package `{root}`", "`{name}` `{text}` 不是聊天工具分包 `{root}` 中的页面"),
                        msg!("`{name}` must be a page inside the chat-tool package (\"聊天工具分包内的页面路径\")", "`{name}` 必须是聊天工具分包内的页面路径"),
                    ));
                }
            }
        }
        Check::PositiveInteger => {
            let bad = match &value.kind {
                LitKind::Num(n) => *n < 1.0 || n.fract() != 0.0,
                LitKind::Str(_)
                | LitKind::Bool(_)
                | LitKind::Null
                | LitKind::Object(_)
                | LitKind::Array { .. } => true,
                _ => false,
            };
            if bad {
                found.push((
                    value.span.clone(),
                    msg!(
                        "`{name}` must be a whole number of at least 1",
                        "`{name}` 必须是不小于 1 的整数"
                    ),
                    msg!(
                        "pass how many chats may be chosen, e.g. `{name}: 1`",
                        "请传入可选择的聊天数量，例如 `{name}: 1`"
                    ),
                ));
            }
        }
        Check::MaxWidth(max) => {
            if let Some(text) = value.as_str() {
                let width = title_width(text);
                if width > max {
                    found.push((
                        value.span.clone(),
                        msg!("`{name}` counts {width}, more than {max} (a Chinese character counts 2)", "`{name}` 长度为 {width}，超过 {max}（中文算 2 个字符）"),
                        msg!("shorten it to {max} or less (\"标题长度不超过 30 个字符，支持中英文和数字，中文算2个字符\")", "请缩短到 {max} 以内（“标题长度不超过 30 个字符，支持中英文和数字，中文算2个字符”）"),
                    ));
                }
            }
        }
    }
}

/// A required parameter is absent from a complete literal. When a key the developer wrote
/// stands for it (`path:` for `imagePath`, a near spelling), the help says to rename that key.
fn missing_param(c: &Call, param: &Param, found: &mut Found) {
    let name = param.name;
    let ty = param.ty.as_str();
    let stand_in = c.obj.props.iter().find(|p| {
        param.mistaken_for.contains(&p.key.as_str())
            || (crate::rules::edit_distance(&p.key, name) <= 2
                && !c.params.iter().any(|q| q.name == p.key))
    });
    match stand_in {
        Some(p) => {
            let key = &p.key;
            found.push((
                p.key_span.clone(),
                msg!(
                    "`{key}` is not a parameter: the required one is `{name}`",
                    "`{key}` 不是参数：必填的是 `{name}`"
                ),
                msg!("rename `{key}` to `{name}`", "请把 `{key}` 改为 `{name}`"),
            ));
        }
        None => found.push((
            c.obj_span.clone(),
            msg!(
                "`{name}` is missing: it is required",
                "缺少必填参数 `{name}`"
            ),
            msg!(
                "add `{name}` ({ty}): the API page marks it required (必填)",
                "请加入 `{name}`（{ty}）：接口文档将其标为必填"
            ),
        )),
    }
}

/// `updateShareMenu` with `useForChatTool: true`: `chooseType` 1 or 2, `participant` for 1,
/// a chat-tool template.
fn chat_tool_share_menu(c: &Call, found: &mut Found) {
    let obj = c.obj;
    let Some(flag) = obj
        .get("useForChatTool")
        .filter(|p| matches!(p.value.kind, LitKind::Bool(true)))
    else {
        return;
    };
    match obj.get("chooseType") {
        Some(p) if !p.value.is_dynamic() && !matches!(num(&p.value), Some(n) if n == 1.0 || n == 2.0) => {
            found.push((
                p.value.span.clone(),
                msg!("`chooseType` must be 1 or 2 when `useForChatTool` is true", "`useForChatTool` 为 true 时，`chooseType` 必须为 1 或 2"),
                msg!("use 1 (the `participant` list are the participants) or 2 (every member of the group, including later joiners)", "请使用 1（以 `participant` 指定参与者）或 2（群内所有成员均为参与者，包括后加入群的成员）"),
            ));
        }
        None if !obj.open => found.push((
            flag.key_span.clone(),
            msg!("`useForChatTool: true` without `chooseType`", "设置了 `useForChatTool: true` 但没有 `chooseType`"),
            msg!("add `chooseType: 1` (with `participant`) or `chooseType: 2` (every member of the group)", "请加入 `chooseType: 1`（并提供 `participant`）或 `chooseType: 2`（群内所有成员）"),
        )),
        Some(p) if num(&p.value) == Some(1.0) && !obj.open && obj.get("participant").is_none() => {
            found.push((
                p.value.span.clone(),
                msg!("`chooseType: 1` without `participant`", "`chooseType: 1` 但没有 `participant`"),
                msg!("`chooseType` = 1 takes the participants from `participant` (their group_openid): add it, or use `chooseType: 2` for the whole group", "`chooseType` = 1 表示按指定的 `participant` 当作参与者：请提供它（成员的 group_openid），或使用 `chooseType: 2` 表示全群"),
            ));
        }
        _ => {}
    }
    let template = obj
        .get("templateInfo")
        .and_then(|p| p.value.as_object())
        .and_then(|t| t.get("templateId"));
    if let Some(t) = template {
        if let Some(id) = t.value.as_str() {
            if !TEMPLATE_IDS.contains(&id) {
                found.push((
                    t.value.span.clone(),
                    msg!("`templateInfo.templateId` `{id}` is not a chat-tool template", "`templateInfo.templateId` `{id}` 不是聊天工具消息模板"),
                    msg!("use `4A68CBB88A92B0A9311848DBA1E94A199B166463` (\"X人已完成\") or `2A84254B945674A2F88CE4970782C402795EB607` (\"X人已参与\")", "请使用 `4A68CBB88A92B0A9311848DBA1E94A199B166463`（“X人已完成”）或 `2A84254B945674A2F88CE4970782C402795EB607`（“X人已参与”）"),
                ));
            }
        }
    }
}

/// `isUpdatableMessage: true` needs the `activityId` made on the server.
fn updatable_without_activity(c: &Call, found: &mut Found) {
    let obj = c.obj;
    if let Some(p) = obj.get("isUpdatableMessage") {
        if matches!(p.value.kind, LitKind::Bool(true))
            && !obj.open
            && obj.get("activityId").is_none()
        {
            found.push((
                p.key_span.clone(),
                msg!("`isUpdatableMessage: true` without `activityId`", "`isUpdatableMessage: true` 但没有 `activityId`"),
                msg!("pass the `activityId` created on your server (createActivityId): an updatable message needs it", "请传入在服务端通过 createActivityId 创建的 `activityId`：动态消息需要它"),
            ));
        }
    }
}

/// `openChatTool` with a room id needs its `chatType`.
fn room_without_chat_type(c: &Call, found: &mut Found) {
    let obj = c.obj;
    if let (Some(room), None, false) = (obj.get("roomid"), obj.get("chatType"), obj.open) {
        found.push((
            room.key_span.clone(),
            msg!("`roomid` without `chatType`", "传入了 `roomid` 但没有 `chatType`"),
            msg!("with a room id, pass its `chatType` too (\"传入聊天室id时…此时必须传入对应的 chatType\"): 1 WeChat single chat, 2 WeCom single chat, 3 WeChat group, 4 WeCom group", "传入聊天室 id 时必须传入对应的 `chatType`：1 微信联系人单聊，2 企业微信联系人单聊，3 普通微信群聊，4 企业微信互通群聊"),
        ));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_chinese_as_two() {
        assert_eq!(super::title_width("ab签到"), 6);
    }
}
