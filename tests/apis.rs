//! The table of WeChat's chat-tool APIs (src/wechat/apis.rs) agrees with the rule catalogue, and
//! the rule docs show it as it is.

use std::path::Path;

use chattools_lint::rules::find;
use chattools_lint::wechat::apis::{self, APIS};

const START: &str = "<!-- apis:start -->\n";
const END: &str = "<!-- apis:end -->";

/// The docs that show the table, and their rule.
const DOCS: &[(&str, &str)] = &[
    (
        "src/rules/chat_tools/api_arguments.md",
        "chat-tools/api-arguments",
    ),
    (
        "src/rules/chat_tools/api_version.md",
        "chat-tools/api-version",
    ),
    ("src/rules/chat_tools/tap_only.md", "chat-tools/tap-only"),
    (
        "src/rules/chat_tools/forbidden_api.md",
        "chat-tools/forbidden-api",
    ),
    // Their Chinese docs show the same table.
    (
        "src/rules/chat_tools/api_arguments.zh.md",
        "chat-tools/api-arguments",
    ),
    (
        "src/rules/chat_tools/api_version.zh.md",
        "chat-tools/api-version",
    ),
    ("src/rules/chat_tools/tap_only.zh.md", "chat-tools/tap-only"),
    (
        "src/rules/chat_tools/forbidden_api.zh.md",
        "chat-tools/forbidden-api",
    ),
];

fn with_table(doc: &str) -> String {
    let start = doc.find(START).expect("apis:start marker") + START.len();
    let end = doc.find(END).expect("apis:end marker");
    format!("{}{}{}", &doc[..start], apis::markdown_table(), &doc[end..])
}

#[test]
fn rule_docs_show_the_current_table() {
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    for (rel, _) in DOCS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        let have = std::fs::read_to_string(&path).unwrap();
        let want = with_table(&have);
        if update {
            std::fs::write(&path, &want).unwrap();
            continue;
        }
        assert!(
            have == want,
            "{rel}: the API table is out of date: run `UPDATE_DOCS=1 cargo test --test apis` then `--test docs`"
        );
    }
}

/// `wx.name` words in a text.
fn wx_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("wx.") {
        let name: String = text[i + 3..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.len() > 2 && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The APIs the catalogue rows of these rules name (RULES.md), each in the table; the rule
/// docs name no chat-tool API the table lacks.
#[test]
fn every_api_the_catalogue_names_is_in_the_table() {
    let catalogue = [
        // chat-tools/forbidden-api
        "navigateToMiniProgram openEmbeddedMiniProgram openOfficialAccountArticle openChannelsUserProfile openChannelsLive openChannelsEvent openChannelsActivity",
        // chat-tools/api-arguments
        "updateShareMenu openChatTool notifyGroupMembers shareAppMessageToGroup shareImageToGroup shareEmojiToGroup shareVideoToGroup shareFileToGroup enterChatToolMode",
        // chat-tools/api-version
        "enterChatToolMode exitChatTool isChatTool",
        // chat-tools/tap-only
        "notifyGroupMembers shareImageToGroup shareVideoToGroup shareFileToGroup shareEmojiToGroup",
    ];
    for name in catalogue.iter().flat_map(|l| l.split_whitespace()) {
        assert!(apis::find(name).is_some(), "{name} is not in the API table");
    }
    let tap_only: Vec<&str> = catalogue[3].split_whitespace().collect();
    for a in APIS {
        assert_eq!(
            a.tap_only,
            tap_only.contains(&a.name),
            "{}: tap only",
            a.name
        );
    }
    let open_mode: Vec<&str> = catalogue[2].split_whitespace().collect();
    for name in open_mode {
        assert_eq!(
            apis::find(name).unwrap().since,
            Some(apis::OPEN_MODE),
            "{name}"
        );
    }
    // Everything the rule docs name on `wx.` outside the generated table is a row, or a
    // general API the rules only mention.
    let general = [
        "canIUse",
        "getApiCategory",
        "downloadFile",
        "showModal",
        "navigateTo",
        "redirectTo",
        "navigateBack",
        "getLocation",
        "selectGroups",
    ];
    for (_, id) in DOCS {
        let docs = find(id).unwrap().docs;
        let prose = &docs[..docs.find(START).unwrap_or(docs.len())];
        for name in wx_names(prose) {
            assert!(
                apis::find(&name).is_some() || general.contains(&name.as_str()),
                "{id} docs name wx.{name}, which the API table lacks"
            );
        }
    }
}
