//! Turning a command line into work and an exit code.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use clap::Parser;

use crate::cli::{CheckArgs, Cli, ColorChoice, Command, Format, LangChoice, ListFormat};
use crate::config::Config;
use crate::diagnostic::display_path;
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::output::{self, Failure, ProjectInfo, Report, Style};
use crate::project::{LoadError, Project};
use crate::rules::{self, RULES};

/// Exit codes, as documented in the README.
pub const EXIT_OK: u8 = 0;
pub const EXIT_ERRORS: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_FAILURE
            } else {
                EXIT_OK
            });
        }
    };
    let lang = match cli.lang {
        Some(LangChoice::En) => Lang::En,
        Some(LangChoice::Zh) => Lang::Zh,
        None => Lang::from_env(),
    };
    let color = match cli.color {
        ColorChoice::Always => {
            // Asked for: on even where the console cannot show it (the output may be piped).
            let _ = anstyle_query::windows::enable_ansi_colors();
            true
        }
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                // The Windows console shows ANSI colours only in VT mode: turn it on, or go
                // without colour where it cannot be (old consoles). None elsewhere.
                && anstyle_query::windows::enable_ansi_colors() != Some(false)
        }
    };
    let style = Style { lang, color };
    let code = match &cli.command {
        Some(Command::Rules { format }) => list_rules(*format, lang),
        Some(Command::Explain { rule }) => explain(rule, lang),
        Some(Command::Size(args)) => size(args, style),
        Some(Command::Init { path }) => crate::init::run(path, style),
        Some(Command::Lsp) => crate::lsp::run(cli.lang.map(|l| match l {
            LangChoice::En => Lang::En,
            LangChoice::Zh => Lang::Zh,
        })),
        None => check(&cli.check, style),
    };
    ExitCode::from(code)
}

pub(crate) fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Configuration files read so far, by path; `None` for a broken one (already reported).
struct Configs<'a> {
    args: &'a CheckArgs,
    style: Style,
    loaded: HashMap<PathBuf, Option<Arc<Config>>>,
    /// The configuration without a file: defaults plus the command line's overrides.
    default: Arc<Config>,
    /// Broken configuration files, for the machine formats.
    failures: Vec<Failure>,
}

impl Configs<'_> {
    /// The configuration for a PATH: `--config`, else the nearest chattools-lint.json.
    fn for_path(&mut self, path: &Path) -> Option<Arc<Config>> {
        let file = match &self.args.config {
            Some(f) => f.clone(),
            None => {
                let start = if path.is_file() {
                    path.parent().unwrap_or(Path::new("."))
                } else {
                    path
                };
                match Config::find(start) {
                    Some(f) => f,
                    None => return Some(self.default.clone()),
                }
            }
        };
        if let Some(c) = self.loaded.get(&file) {
            return c.clone();
        }
        let config = match Config::load(&file) {
            Ok(mut c) => {
                // Validated up front, so this cannot fail here.
                let _ = c.override_rules(&self.args.deny, &self.args.warn, &self.args.allow);
                Some(Arc::new(c))
            }
            Err(diagnostics) => {
                let text = output::human::render_diagnostics(&diagnostics, self.style);
                eprint!("{text}");
                let shown = display_path(&file);
                let why = diagnostics
                    .first()
                    .map(|d| d.message.clone())
                    .unwrap_or_else(|| msg!("it cannot be used", "无法使用"));
                self.failures.push(Failure {
                    kind: "config",
                    message: Msg::new(
                        format!("broken configuration file `{shown}`: {}", why.en),
                        format!("配置文件 `{shown}` 有误：{}", why.zh),
                    ),
                    path: Some(shown),
                });
                None
            }
        };
        self.loaded.insert(file, config.clone());
        config
    }
}

pub(crate) fn print_error(style: Style, message: &Msg, help: Option<&Msg>) {
    let label = msg!("error", "错误");
    eprintln!(
        "chattools-lint: {}: {}",
        label.get(style.lang),
        message.get(style.lang)
    );
    if let Some(h) = help {
        eprintln!(
            "  {}: {}",
            msg!("help", "提示").get(style.lang),
            h.get(style.lang)
        );
    }
}

