//! The size WeChat measures: each uploaded file as WeChat's compiler would emit it under the
//! project's settings (`setting.minified`, `minifyWXSS`, `minifyWXML`, `es6`, `postcss`, compiler
//! plugins; project.private.config.json overrides). Measured against miniprogram-ci's
//! `getCompiledResult` (scripts/measure-compiled-size.sh, docs/size.md):
//! - JavaScript is left byte for byte unless `minified` (terser) or `es6` (babel to ES5 with
//!   `@babel/runtime` helpers, copied into the package); here oxc minifies it, and the babel
//!   overhead is counted per helper a file needs;
//! - WXSS: comments and whitespace out (cssnano) when `minifyWXSS`, vendor prefixes in when
//!   `postcss`;
//! - WXML: comments, whitespace between tags and inside `{{ }}` out when `minifyWXML`;
//! - the JSON of each page and component in use is written compactly (with
//!   `"usingComponents":{}` added when missing), whatever the settings; other JSON as it is;
//! - `.wxs` and binaries byte for byte.
//!
//! TypeScript is stripped of its types before it is measured; less and sass are counted as the
//! CSS they would produce when they hold plain CSS (their variables and mixins are counted at
//! source size, minified as WXSS).

use std::collections::HashSet;

use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_codegen::{Codegen, CodegenOptions};
use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;

use super::{extname, Counted, Estimate, PackageEstimate, Upload};
use crate::i18n::Msg;
use crate::msg;
use crate::project::Project;

pub use crate::project::CompileSettings;

impl CompileSettings {
    pub fn of(project: &Project) -> CompileSettings {
        project.settings.compile
    }

    /// `minified, minifyWXSS, minifyWXML, es6, postcss; plugins typescript, less` — what was
    /// assumed.
    pub fn describe(&self, project: &Project) -> Msg {
        let mut on: Vec<&str> = Vec::new();
        for (set, name) in [
            (self.minified, "minified"),
            (self.minify_wxss, "minifyWXSS"),
            (self.minify_wxml, "minifyWXML"),
            (self.es6, "es6"),
            (self.postcss, "postcss"),
        ] {
            if set {
                on.push(name);
            }
        }
        let plugins = project.settings.compiler_plugins.join(", ");
        let on_en = if on.is_empty() {
            "no minification".to_string()
        } else {
            on.join(", ")
        };
        let on_zh = if on.is_empty() {
            "不压缩".to_string()
        } else {
            on.join("、")
        };
        // The Chinese form goes inside 「编译设置（…）」.
        let plugins_zh = project.settings.compiler_plugins.join("、");
        if plugins.is_empty() {
            msg!("settings: {on_en}", "{on_zh}")
        } else {
            msg!(
                "settings: {on_en}; compiler plugins: {plugins}",
                "{on_zh}；编译插件 {plugins_zh}"
            )
        }
    }
}

/// Fill `compiled` of every file of `packages` and the packages' totals, reading the text files
/// on every core. Binaries count byte for byte.
pub fn compile(project: &Project, est: &mut Estimate) {
    let settings = CompileSettings::of(project);
    let used = used_json(project, est);
    for p in &mut est.packages {
        compile_package(project, settings, &used, p);
    }
}

/// The same for one package (the lint rule's path).
/// A package file's bytes, through the cache's recorder (the compiled size depends on content, not
/// only on the sizes the walk noted).
fn read_file(project: &Project, rel: &str) -> Option<Vec<u8>> {
    match crate::cache::record::read(&project.mp_root.join(rel), u64::MAX / 2) {
        crate::cache::record::ReadOutcome::Bytes(b) => Some(b),
        _ => None,
    }
}

pub fn compile_one(project: &Project, p: &mut PackageEstimate) {
    let settings = CompileSettings::of(project);
    let used = used_json_of(project, std::slice::from_ref(&*p));
    compile_package(project, settings, &used, p);
}

