//! `chattools-lint size`: the estimate per package as a table (like `du`, but by WeChat's
//! rules), the largest files and folders of the chat-tool package, and what was left out and
//! why. `--format json` gives the same data (docs/size.md).

use std::collections::HashMap;

use serde::Serialize;

use super::{kib, thousands, Estimate, Excluded, PackageEstimate, PackageKind, Reason};
use crate::i18n::{Lang, Msg};
use crate::msg;

/// Why a file was left out, in words.
pub fn describe(reason: &Reason) -> Msg {
    match reason {
        Reason::NotAllowed { .. } => msg!("not on the upload allow-list", "扩展名不在上传白名单中"),
        Reason::NoCompiler { plugin } => msg!(
            "compiled only with the `{plugin}` compiler plugin (setting.useCompilerPlugins)",
            "需要在 setting.useCompilerPlugins 中启用 `{plugin}` 编译插件才会编译上传"
        ),
        Reason::Declaration => msg!("declaration file (.d.ts)", "类型声明文件（.d.ts）"),
        Reason::Ignored {
            index, kind, value, ..
        } => msg!(
            "ignored by packOptions.ignore[{index}] ({kind} \"{value}\")",
            "被 packOptions.ignore[{index}]（{kind} \"{value}\"）忽略"
        ),
        Reason::LinkOutside { .. } => msg!(
            "a link out of the project (not followed)",
            "指向项目之外的链接（不跟随）"
        ),
        Reason::LinkLoop { .. } => msg!(
            "a link loop (not followed again)",
            "链接形成循环（不再跟随）"
        ),
        Reason::Unreadable { .. } => msg!("unreadable", "无法读取"),
        Reason::NodeModules => msg!(
            "node_modules is never uploaded (WeChat uploads the miniprogram_npm that “构建 npm” builds); not walked",
            "node_modules 不会上传（上传的是「构建 npm」生成的 miniprogram_npm），不统计"
        ),
        Reason::LintCache => msg!(
            "chattools-lint's cache folder: never uploaded; not walked",
            "chattools-lint 的缓存目录：不会上传，不统计"
        ),
    }
}

/// The detail of one file's reason: the extension, the link target, the error.
fn detail(reason: &Reason) -> Option<String> {
    match reason {
        Reason::NotAllowed { ext } if ext.is_empty() => Some("no extension".into()),
        Reason::NotAllowed { ext } => Some(ext.clone()),
        Reason::LinkOutside { target } | Reason::LinkLoop { target } => Some(target.clone()),
        Reason::Unreadable { error } => Some(error.clone()),
        _ => None,
    }
}

struct Group<'a> {
    key: String,
    reason: &'a Reason,
    files: Vec<&'a Excluded>,
    count: usize,
    bytes: u64,
}

/// Excluded files grouped by reason, largest group first; in each, the `top` largest files,
/// largest first, and the count and bytes of all.
fn groups(excluded: &[Excluded], top: usize) -> Vec<Group<'_>> {
    let mut v: Vec<Group> = Vec::new();
    let mut by: HashMap<String, usize> = HashMap::new();
    // Files of one folder mostly share a reason: the group of the last one is tried first,
    // without building a key (a large tree leaves out tens of thousands of files).
    let mut last: Option<(&Reason, usize)> = None;
    for e in excluded {
        let i = match last {
            Some((reason, i)) if *reason == e.reason => i,
            _ => *by.entry(e.reason.key()).or_insert_with_key(|key| {
                v.push(Group {
                    key: key.clone(),
                    reason: &e.reason,
                    files: Vec::new(),
                    count: 0,
                    bytes: 0,
                });
                v.len() - 1
            }),
        };
        last = Some((&e.reason, i));
        let g = &mut v[i];
        g.files.push(e);
        g.count += 1;
        g.bytes += e.bytes;
    }
    for g in &mut v {
        super::top_n(&mut g.files, top, |a, b| {
            b.bytes.cmp(&a.bytes).then_with(|| a.path.cmp(&b.path))
        });
    }
    v.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.key.cmp(&b.key)));
    v
}

fn package_label(p: &PackageEstimate, lang: Lang) -> String {
    match (&p.kind, p.chat_tool, lang) {
        (PackageKind::Main, _, Lang::En) => "main package".into(),
        (PackageKind::Main, _, Lang::Zh) => "主包".into(),
        (_, true, Lang::En) => format!("{} (chat tool)", p.root),
        (_, true, Lang::Zh) => format!("{}（聊天工具）", p.root),
        (_, false, _) => p.root.clone(),
    }
}

