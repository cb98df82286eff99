//! WeChat's chat-tool APIs as data: the first base library of each, its parameters, whether
//! only a tap may call it, whether chat-tool mode disables it, the scope it needs. The code
//! rules (`chat-tools/api-arguments`, `api-version`, `tap-only`, `forbidden-api`) read this
//! table; `explain` and docs/rules show it (see [`markdown_table`]). A new API is a new row.
//!
//! Sources: the API pages under developers.weixin.qq.com/miniprogram/dev/api/chattool/, the
//! chat-tool guide and the open-mode guide (research notes §6 and §9).

/// What a parameter holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    String,
    Number,
    Boolean,
    Object,
    Array,
    StringArray,
}

impl Type {
    pub fn as_str(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Number => "number",
            Type::Boolean => "boolean",
            Type::Object => "object",
            Type::Array => "array",
            Type::StringArray => "string[]",
        }
    }
}

/// A constraint beyond the type that a literal can be checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    None,
    /// Starts with `/` ("必须是以 / 开头的完整路径").
    AbsolutePath,
    /// A page inside the chat-tool package.
    PackagePage,
    /// A whole number ≥ 1.
    PositiveInteger,
    /// At most this wide, a Chinese (non-ASCII) character counting 2.
    MaxWidth(usize),
}

#[derive(Clone, Copy, Debug)]
pub struct Param {
    pub name: &'static str,
    pub ty: Type,
    pub required: bool,
    /// The only values that work (as written in JS: `1`, `participate`); empty = any.
    pub allowed: &'static [&'static str],
    pub check: Check,
    /// The base library that added this parameter, when later than the API's.
    pub since: Option<&'static str>,
    /// Names developers write instead (the emoji page's own sample passes `path:`).
    pub mistaken_for: &'static [&'static str],
    /// What the allowed values mean: English, Chinese.
    pub meaning: Option<(&'static str, &'static str)>,
}

#[derive(Debug)]
pub struct Api {
    /// The name on `wx` (`openChatTool`).
    pub name: &'static str,
    /// The first base library with it; `None` when not tracked (older, general APIs).
    pub since: Option<&'static str>,
    /// Besides success/fail/complete.
    pub params: &'static [Param],
    /// "仅在点击行为时调用": only a tap may call it.
    pub tap_only: bool,
    /// Disabled in chat-tool mode ("以下能力暂不支持聊天工具模式下使用").
    pub disabled_in_chat_tool: bool,
    /// The scope it needs, if any.
    pub scope: Option<&'static str>,
}

