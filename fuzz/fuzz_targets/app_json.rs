//! The whole pipeline on arbitrary app.json bytes: read, schema, rules, every output format, and
//! the fixer. Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run app_json fuzz/corpus/app_json fuzz/seeds`
//! (from the repository root). See docs/robustness.md.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// One small project on disk for every input: the pages of the fixtures' chat tool exist, so
/// rules that look at files have something to find.
fn project_dir() -> &'static std::path::Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        for page in ["pages/index/index", "packageChatTool/pages/entry/index"] {
            let p = d.path().join(page);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p.with_extension("wxml"), "<view></view>\n").unwrap();
            std::fs::write(p.with_extension("js"), "Page({})\n").unwrap();
        }
        // Code for the package rules (references, aliases, assets, runtime assumptions), so
        // that app.json inputs steer them through `resolveAlias`, roots and renderers.
        for (rel, text) in [
            (
                "packageChatTool/pages/entry/index.js",
                "import a from '~/utils/a'\nconst m = require('../../utils/missing')\nimport d from 'dayjs'\nconst app = getApp()\nPage({ share() { wx.cloud.callFunction({ name: 'f' }); return { imageUrl: '/images/a.png' } } })\n",
            ),
            (
                "packageChatTool/pages/entry/index.wxml",
                "<import src=\"/templates/card.wxml\"/><image src=\"/images/a.png\"/><web-view src=\"https://x\"/><t-cell/>\n",
            ),
            (
                "packageChatTool/pages/entry/index.json",
                "{\"usingComponents\": {\"t-cell\": \"tdesign-miniprogram/cell/cell\", \"nav\": \"~/components/nav/nav\"}, \"renderer\": \"webview\"}\n",
            ),
            ("packageChatTool/pages/entry/index.wxss", "@import '/styles/common.wxss';\n"),
            ("utils/a.js", "module.exports = 1\n"),
            ("images/a.png", "PNG"),
            ("templates/card.wxml", "<template name=\"card\"/>\n"),
        ] {
            let p = d.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        d
    })
    .path()
}

fuzz_target!(|data: &[u8]| {
    chattools_lint::fuzzing::lint_app_json(project_dir(), data);
});
