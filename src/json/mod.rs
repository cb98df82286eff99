//! Span-keeping JSON reading. WeChat wants strict JSON; we parse leniently (comments, trailing
//! commas) so each leniency can be reported and linting can go on, and keep for every JSON
//! pointer the byte range of its key and value. The last of duplicate keys wins, as in
//! serde_json and WeChat's own loader.

mod pointer;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use jsonc_parser::ast;
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions};
use serde_json::{Map, Number, Value};

pub use pointer::escape_token;

pub mod edit;

use crate::diagnostic::SourceFile;
use crate::i18n::Msg;
use crate::msg;

/// JSON files larger than this are not read. WeChat caps every package at 2 MB, so no JSON
/// file of an uploadable mini program is larger; the cap bounds memory on pathological input.
pub const MAX_JSON_BYTES: u64 = 2 * 1024 * 1024;

/// Where a pointer's key and value are in the text.
#[derive(Clone, Debug)]
pub struct NodeSpan {
    /// The key's range (with quotes), for object members.
    pub key: Option<Range<usize>>,
    pub value: Range<usize>,
}

/// A problem found while reading the text, reported as `json/syntax` or `json/duplicate-key`.
#[derive(Clone, Debug)]
pub enum ReadIssue {
    Syntax {
        span: Range<usize>,
        message: Msg,
        help: Option<Msg>,
    },
    DuplicateKey {
        pointer: String,
        first: Range<usize>,
        second: Range<usize>,
        key: String,
    },
}

#[derive(Debug)]
pub struct JsonFile {
    pub source: Arc<SourceFile>,
    /// `None` when the text could not be parsed at all.
    pub value: Option<Value>,
    pub issues: Vec<ReadIssue>,
    /// Every trailing comma's span (for `--fix`), even past the reporting cap.
    pub trailing_commas: Vec<Range<usize>>,
    index: BTreeMap<String, NodeSpan>,
}

/// At most this many comments and trailing commas are reported per file, then one line says
/// how many more there are (a minified file full of them must not flood the output).
pub const MAX_LENIENCY_ISSUES: usize = 100;

/// Why a JSON file could not be read at all.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    Io(std::io::Error),
    TooLarge(u64),
    NotAFile,
}

impl ReadError {
    pub fn describe(&self) -> Msg {
        match self {
            ReadError::NotFound => msg!("file not found", "文件不存在"),
            ReadError::Io(e) => msg!("cannot read the file: {e}", "无法读取文件：{e}"),
            ReadError::TooLarge(n) => msg!(
                "the file is {n} bytes, more than the {MAX_JSON_BYTES} bytes a JSON file may have here",
                "文件大小为 {n} 字节，超过了 JSON 文件允许的 {MAX_JSON_BYTES} 字节上限"
            ),
            ReadError::NotAFile => msg!("not a regular file", "不是普通文件"),
        }
    }
}

impl JsonFile {
    /// Read and parse a file from disk.
    pub fn read(path: &Path) -> Result<JsonFile, ReadError> {
        use crate::cache::record::{self, ReadOutcome};
        match record::read(path, MAX_JSON_BYTES) {
            ReadOutcome::Bytes(bytes) => Ok(JsonFile::parse_bytes(path, bytes)),
            ReadOutcome::NotFound => Err(ReadError::NotFound),
            ReadOutcome::NotAFile => Err(ReadError::NotAFile),
            ReadOutcome::TooLarge(n) => Err(ReadError::TooLarge(n)),
            ReadOutcome::Failed(e) => Err(ReadError::Io(e)),
        }
    }

    /// Read a file: the editor's unsaved text when the overlay has it, else the disk.
    pub fn read_in(path: &Path, overlay: &crate::overlay::Overlay) -> Result<JsonFile, ReadError> {
        match overlay.get(path) {
            Some(text) if text.len() as u64 > MAX_JSON_BYTES => {
                Err(ReadError::TooLarge(text.len() as u64))
            }
            Some(text) => Ok(JsonFile::parse_text(path, text.to_string())),
            None => JsonFile::read(path),
        }
    }

