use std::ops::Range;

use crate::code::js::{Lit, LitKind, LitObject};
use crate::code::refs::shown;
use crate::code::server::{client_template_ids, Via};
use crate::rules::prelude::*;
use crate::wechat::apis::TEMPLATE_IDS;

pub static RULE: Rule = Rule {
    id: "server/chattoolmsg",
    default_severity: Severity::Error,
    summary: (
        "a literal setChatToolMsg payload in the server code that WeChat rejects",
        "服务端代码中 setChatToolMsg 的字面量参数会被微信拒绝",
    ),
    docs: include_str!("chattoolmsg.md"),
    docs_zh: include_str!("chattoolmsg.zh.md"),
    check,
    ..Rule::DEFAULT
};

/// One problem: where, what, how to fix it.
type Found = Vec<(Range<usize>, Msg, Msg)>;

fn int(l: &Lit) -> Option<i64> {
    l.as_num().filter(|n| n.fract() == 0.0).map(|n| n as i64)
}

fn check(ctx: &mut LintContext) {
    let server = ctx.server_code();
    if server.files.iter().all(|f| f.payloads.is_empty()) {
        return;
    }
    let client = ctx
        .package_code()
        .map(|c| client_template_ids(&c))
        .unwrap_or_default();
    let project = ctx.project;
    for file in &server.files {
        for payload in &file.payloads {
            let Some(body) = payload.body.as_ref() else {
                continue;
            };
            let Some(obj) = body.as_object() else {
                continue;
            };
            let mut found: Found = Vec::new();
            let older = older_shape(obj, &mut found);
            required_fields(obj, body.span.clone(), &mut found);
            target_state(obj, &mut found);
            participators(obj, &mut found);
            version_type(obj, older, &mut found);
            template(obj, &client, project, &mut found);
            let via = match payload.via {
                Via::Cloud => "chattoolmsg.send",
                Via::Http => "setChatToolMsg",
            };
            for (span, message, help) in found {
                ctx.report(
                    Diagnostic::new(Msg::new(
                        format!("{via}: {}", message.en),
                        format!("{via}：{}", message.zh),
                    ))
                    .at(&file.source, span)
                    .label(payload.call.clone(), None)
                    .help(help),
                );
            }
        }
    }
}

/// `template_info`/`parameter_list` belong to the older updatable-message API
/// (`updatablemsg/send`). Returns whether the payload has that shape.
fn older_shape(obj: &LitObject, found: &mut Found) -> bool {
    let key = obj
        .get("template_info")
        .or_else(|| obj.get("parameter_list"));
    let Some(p) = key else {
        return false;
    };
    let key = &p.key;
    found.push((
        p.key_span.clone(),
        msg!(
            "`{key}` belongs to the older updatable-message API (updatablemsg/send), not to setChatToolMsg",
            "`{key}` 属于旧的动态消息接口（updatablemsg/send），不属于 setChatToolMsg"
        ),
        msg!(
            "setChatToolMsg takes `activity_id`, `target_state` (1, 2 or 3), `template_id`, `participator_info_list` and a numeric `version_type`; remove `{key}`",
            "setChatToolMsg 的参数是 `activity_id`、`target_state`（1、2 或 3）、`template_id`、`participator_info_list` 和数字 `version_type`；请删除 `{key}`"
        ),
    ));
    true
}

fn required_fields(obj: &LitObject, span: Range<usize>, found: &mut Found) {
    if obj.open {
        return;
    }
    for key in ["activity_id", "target_state", "version_type"] {
        if obj.get(key).is_none() {
            let help = match key {
                "activity_id" => msg!(
                    "pass the id made by createActivityId (the same one the client gave `wx.updateShareMenu` as `activityId`)",
                    "请传入 createActivityId 创建的 id（即客户端传给 `wx.updateShareMenu` 的 `activityId`）"
                ),
                "target_state" => msg!(
                    "add `target_state`: 1 collecting, 2 closing soon, 3 ended",
                    "请加入 `target_state`：1 收集中，2 即将截止，3 已结束"
                ),
                _ => msg!(
                    "add `version_type`: 0 release, 1 develop, 2 trial",
                    "请加入 `version_type`：0 正式版，1 开发版，2 体验版"
                ),
            };
            found.push((
                span.clone(),
                msg!("`{key}` is missing: it is required", "缺少必填字段 `{key}`"),
                help,
            ));
        }
    }
}

fn target_state(obj: &LitObject, found: &mut Found) {
    let Some(p) = obj.get("target_state") else {
        return;
    };
    if p.value.is_dynamic() {
        return;
    }
    match int(&p.value) {
        Some(1) => {
            if obj.get("participator_info_list").is_none() && !obj.open {
                found.push((
                    p.value.span.clone(),
                    msg!(
                        "`target_state: 1` without `participator_info_list`",
                        "`target_state: 1` 但没有 `participator_info_list`"
                    ),
                    msg!(
                        "with target_state 1 (collecting) the list of participators is required: `participator_info_list: [{{ group_openid, state: 1 }}]`",
                        "target_state 为 1（收集中）时必须提供参与者列表：`participator_info_list: [{{ group_openid, state: 1 }}]`"
                    ),
                ));
            }
        }
        Some(2 | 3) => {}
        _ => {
            let old = if int(&p.value) == Some(0) {
                msg!(
                    " (0 is the older updatable-message API's state)",
                    "（0 是旧动态消息接口的状态值）"
                )
            } else {
                Msg::new(String::new(), String::new())
            };
            found.push((
                p.value.span.clone(),
                Msg::new(
                    format!("`target_state` must be 1, 2 or 3{}", old.en),
                    format!("`target_state` 必须为 1、2 或 3{}", old.zh),
                ),
                msg!(
                    "1 collecting (the initial state), 2 closing soon, 3 ended",
                    "1 收集中（初始状态），2 即将截止，3 已结束"
                ),
            ));
        }
    }
}