impl Api {
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// The first base library with chat tools.
pub const CLASSIC: &str = "3.7.8";
/// The first base library with open mode (聊天工具开放模式).
pub const OPEN_MODE: &str = "3.12.0";

/// The two templates of chat-tool dynamic messages: "X人已完成" and "X人已参与".
pub const TEMPLATE_IDS: &[&str] = &[
    "4A68CBB88A92B0A9311848DBA1E94A199B166463",
    "2A84254B945674A2F88CE4970782C402795EB607",
];

const fn p(name: &'static str, ty: Type) -> Param {
    Param {
        name,
        ty,
        required: false,
        allowed: &[],
        check: Check::None,
        since: None,
        mistaken_for: &[],
        meaning: None,
    }
}

const fn req(name: &'static str, ty: Type) -> Param {
    Param {
        required: true,
        ..p(name, ty)
    }
}

const fn api(name: &'static str, since: &'static str, params: &'static [Param]) -> Api {
    Api {
        name,
        since: Some(since),
        params,
        tap_only: false,
        disabled_in_chat_tool: false,
        scope: None,
    }
}

const fn tap_only(a: Api) -> Api {
    Api {
        tap_only: true,
        ..a
    }
}

const fn disabled(name: &'static str) -> Api {
    Api {
        name,
        since: None,
        params: &[],
        tap_only: false,
        disabled_in_chat_tool: true,
        scope: None,
    }
}

const SHARE_ENTRANCE: [Param; 2] = [
    p("needShowEntrance", Type::Boolean),
    p("entrancePath", Type::String),
];

/// Every chat-tool API, in the order of the docs.
pub static APIS: &[Api] = &[
    api(
        "openChatTool",
        CLASSIC,
        &[
            Param {
                check: Check::PackagePage,
                ..req("url", Type::String)
            },
            p("roomid", Type::String),
            Param {
                allowed: &["1", "2", "3", "4"],
                meaning: Some((
                    "1 WeChat single chat, 2 WeCom single chat, 3 WeChat group, 4 WeCom group",
                    "1 微信联系人单聊，2 企业微信联系人单聊，3 普通微信群聊，4 企业微信互通群聊",
                )),
                ..p("chatType", Type::Number)
            },
        ],
    ),
    api("getChatToolInfo", CLASSIC, &[]),
    api(
        "getGroupEnterInfo",
        "2.10.4",
        &[
            Param {
                since: Some(CLASSIC),
                ..p("allowSingleChat", Type::Boolean)
            },
            Param {
                since: Some(CLASSIC),
                ..p("needGroupOpenID", Type::Boolean)
            },
        ],
    ),
    api(
        "selectGroupMembers",
        CLASSIC,
        &[p("maxSelectCount", Type::Number)],
    ),
    api(
        "shareAppMessageToGroup",
        CLASSIC,
        &[
            req("title", Type::String),
            Param {
                check: Check::AbsolutePath,
                ..p("path", Type::String)
            },
            p("imageUrl", Type::String),
        ],
    ),
    tap_only(api(
        "notifyGroupMembers",
        CLASSIC,
        &[
            Param {
                check: Check::MaxWidth(30),
                ..req("title", Type::String)
            },
            req("members", Type::StringArray),
            req("entrancePath", Type::String),
            Param {
                allowed: &["participate", "complete"],
                meaning: Some((
                    "participate: \"请参与\", complete: \"请完成\" (the default)",
                    "participate：“请参与”，complete：“请完成”（默认）",
                )),
                ..p("type", Type::String)
            },
        ],
    )),
    tap_only(api(
        "shareImageToGroup",
        CLASSIC,
        &[
            Param {
                mistaken_for: &["path"],
                ..req("imagePath", Type::String)
            },
            SHARE_ENTRANCE[0],
            SHARE_ENTRANCE[1],
        ],
    )),
    tap_only(api(
        "shareEmojiToGroup",
        CLASSIC,
        &[
            Param {
                mistaken_for: &["path"],
                ..req("imagePath", Type::String)
            },
            SHARE_ENTRANCE[0],
            SHARE_ENTRANCE[1],
        ],
    )),
    tap_only(api(
        "shareVideoToGroup",
        CLASSIC,
        &[
            Param {
                mistaken_for: &["path"],
                ..req("videoPath", Type::String)
            },
            p("thumbPath", Type::String),
            SHARE_ENTRANCE[0],
            SHARE_ENTRANCE[1],
        ],
    )),
    tap_only(api(
        "shareFileToGroup",
        CLASSIC,
        &[
            Param {
                mistaken_for: &["path"],
                ..req("filePath", Type::String)
            },
            p("fileName", Type::String),
            SHARE_ENTRANCE[0],
            SHARE_ENTRANCE[1],
        ],
    )),
    api("getApiCategory", "2.33.0", &[]),
    api(
        "updateShareMenu",
        "1.2.0",
        &[
            p("withShareTicket", Type::Boolean),
            Param {
                since: Some("2.4.0"),
                ..p("isUpdatableMessage", Type::Boolean)
            },
            Param {
                since: Some("2.4.0"),
                ..p("activityId", Type::String)
            },
            Param {
                since: Some("2.4.0"),
                ..p("templateInfo", Type::Object)
            },
            Param {
                since: Some("2.11.0"),
                ..p("toDoActivityId", Type::String)
            },
            Param {
                since: Some("2.13.0"),
                ..p("isPrivateMessage", Type::Boolean)
            },
            Param {
                since: Some(CLASSIC),
                ..p("useForChatTool", Type::Boolean)
            },
            // 1 or 2 only with `useForChatTool: true` (chat-tools/api-arguments checks it).
            Param {
                since: Some(CLASSIC),
                ..p("chooseType", Type::Number)
            },
            p("participant", Type::Array),
        ],
    ),
    api(
        "enterChatToolMode",
        OPEN_MODE,
        &[
            p("chatToolRooms", Type::StringArray),
            p("singleChatRoom", Type::Boolean),
            Param {
                check: Check::PositiveInteger,
                ..p("selectLimit", Type::Number)
            },
        ],
    ),
    api("exitChatTool", OPEN_MODE, &[]),
    api("isChatTool", OPEN_MODE, &[]),
    // "外跳类接口", disabled in chat-tool mode (chatTool guide §6).
    disabled("navigateToMiniProgram"),
    disabled("openEmbeddedMiniProgram"),
    disabled("openOfficialAccountArticle"),
    disabled("openChannelsUserProfile"),
    disabled("openChannelsLive"),
    disabled("openChannelsEvent"),
    disabled("openChannelsActivity"),
];

pub fn find(name: &str) -> Option<&'static Api> {
    APIS.iter().find(|a| a.name == name)
}

