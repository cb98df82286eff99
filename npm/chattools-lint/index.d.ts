// Types of the chattools-lint Node API and of the `--format json` document (docs/formats.md).

/** A diagnostic's severity (rules turned off report nothing). */
export type Severity = "error" | "warning" | "info";

/** One problem found. Positions are 1-based; columns count Unicode code points. */
export interface Diagnostic {
  /** The rule id, e.g. `chat-tools/entry-page`. */
  rule: string;
  severity: Severity;
  /** In the language asked for (`lang`). */
  message: string;
  /** The file, relative to the working directory when under it, with `/` separators; `null` for a problem with no file. */
  file: string | null;
  line: number | null;
  column: number | null;
  /** The position just after the last character. */
  endLine: number | null;
  endColumn: number | null;
  /** The JSON pointer of the place, in a JSON file. */
  pointer: string | null;
  help: string | null;
  /** The rule's documentation. */
  url: string | null;
}

/** A linted project. */
export interface Project {
  /** The project folder. */
  path: string;
  /** Its app.json. */
  appJson: string;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  projects: number;
}

/** Something that could not be linted (present in documents of runs that exit with 2). */
export interface LintFailure {
  kind: string;
  message: string;
  path?: string | null;
}

/** The document printed by `chattools-lint --format json`. */
export interface LintResult {
  version: 1;
  tool: { name: "chattools-lint"; version: string };
  projects: Project[];
  diagnostics: Diagnostic[];
  summary: Summary;
  errors?: LintFailure[];
}

export interface LintOptions {
  /** A configuration file to use instead of the nearest chattools-lint.json. */
  config?: string;
  /** The language of messages (default: from LC_ALL / LC_MESSAGES / LANG). */
  lang?: "en" | "zh";
  /** The working directory: paths are resolved, and shown, relative to it (default: process.cwd()). */
  cwd?: string;
  /** Lint every mini program found under each path. */
  recursive?: boolean;
}

/** Rejected with this when something could not be linted (exit code 2) or the linter did not run. */
export interface ChattoolsLintError extends Error {
  name: "ChattoolsLintError";
  /** 2 when something could not be linted; `null` when the linter was killed by a signal. */
  exitCode: number | null;
  /** The linter's standard error. */
  stderr: string;
  /** What was linted, when some paths were and others were not. */
  result?: LintResult;
}

/**
 * Lint mini program projects with the native linter (`--format json`).
 * Resolves with the document when linting ran (whether or not problems were found: check
 * `summary.errors`); rejects with an Error carrying the linter's message when something could not
 * be linted (exit code 2), e.g. no app.json or a broken chattools-lint.json.
 * @param paths project folders (with project.config.json), folders holding app.json, or app.json files; default "."
 */
export function lint(paths?: string | readonly string[], options?: LintOptions): Promise<LintResult>;
