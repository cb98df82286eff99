//! Bad input of every kind: each gives a diagnostic or an error line and a documented exit code
//! (docs/robustness.md), never a panic or a hang. Everything runs the real binary on real files.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{bin, rule_ids, Project};
use serde_json::Value;

/// A chat-tool project that lints clean.
const CLEAN: &str = r#"{
  "pages": ["pages/index/index"],
  "subPackages": [
    {
      "root": "packageChatTool",
      "pages": ["pages/entry/index"],
      "independent": true
    }
  ],
  "chatTools": [
    {
      "root": "packageChatTool",
      "entryPagePath": "pages/entry/index",
      "desc": "群签到"
    }
  ],
  "renderer": "skyline",
  "componentFramework": "glass-easel",
  "lazyCodeLoading": "requiredComponents",
  "rendererOptions": { "skyline": { "disableABTest": true } }
}
"#;

fn clean_project() -> Project {
    let p = Project::new();
    p.file("app.json", CLEAN)
        .page("pages/index/index")
        .page("packageChatTool/pages/entry/index");
    p
}

/// Run in `dir` with a timeout (a hang fails the test instead of blocking CI); returns
/// (exit code, stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = bin()
        .current_dir(dir)
        .args(["--lang", "en"])
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let code = out
        .status
        .code()
        .expect("exited normally (no signal, no timeout)");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

/// The only diagnostic of a JSON document.
fn only(doc: &Value) -> &Value {
    let d = doc["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{doc:#}");
    &d[0]
}

fn pos(d: &Value) -> (u64, u64) {
    (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
}

#[test]
fn clean_project_is_clean() {
    let p = clean_project();
    let (doc, code) = p.json(&[]);
    assert_eq!(rule_ids(&doc), Vec::<String>::new());
    assert_eq!(code, 0);
}

#[test]
fn empty_app_json() {
    for text in ["", "   \n\t\r\n"] {
        let p = Project::new();
        p.file("app.json", text);
        let (doc, code) = p.json(&[]);
        let d = only(&doc);
        assert_eq!(d["rule"], "json/syntax");
        assert!(d["message"].as_str().unwrap().contains("empty"), "{d}");
        assert_eq!(code, 1);
    }
}

#[test]
fn truncated_app_json() {
    let p = Project::new();
    p.file("app.json", &CLEAN[..CLEAN.find("\"independent\"").unwrap()]);
    let (doc, code) = p.json(&[]);
    let d = only(&doc);
    assert_eq!(d["rule"], "json/syntax");
    assert!(d["help"].as_str().unwrap().contains("truncated"), "{d}");
    assert_eq!(code, 1);
    // Every prefix of a valid file: a diagnostic and exit 1, or clean; never a crash.
    let p = Project::new();
    for cut in (0..CLEAN.len())
        .filter(|&i| CLEAN.is_char_boundary(i))
        .step_by(7)
    {
        p.file("app.json", &CLEAN[..cut]);
        let (code, _, _) = run_in(p.path(), &["--format", "json"]);
        assert!(code == 0 || code == 1, "prefix {cut}: exit {code}");
    }
}

#[test]
fn binary_app_json() {
    // Deterministic "random" bytes, a PNG header and NULs.
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..4096 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((x >> 16) as u8);
    }
    let p = Project::new();
    p.file("app.json", &bytes);
    let (doc, code) = p.json(&[]);
    let d = only(&doc);
    assert_eq!(d["rule"], "json/syntax");
    assert!(d["message"].as_str().unwrap().contains("UTF-8"), "{d}");
    assert_eq!(code, 1);
    // The human format prints it too (a snippet of replacement characters).
    let (code, out, _) = run_in(p.path(), &["--color", "never"]);
    assert_eq!(code, 1);
    assert!(out.contains("invalid UTF-8 at byte 0"), "{out}");
    // NUL bytes alone are valid UTF-8 but not JSON.
    p.file("app.json", b"\0\0\0\0");
    let (doc, code) = p.json(&[]);
    assert_eq!(only(&doc)["rule"], "json/syntax");
    assert_eq!(code, 1);
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    let p = Project::new();
    p.file(
        "app.json",
        b"{\n  \"pages\": [\"pages/index/index\"],\n  \"x\": \"\xe4\xb8\xad\xff\"\n}\n",
    );
    let (doc, code) = p.json(&[]);
    let d = only(&doc);
    assert_eq!(d["rule"], "json/syntax");
    assert!(d["message"].as_str().unwrap().contains("UTF-8"));
    // Line 3, after `  "x": "中` (9 characters).
    assert_eq!(pos(d), (3, 10));
    assert_eq!(code, 1);
}

