//! uni-app and Taro source trees through the real binary: every diagnostic points at the key in
//! the file it came from (pages.json, manifest.json, app.config.ts, a page's .vue or .tsx), with
//! exact positions.

mod common;

use common::{bin, json_in, Project};
use serde_json::Value;

/// (rule, file, line, column) of every diagnostic, in output order.
fn places(doc: &Value) -> Vec<(String, String, u64, u64)> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn p(rule: &str, file: &str, line: u64, col: u64) -> (String, String, u64, u64) {
    (rule.to_string(), file.to_string(), line, col)
}

fn fixture(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

#[test]
fn uni_app_chat_tools_in_pages_json_is_dropped() {
    let dir = fixture("uni-app/dropped-key/invalid/chat-tools-in-pages-json");
    let (doc, code) = json_in(&dir, &[]);
    assert_eq!(code, 1);
    // Comments and trailing commas of pages.json are fine for uni-app: no json/syntax.
    assert_eq!(
        places(&doc),
        [p("uni-app/dropped-key", "pages.json", 18, 3)]
    );
    let d = &doc["diagnostics"][0];
    assert_eq!(d["pointer"], "/chatTools");
    assert!(d["help"].as_str().unwrap().contains("manifest.json"), "{d}");
    assert_eq!(doc["projects"][0]["appJson"], "pages.json");
}

#[test]
fn uni_app_chat_tools_in_manifest_src_layout_is_clean() {
    let dir = fixture("uni-app/dropped-key/valid/src-layout-chat-tools-in-manifest");
    let (doc, code) = json_in(&dir, &[]);
    assert_eq!(places(&doc), []);
    assert_eq!(code, 0);
    assert_eq!(doc["projects"][0]["appJson"], "src/pages.json");
}

const UNI_PAGES: &str = r#"{
  // main package
  "pages": [
    { "path": "pages/index/index" },
  ],
  "subPackages": [
    {
      "root": "packageChat",
      "independent": true,
      "renderer": "skyline",
      "componentFramework": "glass-easel",
      "pages": [
        { "path": "pages/entry/index", "style": { "navigationStyle": "default" } },
        { "path": "pages/gone/index" }
      ]
    }
  ]
}
"#;

const UNI_MANIFEST: &str = r#"{
  "name": "demo",
  "mp-weixin": {
    "appid": "wx0123456789abcdef",
    "lazyCodeLoading": "requiredComponents",
    "rendererOptions": { "skyline": { "defaultDisplayBlock": true } },
    "chatTools": [
      { "root": "packageChat", "entryPagePath": "pages/entry/index", "desc": "群签到" }
    ]
  }
}
"#;

const UNI_ENTRY: &str = r#"<template>
  <view>
    <ad unit-id="adunit-1"></ad>
    <template v-if="ok"><web-view src="https://example.com" /></template>
  </view>
</template>

<script setup lang="ts">
const jump = (): void => {
  uni.navigateToMiniProgram({ appId: 'wx1' })
}
</script>
"#;

#[test]
fn uni_app_diagnostics_point_into_their_source_files() {
    let p_ = Project::new();
    p_.file("src/pages.json", UNI_PAGES)
        .file("src/manifest.json", UNI_MANIFEST)
        .file(
            "src/pages/index/index.vue",
            "<template><view/></template>\n",
        )
        .file("src/packageChat/pages/entry/index.vue", UNI_ENTRY);
    let (doc, code) = p_.json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&doc),
        [
            p("chat-tools/skyline-ab-test", "src/manifest.json", 6, 26),
            p(
                "chat-tools/forbidden-component",
                "src/packageChat/pages/entry/index.vue",
                3,
                6
            ),
            p(
                "skyline/unsupported-component",
                "src/packageChat/pages/entry/index.vue",
                4,
                26
            ),
            p(
                "chat-tools/forbidden-api",
                "src/packageChat/pages/entry/index.vue",
                10,
                3
            ),
            p("skyline/navigation-style", "src/pages.json", 13, 70),
            p("subpackages/missing-page", "src/pages.json", 14, 19),
        ]
    );
    let by_rule = |rule: &str| {
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == rule)
            .unwrap()
            .clone()
    };
    // Pointers name the place in the source file.
    assert_eq!(
        by_rule("chat-tools/skyline-ab-test")["pointer"],
        "/mp-weixin/rendererOptions/skyline"
    );
    assert_eq!(
        by_rule("subpackages/missing-page")["pointer"],
        "/subPackages/0/pages/1/path"
    );
    // Help that says app.json also says where uni-app takes app.json's keys from.
    let help = by_rule("chat-tools/skyline-ab-test")["help"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(help.contains("manifest.json → \"mp-weixin\""), "{help}");
    assert!(by_rule("subpackages/missing-page")["message"]
        .as_str()
        .unwrap()
        .contains("packageChat/pages/gone/index.vue"));
}

