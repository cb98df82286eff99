//! `chattools-lint init`: run the linter from WeChat DevTools' custom preprocessing commands
//! (project.config.json `scripts`; for uni-app, manifest.json → `"mp-weixin"` → `"scripts"`,
//! which uni-app copies into the project.config.json of its build output), and write a
//! chattools-lint.json. The JSON files are edited in place: only the inserted text changes.

use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostic::display_path;
use crate::i18n::{Lang, Msg};
use crate::json::{escape_token, JsonFile};
use crate::msg;

/// DevTools' three hooks, in the order they are documented.
pub const HOOKS: [&str; 3] = ["beforeCompile", "beforePreview", "beforeUpload"];

const LAUNCHER: &str = "node_modules/chattools-lint/bin/chattools-lint.js";
const SCHEMA: &str = "node_modules/chattools-lint/chattools-lint.schema.json";
const SCHEMA_URL: &str =
    "https://github.com/chattools-lint/chattools-lint/raw/main/schemas/chattools-lint.schema.json";
pub const GATE_DOCS: &str =
    "https://github.com/chattools-lint/chattools-lint/blob/main/docs/integrations.md#wechat-devtools-and-upload-gates";

/// Where the hooks go.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// project.config.json in the folder DevTools opens; the command runs there.
    DevTools { file: PathBuf },
    /// uni-app: manifest.json (root or `src/`); DevTools opens the build output, `output`
    /// below the project folder (`dist/dev/mp-weixin` or `unpackage/dist/dev/mp-weixin`).
    UniApp { file: PathBuf, output: &'static str },
}

impl Target {
    fn find(dir: &Path) -> Option<Target> {
        // uni-app first: its source folder has no project.config.json of its own that DevTools opens.
        for (sub, output) in [
            ("", "unpackage/dist/dev/mp-weixin"),
            ("src", "dist/dev/mp-weixin"),
        ] {
            let d = dir.join(sub);
            if d.join("manifest.json").is_file() && d.join("pages.json").is_file() {
                return Some(Target::UniApp {
                    file: d.join("manifest.json"),
                    output,
                });
            }
        }
        let file = dir.join("project.config.json");
        file.is_file().then_some(Target::DevTools { file })
    }

    fn file(&self) -> &Path {
        match self {
            Target::DevTools { file } | Target::UniApp { file, .. } => file,
        }
    }

    /// The object that holds the hooks.
    fn container(&self) -> &'static [&'static str] {
        match self {
            Target::DevTools { .. } => &["scripts"],
            Target::UniApp { .. } => &["mp-weixin", "scripts"],
        }
    }

    /// How many folders below the project folder DevTools runs the command.
    fn depth(&self) -> usize {
        match self {
            Target::DevTools { .. } => 0,
            Target::UniApp { output, .. } => output.split('/').count(),
        }
    }
}

/// The nearest folder (this one or a parent) whose node_modules holds the npm package, as
/// the number of levels up.
fn npm_package_levels(dir: &Path) -> Option<usize> {
    dir.ancestors().position(|a| a.join(LAUNCHER).is_file())
}

fn relative(levels: usize, rest: &str) -> String {
    if levels == 0 {
        format!("./{rest}")
    } else {
        format!("{}{rest}", "../".repeat(levels))
    }
}

/// The command DevTools runs. Through `node` with a relative path: DevTools on macOS runs it
/// with `/bin/sh` without the login shell's PATH (so no `node_modules/.bin`, no npx), and on
/// Windows with `ComSpec`, where `node` takes forward slashes.
fn command(target: &Target, npm_levels: Option<usize>, lang: Lang) -> String {
    let lang = if lang == Lang::Zh { " --lang zh" } else { "" };
    match npm_levels {
        Some(up) => format!("node {} .{lang}", relative(up + target.depth(), LAUNCHER)),
        None => format!("chattools-lint .{lang}"),
    }
}

/// What happened to one hook.
enum HookOutcome {
    Added,
    Kept(String),
}

