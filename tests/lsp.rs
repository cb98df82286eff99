//! `chattools-lint lsp`, driven over stdio with JSON-RPC framing as an editor drives it: the
//! real binary, a tiny client below. Every wait is bounded by a timeout (a reader thread and
//! `recv_timeout`); nothing sleeps to synchronise.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use common::{json_in, Project};
use serde_json::{json, Value};

/// The most any one step may take before the test fails (the server answers in milliseconds;
/// this only stops a broken server from hanging the suite).
const STEP: Duration = Duration::from_secs(30);

fn uri(path: &Path) -> String {
    // Test paths are plain ASCII temp paths: no percent-encoding needed.
    let p = path.to_string_lossy().replace('\\', "/");
    if p.starts_with('/') {
        format!("file://{p}")
    } else {
        format!("file:///{p}")
    }
}

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// The diagnostics last published, by URI.
    diagnostics: HashMap<String, Vec<Value>>,
    /// Every publish, in order (uri, count).
    publishes: Vec<(String, usize)>,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server sends JSON"))
}

impl Client {
    fn spawn(env: &[(&str, &str)]) -> Client {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_chattools-lint"));
        cmd.arg("lsp")
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start the server");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_message(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            rx,
            next_id: 0,
            diagnostics: HashMap::new(),
            publishes: Vec::new(),
        }
    }

    /// Start a server on a workspace folder and initialize it.
    fn start(folder: &Path, locale: Option<&str>) -> Client {
        let mut c = Client::spawn(&[]);
        let result = c.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(folder),
                "workspaceFolders": [{ "uri": uri(folder), "name": "w" }],
                "locale": locale,
                "capabilities": {
                    "workspace": {
                        "workspaceEdit": { "resourceOperations": ["create"] },
                        "didChangeWatchedFiles": { "dynamicRegistration": true }
                    },
                    "textDocument": { "publishDiagnostics": { "relatedInformation": true } }
                }
            }),
        );
        assert_eq!(result["serverInfo"]["name"], "chattools-lint");
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, v: Value) {
        let body = serde_json::to_vec(&v).unwrap();
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin
            .write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
            .unwrap();
        stdin.write_all(&body).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The next message, within the step's time.
    fn recv(&mut self, deadline: Instant, what: &str) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        let v = match self.rx.recv_timeout(left) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => panic!(
                "timed out waiting for {what}; last diagnostics: {:#?}",
                self.diagnostics
            ),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed stdout before {what}"),
        };
        if v["method"] == "textDocument/publishDiagnostics" {
            let uri = v["params"]["uri"].as_str().unwrap().to_string();
            let list = v["params"]["diagnostics"].as_array().unwrap().clone();
            self.publishes.push((uri.clone(), list.len()));
            self.diagnostics.insert(uri, list);
        } else if v.get("id").is_some() && v.get("method").is_some() {
            // A request from the server (client/registerCapability): accept it.
            let id = v["id"].clone();
            self.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }));
        }
        v
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let deadline = Instant::now() + STEP;
        loop {
            let v = self.recv(deadline, method);
            if v["id"] == id && v.get("method").is_none() {
                assert!(v.get("error").is_none(), "{method} failed: {v}");
                return v["result"].clone();
            }
        }
    }

    /// Read messages until the published diagnostics satisfy `done`.
    fn wait(&mut self, what: &str, done: impl Fn(&HashMap<String, Vec<Value>>) -> bool) {
        let deadline = Instant::now() + STEP;
        while !done(&self.diagnostics) {
            self.recv(deadline, what);
        }
    }

    fn codes(&self, uri: &str) -> Vec<String> {
        self.diagnostics
            .get(uri)
            .into_iter()
            .flatten()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    }

    fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(path), "languageId": "json", "version": 1, "text": text } }),
        );
    }

    fn change(&mut self, path: &Path, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri(path), "version": version },
                "contentChanges": [{ "text": text }]
            }),
        );
    }

    fn watched_changed(&mut self, path: &Path) {
        self.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": uri(path), "type": 2 }] }),
        );
    }

    /// `shutdown` then `exit`; the process's exit code.
    fn shutdown(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + STEP;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            // Drain output until the server closes stdout (it does as it exits).
            match self
                .rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(_) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    return self.child.wait().unwrap().code().unwrap_or(-1)
                }
                Err(RecvTimeoutError::Timeout) => panic!("the server did not exit"),
            }
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn broken_example() -> (Project, PathBuf) {
    let p = Project::new();
    let dir = p.path().join("broken-chat-tool");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/broken-chat-tool"),
        &dir,
    );
    (p, dir)
}

