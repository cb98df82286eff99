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
    /// An array literal; `open` when it has a spread or a hole.
    Array {
        items: Vec<Lit>,
        open: bool,
    },
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
    pub fn as_num(&self) -> Option<f64> {
        match self.kind {
            LitKind::Num(n) => Some(n),
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
    /// APIs a guard around the call checks (`wx.canIUse('x')`, `if (wx.x)`, `typeof wx.x`,
    /// an early return); `*` for a base-library version comparison, which guards every API.
    pub guards: Vec<String>,
    /// The page/component method or top-level function the call is in (`JsFacts::units`).
    pub unit: Option<usize>,
    /// Whether the call runs whenever its unit runs: directly in its body, or in a timer set
    /// there — not in some other callback, which this file cannot follow.
    pub direct: bool,
    /// Whether it runs in a timer (`setTimeout`/`setInterval`) set up by its unit.
    pub in_timer: bool,
}

/// Where the walk is, per function: its unit, whether that unit's run reaches it (`direct`),
/// whether through a timer.
#[derive(Clone, Copy, Default)]
struct Frame {
    unit: Option<usize>,
    direct: bool,
    timer: bool,
}

/// What a function can be: a method of the object passed to `Page`/`Component` (also under
/// `methods`, `lifetimes`, `pageLifetimes`), or a top-level named function.
#[derive(Debug, Clone)]
pub struct Unit {
    pub name: String,
    pub kind: UnitKind,
    pub span: Range<usize>,
    /// `this.name()` calls (and `setTimeout(this.name)`) made directly from the unit.
    pub this_calls: Vec<String>,
    /// `name()` calls made directly from the unit.
    pub fn_calls: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// A lifecycle: runs without a tap (`onLoad`, `attached`, `pageLifetimes.show`…).
    Lifecycle,
    /// Another method of the page or component: what WXML can bind.
    Method,
    /// A top-level function.
    Function,
}

/// Page lifecycles, component lifecycles (top level or under `lifetimes`) and the page
/// lifecycles a component sees (`pageLifetimes`).
const PAGE_LIFECYCLES: &[&str] = &["onLoad", "onShow", "onReady", "onHide", "onUnload"];
const COMPONENT_LIFECYCLES: &[&str] = &["created", "attached", "ready", "moved", "detached"];
const PAGE_LIFETIMES: &[&str] = &["show", "hide"];

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
    /// Page/component methods and top-level functions (see `ApiCall::unit`).
    pub units: Vec<Unit>,
    /// Whether `Page(`/`Component(` was given something other than an object literal (or a
    /// method that is no plain function): the units may be incomplete.
    pub units_incomplete: bool,
    /// `this.x()` / `x()` calls made under a guard: (x, the guards).
    pub guarded_calls: Vec<(String, Vec<String>)>,
    /// The first syntax error, when the file does not parse.
    pub syntax: Option<SyntaxError>,
}

pub(crate) fn range(span: Span) -> Range<usize> {
    span.start as usize..span.end as usize
}

const TARO: &str = "@tarojs/taro";

/// Parse JavaScript or TypeScript (by extension) as WeChat's compiler accepts it, with the
/// first syntax error, if any. Shared by the package scan and the server-code index.
pub(crate) fn parse<'a>(
    path: &Path,
    text: &'a str,
    allocator: &'a Allocator,
) -> (oxc_parser::ParserReturn<'a>, Option<SyntaxError>) {
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
    (ret, syntax)
}

