//! The code scan on awkward inputs (links, link loops, garbage), Chinese output, and one scan
//! feeding several rules.

mod common;

use common::{rule_ids, Project};

const APP: &str = r#"{
  "pages": ["pages/index/index"],
  "subPackages": [
    { "root": "packageChatTool", "pages": ["pages/entry/index"], "independent": true }
  ],
  "chatTools": [
    { "root": "packageChatTool", "entryPagePath": "pages/entry/index", "desc": "群签到" }
  ]
}"#;

fn project() -> Project {
    let p = Project::new();
    p.file("app.json", APP)
        .page("pages/index/index")
        .page("packageChatTool/pages/entry/index");
    p
}

#[test]
fn garbage_files_do_not_stop_the_scan() {
    let p = project();
    p.file("packageChatTool/a.js", [0xff, 0xfe, b'(', b'{', 0x00, b'<'])
        .file(
            "packageChatTool/b.wxml",
            "<<<view a=\"{{ < }} <ad\n<!-- \u{0}",
        )
        .file("packageChatTool/c.wxss", "@import url(; @import '")
        .file("packageChatTool/d.json", "{,}")
        .file("packageChatTool/d.wxml", "<ad/>")
        .file(
            "packageChatTool/pages/entry/index.js",
            "wx.navigateToMiniProgram({})\n",
        );
    let (doc, code) = p.json(&[]);
    let ids = rule_ids(&doc);
    assert_eq!(code, 1, "{ids:?}");
    for want in [
        "code/syntax",
        "json/syntax",
        "chat-tools/forbidden-api",
        "chat-tools/forbidden-component",
    ] {
        assert!(ids.iter().any(|id| id == want), "{want} missing: {ids:?}");
    }
    // The broken file is reported once.
    assert_eq!(ids.iter().filter(|id| *id == "code/syntax").count(), 1);
}

#[cfg(unix)]
#[test]
fn links_out_of_the_project_and_loops_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("shop.js"),
        "wx.navigateToMiniProgram({})\n",
    )
    .unwrap();
    let p = project();
    std::os::unix::fs::symlink(outside.path(), p.path().join("packageChatTool/linked")).unwrap();
    std::os::unix::fs::symlink(
        p.path().join("packageChatTool"),
        p.path().join("packageChatTool/pages/loop"),
    )
    .unwrap();
    let (doc, _) = p.json(&[]);
    let ids = rule_ids(&doc);
    assert!(
        !ids.iter().any(|id| id == "chat-tools/forbidden-api"),
        "{ids:?}"
    );
}

#[test]
fn messages_in_chinese() {
    let p = project();
    p.file(
        "packageChatTool/pages/entry/index.js",
        "wx.navigateTo({ url: '/pages/index/index' })\n",
    );
    let out = p.run(&["--lang", "zh", "--color", "never"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("跳转到聊天工具分包 `packageChatTool` 之外的页面"),
        "{text}"
    );
    assert!(text.contains("wx.navigateBack"), "{text}");
}

#[test]
fn one_scan_feeds_every_code_rule() {
    let p = project();
    p.file(
        "packageChatTool/pages/entry/index.js",
        "wx.navigateToMiniProgram({})\nwx.getLocation()\n",
    );
    let (doc, _) = p.json(&[]);
    let ids = rule_ids(&doc);
    assert!(ids.iter().any(|id| id == "chat-tools/forbidden-api"));
    assert!(ids.iter().any(|id| id == "chat-tools/scope-mismatch"));
    assert!(ids.iter().any(|id| id == "privacy/undeclared-location-api"));
}