/// The table as Markdown, for the rule docs (between `<!-- apis:start -->` and
/// `<!-- apis:end -->`; tests/apis.rs keeps them current).
pub fn markdown_table() -> String {
    let mut s = String::from(
        "| API | since 基础库 | parameters 参数 (* required 必填) | tap only 仅点击 | disabled in chat tools 聊天工具中不可用 |\n|---|---|---|---|---|\n",
    );
    for a in APIS {
        let params: Vec<String> = a
            .params
            .iter()
            .map(|p| {
                let mut t = format!(
                    "`{}{}`: {}",
                    p.name,
                    if p.required { "*" } else { "" },
                    p.ty.as_str()
                );
                if !p.allowed.is_empty() {
                    t.push_str(&format!(" ({})", p.allowed.join(" \\| ")));
                }
                match p.check {
                    Check::None => {}
                    Check::AbsolutePath => t.push_str(" (starts with `/`)"),
                    Check::PackagePage => t.push_str(" (a page of the package)"),
                    Check::PositiveInteger => t.push_str(" (≥ 1)"),
                    Check::MaxWidth(n) => t.push_str(&format!(" (≤ {n}, 中文算 2)")),
                }
                if let Some(v) = p.since {
                    t.push_str(&format!(" since {v}"));
                }
                t
            })
            .collect();
        s.push_str(&format!(
            "| `wx.{}` | {} | {} | {} | {} |\n",
            a.name,
            a.since.unwrap_or("—"),
            if params.is_empty() {
                "—".to_string()
            } else {
                params.join("; ")
            },
            if a.tap_only { "yes 是" } else { "" },
            if a.disabled_in_chat_tool {
                "yes 是"
            } else {
                ""
            },
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::version::Version;

    #[test]
    fn rows_are_consistent() {
        for a in APIS {
            if let Some(v) = a.since {
                assert!(Version::parse(v).is_some(), "{}", a.name);
            }
            for p in a.params {
                if let Some(v) = p.since {
                    assert!(Version::parse(v).is_some(), "{}.{}", a.name, p.name);
                }
            }
            // A scope in this table agrees with the scope table of the authorize page.
            assert_eq!(a.scope, super::super::api_scope(a.name), "{}", a.name);
            assert_eq!(
                APIS.iter().filter(|b| b.name == a.name).count(),
                1,
                "{}",
                a.name
            );
        }
    }
}
