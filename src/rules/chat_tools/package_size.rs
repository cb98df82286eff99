use crate::package::{kib, thousands, Counted, PackageEstimate, CHAT_TOOL_LIMIT};
use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "chat-tools/package-size",
    default_severity: Severity::Error,
    summary: (
        "the chat-tool package is estimated over 500 KB",
        "聊天工具分包的估算体积超过 500 KB",
    ),
    docs: include_str!("package_size.md"),
    check,
    options: Some(&Options::<PackageSizeOptions>::DECLARE),
    ..Rule::DEFAULT
};

#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct PackageSizeOptions {
    /// The limit in bytes (WeChat's is 500 KB = 512000). 分包体积上限（字节），微信的上限是 500 KB = 512000。
    #[schemars(range(min = 1))]
    pub limit: u64,
    /// Warn from this share of the limit on (0.9 = from 90%). 达到上限的多少比例时开始警告（0.9 表示 90%）。
    #[schemars(extend("exclusiveMinimum" = 0), range(max = 1))]
    pub warn_ratio: f64,
}

impl Default for PackageSizeOptions {
    fn default() -> Self {
        PackageSizeOptions {
            limit: CHAT_TOOL_LIMIT,
            warn_ratio: 1.0,
        }
    }
}

/// `a.png (300,000 bytes), b.js (…)`, paths relative to the package root.
fn list(p: &PackageEstimate, files: &[&Counted]) -> Msg {
    let items = |unit: &str| {
        files
            .iter()
            .map(|f| format!("{} ({} {unit})", p.relative(&f.path), thousands(f.bytes)))
            .collect::<Vec<_>>()
    };
    Msg::new(items("bytes").join(", "), items("字节").join("、"))
}