fn participators(obj: &LitObject, found: &mut Found) {
    let Some(p) = obj.get("participator_info_list") else {
        return;
    };
    let LitKind::Array { items, .. } = &p.value.kind else {
        return;
    };
    for item in items {
        let Some(o) = item.as_object() else {
            continue;
        };
        if !o.open && o.get("group_openid").is_none() {
            found.push((
                item.span.clone(),
                msg!(
                    "a participator without `group_openid`",
                    "参与者缺少 `group_openid`"
                ),
                msg!(
                    "each participator is `{{ group_openid, state: 1 }}`, with the member's group_openid",
                    "每个参与者为 `{{ group_openid, state: 1 }}`，group_openid 为成员在群内的标识"
                ),
            ));
        }
        match o.get("state") {
            None if !o.open => found.push((
                item.span.clone(),
                msg!("a participator without `state`", "参与者缺少 `state`"),
                msg!("add `state: 1` (done)", "请加入 `state: 1`（已完成）"),
            )),
            Some(s) if !s.value.is_dynamic() && int(&s.value) != Some(1) => found.push((
                s.value.span.clone(),
                msg!(
                    "a participator's `state` can only be set to 1",
                    "参与者的 `state` 只能设置为 1"
                ),
                msg!(
                    "\"目前只支持设置为 1\": list only the members who are done, with `state: 1`",
                    "“目前只支持设置为 1”：只列出已完成的成员，并设置 `state: 1`"
                ),
            )),
            _ => {}
        }
    }
}

fn version_type(obj: &LitObject, older: bool, found: &mut Found) {
    let Some(p) = obj.get("version_type") else {
        return;
    };
    match &p.value.kind {
        LitKind::Str(s) if !older => found.push((
            p.value.span.clone(),
            msg!(
                "`version_type` is a number here: the string `{s}` is the older updatable-message API's form",
                "这里的 `version_type` 是数字：字符串 `{s}` 是旧动态消息接口的写法"
            ),
            msg!(
                "use 0 (release), 1 (develop) or 2 (trial)",
                "请使用 0（正式版）、1（开发版）或 2（体验版）"
            ),
        )),
        LitKind::Num(_) if !matches!(int(&p.value), Some(0..=2)) => found.push((
            p.value.span.clone(),
            msg!(
                "`version_type` must be 0, 1 or 2",
                "`version_type` 必须为 0、1 或 2"
            ),
            msg!(
                "0 release, 1 develop, 2 trial",
                "0 正式版，1 开发版，2 体验版"
            ),
        )),
        _ => {}
    }
}

/// `template_id`: one of the two chat-tool templates, and the one the client shared with.
fn template(
    obj: &LitObject,
    client: &[(String, std::path::PathBuf, Range<usize>)],
    project: &crate::project::Project,
    found: &mut Found,
) {
    let Some(p) = obj.get("template_id") else {
        return;
    };
    let Some(id) = p.value.as_str() else {
        return;
    };
    if !TEMPLATE_IDS.contains(&id) {
        found.push((
            p.value.span.clone(),
            msg!(
                "`template_id` `{id}` is not a chat-tool template",
                "`template_id` `{id}` 不是聊天工具消息模板"
            ),
            msg!(
                "use `4A68CBB88A92B0A9311848DBA1E94A199B166463` (\"X人已完成\") or `2A84254B945674A2F88CE4970782C402795EB607` (\"X人已参与\"), the one the card was shared with",
                "请使用 `4A68CBB88A92B0A9311848DBA1E94A199B166463`（“X人已完成”）或 `2A84254B945674A2F88CE4970782C402795EB607`（“X人已参与”），与分享卡片时的一致"
            ),
        ));
        return;
    }
    let valid: Vec<_> = client
        .iter()
        .filter(|(c, _, _)| TEMPLATE_IDS.contains(&c.as_str()))
        .collect();
    if valid.is_empty() || valid.iter().any(|(c, _, _)| c == id) {
        return;
    }
    let (other, path, _) = valid[0];
    let file = shown(project, path);
    found.push((
        p.value.span.clone(),
        msg!(
            "`template_id` `{id}` differs from the `templateId` `{other}` the client shares the card with (`wx.updateShareMenu` in {file})",
            "`template_id` `{id}` 与客户端分享卡片时的 `templateId` `{other}` 不同（{file} 中的 `wx.updateShareMenu`）"
        ),
        msg!(
            "the card and its update must use the same template: use `{other}` here, or change the client",
            "卡片与其更新必须使用同一模板：这里请使用 `{other}`，或修改客户端"
        ),
    ));
}