fn compile_package(
    project: &Project,
    settings: CompileSettings,
    used: &HashSet<String>,
    p: &mut PackageEstimate,
) {
    for f in &mut p.files {
        f.compiled = f.bytes;
    }
    // Largest first, so that the cores finish together: a few large files dominate.
    let mut texts: Vec<usize> = (0..p.files.len())
        .filter(|&i| !p.files[i].is_binary())
        .collect();
    texts.sort_by_key(|&i| std::cmp::Reverse(p.files[i].bytes));
    let files = &p.files;
    let results = crate::parallel::map(
        &texts,
        16,
        || (),
        |&i, _| {
            let f = &files[i];
            // A compiler that panics on odd input leaves the file at its source size: the
            // estimate must not take the lint down with it.
            let (size, helpers) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                compiled_size(project, settings, used, f)
            }))
            .unwrap_or((f.bytes, Helpers::default()));
            (i, size, helpers)
        },
    );
    let mut helpers = Helpers::default();
    for (i, size, h) in results {
        p.files[i].compiled = size;
        helpers.0 |= h.0;
    }
    p.compiled_bytes = p.files.iter().map(|f| f.compiled).sum::<u64>() + helpers.package_bytes();
    p.helper_bytes = helpers.package_bytes();
}

/// The compiled size of one file.
fn compiled_size(
    project: &Project,
    settings: CompileSettings,
    used: &HashSet<String>,
    f: &Counted,
) -> (u64, Helpers) {
    let ext = extname(&f.path);
    let read = || read_file(project, &f.path);
    match (f.upload, ext) {
        (Upload::AsIs { .. }, ".js") | (Upload::Compiled { .. }, ".ts") => {
            let ts = ext == ".ts";
            if !settings.minified && !settings.es6 && !ts {
                return (f.bytes, Helpers::default());
            }
            let Some(src) = read() else {
                return (f.bytes, Helpers::default());
            };
            let Ok(src) = std::str::from_utf8(&src) else {
                return (f.bytes, Helpers::default());
            };
            js(src, ts, settings, &f.path).unwrap_or((f.bytes, Helpers::default()))
        }
        (_, ".wxss" | ".less" | ".scss" | ".sass") => {
            if !settings.minify_wxss && !settings.postcss {
                return (f.bytes, Helpers::default());
            }
            let Some(src) = read() else {
                return (f.bytes, Helpers::default());
            };
            let src = String::from_utf8_lossy(&src);
            (wxss(&src, settings) as u64, Helpers::default())
        }
        (_, ".wxml") if settings.minify_wxml => {
            let Some(src) = read() else {
                return (f.bytes, Helpers::default());
            };
            (
                wxml(&String::from_utf8_lossy(&src)) as u64,
                Helpers::default(),
            )
        }
        (_, ".json") if used.contains(&f.path) || f.path == "app.json" => {
            let Some(src) = read() else {
                return (f.bytes, Helpers::default());
            };
            let component = f.path != "app.json";
            (json(&src, component).unwrap_or(f.bytes), Helpers::default())
        }
        _ => (f.bytes, Helpers::default()),
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

/// app.json, or a page or component configuration, as WeChat writes it: compact, and with
/// `usingComponents` for a page or component.
fn json(src: &[u8], component: bool) -> Option<u64> {
    let text = std::str::from_utf8(src).ok()?;
    let mut v: serde_json::Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    if let (serde_json::Value::Object(o), true) = (&mut v, component) {
        o.entry("usingComponents")
            .or_insert_with(|| serde_json::Value::Object(Default::default()));
    }
    Some(serde_json::to_string(&v).ok()?.len() as u64)
}

/// The `.json` of every page of the packages and every component they use (through
/// `usingComponents`, transitively), relative to miniprogramRoot: the files WeChat compiles.
fn used_json(project: &Project, est: &Estimate) -> HashSet<String> {
    used_json_of(project, &est.packages)
}

fn used_json_of(project: &Project, packages: &[PackageEstimate]) -> HashSet<String> {
    // Only `.json` paths are ever looked up: a set of every file was 3 % of `size` on a large
    // tree, on the one thread that the others wait for.
    let present: HashSet<&str> = packages
        .iter()
        .flat_map(|p| p.files.iter().map(|f| f.path.as_str()))
        .filter(|p| p.ends_with(".json"))
        .collect();
    let model = &project.model;
    let mut queue: Vec<String> = Vec::new();
    for p in packages {
        let pages: Vec<String> = match p.kind {
            super::PackageKind::Main => model.pages.iter().map(|pg| pg.path.clone()).collect(),
            super::PackageKind::Sub { index } => model
                .subpackages
                .iter()
                .find(|s| s.index == index)
                .map(|s| {
                    s.pages
                        .iter()
                        .map(|pg| format!("{}/{}", p.root, pg.path))
                        .collect()
                })
                .unwrap_or_default(),
        };
        queue.extend(pages.into_iter().map(|p| format!("{p}.json")));
    }
    // app.json's own components are used by every page.
    if let Some(app) = project.app.value.as_ref() {
        for target in using(app) {
            queue.extend(component_json(&target, "", &present));
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    while let Some(path) = queue.pop() {
        if !present.contains(path.as_str()) || !seen.insert(path.clone()) {
            continue;
        }
        let Some(v) = read_file(project, &path)
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        else {
            continue;
        };
        let dir = path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        for target in using(&v) {
            queue.extend(component_json(&target, dir, &present));
        }
    }
    seen
}

/// The targets of `usingComponents` (and `componentGenerics` defaults) of a configuration.
fn using(v: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(o) = v.get("usingComponents").and_then(|u| u.as_object()) {
        out.extend(o.values().filter_map(|t| t.as_str().map(String::from)));
    }
    if let Some(o) = v.get("componentGenerics").and_then(|u| u.as_object()) {
        for g in o.values() {
            if let Some(d) = g.get("default").and_then(|d| d.as_str()) {
                out.push(d.to_string());
            }
        }
    }
    out
}

/// The JSON file a `usingComponents` target names, relative to miniprogramRoot (`from` is the
/// folder of the configuration naming it).
fn component_json(target: &str, from: &str, present: &HashSet<&str>) -> Option<String> {
    if target.contains("://") {
        return None; // plugin:// and ext:// components are not in the package
    }
    let joined = if let Some(abs) = target.strip_prefix('/') {
        abs.to_string()
    } else if target.starts_with('.') {
        format!("{from}/{target}")
    } else {
        // A bare name: miniprogram_npm beside the page or at the root, else from the root.
        let npm = format!("miniprogram_npm/{target}");
        [format!("{from}/{npm}"), npm, target.to_string()]
            .into_iter()
            .map(|p| normalise(&p))
            .find(|p| present.contains(format!("{p}.json").as_str()))
            .unwrap_or_else(|| target.to_string())
    };
    let base = normalise(&joined);
    [format!("{base}.json"), format!("{base}/index.json")]
        .into_iter()
        .find(|p| present.contains(p.as_str()))
}

/// Resolve `.` and `..` of a `/`-separated path.
fn normalise(p: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

// ---------------------------------------------------------------------------------------------
// JavaScript

/// The babel helpers (`@babel/runtime/helpers/*`) WeChat's ES5 compile copies into the package,
/// one bit each, and the size of each copy (minified, as miniprogram-ci 2.1 writes them).
#[derive(Clone, Copy, Debug, Default)]
struct Helpers(u32);

/// (name, bytes of the helper file). Bytes measured from miniprogram-ci's output.
const HELPERS: &[(&str, u64)] = &[
    ("interopRequireDefault", 133),
    ("classCallCheck", 139),
    ("createClass", 421 + 196 + 343 + 286),
    ("inherits", 372 + 209),
    ("createSuper", 458 + 225 + 320 + 359 + 182),
    ("defineProperty", 227),
    ("objectSpread2", 696),
    ("slicedToArray", 377 + 88 + 453 + 436 + 155 + 221),
    ("toConsumableArray", 379 + 163 + 161 + 220),
    ("regeneratorRuntime", 6772),
    ("asyncToGenerator", 700),
    ("typeof", 286),
    ("Arrayincludes", 378),
    ("Objectentries", 131),
    ("interopRequireWildcard", 681),
];

impl Helpers {
    fn add(&mut self, name: &str) {
        if let Some(i) = HELPERS.iter().position(|(n, _)| *n == name) {
            self.0 |= 1 << i;
        }
    }

    fn count(&self) -> u32 {
        self.0.count_ones()
    }

    /// The bytes of the helper files (each once per package).
    fn package_bytes(&self) -> u64 {
        HELPERS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, (_, b))| *b)
            .sum()
    }
}

/// Which ES2015+ features of a file babel rewrites with a helper, and the bytes its CommonJS
/// rewrite of `import`/`export` adds (minified).
#[derive(Default)]
struct Es6Features<'a> {
    helpers: Helpers,
    module: bool,
    /// Bytes the ES module → CommonJS rewrite adds.
    cjs: u64,
    /// Local names of imported bindings, with the length of the name they import.
    imported: Vec<(&'a str, u64)>,
    arrows: u64,
    templates: u64,
}

impl<'a> Visit<'a> for Es6Features<'a> {
    fn visit_export_all_declaration(&mut self, it: &ExportAllDeclaration<'a>) {
        self.module = true;
        // `var e=require("x");Object.keys(e).forEach((function(r){…}));`
        self.cjs += 190 + it.source.value.len() as u64;
    }
    fn visit_export_named_declaration(&mut self, it: &ExportNamedDeclaration<'a>) {
        self.module = true;
        for s in &it.specifiers {
            // `exports.a=void 0` in the prologue and `exports.a=a` (or a getter when re-exported).
            let n = s.exported.name().len() as u64;
            self.cjs += 2 * n + 20;
        }
        walk::walk_export_named_declaration(self, it);
    }
    fn visit_export_declaration(&mut self, it: &ExportDeclaration<'a>) {
        self.module = true;
        let mut names = 0u64;
        let mut count = 0u64;
        match &it.declaration {
            Declaration::VariableDeclaration(v) => {
                for d in &v.declarations {
                    for id in d.id.get_binding_identifiers() {
                        names += id.name.len() as u64;
                        count += 1;
                    }
                }
            }
            Declaration::FunctionDeclaration(f) => {
                // Hoisted: `exports.name=function…` or `exports.name=t` where it is used,
                // with no entry in the prologue.
                if let Some(id) = &f.id {
                    self.cjs += id.name.len() as u64 + 10;
                }
            }
            Declaration::ClassDeclaration(c) => {
                if let Some(id) = &c.id {
                    names += id.name.len() as u64;
                    count += 1;
                }
            }
            _ => {}
        }
        // A name in the prologue, and `exports.name=` where it is set; names are not mangled.
        self.cjs += 2 * names + 18 * count;
        walk::walk_export_declaration(self, it);
    }
    fn visit_export_default_declaration(&mut self, it: &ExportDefaultDeclaration<'a>) {
        self.module = true;
        self.cjs += 30;
        walk::walk_export_default_declaration(self, it);
    }
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        if let Some((_, n)) = self.imported.iter().find(|(l, _)| *l == it.name.as_str()) {
            // `e.name` instead of a mangled local.
            self.cjs += 1 + n;
        }
    }
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if let Expression::Identifier(id) = &it.callee {
            if self.imported.iter().any(|(l, _)| *l == id.name.as_str()) {
                self.cjs += 4; // `(0,e.name)(…)`
            }
        }
        walk::walk_call_expression(self, it);
    }
    fn visit_template_literal(&mut self, it: &TemplateLiteral<'a>) {
        // "".concat(a, "b") for each expression.
        self.templates += 10 * it.expressions.len() as u64;
        walk::walk_template_literal(self, it);
    }
    fn visit_class(&mut self, it: &Class<'a>) {
        self.helpers.add("classCallCheck");
        self.helpers.add("createClass");
        if it.heritage.is_some() {
            self.helpers.add("inherits");
            self.helpers.add("createSuper");
        }
        walk::walk_class(self, it);
    }
    fn visit_object_expression(&mut self, it: &ObjectExpression<'a>) {
        if it
            .properties
            .iter()
            .any(|p| matches!(p, ObjectPropertyKind::SpreadProperty(_)))
        {
            self.helpers.add("objectSpread2");
            self.helpers.add("defineProperty");
        } else if it
            .properties
            .iter()
            .any(|p| matches!(p, ObjectPropertyKind::ObjectProperty(p) if p.computed))
        {
            self.helpers.add("defineProperty");
        }
        walk::walk_object_expression(self, it);
    }
    fn visit_array_pattern(&mut self, it: &ArrayPattern<'a>) {
        self.helpers.add("slicedToArray");
        walk::walk_array_pattern(self, it);
    }
    fn visit_array_expression(&mut self, it: &ArrayExpression<'a>) {
        if it
            .elements
            .iter()
            .any(|e| matches!(e, ArrayExpressionElement::SpreadElement(_)))
        {
            self.helpers.add("toConsumableArray");
        }
        walk::walk_array_expression(self, it);
    }
    fn visit_function(&mut self, it: &Function<'a>, flags: oxc_syntax::scope::ScopeFlags) {
        if it.r#async || it.generator {
            self.helpers.add("regeneratorRuntime");
            self.helpers.add("asyncToGenerator");
        }
        walk::walk_function(self, it, flags);
    }
    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        if it.r#async {
            self.helpers.add("regeneratorRuntime");
            self.helpers.add("asyncToGenerator");
        }
        self.arrows += 1;
        walk::walk_arrow_function_expression(self, it);
    }
    fn visit_unary_expression(&mut self, it: &UnaryExpression<'a>) {
        if it.operator == UnaryOperator::Typeof {
            self.helpers.add("typeof");
        }
        walk::walk_unary_expression(self, it);
    }
    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        self.module = true;
        for s in it.specifiers.iter().flatten() {
            let imported = match s {
                ImportDeclarationSpecifier::ImportSpecifier(s) => s.imported.name().len(),
                _ => 7,
            };
            self.imported
                .push((s.local().name.as_str(), imported as u64));
        }
        let star = it
            .specifiers
            .iter()
            .flatten()
            .any(|s| matches!(s, ImportDeclarationSpecifier::ImportNamespaceSpecifier(_)));
        self.helpers.add(if star {
            "interopRequireWildcard"
        } else {
            "interopRequireDefault"
        });
    }
    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        match it.property.name.as_str() {
            "includes" => self.helpers.add("Arrayincludes"),
            "entries" if matches!(&it.object, Expression::Identifier(o) if o.name == "Object") => {
                self.helpers.add("Objectentries")
            }
            _ => {}
        }
        walk::walk_static_member_expression(self, it);
    }
}