#[test]
fn uni_app_real_json_errors_are_still_reported() {
    let p_ = Project::new();
    p_.file(
        "pages.json",
        "{\n  \"pages\": [{ \"path\": \"pages/index/index\" }]\n  \"globalStyle\": {}\n}\n",
    )
    .file("manifest.json", "{ /* ok */ \"mp-weixin\": {}, }\n")
    .file("pages/index/index.vue", "");
    let (doc, code) = p_.json(&[]);
    assert_eq!(places(&doc), [p("json/syntax", "pages.json", 2, 45)]);
    assert_eq!(code, 1);

    let dup = Project::new();
    dup.file(
        "pages.json",
        "{ \"pages\": [], // none yet\n  \"pages\": [{ \"path\": \"pages/index/index\" }] }\n",
    )
    .file("manifest.json", "{}")
    .file("pages/index/index.vue", "");
    let (doc, _) = dup.json(&[]);
    assert_eq!(places(&doc), [p("json/duplicate-key", "pages.json", 2, 3)]);
}

const TARO_APP: &str = r#"import { chatDesc } from './strings'

const config = defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [
    {
      root: 'packageChat',
      pages: ['pages/entry/index'],
      independent: true,
      renderer: 'skyline',
      componentFramework: 'glass-easel',
    },
  ],
  lazyCodeLoading: 'requiredComponents',
  rendererOptions: { skyline: { disableABTest: true } },
  chatTools: [{ root: 'packageChatTool', entryPagePath: 'pages/entry/index', desc: chatDesc }],
})

export default config
"#;

const TARO_ENTRY: &str = r#"import Taro from '@tarojs/taro'
import { View, Ad } from '@tarojs/components'
import Banner from '../../components/banner'

export default function Entry() {
  Taro.navigateToMiniProgram({ appId: 'wx1' })
  return (
    <View>
      <Ad unitId="adunit-1" />
      <Banner />
    </View>
  )
}
"#;

#[test]
fn taro_diagnostics_point_into_the_config_source() {
    let p_ = Project::new();
    p_.file("src/app.config.ts", TARO_APP)
        .file("src/pages/index/index.tsx", "export default () => null\n")
        .file(
            "src/packageChat/pages/entry/index.config.ts",
            "export default definePageConfig({\n  navigationStyle: 'default',\n})\n",
        )
        .file("src/packageChat/pages/entry/index.tsx", TARO_ENTRY);
    let (doc, code) = p_.json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&doc),
        [
            p("chat-tools/unknown-root", "src/app.config.ts", 16, 23),
            p("taro/dynamic-config", "src/app.config.ts", 16, 84),
            p(
                "skyline/navigation-style",
                "src/packageChat/pages/entry/index.config.ts",
                2,
                20
            ),
        ]
    );

    // `desc` is computed: `chatTools[0]` is known only in part, so no schema/required for it.
    // The chat tool's root fixed: the page's code is read.
    p_.file(
        "src/app.config.ts",
        TARO_APP.replace("'packageChatTool'", "'packageChat'"),
    );
    let (doc, _) = p_.json(&[]);
    assert_eq!(
        places(&doc),
        [
            p("taro/dynamic-config", "src/app.config.ts", 16, 80),
            p(
                "skyline/navigation-style",
                "src/packageChat/pages/entry/index.config.ts",
                2,
                20
            ),
            p(
                "chat-tools/forbidden-api",
                "src/packageChat/pages/entry/index.tsx",
                6,
                3
            ),
            p(
                "chat-tools/forbidden-component",
                "src/packageChat/pages/entry/index.tsx",
                9,
                8
            ),
        ]
    );
}