fn percent(bytes: u64, limit: u64) -> f64 {
    (bytes as f64 * 1000.0 / limit as f64).round() / 10.0
}

const BAR: usize = 20;

fn bar(bytes: u64, limit: u64) -> String {
    let filled = ((bytes as f64 / limit as f64) * BAR as f64).ceil() as usize;
    let filled = if bytes == 0 { 0 } else { filled.clamp(1, BAR) };
    format!("{}{}", "█".repeat(filled), "░".repeat(BAR - filled))
}

/// Display width: CJK characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    let n = w.saturating_sub(width(s));
    format!("{s}{}", " ".repeat(n))
}

/// How to show an estimate.
pub struct View<'a> {
    /// The project folder and miniprogramRoot as the user would write them; every path listed is
    /// relative to miniprogramRoot.
    pub project: &'a str,
    pub mp_root: &'a str,
    pub top: usize,
    pub lang: Lang,
    /// The compiler settings the compiled sizes assume (`CompileSettings::describe`).
    pub assumed: &'a Msg,
}

/// The human table: a header, the table of packages, the chat-tool package in detail, what
/// was left out, and notes on packOptions patterns.
pub fn human(est: &Estimate, view: &View) -> String {
    let mut out = header(view);
    out.push_str(&table(est, view.lang));
    out.push_str(&chat_tool_detail(est, view));
    out.push_str(&left_out(est, view));
    out.push_str(&pattern_notes(est, view.lang));
    out
}

fn header(view: &View) -> String {
    let View {
        project,
        mp_root,
        lang,
        assumed,
        ..
    } = *view;
    let (assumed_en, assumed_zh) = (&assumed.en, &assumed.zh);
    let mut out = msg!(
        "Package sizes of {project}: what WeChat would upload, as source files and as WeChat's compiler would emit them\n\
         (compiled: an estimate under the project's {assumed_en}; WeChat measures the compiled package; 1 KB = 1024 B)\n",
        "{project} 的代码包体积：微信会上传的源文件，及微信编译后的估算体积\n\
         （编译后：按项目的编译设置（{assumed_zh}）估算；微信按编译后的代码包计算；1 KB = 1024 B）\n"
    )
    .get(lang)
    .to_string();
    if mp_root != project {
        out.push_str(
            msg!(
                "Paths are relative to miniprogramRoot `{mp_root}`.\n",
                "以下路径相对于 miniprogramRoot `{mp_root}`。\n"
            )
            .get(lang),
        );
    }
    out.push('\n');
    out
}

/// One row per package (the chat-tool package first), and the whole when there are several.
fn table(est: &Estimate, lang: Lang) -> String {
    let t = |m: Msg| m.get(lang).to_string();
    let head = [
        t(msg!("package", "代码包")),
        t(msg!("files", "文件数")),
        t(msg!("source", "源文件字节")),
        t(msg!("compiled", "编译后字节")),
        t(msg!("media", "媒体等")),
        t(msg!("limit", "上限")),
        t(msg!("used", "占用")),
    ];
    let mut rows: Vec<[String; 7]> = Vec::new();
    let mut packages: Vec<&PackageEstimate> = est.packages.iter().collect();
    // The chat-tool package first: it is what this tool is about.
    packages.sort_by_key(|p| !p.chat_tool);
    for p in &packages {
        let used = format!(
            "{} {:>5.1}%{}",
            bar(p.compiled_bytes, p.limit),
            percent(p.compiled_bytes, p.limit),
            if p.compiled_bytes > p.limit {
                t(msg!("  over", "  超出"))
            } else {
                String::new()
            }
        );
        rows.push([
            package_label(p, lang),
            thousands(p.files.len() as u64),
            thousands(p.bytes),
            thousands(p.compiled_bytes),
            thousands(p.binary_bytes),
            format!("{} ({})", thousands(p.limit), kib(p.limit)),
            used,
        ]);
    }
    if est.packages.len() > 1 {
        rows.push([
            t(msg!("whole", "全部")),
            thousands(est.files() as u64),
            thousands(est.bytes()),
            thousands(est.compiled_bytes()),
            thousands(est.binary_bytes()),
            "-".into(),
            String::new(),
        ]);
    }
    let mut w = [0usize; 7];
    for r in std::iter::once(&head).chain(rows.iter()) {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(width(c));
        }
    }
    let line = |r: &[String; 7]| -> String {
        let mut s = pad(&r[0], w[0]);
        for i in 1..6 {
            s.push_str("  ");
            s.push_str(&" ".repeat(w[i].saturating_sub(width(&r[i]))));
            s.push_str(&r[i]);
        }
        s.push_str("  ");
        s.push_str(&r[6]);
        format!("{}\n", s.trim_end())
    };
    let mut out = line(&head);
    for r in &rows {
        out.push_str(&line(r));
    }
    out.push_str(&t(msg!(
        "(used: compiled bytes of the limit; media: images, audio, video, wasm, .br and other files no compiler shrinks)\n",
        "（占用：编译后字节占上限的比例；媒体等：图片、音视频、wasm、.br 等不会被编译压缩的文件）\n"
    )));
    out
}