/// The compiled size of a script, and the babel helpers it needs (with `es6`).
fn js(src: &str, ts: bool, settings: CompileSettings, path: &str) -> Option<(u64, Helpers)> {
    let allocator = Allocator::default();
    let source_type = if ts {
        SourceType::ts()
    } else {
        SourceType::unambiguous()
    };
    let ret = Parser::new(&allocator, src, source_type).parse();
    if ret.panicked || ret.diagnostics.has_errors() {
        return None;
    }
    let mut program = ret.program;
    if ts {
        strip_types(&allocator, &mut program);
    }
    let mut helpers = Helpers::default();
    let mut es5 = 0u64;
    if settings.es6 {
        let mut f = Es6Features::default();
        // Imports first, so references to them are known.
        for s in &program.body {
            if let Statement::ImportDeclaration(i) = s {
                f.visit_import_declaration(i);
            }
        }
        for s in &program.body {
            if !matches!(s, Statement::ImportDeclaration(_)) {
                f.visit_statement(s);
            }
        }
        helpers = f.helpers;
        // `"use strict";Object.defineProperty(exports,"__esModule",{value:!0});`, then the
        // rewrites; an arrow becomes `function(){return …}`.
        es5 = if f.module { 49 } else { 0 } + f.cjs + f.templates + 12 * f.arrows;
    }
    let mut size = if settings.minified {
        let options = MinifierOptions {
            mangle: Some(MangleOptions {
                top_level: Some(true),
                ..MangleOptions::default()
            }),
            mangle_properties: None,
            compress: Some(CompressOptions::smallest()),
        };
        let ret = Minifier::new(options).minify(&allocator, &mut program);
        Codegen::new()
            .with_options(CodegenOptions::minify())
            .with_scoping(ret.scoping)
            .build(&program)
            .code
            .len() as u64
    } else if ts {
        Codegen::new().build(&program).code.len() as u64
    } else {
        src.len() as u64
    };
    if settings.es6 {
        // Babel's ES5 output: `"use strict";`, the module rewrite, and one
        // `require("<up to the miniprogramRoot>/<package>/@babel/runtime/helpers/<name>")` per
        // helper.
        let depth = path.matches('/').count() as u64;
        let per_require = 50 + 3 * depth + 16;
        size += 13 + es5 + u64::from(helpers.count()) * per_require;
        if !settings.minified {
            // Unminified babel output re-prints the code: about as long as the source.
            size += u64::from(helpers.count()) * 8;
        }
    }
    Some((size, helpers))
}