#[test]
fn taro_config_that_does_not_parse_is_exit_2() {
    let p_ = Project::new();
    p_.file(
        "src/app.config.ts",
        "export default defineAppConfig({ pages: [ })\n",
    );
    let out = p_.run(&["--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("src/app.config.ts:1:"), "{err}");
}

#[test]
fn uni_app_fix_moves_the_keys_into_manifest() {
    let p_ = Project::new();
    p_.file(
        "pages.json",
        "{\n  // pages\n  \"pages\": [{ \"path\": \"pages/index/index\" }],\n  \"chatTools\": [\n    { \"root\": \"packageChat\", \"entryPagePath\": \"pages/entry/index\", \"desc\": \"群签到\" }\n  ],\n  \"lazyCodeLoading\": \"requiredComponents\"\n}\n",
    )
    .file(
        "manifest.json",
        "{\n  \"name\": \"demo\",\n  \"mp-weixin\": {\n    \"appid\": \"wx0123456789abcdef\"\n  }\n}\n",
    )
    .file("pages/index/index.vue", "");
    let out = bin()
        .current_dir(p_.path())
        .args(["--lang", "en", "--fix", "--format", "short"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("uni-app/dropped-key"), "{stderr}");
    let read = |f: &str| std::fs::read_to_string(p_.path().join(f)).unwrap();
    assert_eq!(
        read("pages.json"),
        "{\n  // pages\n  \"pages\": [{ \"path\": \"pages/index/index\" }]\n}\n"
    );
    assert_eq!(
        read("manifest.json"),
        // One key a pass (the two removals touch), each moved to the start of "mp-weixin".
        "{\n  \"name\": \"demo\",\n  \"mp-weixin\": {\n    \"lazyCodeLoading\": \"requiredComponents\",\n    \"chatTools\": [\n      { \"root\": \"packageChat\", \"entryPagePath\": \"pages/entry/index\", \"desc\": \"群签到\" }\n    ],\n    \"appid\": \"wx0123456789abcdef\"\n  }\n}\n"
    );
    let (doc, _) = p_.json(&[]);
    let rules = common::rule_ids(&doc);
    assert!(
        !rules.iter().any(|r| r == "uni-app/dropped-key"),
        "{rules:?}"
    );
    // Already there: no fix offered, pages.json left alone.
    let again = Project::new();
    again
        .file(
            "pages.json",
            "{ \"pages\": [], \"renderer\": \"skyline\" }\n",
        )
        .file(
            "manifest.json",
            "{ \"mp-weixin\": { \"renderer\": \"skyline\" } }\n",
        );
    let out = bin()
        .current_dir(again.path())
        .args(["--diff"])
        .output()
        .unwrap();
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn build_output_is_named_once_and_sizes_the_package() {
    let p_ = Project::new();
    p_.file(
        "src/app.config.ts",
        "export default {\n  pages: ['pages/index/index'],\n  subPackages: [{ root: 'packageChat', pages: ['pages/entry/index'], independent: true, renderer: 'skyline', componentFramework: 'glass-easel' }],\n  lazyCodeLoading: 'requiredComponents',\n  rendererOptions: { skyline: { disableABTest: true } },\n  chatTools: [{ root: 'packageChat', entryPagePath: 'pages/entry/index', desc: '群签到' }],\n}\n",
    )
    .file("src/pages/index/index.tsx", "")
    .file("src/packageChat/pages/entry/index.tsx", "")
    // What the build wrote: Taro's runtime copied into the independent package.
    .file(
        "dist/app.json",
        r#"{"pages":["pages/index/index"],"subPackages":[{"root":"packageChat","pages":["pages/entry/index"],"independent":true}],"chatTools":[{"root":"packageChat","entryPagePath":"pages/entry/index"}]}"#,
    )
    .sized("dist/packageChat/runtime.png", 600 * 1024);
    let out = bin()
        .current_dir(p_.path())
        .args(["--lang", "en", "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("valid JSON on stdout");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("chattools-lint dist").count(), 1, "{stderr}");
    assert_eq!(
        places(&doc),
        [p("chat-tools/package-size", "src/app.config.ts", 6, 23)]
    );
    // `size` measures the build output too.
    let out = p_.run(&["size", "--lang", "en"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Package sizes of dist"), "{text}");
}

#[test]
fn recursive_finds_uni_app_and_taro_sources() {
    let p_ = Project::new();
    p_.file("a/pages.json", "{ \"pages\": [] }")
        .file("a/manifest.json", "{}")
        .file("b/src/app.config.ts", "export default { pages: [] }\n")
        .file("c/src/pages.json", "{ \"pages\": [] }")
        .file("c/src/manifest.json", "{}");
    let (doc, code) = p_.json(&["--recursive", "."]);
    assert_eq!(code, 0);
    let paths: Vec<&str> = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["a", "b", "c"]);
}

#[cfg(unix)]
#[test]
fn sources_linked_from_outside_are_not_read() {
    let outside = Project::new();
    outside
        .file("pages.json", "{ \"pages\": [], \"chatTools\": [] }")
        .file("app.config.ts", "export default { pages: [] }\n");
    let p_ = Project::new();
    p_.file("manifest.json", "{}").file("src/.keep", "");
    std::os::unix::fs::symlink(
        outside.path().join("pages.json"),
        p_.path().join("pages.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("app.config.ts"),
        p_.path().join("src/app.config.ts"),
    )
    .unwrap();
    let out = p_.run(&["--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no mini program"), "{err}");
}

#[test]
fn a_source_file_or_src_folder_names_its_tree() {
    let taro = fixture("taro/dynamic-config/invalid/define-app-config");
    for arg in ["src", "src/app.config.ts"] {
        let (doc, _) = json_in(&taro, &[arg]);
        assert_eq!(
            places(&doc),
            [p("taro/dynamic-config", "src/app.config.ts", 17, 10)],
            "{arg}"
        );
    }
    let uni = fixture("uni-app/dropped-key/invalid/chat-tools-in-pages-json");
    for arg in ["pages.json", "manifest.json"] {
        let (doc, _) = json_in(&uni, &[arg]);
        assert_eq!(
            places(&doc),
            [p("uni-app/dropped-key", "pages.json", 18, 3)],
            "{arg}"
        );
    }
}
