//! Property test: on generated valid (leniently parsed) app.json variants — any indentation,
//! LF or CRLF, any key order, optional trailing commas, a BOM — the fixes keep the file
//! parseable, change nothing outside the edited spans, keep the line-ending and indentation
//! style, fix what they claim to, and fixing again (as `--fix` does) ends with nothing left.

use chattools_lint::config::Config;
use chattools_lint::fix;
use chattools_lint::lint::lint_project;
use chattools_lint::project::Project;
use proptest::prelude::*;
use serde_json::Value;

#[derive(Clone, Debug)]
enum J {
    S(String),
    B(bool),
    /// An inline array of strings.
    A(Vec<String>),
    O(Vec<(String, J)>, bool),
    /// An array of objects: `[{…}, {…}]`, the objects laid out like any object.
    L(Vec<J>),
}

#[derive(Clone, Debug)]
struct Style {
    indent: &'static str,
    nl: &'static str,
    bom: bool,
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn print(j: &J, depth: usize, st: &Style, out: &mut String) {
    match j {
        J::S(s) => out.push_str(&q(s)),
        J::B(b) => out.push_str(if *b { "true" } else { "false" }),
        J::A(items) => {
            let items: Vec<String> = items.iter().map(|s| q(s)).collect();
            out.push('[');
            out.push_str(&items.join(", "));
            out.push(']');
        }
        J::L(items) => {
            out.push('[');
            for (i, o) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                print(o, depth, st, out);
            }
            out.push(']');
        }
        J::O(members, trailing) => {
            out.push('{');
            let one_line = st.indent.is_empty();
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    if one_line {
                        out.push(' ');
                    }
                }
                if !one_line {
                    out.push_str(st.nl);
                    out.push_str(&st.indent.repeat(depth + 1));
                }
                out.push_str(&q(k));
                out.push_str(": ");
                print(v, depth + 1, st, out);
            }
            if *trailing && !members.is_empty() {
                out.push(',');
            }
            if !one_line {
                out.push_str(st.nl);
                out.push_str(&st.indent.repeat(depth));
            }
            out.push('}');
        }
    }
}

fn optional<T: Clone + std::fmt::Debug + 'static>(
    choices: Vec<T>,
) -> impl Strategy<Value = Option<T>> {
    prop_oneof![Just(None), proptest::sample::select(choices).prop_map(Some)]
}

/// An app.json with a chat tool whose settings vary, as text.
fn app_json() -> impl Strategy<Value = (String, Style)> {
    let style = (
        proptest::sample::select(vec!["  ", "    ", "\t", ""]),
        proptest::sample::select(vec!["\n", "\r\n"]),
        any::<bool>(),
    )
        .prop_map(|(indent, nl, bom)| Style { indent, nl, bom });
    let sub = (
        optional(vec![true, false]),
        optional(vec!["webview", "skyline", "Skyline"]),
        optional(vec!["exparser", "glass-easel"]),
        any::<bool>(),
    );
    let app = (
        optional(vec!["webview", "skyline"]),
        optional(vec!["exparser", "glass-easel"]),
        optional(vec!["requiredComponents", "requiredcomponents"]),
        proptest::sample::select(vec![
            "pages/entry/index",
            "/pages/entry/index",
            "packageChatTool/pages/entry/index",
            "/packageChatTool/pages/entry/index",
            "/pages/none/index",
        ]),
        any::<(bool, bool)>(),
        any::<bool>(),
    );
    (style, sub, app).prop_flat_map(|(style, sub, app)| {
        let (independent, renderer, cf, sub_trailing) = sub;
        let mut sub_members = vec![
            ("root".to_string(), J::S("packageChatTool".into())),
            (
                "pages".to_string(),
                J::A(vec!["pages/entry/index".into(), "pages/more/index".into()]),
            ),
        ];
        if let Some(b) = independent {
            sub_members.push(("independent".into(), J::B(b)));
        }
        if let Some(r) = renderer {
            sub_members.push(("renderer".into(), J::S(r.into())));
        }
        if let Some(c) = cf {
            sub_members.push(("componentFramework".into(), J::S(c.into())));
        }
        let (app_renderer, app_cf, lazy, entry, (root_trailing, tool_trailing), two_subs) = app;
        let tool = J::O(
            vec![
                ("root".into(), J::S("packageChatTool".into())),
                ("entryPagePath".into(), J::S(entry.into())),
                ("desc".into(), J::S("群签到".into())),
            ],
            tool_trailing,
        );
        let mut root_members = vec![
            ("pages".to_string(), J::A(vec!["pages/index/index".into()])),
            ("chatTools".to_string(), J::L(vec![tool])),
        ];
        if let Some(r) = app_renderer {
            root_members.push(("renderer".into(), J::S(r.into())));
        }
        if let Some(c) = app_cf {
            root_members.push(("componentFramework".into(), J::S(c.into())));
        }
        if let Some(l) = lazy {
            root_members.push(("lazyCodeLoading".into(), J::S(l.into())));
        }
        (
            Just(sub_members).prop_shuffle(),
            Just(root_members).prop_shuffle(),
            Just((style, sub_trailing, root_trailing, two_subs)),
        )
            .prop_map(|(sub_members, mut members, (style, st, rt, two))| {
                let mut subs = vec![J::O(sub_members, st)];
                if two {
                    subs.insert(
                        0,
                        J::O(
                            vec![
                                ("root".into(), J::S("pkgA".into())),
                                ("pages".into(), J::A(vec!["a/index".into()])),
                            ],
                            false,
                        ),
                    );
                }
                members.push(("subPackages".into(), J::L(subs)));
                let mut out = String::new();
                if style.bom {
                    out.push('\u{feff}');
                }
                print(&J::O(members, rt), 0, &style, &mut out);
                (out, style)
            })
    })
}