/// UTF-16 code units before byte `at` on its line: what the protocol's `character` counts.
fn utf16_col(text: &str, at: usize) -> u64 {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..at].encode_utf16().count() as u64
}

fn line_of(text: &str, at: usize) -> u64 {
    text[..at].matches('\n').count() as u64
}

/// Apply LSP text edits (UTF-16 positions) to a text.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |pos: &Value| -> usize {
        let (line, character) = (
            pos["line"].as_u64().unwrap(),
            pos["character"].as_u64().unwrap(),
        );
        let start: usize = text
            .split_inclusive('\n')
            .take(line as usize)
            .map(str::len)
            .sum();
        let mut units = 0;
        for (i, ch) in text[start..].char_indices() {
            if units >= character || ch == '\n' {
                return start + i;
            }
            units += ch.len_utf16() as u64;
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

#[test]
fn broken_example_publishes_what_the_cli_reports() {
    let (_p, dir) = broken_example();
    let app = dir.join("miniprogram/app.json");
    let ts = dir.join("miniprogram/packageChatTool/pages/create/index.ts");
    let (doc, _) = json_in(&dir, &[]);
    // (file relative to the project, rule, 1-based line) from the command line.
    let expected: BTreeSet<(String, String, u64)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let files: BTreeSet<String> = expected.iter().map(|e| e.0.clone()).collect();
    assert!(files.len() >= 4, "{files:?}");
    let uris: Vec<String> = files.iter().map(|f| uri(&dir.join(f))).collect();

    let mut c = Client::start(&dir, None);
    c.wait("the example's diagnostics", |d| {
        uris.iter().all(|u| d.contains_key(u))
    });
    let mut got = BTreeSet::new();
    for (f, u) in files.iter().zip(&uris) {
        for d in &c.diagnostics[u] {
            got.insert((
                f.clone(),
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
            ));
            let code = d["code"].as_str().unwrap();
            assert_eq!(d["source"], "chattools-lint");
            assert_eq!(
                d["codeDescription"]["href"],
                format!("https://github.com/chattools-lint/chattools-lint/blob/main/docs/rules/{code}.md")
            );
        }
    }
    assert_eq!(got, expected);
    assert_eq!(
        c.diagnostics.len(),
        files.len(),
        "only files with problems: {:?}",
        c.diagnostics.keys()
    );

    // The `desc` range: the first marketing word, after Chinese text, in UTF-16 units.
    let text = std::fs::read_to_string(&app).unwrap();
    let desc = &c.diagnostics[&uri(&app)]
        .iter()
        .find(|d| d["code"] == "chat-tools/desc")
        .unwrap()
        .clone();
    assert_eq!(desc["severity"], 2, "warning");
    let start = text.find("最好").unwrap();
    let end = start + "最好".len();
    assert_eq!(desc["range"]["start"]["line"], line_of(&text, start));
    assert_eq!(desc["range"]["start"]["character"], utf16_col(&text, start));
    assert_eq!(desc["range"]["end"]["character"], utf16_col(&text, end));
    // Bytes would be 3 per Chinese character: the columns prove UTF-16 units.
    assert_ne!(
        utf16_col(&text, start) as usize,
        start - text[..start].rfind('\n').unwrap() - 1
    );
    let errors = c.diagnostics[&uri(&ts)]
        .iter()
        .filter(|d| d["severity"] == 1)
        .count();
    assert!(errors > 0);

    // Hover on it: the rule's documentation.
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri(&app) }, "position": desc["range"]["start"] }),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("# chat-tools/desc\n"), "{value}");
    assert!(value.contains("marketing"), "{value}");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn ranges_count_utf16_units_after_chinese_and_emoji_in_unsaved_text() {
    let p = Project::new();
    p.file("app.json", r#"{ "pages": ["pages/index/index"] }"#)
        .page("pages/index/index");
    let app = p.path().join("app.json");
    let mut c = Client::start(p.path(), Some("zh-CN"));
    // Unsaved text: the problem follows Chinese and an emoji (a surrogate pair) on its line.
    let text = r#"{ "pages": ["pages/index/index"], "window": { "navigationBarTitleText": "聊天😀工具" }, "lazyCodeLoading": "RequiredComponents" }"#;
    c.open(&app, text);
    c.wait("schema/enum", |d| {
        d.get(&uri(&app))
            .is_some_and(|l| l.iter().any(|x| x["code"] == "schema/enum"))
    });
    let d = c.diagnostics[&uri(&app)]
        .iter()
        .find(|x| x["code"] == "schema/enum")
        .unwrap()
        .clone();
    let start = text.find("\"RequiredComponents\"").unwrap();
    let end = start + "\"RequiredComponents\"".len();
    let col = utf16_col(text, start);
    // Neither bytes nor characters: 😀 is one character, two UTF-16 units.
    assert_ne!(col as usize, start);
    assert_ne!(col as usize, text[..start].chars().count());
    assert_eq!(d["range"]["start"], json!({ "line": 0, "character": col }));
    assert_eq!(
        d["range"]["end"],
        json!({ "line": 0, "character": utf16_col(text, end) })
    );
    // The client asked for Chinese.
    let msg = d["message"].as_str().unwrap();
    assert!(msg.contains("只能是"), "{msg}");
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri(&app) }, "position": d["range"]["end"] }),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("默认级别"), "{value}");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn broken_json_while_typing_gives_syntax_and_clears_when_repaired() {
    let (_p, dir) = broken_example();
    let app = dir.join("miniprogram/app.json");
    let wxml = dir.join("miniprogram/packageChatTool/pages/create/index.wxml");
    let original = std::fs::read_to_string(&app).unwrap();
    let mut c = Client::start(&dir, None);
    c.open(&app, &original);
    c.wait("first lint", |d| {
        d.contains_key(&uri(&app)) && d.contains_key(&uri(&wxml))
    });
    // Half-typed: the file is not JSON. One json/syntax; the rest of the project is not linted
    // against a half-read app.json, so the code diagnostics clear rather than lie.
    c.change(&app, 2, "{ \"pages\": [\"pages/index/index\"");
    c.wait("json/syntax", |d| {
        d.get(&uri(&app))
            .is_some_and(|l| l.iter().all(|x| x["code"] == "json/syntax") && !l.is_empty())
    });
    c.wait("cleared code diagnostics", |d| {
        d.get(&uri(&wxml)).is_some_and(Vec::is_empty)
    });
    // A valid, clean app.json: the json/syntax diagnostic goes.
    let clean = r#"{ "pages": ["pages/index/index"] }"#;
    c.change(&app, 3, clean);
    c.wait("app.json cleared", |d| {
        d.get(&uri(&app))
            .is_some_and(|l| !l.iter().any(|x| x["code"] == "json/syntax"))
    });
    // Back to the original: its diagnostics return.
    c.change(&app, 4, &original);
    c.wait("original diagnostics", |d| {
        d.get(&uri(&wxml)).is_some_and(|l| !l.is_empty())
            && d.get(&uri(&app))
                .is_some_and(|l| l.iter().any(|x| x["code"] == "chat-tools/desc"))
    });
    // Closing the unsaved buffer goes back to the disk (the same text here).
    assert_eq!(c.shutdown(), 0);
}