/// Remove TypeScript-only syntax (types, interfaces, `declare`, `as`, `!`), as the typescript
/// compiler plugin does before WeChat compiles the JavaScript.
fn strip_types<'a>(allocator: &'a Allocator, program: &mut Program<'a>) {
    use oxc_ast_visit::VisitMut;
    struct Strip<'a> {
        allocator: &'a Allocator,
    }
    impl<'a> VisitMut<'a> for Strip<'a> {
        fn visit_statements(&mut self, it: &mut oxc_allocator::Vec<'a, Statement<'a>>) {
            it.retain(|s| {
                !matches!(
                    s,
                    Statement::TSTypeAliasDeclaration(_) | Statement::TSInterfaceDeclaration(_)
                ) && !s.as_declaration().is_some_and(|d| d.declare())
                    && !matches!(s, Statement::ImportDeclaration(i) if i.import_kind.is_type())
                    && !matches!(s, Statement::ExportNamedDeclaration(e) if e.export_kind.is_type())
                    && !matches!(s, Statement::ExportDeclaration(e)
                        if e.declaration.is_type() || e.declaration.declare())
            });
            oxc_ast_visit::walk_mut::walk_statements(self, it);
        }
        fn visit_expression(&mut self, it: &mut Expression<'a>) {
            loop {
                let inner = match it {
                    Expression::TSAsExpression(e) => Some(&mut e.expression),
                    Expression::TSSatisfiesExpression(e) => Some(&mut e.expression),
                    Expression::TSNonNullExpression(e) => Some(&mut e.expression),
                    Expression::TSTypeAssertion(e) => Some(&mut e.expression),
                    Expression::TSInstantiationExpression(e) => Some(&mut e.expression),
                    _ => None,
                };
                let Some(inner) = inner else { break };
                let taken = oxc_allocator::TakeIn::take_in(inner, &self.allocator);
                *it = taken;
            }
            oxc_ast_visit::walk_mut::walk_expression(self, it);
        }
        fn visit_ts_type_annotation(&mut self, _: &mut TSTypeAnnotation<'a>) {}
        fn visit_formal_parameter(&mut self, it: &mut FormalParameter<'a>) {
            it.type_annotation = None;
            it.accessibility = None;
            oxc_ast_visit::walk_mut::walk_formal_parameter(self, it);
        }
        fn visit_variable_declarator(&mut self, it: &mut VariableDeclarator<'a>) {
            it.type_annotation = None;
            it.definite = false;
            oxc_ast_visit::walk_mut::walk_variable_declarator(self, it);
        }
        fn visit_function(&mut self, it: &mut Function<'a>, flags: oxc_syntax::scope::ScopeFlags) {
            it.type_parameters = None;
            it.return_type = None;
            it.this_param = None;
            oxc_ast_visit::walk_mut::walk_function(self, it, flags);
        }
        fn visit_arrow_function_expression(&mut self, it: &mut ArrowFunctionExpression<'a>) {
            it.type_parameters = None;
            it.return_type = None;
            oxc_ast_visit::walk_mut::walk_arrow_function_expression(self, it);
        }
        fn visit_class(&mut self, it: &mut Class<'a>) {
            it.type_parameters = None;
            if let Some(h) = &mut it.heritage {
                h.type_arguments = None;
            }
            it.implements.clear();
            it.body.body.retain(|e| {
                !matches!(e, ClassElement::TSIndexSignature(_))
                    && !matches!(e, ClassElement::PropertyDefinition(p) if p.declare)
            });
            oxc_ast_visit::walk_mut::walk_class(self, it);
        }
        fn visit_property_definition(&mut self, it: &mut PropertyDefinition<'a>) {
            it.type_annotation = None;
            it.accessibility = None;
            it.definite = false;
            it.optional = false;
            oxc_ast_visit::walk_mut::walk_property_definition(self, it);
        }
        fn visit_method_definition(&mut self, it: &mut MethodDefinition<'a>) {
            it.accessibility = None;
            it.optional = false;
            oxc_ast_visit::walk_mut::walk_method_definition(self, it);
        }
        fn visit_call_expression(&mut self, it: &mut CallExpression<'a>) {
            it.type_arguments = None;
            oxc_ast_visit::walk_mut::walk_call_expression(self, it);
        }
        fn visit_new_expression(&mut self, it: &mut NewExpression<'a>) {
            it.type_arguments = None;
            oxc_ast_visit::walk_mut::walk_new_expression(self, it);
        }
    }
    Strip { allocator }.visit_program(program);
}