type Outcome = Result<crate::cache::Linted, LoadError>;

/// Lint every item, in parallel, keeping the items' order.
fn lint_all(
    work: &[(PathBuf, Arc<Config>)],
    roots: &[usize],
    sessions: &[crate::cache::Session],
) -> Vec<Outcome> {
    let slots: Vec<Mutex<Option<Outcome>>> = work.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = crate::parallel::cores().min(work.len()).max(1);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((path, config)) = work.get(i) else {
                    break;
                };
                let outcome = sessions[roots[i]].lint(path, config);
                *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
            });
        }
    });
    slots
        .into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every item linted")
        })
        .collect()
}

fn check(args: &CheckArgs, style: Style) -> u8 {
    let mut default = Config::default();
    if let Err(errors) = default.override_rules(&args.deny, &args.warn, &args.allow) {
        return bad_arguments(args, style, errors);
    }
    let mut configs = Configs {
        args,
        style,
        loaded: HashMap::new(),
        default: Arc::new(default),
        failures: Vec::new(),
    };
    let mut work = collect_work(args, style, &mut configs);
    // --fix / --diff: plan (and write) each project's fixes first; the lint below reads the
    // fixed files and reports what remains.
    if args.fix || args.diff {
        let diffs = apply_fixes(args, style, &mut work);
        if args.diff {
            print(&diffs);
            return if work.failed {
                EXIT_FAILURE
            } else if diffs.is_empty() {
                EXIT_OK
            } else {
                EXIT_ERRORS
            };
        }
    }
    let mut report = lint_into_report(style, &mut work);
    // Configuration failures first: they come from reading the PATHs, before linting.
    report.failures = configs.failures;
    report.failures.append(&mut work.failures);
    // Nothing linted: an empty human report ("No problems found in 0 projects") would mislead;
    // machine formats still get their (empty) document.
    if work.failed && report.projects.is_empty() && args.format == Format::Human {
        return EXIT_FAILURE;
    }
    print(&render(args.format, &report, style));
    let summary = report.summary();
    if work.failed {
        EXIT_FAILURE
    } else if summary.errors > 0 || args.max_warnings.is_some_and(|max| summary.warnings > max) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// What one run lints: each project with its configuration and the cache session it uses (that
/// of its PATH; with `-r`, of the folder searched), and what failed on the way.
struct Work {
    items: Vec<(PathBuf, Arc<Config>)>,
    /// `sessions[roots[i]]` is the cache of `items[i]`.
    roots: Vec<usize>,
    sessions: Vec<crate::cache::Session>,
    failures: Vec<Failure>,
    failed: bool,
}

/// `--deny`/`--warn`/`--allow` named no rule: say so, in the machine format too; exit 2.
fn bad_arguments(args: &CheckArgs, style: Style, errors: Vec<Msg>) -> u8 {
    for e in &errors {
        print_error(style, e, None);
    }
    if args.format != Format::Human {
        let report = Report {
            failures: errors
                .into_iter()
                .map(|message| Failure {
                    kind: "arguments",
                    message,
                    path: None,
                })
                .collect(),
            ..Report::default()
        };
        print(&render(args.format, &report, style));
    }
    EXIT_FAILURE
}

/// PATHs → the projects to lint (with `-r`, those found under each folder).
fn collect_work(args: &CheckArgs, style: Style, configs: &mut Configs) -> Work {
    let mut work = Work {
        items: Vec::new(),
        roots: Vec::new(),
        sessions: Vec::new(),
        failures: Vec::new(),
        failed: false,
    };
    for path in &args.paths {
        if !args.recursive {
            match configs.for_path(path) {
                Some(c) => {
                    work.items.push((path.clone(), c));
                    work.roots.push(work.sessions.len());
                    work.sessions
                        .push(crate::cache::Session::open(path, !args.no_cache));
                }
                None => work.failed = true,
            }
            continue;
        }
        if !path.is_dir() {
            let shown = display_path(path);
            let message = msg!(
                "--recursive needs a folder; `{shown}` is not one",
                "--recursive 需要一个目录；`{shown}` 不是目录"
            );
            print_error(style, &message, None);
            work.failures.push(Failure {
                kind: "arguments",
                message,
                path: Some(shown),
            });
            work.failed = true;
            continue;
        }
        let Some(root_config) = configs.for_path(path) else {
            work.failed = true;
            continue;
        };
        let found = crate::discover::find_projects(path, Some(root_config));
        let session = work.sessions.len();
        work.sessions
            .push(crate::cache::Session::open(path, !args.no_cache));
        if found.is_empty() {
            nothing_found(style, path, &mut work);
        }
        for dir in found {
            match configs.for_path(&dir) {
                Some(c) => {
                    work.items.push((dir, c));
                    work.roots.push(session);
                }
                None => work.failed = true,
            }
        }
    }
    work
}

/// `-r` found no mini program under `path`.
fn nothing_found(style: Style, path: &Path, work: &mut Work) {
    let shown = display_path(path);
    let message = msg!(
        "no mini program found under `{shown}` (no project.config.json or app.json outside ignored folders)",
        "`{shown}` 下没有找到小程序（被忽略的目录之外没有 project.config.json 或 app.json）"
    );
    print_error(
        style,
        &message,
        Some(&msg!(
            "folders listed in .gitignore, hidden folders, node_modules and the configuration's `ignore` are not searched",
            "不会搜索 .gitignore 中列出的目录、隐藏目录、node_modules 以及配置中 `ignore` 指定的路径"
        )),
    );
    work.failures.push(Failure {
        kind: "discovery",
        message,
        path: Some(shown),
    });
    work.failed = true;
}

/// `--fix` (write) or `--diff` on every project; returns the diffs.
fn apply_fixes(args: &CheckArgs, style: Style, work: &mut Work) -> String {
    let mut diffs = String::new();
    for (dir, config) in &work.items {
        let done = crate::fix::run_for_cli(dir, config, args.fix, style.lang);
        if done.failed {
            work.failed = true;
            work.failures.push(Failure {
                kind: "fix",
                message: msg!(
                    "a fix could not be applied (the reason is on standard error)",
                    "有修复无法应用（原因见标准错误输出）"
                ),
                path: Some(display_path(dir)),
            });
        }
        diffs.push_str(&done.diff);
    }
    diffs
}

/// Lint every project (in parallel, through the cache) into one report, in the work's order.
fn lint_into_report(style: Style, work: &mut Work) -> Report {
    let mut report = Report::default();
    let outcomes = lint_all(&work.items, &work.roots, &work.sessions);
    for session in std::mem::take(&mut work.sessions) {
        session.save();
    }
    for (outcome, (path, _)) in outcomes.into_iter().zip(&work.items) {
        match outcome {
            Ok(linted) => {
                if let Some(note) = &linted.note {
                    let label = msg!("note", "注意");
                    eprintln!(
                        "chattools-lint: {}: {}",
                        label.get(style.lang),
                        note.get(style.lang)
                    );
                }
                let start = report.diagnostics.len();
                report.diagnostics.extend(linted.diagnostics);
                report.projects.push(ProjectInfo {
                    path: display_path(&linted.dir),
                    app_json: display_path(&linted.app_json),
                    diagnostics: start..report.diagnostics.len(),
                });
            }
            Err(e) => {
                work.failed = true;
                print_error(style, &e.message, e.help.as_ref());
                work.failures.push(Failure {
                    kind: "project",
                    message: e.message,
                    path: Some(display_path(path)),
                });
            }
        }
    }
    report
}

fn render(format: Format, report: &Report, style: Style) -> String {
    match format {
        Format::Human => output::human::render(report, style),
        Format::Json => output::json::render(report, style),
        Format::Sarif => output::sarif::render(report, style),
        Format::Github => output::github::render(report, style),
        Format::Junit => output::junit::render(report, style),
        Format::Short => output::short::render(report, style),
    }
}

/// `chattools-lint size`: the estimate per package (docs/size.md).
fn size(args: &crate::cli::SizeArgs, style: Style) -> u8 {
    let lang = style.lang;
    let project = match Project::load(&args.path) {
        Ok(p) => p,
        Err(e) => {
            print_error(style, &e.message, e.help.as_ref());
            return EXIT_FAILURE;
        }
    };
    // A uni-app or Taro source tree: what is uploaded is its build output, when there is one.
    let project = match project
        .sources
        .as_ref()
        .and_then(|s| s.build_output.as_ref())
        .and_then(|dir| Project::load(dir).ok())
    {
        Some(built) => built,
        None => project,
    };
    let mut est = crate::package::estimate(&project, crate::package::Scope::All);
    crate::package::compiled::compile(&project, &mut est);
    let assumed = crate::package::compiled::CompileSettings::of(&project).describe(&project);
    let shown = display_path(&project.dir);
    let mp_root = display_path(&project.mp_root);
    let view = crate::package::report::View {
        project: &shown,
        mp_root: &mp_root,
        top: args.top,
        lang,
        assumed: &assumed,
    };
    print(&match args.format {
        ListFormat::Human => crate::package::report::human(&est, &view),
        ListFormat::Json => crate::package::report::json(&est, &view),
    });
    EXIT_OK
}

fn list_rules(format: ListFormat, lang: Lang) -> u8 {
    let mut out = String::new();
    match format {
        ListFormat::Human => {
            let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in RULES {
                let summary = r.summary(lang);
                out.push_str(&format!(
                    "{:width$}  {:7}  {:3}  {}\n",
                    r.id,
                    r.default_severity.as_str(),
                    if r.fixable { "fix" } else { "" },
                    summary
                ));
            }
        }
        ListFormat::Json => {
            let list: Vec<_> = RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "severity": r.default_severity.as_str(),
                        "fixable": r.fixable,
                        "summary": { "en": r.summary.0, "zh": r.summary.1 },
                        "url": r.url(),
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&list).expect("plain values");
            out.push('\n');
        }
    }
    print(&out);
    EXIT_OK
}

