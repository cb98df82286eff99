//! Turning a command line into work and an exit code.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{CheckArgs, Cli, ColorChoice, Command, Format, LangChoice, ListFormat};
use crate::config::Config;
use crate::diagnostic::{display_path, Severity};
use crate::i18n::Lang;
use crate::output::{self, ProjectInfo, Report, Style};
use crate::project::Project;
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
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let style = Style { lang, color };
    let code = match &cli.command {
        Some(Command::Rules { format }) => list_rules(*format, lang),
        Some(Command::Explain { rule }) => explain(rule, lang),
        None => check(&cli.check, style),
    };
    ExitCode::from(code)
}

fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

fn check(args: &CheckArgs, style: Style) -> u8 {
    let config = Config::default();
    let mut report = Report::default();
    let mut failed = false;
    let mut diffs = String::new();
    for path in &args.paths {
        let loaded = if args.fix || args.diff {
            let done = crate::fix::run_for_cli(Project::load(path), path, args.fix, style.lang);
            failed |= done.failed;
            diffs.push_str(&done.diff);
            done.project
        } else {
            Project::load(path)
        };
        match loaded {
            Ok(project) => {
                report.projects.push(ProjectInfo {
                    path: display_path(&project.dir),
                    app_json: project.app.source.display.clone(),
                });
                report
                    .diagnostics
                    .extend(crate::lint::lint_project(&project, &config));
            }
            Err(e) => {
                failed = true;
                let (label, help) = match style.lang {
                    Lang::En => ("error", "help"),
                    Lang::Zh => ("错误", "提示"),
                };
                eprintln!("chattools-lint: {label}: {}", e.message.get(style.lang));
                if let Some(h) = e.help {
                    eprintln!("  {help}: {}", h.get(style.lang));
                }
            }
        }
    }
    if args.diff {
        print(&diffs);
        return if failed {
            EXIT_FAILURE
        } else if diffs.is_empty() {
            EXIT_OK
        } else {
            EXIT_ERRORS
        };
    }
    let rendered = match args.format {
        Format::Human => output::human::render(&report, style),
        Format::Json => output::json::render(&report, style),
    };
    print(&rendered);
    let summary = report.summary();
    if failed {
        EXIT_FAILURE
    } else if summary.errors > 0 || args.max_warnings.is_some_and(|max| summary.warnings > max) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

fn list_rules(format: ListFormat, lang: Lang) -> u8 {
    let mut out = String::new();
    match format {
        ListFormat::Human => {
            let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in RULES {
                let summary = match lang {
                    Lang::En => r.summary.0,
                    Lang::Zh => r.summary.1,
                };
                out.push_str(&format!(
                    "{:width$}  {:7}  {}\n",
                    r.id,
                    r.default_severity.as_str(),
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
        let hint = rules::closest(id, ids)
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        match lang {
            Lang::En => eprintln!("chattools-lint: error: no rule `{id}`{hint}; `chattools-lint rules` lists them"),
            Lang::Zh => eprintln!("chattools-lint: 错误: 没有规则 `{id}`{hint}；运行 `chattools-lint rules` 查看所有规则"),
        }
        return EXIT_FAILURE;
    };
    let summary = match lang {
        Lang::En => rule.summary.0,
        Lang::Zh => rule.summary.1,
    };
    let sev = match (lang, rule.default_severity) {
        (Lang::Zh, Severity::Error) => "默认级别：error",
        (Lang::Zh, Severity::Warning) => "默认级别：warning",
        (Lang::Zh, _) => "默认级别：info",
        (Lang::En, s) => match s {
            Severity::Error => "default severity: error",
            Severity::Warning => "default severity: warning",
            _ => "default severity: info",
        },
    };
    print(&format!(
        "# {}\n\n{summary}\n({sev}; {})\n\n{}",
        rule.id,
        rule.url(),
        rule.docs.trim_start()
    ));
    EXIT_OK
}