fn action<'a>(actions: &'a Value, title_part: &str) -> &'a Value {
    actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains(title_part))
        .unwrap_or_else(|| panic!("no action `{title_part}` in {actions:#}"))
}

#[test]
fn disable_rule_action_creates_the_config_and_turns_the_rule_off() {
    let (_p, dir) = broken_example();
    let app = dir.join("miniprogram/app.json");
    let mut c = Client::start(&dir, None);
    c.wait("desc", |d| {
        d.get(&uri(&app))
            .is_some_and(|l| l.iter().any(|x| x["code"] == "chat-tools/desc"))
    });
    let desc = c.diagnostics[&uri(&app)]
        .iter()
        .find(|x| x["code"] == "chat-tools/desc")
        .unwrap()
        .clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri(&app) },
            "range": desc["range"],
            "context": { "diagnostics": [desc] }
        }),
    );
    let a = action(&actions, "Disable `chat-tools/desc` in chattools-lint.json");
    assert_eq!(a["kind"], "quickfix");
    // No configuration yet: the edit creates one beside project.config.json.
    let ops = a["edit"]["documentChanges"].as_array().unwrap();
    let config = dir.join("chattools-lint.json");
    assert_eq!(ops[0]["kind"], "create");
    assert_eq!(ops[0]["uri"], uri(&config));
    let text = apply_edits("", ops[1]["edits"].as_array().unwrap());
    // The editor saves the new file; the watcher reports it.
    std::fs::write(&config, &text).unwrap();
    c.watched_changed(&config);
    c.wait("desc off", |d| {
        d.get(&uri(&app))
            .is_some_and(|l| !l.is_empty() && !l.iter().any(|x| x["code"] == "chat-tools/desc"))
    });
    let still = c.codes(&uri(&app));
    assert!(
        still.contains(&"chat-tools/unknown-scope".to_string()),
        "{still:?}"
    );

    // Now the file exists: disabling another rule edits it, here in an unsaved buffer.
    let scope = c.diagnostics[&uri(&app)]
        .iter()
        .find(|x| x["code"] == "chat-tools/unknown-scope")
        .unwrap()
        .clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri(&app) },
            "range": scope["range"],
            "context": { "diagnostics": [scope] }
        }),
    );
    let a = action(&actions, "Disable `chat-tools/unknown-scope`");
    let edits = a["edit"]["changes"][uri(&config)].as_array().unwrap();
    let edited = apply_edits(&text, edits);
    let v: Value = serde_json::from_str(&edited).unwrap();
    assert_eq!(v["rules"]["chat-tools/desc"], "off");
    assert_eq!(v["rules"]["chat-tools/unknown-scope"], "off");
    c.open(&config, &edited);
    c.wait("unknown-scope off", |d| {
        d.get(&uri(&app)).is_some_and(|l| {
            !l.is_empty() && !l.iter().any(|x| x["code"] == "chat-tools/unknown-scope")
        })
    });
    // A broken configuration is shown in the file itself.
    c.change(
        &config,
        2,
        "{ \"rules\": { \"chat-tools/nope\": \"off\" } }",
    );
    c.wait("config error", |d| {
        d.get(&uri(&config))
            .is_some_and(|l| l.iter().any(|x| x["code"] == "config"))
    });
    c.change(&config, 3, &edited);
    c.wait("config error cleared", |d| {
        d.get(&uri(&config)).is_some_and(Vec::is_empty)
    });
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_file_whose_problems_are_gone_is_cleared() {
    let (_p, dir) = broken_example();
    let wxml = dir.join("miniprogram/packageChatTool/pages/create/index.wxml");
    let mut c = Client::start(&dir, None);
    c.wait("wxml", |d| {
        d.get(&uri(&wxml)).is_some_and(|l| !l.is_empty())
    });
    c.open(&wxml, "<view>ok</view>\n");
    c.wait("wxml cleared", |d| {
        d.get(&uri(&wxml)).is_some_and(Vec::is_empty)
    });
    // Closed unsaved: the disk's problems come back.
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri(&wxml) } }),
    );
    c.wait("wxml again", |d| {
        d.get(&uri(&wxml)).is_some_and(|l| !l.is_empty())
    });
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn exits_cleanly() {
    let p = Project::new();
    p.file("app.json", r#"{ "pages": ["pages/index/index"] }"#)
        .page("pages/index/index");
    // shutdown + exit → 0.
    let c = Client::start(p.path(), None);
    assert_eq!(c.shutdown(), 0);
    // exit without shutdown → 1, as the protocol asks.
    let mut c = Client::start(p.path(), None);
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(), 1);
    // The editor goes away (stdin closes) → 0, nothing left running.
    let mut c = Client::start(p.path(), None);
    drop(c.stdin.take());
    assert_eq!(c.exit_code(), 0);
    // Before `initialize` too.
    let mut c = Client::spawn(&[]);
    drop(c.stdin.take());
    assert_eq!(c.exit_code(), 0);
}