#[test]
fn byte_order_mark() {
    let p = clean_project();
    let mut text = "\u{feff}".to_string();
    text.push_str(&CLEAN.replace("\"desc\": \"群签到\"", "\"desc\": \"群签到\",")); // + a trailing comma
    p.file("app.json", text);
    let (doc, code) = p.json(&[]);
    assert_eq!(rule_ids(&doc), ["json/syntax", "json/syntax"], "{doc:#}");
    let bom = &doc["diagnostics"][0];
    assert!(bom["message"].as_str().unwrap().contains("byte-order mark"));
    assert_eq!(pos(bom), (1, 1));
    // The trailing comma after `"desc": "群签到"` on line 14, as an editor counts columns.
    let comma = &doc["diagnostics"][1];
    assert!(comma["message"]
        .as_str()
        .unwrap()
        .contains("trailing comma"));
    assert_eq!(pos(comma), (14, 20));
    assert_eq!(code, 1);
    // A BOM on `{` in line 1: an editor shows `{` in column 1, and so do we.
    p.file("app.json", "\u{feff}{,}");
    let (doc, _) = p.json(&[]);
    let last = doc["diagnostics"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(pos(&last).1, 2, "{doc:#}");
}

#[test]
fn crlf_positions() {
    let p = clean_project();
    let crlf = CLEAN
        .replace("\"desc\": \"群签到\"", "\"desc\": \"群签到\",")
        .replace('\n', "\r\n");
    p.file("app.json", &crlf);
    let (doc, code) = p.json(&[]);
    let d = only(&doc);
    assert!(d["message"].as_str().unwrap().contains("trailing comma"));
    assert_eq!(pos(d), (14, 20));
    assert_eq!(
        (d["endLine"].as_u64(), d["endColumn"].as_u64()),
        (Some(14), Some(21))
    );
    assert_eq!(code, 1);
    // Old Mac line endings (CR only) are not line breaks for WeChat or for us: one line.
    p.file(
        "app.json",
        CLEAN
            .replace('\n', "\r")
            .replace("\"群签到\"", "\"群签到\","),
    );
    let (doc, code) = p.json(&[]);
    assert_eq!(pos(only(&doc)).0, 1);
    assert_eq!(code, 1);
}

#[test]
fn deeply_nested_arrays_do_not_overflow() {
    let p = Project::new();
    let n = 100_000;
    // Top-level and as a value inside app.json, arrays and objects.
    let cases = [
        format!("{}{}", "[".repeat(n), "]".repeat(n)),
        format!("{{\"pages\": {}{}}}", "[".repeat(n), "]".repeat(n)),
        format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n)),
        // Unterminated: the parser must stop, not recurse to the end.
        "[".repeat(n),
    ];
    for text in &cases {
        p.file("app.json", text);
        let (doc, code) = p.json(&[]);
        let d = only(&doc);
        assert_eq!(d["rule"], "json/syntax");
        assert!(d["message"].as_str().unwrap().contains("512"), "{d}");
        assert_eq!(code, 1);
        // The human format does not print a 200 KB line either way without crashing.
        let (code, _, _) = run_in(p.path(), &["--color", "never"]);
        assert_eq!(code, 1);
    }
    // Just under the parser's limit: our own conversion, every rule and the drop of the
    // `serde_json::Value` handle it (app.json must be an object, hence 510 levels inside).
    let deep = format!(
        "{{\"pages\": [\"pages/index/index\"], \"x\": {}{}}}",
        "[".repeat(510),
        "]".repeat(510)
    );
    p.file("app.json", deep).page("pages/index/index");
    let (code, out, _) = run_in(p.path(), &["--format", "json"]);
    assert!(code == 0 || code == 1, "{out}");
}

