//! `chattools-lint init`: the DevTools hooks in project.config.json (or uni-app's manifest.json),
//! chattools-lint.json, byte-exact edits, a second run that changes nothing, and the printed text.

mod common;

use std::path::Path;
use std::process::Output;

use common::{bin, Project};

fn init(cwd: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(cwd)
        .arg("init")
        .args(args)
        .output()
        .unwrap()
}

fn read(p: &Project, rel: &str) -> String {
    std::fs::read_to_string(p.path().join(rel)).unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// node_modules/chattools-lint with the launcher and the schema, as `npm i -D` leaves it.
fn npm_package(p: &Project, under: &str) {
    let base = if under.is_empty() {
        String::new()
    } else {
        format!("{under}/")
    };
    p.file(
        &format!("{base}node_modules/chattools-lint/bin/chattools-lint.js"),
        "// launcher\n",
    );
    p.file(
        &format!("{base}node_modules/chattools-lint/chattools-lint.schema.json"),
        "{}\n",
    );
}

const FRESH: &str = r#"{
  "appid": "wx0123456789abcdef",
  "setting": {
    "urlCheck": true
  },
  "compileType": "miniprogram"
}
"#;

#[test]
fn fresh_project_gets_the_three_hooks_and_a_configuration() {
    let p = Project::new();
    p.file("proj/project.config.json", FRESH);
    npm_package(&p, "proj");
    let out = init(p.path(), &["proj"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        read(&p, "proj/project.config.json"),
        r#"{
  "appid": "wx0123456789abcdef",
  "setting": {
    "urlCheck": true
  },
  "compileType": "miniprogram",
  "scripts": {
    "beforeCompile": "node ./node_modules/chattools-lint/bin/chattools-lint.js .",
    "beforePreview": "node ./node_modules/chattools-lint/bin/chattools-lint.js .",
    "beforeUpload": "node ./node_modules/chattools-lint/bin/chattools-lint.js ."
  }
}
"#
    );
    assert_eq!(
        read(&p, "proj/chattools-lint.json"),
        "{\n  \"$schema\": \"./node_modules/chattools-lint/chattools-lint.schema.json\",\n  \"rules\": {}\n}\n"
    );
    insta::assert_snapshot!(stdout(&out));
    // The configuration written is one the linter accepts.
    p.file("proj/app.json", r#"{ "pages": ["pages/index/index"] }"#)
        .page("proj/pages/index/index");
    let lint = bin().current_dir(p.path().join("proj")).output().unwrap();
    assert_eq!(lint.status.code(), Some(0), "{}", stderr(&lint));
}

#[test]
fn second_run_changes_nothing_and_says_so() {
    let p = Project::new();
    p.file("proj/project.config.json", FRESH);
    npm_package(&p, "proj");
    assert_eq!(init(p.path(), &["proj"]).status.code(), Some(0));
    let config = read(&p, "proj/project.config.json");
    let lint_config = read(&p, "proj/chattools-lint.json");
    let out = init(p.path(), &["proj"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(read(&p, "proj/project.config.json"), config);
    assert_eq!(read(&p, "proj/chattools-lint.json"), lint_config);
    let text = stdout(&out);
    for hook in ["beforeCompile", "beforePreview", "beforeUpload"] {
        assert!(
            text.contains(&format!(
                "proj/project.config.json: scripts.{hook} is already set (node ./node_modules/chattools-lint/bin/chattools-lint.js .); left as is"
            )),
            "{text}"
        );
    }
    assert!(text.contains("proj/chattools-lint.json: already exists; left as is"));
    assert!(text.contains("Nothing changed: everything was already set up."));
    assert!(!text.contains("added"), "{text}");
}

#[test]
fn keys_already_set_are_kept_and_only_the_missing_ones_added() {
    // CRLF, four-space indentation, a blank hook (DevTools writes "" for one left empty).
    let p = Project::new();
    p.file(
        "project.config.json",
        "{\r\n    \"appid\": \"wx1\",\r\n    \"scripts\": {\r\n        \"beforeUpload\": \"npm run build\",\r\n        \"beforeCompile\": \"\"\r\n    }\r\n}\r\n",
    );
    npm_package(&p, "");
    let out = init(p.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        read(&p, "project.config.json"),
        "{\r\n    \"appid\": \"wx1\",\r\n    \"scripts\": {\r\n        \"beforeUpload\": \"npm run build\",\r\n        \"beforeCompile\": \"node ./node_modules/chattools-lint/bin/chattools-lint.js .\",\r\n        \"beforePreview\": \"node ./node_modules/chattools-lint/bin/chattools-lint.js .\"\r\n    }\r\n}\r\n"
    );
    let text = stdout(&out);
    assert!(text.contains("project.config.json: added scripts.beforeCompile: node ./node_modules/chattools-lint/bin/chattools-lint.js ."), "{text}");
    assert!(text.contains("project.config.json: added scripts.beforePreview: "));
    assert!(text.contains(
        "project.config.json: scripts.beforeUpload is already set (npm run build); left as is"
    ));
}

#[test]
fn comments_trailing_commas_and_one_line_files_are_kept() {
    let p = Project::new();
    p.file(
        "a/project.config.json",
        "{\n  \"appid\": \"wx1\", // mine\n  \"scripts\": {\n    \"beforeUpload\": \"make\", /* keep */\n  },\n}\n",
    );
    p.file(
        "b/project.config.json",
        r#"{"appid":"wx1","compileType":"miniprogram"}"#,
    );
    p.file("c/project.config.json", "{\n  \"scripts\": {}\n}\n");
    for d in ["a", "b", "c"] {
        let out = init(p.path(), &[d]);
        assert_eq!(out.status.code(), Some(0), "{d}: {}", stderr(&out));
    }
    let cmd = "chattools-lint .";
    assert_eq!(
        read(&p, "a/project.config.json"),
        format!("{{\n  \"appid\": \"wx1\", // mine\n  \"scripts\": {{\n    \"beforeUpload\": \"make\", /* keep */\n    \"beforeCompile\": \"{cmd}\",\n    \"beforePreview\": \"{cmd}\",\n  }},\n}}\n")
    );
    assert_eq!(
        read(&p, "b/project.config.json"),
        format!(
            r#"{{"appid":"wx1","compileType":"miniprogram", "scripts": {{"beforeCompile": "{cmd}", "beforePreview": "{cmd}", "beforeUpload": "{cmd}"}}}}"#
        )
    );
    assert_eq!(
        read(&p, "c/project.config.json"),
        format!("{{\n  \"scripts\": {{\n    \"beforeCompile\": \"{cmd}\",\n    \"beforePreview\": \"{cmd}\",\n    \"beforeUpload\": \"{cmd}\"\n  }}\n}}\n")
    );
}

#[test]
fn scripts_in_the_private_configuration_are_pointed_out() {
    let p = Project::new();
    p.file("project.config.json", FRESH)
        .file("project.private.config.json", "{ \"scripts\": {} }\n");
    let out = init(p.path(), &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains(
        "  project.private.config.json also has \"scripts\", and DevTools prefers it to project.config.json"
    ), "{}", stdout(&out));
    assert_eq!(
        read(&p, "project.private.config.json"),
        "{ \"scripts\": {} }\n"
    );
    // Without `scripts` there, nothing is said.
    let q = Project::new();
    q.file("project.config.json", FRESH)
        .file("project.private.config.json", "{ \"setting\": {} }\n");
    assert!(!stdout(&init(q.path(), &[])).contains("project.private.config.json"));
}

#[test]
fn without_the_npm_package_the_command_is_on_path_and_the_note_says_so() {
    let p = Project::new();
    p.file("project.config.json", FRESH);
    let out = init(p.path(), &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(read(&p, "project.config.json").contains(r#""beforeUpload": "chattools-lint .""#));
    assert!(read(&p, "chattools-lint.json").contains(
        r#""$schema": "https://github.com/chattools-lint/chattools-lint/raw/main/schemas/chattools-lint.schema.json""#
    ));
    assert!(stdout(&out)
        .contains("Note: chattools-lint is not installed in this project's node_modules"));
}

#[test]
fn monorepo_package_and_configuration_in_a_parent_folder() {
    let p = Project::new();
    npm_package(&p, "");
    p.file("chattools-lint.json", "{}\n");
    p.file("apps/mp/project.config.json", FRESH);
    let out = init(p.path(), &["apps/mp"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(read(&p, "apps/mp/project.config.json").contains(
        r#""beforeUpload": "node ../../node_modules/chattools-lint/bin/chattools-lint.js .""#
    ));
    // The parent's configuration applies; a new file here would replace it, not add to it.
    assert!(!p.path().join("apps/mp/chattools-lint.json").exists());
    assert!(stdout(&out).contains("  chattools-lint.json: already exists; left as is"));
}

const MANIFEST: &str = r#"{
    "name" : "demo",
    "appid" : "__UNI__123",
    /* 小程序特有相关 */
    "mp-weixin" : {
        "appid" : "wx0123456789abcdef",
        "setting" : {
            "urlCheck" : false
        },
        "usingComponents" : true // 自定义组件
    },
    "vueVersion" : "3"
}
"#;

#[test]
fn uni_app_hooks_go_into_manifest_mp_weixin_keeping_comments() {
    let p = Project::new();
    npm_package(&p, "");
    p.file("src/manifest.json", MANIFEST)
        .file("src/pages.json", "{ // 页面\n  \"pages\": []\n}\n");
    let out = init(p.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // DevTools runs the command in dist/dev/mp-weixin, three folders below node_modules' folder.
    let cmd = "node ../../../node_modules/chattools-lint/bin/chattools-lint.js .";
    assert_eq!(
        read(&p, "src/manifest.json"),
        format!(
            r#"{{
    "name" : "demo",
    "appid" : "__UNI__123",
    /* 小程序特有相关 */
    "mp-weixin" : {{
        "appid" : "wx0123456789abcdef",
        "setting" : {{
            "urlCheck" : false
        }},
        "usingComponents" : true, // 自定义组件
        "scripts": {{
            "beforeCompile": "{cmd}",
            "beforePreview": "{cmd}",
            "beforeUpload": "{cmd}"
        }}
    }},
    "vueVersion" : "3"
}}
"#
        )
    );
    assert!(p.path().join("chattools-lint.json").is_file());
    let text = stdout(&out);
    assert!(text.contains("uni-app project"), "{text}");
    assert!(text.contains(&format!(
        "src/manifest.json: added mp-weixin.scripts.beforeUpload: {cmd}"
    )));
    // Again: nothing changes.
    let before = read(&p, "src/manifest.json");
    let again = init(p.path(), &[]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(read(&p, "src/manifest.json"), before);
    assert!(stdout(&again).contains("Nothing changed"));
}

#[test]
fn uni_app_at_the_root_without_mp_weixin_gets_one() {
    // HBuilderX layout: manifest.json at the root, output in unpackage/dist/dev/mp-weixin.
    let p = Project::new();
    npm_package(&p, "");
    p.file("manifest.json", "{\n\t\"name\": \"demo\"\n}\n")
        .file("pages.json", "{ \"pages\": [] }\n");
    let out = init(p.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let cmd = "node ../../../../node_modules/chattools-lint/bin/chattools-lint.js .";
    assert_eq!(
        read(&p, "manifest.json"),
        format!("{{\n\t\"name\": \"demo\",\n\t\"mp-weixin\": {{\n\t\t\"scripts\": {{\n\t\t\t\"beforeCompile\": \"{cmd}\",\n\t\t\t\"beforePreview\": \"{cmd}\",\n\t\t\t\"beforeUpload\": \"{cmd}\"\n\t\t}}\n\t}}\n}}\n")
    );
}

#[test]
fn chinese_output() {
    let p = Project::new();
    p.file("proj/project.config.json", FRESH);
    npm_package(&p, "proj");
    let out = init(p.path(), &["proj", "--lang", "zh"]);
    assert_eq!(out.status.code(), Some(0));
    // A Chinese init makes Chinese hooks: DevTools' environment often has no LANG.
    assert!(read(&p, "proj/project.config.json").contains(
        r#""beforeUpload": "node ./node_modules/chattools-lint/bin/chattools-lint.js . --lang zh""#
    ));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn what_cannot_be_edited_is_left_untouched_with_exit_2() {
    let p = Project::new();
    let none = init(p.path(), &[]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains(
        "chattools-lint: error: no project.config.json (a WeChat DevTools project) or manifest.json with pages.json (uni-app) in `.`"
    ), "{}", stderr(&none));
    for (dir, text, why) in [
        (
            "broken",
            "{ \"appid\": \"wx1\" \"x\": 1 }\n",
            "project.config.json is not valid JSON",
        ),
        (
            "scalar",
            "{ \"scripts\": \"npm run lint\" }\n",
            "project.config.json: `scripts` is not an object; left untouched",
        ),
        (
            "array",
            "[]\n",
            "project.config.json: the top level is not an object; left untouched",
        ),
    ] {
        p.file(&format!("{dir}/project.config.json"), text);
        let out = init(p.path(), &[dir]);
        assert_eq!(out.status.code(), Some(2), "{dir}");
        assert!(stderr(&out).contains(why), "{dir}: {}", stderr(&out));
        assert_eq!(read(&p, &format!("{dir}/project.config.json")), text);
        assert!(
            !p.path().join(dir).join("chattools-lint.json").exists(),
            "{dir}"
        );
    }
}

/// The command written runs where DevTools runs it (the project folder; for uni-app the build
/// output), through the real npm launcher, and lints. Needs `node` and `sh`.
#[cfg(unix)]
#[test]
fn the_written_command_runs_where_devtools_runs_it() {
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: `node` is not installed");
        return;
    }
    let launcher = Path::new(env!("CARGO_MANIFEST_DIR")).join("npm/chattools-lint");
    let p = Project::new();
    for rel in ["bin/chattools-lint.js", "lib/binary.js", "package.json"] {
        p.file(
            &format!("node_modules/chattools-lint/{rel}"),
            std::fs::read(launcher.join(rel)).unwrap(),
        );
    }
    p.file("src/manifest.json", MANIFEST)
        .file("src/pages.json", "{ \"pages\": [] }\n");
    assert_eq!(init(p.path(), &[]).status.code(), Some(0));
    // What uni-app's build writes: the hooks in the output's project.config.json, beside app.json.
    let manifest: serde_json::Value =
        serde_json::from_str(&strip_comments(&read(&p, "src/manifest.json"))).unwrap();
    let command = manifest["mp-weixin"]["scripts"]["beforeUpload"]
        .as_str()
        .unwrap()
        .to_string();
    let out_dir = "dist/dev/mp-weixin";
    p.file(
        &format!("{out_dir}/project.config.json"),
        serde_json::json!({ "appid": "wx1", "scripts": manifest["mp-weixin"]["scripts"] }).to_string(),
    )
    .file(
        &format!("{out_dir}/app.json"),
        r#"{ "pages": ["pages/index/index"], "chatTools": [{ "root": "pkg", "entryPagePath": "pages/a/index", "desc": "投票" }] }"#,
    )
    .page(&format!("{out_dir}/pages/index/index"));
    let run = std::process::Command::new("sh")
        .arg("-c")
        .arg(&command)
        .current_dir(p.path().join(out_dir))
        .env(
            "CHATTOOLS_LINT_BINARY",
            env!("CARGO_BIN_EXE_chattools-lint"),
        )
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{text}{}", stderr(&run));
    assert!(text.contains("chat-tools/unknown-root"), "{text}");
}

fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .filter(|l| !l.trim_start().starts_with("/*"))
        .collect::<Vec<_>>()
        .join("\n")
}