#[test]
fn a_rules_fix_applied_to_the_buffer_fixes_the_problem() {
    let (_p, dir) = broken_example();
    let app = dir.join("miniprogram/app.json");
    let text = std::fs::read_to_string(&app).unwrap();
    let mut c = Client::start(&dir, None);
    c.open(&app, &text);
    c.wait("entry-page", |d| {
        d.get(&uri(&app))
            .is_some_and(|l| l.iter().any(|x| x["code"] == "chat-tools/entry-page"))
    });
    let entry = c.diagnostics[&uri(&app)]
        .iter()
        .find(|x| x["code"] == "chat-tools/entry-page")
        .unwrap()
        .clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri(&app) },
            "range": entry["range"],
            "context": { "diagnostics": [entry], "only": ["quickfix"] }
        }),
    );
    // The rule's fix: entryPagePath relative to the package root.
    let fix = action(&actions, "`entryPagePath`");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "chat-tools/entry-page");
    let edits = fix["edit"]["changes"][uri(&app)].as_array().unwrap();
    // The editor applies it to the buffer (unsaved).
    let fixed = apply_edits(&text, edits);
    assert!(
        fixed.contains("\"entryPagePath\": \"pages/create/index\""),
        "{fixed}"
    );
    c.change(&app, 2, &fixed);
    c.wait("entry-page gone", |d| {
        d.get(&uri(&app)).is_some_and(|l| {
            !l.is_empty() && !l.iter().any(|x| x["code"] == "chat-tools/entry-page")
        })
    });
    // Only quick fixes were asked for and given; another kind gets none.
    let none = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri(&app) },
            "range": entry["range"],
            "context": { "diagnostics": [], "only": ["refactor"] }
        }),
    );
    assert_eq!(none, json!([]));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn secondary_labels_become_related_information() {
    let p = Project::new();
    let text =
        "{\n  \"pages\": [\"pages/index/index\"],\n  \"pages\": [\"pages/index/index\"]\n}\n";
    p.file("app.json", text).page("pages/index/index");
    let app = p.path().join("app.json");
    let mut c = Client::start(p.path(), None);
    c.wait("duplicate key", |d| {
        d.get(&uri(&app))
            .is_some_and(|l| l.iter().any(|x| x["code"] == "json/duplicate-key"))
    });
    let d = c.diagnostics[&uri(&app)]
        .iter()
        .find(|x| x["code"] == "json/duplicate-key")
        .unwrap()
        .clone();
    assert_eq!(d["range"]["start"], json!({ "line": 2, "character": 2 }));
    let related = d["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 1, "{related:?}");
    assert_eq!(related[0]["location"]["uri"], uri(&app));
    assert_eq!(
        related[0]["location"]["range"]["start"],
        json!({ "line": 1, "character": 2 })
    );
    assert!(related[0]["message"]
        .as_str()
        .unwrap()
        .contains("first defined here"));
    assert_eq!(c.shutdown(), 0);
}