#[test]
fn huge_app_json_is_refused_with_bounded_memory() {
    let p = Project::new();
    // A sparse 100 MB file: no disk or time spent writing it.
    let f = std::fs::File::create(p.path().join("app.json")).unwrap();
    f.set_len(100_000_000).unwrap();
    drop(f);
    let (code, out, err) = run_in(p.path(), &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains(
            "cannot read `app.json`: the file is 100000000 bytes, more than the 2097152 bytes"
        ),
        "{err}"
    );
    // --format json still prints a document (no projects) on stdout.
    let (doc, code) = p.json(&[]);
    assert_eq!(code, 2);
    assert_eq!(doc["summary"]["projects"], 0);
}

#[test]
fn page_json_over_the_limit_is_not_read() {
    // The same cap applies to every JSON file the linter opens.
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("big.json");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(17 * 1024 * 1024)
        .unwrap();
    match chattools_lint::json::JsonFile::read(&path) {
        Err(chattools_lint::json::ReadError::TooLarge(n)) => assert_eq!(n, 17 * 1024 * 1024),
        other => panic!("{other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn app_json_that_is_not_a_regular_file() {
    use std::os::unix::fs::symlink;
    // A FIFO would block a naive reader forever.
    let p = Project::new();
    let fifo = p.path().join("app.json");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let (code, _, err) = run_in(p.path(), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("no mini program"), "{err}");
    // The FIFO named directly.
    let (code, _, err) = run_in(p.path(), &["app.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a regular file or a folder"), "{err}");
    // A symlink loop as app.json, and a dangling link: not found, exit 2.
    let p = Project::new();
    symlink("app.json", p.path().join("app.json")).unwrap();
    let (code, _, err) = run_in(p.path(), &[]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run_in(p.path(), &["app.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot open `app.json`"), "{err}");
    // A folder called app.json.
    let p = Project::new();
    std::fs::create_dir(p.path().join("app.json")).unwrap();
    let (code, _, _) = run_in(p.path(), &[]);
    assert_eq!(code, 2);
}

#[test]
fn vanished_file() {
    // Named on the command line but gone by the time we look: exit 2 with the reason.
    let p = Project::new();
    let (code, _, err) = run_in(p.path(), &["gone/app.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot open `gone/app.json`"), "{err}");
    // Gone between the walk (is_file) and the read: the reader says so, no panic.
    let path = p.path().join("app.json");
    std::fs::write(&path, "{}").unwrap();
    assert!(path.is_file());
    std::fs::remove_file(&path).unwrap();
    assert!(matches!(
        chattools_lint::json::JsonFile::read(&path),
        Err(chattools_lint::json::ReadError::NotFound)
    ));
    // A page .json that vanishes is simply absent for the rules.
    let p = clean_project();
    let project = chattools_lint::project::Project::load(p.path()).unwrap();
    let facts = chattools_lint::facts::Facts::new(&project, &Default::default());
    let page_json = p.path().join("pages/index/index.json");
    std::fs::write(&page_json, "{}").unwrap();
    std::fs::remove_file(&page_json).unwrap();
    assert!(facts.json(&page_json).is_none());
}

#[cfg(unix)]
#[test]
fn non_utf8_names() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let p = clean_project();
    let odd = OsStr::from_bytes(b"proj\xff\xfe");
    let dir = p.path().join(odd);
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("app.json"), "{\"pages\": [\"a\"],}").unwrap();
    // Files with such names inside a package, too.
    std::fs::write(
        p.path()
            .join("packageChatTool")
            .join(OsStr::from_bytes(b"x\xff.js")),
        "//",
    )
    .unwrap();
    let out = bin()
        .current_dir(p.path())
        .args(["--lang", "en", "--format", "json", "."])
        .arg(odd)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = doc["diagnostics"][0]["file"].as_str().unwrap();
    assert_eq!(file, "proj\u{fffd}\u{fffd}/app.json");
    assert_eq!(doc["summary"]["projects"], 2);
}

#[test]
fn mini_program_root_outside_the_project() {
    let outer = Project::new();
    outer.file("outside/app.json", CLEAN);
    outer.file(
        "proj/project.config.json",
        r#"{"miniprogramRoot": "../outside/"}"#,
    );
    let (code, _, err) = run_in(&outer.path().join("proj"), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("lies outside the project folder"), "{err}");
    outer.file("proj/project.config.json", r#"{"miniprogramRoot": "/etc"}"#);
    let (code, _, err) = run_in(&outer.path().join("proj"), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("lies outside the project folder"), "{err}");
}

/// A project with paths that leave miniprogramRoot: `../`, `/etc` and a symlink to a folder
/// outside, each holding a page whose files exist out there (and a FIFO, which would hang a
/// reader). The linter must finish and read none of them.
#[cfg(unix)]
#[test]
fn paths_that_escape_the_project_are_never_read() {
    use std::os::unix::fs::symlink;
    let outer = Project::new();
    // Outside the project: a full page, with a broken .json.
    outer.page("outside/pages/a/index");
    outer.file("outside/pages/a/index.json", "{ broken");
    assert!(std::process::Command::new("mkfifo")
        .arg(outer.path().join("outside/pages/a/fifo.json"))
        .status()
        .unwrap()
        .success());
    let root = outer.path().join("proj");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(
        root.join("app.json"),
        r#"{
  "pages": ["pages/index/index", "../outside/pages/a/index", "/etc/passwd"],
  "subPackages": [
    { "root": "../outside", "pages": ["pages/a/index"] },
    { "root": "linked", "pages": ["pages/a/index"] },
    { "root": "loop", "pages": ["pages/a/index"] }
  ]
}
"#,
    )
    .unwrap();
    std::fs::create_dir_all(root.join("pages/index")).unwrap();
    std::fs::write(root.join("pages/index/index.wxml"), "<view/>").unwrap();
    std::fs::write(root.join("pages/index/index.js"), "Page({})").unwrap();
    symlink(outer.path().join("outside"), root.join("linked")).unwrap();
    symlink("loop", root.join("loop")).unwrap();

    let (code, out, err) = run_in(&root, &["--format", "json"]);
    assert!(code == 0 || code == 1, "{out}{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    // Nothing from outside is reported as read (its broken .json would be a json/syntax).
    for d in doc["diagnostics"].as_array().unwrap() {
        let file = d["file"].as_str().unwrap_or("");
        assert!(file == "app.json", "read outside the project: {d}");
    }

    // The helper every rule goes through.
    let project = chattools_lint::project::Project::load(&root).unwrap();
    use chattools_lint::project::Escape;
    assert_eq!(
        project.resolve("../outside/pages/a/index"),
        Err(Escape::ParentDir)
    );
    assert!(matches!(
        project.resolve("linked/pages/a/index"),
        Err(Escape::Symlink(_))
    ));
    assert_eq!(
        project.resolve("/etc/passwd").unwrap(),
        project.mp_root.join("etc/passwd")
    );
    assert!(project.resolve("loop/pages/a/index").is_ok()); // inside, unreadable
    assert!(project.resolve("pages/index/index").is_ok());
    for page in ["../outside/pages/a/index", "linked/pages/a/index"] {
        // path(): a path no system call can open.
        assert!(std::fs::read(project.path(&format!("{page}.js"))).is_err());
        assert!(!project.path(page).exists());
        // The page's files count as missing (WeChat would not pack them either).
        assert_eq!(
            project.missing_page_files(page),
            [format!("{page}.wxml"), format!("{page}.js")]
        );
    }
    assert!(project.missing_page_files("pages/index/index").is_empty());
    let ctx = chattools_lint::facts::Facts::new(&project, &Default::default());
    assert!(ctx.page_json("linked/pages/a/index").is_none());
    assert!(ctx.page_json("../outside/pages/a/index").is_none());
    assert!(ctx.json(&root.join("linked/pages/a/index.json")).is_none());
    assert!(ctx.json(&root.join("linked/pages/a/fifo.json")).is_none());
    assert!(ctx
        .json(&outer.path().join("outside/pages/a/index.json"))
        .is_none());
    assert!(ctx.json(&root.join("loop/pages/a/index.json")).is_none());
    assert!(ctx.json_files_read().is_empty(), "nothing was read");
}

#[test]
fn unreadable_file_is_an_error_line() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let p = clean_project();
        let app = p.path().join("app.json");
        std::fs::set_permissions(&app, std::fs::Permissions::from_mode(0o000)).unwrap();
        // root can read anything; the check only means something for other users.
        if std::fs::read(&app).is_err() {
            let (code, _, err) = run_in(p.path(), &[]);
            assert_eq!(code, 2);
            assert!(err.contains("cannot read `app.json`"), "{err}");
        }
        std::fs::set_permissions(&app, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
}

/// Every fuzz seed and every input the fuzzer ever crashed on (fuzz/regressions/) goes through
/// the fuzz target's entry point — whole pipeline, every format, the fixer — and through the
/// binary with each output format.
#[test]
fn fuzz_seeds_and_regressions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut inputs: Vec<_> = ["seeds", "regressions"]
        .iter()
        .filter_map(|d| std::fs::read_dir(root.join(d)).ok())
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 5, "seeds missing: {inputs:?}");
    let p = clean_project();
    for input in &inputs {
        let bytes = std::fs::read(input).unwrap();
        chattools_lint::fuzzing::lint_app_json_every_format(p.path(), &bytes);
        p.file("app.json", &bytes);
        for format in ["human", "json"] {
            let (code, _, err) = run_in(p.path(), &["--format", format]);
            assert!(
                code == 0 || code == 1,
                "{}: exit {code}: {err}",
                input.display()
            );
        }
        let (code, _, err) = run_in(p.path(), &["--diff"]);
        assert!(
            code == 0 || code == 1,
            "{}: exit {code}: {err}",
            input.display()
        );
    }
}

