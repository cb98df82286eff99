use crate::code::js::{Lit, LitKind};
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
    check,
    ..Rule::DEFAULT
};

const TEMPLATE_IDS: &[&str] = &[
    "4A68CBB88A92B0A9311848DBA1E94A199B166463",
    "2A84254B945674A2F88CE4970782C402795EB607",
];

/// Width as WeChat counts a title: a Chinese (non-ASCII) character counts 2.
fn title_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn num(l: &Lit) -> Option<f64> {
    match l.kind {
        LitKind::Num(n) => Some(n),
        _ => None,
    }
}

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    let project = ctx.project;
    let root = code.root.clone();
    for file in code.own_js() {
        for call in &file.facts.calls {
            let Some(obj) = call.arg.as_ref().and_then(|a| a.as_object()) else {
                continue;
            };
            let name = api_name(call);
            let mut found: Vec<(std::ops::Range<usize>, Msg, Msg)> = Vec::new();
            match call.api.as_str() {
                "updateShareMenu" => {
                    let for_chat = obj
                        .get("useForChatTool")
                        .filter(|p| matches!(p.value.kind, LitKind::Bool(true)));
                    if let Some(flag) = for_chat {
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
                "openChatTool" => {
                    if let Some(room) = obj.get("roomid") {
                        match obj.get("chatType") {
                            None if !obj.open => found.push((
                                room.key_span.clone(),
                                msg!("`roomid` without `chatType`", "传入了 `roomid` 但没有 `chatType`"),
                                msg!("with a room id, pass its `chatType` too (\"传入聊天室id时…此时必须传入对应的 chatType\"): 1 WeChat single chat, 2 WeCom single chat, 3 WeChat group, 4 WeCom group", "传入聊天室 id 时必须传入对应的 `chatType`：1 微信联系人单聊，2 企业微信联系人单聊，3 普通微信群聊，4 企业微信互通群聊"),
                            )),
                            Some(p) if !p.value.is_dynamic() && !matches!(num(&p.value), Some(n) if (1.0..=4.0).contains(&n) && n.fract() == 0.0) => found.push((
                                p.value.span.clone(),
                                msg!("`chatType` must be 1, 2, 3 or 4", "`chatType` 必须为 1、2、3 或 4"),
                                msg!("1 WeChat single chat, 2 WeCom single chat, 3 WeChat group, 4 WeCom group", "1 微信联系人单聊，2 企业微信联系人单聊，3 普通微信群聊，4 企业微信互通群聊"),
                            )),
                            _ => {}
                        }
                    }
                    if let Some(url) = obj.get("url") {
                        if let Some(text) = url.value.url_path() {
                            // `/x` is from miniprogramRoot; otherwise any reading (relative
                            // to the file, to miniprogramRoot, to the package) that lands
                            // inside is accepted.
                            let outside = if text.starts_with('/') {
                                url_outside(project, &code, &file.source.path, text)
                            } else {
                                url_outside(project, &code, &file.source.path, text)
                                    && url_outside(
                                        project,
                                        &code,
                                        &file.source.path,
                                        &format!("/{text}"),
                                    )
                                    && url_outside(
                                        project,
                                        &code,
                                        &file.source.path,
                                        &format!("/{root}/{text}"),
                                    )
                            };
                            if outside {
                                found.push((
                                    url.value.span.clone(),
                                    msg!("`url` `{text}` is not a page of the chat-tool package `{root}`", "`url` `{text}` 不是聊天工具分包 `{root}` 中的页面"),
                                    msg!("`url` must be a page inside the chat-tool package (\"聊天工具分包内的页面路径\")", "`url` 必须是聊天工具分包内的页面路径"),
                                ));
                            }
                        }
                    }
                }
                "notifyGroupMembers" => {
                    if let Some(title) = obj.get("title") {
                        if let Some(text) = title.value.as_str() {
                            let width = title_width(text);
                            if width > 30 {
                                found.push((
                                    title.value.span.clone(),
                                    msg!("`title` counts {width}, more than 30 (a Chinese character counts 2)", "`title` 长度为 {width}，超过 30（中文算 2 个字符）"),
                                    msg!("shorten the title to 30 or less (\"标题长度不超过 30 个字符，支持中英文和数字，中文算2个字符\")", "请把标题缩短到 30 以内（“标题长度不超过 30 个字符，支持中英文和数字，中文算2个字符”）"),
                                ));
                            }
                        }
                    }
                }
                _ => {}
            }
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

#[cfg(test)]
mod tests {
    #[test]
    fn counts_chinese_as_two() {
        assert_eq!(super::title_width("ab签到"), 6);
    }
}
