//! What the code rules need from one JavaScript/TypeScript file, extracted in one pass over the
//! oxc AST: API calls on `wx`/`uni`/`Taro` (also through `wx['x']` and destructured or assigned
//! aliases), their first argument when it is a literal, module references, and
//! `onShareAppMessage` handlers.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_parser::{ParseOptions, Parser};
use oxc_span::{GetSpan, SourceType, Span};

/// A literal value (or not) with where it is.
#[derive(Debug, Clone)]
pub struct Lit {
    pub span: Range<usize>,
    pub kind: LitKind,
}

#[derive(Debug, Clone)]
pub enum LitKind {
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    Object(LitObject),
    /// A string whose start is known: `` `/pages/a?id=${id}` `` or `'/pages/a?id=' + id`.
    Prefix(String),
    /// Anything else: known only at run time.
    Dynamic,
}

#[derive(Debug, Clone, Default)]
pub struct LitObject {
    pub props: Vec<Prop>,
    /// A spread or a computed key: other properties may be present.
    pub open: bool,
}

#[derive(Debug, Clone)]
pub struct Prop {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Lit,
}

impl LitObject {
    pub fn get(&self, key: &str) -> Option<&Prop> {
        self.props.iter().rev().find(|p| p.key == key)
    }
}

impl Lit {
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            LitKind::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&LitObject> {
        match &self.kind {
            LitKind::Object(o) => Some(o),
            _ => None,
        }
    }
    pub fn is_dynamic(&self) -> bool {
        matches!(self.kind, LitKind::Dynamic | LitKind::Prefix(_))
    }

    /// The path part of a url when it is known: the whole literal, or a known prefix that
    /// already reaches the query (`?`) or fragment (`#`).
    pub fn url_path(&self) -> Option<&str> {
        match &self.kind {
            LitKind::Str(s) => Some(s.split(['?', '#']).next().unwrap_or("")),
            LitKind::Prefix(p) => p.find(['?', '#']).map(|i| &p[..i]),
            _ => None,
        }
    }
}

/// A call of a platform API: `wx.getLocation(…)`.
#[derive(Debug, Clone)]
pub struct ApiCall {
    /// `wx`, `uni`, or the local name of Taro.
    pub receiver: String,
    pub api: String,
    /// The callee (`wx.getLocation`, or the alias) — what diagnostics point at.
    pub span: Range<usize>,
    /// The first argument.
    pub arg: Option<Lit>,
}