/// Planned edits of one JSON text.
struct Plan {
    edits: Vec<(Range<usize>, String)>,
    hooks: Vec<(&'static str, HookOutcome)>,
}

struct Style {
    nl: &'static str,
    unit: String,
}

impl Style {
    fn of(text: &str) -> Style {
        let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
        // The first indented line that starts a member gives the indentation unit.
        let unit = text
            .lines()
            .map(|l| {
                let t = l.trim_start_matches([' ', '\t']);
                (&l[..l.len() - t.len()], t)
            })
            .find(|(ws, t)| !ws.is_empty() && t.starts_with('"'))
            .map_or("  ".to_string(), |(ws, _)| ws.to_string());
        Style { nl, unit }
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The whitespace before the first character of the line holding `at`.
fn indent_of(text: &str, at: usize) -> &str {
    let start = line_start(text, at);
    let line = &text[start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// `"key": value` members as JSON text, each on its own line at `indent` (or inline).
fn render_members(members: &[(String, Value)], indent: Option<&str>, style: &Style) -> Vec<String> {
    members
        .iter()
        .map(|(k, v)| {
            let key = serde_json::to_string(k).expect("a string");
            format!("{key}: {}", render_value(v, indent, style))
        })
        .collect()
}

fn render_value(v: &Value, indent: Option<&str>, style: &Style) -> String {
    match v {
        Value::Object(map) if !map.is_empty() => {
            let members: Vec<(String, Value)> =
                map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            match indent {
                Some(ind) => {
                    let inner = format!("{ind}{}", style.unit);
                    let lines = render_members(&members, Some(&inner), style);
                    let nl = style.nl;
                    format!(
                        "{{{nl}{inner}{}{nl}{ind}}}",
                        lines.join(&format!(",{nl}{inner}"))
                    )
                }
                None => format!("{{{}}}", render_members(&members, None, style).join(", ")),
            }
        }
        other => serde_json::to_string(other).expect("plain values"),
    }
}

/// Skip spaces, tabs and comments that end on the same line, from `at`.
fn skip_same_line(text: &str, mut at: usize) -> usize {
    let b = text.as_bytes();
    loop {
        while at < b.len() && (b[at] == b' ' || b[at] == b'\t') {
            at += 1;
        }
        if text[at..].starts_with("//") {
            let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
            return if end > at && b[end - 1] == b'\r' {
                end - 1
            } else {
                end
            };
        }
        if text[at..].starts_with("/*") {
            match text[at + 2..].find("*/") {
                Some(n) if !text[at..at + 2 + n].contains('\n') => at = at + 2 + n + 2,
                _ => return at,
            }
            continue;
        }
        return at;
    }
}

/// The next position from `at` that is not whitespace or inside a comment.
fn skip_space_and_comments(text: &str, mut at: usize) -> usize {
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            at += trimmed.find('\n').unwrap_or(trimmed.len());
        } else if let Some(body) = trimmed.strip_prefix("/*") {
            at += body.find("*/").map_or(trimmed.len(), |n| n + 4);
        } else {
            return at;
        }
    }
}

/// Edits that add `members` to the object at `pointer`.
fn insert_members(
    file: &JsonFile,
    pointer: &str,
    members: &[(String, Value)],
    style: &Style,
) -> Vec<(Range<usize>, String)> {
    let text = &file.source.text;
    let span = file.node(pointer).expect("the object exists").value.clone();
    let obj = file.get(pointer).and_then(Value::as_object);
    let open_indent = indent_of(text, span.start).to_string();
    let multiline = text[span.clone()].contains('\n');
    let last = obj.and_then(|o| o.keys().next_back()).map(|k| {
        let node = file
            .node(&format!("{pointer}/{}", escape_token(k)))
            .expect("every member is indexed");
        (
            node.key.clone().unwrap_or(node.value.clone()),
            node.value.clone(),
        )
    });
    let nl = style.nl;
    match last {
        None => {
            // An empty object: fill it (keeping any comments inside, after our members).
            let inner = span.start + 1..span.end - 1;
            let only_space = text[inner.clone()].trim().is_empty();
            if !multiline && only_space && !file.source.text.contains('\n') {
                let body = render_members(members, None, style).join(", ");
                return vec![(inner, body)];
            }
            let ind = format!("{open_indent}{}", style.unit);
            let lines = render_members(members, Some(&ind), style);
            let body = format!("{nl}{ind}{}", lines.join(&format!(",{nl}{ind}")));
            if only_space {
                vec![(inner, format!("{body}{nl}{open_indent}"))]
            } else {
                vec![(inner.start..inner.start, format!("{body},"))]
            }
        }
        Some((key, value)) => {
            let after = value.end;
            let at = skip_space_and_comments(text, after);
            let trailing_comma = text.as_bytes().get(at) == Some(&b',');
            let member_line_start = line_start(text, key.start);
            let ind = &text[member_line_start..key.start];
            let own_line = ind.trim().is_empty() && member_line_start > span.start;
            if !own_line {
                // `{"a": 1}` style: stay on the line.
                let body = render_members(members, None, style).join(", ");
                return if trailing_comma {
                    vec![(at + 1..at + 1, format!(" {body},"))]
                } else {
                    vec![(after..after, format!(", {body}"))]
                };
            }
            let lines = render_members(members, Some(ind), style);
            let body = format!("{nl}{ind}{}", lines.join(&format!(",{nl}{ind}")));
            if trailing_comma {
                let end = skip_same_line(text, at + 1);
                vec![(end..end, format!("{body},"))]
            } else {
                let end = skip_same_line(text, after);
                let mut edits = vec![(after..after, ",".to_string())];
                edits.push((end..end, body));
                edits
            }
        }
    }
}

fn plan(file: &JsonFile, container: &[&str], command: &str) -> Result<Plan, Msg> {
    let style = Style::of(&file.source.text);
    let name = file
        .source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(root) = &file.value else {
        return Err(msg!(
            "{name} is not valid JSON; fix it first (`chattools-lint` shows where)",
            "{name} 不是合法的 JSON，请先修正（`chattools-lint` 会指出位置）"
        ));
    };
    let mut pointer = String::new();
    let mut value = root;
    let mut shown = String::new();
    for (i, key) in container.iter().enumerate() {
        if !value.is_object() {
            let what = if shown.is_empty() {
                "the top level".to_string()
            } else {
                format!("`{shown}`")
            };
            let what_zh = if shown.is_empty() {
                "顶层".to_string()
            } else {
                format!("`{shown}`")
            };
            return Err(msg!(
                "{name}: {what} is not an object; left untouched",
                "{name}：{what_zh} 不是对象；未作修改"
            ));
        }
        match value.get(*key) {
            Some(v) => {
                pointer = format!("{pointer}/{}", escape_token(key));
                shown = if shown.is_empty() {
                    key.to_string()
                } else {
                    format!("{shown}.{key}")
                };
                value = v;
            }
            None => {
                // Build the missing objects with every hook inside.
                let mut inner = Value::Object(
                    HOOKS
                        .iter()
                        .map(|h| (h.to_string(), Value::String(command.to_string())))
                        .collect(),
                );
                for k in container[i + 1..].iter().rev() {
                    inner = Value::Object([(k.to_string(), inner)].into_iter().collect());
                }
                let edits = insert_members(file, &pointer, &[(key.to_string(), inner)], &style);
                return Ok(Plan {
                    edits,
                    hooks: HOOKS.iter().map(|h| (*h, HookOutcome::Added)).collect(),
                });
            }
        }
    }
    let Some(obj) = value.as_object() else {
        return Err(msg!(
            "{name}: `{shown}` is not an object; left untouched",
            "{name}：`{shown}` 不是对象；未作修改"
        ));
    };
    let mut edits = Vec::new();
    let mut hooks = Vec::new();
    let mut missing = Vec::new();
    for hook in HOOKS {
        match obj.get(hook) {
            None => {
                missing.push((hook.to_string(), Value::String(command.to_string())));
                hooks.push((hook, HookOutcome::Added));
            }
            // An empty command is no command: DevTools writes `""` for a hook left blank.
            Some(Value::String(s)) if s.trim().is_empty() => {
                let span = file
                    .node(&format!("{pointer}/{hook}"))
                    .expect("indexed")
                    .value
                    .clone();
                edits.push((span, serde_json::to_string(command).expect("a string")));
                hooks.push((hook, HookOutcome::Added));
            }
            Some(Value::String(s)) => hooks.push((hook, HookOutcome::Kept(s.clone()))),
            Some(other) => hooks.push((hook, HookOutcome::Kept(other.to_string()))),
        }
    }
    if !missing.is_empty() {
        edits.extend(insert_members(file, &pointer, &missing, &style));
    }
    Ok(Plan { edits, hooks })
}

fn apply(text: &str, edits: &[(Range<usize>, String)]) -> String {
    // From the end, so earlier offsets stay valid; of two insertions at one offset, the one
    // listed first ends up first.
    let mut sorted: Vec<(usize, &(Range<usize>, String))> = edits.iter().enumerate().collect();
    sorted.sort_by_key(|(i, (r, _))| std::cmp::Reverse((r.start, *i)));
    let mut out = text.to_string();
    for (_, (r, s)) in sorted {
        out.replace_range(r.clone(), s);
    }
    out
}

/// Does the edited text parse to the original value plus exactly the added hooks (and hold
/// no new syntax leniency)? A last check before writing.
fn verify(
    original: &JsonFile,
    fixed: &str,
    container: &[&str],
    plan: &Plan,
    command: &str,
) -> bool {
    let Some(mut expected) = original.value.clone() else {
        return false;
    };
    let mut obj = &mut expected;
    for k in container {
        let Some(map) = obj.as_object_mut() else {
            return false;
        };
        obj = map
            .entry(k.to_string())
            .or_insert_with(|| Value::Object(Default::default()));
    }
    let Some(map) = obj.as_object_mut() else {
        return false;
    };
    for (hook, outcome) in &plan.hooks {
        if matches!(outcome, HookOutcome::Added) {
            map.insert(hook.to_string(), Value::String(command.to_string()));
        }
    }
    let file = JsonFile::parse_text(&original.source.path, fixed.to_string());
    file.value.as_ref() == Some(&expected) && file.issues.len() == original.issues.len()
}

/// On macOS, DevTools' `/bin/sh` has launchd's PATH, so a `node` from Homebrew on Apple
/// silicon, nvm or Volta is not found there.
fn macos_path_hint(node: Option<&Path>) -> Option<Msg> {
    let node = node?;
    let dir = node.parent()?;
    if ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        .iter()
        .any(|d| dir == Path::new(d))
    {
        return None;
    }
    let shown = node.display();
    Some(msg!(
        "DevTools on macOS runs these commands with /bin/sh and the system PATH, which does not include `{shown}`. If its console says `node: command not found`, write `{shown}` instead of `node` in the commands (or add its folder to the system PATH).",
        "macOS 版开发者工具用 /bin/sh 和系统 PATH 运行这些命令，其中不包含 `{shown}`。如果控制台提示 `node: command not found`，请在命令中把 `node` 换成 `{shown}`（或把它所在目录加入系统 PATH）。"
    ))
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// Run `init` for `path`; prints what was done; returns the exit code.
pub fn run(path: &Path, style: crate::output::Style) -> u8 {
    let lang = style.lang;
    let fail = |m: Msg, help: Option<Msg>| {
        crate::run::print_error(style, &m, help.as_ref());
        crate::run::EXIT_FAILURE
    };
    let shown = display_path(path);
    if !path.is_dir() {
        return fail(
            msg!("`{shown}` is not a folder", "`{shown}` 不是目录"),
            None,
        );
    }
    let dir = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let Some(target) = Target::find(&dir) else {
        return fail(
            msg!(
                "no project.config.json (a WeChat DevTools project) or manifest.json with pages.json (uni-app) in `{shown}`",
                "`{shown}` 中没有 project.config.json（微信开发者工具项目），也没有 manifest.json 与 pages.json（uni-app 项目）"
            ),
            Some(msg!(
                "run `chattools-lint init` in the folder WeChat DevTools opens, or in the uni-app project's folder",
                "请在微信开发者工具打开的目录中，或在 uni-app 项目目录中运行 `chattools-lint init`"
            )),
        );
    };
    let file = match JsonFile::read(target.file()) {
        Ok(f) => f,
        Err(e) => {
            let f = display_path(target.file());
            let why = e.describe();
            return fail(
                Msg::new(
                    format!("cannot read `{f}`: {}", why.en),
                    format!("无法读取 `{f}`：{}", why.zh),
                ),
                None,
            );
        }
    };
    let npm_levels = npm_package_levels(&dir);
    let command = command(&target, npm_levels, lang);
    let container = target.container();
    let plan = match plan(&file, container, &command) {
        Ok(p) => p,
        Err(m) => return fail(m, None),
    };
    let file_shown = display_path(target.file());
    let where_shown = container.join(".");
    let mut out = String::new();
    let mut line = |m: Msg| {
        out.push_str(m.get(lang));
        out.push('\n');
    };
    line(match &target {
        Target::DevTools { .. } => msg!(
            "chattools-lint init: WeChat DevTools project `{shown}`",
            "chattools-lint init：微信开发者工具项目 `{shown}`"
        ),
        Target::UniApp { output, .. } => msg!(
            "chattools-lint init: uni-app project `{shown}` (uni-app copies manifest.json's \"mp-weixin\".\"scripts\" into {output}/project.config.json; the commands run there and lint the build output)",
            "chattools-lint init：uni-app 项目 `{shown}`（uni-app 会把 manifest.json 的 \"mp-weixin\".\"scripts\" 复制到 {output}/project.config.json；命令在那里运行，检查构建产物）"
        ),
    });
    if !plan.edits.is_empty() {
        let fixed = apply(&file.source.text, &plan.edits);
        if !verify(&file, &fixed, container, &plan, &command) {
            return fail(
                msg!(
                    "could not edit `{file_shown}` safely; left untouched. Add the commands by hand: \"{where_shown}\": {{ \"beforeCompile\": \"{command}\", … }}",
                    "无法安全地修改 `{file_shown}`，未作修改。请手动添加：\"{where_shown}\": {{ \"beforeCompile\": \"{command}\", … }}"
                ),
                None,
            );
        }
        if let Err(e) = crate::fix::write_fixed(target.file(), &file.source.text, &fixed) {
            let why = e.describe();
            return fail(
                Msg::new(
                    format!("`{file_shown}`: {}", why.en),
                    format!("`{file_shown}`：{}", why.zh),
                ),
                None,
            );
        }
    }
    for (hook, outcome) in &plan.hooks {
        line(match outcome {
            HookOutcome::Added => msg!(
                "  {file_shown}: added {where_shown}.{hook}: {command}",
                "  {file_shown}：已添加 {where_shown}.{hook}：{command}"
            ),
            HookOutcome::Kept(v) => msg!(
                "  {file_shown}: {where_shown}.{hook} is already set ({v}); left as is",
                "  {file_shown}：{where_shown}.{hook} 已有设置（{v}），保持不变"
            ),
        });
    }
    // DevTools lets project.private.config.json override project.config.json key by key.
    if let Target::DevTools { file } = &target {
        let private = file.with_file_name("project.private.config.json");
        if JsonFile::read(&private)
            .ok()
            .is_some_and(|f| f.get("/scripts").is_some())
        {
            let pv = display_path(&private);
            line(msg!(
                "  {pv} also has \"scripts\", and DevTools prefers it to project.config.json: remove them there, or add the commands there too",
                "  {pv} 中也有 \"scripts\"，开发者工具会优先使用它：请从中删除，或同样在其中添加这些命令"
            ));
        }
    }
    // The configuration: only when none applies yet (a parent's file would be replaced, not merged).
    let wrote_config = match crate::config::Config::find(&dir) {
        Some(existing) => {
            let e = display_path(&existing);
            line(msg!(
                "  {e}: already exists; left as is",
                "  {e}：已存在，保持不变"
            ));
            false
        }
        None => {
            let config_path = dir.join(crate::config::CONFIG_FILE);
            let schema = match npm_levels {
                Some(up)
                    if dir
                        .ancestors()
                        .nth(up)
                        .is_some_and(|a| a.join(SCHEMA).is_file()) =>
                {
                    relative(up, SCHEMA)
                }
                _ => SCHEMA_URL.to_string(),
            };
            let text = format!(
                "{{\n  \"$schema\": {},\n  \"rules\": {{}}\n}}\n",
                serde_json::to_string(&schema).expect("a string")
            );
            let c = display_path(&config_path);
            let written = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&config_path)
                .and_then(|mut f| {
                    f.write_all(text.as_bytes())?;
                    f.sync_all()
                });
            if let Err(e) = written {
                return fail(msg!("cannot write `{c}`: {e}", "无法写入 `{c}`：{e}"), None);
            }
            line(msg!(
                "  {c}: created (rule settings; `$schema` gives editors completion)",
                "  {c}：已创建（规则设置；`$schema` 让编辑器提供补全）"
            ));
            true
        }
    };
    let added = plan
        .hooks
        .iter()
        .any(|(_, o)| matches!(o, HookOutcome::Added));
    if !added && !wrote_config {
        line(msg!(
            "Nothing changed: everything was already set up.",
            "没有修改：所有设置都已存在。"
        ));
    }
    if npm_levels.is_none() {
        line(msg!(
            "Note: chattools-lint is not installed in this project's node_modules, so the commands call `chattools-lint` from PATH, which DevTools may not see. Better: `npm i -D chattools-lint`, remove these commands and run `npx chattools-lint init` again; the commands then run the installed linter through node.",
            "注意：本项目的 node_modules 中没有安装 chattools-lint，命令将从 PATH 调用 `chattools-lint`，开发者工具可能找不到它。建议：`npm i -D chattools-lint`，删除这些命令后重新运行 `npx chattools-lint init`，命令就会通过 node 运行已安装的检查工具。"
        ));
    } else if cfg!(target_os = "macos") {
        if let Some(hint) = macos_path_hint(find_on_path("node").as_deref()) {
            line(hint);
        }
    }
    line(msg!(
        "One step by hand: in WeChat DevTools, open the project's 详情 (Details) → 本地设置 (Local Settings) and switch on 「启用自定义处理命令」 (enable custom processing commands). DevTools then runs the linter before each compile (when you press 编译 / Compile), preview and upload, and shows its output in the console.",
        "需要手动完成一步：在微信开发者工具中打开项目的「详情」→「本地设置」，勾选「启用自定义处理命令」。之后开发者工具会在每次编译（点击「编译」时）、预览和上传前运行检查，并在控制台显示结果。"
    ));
    line(msg!(
        "DevTools does not stop a preview or an upload when the linter finds errors. To refuse an upload with errors, lint in your upload script: {GATE_DOCS}",
        "检查发现错误时，开发者工具不会阻止预览或上传。要在有错误时拒绝上传，请在上传脚本中先检查：{GATE_DOCS}"
    ));
    crate::run::print(&out);
    crate::run::EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macos_hint_only_for_node_outside_the_system_path() {
        assert!(macos_path_hint(Some(Path::new("/usr/bin/node"))).is_none());
        assert!(macos_path_hint(None).is_none());
        let hint = macos_path_hint(Some(Path::new("/opt/homebrew/bin/node"))).unwrap();
        assert!(hint.en.contains("`/opt/homebrew/bin/node`"), "{}", hint.en);
        assert!(hint.zh.contains("`/opt/homebrew/bin/node`"), "{}", hint.zh);
    }

    #[test]
    fn commands_reach_node_modules_from_where_devtools_runs_them() {
        let devtools = Target::DevTools {
            file: PathBuf::from("project.config.json"),
        };
        let uni = Target::UniApp {
            file: PathBuf::from("src/manifest.json"),
            output: "dist/dev/mp-weixin",
        };
        assert_eq!(
            command(&devtools, Some(0), Lang::En),
            "node ./node_modules/chattools-lint/bin/chattools-lint.js ."
        );
        assert_eq!(
            command(&devtools, Some(1), Lang::Zh),
            "node ../node_modules/chattools-lint/bin/chattools-lint.js . --lang zh"
        );
        assert_eq!(
            command(&uni, Some(0), Lang::En),
            "node ../../../node_modules/chattools-lint/bin/chattools-lint.js ."
        );
        assert_eq!(command(&uni, None, Lang::En), "chattools-lint .");
    }

    /// Every combination of layout the hooks may meet: the edit always yields the original
    /// value plus the added hooks, keeps every comment, and changes nothing on a second run.
    #[test]
    fn edits_are_right_in_every_layout() {
        let scripts_states = [
            None,
            Some("{}"),
            Some("{ }"),
            Some("{\n}"),
            Some(r#"{"beforeUpload": "make"}"#),
            Some("{\n  \"beforeUpload\": \"make\"\n}"),
            Some("{\n  \"beforeUpload\": \"make\", // mine\n}"),
            Some("{\n  \"beforeCompile\": \"\" /* blank */\n  ,\n}"),
        ];
        let mut n = 0;
        for nl in ["\n", "\r\n"] {
            for ind in ["  ", "    ", "\t"] {
                for scripts in scripts_states {
                    for trailing in [false, true] {
                        for comment in [false, true] {
                            for (target, container) in [
                                ("pc", &["scripts"][..]),
                                ("manifest", &["mp-weixin", "scripts"][..]),
                            ] {
                                let mut members = vec![format!("{ind}\"appid\": \"wx1\"")];
                                if let Some(sc) = scripts {
                                    let sc = sc.replace('\n', &format!("{nl}{ind}"));
                                    let member = if target == "pc" {
                                        format!("{ind}\"scripts\": {sc}")
                                    } else {
                                        format!("{ind}\"mp-weixin\": {{ \"scripts\": {sc} }}")
                                    };
                                    members.push(member);
                                }
                                let mut text = format!("{{{nl}{}", members.join(&format!(",{nl}")));
                                if trailing {
                                    text.push(',');
                                }
                                if comment {
                                    text.push_str(" // end");
                                }
                                text.push_str(&format!("{nl}}}{nl}"));
                                let file = JsonFile::parse_text(Path::new("x.json"), text.clone());
                                assert!(file.value.is_some(), "fixture does not parse:\n{text}");
                                let cmd = "node ./x.js .";
                                let plan = plan(&file, container, cmd).unwrap();
                                let fixed = apply(&text, &plan.edits);
                                assert!(
                                    verify(&file, &fixed, container, &plan, cmd),
                                    "wrong edit of\n{text}\n→\n{fixed}"
                                );
                                assert_eq!(
                                    fixed.matches("//").count() + fixed.matches("/*").count(),
                                    text.matches("//").count() + text.matches("/*").count()
                                );
                                let again =
                                    JsonFile::parse_text(Path::new("x.json"), fixed.clone());
                                assert!(plan_again_is_empty(&again, container, cmd), "{fixed}");
                                n += 1;
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(n, 2 * 3 * 8 * 2 * 2 * 2);
    }

    fn plan_again_is_empty(file: &JsonFile, container: &[&str], cmd: &str) -> bool {
        plan(file, container, cmd).is_ok_and(|p| p.edits.is_empty())
    }
}