/// A minified file full of trailing commas: at most 100 are reported, then a count; the human
/// format gives positions instead of printing the long line again and again; `--fix` removes
/// all of them in one run.
#[test]
fn many_trailing_commas_in_a_minified_file() {
    let n = 20_000;
    let text = format!(
        "{{\"pages\":[\"pages/index/index\"],\"x\":[{}1]}}",
        "[1,],".repeat(n)
    );
    let p = Project::new();
    p.file("app.json", &text).page("pages/index/index");
    let (code, out, _) = run_in(p.path(), &["--format", "json"]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let diags = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 101);
    assert!(diags[100]["message"]
        .as_str()
        .unwrap()
        .starts_with("19900 more comments, trailing commas or control characters"));
    let (_, out, _) = run_in(p.path(), &["--color", "never"]);
    assert!(
        out.len() < 100_000,
        "the long line was printed: {} bytes",
        out.len()
    );
    assert!(
        out.contains("trailing comma: JSON does not allow a comma before `]` (app.json:1:39)"),
        "{}",
        &out[..2000]
    );
    let (code, _, err) = run_in(p.path(), &["--fix"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("… and 81 more [json/syntax]"), "{err}");
    let fixed = std::fs::read_to_string(p.path().join("app.json")).unwrap();
    assert_eq!(fixed, text.replace(",]", "]"));
}

/// Many duplicate keys after a large value: linear time (the old index clean-up was quadratic),
/// and at most 100 reported.
#[test]
fn many_duplicate_keys() {
    let n = 40_000; // 1.6 MB, under the 2 MiB cap
    let text = format!(
        "{{\"pages\":[\"pages/index/index\"],\"big\":[{}0],{}\"a\":1}}",
        "0,".repeat(n),
        "\"a\":1,\"pages\":[\"pages/index/index\"],".repeat(n)
    );
    let p = Project::new();
    p.file("app.json", &text).page("pages/index/index");
    let (code, out, _) = run_in(p.path(), &["--format", "json"]);
    assert_eq!(code, 0, "warnings only");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let ids = rule_ids(&doc);
    assert_eq!(ids.len(), 100);
    assert!(ids.iter().all(|r| r == "json/duplicate-key"));
}

/// A subpackage root that leaves the project (`../x`, an absolute path, `/`): `subpackages/
/// invalid-root` says so, and nothing walks, stats or sizes the folder it names. The outside
/// folder holds a uniquely named file and a 600 KB image: no output format may show the name and
/// no size diagnostic may appear; under `strace` (when installed) no system call names the folder.
#[test]
fn subpackage_root_outside_the_project_is_never_walked() {
    const MARKER: &str = "zq7731-outside-marker.js";
    let outer = Project::new();
    let outer_dir = outer.path().canonicalize().unwrap();
    let outside = outer_dir.join("outside-zq7731");
    outer.file(&format!("outside-zq7731/{MARKER}"), "x");
    outer.sized("outside-zq7731/big.png", 600 * 1024);
    outer.page("outside-zq7731/pages/a/index");
    let proj = outer_dir.join("proj");
    let outside_abs = outside.to_string_lossy().into_owned();
    for root in ["../outside-zq7731", outside_abs.as_str(), "/"] {
        let app = serde_json::json!({
            "pages": ["pages/index/index"],
            "subPackages": [{ "root": root, "pages": ["pages/a/index"], "independent": true }],
            "chatTools": [{ "root": root, "entryPagePath": "pages/a/index", "desc": "群签到" }],
            "renderer": "skyline",
            "componentFramework": "glass-easel",
            "lazyCodeLoading": "requiredComponents",
            "rendererOptions": { "skyline": { "disableABTest": true } }
        });
        outer.file("proj/app.json", app.to_string());
        outer.page("proj/pages/index/index");
        let (code, out, _) = run_in(&proj, &["--format", "json"]);
        assert_eq!(code, 1, "{out}");
        let doc: Value = serde_json::from_str(&out).unwrap();
        let ids = rule_ids(&doc);
        assert!(
            ids.iter().any(|i| i == "subpackages/invalid-root"),
            "{root}: {ids:?}"
        );
        assert!(
            !ids.iter().any(|i| i == "chat-tools/package-size"),
            "{root}: sized the outside folder: {out}"
        );
        for format in ["human", "json", "sarif", "github", "junit", "short"] {
            let (_, out, err) = run_in(&proj, &["--format", format]);
            assert!(
                !out.contains(MARKER) && !err.contains(MARKER),
                "{root} {format}: {out}{err}"
            );
        }
        let (_, out, err) = run_in(&proj, &["size"]);
        assert!(!out.contains(MARKER) && !err.contains(MARKER), "{out}{err}");
        assert!(!out.contains("big.png"), "{out}");
        strace_never_names(&proj, &outside, MARKER);
    }
}

/// Under `strace`, no file system call of a run in `dir` names `folder` (after resolving `..`
/// and relative paths) or a file called `marker`. Skipped, with a note, without strace.
fn strace_never_names(dir: &Path, folder: &Path, marker: &str) {
    let has_strace = std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_strace {
        eprintln!("strace is not installed: system-call check skipped");
        return;
    }
    let log = tempfile::NamedTempFile::new().unwrap();
    let binary = assert_cmd::cargo::cargo_bin("chattools-lint");
    for args in [&["--format", "json"][..], &["size"][..]] {
        let status = std::process::Command::new("strace")
            .args(["-f", "-qq", "-e", "trace=%file,getdents64", "-o"])
            .arg(log.path())
            .arg(&binary)
            .args(args)
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.code().is_some(), "strace run ended by a signal");
        let text = std::fs::read_to_string(log.path()).unwrap();
        if text.contains("PTRACE_TRACEME") || text.trim().is_empty() {
            eprintln!("strace cannot trace here: system-call check skipped");
            return;
        }
        assert!(
            !text.contains(marker),
            "a system call named {marker}:\n{text}"
        );
        for line in text.lines() {
            // Every quoted argument that looks like a path.
            for (i, arg) in line.split('"').enumerate() {
                if i % 2 == 0 || arg.is_empty() {
                    continue;
                }
                let path = normalize(&dir.join(arg));
                assert!(
                    !path.starts_with(folder),
                    "a system call named the outside folder: {line}"
                );
            }
        }
    }
}