fn explain(id: &str, lang: Lang) -> u8 {
    let Some(rule) = rules::find(id) else {
        let ids = RULES.iter().map(|r| r.id);
        let hint = match rules::closest(id, ids) {
            Some(c) => msg!(" (did you mean `{c}`?)", "（是否想找 `{c}`？）"),
            None => msg!("", ""),
        };
        let hint = hint.get(lang);
        let error = msg!(
            "chattools-lint: error: no rule `{id}`{hint}; `chattools-lint rules` lists them",
            "chattools-lint: 错误: 没有规则 `{id}`{hint}；运行 `chattools-lint rules` 查看所有规则"
        );
        eprintln!("{}", error.get(lang));
        return EXIT_FAILURE;
    };
    print(&explain_text(rule, lang));
    EXIT_OK
}

/// A rule's documentation as `explain` prints it (also the language server's hover).
pub(crate) fn explain_text(rule: &rules::Rule, lang: Lang) -> String {
    let sev = rule.default_severity.as_str();
    let sev = msg!("default severity: {sev}", "默认级别：{sev}");
    let fixable = if rule.fixable {
        msg!(
            "; `--fix` fixes it where there is one safe answer",
            "；有唯一安全改法时 `--fix` 可自动修复"
        )
    } else {
        msg!("", "")
    };
    let (id, summary) = (rule.id, rule.summary(lang));
    let (sev, fixable) = (sev.get(lang), fixable.get(lang));
    let url = rule.url();
    let url_zh = url.replace(".md", ".zh.md");
    let head = msg!(
        "# {id}\n\n{summary}\n({sev}{fixable}; {url})\n\n",
        "# {id}\n\n{summary}\n（{sev}{fixable}；{url_zh}）\n\n"
    );
    format!("{}{}", head.get(lang), rule.docs(lang).trim_start())
}