fn fixed_value(text: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let p = Project::from_app_bytes(dir.path(), text.as_bytes().to_vec());
    p.app.value.clone().expect("parses")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn fixes_are_minimal_safe_and_idempotent((text, style) in app_json()) {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::from_app_bytes(dir.path(), text.clone().into_bytes());
        prop_assert!(project.app.value.is_some(), "generated text must parse:\n{}", text);
        if std::env::var_os("SHOW_SAMPLES").is_some() { eprintln!("{text:?}"); }
        // Fix as `--fix` does: lint, apply, lint again, until nothing is left to fix.
        let mut fixed = text.clone();
        for pass in 0..=fix::MAX_PASSES {
            let project = Project::from_app_bytes(dir.path(), fixed.clone().into_bytes());
            let plans = fix::plan(&lint_project(&project, &Config::default()));
            let Some(f) = plans.first() else { break };
            prop_assert!(pass < fix::MAX_PASSES, "still fixing after {} passes", pass);
            let text = fixed.clone();
            {
                prop_assert!(f.refused.is_none());
                prop_assert_eq!(&f.original, &text);
                // Outside the edits, every byte is the original's.
                let mut edits: Vec<_> = f.edits.iter().collect();
                edits.sort_by_key(|e| (e.range.start, e.range.end));
                let (mut pos, mut out_pos) = (0usize, 0usize);
                for e in &edits {
                    prop_assert!(e.range.start >= pos, "overlapping edits");
                    let keep = &text[pos..e.range.start];
                    prop_assert_eq!(&f.fixed[out_pos..out_pos + keep.len()], keep);
                    out_pos += keep.len() + e.replacement.len();
                    pos = e.range.end;
                }
                prop_assert_eq!(&f.fixed[out_pos..], &text[pos..]);
                fixed = f.fixed.clone();
            }
        }
        // Line endings and indentation kept.
        if style.nl == "\n" {
            prop_assert!(!fixed.contains('\r'));
        } else {
            prop_assert_eq!(fixed.matches('\n').count(), fixed.matches("\r\n").count());
        }
        if style.indent == "\t" {
            prop_assert!(fixed.lines().all(|l| !l.starts_with(' ')));
        } else if !style.indent.is_empty() {
            prop_assert!(fixed.lines().all(|l| !l.starts_with('\t')));
        } else {
            prop_assert_eq!(fixed.lines().count(), 1);
        }
        prop_assert_eq!(fixed.starts_with('\u{feff}'), style.bom);
        // What was fixed is right now.
        let v = fixed_value(&fixed);
        let sub = v["subPackages"].as_array().unwrap().last().unwrap();
        prop_assert_eq!(&sub["independent"], &Value::Bool(true));
        let renderer = sub.get("renderer").or(v.get("renderer"));
        prop_assert_eq!(renderer.and_then(Value::as_str), Some("skyline"));
        prop_assert_eq!(v["lazyCodeLoading"].as_str(), Some("requiredComponents"));
        // With an app-level Skyline renderer the main package's pages share the cause: no one
        // safe place to set glass-easel, so the rule reports without a fix.
        if v.get("renderer").and_then(Value::as_str) != Some("skyline") {
            prop_assert_eq!(
                sub.get("componentFramework").or(v.get("componentFramework")).and_then(Value::as_str),
                Some("glass-easel")
            );
        }
        let entry = v["chatTools"][0]["entryPagePath"].as_str().unwrap();
        prop_assert!(entry == "pages/entry/index" || entry == "/pages/none/index", "{}", entry);
        // Key order of what was there is unchanged.
        let before = fixed_value(&text);
        let keys = |o: &Value| o.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        let (kb, ka) = (keys(&before), keys(&v));
        prop_assert_eq!(&ka[..kb.len()], &kb[..]);
        // Another pass finds nothing.
        let again = Project::from_app_bytes(dir.path(), fixed.into_bytes());
        prop_assert!(fix::plan(&lint_project(&again, &Config::default())).is_empty());
    }
}