/// Parse and extract. Never panics on bad input.
pub fn analyze(path: &Path, text: &str, allocator: &Allocator) -> JsFacts {
    let (ret, syntax) = parse(path, text, allocator);
    let mut v = Collector {
        receivers: vec!["wx".into(), "uni".into()],
        aliases: HashMap::new(),
        facts: JsFacts::default(),
        guards: Vec::new(),
        pending_units: HashMap::new(),
        timer_fns: Vec::new(),
        guard_names: HashMap::new(),
        frames: Vec::new(),
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
    /// Guards in force where the walk is (see `ApiCall::guards`).
    guards: Vec<String>,
    /// Function start offset → unit, registered when the `Page(`/`Component(` call or the
    /// top-level declaration is seen, entered when the walk reaches the function.
    pending_units: HashMap<u32, usize>,
    /// Start offsets of functions passed to `setTimeout`/`setInterval`.
    timer_fns: Vec<u32>,
    /// Variables holding a guard (`const ok = wx.canIUse('x')`) → the APIs it checks.
    guard_names: HashMap<String, Vec<String>>,
    /// One frame per function being walked: (unit, direct).
    frames: Vec<Frame>,
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

/// Where a function value starts (the key `pending_units` uses), if it is one.
fn function_start(e: &Expression) -> Option<u32> {
    match e.get_inner_expression() {
        Expression::FunctionExpression(f) => Some(f.span.start),
        Expression::ArrowFunctionExpression(f) => Some(f.span.start),
        _ => None,
    }
}

/// Whether a statement always leaves the block (`return`, `throw`).
fn exits(st: &Statement) -> bool {
    match st {
        Statement::ReturnStatement(_) | Statement::ThrowStatement(_) => true,
        Statement::BlockStatement(b) => b.body.last().is_some_and(exits),
        _ => false,
    }
}

/// Whether an expression compares base-library versions (`SDKVersion`, `compareVersion(…)`).
fn mentions_version(e: &Expression, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    let named = |n: &str| n.to_ascii_lowercase().contains("version");
    match e.get_inner_expression() {
        Expression::Identifier(id) => named(&id.name),
        Expression::StaticMemberExpression(m) => {
            named(&m.property.name) || mentions_version(&m.object, depth + 1)
        }
        Expression::ComputedMemberExpression(m) => mentions_version(&m.object, depth + 1),
        Expression::CallExpression(c) => {
            mentions_version(&c.callee, depth + 1)
                || c.arguments
                    .iter()
                    .filter_map(Argument::as_expression)
                    .any(|a| mentions_version(a, depth + 1))
        }
        Expression::BinaryExpression(b) => {
            mentions_version(&b.left, depth + 1) || mentions_version(&b.right, depth + 1)
        }
        Expression::LogicalExpression(b) => {
            mentions_version(&b.left, depth + 1) || mentions_version(&b.right, depth + 1)
        }
        Expression::UnaryExpression(u) => mentions_version(&u.argument, depth + 1),
        _ => false,
    }
}

const PLATFORM_OBJECTS: &[&str] = &["wx", "uni", "Taro", "qq"];

impl Collector {
    /// The API a test checks exists, when `positive` (the branch where the test is true) or
    /// not (the branch where it is false), pushed onto `guards`.
    fn guard_tests(&mut self, e: &Expression, positive: bool, depth: usize) {
        if depth > 16 {
            return;
        }
        if mentions_version(e, 0) {
            self.guards.push("*".into());
            return;
        }
        match e.get_inner_expression() {
            Expression::LogicalExpression(l) => match (l.operator, positive) {
                (LogicalOperator::And, true) | (LogicalOperator::Or, false) => {
                    self.guard_tests(&l.left, positive, depth + 1);
                    self.guard_tests(&l.right, positive, depth + 1);
                }
                _ => {}
            },
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
                self.guard_tests(&u.argument, !positive, depth + 1)
            }
            Expression::Identifier(id) if positive => {
                if let Some(apis) = self.guard_names.get(id.name.as_str()) {
                    self.guards.extend(apis.iter().cloned());
                }
            }
            Expression::CallExpression(c) if positive => {
                let is_can_i_use = c
                    .callee
                    .get_inner_expression()
                    .as_member_expression()
                    .is_some_and(|m| m.static_property_name() == Some("canIUse"));
                if let (true, Some((text, _))) = (is_can_i_use, string_arg(c.arguments.first())) {
                    let api = text.split('.').next().unwrap_or("").to_string();
                    self.guards.push(api);
                }
            }
            e if positive => {
                if let Some(api) = self.platform_member(e) {
                    self.guards.push(api);
                }
            }
            _ => {}
        }
        // typeof wx.x === 'function' / !== 'undefined' (either order).
        if let Expression::BinaryExpression(b) = e.get_inner_expression() {
            let (typeof_side, text) = match (&b.left, &b.right) {
                (Expression::UnaryExpression(u), Expression::StringLiteral(s))
                | (Expression::StringLiteral(s), Expression::UnaryExpression(u))
                    if u.operator == UnaryOperator::Typeof =>
                {
                    (&u.argument, s.value.as_str())
                }
                _ => return,
            };
            let equal = match b.operator {
                BinaryOperator::StrictEquality | BinaryOperator::Equality => true,
                BinaryOperator::StrictInequality | BinaryOperator::Inequality => false,
                _ => return,
            };
            // The test is true exactly when the API exists.
            let exists_when_true = match text {
                "function" => equal,
                "undefined" => !equal,
                _ => return,
            };
            if exists_when_true == positive {
                if let Some(api) = self.platform_member(typeof_side) {
                    self.guards.push(api);
                }
            }
        }
    }

    /// `wx.x` (any platform object or Taro's local name) → `x`.
    fn platform_member(&self, e: &Expression) -> Option<String> {
        let m = e.get_inner_expression().as_member_expression()?;
        let object_is_platform = self.receiver_of(m.object()).is_some()
            || matches!(m.object().get_inner_expression(), Expression::Identifier(id) if PLATFORM_OBJECTS.contains(&id.name.as_str()));
        if !object_is_platform {
            return None;
        }
        m.static_property_name().map(String::from)
    }

    fn add_unit(&mut self, name: &str, kind: UnitKind, start: u32, span: Range<usize>) {
        self.pending_units.insert(start, self.facts.units.len());
        self.facts.units.push(Unit {
            name: name.to_string(),
            kind,
            span,
            this_calls: Vec::new(),
            fn_calls: Vec::new(),
        });
    }

    fn enter_function(&mut self, start: u32) {
        let outer = self.frames.last().copied().unwrap_or_default();
        let frame = if let Some(&u) = self.pending_units.get(&start) {
            Frame {
                unit: Some(u),
                direct: true,
                timer: false,
            }
        } else if self.timer_fns.contains(&start) {
            Frame {
                timer: true,
                ..outer
            }
        } else {
            Frame {
                direct: false,
                ..outer
            }
        };
        self.frames.push(frame);
    }

    /// Calls that are not platform APIs: `Page({…})`/`Component({…})` declare units; timers,
    /// `this.x()` and `x()` are edges of the unit they are made from.
    fn note_flow(
        &mut self,
        it: &CallExpression,
        callee: &Expression,
        unit: Option<usize>,
        direct: bool,
    ) {
        let callee_name = match callee {
            Expression::Identifier(id) => Some(id.name.as_str()),
            _ => None,
        };
        if self.frames.is_empty() {
            if let Some(kind @ ("Page" | "Component")) = callee_name {
                match it.arguments.first() {
                    Some(Argument::ObjectExpression(o)) => self.add_methods(o, kind, None),
                    _ => self.facts.units_incomplete = true,
                }
                return;
            }
        }
        let (Some(u), true) = (unit, direct) else {
            return;
        };
        let timer = matches!(callee_name, Some("setTimeout" | "setInterval"));
        if timer {
            if let Some(e) = it.arguments.first().and_then(Argument::as_expression) {
                if let Some(start) = function_start(e) {
                    self.timer_fns.push(start);
                } else {
                    self.note_edge(e, u);
                }
            }
            return;
        }
        self.note_edge(callee, u);
    }

    /// `this.x` / `x` called (or handed to a timer) from unit `u`.
    fn note_edge(&mut self, e: &Expression, u: usize) {
        match e.get_inner_expression() {
            Expression::Identifier(id) if !self.aliases.contains_key(id.name.as_str()) => {
                self.facts.units[u].fn_calls.push(id.name.to_string())
            }
            Expression::StaticMemberExpression(m)
                if matches!(m.object, Expression::ThisExpression(_)) =>
            {
                self.facts.units[u]
                    .this_calls
                    .push(m.property.name.to_string())
            }
            _ => {}
        }
    }

    /// The methods of a `Page`/`Component` object (`group`: `methods`, `lifetimes`,
    /// `pageLifetimes`).
    fn add_methods(&mut self, o: &ObjectExpression, ctor: &str, group: Option<&str>) {
        for prop in &o.properties {
            let ObjectPropertyKind::ObjectProperty(p) = prop else {
                self.facts.units_incomplete = true;
                continue;
            };
            let Some(name) = p.key.static_name() else {
                continue;
            };
            if let (None, Expression::ObjectExpression(inner)) =
                (group, p.value.get_inner_expression())
            {
                if ctor == "Component"
                    && matches!(&*name, "methods" | "lifetimes" | "pageLifetimes")
                {
                    self.add_methods(
                        inner,
                        ctor,
                        Some(if name == "methods" { "methods" } else { &name }),
                    );
                }
                continue;
            }
            let Some(start) = function_start(&p.value) else {
                continue;
            };
            let lifecycle = match (ctor, group) {
                ("Page", _) => PAGE_LIFECYCLES.contains(&&*name),
                (_, Some("pageLifetimes")) => PAGE_LIFETIMES.contains(&&*name),
                (_, Some("methods")) => PAGE_LIFECYCLES.contains(&&*name),
                _ => COMPONENT_LIFECYCLES.contains(&&*name),
            };
            let kind = if lifecycle {
                UnitKind::Lifecycle
            } else if group == Some("lifetimes") || group == Some("pageLifetimes") {
                continue;
            } else {
                UnitKind::Method
            };
            self.add_unit(&name, kind, start, range(p.span));
        }
    }
}

pub(crate) fn lit(e: &Expression, depth: usize) -> Lit {
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
        Expression::ArrayExpression(a) if depth < 4 => {
            let mut items = Vec::new();
            let mut open = false;
            for el in &a.elements {
                match el {
                    ArrayExpressionElement::SpreadElement(_)
                    | ArrayExpressionElement::Elision(_) => open = true,
                    el => {
                        if let Some(e) = el.as_expression() {
                            items.push(lit(e, depth + 1));
                        }
                    }
                }
            }
            LitKind::Array { items, open }
        }
        _ => LitKind::Dynamic,
    };
    Lit { span, kind }
}

