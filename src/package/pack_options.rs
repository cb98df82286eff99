//! `packOptions.ignore` / `packOptions.include` of project.config.json, matched as WeChat's tools
//! match them (miniprogram-ci `FFSPRGRulesFactory`): every comparison is case-insensitive, paths
//! are relative to `miniprogramRoot` with `/` separators, `prefix`/`suffix` test the base name,
//! `folder` tests `"/"+path` against `"/"+value+"/"`, `file` is equality, `glob` and `regexp` test
//! `path` or `"/"+path`; an invalid pattern matches nothing; `include` wins over `ignore`.

use std::sync::Arc;

use globset::{Candidate, GlobBuilder, GlobMatcher};
use regex::{Regex, RegexBuilder};

use crate::i18n::Msg;
use crate::msg;
use crate::project::PackRule;

/// Which list a rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Ignore,
    Include,
}

impl List {
    pub fn as_str(self) -> &'static str {
        match self {
            List::Ignore => "ignore",
            List::Include => "include",
        }
    }
}

#[derive(Clone, Debug)]
enum Test {
    Folder(String),
    File(String),
    Suffix(String),
    Prefix(String),
    Glob(GlobMatcher),
    Regexp(Regex),
    /// An invalid pattern, an unknown type or an empty value: matches nothing.
    Nothing,
}

/// One compiled packOptions rule.
#[derive(Clone, Debug)]
pub struct CompiledRule {
    pub list: List,
    /// Index in its list.
    pub index: usize,
    /// JSON pointer in project.config.json (`/packOptions/ignore/2`). Shared (as `kind` and
    /// `value`) with every file the rule leaves out: a folder rule can match thousands.
    pub pointer: Arc<str>,
    /// `type` as written.
    pub kind: Arc<str>,
    /// `value` as written.
    pub value: Arc<str>,
    test: Test,
}

impl CompiledRule {
    /// `packOptions.ignore[2] (folder "docs")`.
    pub fn describe(&self) -> String {
        format!(
            "packOptions.{}[{}] ({} \"{}\")",
            self.list.as_str(),
            self.index,
            self.kind,
            self.value
        )
    }

    fn matches(&self, path: &str, slashed: &str, base: &str) -> bool {
        match &self.test {
            Test::Folder(v) => slashed.starts_with(v.as_str()),
            Test::File(v) => slashed == v,
            Test::Suffix(v) => base.ends_with(v.as_str()),
            Test::Prefix(v) => base.starts_with(v.as_str()),
            Test::Glob(g) => {
                g.is_match_candidate(&Candidate::new(path))
                    || g.is_match_candidate(&Candidate::new(slashed))
            }
            Test::Regexp(r) => r.is_match(path) || r.is_match(slashed),
            Test::Nothing => false,
        }
    }
}

/// A rule that cannot match anything, and why.
#[derive(Clone, Debug)]
pub struct PatternProblem {
    pub list: List,
    pub index: usize,
    pub pointer: String,
    pub kind: String,
    pub value: String,
    pub message: Msg,
}

/// Both lists, compiled.
#[derive(Clone, Debug, Default)]
pub struct PackMatcher {
    ignore: Vec<CompiledRule>,
    include: Vec<CompiledRule>,
    /// Rules that match nothing (invalid pattern, unknown type, empty value).
    pub problems: Vec<PatternProblem>,
}

/// Lowercase and turn `\` into `/`.
fn norm(s: &str) -> String {
    s.replace('\\', "/").to_lowercase()
}

impl PackMatcher {
    pub fn new(ignore: &[PackRule], include: &[PackRule]) -> PackMatcher {
        let mut m = PackMatcher::default();
        for (list, rules) in [(List::Ignore, ignore), (List::Include, include)] {
            for (index, r) in rules.iter().enumerate() {
                let compiled = m.compile(list, index, r);
                match list {
                    List::Ignore => m.ignore.push(compiled),
                    List::Include => m.include.push(compiled),
                }
            }
        }
        m
    }

    pub fn is_empty(&self) -> bool {
        self.ignore.is_empty() && self.include.is_empty()
    }