/// `.` and `..` removed lexically.
fn normalize(path: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// A raw control character inside a string (a NUL byte, a tab) is `json/syntax` at its byte;
/// escaped (`\u0000`, `\t`) it is fine. Linting goes on with the rest.
#[test]
fn raw_control_character_in_a_string() {
    let p = clean_project();
    let with = CLEAN.replace("群签到", "群\u{0}签到");
    p.file("app.json", &with);
    let (doc, code) = p.json(&[]);
    let d = only(&doc);
    assert_eq!(d["rule"], "json/syntax");
    assert!(d["message"].as_str().unwrap().contains("U+0000"), "{doc:#}");
    // Line 14, after `      "desc": "群` (16 characters).
    assert_eq!(pos(d), (14, 17));
    assert_eq!(code, 1);
    p.file("app.json", CLEAN.replace("群签到", "群\t签到"));
    let (doc, _) = p.json(&[]);
    assert!(only(&doc)["message"].as_str().unwrap().contains("U+0009"));
    // Escaped, and a control character outside a string (whitespace): valid.
    p.file("app.json", CLEAN.replace("群签到", "群\\u0000\\t签到"));
    let (doc, code) = p.json(&[]);
    assert_eq!(rule_ids(&doc), Vec::<String>::new(), "{doc:#}");
    assert_eq!(code, 0);
}