    /// Parse bytes as if read from `path`.
    pub fn parse_bytes(path: &Path, bytes: Vec<u8>) -> JsonFile {
        match String::from_utf8(bytes) {
            Ok(text) => JsonFile::parse_text(path, text),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let source = Arc::new(SourceFile::new(path.to_path_buf(), text));
                let end = (at + 1).min(source.text.len());
                JsonFile {
                    source,
                    value: None,
                    trailing_commas: Vec::new(),
                    index: BTreeMap::new(),
                    issues: vec![ReadIssue::Syntax {
                        span: at..end,
                        message: msg!(
                            "invalid UTF-8 at byte {at}",
                            "第 {at} 字节处不是有效的 UTF-8 编码"
                        ),
                        help: Some(msg!(
                            "save the file as UTF-8 (without a byte-order mark)",
                            "请将文件保存为 UTF-8 编码（不带 BOM）"
                        )),
                    }],
                }
            }
        }
    }

    pub fn parse_text(path: &Path, text: String) -> JsonFile {
        let source = Arc::new(SourceFile::new(path.to_path_buf(), text));
        let mut issues = Vec::new();
        let text = &source.text;
        // A BOM is rejected by WeChat; blank it out (same byte length) and parse the rest.
        let blanked;
        let parse_text: &str = if let Some(rest) = text.strip_prefix('\u{feff}') {
            issues.push(ReadIssue::Syntax {
                span: 0..3,
                message: msg!(
                    "the file starts with a UTF-8 byte-order mark (BOM)",
                    "文件以 UTF-8 BOM（字节顺序标记）开头"
                ),
                help: Some(msg!(
                    "save the file as UTF-8 without BOM; WeChat rejects it with `Unexpected token '\\ufeff'`",
                    "请将文件另存为不带 BOM 的 UTF-8；微信会报错 `Unexpected token '\\ufeff'`"
                )),
            });
            blanked = format!("   {rest}");
            &blanked
        } else {
            text
        };
        if parse_text.trim().is_empty() {
            issues.push(ReadIssue::Syntax {
                span: 0..text.len(),
                message: msg!(
                    "the file is empty; an empty file is not valid JSON",
                    "文件为空；空文件不是合法的 JSON"
                ),
                help: Some(msg!(
                    "write at least `{{}}` into the file",
                    "文件中至少应写入 `{{}}`"
                )),
            });
            return JsonFile {
                source,
                value: None,
                trailing_commas: Vec::new(),
                index: BTreeMap::new(),
                issues,
            };
        }
        let parse_options = ParseOptions {
            allow_comments: true,
            allow_trailing_commas: true,
            allow_loose_object_property_names: false,
            allow_missing_commas: false,
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            allow_unary_plus_numbers: false,
            allow_bare_decimal_point_numbers: false,
            allow_non_finite_numbers: false,
            allow_extended_string_escapes: false,
        };
        // Comments and trailing commas are found by `scan_leniencies`, not from a token list:
        // collecting tokens costs hundreds of bytes per token on pathological files.
        let collect = CollectOptions {
            comments: CommentCollectionStrategy::Off,
            tokens: false,
        };
        let mut index = BTreeMap::new();
        let mut trailing_commas = Vec::new();
        let value = match jsonc_parser::parse_to_ast(parse_text, &collect, &parse_options) {
            Err(err) => {
                let r = err.range();
                let span = r.start..r.end.max(r.start + 1).min(text.len().max(r.start));
                issues.push(ReadIssue::Syntax {
                    span,
                    message: {
                        let what = syntax_msg(err.kind());
                        let (what_en, what_zh) = (&what.en, &what.zh);
                        msg!("not valid JSON: {what_en}", "不是合法的 JSON：{what_zh}")
                    },
                    help: syntax_help(err.kind()),
                });
                None
            }
            Ok(result) => {
                report_leniencies(parse_text, &mut issues, &mut trailing_commas);
                result.value.as_ref().map(|v| {
                    let mut builder = Builder {
                        index: &mut index,
                        duplicates: 0,
                        issues: &mut issues,
                    };
                    builder.convert(v, &mut String::new(), None)
                })
            }
        };
        JsonFile {
            source,
            value,
            trailing_commas,
            index,
            issues,
        }
    }

    /// The spans of the node at a JSON pointer (`""` is the root).
    pub fn node(&self, pointer: &str) -> Option<&NodeSpan> {
        self.index.get(pointer)
    }

    /// The value's span at `pointer`, else the nearest ancestor's, else the start of the file.
    pub fn value_span(&self, pointer: &str) -> Range<usize> {
        let mut p = pointer;
        loop {
            if let Some(n) = self.index.get(p) {
                return n.value.clone();
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return 0..0,
            }
        }
    }

    /// The key's span at `pointer` when it is an object member, else the value's span.
    pub fn key_span(&self, pointer: &str) -> Range<usize> {
        match self.index.get(pointer) {
            Some(NodeSpan { key: Some(k), .. }) => k.clone(),
            _ => self.value_span(pointer),
        }
    }

    /// The value at a pointer.
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        self.value.as_ref()?.pointer(pointer)
    }
}