    fn compile(&mut self, list: List, index: usize, r: &PackRule) -> CompiledRule {
        let value = norm(&r.value);
        let kind = r.kind.to_lowercase();
        let mut problem = |message: Msg| {
            self.problems.push(PatternProblem {
                list,
                index,
                pointer: r.pointer.clone(),
                kind: r.kind.clone(),
                value: r.value.clone(),
                message,
            });
            Test::Nothing
        };
        let test = if value.is_empty() {
            problem(msg!(
                "an empty value matches nothing here",
                "值为空，这里视为不匹配任何文件"
            ))
        } else {
            match kind.as_str() {
                "folder" => {
                    let v = value.trim_end_matches('/');
                    Test::Folder(format!("/{v}/"))
                }
                "file" => Test::File(format!("/{value}")),
                "suffix" => Test::Suffix(value),
                "prefix" => Test::Prefix(value),
                "glob" => match GlobBuilder::new(&value)
                    .literal_separator(true)
                    .case_insensitive(true)
                    .build()
                {
                    Ok(g) => Test::Glob(g.compile_matcher()),
                    Err(e) => {
                        let e = e.kind().to_string();
                        problem(msg!(
                            "invalid glob, so it matches nothing: {e}",
                            "glob 无效，因此不匹配任何文件：{e}"
                        ))
                    }
                },
                "regexp" => match RegexBuilder::new(&r.value)
                    .case_insensitive(true)
                    .multi_line(true)
                    .build()
                {
                    Ok(re) => Test::Regexp(re),
                    Err(e) => {
                        let e = e.to_string().lines().last().unwrap_or_default().to_string();
                        problem(msg!(
                            "invalid regexp (or one chattools-lint cannot read: no look-around or back-references), so it matches nothing here: {e}",
                            "正则表达式无效（或 chattools-lint 无法解析：不支持环视和反向引用），因此这里不匹配任何文件：{e}"
                        ))
                    }
                },
                _ => {
                    let kind = &r.kind;
                    problem(msg!(
                        "unknown type `{kind}` (one of folder, file, suffix, prefix, regexp, glob), so it matches nothing",
                        "未知的 type `{kind}`（应为 folder、file、suffix、prefix、regexp、glob 之一），因此不匹配任何文件"
                    ))
                }
            }
        };
        CompiledRule {
            list,
            index,
            pointer: r.pointer.as_str().into(),
            kind: r.kind.as_str().into(),
            value: r.value.as_str().into(),
            test,
        }
    }