/// The chat-tool package's largest files and folders.
fn chat_tool_detail(est: &Estimate, view: &View) -> String {
    let (top, lang) = (view.top, view.lang);
    let t = |m: Msg| m.get(lang).to_string();
    let Some(p) = est.chat_tool() else {
        return t(msg!(
            "\nNo chat-tool package: app.json has no chatTools entry whose root is a subpackage.\n",
            "\n没有聊天工具分包：app.json 中没有 root 指向分包的 chatTools 配置。\n"
        ));
    };
    let root = &p.root;
    let files = p.largest_files(top);
    let mut out = t(msg!(
        "\nLargest files of {root} (top {top})\n",
        "\n{root} 中最大的文件（前 {top} 个）\n"
    ));
    if files.is_empty() {
        out.push_str(&t(msg!("  (none)\n", "  （无）\n")));
    } else {
        out.push_str(&t(msg!(
            "       source     compiled\n",
            "     源文件字节     编译后字节\n"
        )));
    }
    for f in files {
        out.push_str(&format!(
            "  {:>11}  {:>11}  {}\n",
            thousands(f.bytes),
            thousands(f.compiled),
            f.path
        ));
    }
    if p.helper_bytes > 0 {
        let helpers = thousands(p.helper_bytes);
        out.push_str(&t(msg!(
            "  plus {helpers} bytes of babel helpers the ES5 compile (es6) copies into the package\n",
            "  另有 ES5 编译（es6）复制到分包中的 babel 辅助函数 {helpers} 字节\n"
        )));
    }
    let folders = p.largest_folders(top);
    out.push_str(&t(msg!(
        "\nLargest folders of {root} (top {top})\n",
        "\n{root} 中最大的目录（前 {top} 个）\n"
    )));
    if folders.is_empty() {
        out.push_str(&t(msg!("  (none)\n", "  （无）\n")));
    }
    for (path, bytes) in folders {
        out.push_str(&format!("  {:>11}  {}\n", thousands(bytes), path));
    }
    out
}

/// What is not uploaded, grouped by reason.
fn left_out(est: &Estimate, view: &View) -> String {
    let (top, lang) = (view.top, view.lang);
    let t = |m: Msg| m.get(lang).to_string();
    let total = thousands(est.excluded.iter().map(|e| e.bytes).sum());
    let count = thousands(est.excluded.len() as u64);
    let mut out = t(msg!(
        "\nLeft out: {count} files, {total} bytes\n",
        "\n不会上传：{count} 个文件，{total} 字节\n"
    ));
    for g in groups(&est.excluded, top) {
        let what = describe(g.reason);
        let (what_en, what_zh) = (&what.en, &what.zh);
        let (count, bytes) = (thousands(g.count as u64), thousands(g.bytes));
        out.push_str(&t(msg!(
            "  {what_en}: {count} files, {bytes} bytes\n",
            "  {what_zh}：{count} 个文件，{bytes} 字节\n"
        )));
        for f in g.files.iter().take(top) {
            let extra = match &f.reason {
                Reason::LinkOutside { target } | Reason::LinkLoop { target } => {
                    format!(" -> {target}")
                }
                Reason::Unreadable { error } => format!(" ({error})"),
                _ => String::new(),
            };
            out.push_str(&format!(
                "    {:>11}  {}{extra}\n",
                thousands(f.bytes),
                f.path
            ));
        }
        if g.count > top {
            let more = g.count - top;
            out.push_str(&t(msg!(
                "    … and {more} more\n",
                "    … 另有 {more} 个\n"
            )));
        }
    }
    out
}