fn check(ctx: &mut LintContext) {
    let model = ctx.model();
    let app = ctx.app();
    let Some(tool) = model.chat_tools.first() else {
        return;
    };
    if model.chat_tool_package().is_none() {
        return; // chat-tools/unknown-root
    }
    let estimate = ctx.chat_tool_estimate();
    let Some(p) = estimate.chat_tool() else {
        return;
    };
    let PackageSizeOptions {
        limit,
        warn_ratio: ratio,
    } = ctx.options();
    let root = p.root.clone();
    let total = p.bytes;
    let binary = p.binary_bytes;
    let (total_s, binary_s, limit_s, limit_kb) = (
        thousands(total),
        thousands(binary),
        thousands(limit),
        kib(limit),
    );
    let pct = format!("{:.1}", total as f64 * 100.0 / limit as f64);
    let pointer = format!("{}/root", tool.pointer);
    let span = app.value_span(&pointer);

    let folders: Vec<(String, u64)> = p
        .top_level(3)
        .into_iter()
        .filter(|(name, _)| name.ends_with('/'))
        .collect();
    let folders_in = |unit: &str, sep: &str| {
        folders
            .iter()
            .map(|(name, b)| format!("{name} ({} {unit})", thousands(*b)))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let (folders_en, folders_zh) = (folders_in("bytes", ", "), folders_in("字节", "、"));
    let breakdown = if folders.is_empty() {
        msg!(
            "`chattools-lint size` shows where the bytes go",
            "`chattools-lint size` 可查看体积分布"
        )
    } else {
        msg!(
            "largest folders: {folders_en}; `chattools-lint size` shows where the bytes go",
            "最大的目录：{folders_zh}；`chattools-lint size` 可查看体积分布"
        )
    };
    let mut notes = Msg::new(String::new(), String::new());
    for problem in &estimate.pattern_problems {
        let at = format!("packOptions.{}[{}]", problem.list.as_str(), problem.index);
        notes.en.push_str(&format!(
            "; note: {at} {}",
            problem.message.en.trim_end_matches('.')
        ));
        notes
            .zh
            .push_str(&format!("；注意：{at} {}", problem.message.zh));
    }

    let d = if binary > limit {
        let media: Vec<&Counted> = p
            .largest_files(usize::MAX)
            .into_iter()
            .filter(|f| f.is_binary())
            .take(3)
            .collect();
        let largest = list(p, &media);
        let (largest, largest_zh) = (largest.en, largest.zh);
        Diagnostic::new(msg!(
            "the chat-tool package `{root}` holds {binary_s} bytes of images, media and other files that no compiler shrinks: over the {limit_s}-byte ({limit_kb}) limit on their own (an estimate from source files; the whole package is about {total_s} bytes). Largest: {largest}",
            "聊天工具分包 `{root}` 中图片、音视频等不会被编译压缩的文件共 {binary_s} 字节，仅这些就超过了 {limit_s} 字节（{limit_kb}）的上限（根据源文件估算；整个分包约 {total_s} 字节）。最大的文件：{largest_zh}"
        ))
        .help(Msg::new(
            format!(
                "images and media are uploaded byte for byte: serve them from a server or cloud storage and load them by URL, or shrink them; {}{}",
                breakdown.en, notes.en
            ),
            format!(
                "图片和音视频按原样上传：请放到服务器或云存储上通过 URL 加载，或压缩它们；{}{}",
                breakdown.zh, notes.zh
            ),
        ))
    } else if total > limit || (ratio < 1.0 && total as f64 >= limit as f64 * ratio) {
        let largest = list(p, &p.largest_files(3));
        let (largest, largest_zh) = (largest.en, largest.zh);
        let mut d = if total > limit {
            Diagnostic::new(msg!(
                "the chat-tool package `{root}` is about {total_s} bytes ({pct}%), over the {limit_s}-byte ({limit_kb}) limit. This is an estimate from source files: WeChat measures the compiled, minified package. Largest: {largest}",
                "聊天工具分包 `{root}` 约 {total_s} 字节（{pct}%），超过 {limit_s} 字节（{limit_kb}）的上限。这是根据源文件的估算：微信按编译压缩后的代码包计算。最大的文件：{largest_zh}"
            ))
        } else {
            let threshold = format!("{:.0}", ratio * 100.0);
            Diagnostic::new(msg!(
                "the chat-tool package `{root}` is about {total_s} bytes ({pct}% of the {limit_s}-byte limit): near the limit, not over it (warning from {threshold}%). This is an estimate from source files. Largest: {largest}",
                "聊天工具分包 `{root}` 约 {total_s} 字节（{limit_s} 字节上限的 {pct}%）：接近上限，尚未超过（从 {threshold}% 起提示）。这是根据源文件的估算。最大的文件：{largest_zh}"
            ))
        };
        d = d.help(Msg::new(
            format!(
                "minified code is smaller than its source, so WeChat may accept it; to be sure, remove unused code and components, or move images to a server; {}{}",
                breakdown.en, notes.en
            ),
            format!(
                "代码压缩后会比源文件小，微信可能仍会接受；稳妥起见，请删除未使用的代码和组件，或把图片放到服务器上；{}{}",
                breakdown.zh, notes.zh
            ),
        ));
        d.severity_cap(Severity::Warning)
    } else {
        return;
    };
    ctx.report(
        d.at(&app.source, span)
            .pointer(pointer)
            .span_label(msg!("the chat-tool package", "聊天工具分包")),
    );
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::project::Project;

    /// Lint a chat-tool package of `bytes` bytes of code with rule options `options`.
    fn lint(bytes: usize, options: serde_json::Value) -> Vec<Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, content: Vec<u8>| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, content).unwrap();
        };
        write(
            "app.json",
            br#"{"pages":[],"subPackages":[{"root":"pkg","pages":[],"independent":true}],
                "chatTools":[{"root":"pkg","entryPagePath":"p","desc":"d"}]}"#
                .to_vec(),
        );
        write("pkg/code.js", vec![b' '; bytes]);
        let project = Project::load(dir.path()).unwrap();
        let mut config = Config::default();
        config
            .rules
            .options
            .insert("chat-tools/package-size".into(), options);
        crate::lint::lint_project(&project, &config)
            .into_iter()
            .filter(|d| d.rule == "chat-tools/package-size")
            .collect()
    }

    #[test]
    fn warn_ratio_warns_near_the_limit_and_says_so() {
        let opts = serde_json::json!({ "warnRatio": 0.9 });
        assert!(lint(460_799, opts.clone()).is_empty(), "under 90%");
        let d = lint(460_800, opts.clone());
        assert_eq!(d.len(), 1, "from exactly 90%");
        assert_eq!(d[0].severity, Severity::Warning);
        let m = &d[0].message.en;
        assert!(
            m.contains("about 460,800 bytes (90.0% of the 512,000-byte limit): near the limit, not over it (warning from 90%)"),
            "{m}"
        );
        assert!(d[0].message.zh.contains("接近上限，尚未超过"));
        let d = lint(512_001, opts);
        assert!(d[0].message.en.contains("over the 512,000-byte"));
    }

    #[test]
    fn limit_is_configurable_and_bad_options_fall_back() {
        let d = lint(1_001, serde_json::json!({ "limit": 1000 }));
        assert_eq!(d.len(), 1);
        assert!(d[0]
            .message
            .en
            .contains("over the 1,000-byte (1.0 KB) limit"));
        assert!(lint(1_000, serde_json::json!({ "limit": 1000 })).is_empty());
        // Nonsense values: the defaults (512,000 bytes, warn only when over).
        let bad = serde_json::json!({ "limit": -5, "warnRatio": 7 });
        assert!(lint(500_000, bad.clone()).is_empty());
        assert_eq!(lint(512_001, bad).len(), 1);
    }
}