/// A `require`/`import`/`export … from` specifier.
#[derive(Debug, Clone)]
pub struct Import {
    pub spec: String,
    /// The string literal, quotes included.
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub message: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct JsFacts {
    pub calls: Vec<ApiCall>,
    pub imports: Vec<Import>,
    /// Keys of `onShareAppMessage` handlers.
    pub share_handlers: Vec<Range<usize>>,
    /// The first syntax error, when the file does not parse.
    pub syntax: Option<SyntaxError>,
}

fn range(span: Span) -> Range<usize> {
    span.start as usize..span.end as usize
}

const TARO: &str = "@tarojs/taro";

/// Parse and extract. Never panics on bad input.
pub fn analyze(path: &Path, text: &str, allocator: &Allocator) -> JsFacts {
    let is_ts = path
        .extension()
        .is_some_and(|e| e == "ts" || e == "mts" || e == "cts");
    let ext = path.extension().and_then(|e| e.to_str());
    let source_type = if ext == Some("tsx") {
        SourceType::tsx()
    } else if ext == Some("jsx") {
        SourceType::jsx()
    } else if is_ts {
        SourceType::ts()
    } else {
        SourceType::unambiguous()
    };
    let ret = Parser::new(allocator, text, source_type)
        .with_options(ParseOptions {
            allow_return_outside_function: true,
            ..ParseOptions::default()
        })
        .parse();
    let syntax = ret.diagnostics.errors().next().map(|e| {
        let span = e
            .labels
            .first()
            .map(|l| l.offset() as usize..(l.offset() + l.len()) as usize)
            .unwrap_or(0..0);
        SyntaxError {
            message: e.message.to_string(),
            span,
        }
    });
    let mut v = Collector {
        receivers: vec!["wx".into(), "uni".into()],
        aliases: HashMap::new(),
        facts: JsFacts::default(),
    };
    if !ret.panicked {
        v.find_taro(&ret.program);
        v.visit_program(&ret.program);
    }
    v.facts.syntax = syntax;
    v.facts
}

struct Collector {
    /// Identifiers that name the platform object.
    receivers: Vec<String>,
    /// Local name → (receiver, api) for `const { x } = wx` and `const x = wx.x`.
    aliases: HashMap<String, (String, String)>,
    facts: JsFacts,
}

impl Collector {
    /// Local names bound to Taro by an import or a top-level require.
    fn find_taro(&mut self, program: &Program) {
        for stmt in &program.body {
            match stmt {
                Statement::ImportDeclaration(d) if d.source.value == TARO => {
                    for s in d.specifiers.iter().flatten() {
                        match s {
                            ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                                self.receivers.push(s.local.name.to_string())
                            }
                            ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                                self.receivers.push(s.local.name.to_string())
                            }
                            ImportDeclarationSpecifier::ImportSpecifier(_) => {}
                        }
                    }
                }
                Statement::VariableDeclaration(d) => {
                    for decl in &d.declarations {
                        let Some(Expression::CallExpression(call)) =
                            decl.init.as_ref().map(Expression::get_inner_expression)
                        else {
                            continue;
                        };
                        let requires_taro = call.is_require_call()
                            && matches!(call.arguments.first(), Some(Argument::StringLiteral(s)) if s.value == TARO);
                        if let (true, BindingPattern::BindingIdentifier(id)) =
                            (requires_taro, &decl.id)
                        {
                            self.receivers.push(id.name.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn receiver_of<'a>(&self, e: &'a Expression) -> Option<&'a str> {
        match e.get_inner_expression() {
            Expression::Identifier(id) if self.receivers.iter().any(|r| r == id.name.as_str()) => {
                Some(id.name.as_str())
            }
            _ => None,
        }
    }
}

fn lit(e: &Expression, depth: usize) -> Lit {
    let span = range(e.span());
    let kind = match e.get_inner_expression() {
        Expression::StringLiteral(s) => LitKind::Str(s.value.to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() && t.quasis.len() == 1 => {
            let q = &t.quasis[0].value;
            LitKind::Str(q.cooked.unwrap_or(q.raw).to_string())
        }
        Expression::TemplateLiteral(t) => {
            let q = &t.quasis[0].value;
            LitKind::Prefix(q.cooked.unwrap_or(q.raw).to_string())
        }
        Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition && depth < 64 => {
            match lit(&b.left, depth + 1).kind {
                LitKind::Str(s) | LitKind::Prefix(s) => LitKind::Prefix(s),
                _ => LitKind::Dynamic,
            }
        }
        Expression::NumericLiteral(n) => LitKind::Num(n.value),
        Expression::UnaryExpression(u)
            if u.operator == UnaryOperator::UnaryNegation
                && matches!(u.argument, Expression::NumericLiteral(_)) =>
        {
            match &u.argument {
                Expression::NumericLiteral(n) => LitKind::Num(-n.value),
                _ => LitKind::Dynamic,
            }
        }
        Expression::BooleanLiteral(b) => LitKind::Bool(b.value),
        Expression::NullLiteral(_) => LitKind::Null,
        Expression::ObjectExpression(o) if depth < 4 => {
            let mut obj = LitObject::default();
            for p in &o.properties {
                match p {
                    ObjectPropertyKind::ObjectProperty(p) => match p.key.static_name() {
                        Some(key)
                            if !p.computed || matches!(p.key, PropertyKey::StringLiteral(_)) =>
                        {
                            obj.props.push(Prop {
                                key: key.to_string(),
                                key_span: range(p.key.span()),
                                value: if p.method {
                                    Lit {
                                        span: range(p.value.span()),
                                        kind: LitKind::Dynamic,
                                    }
                                } else {
                                    lit(&p.value, depth + 1)
                                },
                            })
                        }
                        _ => obj.open = true,
                    },
                    ObjectPropertyKind::SpreadProperty(_) => obj.open = true,
                }
            }
            LitKind::Object(obj)
        }
        _ => LitKind::Dynamic,
    };
    Lit { span, kind }
}

fn string_arg(arg: Option<&Argument>) -> Option<(String, Range<usize>)> {
    match arg? {
        Argument::StringLiteral(s) => Some((s.value.to_string(), range(s.span))),
        Argument::TemplateLiteral(t) if t.expressions.is_empty() && t.quasis.len() == 1 => {
            let q = &t.quasis[0].value;
            Some((q.cooked.unwrap_or(q.raw).to_string(), range(t.span)))
        }
        _ => None,
    }
}

impl<'a> Visit<'a> for Collector {
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let callee = it.callee.get_inner_expression();
        let target = if let Some(m) = callee.as_member_expression() {
            match (self.receiver_of(m.object()), m.static_property_name()) {
                (Some(r), Some(api)) => Some((r.to_string(), api.to_string())),
                _ => None,
            }
        } else if let Expression::Identifier(id) = callee {
            if id.name == "require" {
                if let Some((spec, span)) = string_arg(it.arguments.first()) {
                    self.facts.imports.push(Import { spec, span });
                }
            }
            self.aliases.get(id.name.as_str()).cloned()
        } else {
            None
        };
        if let Some((receiver, api)) = target {
            let arg = it.arguments.first().and_then(|a| match a {
                Argument::SpreadElement(_) => None,
                a => a.as_expression().map(|e| lit(e, 0)),
            });
            self.facts.calls.push(ApiCall {
                receiver,
                api,
                span: range(callee.span()),
                arg,
            });
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let Some(init) = &it.init {
            match (&it.id, init.get_inner_expression()) {
                // const { navigateTo, getLocation: loc } = wx
                (BindingPattern::ObjectPattern(p), e) => {
                    if let Some(r) = self.receiver_of(e) {
                        let r = r.to_string();
                        for prop in &p.properties {
                            let (Some(api), BindingPattern::BindingIdentifier(local)) =
                                (prop.key.static_name(), &prop.value)
                            else {
                                continue;
                            };
                            self.aliases
                                .insert(local.name.to_string(), (r.clone(), api.to_string()));
                        }
                    }
                }
                // const go = wx.navigateTo
                (BindingPattern::BindingIdentifier(local), e) => {
                    if let Some(m) = e.as_member_expression() {
                        if let (Some(r), Some(api)) =
                            (self.receiver_of(m.object()), m.static_property_name())
                        {
                            self.aliases
                                .insert(local.name.to_string(), (r.to_string(), api.to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        // `import type` is erased by the compiler: no dependency at run time.
        if it.import_kind.is_type() {
            return;
        }
        self.facts.imports.push(Import {
            spec: it.source.value.to_string(),
            span: range(it.source.span),
        });
        walk::walk_import_declaration(self, it);
    }

    fn visit_export_from_declaration(&mut self, it: &ExportFromDeclaration<'a>) {
        if it.export_kind.is_type() {
            return;
        }
        self.facts.imports.push(Import {
            spec: it.source.value.to_string(),
            span: range(it.source.span),
        });
        walk::walk_export_from_declaration(self, it);
    }

    fn visit_export_all_declaration(&mut self, it: &ExportAllDeclaration<'a>) {
        if it.export_kind.is_type() {
            return;
        }
        self.facts.imports.push(Import {
            spec: it.source.value.to_string(),
            span: range(it.source.span),
        });
        walk::walk_export_all_declaration(self, it);
    }

    fn visit_import_expression(&mut self, it: &ImportExpression<'a>) {
        if let Expression::StringLiteral(s) = it.source.get_inner_expression() {
            self.facts.imports.push(Import {
                spec: s.value.to_string(),
                span: range(s.span),
            });
        }
        walk::walk_import_expression(self, it);
    }

    fn visit_object_property(&mut self, it: &ObjectProperty<'a>) {
        if it.key.is_specific_static_name("onShareAppMessage") {
            self.facts.share_handlers.push(range(it.key.span()));
        }
        walk::walk_object_property(self, it);
    }

    fn visit_method_definition(&mut self, it: &MethodDefinition<'a>) {
        if it.key.is_specific_static_name("onShareAppMessage") {
            self.facts.share_handlers.push(range(it.key.span()));
        }
        walk::walk_method_definition(self, it);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(src: &str) -> JsFacts {
        analyze(Path::new("a.js"), src, &Allocator::default())
    }

    #[test]
    fn finds_calls_in_every_form() {
        let src = r#"
import Taro from '@tarojs/taro'
const { navigateTo, getLocation: loc } = wx
const go = wx.redirectTo
// wx.navigateToMiniProgram({}) in a comment
const s = "wx.navigateToMiniProgram({})"
async function f() {
  wx.navigateToMiniProgram({ appId: 'x' })
  wx['openEmbeddedMiniProgram']({})
  await wx.getLocation({ type: 'gcj02' })
  navigateTo({ url: `/pkg/a` })
  loc()
  go({ url: '/b' })
  uni.chooseAddress()
  Taro.getFuzzyLocation()
  other.getLocation()
}
"#;
        let f = facts(src);
        let apis: Vec<&str> = f.calls.iter().map(|c| c.api.as_str()).collect();
        assert_eq!(
            apis,
            [
                "navigateToMiniProgram",
                "openEmbeddedMiniProgram",
                "getLocation",
                "navigateTo",
                "getLocation",
                "redirectTo",
                "chooseAddress",
                "getFuzzyLocation"
            ]
        );
        assert_eq!(&src[f.calls[0].span.clone()], "wx.navigateToMiniProgram");
        let url = f.calls[3]
            .arg
            .as_ref()
            .unwrap()
            .as_object()
            .unwrap()
            .get("url");
        assert_eq!(url.unwrap().value.as_str(), Some("/pkg/a"));
        assert_eq!(f.imports[0].spec, TARO);
        let types = analyze(
            Path::new("a.ts"),
            "import type { A } from '../../../types'\nexport type { B } from '../x'\nimport { c } from './c'",
            &Allocator::default(),
        );
        let specs: Vec<&str> = types.imports.iter().map(|i| i.spec.as_str()).collect();
        assert_eq!(specs, ["./c"]);
        assert!(f.syntax.is_none());
    }

    #[test]
    fn url_paths_with_computed_queries() {
        let f = facts(
            "wx.navigateTo({ url: `/a/b?id=${id}` })\nwx.navigateTo({ url: '/c/d?x=' + x + '&y=1' })\nwx.navigateTo({ url: '/e/' + page })",
        );
        let url = |i: usize| {
            f.calls[i]
                .arg
                .as_ref()
                .unwrap()
                .as_object()
                .unwrap()
                .get("url")
                .unwrap()
                .value
                .clone()
        };
        assert_eq!(url(0).url_path(), Some("/a/b"));
        assert_eq!(url(1).url_path(), Some("/c/d"));
        assert_eq!(url(2).url_path(), None);
        assert!(url(0).is_dynamic());
    }

    #[test]
    fn reports_syntax_errors() {
        let f = facts("const a = ;\nwx.getLocation()");
        let e = f.syntax.unwrap();
        assert!(!e.message.is_empty());
        assert_eq!(e.span.start, 10);
    }
}