fn report_leniencies(
    text: &str,
    issues: &mut Vec<ReadIssue>,
    trailing_commas: &mut Vec<Range<usize>>,
) {
    let mut reported = 0usize;
    let mut more: Option<(Range<usize>, usize)> = None;
    let mut report = |issue: ReadIssue, span: &Range<usize>| {
        if reported < MAX_LENIENCY_ISSUES {
            reported += 1;
            issues.push(issue);
        } else {
            more.get_or_insert((span.clone(), 0)).1 += 1;
        }
    };
    for found in scan_leniencies(text) {
        match found {
            Leniency::Comment(span) => report(
                ReadIssue::Syntax {
                    span: span.clone(),
                    message: msg!(
                        "comment: JSON does not allow comments",
                        "注释：JSON 不允许注释"
                    ),
                    help: Some(msg!(
                        "remove the comment; app.json and page .json files must be strict JSON",
                        "删除注释；app.json 和页面 .json 文件必须是严格的 JSON"
                    )),
                },
                &span,
            ),
            Leniency::ControlChar(at, byte) => {
                let code = format!("U+{byte:04X}");
                let escape = match byte {
                    b'\n' => "\\n".to_string(),
                    b'\t' => "\\t".to_string(),
                    b'\r' => "\\r".to_string(),
                    _ => format!("\\u{byte:04x}"),
                };
                let span = at..at + 1;
                report(
                    ReadIssue::Syntax {
                        span: span.clone(),
                        message: msg!(
                            "raw control character {code} inside a string: JSON requires it escaped",
                            "字符串中有未转义的控制字符 {code}：JSON 要求转义"
                        ),
                        help: Some(msg!(
                            "write it as `{escape}` or remove it; WeChat's JSON parser rejects the file",
                            "写成 `{escape}` 或删除它；微信的 JSON 解析器会拒绝此文件"
                        )),
                    },
                    &span,
                );
            }
            Leniency::TrailingComma(span, close) => {
                trailing_commas.push(span.clone());
                report(
                    ReadIssue::Syntax {
                        span: span.clone(),
                        message: msg!(
                            "trailing comma: JSON does not allow a comma before `{close}`",
                            "多余的逗号：JSON 不允许在 `{close}` 前面出现逗号"
                        ),
                        help: Some(if close == '}' {
                            msg!(
                                "remove this comma (WeChat: `Expecting 'STRING', got }}`)",
                                "删除这个逗号（微信开发者工具会报 `Expecting 'STRING', got }}`）"
                            )
                        } else {
                            msg!(
                                "remove this comma; WeChat's tools reject it",
                                "删除这个逗号；微信开发者工具会报错"
                            )
                        }),
                    },
                    &span,
                );
            }
        }
    }
    if let Some((span, n)) = more {
        issues.push(ReadIssue::Syntax {
            span,
            message: msg!(
                "{n} more comments, trailing commas or control characters in this file (only the first {MAX_LENIENCY_ISSUES} are shown)",
                "此文件中还有 {n} 处注释、多余的逗号或控制字符（只显示前 {MAX_LENIENCY_ISSUES} 处）"
            ),
            help: Some(msg!(
                "`--fix` removes every trailing comma",
                "`--fix` 会删除所有多余的逗号"
            )),
        });
    }
}

/// What the lenient parse accepted and strict JSON does not.
enum Leniency {
    Comment(Range<usize>),
    TrailingComma(Range<usize>, char),
    /// A raw byte U+0000–U+001F inside a string (the parser we use accepts it; WeChat's does not).
    ControlChar(usize, u8),
}

/// Find comments and trailing commas in text that parsed leniently. A linear scan of the bytes
/// (strings skipped with their escapes), so it costs no memory per token on huge files.
fn scan_leniencies(text: &str) -> Vec<Leniency> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut pending_comma: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                pending_comma = None;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] < 0x20 {
                        out.push(Leniency::ControlChar(i, b[i]));
                    }
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                // It ends at a line break, `\n` or `\r` (as the parser ends it: a lone `\r` too).
                let end = b[i..]
                    .iter()
                    .position(|&c| c == b'\n' || c == b'\r')
                    .map_or(b.len(), |n| i + n);
                out.push(Leniency::Comment(i..end));
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
                out.push(Leniency::Comment(i..end));
                i = end;
            }
            b',' => {
                pending_comma = Some(i);
                i += 1;
            }
            c @ (b'}' | b']') => {
                if let Some(at) = pending_comma.take() {
                    out.push(Leniency::TrailingComma(at..at + 1, c as char));
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                pending_comma = None;
                i += 1;
            }
        }
    }
    out
}