pub(crate) fn string_arg(arg: Option<&Argument>) -> Option<(String, Range<usize>)> {
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
        let frame = self.frames.last().copied().unwrap_or_default();
        let (unit, direct) = (frame.unit, frame.direct);
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
                guards: self.guards.clone(),
                unit,
                direct,
                in_timer: frame.timer,
            });
        } else {
            if !self.guards.is_empty() {
                let name = match callee {
                    Expression::Identifier(id) => Some(id.name.as_str()),
                    Expression::StaticMemberExpression(m)
                        if matches!(m.object, Expression::ThisExpression(_)) =>
                    {
                        Some(m.property.name.as_str())
                    }
                    _ => None,
                };
                if let Some(name) = name {
                    self.facts
                        .guarded_calls
                        .push((name.to_string(), self.guards.clone()));
                }
            }
            self.note_flow(it, callee, unit, direct);
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        // const ok = wx.canIUse('x'): `if (ok)` is a guard of `x`.
        if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&it.id, &it.init) {
            // Only the shapes a guard can take (most initialisers are not tests).
            let testable = matches!(
                init.get_inner_expression(),
                Expression::CallExpression(_)
                    | Expression::UnaryExpression(_)
                    | Expression::BinaryExpression(_)
                    | Expression::LogicalExpression(_)
                    | Expression::StaticMemberExpression(_)
            );
            if testable {
                let len = self.guards.len();
                self.guard_tests(init, true, 0);
                let found: Vec<String> = self.guards.drain(len..).collect();
                if !found.is_empty() {
                    self.guard_names.insert(id.name.to_string(), found);
                }
            }
        }
        // const share = () => { … } at the top level: a unit.
        if let (true, BindingPattern::BindingIdentifier(id), Some(init)) =
            (self.frames.is_empty(), &it.id, &it.init)
        {
            if let Some(start) = function_start(init) {
                self.add_unit(
                    id.name.as_str(),
                    UnitKind::Function,
                    start,
                    range(init.span()),
                );
            }
        }
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

    fn visit_function(&mut self, it: &Function<'a>, flags: oxc_syntax::scope::ScopeFlags) {
        if self.frames.is_empty() && it.is_declaration() {
            if let Some(id) = &it.id {
                self.add_unit(
                    id.name.as_str(),
                    UnitKind::Function,
                    it.span.start,
                    range(it.span),
                );
            }
        }
        self.enter_function(it.span.start);
        walk::walk_function(self, it, flags);
        self.frames.pop();
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.enter_function(it.span.start);
        walk::walk_arrow_function_expression(self, it);
        self.frames.pop();
    }

    fn visit_if_statement(&mut self, it: &IfStatement<'a>) {
        self.visit_expression(&it.test);
        let len = self.guards.len();
        self.guard_tests(&it.test, true, 0);
        self.visit_statement(&it.consequent);
        self.guards.truncate(len);
        if let Some(alternate) = &it.alternate {
            self.guard_tests(&it.test, false, 0);
            self.visit_statement(alternate);
            self.guards.truncate(len);
        }
    }

    fn visit_conditional_expression(&mut self, it: &ConditionalExpression<'a>) {
        self.visit_expression(&it.test);
        let len = self.guards.len();
        self.guard_tests(&it.test, true, 0);
        self.visit_expression(&it.consequent);
        self.guards.truncate(len);
        self.guard_tests(&it.test, false, 0);
        self.visit_expression(&it.alternate);
        self.guards.truncate(len);
    }

    fn visit_logical_expression(&mut self, it: &LogicalExpression<'a>) {
        self.visit_expression(&it.left);
        let len = self.guards.len();
        match it.operator {
            LogicalOperator::And => self.guard_tests(&it.left, true, 0),
            LogicalOperator::Or => self.guard_tests(&it.left, false, 0),
            LogicalOperator::Coalesce => {}
        }
        self.visit_expression(&it.right);
        self.guards.truncate(len);
    }

    /// `if (!wx.canIUse('x')) return` guards the rest of the block.
    fn visit_statements(&mut self, it: &oxc_allocator::Vec<'a, Statement<'a>>) {
        let len = self.guards.len();
        for st in it {
            self.visit_statement(st);
            if let Statement::IfStatement(i) = st {
                if i.alternate.is_none() && exits(&i.consequent) {
                    self.guard_tests(&i.test, false, 0);
                }
            }
        }
        self.guards.truncate(len);
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

    #[test]
    fn guards_of_each_form() {
        let f = facts(
            r#"
wx.a()
if (wx.canIUse('b.object.x')) wx.b()
if (typeof wx.c === 'function' && ok) { wx.c() } else { wx.c2() }
if (!wx.d) { wx.d0() } else { wx.d() }
const e = wx.canIUse('e') ? wx.e() : null
wx.f && wx.f()
function g() {
  if (typeof uni.g !== 'function') return
  uni.g()
}
wx.g()
const ok = wx.canIUse('h')
if (ok) wx.h()
if (compareVersion(wx.getAppBaseInfo().SDKVersion, '3.12.0') >= 0) wx.i()
"#,
        );
        let guarded: Vec<(String, Vec<String>)> = f
            .calls
            .iter()
            .filter(|c| !["canIUse", "getAppBaseInfo"].contains(&c.api.as_str()))
            .map(|c| (c.api.clone(), c.guards.clone()))
            .collect();
        let g = |api: &str, guards: &[&str]| {
            (
                api.to_string(),
                guards.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            guarded,
            [
                g("a", &[]),
                g("b", &["b"]),
                g("c", &["c"]),
                g("c2", &[]),
                g("d0", &[]),
                g("d", &["d"]),
                g("e", &["e"]),
                g("f", &["f"]),
                g("g", &["g"]),
                g("g", &[]),
                g("h", &["h"]),
                g("i", &["*"]),
            ]
        );
    }

    #[test]
    fn units_and_edges() {
        let f = facts(
            r#"
function helper() { wx.shareFileToGroup({}) }
Page({
  onLoad() {
    this.prepare()
    setTimeout(() => helper(), 10)
    wx.request({ success: () => wx.shareImageToGroup({}) })
  },
  prepare() {},
})
"#,
        );
        let names: Vec<(&str, UnitKind)> =
            f.units.iter().map(|u| (u.name.as_str(), u.kind)).collect();
        assert_eq!(
            names,
            [
                ("helper", UnitKind::Function),
                ("onLoad", UnitKind::Lifecycle),
                ("prepare", UnitKind::Method)
            ]
        );
        assert_eq!(f.units[1].this_calls, ["prepare"]);
        assert_eq!(f.units[1].fn_calls, ["helper"]);
        let share = f
            .calls
            .iter()
            .find(|c| c.api == "shareImageToGroup")
            .unwrap();
        assert_eq!((share.unit, share.direct), (Some(1), false));
        let file = f
            .calls
            .iter()
            .find(|c| c.api == "shareFileToGroup")
            .unwrap();
        assert_eq!((file.unit, file.direct), (Some(0), true));
    }
}
