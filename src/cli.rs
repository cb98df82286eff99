//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "chattools-lint",
    version,
    about = "Lint WeChat mini program chat tools (聊天工具) before upload",
    long_about = "Lint WeChat mini program chat tools (聊天工具模式) before upload.\n\n\
        Exit codes: 0 no errors (warnings allowed), 1 errors found (or more warnings than \
        --max-warnings), 2 could not lint (bad arguments, no app.json, unreadable file).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub check: CheckArgs,

    /// When to colour the output. NO_COLOR is honoured with `auto`.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Language of messages (default: Chinese when LC_ALL/LC_MESSAGES/LANG starts with `zh`).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangChoice>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Project folders (with project.config.json), folders holding app.json, or app.json files.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Exit with 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// Configuration file [default: chattools-lint.json in the project folder or nearest parent].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Lint every mini program found under each PATH (honours .gitignore; skips node_modules).
    #[arg(short, long)]
    pub recursive: bool,

    /// Report RULE as an error (repeatable; overrides the configuration file).
    #[arg(long, value_name = "RULE")]
    pub deny: Vec<String>,

    /// Report RULE as a warning (repeatable; overrides the configuration file).
    #[arg(long, value_name = "RULE")]
    pub warn: Vec<String>,

    /// Turn RULE off (repeatable; overrides the configuration file).
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,
    /// Apply the fixes for problems that have one safe fix (trailing commas, the chat-tool
    /// package's `independent` and `renderer`, `componentFramework`, `lazyCodeLoading`,
    /// `entryPagePath`), then report what remains.
    #[arg(long)]
    pub fix: bool,

    /// Print those fixes as a unified diff instead of writing them (exit 1 when there are any).
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,

    /// Lint afresh, without reading or writing the cache (docs/cache.md).
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List every rule: id, default severity and what it checks.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. chat-tools/entry-page.
        rule: String,
    },
    /// Estimate what WeChat would upload, per package, and where the bytes go.
    Size(SizeArgs),
    /// Run the linter from WeChat DevTools (project.config.json `scripts`; uni-app:
    /// manifest.json "mp-weixin") and write a chattools-lint.json.
    Init {
        /// The folder WeChat DevTools opens (with project.config.json), or a uni-app project.
        #[arg(default_value = ".")]
        path: PathBuf,
    },
    /// Run the language server (LSP over stdin/stdout) for editors; docs/integrations.md.
    Lsp,
}

#[derive(Args, Debug)]
pub struct SizeArgs {
    /// The project folder (with project.config.json), a folder holding app.json, or app.json.
    #[arg(default_value = ".")]
    pub path: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,

    /// How many of the largest files, folders and left-out files to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning (docs/formats.md).
    Sarif,
    /// GitHub Actions annotations (`::error file=…::…`).
    Github,
    /// JUnit XML, for Jenkins and GitLab test reports.
    Junit,
    /// One `file:line:col: severity[rule] message` line each.
    Short,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangChoice {
    En,
    Zh,
}