/// The parser's error in our words, in both languages (the English keeps jsonc-parser's wording
/// where it is clear).
fn syntax_msg(kind: &jsonc_parser::errors::ParseErrorKind) -> Msg {
    use jsonc_parser::errors::ParseErrorKind as K;
    use jsonc_parser::ParseStringErrorKind as S;
    match kind {
        K::ExpectedStringObjectProperty | K::UnexpectedWord => msg!(
            "expected a double-quoted key or value",
            "这里应为带双引号的键或值"
        ),
        K::String(s) => {
            let (what_en, what_zh) = match s {
                S::InvalidEscapeInSingleQuoteString => (
                    "Invalid escape in single quote string".to_string(),
                    "单引号字符串中有无效的转义".to_string(),
                ),
                S::InvalidEscapeInDoubleQuoteString | S::InvalidEscape => {
                    (s.to_string(), "字符串中有无效的转义".to_string())
                }
                S::ExpectedFourHexDigits => (s.to_string(), "\\u 后应为四位十六进制数".to_string()),
                S::ExpectedTwoHexDigits => (s.to_string(), "\\x 后应为两位十六进制数".to_string()),
                S::InvalidUnicodeEscapeSequence(v) => (
                    s.to_string(),
                    format!("无效的 Unicode 转义：'{v}' 不是合法的 UTF-8 字符"),
                ),
                S::UnterminatedStringLiteral => (s.to_string(), "字符串没有结束引号".to_string()),
            };
            msg!(
                "{what_en} (strings must be double-quoted, with JSON escapes only)",
                "{what_zh}（字符串必须用双引号，且只能使用 JSON 的转义写法）"
            )
        }
        K::NestingDepthExceeded => msg!(
            "nested more deeply than 512 levels; no app.json needs this",
            "嵌套超过 512 层；没有哪个 app.json 需要这么深"
        ),
        K::BareDecimalPointNumbersNotAllowed => msg!(
            "Leading or trailing decimal points on numbers are not allowed",
            "数字不能以小数点开头或结尾"
        ),
        K::CommentsNotAllowed => msg!("Comments are not allowed", "不允许注释"),
        K::ExpectedColonAfterObjectKey => msg!(
            "Expected colon after the string or word in object property",
            "对象的键后面应为冒号"
        ),
        K::ExpectedObjectValue => msg!(
            "Expected value after colon in object property",
            "冒号后面应为值"
        ),
        K::ExpectedDigit => msg!("Expected digit", "这里应为数字"),
        K::ExpectedDigitFollowingNegativeSign => {
            msg!("Expected digit following negative sign", "负号后面应为数字")
        }
        K::ExpectedPlusMinusOrDigitInNumberLiteral => msg!(
            "Expected plus, minus, or digit in number literal",
            "数字的指数部分应为正负号或数字"
        ),
        K::HexadecimalNumbersNotAllowed => {
            msg!("Hexadecimal numbers are not allowed", "不允许十六进制数")
        }
        K::ExpectedComma => msg!("Expected comma", "这里缺少逗号"),
        K::MultipleRootJsonValues => msg!(
            "Text cannot contain more than one JSON value",
            "文件中不能有多个 JSON 值"
        ),
        K::NonFiniteNumbersNotAllowed => {
            msg!("Infinity and NaN are not allowed", "不允许 Infinity 和 NaN")
        }
        K::SingleQuotedStringsNotAllowed => {
            msg!(
                "Single-quoted strings are not allowed",
                "不允许使用单引号字符串"
            )
        }
        K::TrailingCommasNotAllowed => msg!("Trailing commas are not allowed", "不允许尾随逗号"),
        K::UnaryPlusNumbersNotAllowed => {
            msg!("Unary plus on numbers is not allowed", "数字前不能加正号")
        }
        K::UnexpectedCloseBrace => msg!("Unexpected close brace", "多余的右花括号 `}}`"),
        K::UnexpectedCloseBracket => msg!("Unexpected close bracket", "多余的右方括号 `]`"),
        K::UnexpectedColon => msg!("Unexpected colon", "多余的冒号"),
        K::UnexpectedComma => msg!("Unexpected comma", "多余的逗号"),
        K::UnexpectedToken => msg!("Unexpected token", "无法识别的内容"),
        K::UnexpectedTokenInObject => msg!("Unexpected token in object", "对象中有无法识别的内容"),
        K::UnterminatedArray => msg!("Unterminated array", "数组没有闭合"),
        K::UnterminatedCommentBlock => msg!("Unterminated comment block", "块注释没有闭合"),
        K::UnterminatedObject => msg!("Unterminated object", "对象没有闭合"),
        #[allow(unreachable_patterns)] // variants behind jsonc-parser features we do not enable
        other => msg!("{other}", "JSON 语法错误（{other}）"),
    }
}