    /// The ignore rule that leaves `path` (relative to miniprogramRoot) out of the upload, unless
    /// an include rule takes it back. `None`: packOptions keep the file.
    pub fn ignored_by(&self, path: &str) -> Option<&CompiledRule> {
        if self.ignore.is_empty() {
            return None;
        }
        // One allocation: "/" + the path, `\` as `/`, lowercased; `path` is it without the "/".
        let path = path.trim_start_matches(['/', '\\']);
        let mut slashed = String::with_capacity(path.len() + 1);
        slashed.push('/');
        if path.is_ascii() {
            // In place, a byte at a time: this runs for every file of every package.
            slashed.push_str(path);
            slashed.make_ascii_lowercase();
            if slashed.contains('\\') {
                slashed = slashed.replace('\\', "/");
            }
        } else {
            slashed.push_str(&norm(path));
        }
        let path = &slashed[1..];
        let base = path.rfind('/').map_or(path, |i| &path[i + 1..]);
        if self.include.iter().any(|r| r.matches(path, &slashed, base)) {
            return None;
        }
        self.ignore.iter().find(|r| r.matches(path, &slashed, base))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(list: &str, i: usize, kind: &str, value: &str) -> PackRule {
        PackRule {
            kind: kind.into(),
            value: value.into(),
            pointer: format!("/packOptions/{list}/{i}"),
        }
    }

    fn ignoring(kind: &str, value: &str) -> PackMatcher {
        PackMatcher::new(&[rule("ignore", 0, kind, value)], &[])
    }

    fn ignored(m: &PackMatcher, path: &str) -> bool {
        m.ignored_by(path).is_some()
    }

    #[test]
    fn folder() {
        let m = ignoring("folder", "pkg/docs");
        assert!(ignored(&m, "pkg/docs/a.js"));
        assert!(ignored(&m, "pkg/docs/deep/b.png"));
        assert!(!ignored(&m, "pkg/docs2/a.js"), "a folder is not a prefix");
        assert!(
            !ignored(&m, "other/pkg/docs/a.js"),
            "anchored at miniprogramRoot"
        );
        assert!(!ignored(&m, "pkg/docs"), "the folder's own name as a file");
        let m = ignoring("folder", "pkg/docs/");
        assert!(ignored(&m, "pkg/docs/a.js"), "trailing slash in the value");
    }

    #[test]
    fn file() {
        let m = ignoring("file", "pkg/a.js");
        assert!(ignored(&m, "pkg/a.js"));
        assert!(!ignored(&m, "pkg/a.js.map"));
        assert!(!ignored(&m, "x/pkg/a.js"));
        assert!(!ignored(&m, "a.js"));
    }

    #[test]
    fn suffix_and_prefix_test_the_base_name() {
        let m = ignoring("suffix", ".md.js");
        assert!(ignored(&m, "pkg/readme.md.js"));
        assert!(!ignored(&m, "pkg/readme.js"));
        let m = ignoring("prefix", "test-");
        assert!(ignored(&m, "pkg/test-a.js"));
        assert!(ignored(&m, "test-b.wxml"));
        assert!(
            !ignored(&m, "test-dir/a.js"),
            "prefix tests the base name, not the folders"
        );
    }

    #[test]
    fn glob() {
        let m = ignoring("glob", "pkg/**/*.png");
        assert!(ignored(&m, "pkg/a/b/c.png"));
        assert!(ignored(&m, "pkg/c.png"));
        assert!(!ignored(&m, "other/c.png"));
        let m = ignoring("glob", "*.png");
        assert!(ignored(&m, "top.png"));
        assert!(!ignored(&m, "pkg/deep.png"), "`*` does not cross `/`");
        let m = ignoring("glob", "/pkg/*.js");
        assert!(ignored(&m, "pkg/a.js"), "a glob is also tried on `/`+path");
        let m = ignoring("glob", "**/{a,b}.js");
        assert!(ignored(&m, "x/a.js") && ignored(&m, "y/b.js") && !ignored(&m, "c.js"));
    }

    #[test]
    fn regexp() {
        let m = ignoring("regexp", r"\.test\.js$");
        assert!(ignored(&m, "pkg/a.test.js"));
        assert!(!ignored(&m, "pkg/a.js"));
        let m = ignoring("regexp", "^/pkg/");
        assert!(
            ignored(&m, "pkg/a.js"),
            "a regexp is also tried on `/`+path"
        );
        let m = ignoring("regexp", "^pkg/");
        assert!(ignored(&m, "pkg/a.js"));
        assert!(!ignored(&m, "x/pkg/a.js"));
    }

    #[test]
    fn every_type_is_case_insensitive() {
        for (kind, value, path) in [
            ("folder", "PKG/Docs", "pkg/DOCS/a.js"),
            ("file", "Pkg/A.JS", "pkg/a.js"),
            ("suffix", ".PNG", "pkg/a.png"),
            ("prefix", "Test", "pkg/TEST.js"),
            ("glob", "PKG/*.Js", "pkg/A.JS"),
            ("regexp", "^PKG/A", "pkg/a.js"),
        ] {
            assert!(
                ignored(&ignoring(kind, value), path),
                "{kind} {value:?} should match {path:?}"
            );
            assert!(
                ignored(&ignoring(&kind.to_uppercase(), value), path),
                "type {kind:?} in capitals"
            );
        }
    }

    #[test]
    fn include_wins_over_ignore() {
        let m = PackMatcher::new(
            &[rule("ignore", 0, "folder", "pkg/assets")],
            &[rule("include", 0, "suffix", ".svg")],
        );
        assert!(ignored(&m, "pkg/assets/a.png"));
        assert!(!ignored(&m, "pkg/assets/a.svg"));
        let by = m.ignored_by("pkg/assets/a.png").unwrap();
        assert_eq!(
            by.describe(),
            "packOptions.ignore[0] (folder \"pkg/assets\")"
        );
        assert_eq!(&*by.pointer, "/packOptions/ignore/0");
    }

    #[test]
    fn the_first_matching_ignore_rule_is_named() {
        let m = PackMatcher::new(
            &[
                rule("ignore", 0, "suffix", ".md"),
                rule("ignore", 1, "folder", "pkg"),
            ],
            &[],
        );
        assert_eq!(m.ignored_by("pkg/a.js").unwrap().index, 1);
        assert_eq!(m.ignored_by("pkg/a.md").unwrap().index, 0);
    }

    #[test]
    fn invalid_patterns_match_nothing_and_say_so() {
        let m = PackMatcher::new(
            &[
                rule("ignore", 0, "regexp", "("),
                rule("ignore", 1, "glob", "pkg/[a"),
                rule("ignore", 2, "regexp", "(?<=a)b"),
                rule("ignore", 3, "dir", "pkg"),
                rule("ignore", 4, "folder", ""),
            ],
            &[],
        );
        for p in ["(", "pkg/[a", "pkg/ab", "pkg/a.js", "a.js", "(.js"] {
            assert!(!ignored(&m, p), "{p}");
        }
        let pointers: Vec<_> = m.problems.iter().map(|p| p.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/packOptions/ignore/0",
                "/packOptions/ignore/1",
                "/packOptions/ignore/2",
                "/packOptions/ignore/3",
                "/packOptions/ignore/4"
            ]
        );
        assert!(m.problems[0].message.en.contains("invalid regexp"));
        assert!(m.problems[1].message.en.contains("invalid glob"));
        assert!(m.problems[3].message.en.contains("unknown type `dir`"));
        assert!(m.problems[0].message.zh.contains("正则表达式无效"));
    }

    #[test]
    fn invalid_include_does_not_take_files_back() {
        let m = PackMatcher::new(
            &[rule("ignore", 0, "folder", "pkg")],
            &[rule("include", 0, "regexp", "[")],
        );
        assert!(ignored(&m, "pkg/a.js"));
        assert_eq!(m.problems.len(), 1);
        assert_eq!(m.problems[0].list, List::Include);
    }

    #[test]
    fn windows_separators_in_values_and_paths() {
        assert!(ignored(&ignoring("folder", r"pkg\docs"), "pkg/docs/a.js"));
        assert!(ignored(&ignoring("file", r"pkg\a.js"), "pkg/a.js"));
        assert!(ignored(&ignoring("glob", r"pkg\**\*.png"), "pkg/x/y.png"));
        assert!(ignored(&ignoring("folder", "pkg/docs"), r"pkg\docs\a.js"));
    }
}