// ---------------------------------------------------------------------------------------------
// WXSS

/// Declarations autoprefixer (WeChat's `postcss`) prefixes with `-webkit-` for WeChat's
/// browser list.
const PREFIXED: &[&str] = &[
    "transform",
    "transition",
    "animation",
    "user-select",
    "appearance",
    "backdrop-filter",
    "mask",
    "mask-image",
    "box-orient",
    "line-clamp",
    "flex",
    "flex-direction",
    "flex-wrap",
    "flex-flow",
    "flex-grow",
    "flex-shrink",
    "flex-basis",
    "align-items",
    "align-self",
    "align-content",
    "justify-content",
    "order",
];

/// The size of a style sheet after WeChat's WXSS compile: minified (comments and whitespace out,
/// the last `;` of a block out, quotes as `"`) when `minifyWXSS`, prefixed when `postcss`.
fn wxss(src: &str, settings: CompileSettings) -> usize {
    let min = minify_css(src);
    let mut size = if settings.minify_wxss {
        min.len()
    } else {
        src.len()
    };
    if settings.postcss {
        size += prefix_bytes(&min, settings.minify_wxss);
    }
    size
}

/// Comments and insignificant whitespace out.
pub fn minify_css(src: &str) -> String {
    let b = src.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    let mut pending_space = false;
    let strip_around = |c: u8| matches!(c, b'{' | b'}' | b';' | b':' | b',' | b'>' | b'(');
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let end = src[i + 2..]
                .find("*/")
                .map(|e| i + 2 + e + 2)
                .unwrap_or(b.len());
            i = end;
            continue;
        }
        if c == b'"' || c == b'\'' {
            if pending_space && out.last().is_some_and(|&l| !strip_around(l)) {
                out.push(b' ');
            }
            pending_space = false;
            let start = i;
            i += 1;
            while i < b.len() && b[i] != c {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
            out.push(b'"');
            out.extend_from_slice(&b[start + 1..i.saturating_sub(1).max(start + 1)]);
            out.push(b'"');
            continue;
        }
        if c.is_ascii_whitespace() {
            pending_space = true;
            i += 1;
            continue;
        }
        if pending_space {
            // Before `:`, a space matters in a selector (`.a :hover`), not in a declaration.
            let declaration = c == b':'
                && !matches!(src[i..].find(['{', ';', '}']).map(|e| b[i + e]), Some(b'{'));
            let keep = out.last().is_some_and(|&l| !strip_around(l))
                && !matches!(c, b'{' | b'}' | b';' | b',' | b'>' | b')' | b'!')
                && !declaration;
            if keep {
                out.push(b' ');
            }
            pending_space = false;
        }
        if c == b'}' && out.last() == Some(&b';') {
            out.pop();
        }
        out.push(c);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The bytes autoprefixer adds to a (minified) sheet: a `-webkit-` copy of each prefixed
/// declaration and of each `@keyframes` block.
fn prefix_bytes(min: &str, minified: bool) -> usize {
    let mut added = 0;
    let sep = if minified { 1 } else { 4 };
    // @keyframes blocks: the whole block again, with `-webkit-`.
    let mut rest = min;
    while let Some(i) = rest.find("@keyframes") {
        let block = &rest[i..];
        let mut depth = 0;
        let mut end = block.len();
        for (j, ch) in block.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        added += end + 8;
        rest = &block[end..];
    }
    // Declarations: `{` or `;` then the property then `:`.
    let bytes = min.as_bytes();
    for (i, _) in min.match_indices(':') {
        let start = min[..i].rfind(['{', ';']).map(|s| s + 1).unwrap_or(0);
        let prop = &min[start..i];
        let end = min[i..]
            .find([';', '}'])
            .map(|e| i + e)
            .unwrap_or(bytes.len());
        let value = &min[i + 1..end];
        let flex_display = prop == "display" && matches!(value, "flex" | "inline-flex");
        if !PREFIXED.contains(&prop) && !flex_display {
            continue;
        }
        // Already prefixed by hand: the declaration before is the `-webkit-` one.
        let before = &min[..start.saturating_sub(1)];
        let prev = &before[before.rfind(['{', ';']).map(|s| s + 1).unwrap_or(0)..];
        if prev.starts_with("-webkit-") || prev.starts_with("display:-webkit-") {
            continue;
        }
        // `display:-webkit-flex;` before `display:flex`, `-webkit-x:…;` before `x:…`.
        added += "-webkit-".len() + (end - start) + sep;
    }
    added
}

// ---------------------------------------------------------------------------------------------
// WXML

/// The size of a template after WeChat's `minifyWXML`: comments out, whitespace between tags out,
/// runs of whitespace inside tags and text as one space, whitespace inside `{{ }}` out (outside
/// strings), `<a />` as `<a/>`.
pub fn wxml(src: &str) -> usize {
    minify_wxml(src).len()
}

pub fn minify_wxml(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut rest = src;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.find("-->").map(|e| &r[e + 3..]).unwrap_or("");
            continue;
        }
        if rest.starts_with('<') {
            // A tag: up to the `>` outside quotes.
            let b = rest.as_bytes();
            let mut i = 1;
            let mut quote = 0u8;
            while i < b.len() {
                match b[i] {
                    q @ (b'"' | b'\'') if quote == 0 => quote = q,
                    q if q == quote => quote = 0,
                    b'>' if quote == 0 => break,
                    _ => {}
                }
                i += 1;
            }
            let end = (i + 1).min(rest.len());
            tag(&rest[..end], &mut out);
            let name = rest[1..end]
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .unwrap_or("");
            rest = &rest[end..];
            // wxs and inline scripts are kept as written.
            if name == "wxs" && !out.ends_with("/>") {
                if let Some(e) = rest.find("</wxs>") {
                    out.push_str(&rest[..e]);
                    rest = &rest[e..];
                }
            }
            continue;
        }
        // Text up to the next tag.
        let end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..end];
        if !text.trim().is_empty() {
            let collapsed = collapse(text.trim());
            out.push_str(&expressions(&collapsed));
        }
        rest = &rest[end..];
    }
    out
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// A tag with its attributes' whitespace collapsed.
fn tag(t: &str, out: &mut String) {
    let mut quote: Option<char> = None;
    let mut space = false;
    let mut value = String::new();
    for c in t.chars() {
        if let Some(q) = quote {
            if c == q {
                out.push_str(&expressions(&value));
                value.clear();
                out.push(c);
                quote = None;
            } else {
                value.push(c);
            }
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !matches!(c, '>' | '/' | '=') && !out.ends_with('=') && !out.ends_with('<') {
            out.push(' ');
        }
        space = false;
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
        out.push(c);
    }
    if quote.is_some() {
        out.push_str(&value);
    }
}

/// Whitespace inside `{{ }}` out, except inside strings and between two word characters.
fn expressions(s: &str) -> String {
    if !s.contains("{{") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        let inner = &rest[i + 2..];
        let Some(e) = inner.find("}}") else {
            out.push_str(&rest[i..]);
            return out;
        };
        out.push_str("{{");
        let mut quote: Option<char> = None;
        let mut space = false;
        for c in inner[..e].chars() {
            if let Some(q) = quote {
                out.push(c);
                if c == q {
                    quote = None;
                }
                continue;
            }
            if c.is_whitespace() {
                space = true;
                continue;
            }
            let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
            if space && out.chars().last().is_some_and(word) && word(c) {
                out.push(' ');
            }
            space = false;
            if c == '"' || c == '\'' {
                quote = Some(c);
            }
            out.push(c);
        }
        out.push_str("}}");
        rest = &inner[e + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css() {
        assert_eq!(
            minify_css("/* c */\n.a  .b ,\n.c > .d {\n  color : red;\n  content: 'x';\n}\n"),
            ".a .b,.c>.d{color:red;content:\"x\"}"
        );
        assert_eq!(
            minify_css("a{width: calc(100% - 2px) !important;}"),
            "a{width:calc(100% - 2px)!important}"
        );
    }

    #[test]
    fn templates() {
        assert_eq!(
            minify_wxml("<!-- x -->\n<view  class=\"a\"\n  wx:if=\"{{ a > 1 || b }}\" >\n  列表 {{ n }}\n</view>\n<image src=\"{{src}}\" />"),
            "<view class=\"a\" wx:if=\"{{a>1||b}}\">列表 {{n}}</view><image src=\"{{src}}\"/>"
        );
    }
}