fn syntax_help(kind: &jsonc_parser::errors::ParseErrorKind) -> Option<Msg> {
    use jsonc_parser::errors::ParseErrorKind as K;
    Some(match kind {
        K::ExpectedComma => msg!("add a comma between the two items", "在两项之间加上逗号"),
        K::ExpectedStringObjectProperty | K::UnexpectedWord => msg!(
            "JSON keys and strings take double quotes: \"key\": \"value\"",
            "JSON 的键和字符串必须用双引号：\"key\": \"value\""
        ),
        K::UnterminatedObject | K::UnterminatedArray => msg!(
            "the file ends before this is closed; is it truncated?",
            "文件在此结构闭合前就结束了，是否被截断？"
        ),
        K::MultipleRootJsonValues => msg!(
            "a JSON file holds exactly one value; remove what follows it",
            "一个 JSON 文件只能有一个值；请删除其后的内容"
        ),
        _ => return None,
    })
}

struct Builder<'a> {
    index: &'a mut BTreeMap<String, NodeSpan>,
    /// Duplicate keys reported so far (capped at `MAX_LENIENCY_ISSUES`).
    duplicates: usize,
    issues: &'a mut Vec<ReadIssue>,
}

impl Builder<'_> {
    fn convert(
        &mut self,
        v: &ast::Value,
        pointer: &mut String,
        key: Option<Range<usize>>,
    ) -> Value {
        let r = v.range();
        self.index.insert(
            pointer.clone(),
            NodeSpan {
                key,
                value: r.start..r.end,
            },
        );
        match v {
            ast::Value::StringLit(s) => Value::String(s.value.to_string()),
            ast::Value::NumberLit(n) => n
                .value
                .parse::<Number>()
                .map(Value::Number)
                .or_else(|_| n.value.parse::<f64>().map(Value::from))
                .unwrap_or(Value::Null),
            ast::Value::BooleanLit(b) => Value::Bool(b.value),
            ast::Value::NullKeyword(_) => Value::Null,
            ast::Value::Array(a) => {
                let len = pointer.len();
                let mut out = Vec::with_capacity(a.elements.len());
                for (i, e) in a.elements.iter().enumerate() {
                    pointer.push('/');
                    let _ = std::fmt::Write::write_fmt(pointer, format_args!("{i}"));
                    out.push(self.convert(e, pointer, None));
                    pointer.truncate(len);
                }
                Value::Array(out)
            }
            ast::Value::Object(o) => {
                let len = pointer.len();
                // Members in order; a later duplicate empties the earlier slot (linear time,
                // however many duplicates).
                let mut members: Vec<Option<(String, Value)>> =
                    Vec::with_capacity(o.properties.len());
                let mut seen: HashMap<&str, (Range<usize>, usize)> = HashMap::new();
                for prop in &o.properties {
                    let name = prop.name.as_str();
                    let kr = prop.name.range();
                    let key_span = kr.start..kr.end;
                    pointer.push('/');
                    pointer.push_str(&escape_token(name));
                    if let Some((first, slot)) = seen.get(name).cloned() {
                        if self.duplicates < MAX_LENIENCY_ISSUES {
                            self.duplicates += 1;
                            self.issues.push(ReadIssue::DuplicateKey {
                                pointer: pointer.clone(),
                                first,
                                second: key_span.clone(),
                                key: name.to_string(),
                            });
                        }
                        members[slot] = None;
                        // The last one wins: drop the earlier subtree's index entries.
                        let prefix = format!("{pointer}/");
                        let stale: Vec<String> = self
                            .index
                            .range(prefix.clone()..)
                            .take_while(|(k, _)| k.starts_with(&prefix))
                            .map(|(k, _)| k.clone())
                            .collect();
                        for k in stale {
                            self.index.remove(&k);
                        }
                    }
                    let value = self.convert(&prop.value, pointer, Some(key_span.clone()));
                    seen.insert(name, (key_span, members.len()));
                    members.push(Some((name.to_string(), value)));
                    pointer.truncate(len);
                }
                let out: Map<String, Value> = members.into_iter().flatten().collect();
                Value::Object(out)
            }
        }
    }
}