/// packOptions patterns that could not be used.
fn pattern_notes(est: &Estimate, lang: Lang) -> String {
    if est.pattern_problems.is_empty() {
        return String::new();
    }
    let mut out = msg!("\nNotes\n", "\n注意\n").get(lang).to_string();
    for p in &est.pattern_problems {
        out.push_str(&format!(
            "  packOptions.{}[{}] ({} \"{}\"): {}\n",
            p.list.as_str(),
            p.index,
            p.kind,
            p.value,
            p.message.get(lang)
        ));
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Doc<'a> {
    version: u32,
    project: &'a str,
    miniprogram_root: &'a str,
    note: &'a str,
    /// The compiler settings `compiledBytes` assumes.
    compiled_with: &'a str,
    packages: Vec<Pkg<'a>>,
    whole: Whole,
    chat_tool: Option<ChatTool>,
    excluded: Vec<Ex<'a>>,
    excluded_summary: Vec<ExGroup>,
    notes: Vec<Note<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Pkg<'a> {
    kind: &'static str,
    root: &'a str,
    name: Option<&'a str>,
    chat_tool: bool,
    files: usize,
    bytes: u64,
    compiled_bytes: u64,
    binary_bytes: u64,
    text_bytes: u64,
    limit: u64,
    percent: f64,
    over: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Whole {
    files: usize,
    bytes: u64,
    compiled_bytes: u64,
    binary_bytes: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChatTool {
    root: String,
    largest_files: Vec<FileEntry>,
    largest_folders: Vec<Entry>,
}

#[derive(Serialize)]
struct Entry {
    path: String,
    bytes: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileEntry {
    path: String,
    bytes: u64,
    compiled_bytes: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Ex<'a> {
    path: &'a str,
    bytes: u64,
    reason: String,
    description: String,
    detail: Option<String>,
}

#[derive(Serialize)]
struct ExGroup {
    reason: String,
    description: String,
    files: usize,
    bytes: u64,
}

#[derive(Serialize)]
struct Note<'a> {
    kind: &'static str,
    pointer: &'a str,
    message: &'a str,
}

/// The same data as JSON.
pub fn json(est: &Estimate, view: &View) -> String {
    let View {
        project,
        mp_root,
        top,
        lang,
        assumed,
    } = *view;
    let note = msg!(
        "bytes: source files as uploaded; compiledBytes: an estimate of what WeChat's compiler emits under the project's settings, which is what WeChat measures",
        "bytes：上传的源文件字节；compiledBytes：按项目编译设置估算的微信编译产物字节，即微信计算的体积"
    );
    let note = note.get(lang);
    let doc = Doc {
        version: 1,
        project,
        miniprogram_root: mp_root,
        note,
        compiled_with: assumed.get(lang),
        packages: est
            .packages
            .iter()
            .map(|p| Pkg {
                kind: match p.kind {
                    PackageKind::Main => "main",
                    PackageKind::Sub { .. } => "subpackage",
                },
                root: &p.root,
                name: p.name.as_deref(),
                chat_tool: p.chat_tool,
                files: p.files.len(),
                bytes: p.bytes,
                compiled_bytes: p.compiled_bytes,
                binary_bytes: p.binary_bytes,
                text_bytes: p.text_bytes(),
                limit: p.limit,
                percent: percent(p.compiled_bytes, p.limit),
                over: p.compiled_bytes > p.limit,
            })
            .collect(),
        whole: Whole {
            files: est.files(),
            bytes: est.bytes(),
            compiled_bytes: est.compiled_bytes(),
            binary_bytes: est.binary_bytes(),
        },
        chat_tool: est.chat_tool().map(|p| ChatTool {
            root: p.root.clone(),
            largest_files: p
                .largest_files(top)
                .into_iter()
                .map(|f| FileEntry {
                    path: f.path.clone(),
                    bytes: f.bytes,
                    compiled_bytes: f.compiled,
                })
                .collect(),
            largest_folders: p
                .largest_folders(top)
                .into_iter()
                .map(|(path, bytes)| Entry { path, bytes })
                .collect(),
        }),
        excluded: {
            let mut v: Vec<&Excluded> = est.excluded.iter().collect();
            v.sort_by(|a, b| a.path.cmp(&b.path));
            v
        }
        .into_iter()
        .map(|e| Ex {
            path: &e.path,
            bytes: e.bytes,
            reason: e.reason.key(),
            description: describe(&e.reason).get(lang).to_string(),
            detail: detail(&e.reason),
        })
        .collect(),
        excluded_summary: groups(&est.excluded, 0)
            .into_iter()
            .map(|g| ExGroup {
                description: describe(g.reason).get(lang).to_string(),
                reason: g.key,
                files: g.count,
                bytes: g.bytes,
            })
            .collect(),
        notes: est
            .pattern_problems
            .iter()
            .map(|p| Note {
                kind: "pattern-matches-nothing",
                pointer: &p.pointer,
                message: p.message.get(lang),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("plain values");
    s.push('\n');
    s
}
